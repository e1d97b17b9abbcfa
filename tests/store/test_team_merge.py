"""Merging annotators' files into a review project: lossless, idempotent, inputs untouched,
one transaction, schemas compared, same-name actors offered (store/team_merge.py)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from team_files import NAMES, content_hash, make_team, query

from annotator import Project
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.reports import Cancelled
from annotator.core.schema import parse_schema
from annotator.io.native import write_json, write_jsonl
from annotator.io.team_inputs import open_inputs
from annotator.store.team_merge import SchemaMismatchError, merge_team

ANNOTATIONS = (
    'SELECT a.id, d.sha256, a.label, a.start, a."end", a.attributes, a.entity, an.name, a.note '
    "FROM annotations a JOIN documents d ON d.id = a.document "
    "JOIN annotators an ON an.id = a.annotator ORDER BY a.id"
)
RELATIONS = (
    "SELECT r.id, r.type, r.source, r.target, an.name FROM relations r "
    "JOIN annotators an ON an.id = r.annotator ORDER BY r.id"
)
STATUSES = (
    "SELECT d.sha256, an.name, s.state FROM document_status s JOIN documents d "
    "ON d.id = s.document JOIN annotators an ON an.id = s.annotator ORDER BY 1, 2"
)


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Path]:
    return make_team(tmp_path)


def merge(out: Path, paths: list[Path], **options) -> object:
    return merge_team(out, lambda: open_inputs(paths), **options)


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_every_annotation_of_every_input_arrives_with_its_annotator(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    report = merge(out, list(team.values()))
    for query_text in (ANNOTATIONS, RELATIONS, STATUSES):
        merged = set(query(out, query_text))
        expected = set().union(*(set(query(f, query_text)) for f in team.values()))
        assert merged == expected and expected
    docs = set(query(out, "SELECT id, sha256, text FROM documents"))
    assert docs == set().union(
        *(set(query(f, "SELECT id, sha256, text FROM documents")) for f in team.values())
    )
    per_person = {n: query(f, "SELECT count(*) FROM annotations")[0][0] for n, f in team.items()}
    assert report.annotations == per_person
    assert report.created and report.documents_new == len(docs)
    assert report.documents_matched == sum(
        query(f, "SELECT count(*) FROM documents")[0][0] for f in team.values()
    ) - len(docs)
    with Project.open(out, readonly=True) as p:
        assert p.check().ok
        assert {x.name for x in p.annotators.all()} == set(NAMES)


def test_assignments_are_carried_over(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    report = merge(out, list(team.values()))
    sql = (
        "SELECT d.sha256, an.name, s.overlap FROM assignments s JOIN documents d "
        "ON d.id = s.document JOIN annotators an ON an.id = s.annotator"
    )
    expected = set().union(*(set(query(f, sql)) for f in team.values()))
    assert set(query(out, sql)) == expected
    assert report.assignments == len(expected)


def test_merging_again_changes_nothing(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    merge(out, list(team.values()))
    first = content_hash(out)
    again = merge(out, list(reversed(team.values())))
    assert content_hash(out) == first
    assert not again.changed
    assert sum(again.annotations.values()) == 0 and again.documents_new == 0
    assert again.annotations_present == query(out, "SELECT count(*) FROM annotations")[0][0]
    assert "Nothing new" in again.lines()[-1]


def test_inputs_are_never_modified(team, tmp_path) -> None:
    before = {p: fingerprint(p) for p in team.values()}
    listing = sorted(os.listdir(team["ana"].parent))
    merge(tmp_path / "review.annotator", list(team.values()))
    merge(tmp_path / "review.annotator", list(team.values()))
    assert {p: fingerprint(p) for p in team.values()} == before
    # SQLite's reader may leave an empty write-ahead log and its index beside a file it read
    # (a read-only connection may not remove them); nothing was written to either
    extra = sorted(set(os.listdir(team["ana"].parent)) - set(listing))
    assert all(name.endswith(("-wal", "-shm")) for name in extra)
    assert all((team["ana"].parent / n).stat().st_size == 0 for n in extra if n.endswith("-wal"))


def test_a_native_export_merges_like_the_file(team, tmp_path) -> None:
    exported = tmp_path / "ben.json"
    with Project.open(team["ben"], readonly=True) as p:
        write_json(p.datasets(), exported)
    from_files = tmp_path / "a.annotator"
    from_export = tmp_path / "b.annotator"
    merge(from_files, [team["ana"], team["ben"]])
    merge(from_export, [team["ana"], exported])
    for sql in (ANNOTATIONS, RELATIONS, STATUSES):
        assert query(from_export, sql) == query(from_files, sql)
    # and the export again, into the review project made from files: nothing new
    assert not merge(from_files, [exported]).changed


def test_files_in_bulk_and_exports_one_by_one_give_the_same_review_project(team, tmp_path) -> None:
    exports = []
    for name, path in team.items():
        exports.append(tmp_path / f"{name}.json")
        with Project.open(path, readonly=True) as p:
            write_json(p.datasets(), exports[-1])
    by_files, by_exports = tmp_path / "files.annotator", tmp_path / "exports.annotator"
    a = merge(by_files, list(team.values()))
    b = merge(by_exports, exports)
    entities = "SELECT id, name, type, aliases FROM entities ORDER BY id"
    for sql in (ANNOTATIONS, RELATIONS, STATUSES, entities):
        assert query(by_files, sql) == query(by_exports, sql)
    assert (a.annotations, a.relations, a.statuses, a.documents_new, a.documents_matched) == (
        b.annotations,
        b.relations,
        b.statuses,
        b.documents_new,
        b.documents_matched,
    )


def test_a_conflict_between_two_project_files_is_refused(team, tmp_path) -> None:
    copy = tmp_path / "ana-copy.annotator"
    shutil.copy(team["ana"], copy)
    with Project.open(copy, backup=False) as p:
        ann_id = query(copy, "SELECT id FROM annotations WHERE label = 'Demand' LIMIT 1")[0][0]
        p.layer().update_annotation(ann_id, note="edited in the copy")
    out = tmp_path / "review.annotator"
    merge(out, [team["ben"]])
    before = content_hash(out)
    with pytest.raises(InputError, match=r"ana-copy\.annotator.*already in the project"):
        merge(out, [team["ana"], copy])
    assert content_hash(out) == before


def test_same_name_actors_are_offered_not_merged(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    report = merge(out, list(team.values()))
    ben = query(team["ben"], "SELECT id FROM entities WHERE name = 'Sergey Lavrov'")[0][0]
    cem = query(team["cem"], "SELECT id FROM entities WHERE name = 'sergey lavrov'")[0][0]
    assert [{p.keep_id, p.other_id} for p in report.same_name] == [{ben, cem}]
    assert query(out, "SELECT count(*) FROM entities WHERE name LIKE 'sergey lavrov'")[0][0] == 2
    assert any(ben in line and cem in line for line in report.lines())
    # the registry's own merge does it, when asked
    with Project.open(out, backup=False) as p:
        p.registry.merge(report.same_name[0].keep_id, report.same_name[0].other_id)
    assert merge(out, list(team.values())).same_name == []


def test_editable_value_lists_are_unioned(team, tmp_path) -> None:
    with Project.open(team["cem"], backup=False) as p:
        raw = json.loads(json.dumps(p.schema.raw))
        issue = next(
            a
            for x in raw["labels"]
            if x["name"] == "Demand"
            for a in x["attributes"]
            if a["name"] == "issue"
        )
        issue["values"].append("mediation")
        raw["version"] += 1
        p.set_schema(parse_schema(raw))
    out = tmp_path / "review.annotator"
    report = merge(out, list(team.values()))
    assert any(
        "mediation" in change and "cem.annotator" in change for change in report.schema_changes
    )
    with Project.open(out, readonly=True) as p:
        demand = p.schema.label("Demand")
        assert demand is not None and "mediation" in demand.attribute("issue").values


def test_incompatible_schemas_write_nothing_and_say_what_differs(team, tmp_path) -> None:
    with Project.open(team["cem"], backup=False) as p:
        raw = json.loads(json.dumps(p.schema.raw))
        raw["relations"] = [r for r in raw["relations"] if r["name"] != "cue"]
        position = next(
            a
            for x in raw["labels"]
            if x["name"] == "Demand"
            for a in x["attributes"]
            if a["name"] == "position"
        )
        position["values"].append("neutral")
        p.set_schema(parse_schema(raw))
    out = tmp_path / "review.annotator"
    with pytest.raises(SchemaMismatchError) as caught:
        merge(out, list(team.values()))
    message = str(caught.value)
    assert "cem.annotator" in message and "relation cue" in message
    assert "Demand.position" in message and "neutral" in message
    assert not out.exists() and list(tmp_path.glob(".review*")) == []
    # an existing review project is left as it was
    merge(out, [team["ana"]])
    before = fingerprint(out)
    with pytest.raises(SchemaMismatchError):
        merge(out, [team["ben"], team["cem"]])
    assert fingerprint(out)[0] == before[0]
    assert content_hash(out) == content_hash(out)


def test_a_conflict_is_refused_and_leaves_the_review_project_as_it_was(team, tmp_path) -> None:
    changed = tmp_path / "ana-edited.json"
    with Project.open(team["ana"], readonly=True) as p:
        write_json(p.datasets(), changed)
    data = json.loads(changed.read_text(encoding="utf-8"))
    demand = next(a for a in data["documents"][0]["annotations"] if a["label"] == "Demand")
    demand["note"] = "changed by hand"
    demand["fragments"][0]["start"] -= 4  # "for a cease-fire": not a duplicate
    demand["fragments"][0]["text"] = "for " + demand["fragments"][0]["text"]
    changed.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "review.annotator"
    merge(out, [team["ben"]])
    before = content_hash(out)
    with pytest.raises(InputError, match=r"ana-edited\.json"):
        merge(out, [team["ana"], changed])
    assert content_hash(out) == before  # ana's file was not half merged either
    report = merge(out, [team["ana"], changed], on_conflict="new-id")
    assert len(report.renamed) == 1
    notes = [r[0] for r in query(out, "SELECT note FROM annotations WHERE note IS NOT NULL")]
    assert notes == ["changed by hand"]


def test_a_cancel_leaves_nothing(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    with pytest.raises(Cancelled):
        merge(out, list(team.values()), progress=lambda done, total: done >= 5)
    assert not out.exists() and list(tmp_path.glob(".review*")) == []
    merge(out, [team["ana"]])
    before = content_hash(out)
    with pytest.raises(Cancelled):
        merge(out, [team["ben"], team["cem"]], progress=lambda done, total: done >= 5)
    assert content_hash(out) == before


def test_progress_counts_documents_of_every_input(team, tmp_path) -> None:
    seen: list[tuple[int, int | None]] = []
    merge(
        tmp_path / "r.annotator",
        list(team.values()),
        progress=lambda d, t: seen.append((d, t)) and False,
    )
    total = sum(query(f, "SELECT count(*) FROM documents")[0][0] for f in team.values())
    assert seen[-1] == (total, total) and all(t == total for _, t in seen)
    counted = [d for d, _ in seen]
    assert counted == sorted(counted) and len(set(counted)) >= len(team)  # a step per input
    # a native export is merged document by document, each one told
    exported = tmp_path / "ana.jsonl"
    with Project.open(team["ana"], readonly=True) as p:
        write_jsonl(p.datasets(), exported)
    seen.clear()
    merge(tmp_path / "s.annotator", [exported], progress=lambda d, t: seen.append((d, t)) and False)
    ana_docs = query(team["ana"], "SELECT count(*) FROM documents")[0][0]
    assert [d for d, _ in seen] == list(range(1, ana_docs + 1))


def test_bad_inputs_are_named_and_nothing_is_written(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    text = tmp_path / "notes.txt"
    text.write_text("not a project", encoding="utf-8")
    newer = tmp_path / "newer.annotator"
    shutil.copy(team["ana"], newer)
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    damaged = tmp_path / "damaged.annotator"
    data = team["ben"].read_bytes()
    damaged.write_bytes(data[:4096] + b"\x00" * (len(data) - 4096))
    newer_export = tmp_path / "newer.json"
    with Project.open(team["cem"], readonly=True) as p:
        write_json(p.datasets(), newer_export)
    data = json.loads(newer_export.read_text(encoding="utf-8"))
    newer_export.write_text(json.dumps({**data, "format": "annotator/2"}), encoding="utf-8")
    for bad in (text, newer, damaged, newer_export, tmp_path / "missing.annotator"):
        with pytest.raises(AnnotatorError, match=bad.name):
            merge(out, [team["ana"], bad])
        assert not out.exists()


def test_the_review_project_itself_is_not_an_input(team, tmp_path) -> None:
    out = tmp_path / "review.annotator"
    merge(out, [team["ana"]])
    with pytest.raises(InputError, match="review project itself"):
        merge(out, [team["ben"], out])
