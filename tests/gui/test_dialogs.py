"""Preferences, the first-start name question and the shortcut sheet, driven by keys and clicks.

Preferences are checked in the file they are saved to (``$ANNOTATOR_CONFIG_DIR`` points at a
temporary folder, see conftest.py), not in the dialog's attributes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
)

from annotator.gui.dialogs import PreferencesDialog, ShortcutSheet, ask_annotator_name
from annotator.gui.settings import Settings, config_dir
from annotator.gui.shortcuts import MOUSE, SHORTCUTS

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def click_checkbox(qtbot, box: QCheckBox) -> None:
    """Click the box itself, where a person clicks (the widget may be wider than its text)."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


def saved() -> dict:
    return json.loads((config_dir() / "preferences.json").read_text(encoding="utf-8"))


def click(qtbot, dialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.findChild(QDialogButtonBox).button(which)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def replace_text(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field, text)


@pytest.fixture(autouse=True)
def _config_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def prefs(qtbot) -> tuple[Settings, PreferencesDialog]:
    settings = Settings(annotator_name="Ana", snap_to_words=True, font_size=12.0)
    settings.save()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return settings, dialog


def test_ok_saves_every_preference_to_the_file(qtbot, prefs) -> None:
    settings, dialog = prefs
    replace_text(qtbot, dialog.findChild(QLineEdit, "annotator-name"), "Bea Lindqvist")
    snap = dialog.findChild(QCheckBox, "snap-to-words")
    click_checkbox(qtbot, snap)
    size = dialog.findChild(QDoubleSpinBox, "font-size")
    replace_text(qtbot, size.lineEdit(), "16")
    theme = dialog.findChild(QComboBox, "theme")
    theme.setFocus()
    qtbot.keyClick(theme, Qt.Key.Key_Down)
    qtbot.keyClick(theme, Qt.Key.Key_Down)  # System → Light → Dark
    with qtbot.waitSignal(dialog.changed, timeout=1000):
        click(qtbot, dialog, OK)

    assert dialog.result() == dialog.DialogCode.Accepted
    data = saved()
    assert data["annotator_name"] == "Bea Lindqvist"
    assert data["snap_to_words"] is False
    assert data["font_size"] == 16.0
    assert data["theme"] == "dark"
    assert Settings.load() == settings  # the caller's object holds what was saved


def test_cancel_changes_nothing(qtbot, prefs) -> None:
    settings, dialog = prefs
    before = saved()
    replace_text(qtbot, dialog.findChild(QLineEdit, "annotator-name"), "Somebody Else")
    replace_text(qtbot, dialog.findChild(QDoubleSpinBox, "font-size").lineEdit(), "30")
    click(qtbot, dialog, CANCEL)

    assert dialog.result() == dialog.DialogCode.Rejected
    assert saved() == before
    assert settings.annotator_name == "Ana" and settings.font_size == 12.0


def test_an_empty_name_is_refused_with_a_message(qtbot, prefs) -> None:
    settings, dialog = prefs
    before = saved()
    replace_text(qtbot, dialog.findChild(QLineEdit, "annotator-name"), "   ")
    click(qtbot, dialog, OK)

    assert dialog.isVisible()  # still open, for the person to fix the name
    error = dialog.findChild(QLabel, "error")
    assert error.isVisible() and "cannot be empty" in error.text()
    assert saved() == before and settings.annotator_name == "Ana"

    # ASCII only: qtbot.keyClicks of any non-ASCII character ("í" too) aborts the process.
    qtbot.keyClicks(dialog.findChild(QLineEdit, "annotator-name"), "Ana Maria")
    assert not error.isVisible()
    click(qtbot, dialog, OK)
    assert saved()["annotator_name"] == "Ana Maria"


def answer_name_dialog(qtbot, text: str | None, seen: list[str]) -> Callable[[], None]:
    """Type ``text`` into the modal name dialog and press OK (or Cancel for None)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        field = dialog.findChild(QLineEdit, "annotator-name")
        seen.append(field.text())
        buttons = dialog.findChild(QDialogButtonBox)
        if text is None:
            qtbot.mouseClick(buttons.button(CANCEL), Qt.MouseButton.LeftButton)
            return
        replace_text(qtbot, field, "")
        seen.append(str(buttons.button(OK).isEnabled()))  # OK is off while the name is empty
        qtbot.keyClicks(field, text)
        qtbot.mouseClick(buttons.button(OK), Qt.MouseButton.LeftButton)

    return act


def test_first_start_asks_for_the_name(qtbot) -> None:
    seen: list[str] = []
    QTimer.singleShot(0, answer_name_dialog(qtbot, "Chen Wei", seen))
    assert ask_annotator_name(None, "cwei") == "Chen Wei"
    assert seen == ["cwei", "False"]  # the login name was offered, then replaced


def test_first_start_cancel_gives_none(qtbot) -> None:
    QTimer.singleShot(0, answer_name_dialog(qtbot, None, []))
    assert ask_annotator_name(None, "cwei") is None


def test_shortcut_sheet_lists_every_shortcut_the_mouse_and_the_schema_keys(qtbot) -> None:
    extra = [("A", "Tag as Actor (or relabel)"), ("S", "Set the speaker of the selected Quote")]
    sheet = ShortcutSheet(None, extra)
    qtbot.addWidget(sheet)
    sheet.show()
    table = sheet.findChild(QTableWidget, "shortcut-table")
    shown = [
        (table.item(r, 0).text(), table.item(r, 1).text())
        for r in range(table.rowCount())
        if table.item(r, 1) is not None
    ]
    native = QKeySequence.SequenceFormat.NativeText
    bound = [s for s in SHORTCUTS if s.keys]  # an action without a key has no row
    for shortcut in bound:
        keys = " or ".join(QKeySequence(k).toString(native) for k in shortcut.keys)
        assert (keys, shortcut.description) in shown
    for row in [*MOUSE, *extra]:
        assert row in shown
    assert len(shown) == len(bound) + len(MOUSE) + len(extra)
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert ("Ctrl+Shift+Z or Ctrl+Y", "Redo") in shown
