"""The window offers every export format, and shares the actor list through the File menu."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QFileDialog

from annotator.gui.export_dialog import ExportDialog, run_export
from annotator.io.formats import FORMATS


def test_export_dialog_offers_the_dataset_formats_and_writes_quotes(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QComboBox)
    offered = [box.itemData(i) for i in range(box.count())]
    # every format of the table with a writer, in its order, the CLI's default first
    assert offered == [name for name, f in FORMATS.items() if f.writer is not None]
    assert offered[0] == "native" == dialog.format()
    assert {"quotes-csv", "demands-csv", "actors-csv", "network-graphml"} <= set(offered)
    for i, name in enumerate(offered):
        assert box.itemText(i) == f"{name} — {FORMATS[name].describe(export=True)}"
    out = tmp_path / "quotes.csv"
    count = run_export(window, window.session.project.path, "quotes-csv", out, None)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert count == len(rows) == window.session.project.info()["annotations_per_label"]["Quote"]


def test_actor_list_export_then_import_through_the_menu(
    qtbot, make_window, tmp_path: Path, monkeypatch
) -> None:
    window = make_window()
    project = window.session.project
    out = tmp_path / "actors.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.actions_by_name["export_actors"].trigger()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["entities"]) == len(project.registry.all())
    # A colleague adds an alias and a new actor; importing merges them in.
    data["entities"][0]["aliases"].append("A brand new alias")
    data["entities"].append(
        {
            "id": None,
            "name": "Freshly Added Actor",
            "type": "person",
            "aliases": [],
            "wikidata": None,
            "note": None,
        }
    )
    out.write_text(json.dumps(data), encoding="utf-8")
    before = len(project.registry.all())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    window.actions_by_name["import_actors"].trigger()
    names = {e.name for e in project.registry.all()}
    assert len(names) == before + 1 and "Freshly Added Actor" in names
    first = project.registry.get(data["entities"][0]["id"])
    assert "A brand new alias" in first.aliases
    assert "1 actor(s) added, 1 updated" in window.status_line.currentMessage()


def export_through_the_menu(qtbot, window, fmt: str, out: Path) -> str:
    """File → Export…: choose ``fmt`` and ``out`` in the dialog, export; the status line."""
    answered: list[str] = []

    def answer_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ExportDialog) and not answered:
            answered.append(fmt)
            modal.set_format(fmt)
            modal.set_output(out)
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(answer_modal)
    timer.start(10)
    try:
        window.actions_by_name["export"].trigger()
    finally:
        timer.stop()
    assert answered == [fmt]
    return window.status_line.currentMessage()


@pytest.mark.parametrize(
    ("fmt", "label", "noun"),
    [("quotes-csv", "Quote", "quotes"), ("demands-csv", "Demand", "demands")],
)
def test_export_message_in_the_window_counts_what_was_exported(
    qtbot, make_window, tmp_path: Path, fmt: str, label: str, noun: str
) -> None:
    window = make_window()
    count = window.session.project.info()["annotations_per_label"][label]
    out = tmp_path / "table.csv"
    message = export_through_the_menu(qtbot, window, fmt, out)
    assert message == f"Exported {count} {noun} to {out}."
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == count


def test_graphml_export_message_in_the_window_names_both_files(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    out = tmp_path / "net.graphml"
    message = export_through_the_menu(qtbot, window, "network-graphml", out)
    second = tmp_path / "net-addressees.graphml"
    assert set(tmp_path.glob("*.graphml")) == {out, second}
    count = window.session.project.info()["annotations_per_label"]["Demand"]
    assert message == f"Exported {count} demands to {out} and {second}."
