"""Keys that window managers take (Alt+Shift+arrows): every edge move has a menu entry, and
Preferences → Keyboard rebinds any action, conflicts named, saved in preferences.json.

Driven as a person does: menus and rows clicked, keys pressed in the key fields, OK clicked;
checked in what is stored, in the menus and in the preferences file.
"""

from __future__ import annotations

import json

import pytest
from gui_mouse import drag_select
from gui_wait import when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QKeySequenceEdit,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
)

from annotator.gui.dialogs import PreferencesDialog
from annotator.gui.settings import Settings, config_dir
from annotator.gui.shortcuts import EDGE_MOVES, by_action

TEXT = "Foreign Minister Dmytro Kuleba said on Monday that talks would resume."
CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)
END_WORD_LEFT = by_action()["end_word_left"].description


def saved_preferences() -> dict:
    return json.loads((config_dir() / "preferences.json").read_text(encoding="utf-8"))


def tag_quote(qtbot, window, words: str) -> None:
    start = TEXT.index(words)
    drag_select(window.reader, start, start + len(words))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)


def quote_text(window) -> str:
    (ann,) = window.session.layer.annotations(window.session.document.id)
    return ann.text


def focus_reader(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.reader.setFocus()


# -- the Keyboard page, as a person uses it -------------------------------------------------


def open_keyboard_tab(qtbot, dialog) -> None:
    tabs = dialog.findChild(QTabWidget, "preferences-tabs")
    bar = tabs.tabBar()
    (index,) = [i for i in range(tabs.count()) if tabs.tabText(i) == "&Keyboard"]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentWidget() is dialog.findChild(object, "keyboard-page")


def click_row(qtbot, dialog, description: str) -> None:
    tree = dialog.findChild(QTreeWidget, "keyboard-table")
    (item,) = tree.findItems(description, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.currentItem() is item


def press_key(qtbot, dialog, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Click into the Shortcut field and press the new key there."""
    edit = dialog.findChild(QKeySequenceEdit, "key-edit")
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, key, modifiers)


def row_keys(dialog, description: str) -> str:
    tree = dialog.findChild(QTreeWidget, "keyboard-table")
    (item,) = tree.findItems(description, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return item.text(1)


def row_marked(dialog, description: str) -> bool:
    tree = dialog.findChild(QTreeWidget, "keyboard-table")
    (item,) = tree.findItems(description, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return item.toolTip(0).startswith("A conflict")


def click_ok(qtbot, dialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def conflicts_shown(dialog) -> str:
    label = dialog.findChild(QLabel, "keyboard-conflicts")
    return label.text() if label.isVisible() else ""


# -- menu entries -----------------------------------------------------------------------------


def test_every_edge_move_has_a_menu_entry_with_its_key_and_it_works(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    tag_quote(qtbot, window, "Dmytro Kuleba said")
    (annotation_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Annotation"]
    edges = annotation_menu.findChild(QMenu, "edge-menu")
    entries = [a for a in edges.actions() if not a.isSeparator()]
    assert [a.objectName() for a in entries] == list(EDGE_MOVES)
    for action in entries:
        keys = by_action()[action.objectName()].keys
        assert action.shortcut().toString() == keys[0]  # the menu shows the key
    # a person opens the menu and clicks "End one word left"
    end_word_left = next(a for a in entries if a.objectName() == "end_word_left")
    edges.popup(window.mapToGlobal(QPoint(100, 100)))
    qtbot.waitExposed(edges)
    qtbot.mouseClick(
        edges, Qt.MouseButton.LeftButton, pos=edges.actionGeometry(end_word_left).center()
    )
    assert quote_text(window) == "Dmytro Kuleba"
    start_word_right = next(a for a in entries if a.objectName() == "start_word_right")
    edges.popup(window.mapToGlobal(QPoint(100, 100)))
    qtbot.waitExposed(edges)
    qtbot.mouseClick(
        edges, Qt.MouseButton.LeftButton, pos=edges.actionGeometry(start_word_right).center()
    )
    assert quote_text(window) == "Kuleba"


def test_snapping_can_be_turned_off_from_the_menu_instead_of_alt_drag(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    snap = window.actions_by_name["snap_to_words"]
    assert snap.isCheckable() and snap.isChecked()
    snap.trigger()  # as a click on the entry does
    assert Settings.load().snap_to_words is False
    focus_reader(qtbot, window)
    start = TEXT.index("mytro")
    drag_select(window.reader, start, start + 4)  # no Alt held
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    assert quote_text(window) == "mytr"
    start = TEXT.index("aid on")
    drag_select(window.reader, start, start + 2, CTRL)  # another fragment, not snapped either
    assert quote_text(window) == "mytr … ai"


# -- rebinding --------------------------------------------------------------------------------


def test_rebinding_an_edge_move_works_at_once_and_after_a_restart(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    tag_quote(qtbot, window, "Dmytro Kuleba said on Monday")
    seen: list[str] = []

    def rebind(dialog) -> None:
        open_keyboard_tab(qtbot, dialog)
        click_row(qtbot, dialog, END_WORD_LEFT)
        assert row_keys(dialog, END_WORD_LEFT) == "Ctrl+Shift+Left"
        press_key(qtbot, dialog, Qt.Key.Key_Left, CTRL | ALT)
        seen.append(row_keys(dialog, END_WORD_LEFT))
        seen.append(conflicts_shown(dialog))
        click_ok(qtbot, dialog)

    timer = when_modal(rebind)
    qtbot.keyClick(window.reader, Qt.Key.Key_Comma, CTRL)  # Ctrl+, opens Preferences
    qtbot.waitUntil(lambda: bool(timer.done) and QApplication.activeModalWidget() is None)
    assert seen == ["Ctrl+Alt+Left", ""]
    assert saved_preferences()["shortcuts"] == {"end_word_left": ["Ctrl+Alt+Left"]}

    focus_reader(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, CTRL | SHIFT)  # the old key: nothing
    assert quote_text(window) == "Dmytro Kuleba said on Monday"
    qtbot.keyClick(window.reader, Qt.Key.Key_Left, CTRL | ALT)  # the new one
    assert quote_text(window) == "Dmytro Kuleba said on"
    menu_entry = window.actions_by_name["end_word_left"]
    assert menu_entry.shortcut().toString() == "Ctrl+Alt+Left"

    sheet_rows: list[tuple[str, str]] = []

    def read_sheet(dialog) -> None:
        table = dialog.findChild(QTableWidget, "shortcut-table")
        sheet_rows.extend(
            (table.item(r, 0).text(), table.item(r, 1).text())
            for r in range(table.rowCount())
            if table.item(r, 1) is not None
        )
        dialog.reject()

    timer = when_modal(read_sheet)
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(timer.done))
    assert ("Ctrl+Alt+Left", END_WORD_LEFT) in sheet_rows  # F1 shows the binding in use
    assert ("Ctrl+Shift+Left", END_WORD_LEFT) not in sheet_rows

    window.close()
    from annotator.app import build_window

    again = build_window(path, Settings.load())  # a restart reads preferences.json
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    focus_reader(qtbot, again)
    again.session.select(again.session.ordered()[0].id)
    qtbot.keyClick(again.reader, Qt.Key.Key_Left, CTRL | ALT)
    assert quote_text(again) == "Dmytro Kuleba said"
    qtbot.keyClick(again.reader, Qt.Key.Key_Left, CTRL | SHIFT)
    assert quote_text(again) == "Dmytro Kuleba said"
    again.close()


@pytest.fixture
def dialog(qtbot):
    """Preferences of a window whose project gives A to the label Actor."""
    settings = Settings(annotator_name="Ana")
    settings.save()
    dialog = PreferencesDialog(settings, None, {"A": "Tag as Actor (or relabel)"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    open_keyboard_tab(qtbot, dialog)
    return dialog


def test_a_key_bound_twice_is_named_marked_and_not_saved(qtbot, dialog) -> None:
    end_word_right = by_action()["end_word_right"].description
    click_row(qtbot, dialog, END_WORD_LEFT)
    press_key(qtbot, dialog, Qt.Key.Key_Right, CTRL | SHIFT)  # end one word right's key
    shown = conflicts_shown(dialog)
    assert f"Ctrl+Shift+Right is bound to “{end_word_right}” and “{END_WORD_LEFT}”" in shown
    assert row_marked(dialog, END_WORD_LEFT) and row_marked(dialog, end_word_right)
    assert not row_marked(dialog, by_action()["end_left"].description)
    click_ok(qtbot, dialog)
    assert dialog.isVisible()  # refused
    error = dialog.findChild(QLabel, "error")
    assert error.isVisible() and error.text().startswith("Not saved")
    assert "shortcuts" not in saved_preferences() or saved_preferences()["shortcuts"] == {}

    press_key(qtbot, dialog, Qt.Key.Key_A)  # the schema's key of the label Actor
    assert "A is bound to" in conflicts_shown(dialog)
    assert "“Tag as Actor (or relabel)”" in conflicts_shown(dialog)
    assert not row_marked(dialog, end_word_right)

    reset = dialog.findChild(QPushButton, "reset-key")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert conflicts_shown(dialog) == "" and not error.isVisible()
    assert row_keys(dialog, END_WORD_LEFT) == "Ctrl+Shift+Left"
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert saved_preferences()["shortcuts"] == {}  # only changed bindings are kept


def test_a_window_wide_action_needs_a_key_that_does_not_type(qtbot, dialog) -> None:
    next_document = by_action()["next_document"].description
    click_row(qtbot, dialog, next_document)
    press_key(qtbot, dialog, Qt.Key.Key_Y)
    assert "Y types a character" in conflicts_shown(dialog)
    assert row_marked(dialog, next_document)
    press_key(qtbot, dialog, Qt.Key.Key_Y, ALT)
    assert conflicts_shown(dialog) == ""
    click_ok(qtbot, dialog)
    assert saved_preferences()["shortcuts"] == {"next_document": ["Alt+Y"]}


def test_reset_all_and_an_alternative_key(qtbot, dialog) -> None:
    click_row(qtbot, dialog, END_WORD_LEFT)
    press_key(qtbot, dialog, Qt.Key.Key_Left, CTRL | ALT)
    alternative = dialog.findChild(QKeySequenceEdit, "key-edit-alternative")
    qtbot.mouseClick(alternative, Qt.MouseButton.LeftButton)
    qtbot.keyClick(alternative, Qt.Key.Key_H, CTRL | ALT)
    assert row_keys(dialog, END_WORD_LEFT) == "Ctrl+Alt+Left or Ctrl+Alt+H"
    qtbot.mouseClick(dialog.findChild(QPushButton, "reset-all-keys"), Qt.MouseButton.LeftButton)
    assert row_keys(dialog, END_WORD_LEFT) == "Ctrl+Shift+Left"
    assert alternative.keySequence() == QKeySequence()


def test_own_binding_wins_over_a_schema_key_and_says_so(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path, shortcuts={"end_word_left": ["D"]})  # D: the label Demand
    assert "D (label Demand)" in window.status_line.currentMessage()
    tag_quote(qtbot, window, "Dmytro Kuleba said")
    qtbot.keyClick(window.reader, Qt.Key.Key_D)
    assert quote_text(window) == "Dmytro Kuleba"  # moved, not relabelled


def test_keys_bound_twice_in_a_hand_edited_file_are_reported(
    qtbot, make_window, article_project, monkeypatch
) -> None:
    path, _ = article_project(TEXT)
    messages: list[str] = []
    from annotator.gui.main_window import MainWindow

    original = MainWindow.show_message

    def record(self, text: str, timeout: int = 0) -> None:
        messages.append(text)
        original(self, text, timeout)

    monkeypatch.setattr(MainWindow, "show_message", record)
    make_window(path, shortcuts={"end_word_left": ["Ctrl+Shift+Right"], "bogus": ["X"]})
    assert any("cannot work as bound (Ctrl+Shift+Right)" in m for m in messages)


def test_preferences_of_another_shape_are_ignored(qtbot) -> None:
    (config_dir()).mkdir(parents=True, exist_ok=True)
    (config_dir() / "preferences.json").write_text(
        json.dumps({"annotator_name": "Ana", "shortcuts": {"undo": "Ctrl+U", "redo": [1, "F9"]}}),
        encoding="utf-8",
    )
    settings = Settings.load()
    assert settings.annotator_name == "Ana"
    assert settings.shortcuts == {"redo": ["F9"]}


def test_the_clear_button_unbinds_an_action(qtbot, dialog) -> None:
    from PySide6.QtWidgets import QToolButton

    click_row(qtbot, dialog, END_WORD_LEFT)
    edit = dialog.findChild(QKeySequenceEdit, "key-edit")
    clear = edit.findChild(QToolButton)  # the field's own clear button
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert row_keys(dialog, END_WORD_LEFT) == "(none)"
    click_ok(qtbot, dialog)
    assert saved_preferences()["shortcuts"] == {"end_word_left": []}
    assert Settings.load().shortcuts == {"end_word_left": []}
