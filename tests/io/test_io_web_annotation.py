"""W3C Web Annotation export: expanded by pyld with the shipped context, offsets in code points."""

from __future__ import annotations

from pathlib import Path

import pytest
from claims_data import annotations_of, build, relations_of
from interchange_checks import OA, expand, read_collections
from interchange_checks import annotations_of as expanded_annotations

from annotator import Project
from annotator.core.reports import Cancelled
from annotator.io.exporting import layer_named
from annotator.io.formats import FORMATS
from annotator.io.web_annotation import CONTEXT_CHARS, write_web_annotation


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def by_id(collections: list[dict]) -> dict[str, dict]:
    return {a["id"]: a for c in collections for a in c.get("first", {}).get("items", [])}


def test_every_annotation_and_relation_is_written_and_expands(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "anno.jsonld"
    assert write_web_annotation(p.datasets(), out) == 2
    collections = read_collections(out)
    assert [c["type"] for c in collections] == ["AnnotationCollection"] * 2
    items = by_id(collections)
    for doc_id in (ids["d1"], ids["d2"]):
        text = p.documents.get(doc_id).text
        for ann in annotations_of(p, doc_id):
            item = items[f"urn:uuid:{ann.id}"]
            assert item["body"][0] == {
                "type": "TextualBody",
                "purpose": "tagging",
                "value": ann.label,
            }
            assert len(item["target"]) == len(ann.fragments)
            for target, fragment in zip(item["target"], ann.fragments, strict=True):
                position, quote = target["selector"]
                assert target["source"] == f"urn:uuid:{doc_id}"
                assert (position["start"], position["end"]) == (fragment.start, fragment.end)
                assert text[position["start"] : position["end"]] == quote["exact"]
                assert (
                    quote["prefix"] == text[max(0, fragment.start - CONTEXT_CHARS) : fragment.start]
                )
                assert quote["suffix"] == text[fragment.end : fragment.end + CONTEXT_CHARS]
        for rel in relations_of(p, doc_id):
            link = items[f"urn:uuid:{rel.id}"]
            assert link["motivation"] == "linking"
            assert link["target"] == f"urn:uuid:{rel.source}"
            assert link["body"][0]["value"] == rel.type
            assert link["body"][1]["source"] == f"urn:uuid:{rel.target}"
    total = 0
    for collection in collections:
        total += len(expanded_annotations(expand(collection)))
    assert total == len(items)


def test_registry_and_attributes_become_bodies(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "anno.jsonld"
    write_web_annotation(p.datasets(), out)
    items = by_id(read_collections(out))
    actor = next(a for a in annotations_of(p, ids["d1"]) if a.entity == ids["karamov"])
    bodies = items[f"urn:uuid:{actor.id}"]["body"]
    sources = [b["source"] for b in bodies if b.get("purpose") == "identifying"]
    assert sources == [f"urn:uuid:{ids['karamov']}", "http://www.wikidata.org/entity/Q999001"]
    demand = next(a for a in annotations_of(p, ids["d1"]) if a.attributes.get("issue"))
    attrs = {
        b["label"]: (b["purpose"], b["value"])
        for b in items[f"urn:uuid:{demand.id}"]["body"]
        if "label" in b
    }
    assert attrs["position"][1] == demand.attributes["position"]
    assert attrs["issue"] == ("describing", demand.attributes["issue"])  # an editable list
    assert attrs["position"][0] == "classifying"
    # expanded: the attribute values and purposes are RDF terms of the model
    (node,) = [
        a
        for c in read_collections(out)
        for a in expanded_annotations(expand(c))
        if a["@id"] == f"urn:uuid:{demand.id}"
    ]
    assert {b[f"{OA}hasPurpose"][0]["@id"] for b in node[f"{OA}hasBody"]} >= {
        f"{OA}tagging",
        f"{OA}classifying",
    }


def test_one_layer(small, tmp_path: Path) -> None:
    p, _ = small
    out = tmp_path / "ben.jsonld"
    write_web_annotation(p.datasets(layer_named(p, "Ben")), out)
    items = by_id(read_collections(out))
    assert items and {a["creator"]["name"] for a in items.values()} == {"Ben"}


def test_cancel_leaves_nothing(small, tmp_path: Path) -> None:
    p, _ = small
    out = tmp_path / "anno.jsonld"
    with pytest.raises(Cancelled):
        write_web_annotation(p.datasets(), out, lambda done, total: True)
    assert list(tmp_path.glob("*.jsonld*")) == [] and not list(tmp_path.glob(".anno*"))


def test_in_the_table() -> None:
    fmt = FORMATS["web-annotation"]
    assert fmt.can_export and fmt.extensions == (".jsonld",)
