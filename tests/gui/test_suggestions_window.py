"""Suggestions in the real window: made as a document opens, walked with . and , decided with
Enter and Backspace (one undo step each), counted in the bar, hidden on request."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

TEXT = (
    "“We will not surrender the port,” said Mara Velt, the harbour director. "
    "The union said that its members would strike on Friday. "
    "“Nobody asked us,” a dock worker told reporters."
)


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def mine(path: Path) -> list[tuple[str, str]]:
    """(label, origin) of Tester's annotations, as stored."""
    return rows(
        path,
        "SELECT a.label, a.origin FROM annotations a JOIN annotators p ON p.id = a.annotator "
        "WHERE p.name = 'Tester' ORDER BY a.start",
    )


def opened(qtbot, make_window, article_project):
    path, _doc_id = article_project(TEXT)
    window = make_window(path, show_suggestions=True, suggestion_engine="rules")
    suggestions = window.suggestions
    qtbot.waitUntil(lambda: len(suggestions.open) > 0, timeout=5000)
    return path, window, suggestions


def test_opening_a_document_suggests_in_the_background_and_shows_the_bar(
    qtbot, make_window, article_project
) -> None:
    path, _window, suggestions = opened(qtbot, make_window, article_project)
    labels = {s.annotation.label for s in suggestions.open}
    assert {"Quote", "Actor", "Cue"} <= labels
    stored = rows(path, "SELECT count(*) FROM annotations WHERE annotator = 'suggestions'")
    assert stored[0][0] == len(suggestions.open)
    assert mine(path) == []  # nothing in the person's layer until they accept
    assert suggestions.bar.isVisible()
    assert "Quote" in suggestions.bar.summary.text() and "open" in suggestions.bar.summary.text()


def test_walk_accept_with_enter_and_undo(qtbot, make_window, article_project) -> None:
    path, window, suggestions = opened(qtbot, make_window, article_project)
    reader = window.reader
    qtbot.keyClick(reader, Qt.Key.Key_Period)
    first = suggestions.current_suggestion()
    assert first is not None and first.annotation.text.startswith("We will not")
    assert "Enter accepts" in suggestions.bar.summary.text()
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    stored = mine(path)
    assert ("Quote", "suggestion") in stored and ("Actor", "suggestion") in stored
    speaker = rows(
        path,
        "SELECT t.fragments FROM relations r JOIN annotations t ON t.id = r.target "
        "JOIN annotators p ON p.id = r.annotator WHERE p.name = 'Tester' AND r.type = 'speaker'",
    )
    assert len(speaker) == 1 and "Mara Velt" in speaker[0][0]
    # the next one became current; the accepted one is no longer open
    assert suggestions.current is not None and suggestions.current != first.id
    assert first.id not in [s.id for s in suggestions.open]
    assert "accepted" in suggestions.bar.summary.text()
    qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert mine(path) == []
    assert first.id in [s.id for s in suggestions.open]


def test_reject_with_backspace_is_remembered(qtbot, make_window, article_project) -> None:
    path, window, suggestions = opened(qtbot, make_window, article_project)
    reader = window.reader
    qtbot.keyClick(reader, Qt.Key.Key_Comma)  # the last one
    last = suggestions.current_suggestion()
    assert last is not None
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    assert last.id not in [s.id for s in suggestions.open]
    verdicts = rows(path, "SELECT label, verdict FROM suggestion_verdicts")
    assert verdicts == [(last.annotation.label, "rejected")]
    # suggesting again leaves the rejected span out
    suggestions.suggest_in_background(window.session.document.id)
    suggestions.wait()
    qtbot.waitUntil(lambda: suggestions.pending is None, timeout=5000)
    spans = [(s.annotation.label, s.annotation.start) for s in suggestions.open]
    assert (last.annotation.label, last.annotation.start) not in spans
    assert mine(path) == []


def test_backspace_without_a_suggestion_deletes_the_selected_annotation(
    qtbot, make_window, article_project
) -> None:
    path, window, suggestions = opened(qtbot, make_window, article_project)
    qtbot.keyClick(window.reader, Qt.Key.Key_Period)
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert mine(path)
    suggestions.current = None
    window.session.select(window.session.ordered()[0].id)
    before = len(mine(path))
    qtbot.keyClick(window.reader, Qt.Key.Key_Backspace)
    assert len(mine(path)) == before - 1


