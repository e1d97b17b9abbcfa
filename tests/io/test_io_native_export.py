"""Native exports (annotator/1, JSON and JSONL): valid against the JSON Schema, exact
fragments, the annotator filter, and atomic writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_validation import assert_valid_export

from annotator import NotFoundError, OutputError, Project
from annotator.core.reports import Cancelled
from annotator.demo import DEMO_ANNOTATOR
from annotator.io import native
from annotator.io.exporting import export_project, layer_named

WRITERS = {"json": native.write_json, "jsonl": native.write_jsonl}


@pytest.fixture
def demo(demo_path: Path):
    with Project.open(demo_path, readonly=True) as p:
        yield p


@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_demo_export_is_valid_and_complete(demo, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"demo.{kind}"
    count = WRITERS[kind](demo.datasets(), out)
    header, documents = assert_valid_export(out)
    info = demo.info()
    assert count == len(documents) == info["documents"] == 12
    assert header["format"] == "annotator/1"
    assert header["project"]["name"] == demo.name
    assert header["schema"] == demo.schema.raw
    assert [a["name"] for a in header["annotators"]] == [DEMO_ANNOTATOR]
    assert len(header["entities"]) == info["actors"] > 0
    assert sum(len(d["annotations"]) for d in documents) == info["annotations"] > 0
    assert sum(len(d["relations"]) for d in documents) == info["relations"] > 0
    by_id = {d.id: d for d in demo.documents.all()}
    for doc in documents:
        assert doc["text"] == by_id[doc["id"]].text
        assert doc["sha256"] == by_id[doc["id"]].sha256
    # every fragment is the exact text of its offsets (also checked in assert_valid_export)
    fragments = [
        (d["text"], f) for d in documents for a in d["annotations"] for f in a["fragments"]
    ]
    assert len(fragments) >= info["annotations"]
    assert all(text[f["start"] : f["end"]] == f["text"] for text, f in fragments)
    # an interrupted quote: more than one fragment, in text order
    multi = [a for d in documents for a in d["annotations"] if len(a["fragments"]) > 1]
    assert multi
    for ann in multi:
        ends = [(f["start"], f["end"]) for f in ann["fragments"]]
        assert ends == sorted(ends)


def test_json_and_jsonl_hold_the_same_data(demo, tmp_path: Path) -> None:
    native.write_json(demo.datasets(), tmp_path / "a.json")
    native.write_jsonl(demo.datasets(), tmp_path / "a.jsonl")
    h1, d1 = assert_valid_export(tmp_path / "a.json")
    h2, d2 = assert_valid_export(tmp_path / "a.jsonl")
    h1.pop("exported")
    h2.pop("exported")
    assert (h1, d1) == (h2, d2)
    # JSONL: a header line, then exactly one line per document
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").split("\n")
    assert len(lines) == 1 + 12 + 1 and lines[-1] == ""


def test_export_validator_rejects_a_broken_export(demo, tmp_path: Path) -> None:
    """The helper itself must be able to fail."""
    out = tmp_path / "demo.json"
    native.write_json(demo.datasets(), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    doc = next(d for d in data["documents"] if d["annotations"])
    doc["annotations"][0]["fragments"][0]["start"] += 1
    out.write_text(json.dumps(data) + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="does not match the document text"):
        assert_valid_export(out)
    del data["documents"][0]["sha256"]
    out.write_text(json.dumps(data) + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="sha256"):
        assert_valid_export(out)


def test_empty_project_exports_validly(project, tmp_path: Path) -> None:
    for kind, writer in WRITERS.items():
        out = tmp_path / f"empty.{kind}"
        assert writer(project.datasets(), out) == 0
        header, documents = assert_valid_export(out)
        assert documents == []
        assert header["project"]["name"] == "test"


def test_text_with_line_separators_survives_jsonl(project, tmp_path: Path) -> None:
    text = 'Before\u2028after\u2029and "quotes"\nnext line \u00e9'
    doc = project.documents.add(text, title="Separators").value
    project.layer().add_annotation(doc.id, "Cue", [(0, 6)])
    out = tmp_path / "sep.jsonl"
    native.write_jsonl(project.datasets(), out)
    _, [exported] = assert_valid_export(out)
    assert exported["text"] == text
    assert exported["annotations"][0]["fragments"] == [{"start": 0, "end": 6, "text": "Before"}]


@pytest.fixture
def two_annotators(demo_path: Path) -> Path:
    """The demo plus annotations, a relation and a status by a second annotator, "Other"."""
    with Project.open(demo_path, annotator="Other", backup=False) as p:
        other = p.layer()
        doc = next(d for d in p.documents.all() if "Hálek" in d.text)
        start = doc.text.index("Hálek")
        actor = other.add_annotation(doc.id, "Actor", [(start, start + len("Hálek"))]).value
        cue_at = doc.text.index("told reporters")
        cue = other.add_annotation(doc.id, "Cue", [(cue_at, cue_at + len("told"))]).value
        quote_at = doc.text.index("We did not come here")
        quote = other.add_annotation(
            doc.id,
            "Quote",
            [(quote_at, quote_at + len("We did not come here to trade villages"))],
            attributes={"form": "direct"},
        ).value
        other.add_relation("speaker", quote.id, actor.id)
        other.add_relation("cue", quote.id, cue.id)
        other.set_status(doc.id, "in_progress")
    return demo_path


@pytest.mark.parametrize("kind", ["native", "jsonl"])
def test_annotator_filter_keeps_only_that_annotators_work(
    two_annotators: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"other.{kind}"
    with Project.open(two_annotators, readonly=True) as p:
        other = p.annotators.named("Other")
        assert other is not None
        assert export_project(p, kind, out, layer_named(p, "Other")) == 12
    header, documents = assert_valid_export(out)
    assert header["annotators"] == [{"id": other.id, "name": "Other"}]
    annotations = [a for d in documents for a in d["annotations"]]
    assert sorted(a["label"] for a in annotations) == ["Actor", "Cue", "Quote"]
    assert {a["annotator"] for a in annotations} == {other.id}
    relations = [r for d in documents for r in d["relations"]]
    assert sorted(r["type"] for r in relations) == ["cue", "speaker"]
    assert {r["annotator"] for r in relations} == {other.id}
    statuses = [d["status"] for d in documents if d["status"]]
    assert statuses == [{other.id: "in_progress"}]
    # the texts and the registry are all there
    assert len(documents) == 12 and all(d["text"] for d in documents)
    assert len(header["entities"]) == 29

    unfiltered = tmp_path / f"all.{kind}"
    with Project.open(two_annotators, readonly=True) as p:
        export_project(p, kind, unfiltered)
    header, documents = assert_valid_export(unfiltered)
    assert {a["name"] for a in header["annotators"]} == {DEMO_ANNOTATOR, "Other"}
    assert sum(len(d["annotations"]) for d in documents) == 111 + 3


def test_unknown_annotator_is_refused_listing_the_annotators(demo, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    with pytest.raises(NotFoundError, match=r"no annotator named 'Nobody' \(annotators: Demo"):
        export_project(demo, "native", out, layer_named(demo, "Nobody"))
    assert not out.exists()


@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_export_to_a_missing_folder_creates_nothing(demo, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "missing" / "deeper" / f"out.{kind}"
    with pytest.raises(OutputError, match="no such folder"):
        WRITERS[kind](demo.datasets(), out)
    assert not (tmp_path / "missing").exists()
    assert not [p for p in tmp_path.rglob("*") if "out" in p.name]


@pytest.mark.parametrize("kind", ["json", "jsonl"])
@pytest.mark.parametrize("how", ["cancel", "raise"])
def test_failed_export_keeps_the_previous_file(demo, tmp_path: Path, kind: str, how: str) -> None:
    out = tmp_path / f"out.{kind}"
    out.write_text("previous export\n", encoding="utf-8")
    calls = []

    def progress(done: int, total: int | None) -> bool:
        calls.append((done, total))
        if done == 5:
            if how == "raise":
                raise RuntimeError("disk trouble")
            return True
        return False

    expected = Cancelled if how == "cancel" else RuntimeError
    with pytest.raises(expected):
        WRITERS[kind](demo.datasets(), out, progress=progress)
    assert calls[-1] == (5, 12)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == [out.name]
    # and a successful export then replaces it
    assert WRITERS[kind](demo.datasets(), out, progress=lambda d, t: False) == 12
    assert_valid_export(out)
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == [out.name]


def test_unwritable_output_is_an_output_error(demo, tmp_path: Path) -> None:
    folder = tmp_path / "target"
    folder.mkdir()
    (folder / "out.json").mkdir()  # a folder where the file should go
    with pytest.raises(OutputError, match=r"out\.json: cannot be written"):
        native.write_json(demo.datasets(), folder / "out.json")
    assert [p.name for p in folder.iterdir()] == ["out.json"]
    assert (folder / "out.json").is_dir()
