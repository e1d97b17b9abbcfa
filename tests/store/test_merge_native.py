"""``Project.merge_native``: ids are kept, documents match by sha256, merging twice is a no-op."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.schema import default_schema, parse_schema


def export(path: Path) -> tuple[dict, list[tuple[str, dict]]]:
    with Project.open(path, readonly=True) as p:
        data = p.datasets()
        header = data.header()
        docs = [(f"demo.json:{i}", d) for i, d in enumerate(data.document_dicts(), start=1)]
    return header, docs


ANNOTATION_ROWS = (
    'SELECT a.id, d.sha256, a.label, a.start, a."end", a.fragments, a.attributes, a.entity, '
    "an.name, a.origin, a.note, a.created, a.modified FROM annotations a "
    "JOIN documents d ON d.id = a.document LEFT JOIN annotators an ON an.id = a.annotator "
    "ORDER BY a.id"
)
RELATION_ROWS = "SELECT id, type, source, target, annotator, created FROM relations ORDER BY id"
ENTITY_ROWS = "SELECT * FROM entities ORDER BY id"
DOCUMENT_ROWS = (
    "SELECT id, title, source, url, published, metadata, text, sha256 FROM documents ORDER BY seq"
)
STATUS_ROWS = (
    "SELECT d.sha256, an.name, s.state FROM document_status s JOIN documents d "
    "ON d.id = s.document JOIN annotators an ON an.id = s.annotator ORDER BY 1, 2"
)


def test_merge_into_an_empty_project_reproduces_everything(demo_path: Path, project, rows) -> None:
    header, docs = export(demo_path)
    report = project.merge_native(header, docs).value
    src, dst = demo_path, project.path
    for query in (ANNOTATION_ROWS, RELATION_ROWS, ENTITY_ROWS, DOCUMENT_ROWS, STATUS_ROWS):
        assert rows(dst, query) == rows(src, query)
    assert rows(dst, "SELECT id, name FROM annotators") == rows(
        src, "SELECT id, name FROM annotators"
    )
    n_annotations = rows(src, "SELECT count(*) FROM annotations")[0][0]
    assert (report.added, report.annotations, report.annotations_skipped) == (12, n_annotations, 0)
    assert report.relations == rows(src, "SELECT count(*) FROM relations")[0][0]
    assert report.entities == rows(src, "SELECT count(*) FROM entities")[0][0]
    assert report.duplicates == []
    assert project.check().ok


def test_merging_twice_changes_nothing(demo_path: Path, project, rows, counts) -> None:
    header, docs = export(demo_path)
    project.merge_native(header, docs)
    before = counts(project.path)
    snapshot = [rows(project.path, q) for q in (ANNOTATION_ROWS, RELATION_ROWS, ENTITY_ROWS)]
    report, changes = project.merge_native(header, docs)
    assert not changes  # the record agrees: nothing changed
    assert counts(project.path) == before
    assert [rows(project.path, q) for q in (ANNOTATION_ROWS, RELATION_ROWS, ENTITY_ROWS)] == (
        snapshot
    )
    assert report.added == 0
    assert report.annotations == 0 and report.relations == 0 and report.entities == 0
    assert report.annotations_skipped == before["annotations"]
    assert report.duplicates == [where for where, _ in docs]


def test_documents_are_matched_by_sha256_not_by_id(demo_path: Path, project, rows) -> None:
    header, docs = export(demo_path)
    _, first = docs[0]
    # the same article, added here first (CRLF line ends): it gets its own id
    local = project.documents.add(first["text"].replace("\n", "\r\n"), title="Local copy").value
    assert local.id != first["id"]
    report = project.merge_native(header, docs).value
    assert report.duplicates == [docs[0][0]]
    assert report.added == 11
    assert rows(project.path, "SELECT count(*) FROM documents") == [(12,)]
    # the first article's annotations now belong to the local document, with their own ids
    expected = {a["id"] for a in first["annotations"]}
    assert expected
    stored = {
        r[0]
        for r in rows(project.path, "SELECT id FROM annotations WHERE document = ?", [local.id])
    }
    assert stored == expected
    assert rows(project.path, "SELECT title FROM documents WHERE id = ?", [local.id]) == [
        ("Local copy",)
    ]
    assert project.check().ok


def _extended_schema():
    raw = json.loads(default_schema().to_json())
    raw["name"] = "Claims plus topics"
    raw["labels"].append({"name": "Topic", "hotkey": "T", "color": "#999999", "attributes": []})
    return parse_schema(raw)


def test_project_with_documents_keeps_its_schema(demo_path: Path, tmp_path, rows) -> None:
    header, docs = export(demo_path)
    header["schema"] = {**header["schema"], "description": "A slightly different schema."}
    path = tmp_path / "own.annotator"
    with Project.create(path, schema=_extended_schema()) as p:
        p.documents.add("Our own article.")
        report = p.merge_native(header, docs).value
        assert not any("now uses" in w for w in report.warnings)
    stored = json.loads(rows(path, "SELECT schema FROM project")[0][0])
    assert stored == _extended_schema().raw
    assert rows(path, "SELECT count(*) FROM schema_versions") == [(1,)]
    assert rows(path, "SELECT count(*) FROM documents") == [(13,)]


def test_empty_project_adopts_the_exports_schema(demo_path: Path, tmp_path, rows) -> None:
    header, docs = export(demo_path)
    path = tmp_path / "empty.annotator"
    with Project.create(path, schema=_extended_schema()) as p:
        report, changes = p.merge_native(header, docs)
        assert any("now uses the export's schema" in w for w in report.warnings)
        assert changes.project
    stored = json.loads(rows(path, "SELECT schema FROM project")[0][0])
    assert stored == header["schema"]


def test_merge_that_does_not_fit_stores_nothing(demo_path: Path, tmp_path, counts) -> None:
    header, docs = export(demo_path)
    raw = json.loads(default_schema().to_json())
    raw["labels"] = [x for x in raw["labels"] if x["name"] != "Cue"]
    raw["relations"] = [r for r in raw["relations"] if r["name"] != "cue"]
    path = tmp_path / "narrow.annotator"
    with Project.create(path, schema=parse_schema(raw)) as p:
        p.documents.add("Our own article.")
        before = counts(path)
        with pytest.raises(InputError, match=r"demo\.json:\d+: unknown label 'Cue'"):
            p.merge_native(header, docs)
        assert counts(path) == before


def test_edited_export_text_is_refused(demo_path: Path, project, counts) -> None:
    header, docs = export(demo_path)
    where, first = docs[0]
    docs[0] = (where, {**first, "text": first["text"].replace("the", "teh", 1)})
    before = counts(project.path)
    with pytest.raises(InputError, match="does not match its sha256"):
        project.merge_native(header, docs)
    assert counts(project.path) == before


def test_failed_merge_into_an_empty_project_keeps_its_schema(
    demo_path: Path, project, rows
) -> None:
    header, docs = export(demo_path)
    header["schema"] = {**header["schema"], "name": "Incoming schema"}
    where, last = docs[-1]
    docs[-1] = (where, {**last, "sha256": "0" * 64})
    with pytest.raises(InputError, match="does not match its sha256"):
        project.merge_native(header, docs)
    stored = json.loads(rows(project.path, "SELECT schema FROM project")[0][0])
    assert stored == default_schema().raw
    # the open project agrees with its file (the adopted schema was rolled back)
    assert project.schema.name == default_schema().name
    assert project.documents.count() == 0
