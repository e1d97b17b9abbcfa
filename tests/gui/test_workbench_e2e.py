"""A whole session at the workbench: annotate an article completely, undo and redo, close,
reopen the project, and find everything as it was shown."""

from __future__ import annotations

import re

from gui_mouse import click_text, drag_select
from PySide6.QtCore import Qt

from annotator import Project

TEXT = (
    "VELMAR — “We will not,” Foreign Minister Sergei Karamov said on Monday, “give up a single "
    "village.” The teachers' union demanded that the government withdraw the decree before "
    "the talks resume.\n\nKaramov later told reporters the talks would continue."
)


def span(word: str, nth: int = 1) -> tuple[int, int]:
    at = -1
    for _ in range(nth):
        at = TEXT.index(word, at + 1)
    return at, at + len(word)


def tag(qtbot, window, word: str, key, nth: int = 1):
    start, end = span(word, nth)
    drag_select(window.reader, start, end)
    qtbot.keyClick(window.reader, key)
    return window.session.selected_annotation()


def test_annotate_an_article_completely_then_reopen(qtbot, make_window, article_project) -> None:
    path, doc_id = article_project(TEXT, title="Karamov rules out concessions")
    window = make_window(path)
    reader = window.reader
    A, Q, D, S, L, R = (
        Qt.Key.Key_A,
        Qt.Key.Key_Q,
        Qt.Key.Key_D,
        Qt.Key.Key_S,
        Qt.Key.Key_L,
        Qt.Key.Key_R,
    )

    karamov = tag(qtbot, window, "Sergei Karamov", A)
    union = tag(qtbot, window, "The teachers' union", A)
    government = tag(qtbot, window, "the government", A)
    later = tag(qtbot, window, "Karamov", A, nth=2)

    quote = tag(qtbot, window, "We will not", Q)  # discontinuous: add the second part
    start, end = span("give up a single village")
    drag_select(reader, start, end, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader, S)
    click_text(reader, span("Sergei Karamov")[0] + 3)

    demand = tag(qtbot, window, "withdraw the decree", D)
    qtbot.keyClick(reader, L)
    click_text(reader, span("teachers")[0] + 2)
    window.session.select(demand.id)
    qtbot.keyClick(reader, R)
    click_text(reader, span("the government")[0] + 5)

    layer = window.session.layer
    relations = {(r.type, r.source, r.target) for r in layer.relations(doc_id)}
    expected = {
        ("speaker", quote.id, karamov.id),
        ("claimant", demand.id, union.id),
        ("addressee", demand.id, government.id),
    }
    assert relations == expected
    assert [f.text for f in layer.annotation(quote.id).fragments] == [
        "We will not",
        "give up a single village",
    ]
    # every relation is set; the registry is empty, so the mentions are not linked yet
    assert window.annotations.header.text() == "4 actors not linked"
    assert len(window.session.layer.problems(doc_id)) == 4  # what the Problems panel lists

    # Undo everything back to an empty document, then redo it all.
    stack = window.session.undo_stack
    steps = stack.count()
    for _ in range(steps):
        qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layer.annotations(doc_id) == [] and layer.relations(doc_id) == []
    for _ in range(steps):
        qtbot.keyClick(
            reader,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    shown = {a.id: (a.label, a.text) for a in window.session.ordered()}
    assert {(r.type, r.source, r.target) for r in layer.relations(doc_id)} == expected
    assert later.id in shown

    window.close()
    with Project.open(path, readonly=True, annotator="Tester") as reopened:
        mine = reopened.layer()
        stored = {a.id: (a.label, a.text) for a in mine.annotations(doc_id)}
        assert stored == shown
        assert {(r.type, r.source, r.target) for r in mine.relations(doc_id)} == expected
        assert reopened.check().ok
        # the only layer is the window's, and the first edit put the document in progress
        assert {x.name: x.status(doc_id) for x in reopened.layers()} == {"Tester": "in_progress"}


def test_done_and_next_and_document_navigation(qtbot, make_window) -> None:
    window = make_window()  # the demo, some of its documents done in this annotator's layer
    session = window.session
    project, layer = session.project, session.layer
    ids = [d.id for d in project.documents.all()]
    states = [layer.status(i) for i in ids]
    done = states.count("done")
    assert f"{done} of 12 documents done" in window.status_line.progress.text()
    # a document not done yet, followed by another: Ctrl+PageUp from that one comes back here
    at = next(i for i in range(len(ids) - 1) if "done" not in (states[i], states[i + 1]))
    first = ids[at]
    window.documents.select(first)
    window.documents.view.setFocus()
    qtbot.keyClick(window.documents.view, Qt.Key.Key_Return)  # Enter opens it
    assert session.document.id == first
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert layer.status(first) == "done"
    second = session.document.id
    assert second == ids[at + 1] != first
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert session.document.id == first
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert session.document.id == second
    assert f"{done + 1} of 12 documents done" in window.status_line.progress.text()


def test_find_in_document(qtbot, make_window, article_project) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "talks")
    cursor = window.reader.textCursor()
    assert cursor.selectedText() == "talks"
    first = cursor.selectionStart()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.reader.textCursor().selectionStart() > first
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_a_dense_long_article_shows_its_first_screen_then_everything(
    qtbot, make_window, tmp_path
) -> None:
    text = "\n\n".join(" ".join(f"w{p:03d}x{i:03d}" for i in range(60)) for p in range(60))
    path = tmp_path / "dense.annotator"
    with Project.create(path) as p:
        p.documents.add("A short article opened first.", title="Short")
        doc = p.documents.add(text, title="Dense").value
        words = [m.span() for m in re.finditer(r"w\d{3}x\d{3}", text)]
        assert len(words) == 3600
        layer = p.layer()
        with p.transaction():
            for i, (start, end) in enumerate(words[:3000]):
                layer.add_annotation(doc.id, ("Actor", "Quote")[i % 2], [(start, end)])
    window = make_window(path)
    session = window.session
    window.open_document(doc.id)
    assert 0 < len(session.annotations) < 3000  # the first screen only, before the paint
    assert window.reader.toPlainText() == text
    qtbot.waitUntil(lambda: len(session.annotations) == 3000, timeout=5000)
    assert len(window.reader.labels) == 3000  # the reader shows all of them once loaded
    # opening is not an edit: no status was written, in any layer
    assert session.layer.status(doc.id) == "new"
    recorded = session.project.db.execute(
        "SELECT count(*) FROM document_status WHERE document = ?", [doc.id]
    ).fetchone()[0]
    assert recorded == 0
