"""`annotator export --format doccano|label-studio` from the command line: files, counts, and
the warnings about what the format could not carry."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "io"))
from utf16_data import build


def test_doccano_from_the_command_line_says_what_it_split(cli, tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    build(project)
    out = tmp_path / "d.jsonl"
    result = cli("export", project, "--format", "doccano", "-o", out, "--annotator", "Ana")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Exported 1 document to {out}.\n"
    assert "Warning: 1 discontinuous annotation split into 2 spans" in result.stderr
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["annotator"] == "Ana"
    truck = next(e for e in line["entities"] if e["start_offset"] == 22)
    assert truck["end_offset"] == 32 and truck["label"] == "Actor"


def test_label_studio_from_the_command_line_writes_the_config_beside(cli, tmp_path) -> None:
    project = tmp_path / "p.annotator"
    build(project)
    out = tmp_path / "tasks.json"
    result = cli("export", project, "--format", "label-studio", "-o", out)
    assert result.returncode == 0, result.stderr
    config = tmp_path / "tasks-config.xml"
    assert result.stdout == f"Exported 1 document to {out} and {config}.\n"
    assert config.read_text(encoding="utf-8").startswith("<View>")
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["annotators"] == ["Gold", "Ana"]
    assert "registry links of 1 annotation left out" in result.stderr
