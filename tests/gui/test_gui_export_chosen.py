"""File → Export… of chosen documents: those selected in the Documents dock, or those its
filter shows; the file written holds exactly them."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QRadioButton

from annotator.gui.export_dialog import ExportDialog


def click_row(qtbot, window, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = window.documents.view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def listed_ids(window) -> list[str]:
    model = window.documents.model
    return [model.doc_id(row) or "" for row in range(model.rowCount())]


def export_through_the_menu(qtbot, window, out: Path, which: str) -> dict[str, str]:
    """File → Export…: jsonl to ``out``, the documents radio button ``which`` clicked; returns
    the texts of the dialog's documents choices, by object name."""
    seen: dict[str, str] = {}
    failed: list[BaseException] = []

    def answer_modal() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, ExportDialog) or seen or failed:
            return
        try:
            for button in modal.findChildren(QRadioButton):
                seen[button.objectName()] = button.text() if button.isEnabled() else "disabled"
            modal.set_format("jsonl")
            modal.set_output(out)
            button = modal.findChild(QRadioButton, f"export-{which}-documents")
            # on its round indicator (the widget is as wide as the form; its text is not)
            at = QPoint(8, button.height() // 2)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
            assert button.isChecked()
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        except BaseException as exc:  # an assertion here must not leave the dialog open
            failed.append(exc)
            modal.reject()

    timer = QTimer()
    timer.timeout.connect(answer_modal)
    timer.start(10)
    try:
        window.actions_by_name["export"].trigger()
    finally:
        timer.stop()
    if failed:
        raise failed[0]
    assert seen, "the export dialog did not open"
    return seen


def exported_ids(out: Path) -> list[str]:
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "annotator/1"
    return [json.loads(line)["id"] for line in lines[1:]]


def test_export_of_the_documents_selected_in_the_list(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    ids = listed_ids(window)
    click_row(qtbot, window, 4)
    click_row(qtbot, window, 1, Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, window, 7, Qt.KeyboardModifier.ControlModifier)
    assert window.documents.selected_ids() == [ids[1], ids[4], ids[7]]
    out = tmp_path / "chosen.jsonl"
    offered = export_through_the_menu(qtbot, window, out, "selected")
    assert offered == {
        "export-all-documents": "A&ll documents",
        "export-selected-documents": "The 3 documents &selected in the list",
        "export-listed-documents": "disabled",  # no filter: the list shows every document
    }
    assert exported_ids(out) == [ids[1], ids[4], ids[7]]
    assert window.status_line.currentMessage() == f"Exported 3 documents to {out}."

    everything = tmp_path / "all.jsonl"
    export_through_the_menu(qtbot, window, everything, "all")
    assert exported_ids(everything) == ids and len(ids) == 12


def test_export_of_the_documents_the_filter_shows(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    dock = window.documents
    dock.filter.setFocus()
    qtbot.keyClicks(dock.filter, "D")  # a closed combo box picks the item starting with "D"
    assert dock.filter.currentText() == "Done"
    done = listed_ids(window)
    layer = window.session.layer
    assert done and all(layer.status(doc_id) == "done" for doc_id in done)
    assert len(done) < window.session.project.documents.count()
    click_row(qtbot, window, 0)
    out = tmp_path / "done.jsonl"
    offered = export_through_the_menu(qtbot, window, out, "listed")
    assert (
        offered["export-listed-documents"] == f"The {len(done)} documents the list s&hows (filter)"
    )
    assert offered["export-selected-documents"] == "The 1 document &selected in the list"
    assert exported_ids(out) == done
