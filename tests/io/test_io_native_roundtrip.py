"""Export → import → export gives the same data; re-importing changes nothing."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from export_validation import assert_valid_export

from annotator import InputError, Project, ValidationError
from annotator.io import native
from annotator.io.exporting import export_project, layer_named
from annotator.io.formats import detect
from annotator.io.importing import import_paths


def comparable(path: Path) -> dict[str, Any]:
    """An export as one dict without what legitimately differs between projects."""
    header, documents = assert_valid_export(path)
    header = dict(header)
    header.pop("exported")
    header["project"] = {k: v for k, v in header["project"].items() if k not in ("name", "created")}
    return {**header, "documents": documents}


@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_round_trip_of_the_demo(demo_path: Path, tmp_path: Path, kind: str) -> None:
    first = tmp_path / f"first.{kind}"
    with Project.open(demo_path, readonly=True) as demo:
        (native.write_json if kind == "json" else native.write_jsonl)(demo.datasets(), first)
        demo_info = demo.info()
    assert detect(first) == "native"

    target = tmp_path / "copy.annotator"
    with Project.create(target, annotator="Someone else") as copy:
        report = import_paths(copy, [first])
    assert (report.added, report.annotations, report.relations, report.entities) == (
        12,
        demo_info["annotations"],
        demo_info["relations"],
        demo_info["actors"],
    )
    assert report.duplicates == [] and report.annotations_skipped == 0

    second = tmp_path / f"second.{kind}"
    with Project.open(target, readonly=True) as copy:
        export_project(copy, "native" if kind == "json" else "jsonl", second)
        copy_info = copy.info()
        assert copy.name == "copy"
    assert comparable(first) == comparable(second)
    for key in ("documents", "annotations", "annotations_per_label", "relations", "actors"):
        assert copy_info[key] == demo_info[key]
    assert copy_info["annotators"] == demo_info["annotators"]  # ids, counts, "done" statuses

    # importing the same export again is a no-op (idempotent)
    with Project.open(target, backup=False) as copy:
        again = import_paths(copy, [first])
    assert (again.added, again.annotations, again.relations, again.entities) == (0, 0, 0, 0)
    assert len(again.duplicates) == 12
    assert again.annotations_skipped == demo_info["annotations"]
    third = tmp_path / f"third.{kind}"
    with Project.open(target, readonly=True) as copy:
        export_project(copy, "native" if kind == "json" else "jsonl", third)
    assert comparable(third) == comparable(first)


def test_native_import_adds_annotations_to_existing_texts(demo_path, tmp_path, project) -> None:
    """Documents already present (same text) get the export's annotations, not a copy."""
    export = tmp_path / "demo.json"
    with Project.open(demo_path, readonly=True) as demo:
        native.write_json(demo.datasets(), export)
        first_text = next(demo.documents.all()).text
    assert_valid_export(export)
    project.documents.add(first_text, title="my own title")
    project.documents.add("Something only this project has.", title="mine")
    report = import_paths(project, [export])
    assert report.added == 11
    assert report.duplicates == [f"{export}: documents[0]"]
    with Project.open(project.path, readonly=True) as p:
        docs = list(p.documents.all())
        assert len(docs) == 13
        mine = docs[0]
        assert mine.title == "my own title"  # nothing present is overwritten
        (person,) = p.annotators.all()  # the demo's annotator came along with the export
        assert len(p.layer(person.id).annotations(mine.id)) > 0  # and so did the annotations
        assert p.check().ok


def test_filtered_export_is_self_contained_and_reimports(demo_path: Path, tmp_path: Path):
    """A per-annotator export holds only that layer, and its relations link annotations of
    that layer only, so it imports on its own. (A relation from one annotator's annotation to
    another's cannot be made at all: the store refuses relations across layers.)"""
    with Project.open(demo_path, annotator="Other", backup=False) as p:
        (demo_person,) = p.annotators.all()
        demo_layer, other = p.layer(demo_person.id), p.layer()
        doc = next(d for d in p.documents.all() if demo_layer.annotations(d.id))
        theirs = next(a for a in demo_layer.annotations(doc.id) if a.label == "Actor")
        at = doc.text.index("We did not come here")
        quote = other.add_annotation(doc.id, "Quote", [(at, at + 20)]).value
        with pytest.raises(ValidationError, match="two annotations of one layer"):
            other.add_relation("speaker", quote.id, theirs.id)  # Other's quote → Demo's actor
        at = doc.text.index("told reporters")
        cue = other.add_annotation(doc.id, "Cue", [(at, at + 4)]).value
        other.add_relation("cue", quote.id, cue.id)  # both ends Other's
        other_id = other.annotator_id
    # A file written before that rule (or by another tool) may hold such a relation anyway.
    with contextlib.closing(sqlite3.connect(demo_path)) as conn, conn:
        conn.execute(
            "INSERT INTO relations (id, type, source, target, annotator, created) "
            "VALUES ('across', 'speaker', ?, ?, ?, '2026-01-01T00:00:00.000Z')",
            [quote.id, theirs.id, other_id],
        )
    out = tmp_path / "other.json"
    with Project.open(demo_path, readonly=True) as p:
        export_project(p, "native", out, layer_named(p, "Other"))
    _, documents = assert_valid_export(out)
    ids = {a["id"] for d in documents for a in d["annotations"]}
    relations = [r for d in documents for r in d["relations"]]
    assert [r["type"] for r in relations] == ["cue"]
    assert all(r["source"] in ids and r["target"] in ids for r in relations)
    with Project.create(tmp_path / "other.annotator") as fresh:
        report = import_paths(fresh, [out])
    assert (report.added, report.annotations, report.relations) == (12, 2, 1)


def test_export_with_a_dangling_relation_is_refused_naming_the_document(
    demo_path: Path, tmp_path: Path, project
) -> None:
    export = tmp_path / "demo.json"
    with Project.open(demo_path, readonly=True) as demo:
        native.write_json(demo.datasets(), export)
    assert_valid_export(export)
    data = json.loads(export.read_text(encoding="utf-8"))
    index = next(i for i, d in enumerate(data["documents"]) if d["relations"])
    data["documents"][index]["relations"][0]["target"] = "no-such-annotation"
    export.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=rf"documents\[{index}\]: no annotation .*no-such"):
        import_paths(project, [export])
    with Project.open(project.path, readonly=True) as p:
        assert p.info()["documents"] == 0 and p.info()["actors"] == 0


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d["documents"][0].update(text="edited by hand"), "does not match its sha256"),
        (lambda d: d["documents"][0].pop("sha256"), r"documents\[0\]: .*'sha256' is a required"),
        (lambda d: d.update(format="annotator/9"), "cannot read"),
        (
            lambda d: d["documents"][1]["annotations"][0]["fragments"][0].update(start=1),
            r"documents\[1\]",
        ),
    ],
    ids=["text-edited", "sha-missing", "newer-format", "fragment-moved"],
)
def test_damaged_export_is_refused_and_nothing_imported(
    demo_path: Path, tmp_path: Path, project, edit, message: str
) -> None:
    export = tmp_path / "demo.json"
    with Project.open(demo_path, readonly=True) as demo:
        native.write_json(demo.datasets(), export)
    assert_valid_export(export)
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["documents"][1]["annotations"]
    edit(data)
    export.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_paths(project, [export], fmt="native")
    with Project.open(project.path, readonly=True) as p:
        info = p.info()
    assert (info["documents"], info["annotations"], info["actors"]) == (0, 0, 0)
