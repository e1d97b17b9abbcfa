"""``annotator gold``: merge strategies from the command line, on a project of three
annotators built through the API; what gold holds is read back with plain sqlite3 and through
an export of the gold layer."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator import Project

TEXT = "Karamov said talks must resume now. Belotsky demanded a cease-fire."


def at(needle: str) -> list[tuple[int, int]]:
    start = TEXT.index(needle)
    return [(start, start + len(needle))]


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, str]:
    """Karamov speaks the quote for all three (Cy's quote is shorter); Belotsky for two."""
    path = tmp_path / "team.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Talks").value
        layers = [p.layer(), p.layer(p.annotators.add("Ben").value.id)]
        layers.append(p.layer(p.annotators.add("Cy").value.id))
        for i, who in enumerate(layers):
            actor = who.add_annotation(doc.id, "Actor", at("Karamov")).value
            quote = "talks must resume" if i == 2 else "talks must resume now"
            q = who.add_annotation(doc.id, "Quote", at(quote)).value
            who.add_relation("speaker", q.id, actor.id)
            if i < 2:
                who.add_annotation(doc.id, "Actor", at("Belotsky"))
    return path, doc.id


def gold(path: Path) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT label, start, origin FROM annotations WHERE annotator = 'gold' ORDER BY start"
        ).fetchall()


def test_dry_run_previews_and_writes_nothing(cli: Any, team: tuple[Path, str]) -> None:
    path, _doc = team
    before = path.read_bytes()
    result = cli("gold", path, "--accept", "majority", "--min", "2", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "3 unit(s) in 1 document(s) would be accepted." in result.stdout
    assert "  Actor: 2" in result.stdout and "  Quote: 1" in result.stdout
    assert path.read_bytes() == before


def test_agreed_then_majority_then_export_gold(
    cli: Any, team: tuple[Path, str], tmp_path: Path, assert_valid_export: Any
) -> None:
    path, _doc = team
    result = cli("gold", path, "--accept", "agreed")
    assert result.returncode == 0, result.stderr
    assert "1 unit(s) in 1 document(s) accepted into gold." in result.stdout
    assert gold(path) == [("Actor", 0, "adjudication")]
    again = cli("gold", path, "--accept", "agreed")
    assert "0 unit(s)" in again.stdout and gold(path) == [("Actor", 0, "adjudication")]
    result = cli("gold", path, "--accept", "majority", "--share", "0.6")
    assert result.returncode == 0, result.stderr
    assert [row[0] for row in gold(path)] == ["Actor", "Quote", "Actor"]
    out = tmp_path / "gold.json"
    exported = cli("export", path, "--annotator", "Gold", "-o", out)
    assert exported.returncode == 0, exported.stderr
    _header, documents = assert_valid_export(out)
    (document,) = documents
    assert {a["annotator"] for a in document["annotations"]} == {"gold"}
    assert [r["type"] for r in document["relations"]] == ["speaker"]  # it came along
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "annotator/1"


def test_only_two_annotators_and_a_document(cli: Any, team: tuple[Path, str]) -> None:
    path, doc = team
    result = cli("gold", path, "--accept", "agreed", "--annotators", "Ana,Ben", "--documents", doc)
    assert result.returncode == 0, result.stderr
    assert "3 unit(s)" in result.stdout  # Ana and Ben agree on everything


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--accept", "agreed", "--min", "2"], "--min and --share go with --accept majority", 2),
        (["--accept", "majority", "--annotators", "Ana,Zed"], "no annotator named 'Zed'", 2),
        (["--accept", "majority", "--annotators", "Ana"], "at least two annotators", 2),
        (["--accept", "majority", "--documents", "nope"], "no document with id 'nope'", 2),
        (["--accept", "majority", "--annotators", "Ana,gold"], "gold is what a review", 2),
    ],
)
def test_bad_options_say_why_and_change_nothing(
    cli: Any, team: tuple[Path, str], args: list[str], message: str, code: int
) -> None:
    path, _doc = team
    result = cli("gold", path, *args)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert gold(path) == []


def test_not_a_project(cli: Any, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello", encoding="utf-8")
    result = cli("gold", bogus, "--accept", "agreed")
    assert result.returncode == 4
    assert "notes.txt" in result.stderr and "Traceback" not in result.stderr
    assert bogus.read_text(encoding="utf-8") == "hello"
