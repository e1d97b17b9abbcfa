"""Linking mentions to the actor registry in the real window, and "tag all occurrences"."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_mouse import drag_select
from gui_wait import when_modal, when_popup
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QMenu, QPushButton

from annotator import Project
from annotator.gui.entity_link import EntityPicker
from annotator.gui.propagation_dialog import PropagationDialog

FIRST = (
    "Sergey Karamov met Lindqvist in Valdor on Monday. Karamov said the talks would "
    "resume; Lindqvist agreed. Officials in Valdor welcomed it."
)
SECOND = "Karamov flew home. Sergei Karamov's deputy, Marta Olsen, stayed behind in Valdor."


@pytest.fixture
def linking_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Two articles and a registry: Karamov (with aliases) and two actors called Lindqvist."""
    path = tmp_path / "linking.annotator"
    with Project.create(path) as p:
        p.documents.add(FIRST, title="Talks")
        p.documents.add(SECOND, title="Home")
        registry = p.registry
        ids = {
            "karamov": registry.add(
                "Sergei Karamov", type="person", aliases=["Sergey Karamov", "Karamov"]
            ).value.id,
            "anna": registry.add("Anna Lindqvist", type="person", aliases=["Lindqvist"]).value.id,
            "erik": registry.add("Erik Lindqvist", type="person", aliases=["Lindqvist"]).value.id,
        }
    return path, ids


def tag_actor(qtbot, window, needle: str, occurrence: int = 0) -> None:
    text = window.session.document.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    drag_select(window.reader, start, start + len(needle))
    qtbot.keyClick(window.reader, Qt.Key.Key_A)


def stored(window) -> list:
    return window.session.layer.annotations(window.session.document.id)


def every_annotation(window) -> list:
    """This annotator's annotations in every document, in import order."""
    layer = window.session.layer
    return [a for doc in window.session.project.documents.all() for a in layer.annotations(doc.id)]


def preview(window, entity_id: str, **where) -> list:
    """What "tag all occurrences" of an actor should offer in this annotator's layer."""
    return window.session.project.registry.propagation_preview(
        entity_id, label="Actor", layer=window.session.layer, **where
    )


def undo(qtbot, window) -> None:
    # The window's shortcuts (Ctrl+Z) work in its active window; offscreen, a popup menu that
    # closed does not hand the activation back as a window manager does.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def editor_field(window):
    field = window.annotations.editor.entity_field
    assert field is not None and field.isVisible()
    return field


