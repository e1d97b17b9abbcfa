"""The window's one funnel: an edit is committed, pushed and announced once with its change
record, and every view updates what the record names (and nothing re-reads the corpus).
Undo never edits a document the user cannot see. Other layers are shown read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_mouse import click_text, drag_select, hover_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QToolTip

from annotator import Project
from annotator.gui.documents_model import ID_ROLE

TEXTS = (
    "Karamov said the talks in Geneva would resume next week.",
    "Belotsky called for a cease-fire along the northern border.",
    "Illešová demanded humanitarian access to the besieged town.",
)


@pytest.fixture
def three_articles(tmp_path: Path) -> Path:
    path = tmp_path / "three.annotator"
    with Project.create(path) as p:
        for i, text in enumerate(TEXTS):
            p.documents.add(text, title=f"Article {i + 1}")
        p.registry.add("Sergei Karamov", type="person", aliases=["Karamov"])
    return path


def stored(path: Path, doc_id: str, name: str = "Tester") -> list[tuple[str, str]]:
    with Project.open(path, readonly=True, annotator=name) as p:
        return [(a.label, a.text) for a in p.layer().annotations(doc_id)]


def documents_row(window, doc_id: str) -> dict[str, str]:
    model = window.documents.model
    row = model.row_of(doc_id)
    assert row is not None
    return {model.columns[c]: model.index(row, c).data() for c in range(model.columnCount())}


def tag(qtbot, window, start: int, end: int, key: Qt.Key) -> None:
    drag_select(window.reader, start, end)
    qtbot.keyClick(window.reader, key)


def test_an_edit_is_announced_once_and_every_view_shows_it(
    qtbot, make_window, three_articles: Path
) -> None:
    window = make_window(three_articles)
    session = window.session
    doc_id = session.document.id
    records = []
    session.changed.connect(records.append)
    assert documents_row(window, doc_id)["annotations"] == "0"
    assert documents_row(window, doc_id)["state"] == "new"

    tag(qtbot, window, 13, 55, Qt.Key.Key_Q)  # "the talks in Geneva would resume next week"

    assert len(records) == 1
    (record,) = records
    (ann_id,) = record.annotations.added
    assert record.documents_of[ann_id] == doc_id
    assert record.statuses.updated == {doc_id}  # the first edit put it in progress
    assert stored(three_articles, doc_id) == [("Quote", TEXTS[0][13:55])]
    # the reader, the annotation list, the documents row and the status line all show it
    assert ann_id in window.reader.labels
    assert [a.id for a in window.annotations.model.rows] == [ann_id]
    assert documents_row(window, doc_id)["annotations"] == "1"
    assert documents_row(window, doc_id)["state"] == "in progress"
    assert window.status_line.saved.text() == "Saved ✓"


def test_undo_of_an_edit_in_another_document_opens_that_document_first(
    qtbot, make_window, three_articles: Path
) -> None:
    window = make_window(three_articles)
    session = window.session
    first = session.document.id
    tag(qtbot, window, 0, 7, Qt.Key.Key_A)
    (mention,) = session.annotations
    window.step_document(1)
    second = session.document.id
    assert second != first
    window.reader.setFocus()

    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    # The document of the edit is open again, and the edit was undone there, in sight.
    assert session.document.id == first
    assert window.heading.text() == "Article 1"
    assert window.reader.toPlainText() == TEXTS[0]
    assert stored(three_articles, first) == []
    assert mention not in window.reader.labels
    assert stored(three_articles, second) == []

    window.step_document(1)
    assert session.document.id == second
    window.reader.setFocus()
    qtbot.keyClick(
        window.reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert session.document.id == first
    assert stored(three_articles, first) == [("Actor", "Karamov")]
    assert session.selected == mention  # the redone annotation is selected
    assert mention in window.reader.labels


def test_the_actors_dock_follows_an_edit_without_reading_the_registry_again(
    qtbot, make_window, three_articles: Path
) -> None:
    window = make_window(three_articles)
    dock, project = window.actors, window.session.project
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.model.loaded, timeout=2000)
    (entity,) = project.registry.all()
    row = dock.model.row_of(entity.id)
    mentions = dock.model.index(row, 3)
    assert mentions.data() == ""

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("the whole registry was read again after an edit")

    counts = project.registry.counts

    def counts_of_some(layer=None, entity_ids=None):
        assert entity_ids is not None, "every actor's counts were read again after an edit"
        return counts(layer, entity_ids)

    dock.model.reload = must_not_run  # type: ignore[method-assign]
    project.registry.counts = counts_of_some  # type: ignore[method-assign]
    tag(qtbot, window, 0, 7, Qt.Key.Key_A)  # "Karamov": linked to the entity by its alias

    assert dock.model.index(row, 3).data() == "1"


def test_the_problems_list_follows_the_document_that_changed(
    qtbot, make_window, three_articles: Path
) -> None:
    window = make_window(three_articles)
    dock, session = window.problems, window.session
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.model.loaded, timeout=2000)
    assert dock.summary.text() == "No problems"

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("every problem of the corpus was counted again after an edit")

    session.layer.problem_counts = must_not_run  # type: ignore[method-assign]
    tag(qtbot, window, 13, 55, Qt.Key.Key_Q)  # a quote without a speaker
    (quote,) = session.annotations
    assert dock.summary.text() == "1 problem"
    assert [p.annotation_id for p in dock.problems] == [quote]
    assert dock.model.index(0, 1).data().startswith("Quote without a speaker")

    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dock.summary.text() == "No problems"
    assert dock.problems == []


@pytest.fixture
def two_layers(tmp_path: Path) -> tuple[Path, str]:
    """One article; Ben tagged a quote in it, Tester nothing yet."""
    path = tmp_path / "layers.annotator"
    with Project.create(path, annotator="Ben") as p:
        doc = p.documents.add(TEXTS[0], title="Talks").value
        p.layer().add_annotation(doc.id, "Quote", [(13, 55)])
    return path, doc.id


def test_the_reader_shows_this_annotators_layer_and_others_read_only(
    qtbot, make_window, two_layers: tuple[Path, str]
) -> None:
    path, doc_id = two_layers
    window = make_window(path)
    session, reader = window.session, window.reader
    assert session.document.id == doc_id
    assert session.annotations == {}  # Ben's quote is not Tester's
    assert len(reader.index) == 0
    assert documents_row(window, doc_id)["annotations"] == "0"

    layers_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "layers-menu")
    layers_menu.aboutToShow.emit()
    (ben,) = [a for a in layers_menu.actions() if a.text() == "Ben"]
    ben.trigger()

    assert len(reader.other_index) == 1
    assert "Ben" in window.status_line.currentMessage()
    hover_text(reader, 20)
    shown = QTextDocument()
    shown.setHtml(QToolTip.text())  # what the tooltip renders
    assert shown.toPlainText() == "Ben's layer (read-only): Quote"
    # Clicking it selects nothing and Delete deletes nothing: it is not this layer's.
    click_text(reader, 20)
    assert session.selected is None
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    with Project.open(path, readonly=True) as p:
        (ben_layer,) = [layer for layer in p.layers() if layer.name == "Ben"]
        assert [(a.label, a.text) for a in ben_layer.annotations(doc_id)] == [
            ("Quote", TEXTS[0][13:55])
        ]

    # Tagging over it makes Tester's own annotation; Ben's stays as it was.
    tag(qtbot, window, 0, 7, Qt.Key.Key_A)
    assert stored(path, doc_id) == [("Actor", "Karamov")]
    assert stored(path, doc_id, "Ben") == [("Quote", TEXTS[0][13:55])]
    assert documents_row(window, doc_id)["annotations"] == "1"

    ben.trigger()  # hide again
    assert len(reader.other_index) == 0


def test_the_documents_list_shows_this_layers_counts(
    make_window, two_layers: tuple[Path, str]
) -> None:
    path, doc_id = two_layers
    window = make_window(path, name="Ben")
    model = window.documents.model
    assert model.index(0, 0).data(ID_ROLE) == doc_id
    assert documents_row(window, doc_id)["annotations"] == "1"
    assert len(window.reader.index) == 1


def test_tagging_all_occurrences_puts_every_document_it_tagged_in_progress(
    make_window, three_articles: Path
) -> None:
    from annotator.gui.mention_commands import ApplyPropagation

    window = make_window(three_articles)
    session = window.session
    project = session.project
    with Project.open(three_articles, readonly=True) as p:
        ids = [d.id for d in p.documents.all()]
    occurrences = project.registry.propagation_preview(
        None, text="Karamov", label="Actor", layer=session.layer
    ) + project.registry.propagation_preview(
        None, text="Illešová", label="Actor", layer=session.layer
    )
    assert [o.document_id for o in occurrences] == [ids[0], ids[2]]
    assert session.perform(ApplyPropagation(session, occurrences, None, "Actor"))
    with Project.open(three_articles, readonly=True, annotator="Tester") as p:
        states = [p.layer().status(i) for i in ids]
    assert states == ["in_progress", "new", "in_progress"]
    assert [documents_row(window, i)["state"] for i in ids] == ["in progress", "new", "in progress"]


def test_undoing_the_first_tag_of_a_document_makes_it_new_again(
    qtbot, make_window, three_articles: Path
) -> None:
    window = make_window(three_articles)
    doc_id = window.session.document.id
    tag(qtbot, window, 0, 7, Qt.Key.Key_A)
    tag(qtbot, window, 13, 55, Qt.Key.Key_Q)
    assert documents_row(window, doc_id)["state"] == "in progress"
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, ctrl)  # the quote: still in progress
    with Project.open(three_articles, readonly=True, annotator="Tester") as p:
        assert p.layer().status(doc_id) == "in_progress"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, ctrl)  # the first tag: new again
    with Project.open(three_articles, readonly=True, annotator="Tester") as p:
        assert p.layer().status(doc_id) == "new"
    assert documents_row(window, doc_id)["state"] == "new"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    with Project.open(three_articles, readonly=True, annotator="Tester") as p:
        assert p.layer().status(doc_id) == "in_progress"
    assert documents_row(window, doc_id)["state"] == "in progress"
