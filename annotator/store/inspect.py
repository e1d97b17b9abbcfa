"""Read-only questions about a whole project: counts, integrity checks, full-text search."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.core.model import Fragment
from annotator.core.reports import Cancelled, CheckReport, ProgressCallback
from annotator.core.schema import Schema
from annotator.core.validation import (
    check_attributes,
    check_fragments_against_text,
    require_label,
)
from annotator.store.fts_check import full_text_index_problems
from annotator.store.problems import count_unlinked


def info(db: Database) -> dict[str, Any]:
    def scalar(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    name, created = db.execute("SELECT name, created FROM project").fetchone()
    labels = dict(
        db.execute("SELECT label, count(*) FROM annotations GROUP BY label ORDER BY label")
    )
    annotators = [
        {"id": i, "name": n, "annotations": c, "done": d}
        for i, n, c, d in db.execute(
            "SELECT an.id, an.name, "
            "(SELECT count(*) FROM annotations a WHERE a.annotator = an.id), "
            "(SELECT count(*) FROM document_status s WHERE s.annotator = an.id "
            " AND s.state = 'done') "
            "FROM annotators an ORDER BY an.name"
        )
    ]
    return {
        "name": name,
        "created": created,
        "documents": scalar("SELECT count(*) FROM documents"),
        "annotations": sum(labels.values()),
        "annotations_per_label": labels,
        "relations": scalar("SELECT count(*) FROM relations"),
        "annotators": annotators,
        "actors": scalar("SELECT count(*) FROM entities"),
        "linked_mentions": scalar("SELECT count(*) FROM annotations WHERE entity IS NOT NULL"),
    }


def schema_problems(db: Database, schema: Schema, limit: int = 1000) -> list[str]:
    """Stored annotations and relations that do not fit ``schema``."""
    problems: list[str] = []
    for ann_id, label, attrs, entity in db.execute(
        "SELECT id, label, attributes, entity FROM annotations"
    ):
        try:
            spec = require_label(schema, label)
            check_attributes(spec, json.loads(attrs))
            if entity is not None and not spec.entity:
                raise ValidationError(f"{label} annotations cannot be linked to actors")
        except ValidationError as exc:
            problems.append(f"annotation {ann_id}: {exc}")
        if len(problems) >= limit:
            return problems
    for rel_id, type_, src_label, tgt_label in db.execute(
        "SELECT r.id, r.type, s.label, t.label FROM relations r "
        "JOIN annotations s ON s.id = r.source JOIN annotations t ON t.id = r.target"
    ):
        rule = schema.relation(type_)
        if rule is None:
            problems.append(f"relation {rel_id}: unknown relation type {type_!r}")
        elif (rule.source, rule.target) != (src_label, tgt_label):
            problems.append(
                f"relation {rel_id}: {type_} goes from {rule.source} to {rule.target}, "
                f"not from {src_label} to {tgt_label}"
            )
    for source, type_, count in db.execute(
        "SELECT source, type, count(*) FROM relations GROUP BY source, type"
    ):
        rule = schema.relation(type_)
        if rule is not None and rule.max is not None and count > rule.max:
            problems.append(f"annotation {source}: {count} {type_} relations (at most {rule.max})")
    return problems


def check(db: Database, schema: Schema, progress: ProgressCallback | None = None) -> CheckReport:
    """Every check of ``annotator check``; damage SQLite meets on the way is one more error
    (the check stops there), never an exception."""
    report = CheckReport()
    try:
        _check_into(report, db, schema, progress)
    except sqlite3.DatabaseError as exc:
        report.errors.append(
            f"damage: the file cannot be read further ({exc}); the check stopped here. "
            f"`annotator recover` copies what can be read into a new project"
        )
    return report


def _check_into(
    report: CheckReport, db: Database, schema: Schema, progress: ProgressCallback | None
) -> None:
    for (row,) in db.execute("PRAGMA integrity_check"):
        if row != "ok":
            report.errors.append(f"integrity: {row}")
    for table, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check"):
        report.errors.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
    report.errors.extend(full_text_index_problems(db.conn))
    total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    fragments = docs = 0
    annotations = db.execute(
        'SELECT a.document, a.id, a.fragments, a.start, a."end" FROM annotations a '
        "JOIN documents d ON d.id = a.document ORDER BY d.seq"
    )
    pending = next(annotations, None)
    for doc_id, raw_text, sha in db.execute(
        "SELECT id, CAST(text AS BLOB), sha256 FROM documents ORDER BY seq"
    ):
        docs += 1
        if hashlib.sha256(raw_text).hexdigest() != sha:
            report.errors.append(f"document {doc_id}: text does not match its stored sha256")
        text: str | None
        try:
            text = raw_text.decode("utf-8")
        except UnicodeDecodeError as exc:
            report.errors.append(
                f"document {doc_id}: its text is damaged (bytes that are not UTF-8 at "
                f"position {exc.start}); its annotations cannot be checked"
            )
            text = None
        while pending is not None and pending[0] == doc_id:
            _, ann_id, raw, start, end = pending
            frags = [Fragment(f["start"], f["end"], f["text"]) for f in json.loads(raw)]
            fragments += len(frags)
            for problem in [] if text is None else check_fragments_against_text(text, frags):
                report.errors.append(f"annotation {ann_id} in document {doc_id}: {problem}")
            if not frags or (start, end) != (frags[0].start, frags[-1].end):
                report.errors.append(f"annotation {ann_id}: stored extent does not match fragments")
            pending = next(annotations, None)
        if progress is not None and docs % 200 == 0 and progress(docs, total):
            raise Cancelled()
    report.errors.extend(f"schema: {p}" for p in schema_problems(db, schema))
    report.checked = {
        "documents": docs,
        "annotations": db.execute("SELECT count(*) FROM annotations").fetchone()[0],
        "fragments": fragments,
        "relations": db.execute("SELECT count(*) FROM relations").fetchone()[0],
    }
    for relation in schema.relations:
        if not relation.required:
            continue
        missing = db.execute(
            "SELECT count(*) FROM annotations a WHERE a.label = ? AND NOT EXISTS "
            "(SELECT 1 FROM relations r WHERE r.source = a.id AND r.type = ?)",
            [relation.source, relation.name],
        ).fetchone()[0]
        if missing:
            report.warnings.append(
                f"{missing} {relation.source} annotation(s) without a {relation.name}"
            )
    for label, unlinked in count_unlinked(db, schema).items():
        report.warnings.append(f"{unlinked} {label} annotation(s) not linked to the registry")


def search(db: Database, query: str, limit: int) -> list[tuple[str, str]]:
    """(document id, snippet) pairs for an FTS5 query; plain words are quoted for safety."""
    terms = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
    if not terms:
        return []
    rows = db.execute(
        "SELECT d.id, snippet(documents_fts, 1, '[', ']', '…', 12) FROM documents_fts "
        "JOIN documents d ON d.seq = documents_fts.rowid WHERE documents_fts MATCH ? "
        "ORDER BY rank LIMIT ?",
        [terms, limit],
    )
    return [(r[0], r[1]) for r in rows]
