"""Small parts of the window: the tag bar, the status line, the find bar (the guidelines are in
gui/guidelines.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStatusBar,
    QToolBar,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.schema import Schema
from annotator.gui.plain import plain_tooltip
from annotator.gui.reader import ReaderView
from annotator.gui.session import Session


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TagBar(QToolBar):
    """One button per label, with its colour, hotkey and description."""

    tagRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Labels", parent)
        self.setObjectName("tagbar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def set_schema(self, schema: Schema) -> None:
        self.clear()
        for label in schema.labels:
            text = f"{label.name} ({label.hotkey})" if label.hotkey else label.name
            action = self.addAction(swatch(label.color), text)
            action.setObjectName(f"tag-{label.name}")
            tip = label.description or label.name
            action.setToolTip(plain_tooltip(f"{tip}\nKey: {label.hotkey}" if label.hotkey else tip))
            action.triggered.connect(lambda _=False, name=label.name: self.tagRequested.emit(name))


class StatusLine(QStatusBar):
    """Annotator name, progress through the corpus, and whether the last edit is saved."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.who = QLabel()
        self.progress = QLabel()
        self.saved = QLabel()
        for label in (self.who, self.progress, self.saved):
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.addPermanentWidget(label)
        session.changed.connect(self._changed)
        session.projectOpened.connect(self.refresh)
        session.corpusChanged.connect(self.update_progress)

    def refresh(self) -> None:
        owner = self.session.owner
        if owner is not None:  # a distributed file: its owner's name, whatever the preference
            blind = ", blind" if self.session.blind else ""
            self.who.setText(f"Annotator: {owner} (this file's owner{blind})")
        else:
            self.who.setText(f"Annotator: {self.session.annotator_name}")
        self.update_progress()
        self.saved.setText("All changes saved")

    def update_progress(self) -> None:
        project = self.session.project
        if project is None:
            self.progress.setText("")
            return
        who = self.session.layer.annotator_id if self.session.layer is not None else None
        done = project.documents.count_with_status("done", who)
        total = project.documents.count()
        self.progress.setText(f"{done} of {total} documents done")

    def _changed(self, changes: Changes) -> None:
        """Every edit was committed when it was announced; statuses move the progress."""
        if changes.statuses or changes.documents:
            self.update_progress()
        self.mark_saved()

    def mark_saved(self) -> None:
        self.saved.setText("Saved ✓")


class FindBar(QWidget):
    """Ctrl+F: find text in the current document (Enter: next, Shift+Enter: previous)."""

    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.field = QLineEdit(placeholderText="Find in this document")
        self.field.setObjectName("find-field")
        self.status = QLabel()
        close = QPushButton("Close")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.field.returnPressed.connect(self.find_next)
        self.field.textChanged.connect(lambda _t: self.find_next(from_start=True))
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.reader.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_next(backward=True)
        else:
            super().keyPressEvent(event)

    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        needle = self.field.text()
        if not needle:
            self.status.setText("")
            return False
        if from_start:
            cursor = self.reader.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            self.reader.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.reader.find(needle, flags)
        if not found:  # wrap around once
            cursor = self.reader.textCursor()
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.reader.setTextCursor(cursor)
            found = self.reader.find(needle, flags)
        self.status.setText("" if found else "Not found")
        return found
