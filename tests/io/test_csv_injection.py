"""CSV formula injection: no cell of any CSV starts a formula; the actor list round-trips."""

from __future__ import annotations

import csv
import json

from hostile import ALIAS_DASH, NAME_AMP, write_hostile

from annotator import Project
from annotator.io.common import FORMULA_STARTS
from annotator.io.registry import export_registry, import_registry
from annotator.io.tables import write_actors_csv, write_demands_csv, write_quotes_csv


def cells(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_no_cell_of_any_csv_starts_a_formula(tmp_path) -> None:
    write_hostile(tmp_path / "h.annotator")
    with Project.open(tmp_path / "h.annotator") as project:
        data = project.datasets()
        outs = []
        for writer in (write_quotes_csv, write_demands_csv, write_actors_csv):
            out = tmp_path / f"{writer.__name__}.csv"
            assert writer(data, out) > 0
            outs.append(out)
        export_registry(project, tmp_path / "actors.csv", "csv")
        outs.append(tmp_path / "actors.csv")
        export_registry(project, tmp_path / "actors.json", "json")
    seen = []
    for out in outs:
        for cell in cells(out):
            assert not cell.startswith(FORMULA_STARTS), (out.name, cell)
            seen.append(cell)
    assert "'" + NAME_AMP in seen  # neutralised, not dropped
    raw = json.loads((tmp_path / "actors.json").read_text(encoding="utf-8"))
    assert NAME_AMP in [e["name"] for e in raw["entities"]]  # JSON keeps the raw value


def test_the_actor_list_round_trips(tmp_path) -> None:
    write_hostile(tmp_path / "h.annotator")
    with Project.open(tmp_path / "h.annotator") as project:
        export_registry(project, tmp_path / "actors.csv", "csv")
    with Project.create(tmp_path / "new.annotator") as fresh:
        import_registry(fresh, tmp_path / "actors.csv")
        names = {e.name: e for e in fresh.registry.all()}
    assert NAME_AMP in names and ALIAS_DASH in names[NAME_AMP].aliases