def test_accept_every_suggestion_of_a_label(qtbot, make_window, article_project) -> None:
    path, window, suggestions = opened(qtbot, make_window, article_project)
    reader = window.reader
    while suggestions.current_suggestion() is None or (
        suggestions.current_suggestion().annotation.label != "Cue"
    ):
        qtbot.keyClick(reader, Qt.Key.Key_Period)
    cues = [s for s in suggestions.open if s.annotation.label == "Cue"]
    qtbot.keyClick(reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert [label for label, _ in mine(path)].count("Cue") == len(cues)
    assert not [s for s in suggestions.open if s.annotation.label == "Cue"]
    qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert mine(path) == []


def test_hiding_the_suggestions(qtbot, make_window, article_project) -> None:
    _path, window, suggestions = opened(qtbot, make_window, article_project)
    show = window.actions_by_name["show_suggestions"]
    assert show.isChecked()
    qtbot.keyClick(
        window.reader,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not show.isChecked() and not suggestions.bar.isVisible()
    assert suggestions.open == [] and window.settings.show_suggestions is False
    show.trigger()
    qtbot.waitUntil(lambda: len(suggestions.open) > 0, timeout=5000)


def test_the_menu_lists_the_keys(qtbot, make_window, article_project) -> None:
    _path, window, _suggestions = opened(qtbot, make_window, article_project)
    menu = window.findChild(QMenu, "suggestions-menu")
    names = [a.objectName() for a in menu.actions()]
    assert names[:5] == [
        "menu_next_suggestion",
        "menu_previous_suggestion",
        "menu_accept_suggestion",
        "menu_reject_suggestion",
        "menu_accept_label_suggestions",
    ]
    accept = menu.actions()[2]
    assert accept.text().endswith("\tReturn or Enter") and accept.shortcuts() == []
    assert "suggest_corpus" in names


def test_stored_suggestions_are_drawn_on_their_text_when_a_document_opens_again(
    qtbot, make_window, tmp_path
) -> None:
    """Opened after a shorter document, a document's stored suggestions are placed by its
    own text (an emoji first: Qt counts it twice), never by the previous one's."""
    from PySide6.QtGui import QTextCursor

    from annotator.store.project import Project

    path = tmp_path / "two.annotator"
    with Project.create(path) as p:
        short = p.documents.add("Rain.", title="Short").value
        long = p.documents.add("🌍 " + TEXT, title="Long").value
    window = make_window(path, show_suggestions=True, suggestion_engine="rules")
    suggestions = window.suggestions
    window.open_document(long.id)
    qtbot.waitUntil(lambda: len(suggestions.open) > 0, timeout=5000)
    made = {(s.annotation.label, s.annotation.text) for s in suggestions.open}
    window.open_document(short.id)
    qtbot.waitUntil(lambda: suggestions.pending is None, timeout=5000)
    window.open_document(long.id)  # suggested before: the stored ones are shown
    assert {(s.annotation.label, s.annotation.text) for s in suggestions.open} == made
    by_id = {s.id: s for s in suggestions.open}
    drawn = suggestions.index.overlapping(0, window.reader.document().characterCount())
    assert len(drawn) == len(by_id)
    for span in drawn:
        cursor = QTextCursor(window.reader.document())
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == by_id[span.key].annotation.text


def three_articles(tmp_path):
    from annotator.store.project import Project

    path = tmp_path / "three.annotator"
    with Project.create(path) as p:
        ids = [p.documents.add(f"{TEXT} ({n})", title=f"Port {n}").value.id for n in range(3)]
    return path, ids


def suggested_documents(path: Path) -> set[str]:
    query = "SELECT DISTINCT document FROM annotations WHERE annotator = 'suggestions'"
    return {r[0] for r in rows(path, query)}


def test_suggesting_for_all_documents_from_the_menu(qtbot, make_window, tmp_path) -> None:
    path, ids = three_articles(tmp_path)
    window = make_window(path, show_suggestions=False, suggestion_engine="rules")
    window.actions_by_name["suggest_corpus"].trigger()  # runs behind a progress dialog
    assert suggested_documents(path) == set(ids)
    assert "suggestion(s) in 3 document(s)" in window.statusBar().currentMessage()


def test_suggesting_for_the_selected_documents(qtbot, make_window, tmp_path) -> None:
    from PySide6.QtCore import QItemSelectionModel

    path, _ids = three_articles(tmp_path)
    window = make_window(path, show_suggestions=False, suggestion_engine="rules")
    view = window.documents.view
    view.clearSelection()
    window.actions_by_name["suggest_selected"].trigger()  # nothing selected
    assert suggested_documents(path) == set()
    assert "Select documents" in window.statusBar().currentMessage()
    for row in (0, 2):  # click, then Ctrl+click, as a person selects two of three
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        view.selectionModel().select(view.model().index(row, 0), flags)
    chosen = window.documents.selected_ids()
    assert len(chosen) == 2
    window.actions_by_name["suggest_selected"].trigger()
    assert suggested_documents(path) == set(chosen)
    assert "in 2 document(s)" in window.statusBar().currentMessage()


def test_tagging_a_suggested_span_by_hand_hides_that_suggestion(
    qtbot, make_window, article_project
) -> None:
    _path, window, suggestions = opened(qtbot, make_window, article_project)

    def velt_open() -> bool:
        return any(
            s.annotation.label == "Actor" and s.annotation.text == "Mara Velt"
            for s in suggestions.open
        )

    assert velt_open()
    start = TEXT.index("Mara Velt")
    cursor = window.reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Mara Velt"), cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    qtbot.keyClick(window.reader, Qt.Key.Key_A)
    assert [a.text for a in window.session.annotations.values()] == ["Mara Velt"]
    assert not velt_open()  # the person holds it now
    assert "Actor" in suggestions.bar.summary.text()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert velt_open()
