"""The bulk path of ``merge_documents`` stores, records and refuses what the careful path does.

New documents with nothing unusual are written in batches (store/merge_bulk.py); the careful
path (one write at a time, store/merge.py) is the reference. Each test merges the same
native-shape data twice, into two new projects: as it is, and with the bulk path switched off,
and compares what plain sqlite3 reads back, the change record and the report.
"""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator import Project
from annotator.core.errors import InputError, ValidationError
from annotator.core.validation import build_fragments
from annotator.store import merge_bulk
from annotator.store.merge_bulk import BulkMerge
from annotator.store.merge_plan import Planner
from annotator.store.rows import fragments_json, one_fragment_json

TABLE_ROWS = (
    "SELECT id, title, source, url, published, metadata, text, sha256 FROM documents ORDER BY seq",
    'SELECT id, document, label, start, "end", fragments, attributes, entity, annotator, origin, '
    "note, created, modified FROM annotations ORDER BY id",
    "SELECT id, type, source, target, annotator, created FROM relations ORDER BY id",
    "SELECT document, annotator, state FROM document_status ORDER BY 1, 2",
    "SELECT id, name FROM annotators ORDER BY name",
    "SELECT * FROM entities ORDER BY id",
    "SELECT rowid, title, text FROM documents_fts ORDER BY rowid",
)


def export(path: Path) -> tuple[dict, list[tuple[str, dict]]]:
    with Project.open(path, readonly=True) as p:
        data = p.datasets()
        header = data.header()
        docs = [(f"demo.json:{i}", d) for i, d in enumerate(data.document_dicts(), start=1)]
    return header, docs


def careful_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Planner, "plan", lambda self, where, doc: None)


def merged(
    path: Path,
    header: dict,
    docs: list[tuple[str, dict]],
    before: list[str] = (),
    first: list[tuple[str, dict]] = (),
    **kw: Any,
) -> tuple[Any, Any, Any]:
    """(table rows, change record, report) of merging ``docs`` into a new project that holds
    the texts ``before`` and the documents ``first`` (merged before, always the careful way).
    Ids made here (the session annotator's, new document ids) differ per file: they are
    written as "SESSION" and "NEW-1", "NEW-2"… in the order of the documents."""
    with Project.create(path, annotator="Tester") as p:
        for text in before:
            p.documents.add(text, title="there before")
        if first:
            with pytest.MonkeyPatch.context() as m:
                careful_only(m)
                p.merge_native(copy.deepcopy(header), copy.deepcopy(list(first)))
        written = p.merge_native(copy.deepcopy(header), copy.deepcopy(docs), **kw)
        session = p.layer().annotator_id or "no session annotator"
    incoming = {d["id"] for _, d in docs}
    made = [i for (i,) in rows(path, "SELECT id FROM documents ORDER BY seq") if i not in incoming]
    names = {session: "SESSION"} | {i: f"NEW-{n}" for n, i in enumerate(made, start=1)}
    tables = [rows(path, q) for q in TABLE_ROWS]
    record = {
        f.name: getattr(written.changes, f.name)
        for f in dataclasses.fields(written.changes)
        if f.compare
    }
    tables = _replaced(tables, names)
    for index in (1, 2, 3, 4, 5):  # ordered by ids, some of which were just renamed
        tables[index].sort(key=repr)
    return tables, _replaced(record, names), _replaced(written.value, names)


