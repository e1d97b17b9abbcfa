"""The Actors dock and the dossier in the real window on the demo project.

Dialogs are answered by callbacks that wait for the modal widget; every outcome is checked
in the store (the project file), not in the widgets' attributes.
"""

from __future__ import annotations

import pytest
from gui_wait import when_modal
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)

from annotator.gui.actors_model import COLUMNS, ID_ROLE
from annotator.gui.dossier import ENTRY_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
COUNT_COLUMNS = {field: column for column, (_title, field) in enumerate(COLUMNS) if column >= 3}


@pytest.fixture
def window(make_window):
    window = make_window()
    window.actors.show()
    window.actors.raise_()
    return window


def click_button(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(dialog) -> QPushButton:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def undo(qtbot, window) -> None:
    """Ctrl+Z in the reader, as a person does once a dialog has closed."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)


def row_index(dock, entity_id: str) -> QModelIndex:
    proxy = dock.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if index.data(ID_ROLE) == entity_id:
            return index
    raise AssertionError(f"{entity_id} is not listed")


def click_row(qtbot, dock, entity_id: str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    index = row_index(dock, entity_id)
    dock.view.scrollTo(index)
    point = dock.view.visualRect(index).center()
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, modifiers, point)


def by_name(project, name: str):
    return next(e for e in project.registry.all() if e.name == name)


def mention_ids(project, entity_id: str) -> set[str]:
    return {ann_id for ann_id, _doc, _modified in project.registry.mentions(entity_id)}


def entity_ids(project) -> set[str]:
    return {e.id for e in project.registry.all()}


# -- the list -----------------------------------------------------------------------------------


def test_lists_the_registry_with_the_stores_counts(window) -> None:
    dock, project = window.actors, window.session.project
    counts = project.registry.counts(window.session.layer)
    assert dock.proxy.rowCount() == len(counts) == len(project.registry.all())
    for row in range(dock.proxy.rowCount()):
        entity_id = dock.proxy.index(row, 0).data(ID_ROLE)
        for field, column in COUNT_COLUMNS.items():
            shown = dock.proxy.index(row, column).data() or "0"
            assert int(shown) == getattr(counts[entity_id], field), (entity_id, field)
    names = [dock.proxy.index(r, 0).data() for r in range(dock.proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)  # sorted by name to begin with


def test_sorting_by_a_count_column(qtbot, window) -> None:
    dock = window.actors
    header = dock.view.horizontalHeader()
    column = COUNT_COLUMNS["mentions"]
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(column) + 5, 5),
    )
    values = [int(dock.proxy.index(r, column).data() or 0) for r in range(dock.proxy.rowCount())]
    assert values in (sorted(values), sorted(values, reverse=True))
    assert len(set(values)) > 1


def test_typing_in_the_filter_narrows_the_rows(qtbot, window) -> None:
    dock, project = window.actors, window.session.project
    total = dock.proxy.rowCount()
    qtbot.keyClicks(dock.search, "stastna")  # finds "Ilona Šťastná" by an alias and by key
    assert [dock.proxy.index(r, 0).data() for r in range(dock.proxy.rowCount())] == [
        "Ilona Šťastná"
    ]
    dock.search.clear()
    assert dock.proxy.rowCount() == total
    qtbot.keyClicks(dock.search, "person")
    persons = [e for e in project.registry.all() if e.type == "person"]
    assert dock.proxy.rowCount() == len(persons)
    assert "of" in dock.summary.text()


# -- edits and their undo ---------------------------------------------------------------------


def test_add_through_the_dialog_then_undo(qtbot, window) -> None:
    dock, project = window.actors, window.session.project
    before = len(project.registry.all())

    def fill(dialog) -> None:
        assert not ok(dialog).isEnabled()  # no name yet
        qtbot.keyClicks(dialog.findChild(QLineEdit, "entity-name"), "Zora Petrovic")
        types = dialog.findChild(QComboBox, "entity-type")
        types.setCurrentIndex(types.findData("person"))
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "entity-aliases"), "Petrovic")
        click_button(qtbot, ok(dialog))

    timer = when_modal(fill)
    click_button(qtbot, dock.buttons["add"])
    timer.stop()
    added = by_name(project, "Zora Petrovic")
    assert (added.type, added.aliases) == ("person", ["Petrovic"])
    assert dock.selected_ids() == [added.id]
    assert len(project.registry.all()) == before + 1

    undo(qtbot, window)
    assert len(project.registry.all()) == before
    qtbot.waitUntil(lambda: dock.model.rowCount() == before)


def test_edit_aliases_then_undo(qtbot, window) -> None:
    dock, project = window.actors, window.session.project
    entity = by_name(project, "Tobias Rennert")
    click_row(qtbot, dock, entity.id)

    def add_alias(dialog) -> None:
        aliases = dialog.findChild(QPlainTextEdit, "entity-aliases")
        assert aliases.toPlainText() == "Rennert"
        aliases.setFocus()
        qtbot.keyClick(aliases, Qt.Key.Key_End, CTRL)
        qtbot.keyClick(aliases, Qt.Key.Key_Return)
        qtbot.keyClicks(aliases, "T. Rennert")
        click_button(qtbot, ok(dialog))

    timer = when_modal(add_alias)
    click_button(qtbot, dock.buttons["edit"])
    timer.stop()
    assert project.registry.get(entity.id).aliases == ["Rennert", "T. Rennert"]
    qtbot.waitUntil(lambda: "T. Rennert" in row_index(dock, entity.id).siblingAtColumn(2).data())

    undo(qtbot, window)
    assert project.registry.get(entity.id).aliases == ["Rennert"]
    assert project.registry.get(entity.id).name == entity.name


def test_merge_two_entities_then_undo_restores_both(qtbot, window) -> None:
    dock, project = window.actors, window.session.project
    keep, other = by_name(project, "Darya Lenskaya"), by_name(project, "Liang Shuwen")
    keep_mentions, other_mentions = mention_ids(project, keep.id), mention_ids(project, other.id)
    assert keep_mentions and other_mentions
    click_row(qtbot, dock, keep.id)
    click_row(qtbot, dock, other.id, CTRL)
    assert dock.selected_ids() == [keep.id, other.id]
    assert dock.buttons["merge"].isEnabled()

    timer = when_modal(lambda box: click_button(qtbot, box.findChild(QPushButton, "keep-first")))
    click_button(qtbot, dock.buttons["merge"])
    timer.stop()
    assert other.id not in entity_ids(project)
    assert mention_ids(project, keep.id) == keep_mentions | other_mentions
    assert {"Liang Shuwen", "Liang"} <= set(project.registry.get(keep.id).aliases)
    qtbot.waitUntil(lambda: dock.model.rowCount() == len(project.registry.all()))

    undo(qtbot, window)
    assert project.registry.get(keep.id) == keep
    assert project.registry.get(other.id) == other
    assert mention_ids(project, keep.id) == keep_mentions
    assert mention_ids(project, other.id) == other_mentions


def test_cancelled_merge_changes_nothing(qtbot, window) -> None:
    dock, project = window.actors, window.session.project
    a, b = by_name(project, "Darya Lenskaya"), by_name(project, "Liang Shuwen")
    click_row(qtbot, dock, a.id)
    click_row(qtbot, dock, b.id, CTRL)
    timer = when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    click_button(qtbot, dock.buttons["merge"])
    timer.stop()
    assert project.registry.get(a.id) == a and project.registry.get(b.id) == b
    assert window.session.undo_stack.count() == 0


def test_split_alias_then_undo(qtbot, window) -> None:
    dock, project, layer = window.actors, window.session.project, window.session.layer
    entity = by_name(project, "Government of Valdoria")
    alias = "Velmar"
    moving = {
        ann_id
        for ann_id in mention_ids(project, entity.id)
        if layer.annotation(ann_id).text.strip() == alias
    }
    click_row(qtbot, dock, entity.id)

    def choose(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.findChild(QComboBox).setCurrentText(alias)
        click_button(qtbot, ok(dialog))

    timer = when_modal(choose)
    click_button(qtbot, dock.buttons["split"])
    timer.stop()
    new = by_name(project, alias)
    assert (new.type, alias in project.registry.get(entity.id).aliases) == (entity.type, False)
    assert mention_ids(project, new.id) == moving
    assert dock.selected_ids() == [new.id]

    undo(qtbot, window)
    assert new.id not in entity_ids(project)
    assert set(project.registry.get(entity.id).aliases) == set(entity.aliases)
    assert mention_ids(project, entity.id) >= moving


def test_delete_then_undo_relinks_the_mentions(qtbot, window) -> None:
    dock, session = window.actors, window.session
    project, layer = session.project, session.layer
    # an entity mentioned in the open document: the reader's annotations must follow too
    shown = {a.entity for a in session.annotations.values() if a.entity}
    entity = next(e for e in project.registry.all() if e.id in shown)
    mentions = project.registry.mentions(entity.id)
    in_document = [a for a in session.annotations.values() if a.entity == entity.id]
    click_row(qtbot, dock, entity.id)

    timer = when_modal(lambda box: click_button(qtbot, box.button(QMessageBox.StandardButton.Yes)))
    click_button(qtbot, dock.buttons["delete"])
    timer.stop()
    assert entity.id not in entity_ids(project)
    assert all(layer.annotation(ann_id).entity is None for ann_id, _d, _m in mentions)
    assert all(session.annotations[a.id].entity is None for a in in_document)

    undo(qtbot, window)
    assert project.registry.get(entity.id) == entity
    assert project.registry.mentions(entity.id) == mentions  # the same ids, the same times
    assert all(session.annotations[a.id].entity == entity.id for a in in_document)
    qtbot.waitUntil(lambda: dock.model.rowCount() == len(project.registry.all()))


# -- the dossier --------------------------------------------------------------------------------


def quotes_spoken_by(project, layer, entity_id: str) -> set[str]:
    """Quote ids whose speaker is a mention linked to the entity, read document by document."""
    found = set()
    for doc in project.documents.all():
        annotations = {a.id: a for a in layer.annotations(doc.id)}
        for rel in layer.relations(doc.id):
            target = annotations[rel.target]
            if rel.type == "speaker" and target.entity == entity_id:
                found.add(rel.source)
    return found


def test_dossier_lists_the_quotes_and_jumps_to_one(qtbot, window) -> None:
    dock, session = window.actors, window.session
    project = session.project
    entity = by_name(project, "Ondřej Hálek")
    expected = quotes_spoken_by(project, session.layer, entity.id)
    assert len(expected) >= 2
    index = row_index(dock, entity.id)
    dock.view.scrollTo(index)
    point = dock.view.visualRect(index).center()
    # a double-click is a press, a release and a second press: Qt wants the first, too
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dossier = dock.dossiers[entity.id]
    qtbot.waitExposed(dossier)
    rows = dossier.items("speaker")
    assert {item.data(0, ENTRY_ROLE).annotation_id for item in rows} == expected
    counts = project.registry.counts(session.layer)[entity.id]
    assert len(dossier.items("claimant")) == counts.demands_made
    assert len(dossier.items("addressee")) == counts.demands_received

    # a quote in another document than the open one
    item = next(i for i in rows if i.data(0, ENTRY_ROLE).document_id != session.document.id)
    entry = item.data(0, ENTRY_ROLE)
    dossier.tree.scrollToItem(item)
    qtbot.mouseClick(
        dossier.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dossier.tree.visualItemRect(item).center(),
    )
    assert session.document.id == entry.document_id
    assert session.selected == entry.annotation_id
    assert window.reader.selected == entry.annotation_id
    assert entry.text[:20] in dossier.context.toPlainText()
    dossier.close()
    qtbot.waitUntil(lambda: entity.id not in dock.dossiers)


def test_the_dossier_context_line_leaves_out_what_is_not_known(qtbot, make_window, tmp_path):
    from annotator import Project

    path = tmp_path / "dossier.annotator"
    first = "Karamov spoke first.\n\nLater, “we will not give up,” Karamov said."
    second = "“Talks resume today,” Karamov said."
    with Project.create(path, annotator="Tester") as p:
        karamov = p.registry.add("Sergei Karamov", type="person").value
        layer = p.layer()
        for text, title, published in ((first, "", ""), (second, "Talks", "2026-03-14")):
            doc = p.documents.add(text, title=title, published=published).value
            at = text.rindex("Karamov")
            actor = layer.add_annotation(doc.id, "Actor", [(at, at + 7)], entity=karamov.id)
            quote = text.index("“") + 1
            words = text[quote:].split("”")[0]
            said = layer.add_annotation(doc.id, "Quote", [(quote, quote + len(words))])
            layer.add_relation("speaker", said.value.id, actor.value.id)
    window = make_window(path)
    dock = window.actors
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.proxy.rowCount() == 1)
    index = row_index(dock, karamov.id)
    point = dock.view.visualRect(index).center()
    qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(dock.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dossier = dock.dossiers[karamov.id]
    qtbot.waitExposed(dossier)
    rows = dossier.items("speaker")
    assert [(r.text(0), r.text(1), r.text(2)) for r in rows] == [
        ("we will not give up,", "(untitled)", ""),
        ("Talks resume today,", "Talks", "2026-03-14"),
    ]
    lines = []
    for item in rows:
        dossier.tree.setCurrentItem(item)  # the context shows the current row
        lines.append(dossier.context.toPlainText().splitlines())
    untitled, dated = lines
    assert untitled[0] == "(untitled) · paragraph 2 of 2 · Quote"
    assert untitled[-1] == "Later, “we will not give up,” Karamov said."  # its paragraph
    assert dated[0] == "Talks · 2026-03-14 · Quote"  # one paragraph: no position
    assert dated[-1] == "“Talks resume today,” Karamov said."
    dossier.close()
