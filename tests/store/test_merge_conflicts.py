"""An incoming id the project already has with *different* content is a conflict, not a skip.

Refused by default (naming the id and where it is), or imported under a new id with
``on_conflict="new-id"``; identical content re-imported stays an idempotent skip.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from annotator import Project
from annotator.core.errors import InputError, ValidationError
from annotator.core.model import DocumentInput


def export(path: Path) -> tuple[dict, list[tuple[str, dict]]]:
    with Project.open(path, readonly=True) as p:
        data = p.datasets()
        header = data.header()
        docs = [(f"demo.json:{i}", d) for i, d in enumerate(data.document_dicts(), start=1)]
    return header, docs


def with_relation(docs: list[tuple[str, dict]]) -> tuple[int, dict]:
    """The first document that has a relation, and its index."""
    return next((i, d) for i, (_, d) in enumerate(docs) if d["relations"])


def test_distinct_annotation_sharing_an_id_is_refused(demo_path, project, counts) -> None:
    header, docs = export(demo_path)
    _, doc = docs[0]
    twin = copy.deepcopy(doc["annotations"][1])
    twin["id"] = doc["annotations"][0]["id"]  # a different annotation under a used id
    doc["annotations"].append(twin)
    before = counts(project.path)
    with pytest.raises(InputError) as caught:
        project.merge_native(header, docs)
    message = str(caught.value)
    assert message.startswith("demo.json:1: annotation id ")
    assert repr(twin["id"]) in message and "different content" in message
    assert "--on-conflict new-id" in message
    assert counts(project.path) == before  # nothing written


def test_distinct_annotation_sharing_an_id_can_get_a_new_id(demo_path, project, rows) -> None:
    header, docs = export(demo_path)
    total = sum(len(d["annotations"]) for _, d in docs)
    _, doc = docs[0]
    twin = copy.deepcopy(doc["annotations"][1])
    used = doc["annotations"][0]["id"]
    twin["id"] = used
    first = twin["fragments"][0]  # one character shorter: not the same annotation again
    first["end"] -= 1
    first["text"] = first["text"][:-1]
    doc["annotations"].append(twin)
    report = project.merge_native(header, docs, on_conflict="new-id").value
    assert rows(project.path, "SELECT count(*) FROM annotations") == [(total + 1,)]
    assert report.annotations == total + 1 and report.annotations_skipped == 0
    (renamed,) = report.renamed
    assert renamed.startswith(f"demo.json:1: annotation {used} imported as ")
    assert "imported under a new id" in report.summary()
    assert project.check().ok


def test_relations_follow_a_renamed_annotation(demo_path, tmp_path, rows) -> None:
    header, docs = export(demo_path)
    index, doc = with_relation(docs)
    rel = doc["relations"][0]
    taken_id = rel["source"]
    path = tmp_path / "clash.annotator"
    with Project.create(path) as p:
        # the project already has the relation's source id, on another text
        other = p.documents.add("Another article, with a quote in it.").value
        p.layer().add_annotation(other.id, "Actor", [(0, 7)], id=taken_id)
        report = p.merge_native(header, docs, on_conflict="new-id").value
        assert p.check().ok
    (renamed,) = report.renamed
    assert renamed.startswith(f"demo.json:{index + 1}: annotation {taken_id} imported as ")
    new_id = renamed.rsplit(" ", 1)[1]
    assert rows(path, "SELECT source, target FROM relations WHERE id = ?", [rel["id"]]) == [
        (new_id, rel["target"])
    ]
    assert rows(path, "SELECT document FROM annotations WHERE id = ?", [taken_id]) == [(other.id,)]


def test_distinct_relation_sharing_an_id_is_a_conflict(demo_path, project, rows) -> None:
    header, docs = export(demo_path)
    _, doc = with_relation(docs)
    project.merge_native(header, copy.deepcopy(docs))
    rel = doc["relations"][0]
    rel["target"], rel["source"] = rel["source"], rel["target"]  # same id, other content
    with pytest.raises(InputError, match=rf"relation id '{rel['id']}' is already in the project"):
        project.merge_native(header, docs)


def test_document_id_taken_by_another_text_is_refused(demo_path, tmp_path, counts) -> None:
    header, docs = export(demo_path)
    _, first = docs[0]
    path = tmp_path / "clash.annotator"
    with Project.create(path) as p:
        p.documents.add_many([DocumentInput("A different article.", id=first["id"])])
        before = counts(path)
        with pytest.raises(InputError, match=rf"^demo.json:1: document id '{first['id']}' is"):
            p.merge_native(header, docs)
    assert counts(path) == before


def test_document_id_taken_by_another_text_can_get_a_new_id(demo_path, tmp_path, rows) -> None:
    header, docs = export(demo_path)
    _, first = docs[0]
    path = tmp_path / "clash.annotator"
    with Project.create(path) as p:
        p.documents.add_many([DocumentInput("A different article.", id=first["id"])])
        report = p.merge_native(header, docs, on_conflict="new-id").value
        assert p.check().ok
    ((new_id,),) = rows(path, "SELECT id FROM documents WHERE sha256 = ?", [first["sha256"]])
    assert new_id != first["id"]
    assert report.renamed == [f"demo.json:1: document {first['id']} imported as {new_id}"]
    assert rows(path, "SELECT text FROM documents WHERE id = ?", [first["id"]]) == [
        ("A different article.",)
    ]
    assert len(rows(path, "SELECT id FROM annotations WHERE document = ?", [new_id])) == len(
        first["annotations"]
    )


def test_identical_reimport_is_still_an_idempotent_skip(demo_path, project) -> None:
    header, docs = export(demo_path)
    project.merge_native(header, docs)
    report, changes = project.merge_native(header, docs)
    assert not changes and report.renamed == []
    assert report.annotations_skipped == sum(len(d["annotations"]) for _, d in docs)


def test_unknown_on_conflict_is_refused(demo_path, project) -> None:
    header, docs = export(demo_path)
    with pytest.raises(ValidationError, match="on_conflict must be one of refuse, new-id"):
        project.merge_native(header, docs, on_conflict="overwrite")  # type: ignore[arg-type]


def test_an_incoming_twin_under_another_id_is_skipped_and_its_relations_follow(
    demo_path, project, rows
) -> None:
    """An export made before duplicates were refused may hold the same annotation twice (same
    label, same fragments, same layer): one is kept, and the relations of the other point at
    it instead, unless it has that relation already."""
    header, docs = export(demo_path)
    total = sum(len(d["annotations"]) for _, d in docs)
    relations = sum(len(d["relations"]) for _, d in docs)
    _, doc = docs[with_relation(docs)[0]]
    rel = doc["relations"][0]
    target = next(a for a in doc["annotations"] if a["id"] == rel["target"])
    source = next(a for a in doc["annotations"] if a["id"] == rel["source"])
    target_twin = copy.deepcopy(target) | {"id": "twin-of-target"}
    source_twin = copy.deepcopy(source) | {"id": "twin-of-source"}
    doc["annotations"] += [target_twin, source_twin]
    doc["relations"].append(copy.deepcopy(rel) | {"id": "rel-to-twin", "target": "twin-of-target"})
    doc["relations"].append(copy.deepcopy(rel) | {"id": "rel-of-twin", "source": "twin-of-source"})
    elsewhere = next(
        a for a in doc["annotations"] if a["label"] == target["label"] and a is not target
    )
    doc["relations"].append(
        copy.deepcopy(rel)
        | {"id": "rel-of-twin-2", "source": "twin-of-source"}
        | {"target": elsewhere["id"]}
    )
    report = project.merge_native(header, docs).value
    assert rows(project.path, "SELECT count(*) FROM annotations") == [(total,)]
    assert report.annotations == total and report.annotations_skipped == 2
    (warning,) = [w for w in report.warnings if "rel-of-twin-2" in w]
    assert "duplicate" in warning
    assert rows(project.path, "SELECT count(*) FROM relations") == [(relations,)]
    assert rows(project.path, "SELECT id FROM annotations WHERE id LIKE 'twin-%'") == []
    assert project.check().ok


def test_a_twin_under_a_used_id_is_skipped_not_reported_as_renamed(demo_path, project) -> None:
    header, docs = export(demo_path)
    total = sum(len(d["annotations"]) for _, d in docs)
    _, doc = docs[0]
    twin = copy.deepcopy(doc["annotations"][1]) | {"id": doc["annotations"][0]["id"]}
    doc["annotations"].append(twin)  # a used id, and the same as another annotation
    report = project.merge_native(header, docs, on_conflict="new-id").value
    assert report.renamed == [] and report.annotations == total
    assert report.annotations_skipped == 1