def rows(path: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def _replaced(value: Any, names: dict[str, str]) -> Any:
    """``value`` with the ids of ``names`` written as their names, wherever they are."""
    if isinstance(value, str):
        for old, new in names.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {_replaced(k, names): _replaced(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return type(value)(_replaced(v, names) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _replaced(getattr(value, f.name), names) for f in dataclasses.fields(value)}
    return value


def same_both_ways(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    header: dict,
    docs: list[tuple[str, dict]],
    before: list[str] = (),
    first: list[tuple[str, dict]] = (),
    **kw: Any,
) -> tuple[list[list[tuple]], Any]:
    bulk_tables, bulk_record, bulk_report = merged(
        tmp_path / "bulk.annotator", header, docs, before, first, **kw
    )
    with monkeypatch.context() as m:
        careful_only(m)
        tables, record, report = merged(
            tmp_path / "careful.annotator", header, docs, before, first, **kw
        )
    assert bulk_tables == tables
    assert bulk_record == record
    assert bulk_report == report
    return bulk_tables, bulk_report


def test_an_export_into_an_empty_project_is_stored_alike(demo_path, tmp_path, monkeypatch) -> None:
    header, docs = export(demo_path)
    tables, report = same_both_ways(tmp_path, monkeypatch, header, docs)
    annotations = sum(len(d["annotations"]) for _, d in docs)
    assert len(tables[1]) == annotations and report["annotations"] == annotations
    assert len(tables[2]) == sum(len(d["relations"]) for _, d in docs) > 0
    assert tables[3]  # statuses
    assert len(tables[6]) == len(docs)  # every document in the full-text index


def test_the_bulk_path_is_taken(demo_path, tmp_path, monkeypatch) -> None:
    """Not a test of results: that the comparisons above compare two different paths."""
    header, docs = export(demo_path)
    written: list[int] = []
    real = BulkMerge._write

    def counting(self: BulkMerge, plans: list) -> None:
        written.append(len(plans))
        real(self, plans)

    monkeypatch.setattr(BulkMerge, "_write", counting)
    with Project.create(tmp_path / "p.annotator", annotator="Tester") as p:
        p.merge_native(header, docs)
    assert sum(written) == len(docs)


def test_unusual_documents_among_new_ones_are_stored_alike(
    demo_path, tmp_path, monkeypatch
) -> None:
    """A text the project has, a twin annotation, annotations without an annotator (the
    session's layer), the same text twice in the file, markup in a title, a document id the
    project uses for another text; in batches of two, so that careful documents fall between
    and inside batches."""
    monkeypatch.setattr(merge_bulk, "BATCH_DOCUMENTS", 2)
    header, docs = export(demo_path)
    before = [docs[2][1]["text"]]
    with_twin = docs[5][1]
    with_twin["annotations"].append(copy.deepcopy(with_twin["annotations"][0]) | {"id": "twin"})
    for a in docs[3][1]["annotations"]:
        a["annotator"] = None
    for r in docs[3][1]["relations"]:
        r["annotator"] = None
    docs[7][1]["title"] = "<b>Bold</b> title"
    again = copy.deepcopy(docs[1][1])
    again["id"] = "same-text-again"
    for a in again["annotations"]:
        a["id"] += "-again"
    again["relations"] = []
    docs.append(("demo.json:13", again))
    other = copy.deepcopy(docs[8][1])
    other["id"] = docs[0][1]["id"]  # the id of another text, which comes first
    other["text"] += " More."
    other["sha256"] = None
    other["annotations"], other["relations"] = [], []
    docs.append(("demo.json:14", other))
    tables, report = same_both_ways(
        tmp_path, monkeypatch, header, docs, before, on_conflict="new-id"
    )
    assert report["duplicates"] == ["demo.json:3", "demo.json:13"]
    assert report["annotations_skipped"] == 1 + len(again["annotations"])
    assert any("HTML removed" in w for w in report["warnings"])
    assert report["renamed"] and report["renamed"][0].startswith("demo.json:14: document ")
    assert any(row[8] == "SESSION" for row in tables[1])


def _renumbered(doc: dict, suffix: str, annotator: str | None = None) -> dict:
    """``doc`` with new annotation and relation ids (and another annotator, if given)."""
    doc = copy.deepcopy(doc)
    for a in doc["annotations"]:
        a["id"] += suffix
        if annotator is not None:
            a["annotator"] = annotator
    for r in doc["relations"]:
        r["id"] += suffix
        r["source"] += suffix
        r["target"] += suffix
    return doc


def test_documents_present_receive_annotations_alike(demo_path, tmp_path, monkeypatch) -> None:
    """Texts the project has, annotated in a new layer (in bulk) or in a layer they have
    annotations in already (twins: the careful way), under their own id or another; a status
    present kept, a new one set; in batches of two, new documents between them."""
    monkeypatch.setattr(merge_bulk, "BATCH_DOCUMENTS", 2)
    header, docs = export(demo_path)
    header["annotators"].append({"id": "second", "name": "Second"})
    demo = header["annotators"][0]["id"]
    annotated = [i for i, (_, d) in enumerate(docs) if d["annotations"]]
    first = [docs[i] for i in annotated[:3]]
    again = [(w, d) for w, d in docs]
    same_layer, new_layer, other_id = annotated[0], annotated[1], annotated[2]
    again[same_layer] = (docs[same_layer][0], _renumbered(docs[same_layer][1], "-2"))
    again[new_layer] = (docs[new_layer][0], _renumbered(docs[new_layer][1], "-2", "second"))
    moved = _renumbered(docs[other_id][1], "-2", "second")
    moved["id"] = "another-id"
    moved["status"] = {demo: "in_progress", "second": "done"}  # the first one is kept
    again[other_id] = (docs[other_id][0], moved)
    plain = annotated[3]  # its text there before, without annotations
    written: list[int] = []
    real = BulkMerge._write

    def counting(self: BulkMerge, plans: list) -> None:
        written.extend(1 for p in plans if p.present is not None)
        real(self, plans)

    monkeypatch.setattr(BulkMerge, "_write", counting)
    tables, report = same_both_ways(
        tmp_path, monkeypatch, header, again, [docs[plain][1]["text"]], first
    )
    assert len(written) == 3  # the new layer, the other id, the text there before
    assert sorted(report["duplicates"]) == sorted(docs[i][0] for i in annotated[:4])
    assert report["annotations_skipped"] == len(docs[same_layer][1]["annotations"])
    (local,) = [row[0] for row in tables[0] if row[6] == moved["text"]]  # its id as shown
    statuses = {(d, a): s for d, a, s in tables[3]}
    assert statuses[(local, demo)] == "done"
    assert statuses[(local, "second")] == "done"
    moved_ids = {a["id"] for a in moved["annotations"]}
    assert {row[1] for row in tables[1] if row[0] in moved_ids} == {local}
    assert len([row for row in tables[1] if row[0] in moved_ids]) == len(moved_ids)
    assert "another-id" not in {row[0] for row in tables[0]}


def test_merging_the_same_export_twice_is_alike(demo_path, tmp_path, monkeypatch) -> None:
    header, docs = export(demo_path)

    def twice(path: Path) -> list[list[tuple]]:
        with Project.create(path, annotator="Tester") as p:
            p.merge_native(copy.deepcopy(header), copy.deepcopy(docs))
            report = p.merge_native(copy.deepcopy(header), copy.deepcopy(docs)).value
            assert report.added == report.annotations == report.relations == 0
        return [rows(path, q) for q in TABLE_ROWS]

    bulk = twice(tmp_path / "bulk.annotator")
    careful_only(monkeypatch)
    assert bulk == twice(tmp_path / "careful.annotator")


def _unknown_label(doc: dict) -> None:
    doc["annotations"][0]["label"] = "Rumour"


def _moved_fragment(doc: dict) -> None:
    fragment = doc["annotations"][0]["fragments"][0]
    fragment["start"] += 1


def _unknown_annotator(doc: dict) -> None:
    doc["annotations"][0]["annotator"] = "someone-unlisted"


def _dangling_relation(doc: dict) -> None:
    doc["relations"][0]["target"] = "no-such-annotation"


def _relation_over_its_max(doc: dict) -> None:
    extra = copy.deepcopy(doc["relations"][0])
    others = [
        a["id"]
        for a in doc["annotations"]
        if a["id"] != extra["target"]
        and a["label"] == next(b for b in doc["annotations"] if b["id"] == extra["target"])["label"]
    ]
    doc["relations"].append(extra | {"id": "one-too-many", "target": others[0]})


def _bad_status(doc: dict) -> None:
    person = next(iter(doc["status"]))
    doc["status"][person] = "finished"


def _actor_not_in_registry(doc: dict) -> None:
    mention = next(a for a in doc["annotations"] if a["entity"])
    mention["entity"] = "no-such-actor"


def _relation_to_itself(doc: dict) -> None:
    doc["relations"][0]["target"] = doc["relations"][0]["source"]


@pytest.mark.parametrize(
    "spoil",
    [
        _unknown_label,
        _moved_fragment,
        _unknown_annotator,
        _dangling_relation,
        _relation_over_its_max,
        _bad_status,
        _actor_not_in_registry,
        _relation_to_itself,
    ],
)
def test_a_bad_document_after_good_ones_is_refused_alike(
    demo_path, tmp_path, monkeypatch, spoil
) -> None:
    header, docs = export(demo_path)
    index = next(
        i
        for i, (_, d) in enumerate(docs)
        if i >= 3 and d["relations"] and d["status"] and any(a["entity"] for a in d["annotations"])
    )
    spoil(docs[index][1])
    messages = []
    for name in ("bulk", "careful"):
        if name == "careful":
            careful_only(monkeypatch)
        path = tmp_path / f"{name}.annotator"
        with Project.create(path, annotator="Tester") as p, pytest.raises(InputError) as caught:
            p.merge_native(copy.deepcopy(header), copy.deepcopy(docs))
        messages.append(str(caught.value))
        assert rows(path, "SELECT count(*) FROM documents") == [(0,)]  # nothing stored
        assert rows(path, "SELECT count(*) FROM annotations") == [(0,)]
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"demo.json:{index + 1}: ")


INDEXES = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"


def test_into_an_empty_project_the_indexes_are_built_after_the_rows(
    demo_path, tmp_path, monkeypatch
) -> None:
    """Dropped while the rows are written (in batches of two, with careful documents between
    them), and every one of them there again, as it was, when the merge is done."""
    monkeypatch.setattr(merge_bulk, "BATCH_DOCUMENTS", 2)
    header, docs = export(demo_path)
    docs.insert(3, ("demo.json:again", copy.deepcopy(docs[0][1]) | {"id": "same-text"}))
    path = tmp_path / "p.annotator"
    seen: list[set[str]] = []
    real = BulkMerge._write

    def noting(self: BulkMerge, plans: list) -> None:
        real(self, plans)
        if plans:
            seen.append({name for name, *_ in self._db.execute(INDEXES).fetchall()})

    monkeypatch.setattr(BulkMerge, "_write", noting)
    with Project.create(path, annotator="Tester") as p:
        before = rows(path, INDEXES)
        p.merge_native(header, docs)
        p.layer().add_annotation(docs[1][1]["id"], "Quote", [(0, 4)])  # it still writes
    assert "annotations_document" not in seen[0] and "relations_source" not in seen[0]
    assert "annotations_document" in seen[-1]  # made again before the careful document
    assert rows(path, INDEXES) == before
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_a_failed_merge_into_an_empty_project_leaves_its_indexes(
    demo_path, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(merge_bulk, "BATCH_DOCUMENTS", 2)
    header, docs = export(demo_path)
    _unknown_label([d for _, d in docs if d["annotations"]][-1])
    path = tmp_path / "p.annotator"
    with Project.create(path, annotator="Tester") as p:
        before = rows(path, INDEXES)
        with pytest.raises(InputError):
            p.merge_native(header, docs)
    assert rows(path, INDEXES) == before
    assert rows(path, "SELECT count(*) FROM annotations") == [(0,)]


@given(
    text=st.text(alphabet=st.sampled_from('ab "\\\n\t\x00é👨🏻‍🚒\U00020000\u0301</>'), max_size=12),
    start=st.integers(-2, 14),
    length=st.integers(-1, 14),
    given_text=st.sampled_from(["same", "other", "missing", "none"]),
)
def test_one_fragment_is_stored_as_the_general_way_stores_it(
    text: str, start: int, length: int, given_text: str
) -> None:
    """The bulk path's shortcut gives what ``build_fragments`` and ``fragments_json`` give,
    or None exactly when the general way refuses the fragment."""
    fragment: dict[str, Any] = {"start": start, "end": start + length}
    if given_text == "same":
        fragment["text"] = text[start : start + length] if start >= 0 else ""
    elif given_text == "other":
        fragment["text"] = "x"
    elif given_text == "none":
        fragment["text"] = None
    try:
        expected: str | None = fragments_json(build_fragments(text, [fragment]))
    except ValidationError:
        expected = None
    assert one_fragment_json(text, fragment) == expected
