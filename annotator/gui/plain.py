"""Untrusted text stays text: message boxes, input dialogs and tooltips that never guess HTML.

Qt shows a string as rich text when it *looks* like HTML (``Qt.mightBeRichText``): an actor
named "<b>Bold</b>" from a colleague's actor list, a schema description or a document text
would be shown bold, "<img src=x>" as a broken image, and a confirmation could show a name
other than the one acted on. Every user-supplied string goes to Qt through these helpers (or
a label with ``Qt.TextFormat.PlainText``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed (Qt would guess that "<b>" is markup)."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def mnemonic_safe(text: str) -> str:
    """Button text shown as typed: "&" would otherwise underline the next letter."""
    return text.replace("&", "&&")


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> QMessageBox:
    """A message box whose text, informative and detailed text are plain text."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def ask(parent: QWidget | None, title: str, text: str, default: Button = Button.Cancel) -> bool:
    """Yes or Cancel, the text shown as typed; True for Yes."""
    box = message_box(
        parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.Cancel, default
    )
    return box.exec() == Button.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def choose_item(
    parent: QWidget | None, title: str, label: str, items: list[str]
) -> tuple[str, bool]:
    """QInputDialog.getItem with its label shown as plain text (items are always plain)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setTextValue(items[0] if items else "")
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(Qt.TextFormat.PlainText)
    ok = bool(dialog.exec())
    return dialog.textValue(), ok
