"""The fast path of a team merge: an annotator's project file merged row by row in bulk.

An annotator's project file was checked when it was written (every fragment against its
text, every value against a schema that merging has found compatible), and its documents are
matched by the SHA-256 of their texts, so its rows can be copied as they are: read with a few
queries, mapped (documents by text, annotators by id or name, merged-away actors to where they
went), compared with what the review project has, and written with ``executemany``.

Everything is checked before anything is written. Whenever a row is not simply new or simply
there already (an id with different content, a duplicate under another id, a row without an
annotator, an actor that is missing), :func:`bulk_merge` writes nothing and returns False:
the caller then merges that file document by document (store/merge.py), which refuses the
conflict with its message or imports it under a new id, as asked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.model import DocumentInput
from annotator.core.reports import ImportReport
from annotator.store import documents as doc_sql
from annotator.store import merge
from annotator.store import registry as reg_sql

if TYPE_CHECKING:
    from annotator.store.project import Project

_ANNOTATION_COLUMNS = (
    'id, document, label, start, "end", fragments, attributes, entity, annotator, origin, '
    "note, created, modified"
)
_INSERT_ANNOTATION = (
    f"INSERT INTO annotations ({_ANNOTATION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_RELATION = (
    "INSERT INTO relations (id, type, source, target, annotator, created) VALUES (?,?,?,?,?,?)"
)
_INSERT_STATUS = (
    "INSERT INTO document_status (document, annotator, state, updated) VALUES (?,?,?,?) "
    "ON CONFLICT (document, annotator) DO NOTHING"
)


def _spans(fragments: str) -> tuple[tuple[int, int], ...]:
    return tuple((f["start"], f["end"]) for f in json.loads(fragments))


def _same(present: tuple[Any, ...], incoming: tuple[Any, ...]) -> bool:
    """(document, label, fragments, attributes, entity, annotator, note) alike: the strings
    first (the usual case), else what they mean (JSON written by another writer)."""
    if present == incoming:
        return True
    if present[:2] != incoming[:2] or present[4:] != incoming[4:]:
        return False
    return _spans(present[2]) == _spans(incoming[2]) and json.loads(present[3]) == json.loads(
        incoming[3]
    )


def _taken_elsewhere(db: Database, ids: set[str]) -> bool:
    """Whether any of these annotation ids is already used (by another layer)."""
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found = db.execute(f"SELECT 1 FROM annotations WHERE id IN ({marks}) LIMIT 1", chunk)
        if found.fetchone() is not None:
            return True
    return False


def _local_annotators(out: Project, people: dict[str, str]) -> dict[str, str]:
    """Incoming annotator id → the review project's: by id, else by name, else the same id
    (merge_header creates it so); nothing is written here."""
    ids = {}
    for person_id, name in people.items():
        found = reg_sql.annotator_by_id(out.db, person_id) or reg_sql.annotator_by_name(
            out.db, name
        )
        ids[person_id] = found.id if found is not None else person_id
    return ids


def bulk_merge(
    out: Project,
    src: Database,
    header: dict[str, Any],
    resolve: Callable[[str], str],
    report: ImportReport,
    step: Callable[[float], None] | None = None,
) -> bool:
    """Merge one project file's rows into ``out`` (inside its transaction), or write nothing
    and return False when a row needs the careful path (see the module docstring)."""
    db = out.db
    # -- documents, by text ---------------------------------------------------------------
    here = dict(db.execute("SELECT sha256, id FROM documents").fetchall())
    taken = {i for (i,) in db.execute("SELECT id FROM documents")}
    theirs = src.execute("SELECT id, sha256 FROM documents ORDER BY seq").fetchall()
    new_docs = [doc_id for doc_id, sha in theirs if sha not in here]
    if any(doc_id in taken for doc_id in new_docs):
        return False  # the same id for another text: a conflict, said by the careful path
    doc_map = {doc_id: here.get(sha, doc_id) for doc_id, sha in theirs}
    people = {p["id"]: p["name"] for p in header.get("annotators", [])}
    ids = _local_annotators(out, people)
    entities = {e for (e,) in db.execute("SELECT id FROM entities")}
    entities.update(e["id"] for e in header.get("entities", []))
    # -- annotations: new, or there already with the same content --------------------------
    rows = src.execute(f"SELECT {_ANNOTATION_COLUMNS} FROM annotations").fetchall()
    # What the review project has of these annotators' layers (nothing, the first time):
    # for the ids seen again and for duplicates under other ids.
    present: dict[str, tuple[Any, ...]] = {}
    places: dict[tuple[Any, ...], list[str]] = {}  # (document, annotator, label, start, end)
    layers = sorted(set(ids.values()))
    marks = ",".join("?" * len(layers))
    for r in db.execute(
        'SELECT id, document, label, fragments, attributes, entity, annotator, note, start, "end" '
        f"FROM annotations WHERE annotator IN ({marks})",
        layers,
    ):
        present[r[0]] = r[1:8]
        places.setdefault((r[1], r[6], r[2], r[8], r[9]), []).append(r[3])
    incoming = {r[0] for r in rows}
    if incoming.difference(present) and _taken_elsewhere(db, incoming.difference(present)):
        return False  # an id in another layer here: a conflict, said by the careful path
    fresh: list[tuple[Any, ...]] = []
    where: dict[str, str] = {}  # annotation id -> its document here
    skipped = 0
    every = max(1, len(rows) // 20)  # progress: twenty steps through the annotations
    for n, r in enumerate(rows):
        if step is not None and n % every == 0 and n:
            step(0.9 * n / len(rows))
        if r[8] is None or r[8] not in ids:
            return False  # without an annotator it goes to the merging user's layer
        entity = resolve(r[7]) if r[7] else None
        if entity is not None and entity not in entities:
            return False
        doc, who = doc_map[r[1]], ids[r[8]]
        where[r[0]] = doc
        mapped = (doc, r[2], r[5], r[6], entity, who, r[10])
        there = present.get(r[0])
        if there is not None:
            if not _same(there, mapped):
                return False  # the same id, other content: refused or renamed by merge.py
            skipped += 1
            continue
        place = (doc, who, r[2], r[3], r[4])
        if any(_spans(f) == _spans(r[5]) for f in places.get(place, [])):
            return False  # a duplicate under another id: merge.py keeps one
        places.setdefault(place, []).append(r[5])
        fresh.append((r[0], doc, r[2], r[3], r[4], r[5], r[6], entity, who, *r[9:]))
    # -- relations --------------------------------------------------------------------------
    present_relations = {
        r[0]: r[1:] for r in db.execute("SELECT id, type, source, target FROM relations")
    }
    new_relations = []
    for r in src.execute("SELECT id, type, source, target, annotator, created FROM relations"):
        there_rel = present_relations.get(r[0])
        if there_rel is not None:
            if there_rel != (r[1], r[2], r[3]):
                return False
            continue
        if r[4] not in ids:
            return False
        new_relations.append((*r[:4], ids[r[4]], r[5]))
    if step is not None:
        step(0.9)
    # -- writing: everything was checked ----------------------------------------------------
    merge.merge_header(out, header, report)  # annotators and actors, as merge.py does
    _insert_documents(out, src, new_docs, report)
    fresh.sort()  # by id: the primary key's b-tree is then written in order
    db.conn.executemany(_INSERT_ANNOTATION, fresh)
    db.conn.executemany(_INSERT_RELATION, new_relations)
    statuses = [
        (doc_map[d], ids[a], state, updated)
        for d, a, state, updated in src.execute(
            "SELECT document, annotator, state, updated FROM document_status"
        )
        if a in ids
    ]
    before = db.conn.total_changes
    db.conn.executemany(_INSERT_STATUS, statuses)
    changes = out.recording
    for row in fresh:
        changes.annotation("added", row[0], row[1], row[8])
    for rel in new_relations:
        changes.relation("added", rel[0], where.get(rel[2], ""), rel[4])
    if db.conn.total_changes > before:
        for d, a, _state, _updated in statuses:
            changes.status(d, a)
    changes.counts_of({row[7] for row in fresh if row[7]})
    report.annotations += len(fresh)
    report.annotations_skipped += skipped
    report.relations += len(new_relations)
    report.duplicates.extend(f"document {d}" for d, sha in theirs if sha in here)
    return True


def _insert_documents(
    out: Project, src: Database, doc_ids: list[str], report: ImportReport
) -> None:
    if not doc_ids:
        return
    wanted = set(doc_ids)

    def items() -> Any:
        for doc in doc_sql.iter_documents(src):
            if doc.id in wanted:
                yield DocumentInput.copy_of(doc, f"document {doc.id}")

    for local in doc_sql.insert_documents(out.db, items(), report):
        out.recording.documents.add(local)
