"""`annotator check`: duplicates are warned about by name; the listing stays short and memory
flat however many problems a project has."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from annotator import Project
from annotator.cli import main
from annotator.core.model import DocumentInput
from annotator.demo import DEMO_ANNOTATOR


def test_check_warns_about_a_duplicate_naming_the_document_and_both_ids(
    cli, demo_path: Path
) -> None:
    with Project.open(demo_path, readonly=True, annotator=DEMO_ANNOTATOR) as p:
        layer = p.layer()
        doc = next(d for d in p.documents.all() if layer.annotations(d.id))
        original = layer.annotations(doc.id)[0]
    # the store refuses to add it; a project made before (or another tool) may hold one
    conn = sqlite3.connect(str(demo_path))
    with conn:
        conn.execute(
            "INSERT INTO annotations SELECT 'the-copy', document, label, start, \"end\", "
            "fragments, attributes, entity, annotator, origin, note, '2999-01-01', modified "
            "FROM annotations WHERE id = ?",
            [original.id],
        )
    conn.close()
    copy_id = "the-copy"
    result = cli("check", demo_path)
    assert result.returncode == 0, result.stdout  # a warning, not an error
    lines = result.stdout.splitlines()
    assert (
        f"Warning: 1 {original.label} annotation(s) identical to an earlier one of the same "
        "layer (same document, label and fragments)"
    ) in lines
    listed = [line for line in lines if copy_id in line]
    assert listed == [
        f"Warning: {doc.title!r} at {original.start}: {original.label} annotation {copy_id} "
        f"is identical to annotation {original.id}: “{original.fragments[0].text}”"
    ]
    assert lines[-1].startswith("OK: checked 12 documents")

    data = json.loads(cli("check", "--json", demo_path).stdout)
    (problem,) = data["problems"]
    assert (problem["document_id"], problem["annotation_id"]) == (doc.id, copy_id)
    assert problem["kind"] == f"duplicate {original.label.lower()}"
    assert original.id in problem["message"]


def unlinked_mentions(path: Path, documents: int, per_document: int) -> None:
    """A project whose documents each hold ``per_document`` unlinked Actor mentions."""
    text = " ".join(f"Name{i} spoke." for i in range(per_document))
    with Project.create(path) as p, p.transaction():
        p.documents.add_many(DocumentInput(f"{n}: {text}") for n in range(documents))
        layer = p.layer()
        for doc in p.documents.all():
            for name in re.finditer(r"Name\d+", doc.text):
                layer.add_annotation(doc.id, "Actor", [name.span()])


def peak_of_check(path: Path, *args: str) -> tuple[int, str]:
    """Peak Python allocations of `annotator check PATH` run in this process (its output
    going to a file, not to memory), and its output."""
    out = path.with_suffix(".out")
    with out.open("w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        tracemalloc.start()
        try:
            with pytest.raises(SystemExit) as exited:
                main.main(["check", *args, str(path)], standalone_mode=False)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert exited.value.code == 0
    return peak, out.read_text(encoding="utf-8")


def test_memory_stays_flat_however_many_problems(tmp_path: Path) -> None:
    few, many = tmp_path / "few.annotator", tmp_path / "many.annotator"
    unlinked_mentions(few, 10, 3)  # 30 problems
    unlinked_mentions(many, 100, 30)  # 3,000 problems
    peak_check = []
    for path, count in ((few, 30), (many, 3000)):
        peak, output = peak_of_check(path)
        lines = output.splitlines()
        assert f"Warning: {count} Actor annotation(s) not linked to the registry" in lines
        assert len([line for line in lines if " at " in line]) == 20
        assert f"Warning: ... and {count - 20} more problem(s)" in lines
        peak_check.append(peak)
    # 100 times as many problems: the listing of 20 does not grow (building every problem
    # took about 1 kB each: 3 MB here)
    assert peak_check[1] < peak_check[0] + 500_000, peak_check
    # the JSON lists every problem, written as they are read
    peak, output = peak_of_check(many, "--json")
    assert len(json.loads(output)["problems"]) == 3000
    assert peak < peak_check[0] + 500_000, (peak, peak_check)
