"""`annotator demo`: writes the demo project; refuses to overwrite without --force.

The demo's annotations are written in the layer of whoever runs the command ($ANNOTATOR_NAME,
"Tester" in the tests; see tests/conftest.py), so that `annotator gui` shows them."""

from __future__ import annotations

import json
from pathlib import Path

from annotator import Project


def test_demo_writes_the_demo_project(cli, tmp_path: Path) -> None:
    path = tmp_path / "demo.annotator"
    result = cli("demo", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Demo project written to {path}.\n")
    assert "Documents:   12\n" in result.stdout  # followed by its info
    with Project.open(path, readonly=True) as p:
        info = p.info()
        assert p.check().ok
        assert p.layer().annotator_id is not None  # the layer of this user: Tester
        annotated = [d for d in p.documents.all() if p.layer().annotations(d.id)]
    assert info["documents"] == 12
    assert info["annotations"] > 0 and info["relations"] > 0 and info["actors"] > 0
    assert set(info["annotations_per_label"]) == {"Actor", "Quote", "Demand", "Cue"}
    assert info["linked_mentions"] > 0
    assert len(annotated) == 5
    assert [a["name"] for a in info["annotators"]] == ["Tester"]
    assert cli("check", path).returncode == 0


def test_demo_default_path_is_in_the_current_folder(cli, tmp_path: Path) -> None:
    result = cli("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "annotator-demo.annotator").is_file()


def test_demo_refuses_an_existing_path_unless_forced(cli, tmp_path: Path) -> None:
    path = tmp_path / "demo.annotator"
    assert cli("new", path, "--name", "My work").returncode == 0
    article = tmp_path / "a.txt"
    article.write_text("My own article.", encoding="utf-8")
    assert cli("import", path, article).returncode == 0
    before = path.read_bytes()

    result = cli("demo", path)
    assert result.returncode == 4
    assert f"Error: {path}: already exists (use --force to replace it)" in result.stderr
    assert path.read_bytes() == before

    result = cli("demo", path, "--force")
    assert result.returncode == 0, result.stderr
    facts = json.loads(cli("info", "--json", path).stdout)
    assert facts["name"] == "Demo: diplomacy, protests, negotiations"
    assert facts["documents"] == 12
    with Project.open(path, readonly=True) as p:
        assert all(d.text != "My own article." for d in p.documents.all())
