"""Untrusted text stays text: every label, tooltip, message box and dialog of the real window,
on a project whose titles, names, aliases, notes, descriptions and texts are hostile markup.

Qt shows a string as rich text when it looks like HTML; a string shown as typed is either a
plain-text label or escaped. The check renders what Qt would render and asks that wherever a
hostile string's anchor word is visible, the whole string is visible, as typed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gui_mouse import click_text
from hostile import ANCHORS, ISSUE, ISSUE_TYPED, TEXT, write_hostile
from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from annotator.gui.actors_dock import ActorsDock
from annotator.gui.actors_model import ID_ROLE


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a person sees of ``text`` in a label or tooltip of that format."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText().replace("\u2029", "\n").replace("\u00a0", " ")


def button_text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def model_tooltips(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield tip
        first = model.index(row, 0, parent)
        if not flat and model.rowCount(first) > 0:
            yield from model_tooltips(model, first)


def seen_in(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, what is visible) for the widget and every child: labels, tooltips, buttons."""
    for w in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(w).__name__} {w.objectName()!r}"
        if w.toolTip():
            yield f"tooltip of {where}", shown(w.toolTip())
        if isinstance(w, QLabel):
            yield f"text of {where}", shown(w.text(), w.textFormat())
        if isinstance(w, QAbstractButton):
            yield f"text of {where}", button_text(w.text())
        if isinstance(w, QTextEdit):
            yield f"text of {where}", w.toPlainText()
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
            for tip in model_tooltips(w.model(), QModelIndex()):
                yield f"item tooltip of {where}", shown(tip)
    for action in widget.findChildren(QAction):
        if action.toolTip():
            yield f"tooltip of action {action.objectName()!r}", shown(action.toolTip())


def misread(places: Iterator[tuple[str, str]]) -> list[str]:
    """Every place where an anchor is visible without its whole hostile string."""
    bad = []
    for where, text in places:
        for anchor, raw in ANCHORS.items():
            if anchor in text and text.count(raw) < text.count(anchor):
                bad.append(f"{where}: {text!r} (should show {raw!r})")
    return bad


@pytest.fixture
def window(make_window, tmp_path):
    path = tmp_path / "hostile.annotator"
    ids = write_hostile(path)
    window = make_window(path)
    window.open_document(ids["doc"])
    window.ids = ids
    for dock in (window.actors, window.problems):
        dock.show()
    return window


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    """Message boxes and input dialogs are recorded (what they show) and cancelled."""
    seen: list[str] = []

    def box_exec(box: QMessageBox) -> int:
        for part in (box.text(), box.informativeText()):
            seen.append(shown(part, box.textFormat()))
        seen.extend(button_text(b.text()) for b in box.buttons())
        return int(QMessageBox.StandardButton.Cancel)

    def input_exec(dialog: QInputDialog) -> int:
        seen.extend(text for _where, text in seen_in(dialog))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    monkeypatch.setattr(QInputDialog, "exec", input_exec)
    return seen


def select_rows(qtbot, dock: ActorsDock, ids: list[str]) -> None:
    dock.raise_()
    qtbot.waitUntil(lambda: dock.proxy.rowCount() == 2)
    dock.view.clearSelection()
    for n, entity_id in enumerate(ids):
        proxy = dock.proxy
        index = next(
            proxy.index(r, 0)
            for r in range(proxy.rowCount())
            if proxy.index(r, 0).data(ID_ROLE) == entity_id
        )
        point = dock.view.visualRect(index).center()
        modifiers = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(dock.view.viewport(), Qt.MouseButton.LeftButton, modifiers, point)
    assert sorted(dock.selected_ids()) == sorted(ids)


def test_the_window_shows_hostile_text_as_typed(qtbot, window) -> None:
    bad = []
    # every annotation in turn selected with the mouse: the editor shows its fields
    for needle in ("Boldname", "Quoteword", "Imgalias", "Linkdemand"):
        click_text(window.reader, TEXT.index(needle) + 1)
        qtbot.wait(20)
        bad += misread(seen_in(window))
    assert bad == []


def test_the_close_value_hint_shows_both_values_as_typed(qtbot, window) -> None:
    click_text(window.reader, TEXT.index("Linkdemand") + 1)
    combo = window.annotations.findChild(QComboBox, "attribute-issue")
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, ISSUE_TYPED)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    hint = window.annotations.findChild(QWidget, "value-hint")
    assert hint.isVisible()
    seen = [text for _where, text in seen_in(hint)]
    assert any(ISSUE in text and ISSUE_TYPED in text for text in seen)
    assert misread(seen_in(window)) == []


def test_actor_dialogs_show_names_as_typed(qtbot, window, boxes) -> None:
    dock, ids = window.actors, window.ids
    select_rows(qtbot, dock, [ids["bold"], ids["amp"]])
    qtbot.mouseClick(dock.buttons["merge"], Qt.MouseButton.LeftButton)
    select_rows(qtbot, dock, [ids["amp"]])
    qtbot.mouseClick(dock.buttons["split"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dock.buttons["delete"], Qt.MouseButton.LeftButton)
    select_rows(qtbot, dock, [ids["bold"]])
    qtbot.mouseClick(dock.buttons["split"], Qt.MouseButton.LeftButton)  # "has no aliases"
    assert len(boxes) > 6
    assert any("Boldname" in text for text in boxes)
    assert any("Ampjerry" in text for text in boxes)
    assert misread(("dialog", text) for text in boxes) == []
    # nothing was acted on: every dialog was cancelled
    assert len(window.session.project.registry.all()) == 2


def test_the_dossier_shows_hostile_text_as_typed(qtbot, window) -> None:
    bad = []
    for key in ("bold", "amp"):
        dialog = window.actors.open_dossier(window.ids[key])
        assert dialog is not None
        qtbot.waitExposed(dialog)
        bad += misread(seen_in(dialog))
        dialog.close()
    assert bad == []


def test_the_probe_finds_interpreted_text(qtbot) -> None:
    """The check itself: an AutoText label and a raw tooltip with markup are caught."""
    label = QLabel("<b>Boldname</b>")
    label.setToolTip("Imgalias<img src=x>")
    qtbot.addWidget(label)
    assert len(misread(seen_in(label))) == 2
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip("<p>" + "Imgalias&lt;img src=x&gt;" + "</p>")
    assert misread(seen_in(label)) == []
    assert QApplication.instance() is not None
