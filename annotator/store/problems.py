"""Annotations that are not finished yet: required relations missing (a quote without a
speaker, a demand without a claimant) and actor mentions not linked to the registry.

Read by ``layer.problems()``; :func:`find_problems` is also used by
``check`` (store/inspect.py). Problems are not errors: the project is valid, the work is just
not complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.core.schema import Schema
from annotator.store.rows import parse_fragments

#: How many documents the first window of a page of problems covers (see problems_page).
PAGE_WINDOW = 500
#: How much of an annotation's text a problem's message quotes.
SNIPPET_LENGTH = 60


@dataclass(frozen=True, slots=True)
class Problem:
    """One unfinished annotation. ``kind`` is e.g. "quote without speaker", "actor not
    linked"; ``message`` says the same for a person, with the annotation's text."""

    document_id: str
    document_title: str
    annotation_id: str
    start: int
    kind: str
    message: str
    document_seq: int = 0  # the document's place in import order


def missing_kind(label: str, relation: str) -> str:
    return f"{label.lower()} without {relation}"


def unlinked_kind(label: str) -> str:
    return f"{label.lower()} not linked"


def _snippet(raw_fragments: str) -> str:
    text = " … ".join(f.text for f in parse_fragments(raw_fragments))
    text = " ".join(text.split())
    if len(text) > SNIPPET_LENGTH:
        text = text[: SNIPPET_LENGTH - 1].rstrip() + "…"
    return text


def _checks(schema: Schema) -> list[tuple[str, str, str, str | None]]:
    """(kind, message prefix, label, relation type or None for "not linked"), in the order
    problems of one annotation are listed."""
    checks: list[tuple[str, str, str, str | None]] = []
    for rel in schema.relations:
        if rel.required:
            kind = missing_kind(rel.source, rel.name)
            checks.append((kind, f"{rel.source} without a {rel.name}", rel.source, rel.name))
    for label in schema.labels:
        if label.entity:
            kind = unlinked_kind(label.name)
            checks.append((kind, f"{label.name} not linked to the registry", label.name, None))
    return checks


def _union(
    schema: Schema,
    columns: str,
    document: str | None,
    annotator_id: str | None,
    after_seq: int | None,
    up_to_seq: int | None = None,
) -> tuple[str, list[Any]] | None:
    """One SELECT per check of the schema, joined with UNION ALL; ``k`` is the check's number
    (None when the schema has nothing to check)."""
    checks = _checks(schema)
    if not checks:
        return None
    filters, values = "", []
    for sql, value in (
        (" AND a.document = ?", document),
        (" AND a.annotator = ?", annotator_id),
        (" AND d.seq > ?", after_seq),
        (" AND d.seq <= ?", up_to_seq),
    ):
        if value is not None:
            filters += sql
            values.append(value)
    # A range of documents (a page) is read from the documents' primary key outwards (CROSS
    # JOIN keeps SQLite from scanning every annotation of the label); otherwise from the label.
    if after_seq is not None or up_to_seq is not None:
        tables = "documents d CROSS JOIN annotations a ON a.document = d.id"
    else:
        tables = "annotations a JOIN documents d ON d.id = a.document"
    parts: list[str] = []
    params: list[Any] = []
    for order, (_kind, _prefix, label, relation) in enumerate(checks):
        if relation is None:
            condition, extra = "a.entity IS NULL", []
        else:
            condition = (
                "NOT EXISTS (SELECT 1 FROM relations r WHERE r.source = a.id AND r.type = ?)"
            )
            extra = [relation]
        parts.append(
            f"SELECT {columns}, {order} AS k FROM {tables} "
            f"WHERE a.label = ? AND {condition}{filters}"
        )
        params += [label, *extra, *values]
    return " UNION ALL ".join(parts), params


def find_problems(
    db: Database,
    schema: Schema,
    document: str | None = None,
    limit: int | None = None,
    annotator_id: str | None = None,
    after_seq: int | None = None,
    up_to_seq: int | None = None,
) -> list[Problem]:
    """Every problem (of ``document`` only, of ``annotator``'s layer only, of the documents
    after ``after_seq`` and up to ``up_to_seq`` in import order only, if given) in document
    order, then by position."""
    union = _union(
        schema,
        'd.seq, a.start, a."end", a.id, a.document, d.title, a.fragments',
        document,
        annotator_id,
        after_seq,
        up_to_seq,
    )
    if union is None:
        return []
    sql, params = union
    sql += " ORDER BY 1, 2, 3, 4, 8"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    checks = _checks(schema)
    problems = []
    for seq, start, _end, ann_id, doc_id, title, raw, order in db.execute(sql, params):
        kind, prefix, _label, _relation = checks[order]
        message = f"{prefix}: “{_snippet(raw)}”"
        problems.append(Problem(doc_id, title or "", ann_id, start, kind, message, seq))
    return problems


def problems_page(
    db: Database, schema: Schema, annotator_id: str | None, after_seq: int | None, limit: int
) -> list[Problem]:
    """At least ``limit`` problems (when there are) of the documents after ``after_seq``, read
    a window of documents at a time: each window is a range of the primary key, so a page
    costs what its documents hold, not a sort of every problem of the corpus."""
    found: list[Problem] = []
    last = db.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
    start = after_seq or 0
    window = PAGE_WINDOW
    while start < last and len(found) < limit:
        found += find_problems(db, schema, None, None, annotator_id, start, start + window)
        start += window
        window *= 2  # sparse problems: fewer, larger windows
    return found


def count_problems(db: Database, schema: Schema, annotator_id: str | None = None) -> dict[str, int]:
    """How many problems each document has (documents without any left out): counted by
    SQLite alone, without reading the annotations' texts."""
    union = _union(schema, "a.document", None, annotator_id, None)
    if union is None:
        return {}
    sql, params = union
    rows = db.execute(f"SELECT document, count(*) FROM ({sql}) GROUP BY document", params)
    return {doc_id: n for doc_id, n in rows}


def count_unlinked(db: Database, schema: Schema) -> dict[str, int]:
    """Mentions not linked to the registry, per label that can be linked (zero counts left
    out)."""
    counts = {}
    for label in schema.labels:
        if label.entity:
            (n,) = db.execute(
                "SELECT count(*) FROM annotations WHERE label = ? AND entity IS NULL",
                [label.name],
            ).fetchone()
            if n:
                counts[label.name] = n
    return counts


__all__ = ["Problem", "count_problems", "count_unlinked", "find_problems", "problems_page"]