def test_tagging_an_alias_links_the_mention_and_undo_removes_it(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Sergey Karamov")
    (ann,) = stored(window)
    assert ann.label == "Actor" and ann.entity == ids["karamov"]
    assert window.session.selected == ann.id
    assert editor_field(window).current.text() == "Sergei Karamov"
    undo(qtbot, window)
    assert stored(window) == []
    assert window.session.annotations == {}


def test_an_unknown_name_is_tagged_unlinked(qtbot, make_window, linking_project) -> None:
    path, _ = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Valdor")
    (ann,) = stored(window)
    assert ann.entity is None
    assert editor_field(window).current.text() == "(not linked)"


def test_an_ambiguous_name_asks_and_the_choice_is_one_undo_step(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    seen: list[str] = []

    def choose(menu: QMenu) -> None:
        seen.extend(a.text() for a in menu.actions() if a.text())
        assert menu.activeAction() is not None
        assert menu.activeAction().data() == ids["anna"]
        qtbot.keyClick(menu, Qt.Key.Key_Down)  # the second candidate
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    when_popup(choose)
    tag_actor(qtbot, window, "Lindqvist")
    assert "Anna Lindqvist (person)" in seen and "Leave unlinked" in seen
    (ann,) = stored(window)
    assert ann.entity == ids["erik"]
    assert window.session.annotations[ann.id].entity == ids["erik"]
    undo(qtbot, window)
    assert stored(window) == []
    window.session.redo()
    (again,) = stored(window)
    assert again.id == ann.id and again.entity == ids["erik"]


def test_escape_on_the_ambiguous_menu_leaves_the_mention_unlinked(
    qtbot, make_window, linking_project
) -> None:
    path, _ = linking_project
    window = make_window(path)

    def dismiss(menu: QMenu) -> None:
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    when_popup(dismiss)
    tag_actor(qtbot, window, "Lindqvist")
    (ann,) = stored(window)
    assert ann.entity is None


def test_the_editor_completer_links_to_the_chosen_actor(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Valdor")
    field = editor_field(window)
    line = field.findChild(QLineEdit, "link-actor")
    line.setFocus()
    qtbot.keyClicks(line, "Lindkvist")  # a misspelling: fuzzy suggestions still find them
    popup = field.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    shown = [field.completer.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert "Erik Lindqvist (person)" in shown
    row = shown.index("Erik Lindqvist (person)")
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    (ann,) = stored(window)
    assert ann.entity == ids["erik"]
    assert field.current.text() == "Erik Lindqvist"
    qtbot.waitUntil(lambda: line.text() == "", timeout=1000)


def test_new_actor_from_a_mention_and_undo_removes_both(
    qtbot, make_window, linking_project
) -> None:
    path, _ = linking_project
    window = make_window(path)
    project, layer = window.session.project, window.session.layer
    tag_actor(qtbot, window, "Valdor")
    (ann,) = stored(window)
    before = {e.id for e in project.registry.all()}
    qtbot.mouseClick(
        editor_field(window).findChild(QPushButton, "new-actor-from-mention"),
        Qt.MouseButton.LeftButton,
    )
    (new,) = [e for e in project.registry.all() if e.id not in before]
    assert new.name == "Valdor"
    assert layer.annotation(ann.id).entity == new.id
    assert editor_field(window).current.text() == "Valdor"
    undo(qtbot, window)
    assert {e.id for e in project.registry.all()} == before
    assert layer.annotation(ann.id).entity is None  # the mention stays, unlinked
    undo(qtbot, window)
    assert stored(window) == []


def test_unlink_button_and_undo(qtbot, make_window, linking_project) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Karamov", occurrence=1)
    (ann,) = stored(window)
    assert ann.entity == ids["karamov"]
    unlink = editor_field(window).findChild(QPushButton, "unlink-actor")
    assert unlink.isEnabled()
    qtbot.mouseClick(unlink, Qt.MouseButton.LeftButton)
    assert window.session.layer.annotation(ann.id).entity is None
    assert not unlink.isEnabled()
    undo(qtbot, window)
    assert window.session.layer.annotation(ann.id).entity == ids["karamov"]


def test_propagation_previews_applies_kept_rows_and_undoes_in_one_step(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Sergey Karamov")  # already tagged: not offered again
    expected = preview(window, ids["karamov"])
    assert len(expected) == 3  # "Karamov" here, "Karamov" and "Sergei Karamov" in the other
    dialog = PropagationDialog(window.session, None, window, entity_id=ids["karamov"])
    qtbot.addWidget(dialog)
    assert dialog.scope.currentData() == "all"
    assert dialog.occurrences == expected
    first = dialog.tree.topLevelItem(0).text(1)
    assert "[Karamov]" in first and "\n" not in first
    dialog.scope.setCurrentIndex(dialog.scope.findData("document"))
    dialog.requery()
    assert dialog.occurrences == preview(
        window, ids["karamov"], document=window.session.document.id
    )
    dialog.scope.setCurrentIndex(dialog.scope.findData("all"))
    dialog.requery()
    dialog.skip_all.click()
    assert dialog.kept() == [] and not dialog.apply_button.isEnabled()
    dialog.keep_all.click()
    dialog.set_kept(1, False)
    kept = [o for i, o in enumerate(expected) if i != 1]
    assert dialog.kept() == kept
    dialog.apply_button.click()
    made = [a for a in every_annotation(window) if a.origin == "propagation"]
    assert sorted((a.document, a.start, a.end) for a in made) == sorted(
        (o.document_id, o.start, o.end) for o in kept
    )
    assert all(a.entity == ids["karamov"] and a.label == "Actor" for a in made)
    here = [a.id for a in made if a.document == window.session.document.id]
    assert all(i in window.session.annotations for i in here)
    undo(qtbot, window)
    left = every_annotation(window)
    assert [a.origin for a in left] == ["manual"]
    assert set(window.session.annotations) == {left[0].id}


def _point(window, offset: int) -> QPoint:
    return window.reader.point_of(offset).toPoint()


def test_reader_menu_on_a_mention_unlinks_and_opens_the_preview(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Sergey Karamov")
    (ann,) = stored(window)
    window.session.select(None)
    menu = window.reader_menu.build(_point(window, ann.start + 2))
    assert window.session.selected == ann.id
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert actions["unlink"].isEnabled() and not actions["new-actor"].isEnabled()
    assert "Sergei Karamov" in actions["tag-all-occurrences"].text()
    actions["unlink"].trigger()
    assert window.session.layer.annotation(ann.id).entity is None
    undo(qtbot, window)
    menu = window.reader_menu.build(_point(window, ann.start + 2))
    actions = {a.objectName(): a for a in menu.actions() if a.objectName()}
    actions["tag-all-occurrences"].trigger()
    dialog = window.findChild(PropagationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.occurrences == preview(window, ids["karamov"])
    dialog.reject()


def test_reader_menu_on_a_selection_offers_its_occurrences(
    qtbot, make_window, linking_project
) -> None:
    path, _ = linking_project
    window = make_window(path)
    start = FIRST.index("Valdor")
    drag_select(window.reader, start, start + len("Valdor"))
    menu = window.reader_menu.build(_point(window, start + 2))
    (action,) = [a for a in menu.actions() if a.objectName() == "tag-all-occurrences"]
    action.trigger()
    dialog = window.findChild(PropagationDialog)
    assert len(dialog.occurrences) == 3  # twice here, once in the other article
    dialog.apply_button.click()
    made = every_annotation(window)
    assert len(made) == 3 and all(a.entity is None and a.text == "Valdor" for a in made)
    assert len(window.session.annotations) == 2


def test_enter_after_typing_a_full_name_links_that_actor(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Valdor")
    field = editor_field(window)
    line = field.findChild(QLineEdit, "link-actor")
    line.setFocus()
    qtbot.keyClicks(line, "Erik Lindqvist")
    popup = field.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # Enter, as typed, without choosing a row
    (ann,) = stored(window)
    assert ann.entity == ids["erik"]


def test_the_link_dialog_prefills_the_mention_selected(qtbot, make_window, linking_project) -> None:
    from annotator.gui.entity_link import EntityPicker

    path, ids = linking_project
    window = make_window(path)
    picker = EntityPicker(window.session, "Valdor", window)
    qtbot.addWidget(picker)
    picker.show()
    line = picker.findChild(QLineEdit, "picker-name")
    line.setFocus()
    qtbot.keyClicks(line, "Erik Lindq")
    assert line.text() == "Erik Lindq"  # typed over the mention's text, not after it
    assert picker.chosen() == ids["erik"]


def test_linking_a_new_spelling_adds_it_as_an_alias_and_undo_takes_it_back(
    qtbot, make_window, linking_project
) -> None:
    from annotator.gui.mention_commands import LinkMention

    path, ids = linking_project
    window = make_window(path)
    session = window.session
    tag_actor(qtbot, window, "Valdor")  # not a name of anyone: unlinked
    (ann,) = stored(window)
    assert ann.entity is None
    assert session.perform(LinkMention(session, ann.id, ids["erik"]))
    with Project.open(path, readonly=True) as p:
        assert p.registry.get(ids["erik"]).aliases == ["Lindqvist", "Valdor"]
    # the next "Valdor" is linked as it is tagged
    tag_actor(qtbot, window, "Valdor", occurrence=1)
    linked = [a.entity for a in stored(window)]
    assert linked == [ids["erik"], ids["erik"]]
    window.session.undo()  # the second tag
    window.session.undo()  # the link, with its alias
    with Project.open(path, readonly=True) as p:
        assert p.registry.get(ids["erik"]).aliases == ["Lindqvist"]
    (again,) = stored(window)
    assert again.entity is None


def test_a_known_spelling_adds_nothing_and_the_preference_turns_it_off(
    make_window, linking_project, qtbot
) -> None:
    from annotator.gui.mention_commands import LinkMention

    path, ids = linking_project
    window = make_window(path, add_linked_spellings=False)
    session = window.session
    tag_actor(qtbot, window, "Valdor")
    (ann,) = stored(window)
    assert session.perform(LinkMention(session, ann.id, ids["anna"]))
    with Project.open(path, readonly=True) as p:
        assert p.registry.get(ids["anna"]).aliases == ["Lindqvist"]


def test_enter_with_exactly_one_suggestion_links_it_in_the_field_and_the_dialog(
    qtbot, make_window, linking_project
) -> None:
    path, ids = linking_project
    window = make_window(path)
    tag_actor(qtbot, window, "Valdor")
    field = editor_field(window)
    line = field.findChild(QLineEdit, "link-actor")
    line.setFocus()
    qtbot.keyClicks(line, "Karamow")  # not the start of any name, and one actor only
    popup = field.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.model().rowCount() == 1 and not popup.currentIndex().isValid()
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the popup has the keyboard while it shows
    (ann,) = stored(window)
    assert ann.entity == ids["karamov"]
    undo(qtbot, window)
    assert stored(window)[0].entity is None

    # The reader's right-click "Link to actor…": the mention's text is selected, typing
    # replaces it, and Enter with the one suggestion listed links to it.
    seen: list[object] = []

    def type_and_enter(dialog) -> None:
        name = dialog.findChild(QLineEdit, "picker-name")
        qtbot.keyClicks(name, "Karamow")
        seen.append((name.text(), dialog.list.count()))
        qtbot.keyClick(name, Qt.Key.Key_Return)

    menu = window.reader_menu.build(_point(window, ann.start + 2))
    (action,) = [a for a in menu.actions() if a.objectName() == "link-to-actor"]
    when_modal(type_and_enter, EntityPicker)
    action.trigger()
    assert seen == [("Karamow", 1)]
    (ann,) = stored(window)
    assert ann.entity == ids["karamov"]
