"""The window offers every export format, and shares the actor list through the File menu."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog

from annotator.gui.export_dialog import ExportDialog, run_export


def test_export_dialog_offers_the_dataset_formats_and_writes_quotes(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QComboBox)
    offered = [box.itemData(i) for i in range(box.count())]
    assert offered == [
        "native",
        "jsonl",
        "quotes-csv",
        "demands-csv",
        "actors-csv",
        "network-graphml",
    ]
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
