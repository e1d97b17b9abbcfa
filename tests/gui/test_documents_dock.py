"""The Documents dock, used as a person uses it: clicks, arrow keys, typing, the filter.

Each test builds a real project file, opens it in a real session and checks what the list
shows against what the store says.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator import Project
from annotator.core.fields import clean_title
from annotator.core.model import DocumentInput
from annotator.gui.commands import AddAnnotation, SetStatus
from annotator.gui.documents_dock import DocumentsDock
from annotator.gui.documents_model import PAGE
from annotator.gui.session import Session
from annotator.store.listing import Listing

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ARTICLES = [
    # stored as "Ceasefire <b>talks</b> < 2 days": markup a title must show, never render
    (
        "Ceasefire &lt;b&gt;talks&lt;/b&gt; < 2 days",
        "Reuters",
        "2022-03-01",
        "Karamov said talks would resume.",
    ),
    ("Budget vote delayed", "AP", "2022-01-15", "The parliament delayed the budget vote."),
    ("Envoy visits Vilnius", None, None, "The envoy met Belotsky in Vilnius."),
    ("aid convoy reaches town", "dpa", "2022-02-10", "An aid convoy reached the town."),
    ("Karamov rejects demands", "BBC", "2022-04-20", "Karamov rejected the union's demands."),
]
TITLES = [clean_title(a[0])[0] for a in ARTICLES]


@pytest.fixture
def open_dock(qtbot, tmp_path: Path) -> Iterator[Callable[..., tuple[DocumentsDock, Session]]]:
    """``open_dock(articles)``: a project with these articles, open in a session and a dock."""
    sessions: list[Session] = []

    def factory(articles=ARTICLES, items: list[DocumentInput] | None = None):
        path = tmp_path / "docs.annotator"
        with Project.create(path, annotator="Tester") as p:
            if items is not None:
                p.documents.add_many(items)
            for title, source, published, text in articles:
                p.documents.add(text, title=title, source=source, published=published)
        session = Session(annotator_name="Tester")
        sessions.append(session)
        dock = DocumentsDock(session)
        qtbot.addWidget(dock)
        dock.resize(520, 640)
        dock.show()
        qtbot.waitExposed(dock)
        session.open_project(path)
        return dock, session

    yield factory
    for session in sessions:
        session.close_project()


def shown(dock: DocumentsDock, column: int = 0) -> list[str]:
    """The texts of one column for the rows the list has announced."""
    model = dock.view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def column_of(dock: DocumentsDock, header: str) -> int:
    model = dock.view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return headers.index(header)


def row_ids(dock: DocumentsDock) -> list[str]:
    model = dock.model
    return [model.doc_id(r) or "" for r in range(model.rowCount())]


def click_row(qtbot, dock: DocumentsDock, row: int) -> None:
    rect = dock.view.visualRect(dock.view.model().index(row, 0))
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_header(qtbot, dock: DocumentsDock, column: int) -> None:
    header = dock.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_lists_every_document_with_plain_text_titles(open_dock) -> None:
    dock, _session = open_dock()
    assert dock.objectName() == "documents" and dock.windowTitle() == "Documents"
    assert shown(dock) == TITLES
    assert shown(dock)[0] == "Ceasefire <b>talks</b> < 2 days"
    assert shown(dock, column_of(dock, "Source")) == [a[1] or "" for a in ARTICLES]
    assert shown(dock, column_of(dock, "Date")) == [a[2] or "" for a in ARTICLES]
    assert set(shown(dock, column_of(dock, "Status"))) == {"new"}
    assert set(shown(dock, column_of(dock, "Annotations"))) == {"0"}
    tip = dock.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;talks&lt;/b&gt;" in tip and "<b>talks</b>" not in tip
    assert dock.summary.text() == "5 documents"


def test_clicking_and_arrow_keys_open_documents_and_select_does_not(qtbot, open_dock) -> None:
    dock, _session = open_dock()
    ids = row_ids(dock)
    with qtbot.waitSignal(dock.documentActivated) as opened:
        click_row(qtbot, dock, 2)
    assert opened.args == [ids[2]]
    with qtbot.waitSignal(dock.documentActivated) as opened:
        qtbot.keyClick(dock.view, Qt.Key.Key_Down)
    assert opened.args == [ids[3]]
    with qtbot.waitSignal(dock.documentActivated) as opened:
        qtbot.keyClick(dock.view, Qt.Key.Key_Return)  # Enter opens the current one again
    assert opened.args == [ids[3]]
    # the window calls select() when it opened a document: that must not open it again
    with qtbot.assertNotEmitted(dock.documentActivated):
        dock.select(ids[0])
        dock.select(ids[0])
    assert dock.view.currentIndex().row() == 0
    assert dock.next_id(ids[0]) == ids[1] and dock.previous_id(ids[1]) == ids[0]
    assert dock.previous_id(ids[0]) is None


def test_status_and_annotation_changes_update_their_row(qtbot, open_dock) -> None:
    dock, session = open_dock()
    ids = row_ids(dock)
    status = column_of(dock, "Status")
    session.open_document(ids[1])
    assert session.perform(SetStatus(session, ids[1], "done"))
    assert shown(dock, status)[1] == "done"
    layers = session.project.layers()
    assert {layer.name: layer.status(ids[1]) for layer in layers} == {"Tester": "done"}
    session.undo()
    assert shown(dock, status)[1] == "new"
    assert session.perform(AddAnnotation(session, "Actor", [(4, 14)]))  # "parliament"
    assert shown(dock, column_of(dock, "Annotations"))[1] == "1"
    assert dock.next_id(ids[0], not_done=True) == ids[1]


def test_the_filter_shows_exactly_the_documents_with_that_status(qtbot, open_dock) -> None:
    dock, session = open_dock()
    ids = row_ids(dock)
    for doc_id in (ids[0], ids[3]):
        session.perform(SetStatus(session, doc_id, "done"))
    session.perform(SetStatus(session, ids[4], "in_progress"))
    dock.filter.setFocus()
    qtbot.keyClicks(dock.filter, "D")  # a closed combo box picks the item starting with "D"
    assert dock.filter.currentText() == "Done"
    project = session.project
    listing = Listing(session.layer.annotator_id)
    done = [r.id for r in project.documents.page(listing, 0, 100) if r.state == "done"]
    assert row_ids(dock) == done == [ids[0], ids[3]]
    assert set(shown(dock, column_of(dock, "Status"))) == {"done"}
    assert dock.summary.text() == "2 of 5 documents (done)"
    dock.filter.setCurrentIndex(dock.filter.findText("New"))
    assert row_ids(dock) == [ids[1], ids[2]]
    dock.filter.setCurrentIndex(dock.filter.findText("In progress"))
    assert shown(dock) == [TITLES[4]]


def test_clicking_headers_sorts_and_keeps_the_current_document(qtbot, open_dock) -> None:
    dock, session = open_dock()
    ids = row_ids(dock)
    click_row(qtbot, dock, 4)
    with qtbot.assertNotEmitted(dock.documentActivated):
        click_header(qtbot, dock, column_of(dock, "Title"))
    titles = shown(dock)
    assert titles == sorted(TITLES, key=str.lower)
    assert dock.model.doc_id(dock.view.currentIndex().row()) == ids[4]  # still pointed at
    click_header(qtbot, dock, column_of(dock, "Title"))
    assert shown(dock) == titles[::-1]
    click_header(qtbot, dock, column_of(dock, "Title"))  # third click: import order
    assert row_ids(dock) == ids
    click_header(qtbot, dock, column_of(dock, "Date"))
    dates = shown(dock, column_of(dock, "Date"))
    assert dates == ["", "2022-01-15", "2022-02-10", "2022-03-01", "2022-04-20"]
    by_date = Listing(session.layer.annotator_id, sort="published")
    assert row_ids(dock) == [r.id for r in session.project.documents.page(by_date, 0, 9)]


def test_typing_searches_and_escape_goes_back_to_the_list(qtbot, open_dock) -> None:
    dock, session = open_dock()
    ids = row_ids(dock)
    dock.select(ids[1])
    dock.focus_search()
    qtbot.keyClicks(dock.search, "karam")  # a prefix, as it is typed
    qtbot.waitUntil(lambda: dock.model.query == "karam")
    found = {
        row.id
        for row, _ in session.project.documents.search_rows("karam", session.layer.annotator_id, 50)
    }
    assert set(row_ids(dock)) == found == {ids[0], ids[4]}
    match = column_of(dock, "Match")
    assert all("[Karamov]" in text for text in shown(dock, match))
    assert dock.view.isColumnHidden(column_of(dock, "Source"))
    with qtbot.waitSignal(dock.documentActivated) as opened:
        qtbot.keyClick(dock.search, Qt.Key.Key_Down)  # on to the results: opens the first
    assert opened.args[0] in found
    qtbot.keyClick(dock.view, Qt.Key.Key_Escape)
    assert dock.search.text() == "" and dock.model.query == ""
    assert row_ids(dock) == ids
    dock.focus_search()
    qtbot.keyClicks(dock.search, "no such words")
    qtbot.keyClick(dock.search, Qt.Key.Key_Return)  # Enter searches at once
    assert dock.model.rowCount() == 0 and dock.summary.text() == "No matches"
    qtbot.keyClick(dock.search, Qt.Key.Key_Escape)
    assert dock.search.text() == "" and dock.model.rowCount() == len(ids)


def test_reload_after_an_import_shows_the_new_documents(open_dock) -> None:
    dock, session = open_dock()
    session.project.documents.add("A new article about the envoy.", title="Later")
    session.corpus_changed()  # what the window says after an import in the background
    assert shown(dock)[-1] == "Later" and dock.summary.text() == "6 documents"


@pytest.mark.slow
def test_a_hundred_thousand_documents_load_lazily(qtbot, open_dock, monkeypatch) -> None:
    n = 100_000
    started = time.perf_counter()
    items = [
        DocumentInput(f"Short article {i} about talks.", title=f"Article {i}") for i in range(n)
    ]
    dock, session = open_dock(articles=[], items=items)
    print(f"\nimport and open {n:,} documents: {time.perf_counter() - started:.2f} s")
    model = dock.model

    started = time.perf_counter()
    dock.reload()
    dock.view.viewport().repaint()
    print(f"reload() + first paint: {(time.perf_counter() - started) * 1000:.1f} ms")
    assert model.rowCount() == PAGE  # one page announced, not 100,000 rows
    assert shown(dock)[:2] == ["Article 0", "Article 1"]

    QApplication.processEvents()  # the view lays itself out after the reset
    scrollbar = dock.view.verticalScrollBar()
    assert scrollbar.maximum() > 0
    scrollbar.setValue(scrollbar.maximum())  # scrolling to the bottom fetches the next page
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE)

    project = session.project
    pages: list[int] = []
    real = project.documents.page
    monkeypatch.setattr(
        project.documents,
        "page",
        lambda listing, offset, *a, **k: pages.append(offset) or real(listing, offset, *a, **k),
    )
    far = real(Listing(session.layer.annotator_id), 87_654, 1)[0].id
    started = time.perf_counter()
    with qtbot.assertNotEmitted(dock.documentActivated):
        dock.select(far)
    dock.view.viewport().repaint()
    print(f"select() of document 87,655 + paint: {(time.perf_counter() - started) * 1000:.1f} ms")
    current = dock.view.currentIndex()
    assert current.row() == 87_654 and current.data() == "Article 87654"
    assert model.rowCount() < n  # rows up to its page, and only the pages on screen were read
    assert len(pages) <= 2 and 87_600 in pages
    assert dock.view.visualRect(current).intersects(dock.view.viewport().rect())

    started = time.perf_counter()
    click_header(qtbot, dock, column_of(dock, "Title"))  # sorted as text: "Article 87654" moves
    dock.view.viewport().repaint()
    print(
        f"sort by title (keeping the current document): "
        f"{(time.perf_counter() - started) * 1000:.1f} ms"
    )
    assert dock.view.currentIndex().data() == "Article 87654"
    by_title = Listing(session.layer.annotator_id, sort="title")
    assert dock.view.currentIndex().row() == project.documents.position(far, by_title)


def test_in_the_window_a_click_opens_the_document_and_done_moves_on(qtbot, make_window) -> None:
    window = make_window()  # the demo project, its statuses in this annotator's layer
    dock, session = window.documents, window.session
    ids = row_ids(dock)
    status = column_of(dock, "Status")
    states = shown(dock, status)
    assert session.document is not None and session.document.id == ids[0]
    assert dock.view.currentIndex().row() == 0  # the window's first document is pointed at
    click_row(qtbot, dock, 1)
    assert session.document.id == ids[1]
    # a new document followed by a done one: "done and next" skips the done one
    row = next(r for r in range(len(ids) - 2) if states[r] == "new" and states[r + 1] == "done")
    following = next(r for r in range(row + 1, len(ids)) if states[r] != "done")
    assert following > row + 1
    click_row(qtbot, dock, row)
    assert session.document.id == ids[row]
    window.done_and_next()
    assert shown(dock, status)[row] == "done"
    assert session.document.id == ids[following]
    assert ids[following] == dock.model.doc_id(dock.view.currentIndex().row())


def test_a_search_shows_each_match_in_its_column(qtbot, make_window, monkeypatch) -> None:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from annotator.gui import main_window

    monkeypatch.setattr(main_window, "initial_size", lambda _window: (1024, 640))
    window = make_window()  # the demo, the documents dock as wide as it first opens
    dock = window.documents
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL_SHIFT)  # search all documents
    assert dock.search.hasFocus()
    qtbot.keyClicks(dock.search, "humanitarian")
    qtbot.keyClick(dock.search, Qt.Key.Key_Return)
    assert dock.model.rowCount() >= 4
    view, match = dock.view, column_of(dock, "Match")
    assert view.isColumnHidden(column_of(dock, "Status"))  # the match gets the room
    assert view.columnWidth(match) > view.columnWidth(column_of(dock, "Title"))
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for row in range(dock.model.rowCount()):
        index = dock.model.index(row, match)
        stored = index.data()
        assert "[humanitarian]" in stored.lower() or "[Humanitarian]" in stored
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        view.itemDelegateForIndex(index).initStyleOption(option, index)
        width = option.rect.width() - 2 * margin
        visible = QFontMetrics(option.font).elidedText(option.text, view.textElideMode(), width)
        assert "[humanitarian]" in visible.lower(), (stored, visible)
