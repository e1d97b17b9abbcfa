"""Label Studio JSON export, validated by label-studio-sdk's LabelInterface against the
generated labelling config, with code-point offsets (as Label Studio counts) and exact region
text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from label_studio_sdk.label_interface import LabelInterface
from utf16_checks import native_documents
from utf16_data import DOC_ID, FIRETRUCKS, GOLDEN, build

from annotator import Project
from annotator.core.reports import Cancelled
from annotator.core.schema import default_schema
from annotator.io.exporting import export_project
from annotator.io.flat_spans import Losses
from annotator.io.formats import FORMATS
from annotator.io.label_studio import config_path, labelling_config, task, write_label_studio


@pytest.fixture
def built(tmp_path: Path) -> Project:
    path = tmp_path / "p.annotator"
    build(path)
    with Project.open(path, readonly=True) as p:
        yield p


def export(p: Project, out: Path, layer=None) -> tuple[list[dict[str, Any]], LabelInterface]:
    write_label_studio(p.datasets(layer), out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    return tasks, LabelInterface(config_path(out).read_text(encoding="utf-8"))


def regions(annotation: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in annotation["result"] if r["type"] == "labels"]


def test_every_annotation_validates_against_the_generated_config(built, tmp_path):
    tasks, interface = export(built, tmp_path / "ls.json")
    (only,) = tasks
    assert len(only["annotations"]) == 2
    for annotation in only["annotations"]:
        assert interface.validate_annotation(annotation)
    # the check can fail: a label or a choice the config does not have is refused
    wrong = json.loads(json.dumps(only["annotations"][1]))
    regions(wrong)[0]["value"]["labels"] = ["Nonsense"]
    assert not interface.validate_annotation(wrong)


def test_regions_cover_the_stored_text_in_utf16(built, tmp_path):
    tasks, _ = export(built, tmp_path / "ls.json")
    (only,) = tasks
    text = only["data"]["text"]
    assert text == built.documents.get(DOC_ID).text
    assert only["data"]["annotators"] == ["Gold", "Ana"]
    assert [a["ground_truth"] for a in only["annotations"]] == [True, False]
    stored = {
        (a.label, f.text)
        for layer in built.layers()
        for a in layer.annotations(DOC_ID)
        for f in a.fragments
    }
    exported = set()
    for annotation in only["annotations"]:
        ids = {r["id"] for r in regions(annotation)}
        for r in regions(annotation):
            v = r["value"]
            assert text[v["start"] : v["end"]] == v["text"]  # value.text exact, code points
            exported.add((v["labels"][0], v["text"]))
        for rel in (r for r in annotation["result"] if r["type"] == "relation"):
            assert {rel["from_id"], rel["to_id"]} <= ids
    assert exported == stored
    ana = only["annotations"][1]["result"]
    truck = next(r for r in ana if r["type"] == "labels" and r["value"]["text"] == "firetrucks")
    assert (truck["value"]["start"], truck["value"]["end"]) == (19, 29)  # not doccano's 22
    choices = {(r["from_name"], r["value"]["choices"][0]) for r in ana if r["type"] == "choices"}
    assert choices == {
        ("Actor.type", "person"),
        ("Quote.form", "direct"),
        ("Demand.issue", "border talks"),
        ("Demand.position", "for"),
    }


def test_the_config_lists_the_schema_and_values_met_in_the_data(built, tmp_path):
    export(built, tmp_path / "ls.json")
    root = ET.fromstring(config_path(tmp_path / "ls.json").read_text(encoding="utf-8"))
    schema = default_schema()
    assert [x.get("value") for x in root.iter("Label")] == [x.name for x in schema.labels]
    assert [x.get("value") for x in root.iter("Relation")] == [r.name for r in schema.relations]
    issue = next(c for c in root.iter("Choices") if c.get("name") == "Demand.issue")
    assert "border talks" in [c.get("value") for c in issue]  # an editable list's new value
    assert "border talks" not in labelling_config(schema)


def test_a_layer_alone_and_a_document_nobody_annotated(project: Project, tmp_path):
    doc = project.documents.add(FIRETRUCKS).value
    project.documents.add("Nobody annotated this.")
    project.gold.add_annotation(doc.id, "Actor", [(19, 29)])
    project.layer().add_annotation(doc.id, "Actor", [(8, 15)])
    tasks, interface = export(project, tmp_path / "gold.json", project.gold)
    assert [len(t["annotations"]) for t in tasks] == [1, 0]
    (annotation,) = tasks[0]["annotations"]
    assert interface.validate_annotation(annotation)
    assert [r["value"]["text"] for r in regions(annotation)] == ["firetrucks"]


def test_files_and_golden(built, tmp_path):
    out = tmp_path / "claims.json"
    assert FORMATS["label-studio"].files(out) == (out, tmp_path / "claims-config.xml")
    export_project(built, "label-studio", out)
    for name in ("claims.json", "claims-config.xml"):
        golden = GOLDEN / "label-studio" / name
        assert (tmp_path / name).read_bytes() == golden.read_bytes(), name


def test_cancelled_export_leaves_nothing(built, tmp_path):
    with pytest.raises(Cancelled):
        write_label_studio(built.datasets(), tmp_path / "ls.json", lambda done, total: True)
    assert [p.name for p in tmp_path.iterdir() if "ls" in p.name] == []


INTERFACE = LabelInterface(labelling_config(default_schema()))


@settings(max_examples=150, deadline=None)
@given(native_documents())
def test_any_document_gives_valid_tasks_with_exact_region_text(doc: dict[str, Any]) -> None:
    losses = Losses()
    got = task(doc, {"ana": "Ana", "gold": "Gold"}, losses, {}, 1)
    exported = []
    for annotation in got["annotations"]:
        assert INTERFACE.validate_annotation(annotation)
        for r in annotation["result"]:
            if r["type"] == "labels":
                v = r["value"]
                assert doc["text"][v["start"] : v["end"]] == v["text"]
                exported.append((v["labels"][0], v["text"]))
    expected = [(a["label"], f["text"]) for a in doc["annotations"] for f in a["fragments"]]
    assert sorted(exported) == sorted(expected)
    relations = [r for a in got["annotations"] for r in a["result"] if r["type"] == "relation"]
    assert len(relations) == len(doc["relations"])
