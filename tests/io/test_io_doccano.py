"""doccano JSONL export: UTF-16 offsets as doccano counts, split discontinuous spans, layers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from utf16_checks import native_documents, utf16_slice
from utf16_data import DOC_ID, FIRETRUCKS, GOLDEN, build

from annotator import Project
from annotator.core.reports import Cancelled
from annotator.io.doccano import doccano_lines, write_doccano
from annotator.io.exporting import export_project
from annotator.io.flat_spans import Losses


def lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def built(tmp_path: Path) -> Project:
    path = tmp_path / "p.annotator"
    build(path)
    with Project.open(path, readonly=True) as p:
        yield p


def test_the_issue_example_puts_firetrucks_where_doccano_does(project: Project, tmp_path):
    doc = project.documents.add(FIRETRUCKS).value
    start = FIRETRUCKS.index("firetrucks")
    assert start == 19  # Python's code points
    project.layer().add_annotation(doc.id, "Actor", [(start, start + 10)])
    out = tmp_path / "d.jsonl"
    assert write_doccano(project.datasets(), out) == 1
    (line,) = lines(out)
    assert line["entities"][0]["start_offset"] == 22  # doccano#2290: doccano says 22
    assert line["entities"][0]["end_offset"] == 32
    assert line["entities"][0]["label"] == "Actor"


def test_every_entity_covers_the_stored_text_and_relations_point_at_entities(built, tmp_path):
    out = tmp_path / "d.jsonl"
    data = built.datasets()
    assert write_doccano(data, out) == 1
    got = lines(out)
    assert [line["annotator"] for line in got] == ["Gold", "Ana"]  # one line per annotator
    stored = {
        (a.label, f.text)
        for layer in built.layers()
        for a in layer.annotations(DOC_ID)
        for f in a.fragments
    }
    exported = set()
    for line in got:
        assert line["text"] == built.documents.get(DOC_ID).text
        assert line["document_id"] == DOC_ID and line["title"] == "Fire 🚒"
        ids = {e["id"] for e in line["entities"]}
        for e in line["entities"]:
            exported.add(
                (e["label"], utf16_slice(line["text"], e["start_offset"], e["end_offset"]))
            )
        for r in line["relations"]:
            assert {r["from_id"], r["to_id"]} <= ids
    assert exported == stored
    ana = got[1]
    by_id = {e["id"]: e for e in ana["entities"]}
    speaker = next(r for r in ana["relations"] if r["type"] == "speaker")
    first = by_id[speaker["from_id"]]
    assert utf16_slice(ana["text"], first["start_offset"], first["end_offset"]) == (
        "We shall 𠀋 not,"
    )  # the split quote's relation starts at its first fragment
    assert "1 discontinuous annotation split into 2 spans (relations attach to the first)" in (
        data.notes
    )
    assert "attributes of 3 annotations left out" in data.notes
    assert "registry links of 1 annotation left out" in data.notes
    all_ids = [x["id"] for line in got for x in line["entities"] + line["relations"]]
    assert len(all_ids) == len(set(all_ids))


def test_one_layer_gives_one_line_per_document(built, tmp_path):
    out = tmp_path / "gold.jsonl"
    write_doccano(built.datasets(built.gold), out)
    (line,) = lines(out)
    assert line["annotator"] == "Gold"
    assert [
        utf16_slice(line["text"], e["start_offset"], e["end_offset"]) for e in line["entities"]
    ] == ["firemen"]


def test_crlf_in_the_source_is_counted_on_the_stored_lf_text(project: Project, tmp_path):
    doc = project.documents.add("A\r\n🚒 B\r\nVelmar").value
    assert doc.text == "A\n🚒 B\nVelmar"
    start = doc.text.index("Velmar")
    project.layer().add_annotation(doc.id, "Actor", [(start, start + 6)])
    out = tmp_path / "d.jsonl"
    write_doccano(project.datasets(), out)
    (line,) = lines(out)
    assert line["entities"][0]["start_offset"] == start + 1  # the emoji takes two units
    assert utf16_slice(line["text"], 7, 13) == "Velmar"


def test_golden_file(built, tmp_path):
    out = tmp_path / "claims.jsonl"
    write_doccano(built.datasets(), out)
    assert out.read_bytes() == (GOLDEN / "doccano" / "claims.jsonl").read_bytes()


def test_cancelled_export_leaves_nothing(built, tmp_path):
    out = tmp_path / "d.jsonl"
    with pytest.raises(Cancelled):
        write_doccano(built.datasets(), out, progress=lambda done, total: True)
    assert list(tmp_path.glob("d.jsonl*")) == [] and not list(tmp_path.glob(".d.jsonl*"))


def test_the_table_exports_it(built, tmp_path):
    out = tmp_path / "via-table.jsonl"
    export_project(built, "doccano", out)
    assert lines(out)[0]["entities"]


@settings(max_examples=150, deadline=None)
@given(native_documents())
def test_any_document_keeps_its_spans_in_utf16(doc: dict[str, Any]) -> None:
    losses = Losses()
    got = doccano_lines(doc, {"ana": "Ana", "gold": "Gold"}, losses, 1)
    expected = sorted(
        (a["annotator"], a["label"], f["text"]) for a in doc["annotations"] for f in a["fragments"]
    )
    exported = sorted(
        (
            "gold" if line.get("annotator") == "Gold" else "ana",
            e["label"],
            utf16_slice(line["text"], e["start_offset"], e["end_offset"]),
        )
        for line in got
        if "annotator" in line
        for e in line["entities"]
    )
    assert exported == expected
    assert losses.split == sum(len(a["fragments"]) > 1 for a in doc["annotations"])
    assert sum(len(line["relations"]) for line in got) == len(doc["relations"])
