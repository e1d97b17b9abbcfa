"""Driving File → Import… in the real window as a person would: the import dialog, the
preview, the summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from annotator.gui.import_dialog import ImportDialog
from annotator.gui.import_preview import ImportPreviewDialog


def run_import(qtbot, window, paths: list[Path], on_preview: Callable[[ImportPreviewDialog], None]):
    """Ctrl+I; the import dialog gets ``paths``; ``on_preview`` handles the preview; the
    report's text and informative text are returned (None each if it never came)."""
    seen: dict[str, object] = {}

    def answer() -> None:
        modal: QWidget | None = QApplication.activeModalWidget()
        if isinstance(modal, ImportDialog) and "dialog" not in seen:
            seen["dialog"] = True
            modal.add_paths(paths)
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        elif isinstance(modal, ImportPreviewDialog) and "preview" not in seen:
            seen["preview"] = True
            on_preview(modal)
        elif isinstance(modal, QMessageBox) and "report" not in seen:
            seen["report"] = (modal.text(), modal.informativeText())
            modal.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    try:
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    finally:
        timer.stop()
    assert seen.get("preview"), "the preview was not shown"
    return seen.get("report", (None, None))
