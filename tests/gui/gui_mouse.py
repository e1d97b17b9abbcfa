"""Using the mouse on the reader as a person does: press, move with the button held, release."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication


def _mouse(widget, kind: QEvent.Type, point: QPointF, buttons, modifiers) -> None:
    button = Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        point,
        widget.mapToGlobal(point),
        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        buttons,
        modifiers,
    )
    QApplication.sendEvent(widget, event)


def drag_select(reader, start: int, end: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press the mouse at code-point ``start``, move to ``end`` and release, as a person does."""
    viewport = reader.viewport()
    a = _edge_point(reader, start)
    b = _edge_point(reader, end)
    _mouse(viewport, QEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton, modifiers)
    middle = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
    for point in (middle, b):
        _mouse(viewport, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton, modifiers)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def click_text(reader, offset: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Click in the middle of the character at code-point ``offset``."""
    viewport = reader.viewport()
    a = _edge_point(reader, offset)
    b = _edge_point(reader, offset + 1)
    point = QPointF((a.x() + b.x()) / 2, a.y()) if b.y() == a.y() else QPointF(a.x() + 2, a.y())
    _mouse(viewport, QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton, modifiers)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def _edge_point(reader, offset: int) -> QPointF:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.positions.to_qt(offset))
    rect = reader.cursorRect(cursor)
    return QPointF(rect.left() + 0.5, rect.center().y())


def hover_text(reader, offset: int) -> None:
    """Move the mouse (no button held) over the character at code-point ``offset``."""
    point = _edge_point(reader, offset) + QPointF(2, 0)
    _mouse(
        reader.viewport(),
        QEvent.Type.MouseMove,
        point,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.processEvents()
