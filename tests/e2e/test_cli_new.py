"""`annotator new`: default and custom schemas; bad schemas and existing files refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from annotator import Project

CUSTOM: dict[str, Any] = {
    "format": "annotator-schema/1",
    "name": "Protest events",
    "version": 3,
    "labels": [
        {"name": "Event", "hotkey": "E", "color": "#112233"},
        {
            "name": "Organiser",
            "hotkey": "O",
            "entity": True,
            "attributes": [{"name": "kind", "values": ["union", "party", "NGO"]}],
        },
    ],
    "relations": [{"name": "organised_by", "source": "Event", "target": "Organiser", "max": 1}],
}


def write_schema(tmp_path: Path, schema: Any) -> Path:
    path = tmp_path / "schema.json"
    path.write_text(schema if isinstance(schema, str) else json.dumps(schema), encoding="utf-8")
    return path


def test_new_project_with_the_default_schema(cli, tmp_path: Path) -> None:
    path = tmp_path / "study.annotator"
    result = cli("new", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Created {path} (Claims — quotes, actors, demands, version 1).\n"
    with Project.open(path, readonly=True) as p:
        assert p.name == "study"
        assert [label.name for label in p.schema.labels] == ["Actor", "Quote", "Demand", "Cue"]
        assert p.info()["documents"] == 0
        assert p.check().ok
    assert not Path(str(path) + ".lock").exists()


def test_new_project_with_a_custom_schema_and_name(cli, tmp_path: Path) -> None:
    path = tmp_path / "events.annotator"
    result = cli("new", path, "--schema", write_schema(tmp_path, CUSTOM), "--name", "Événements")
    assert result.returncode == 0, result.stderr
    assert "(Protest events, version 3)" in result.stdout
    with Project.open(path, readonly=True) as p:
        assert p.name == "Événements"
        assert p.schema.raw == CUSTOM
        assert [r.name for r in p.schema.relations] == ["organised_by"]


def _bad(edit) -> dict[str, Any]:
    schema = copy.deepcopy(CUSTOM)
    edit(schema)
    return schema


@pytest.mark.parametrize(
    "schema, expected",
    [
        (_bad(lambda s: s["labels"][0].update(hotkey="AA")), "labels[0].hotkey"),
        (_bad(lambda s: s["relations"][0].update(target="Speaker")), "relations[0].target"),
        (_bad(lambda s: s["labels"][1].update(hotkey="E")), "labels[1].hotkey"),
        (_bad(lambda s: s["labels"][0].update(color="red")), "labels[0].color"),
        (_bad(lambda s: s.pop("labels")), "'labels' is a required property"),
        (
            _bad(lambda s: s["labels"][1]["attributes"][0].update(values=[])),
            "labels[1].attributes[0].values",
        ),
        ('{"format": "annotator-schema/1", "name": "x",\n  "labels": [}', "not valid JSON"),
    ],
    ids=[
        "hotkey-AA",
        "relation-target",
        "hotkey-twice",
        "colour",
        "no-labels",
        "empty-values",
        "invalid-json",
    ],
)
def test_bad_schema_is_refused_naming_the_field(cli, tmp_path: Path, schema, expected) -> None:
    path = tmp_path / "p.annotator"
    schema_file = write_schema(tmp_path, schema)
    result = cli("new", path, "--schema", schema_file)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Error: ")
    assert expected in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.json"]  # nothing created


def test_invalid_json_schema_names_the_line(cli, tmp_path: Path) -> None:
    schema_file = write_schema(tmp_path, '{\n  "format": "annotator-schema/1",\n  "name": }\n')
    result = cli("new", tmp_path / "p.annotator", "--schema", schema_file)
    assert result.returncode == 2
    assert f"{schema_file} is not valid JSON" in result.stderr
    assert "at line 3" in result.stderr


def test_new_refuses_an_existing_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    assert cli("new", path).returncode == 0
    before = path.read_bytes()
    result = cli("new", path)
    assert result.returncode == 4
    assert "already exists" in result.stderr
    assert path.read_bytes() == before

    other = tmp_path / "notes.txt"
    other.write_text("my notes", encoding="utf-8")
    result = cli("new", other)
    assert result.returncode == 4
    assert other.read_text(encoding="utf-8") == "my notes"


def test_new_in_a_missing_folder(cli, tmp_path: Path) -> None:
    result = cli("new", tmp_path / "nowhere" / "p.annotator")
    assert result.returncode == 4
    assert "no such folder" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_new_killed_midway_leaves_no_half_made_project(cli, tmp_path: Path) -> None:
    """A creation killed (SIGKILL) while it writes the tables leaves nothing at the path:
    `new` then succeeds and `open` opens the result."""
    import signal
    import subprocess
    import sys

    path = tmp_path / "study.annotator"
    script = (
        "import sys, time\n"
        "import annotator.store.project as project\n"
        "real = project.apply_migrations\n"
        "def slow(db):\n"
        "    real(db)\n"
        "    print('midway', flush=True)\n"
        "    time.sleep(60)\n"
        "project.apply_migrations = slow\n"
        "project.Project.create(sys.argv[1])\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "midway"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert not path.exists()
    result = cli("new", path)
    assert result.returncode == 0, result.stderr
    with Project.open(path) as p:
        assert p.info()["documents"] == 0
    assert sorted(f.name for f in tmp_path.iterdir()) == ["study.annotator"]
