"""`annotator export --format brat|conll` from the command line: files, messages, refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from annotator import Project


@pytest.fixture
def demo(cli, tmp_path: Path) -> Path:
    path = tmp_path / "demo.annotator"
    result = cli("demo", path)
    assert result.returncode == 0, result.stderr
    return path


def test_brat_export_writes_a_zip_of_every_document(cli, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo.zip"
    result = cli("export", demo, "--format", "brat", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Exported 12 documents to {out}."
    with Project.open(demo, readonly=True) as p:
        docs = list(p.documents.all())
        annotations = p.info()["annotations"]
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        texts = {n: zf.read(n).decode() for n in names if n.endswith(".txt")}
        t_lines = sum(
            line.startswith("T")
            for n in names
            if n.endswith(".ann")
            for line in zf.read(n).decode().splitlines()
        )
    assert {"annotation.conf", "visual.conf"} <= set(names)
    assert sorted(texts.values()) == sorted(d.text for d in docs)
    assert t_lines == annotations
    assert "brat names" in result.stdout + result.stderr  # the mapped attribute values are said


def test_conll_export_of_one_layer_and_refusal_message(cli, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo.conll"
    result = cli("export", demo, "--format", "conll", "--annotator", "Tester", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Exported 12 documents to {out}."
    lines = out.read_text(encoding="utf-8").split("\n")
    ids = [line.split("\t")[1] for line in lines if line.startswith("-DOCSTART-")]
    assert len(set(ids)) == len(ids) == 12  # each document's id between -DOCSTART- and O
    assert any(line.endswith("\tB-Quote") for line in lines)
