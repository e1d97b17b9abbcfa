"""Long work (import, export, check) off the GUI thread, behind a progress dialog with Cancel.

``work`` runs in a QThread and must not touch widgets: it gets only a progress callback, the
same :data:`~annotator.core.reports.ProgressCallback` the CLI passes, and anything it opens
(a project connection) it opens and closes itself, in that thread. The GUI thread waits in a
local event loop, so the window keeps repainting while the work runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from annotator.core.reports import Cancelled, ProgressCallback

T = TypeVar("T")

#: Work that ends sooner than this never shows a dialog (a flash of a dialog looks like a bug).
#: Tests set it to 0 to see the dialog every time.
SHOW_AFTER_MS = 300

#: Progress signals are sent at most this often: a callback per document on 100,000 documents
#: would otherwise flood the GUI thread's event queue.
_EMIT_INTERVAL_S = 0.05

#: QProgressDialog counts in C ints; byte totals of large imports do not fit, so show per mille.
_STEPS = 1000


class _Worker(QObject):
    """Lives in the worker thread; talks to the GUI thread only through queued signals."""

    progressed = Signal(object, object)  # done, total or None
    finished = Signal(object, object, bool)  # result, exception or None, cancelled

    def __init__(self, work: Callable[[ProgressCallback], Any]) -> None:
        super().__init__()
        self._work = work
        # Set from the GUI thread, read from the worker's: an Event is the thread-safe flag.
        self.cancel_requested = threading.Event()
        self._last_emit = float("-inf")

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.finished.emit(None, None, True)
        except BaseException as exc:  # anything not passed on would leave the GUI waiting
            self.finished.emit(None, exc, False)
        else:
            self.finished.emit(result, None, False)

    def _progress(self, done: int, total: int | None) -> bool:
        now = time.monotonic()
        if now - self._last_emit >= _EMIT_INTERVAL_S or (total is not None and done >= total):
            self._last_emit = now
            self.progressed.emit(done, total)
        return self.cancel_requested.is_set()


class _Runner(QObject):
    """Lives in the GUI thread: owns the dialog and the local event loop."""

    def __init__(
        self, parent: QWidget | None, title: str, label: str, stopping: str | None = None
    ) -> None:
        super().__init__()
        self.stopping = stopping or "Cancelling; nothing will be kept…"
        self.dialog = QProgressDialog(label, "Cancel", 0, _STEPS, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        # Reaching the maximum is not the end: the commit (or a rollback) still follows.
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.canceled.connect(self._cancel)
        self.loop = QEventLoop(self)
        self.done = False
        self.cancelled = False  # Cancel was pressed
        self.stopped = False  # the work did stop (it may have finished before it noticed)
        self.result: Any = None
        self.error: BaseException | None = None
        self.worker: _Worker | None = None

    @Slot(object, object)
    def on_progress(self, done: int, total: int | None) -> None:
        if self.done or self.cancelled:
            return  # a late signal must not show the dialog again
        if total is None or total <= 0:
            self.dialog.setRange(0, 0)  # busy indicator: the total is not known
        else:
            self.dialog.setRange(0, _STEPS)
            self.dialog.setValue(min(_STEPS, done * _STEPS // total))

    @Slot(object, object, bool)
    def on_finished(self, result: Any, error: BaseException | None, cancelled: bool) -> None:
        self.done = True
        self.result, self.error, self.stopped = result, error, cancelled
        self.loop.quit()

    @Slot()
    def show_dialog(self) -> None:
        if not self.done and not self.cancelled:
            self.dialog.show()
        self.loop.quit()  # wait on, now letting the user's clicks through to the dialog

    @Slot()
    def _cancel(self) -> None:
        if self.done or self.worker is None:
            return
        self.cancelled = True
        self.worker.cancel_requested.set()
        self.loop.quit()  # wait on with user input held back: there is nothing left to click
        # QProgressDialog hides itself on Cancel; a rollback of a large import can take a
        # moment, so say what is happening. Deferred: a close event hides the dialog after us.
        QTimer.singleShot(0, self._show_stopping)

    def _show_stopping(self) -> None:
        if self.done:
            return
        self.dialog.setLabelText(self.stopping)
        button = self.dialog.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)
        self.dialog.show()

    def wait(self) -> None:
        while not self.done:
            # Until the dialog is up (and again after Cancel hid it) hold back clicks and keys:
            # they stay queued, so the window cannot start a second import meanwhile.
            visible = self.dialog.isVisible() and not self.cancelled
            flags = (
                QEventLoop.ProcessEventsFlag.AllEvents
                if visible
                else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
            )
            self.loop.exec(flags)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Callable[[ProgressCallback], T],
    label: str | None = None,
    stopping: str | None = None,
) -> T | None:
    """Run ``work(progress)`` in a worker thread; return its result, or None if cancelled.

    The progress dialog is modal and appears only if the work takes longer than
    :data:`SHOW_AFTER_MS`. Its Cancel makes the callback return True, so the work raises
    :class:`Cancelled` (and rolls back). An exception from the work is raised again here, on
    the GUI thread, for the caller to show (an ``AnnotatorError`` message is for the user).
    ``stopping`` is what the dialog says after Cancel (by default: that nothing is kept).
    """
    runner = _Runner(parent, title, label or title, stopping)
    worker = _Worker(work)
    runner.worker = worker
    thread = QThread()
    worker.moveToThread(thread)
    queued = Qt.ConnectionType.QueuedConnection
    worker.progressed.connect(runner.on_progress, queued)
    worker.finished.connect(runner.on_finished, queued)
    thread.started.connect(worker.run)
    show_timer = QTimer(runner)
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(runner.show_dialog)
    thread.start()
    show_timer.start(SHOW_AFTER_MS)
    try:
        runner.wait()
    finally:
        show_timer.stop()
        worker.cancel_requested.set()  # if waiting was interrupted, do not wait for the end
        thread.quit()
        thread.wait()
        runner.dialog.canceled.disconnect(runner._cancel)
        runner.dialog.hide()
        runner.dialog.deleteLater()
    if runner.error is not None:
        raise runner.error
    # A Cancel pressed after the work's last progress call comes too late: the work finished
    # and committed, so its result is real and is returned.
    return None if runner.stopped else runner.result
