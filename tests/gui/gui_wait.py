"""Answering a dialog or a popup menu that a key press or click is about to open.

A modal dialog or a menu runs its own event loop, so a test cannot answer it after the key
press that opens it returns. ``when_modal`` and ``when_popup`` poll every 10 ms from a timer
until the widget is up, then act on it once: no fixed delay that a slow machine can beat.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

GIVE_UP_MS = 20_000
_WAITING: set[WhenUp] = set()  # a waiter lives until it has acted or given up


class WhenUp(QTimer):
    """Polls ``find`` until it returns a widget, then runs ``act`` on it once.

    ``done`` says whether it acted; ``seen`` holds what the widget said (a message box's text,
    otherwise its window title).
    """

    def __init__(self, find: Callable[[], QWidget | None], act: Callable[..., None]) -> None:
        super().__init__()
        self.done = False
        self.seen: list[str] = []
        self._find = find
        self._act = act
        self._polls_left = GIVE_UP_MS // 10
        self.timeout.connect(self._poll)
        _WAITING.add(self)
        self.start(10)

    def stop(self) -> None:
        super().stop()
        _WAITING.discard(self)

    def _poll(self) -> None:
        self._polls_left -= 1
        widget = None if self.done else self._find()
        if widget is None:
            if self.done or self._polls_left <= 0:
                self.stop()
            return
        self.done = True
        self.stop()
        self.seen.append(widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle())
        self._act(widget)


def when_modal(act: Callable[..., None], kind: type[QWidget] = QWidget) -> WhenUp:
    """Run ``act(dialog)`` once a modal dialog of ``kind`` is up."""

    def find() -> QWidget | None:
        modal = QApplication.activeModalWidget()
        return modal if isinstance(modal, kind) and modal.isVisible() else None

    return WhenUp(find, act)


def when_popup(act: Callable[[QMenu], None]) -> WhenUp:
    """Run ``act(menu)`` once a popup menu is open."""

    def find() -> QWidget | None:
        menu = QApplication.activePopupWidget()
        return menu if isinstance(menu, QMenu) and menu.isVisible() else None

    return WhenUp(find, act)
