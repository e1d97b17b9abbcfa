"""The Problems panel in the real window: it lists the project's unfinished annotations and
an entry opens its document with the annotation selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator import Project
from annotator.demo import write_demo
from annotator.gui.commands import SetRelation
from annotator.gui.problems_dock import ANN_ID_ROLE, DOC_ID_ROLE, ProblemsDock


@pytest.fixture
def spoiled_demo(tmp_path: Path) -> Path:
    """The demo (which has no problems) with a speaker removed from a document other than the
    first, and a mention unlinked."""
    path = tmp_path / "problems.annotator"
    write_demo(path, annotator="Tester")  # in the layer of the window's annotator
    with Project.open(path, annotator="Tester") as p:
        layer = p.layer()
        docs = [d for d in p.documents.all() if layer.annotations(d.id)]
        rel = next(r for d in docs[1:] for r in layer.relations(d.id) if r.type == "speaker")
        layer.delete_relation(rel.id)
        actor = next(a for a in layer.annotations(docs[2].id) if a.label == "Actor")
        layer.link_mention(actor.id, None)
    return path


def rows(dock: ProblemsDock) -> list[tuple[str, str]]:
    """(document id, annotation id) of every row the list shows."""
    model = dock.view.model()
    return [
        (model.index(r, 0).data(DOC_ID_ROLE), model.index(r, 0).data(ANN_ID_ROLE))
        for r in range(model.rowCount())
    ]


def show(dock: ProblemsDock) -> None:
    """Bring the dock's tab to the front, as a click on it does: only then is it read."""
    dock.show()
    dock.raise_()


def test_dock_is_in_the_window_and_the_view_menu(make_window) -> None:
    window = make_window()
    dock = window.findChild(ProblemsDock, "problems")
    assert dock is window.problems
    assert dock.windowTitle() == "Problems"
    (view_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    assert dock.toggleViewAction() in view_menu.actions()
    assert window.tabifiedDockWidgets(window.annotations).count(dock) == 1
    assert not dock.model.loaded  # nothing is read while the dock is hidden behind its tab
    show(dock)
    assert dock.model.loaded
    assert dock.summary.text() == "No problems"  # the demo is complete
    assert window.session.ordered()  # and it is this annotator's layer that is complete


def test_dock_lists_problems_and_opens_them(make_window, spoiled_demo: Path, qtbot) -> None:
    window = make_window(spoiled_demo)
    dock = window.problems
    show(dock)
    with Project.open(spoiled_demo, readonly=True, annotator="Tester") as p:
        expected = [(x.document_id, x.annotation_id) for x in p.layer().problems()]
        assert expected == [(x.document_id, x.annotation_id) for x in p.problems()]
    assert len(expected) >= 2
    qtbot.waitUntil(lambda: rows(dock) == expected, timeout=2000)
    assert dock.summary.text() == f"{len(expected)} problems"

    first_doc = window.session.document.id
    row = next(i for i, (doc_id, _ann) in enumerate(expected) if doc_id != first_doc)
    doc_id, ann_id = expected[row]
    dock.activate(row)
    assert window.session.document.id == doc_id
    assert window.session.selected == ann_id

    # fixing the problem (linking the speaker) removes it from the list
    problem = next(x for x in dock.problems if x.kind == "quote without speaker")
    dock.activate([a for _d, a in rows(dock)].index(problem.annotation_id))
    actor = next(a for a in window.session.ordered() if a.label == "Actor")
    session = window.session
    assert session.perform(SetRelation(session, "speaker", problem.annotation_id, actor.id))
    qtbot.waitUntil(lambda: len(rows(dock)) == len(expected) - 1, timeout=2000)
    assert problem.annotation_id not in [a for _d, a in rows(dock)]


def test_this_document_only(qtbot, make_window, spoiled_demo: Path) -> None:
    window = make_window(spoiled_demo)
    dock = window.problems
    show(dock)
    every = rows(dock)
    assert len(every) >= 2
    doc_id = every[-1][0]
    window.open_document(doc_id)
    dock.only_document.setChecked(True)
    assert rows(dock) == [r for r in every if r[0] == doc_id]
    dock.only_document.setChecked(False)
    assert rows(dock) == every
    # activating with the keyboard (Enter on the current row) works too
    dock.view.setCurrentIndex(dock.model.index(0, 0))
    dock.view.setFocus()
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)
    assert window.session.document.id == every[0][0]
    assert window.session.selected == every[0][1]
