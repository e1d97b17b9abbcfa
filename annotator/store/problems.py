"""Annotations that are not finished yet: required relations missing (a quote without a
speaker, a demand without a claimant), actor mentions not linked to the registry, and
duplicates: an annotation identical to an earlier one of the same layer (same document, label
and fragments; attributes, links and notes are not compared), which is counted twice in every
dataset.

Read by ``layer.problems()``; :func:`find_problems` is also used by
``check`` (store/inspect.py). Problems are not errors: the project is valid, the work is just
not complete.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def duplicate_kind(label: str) -> str:
    return f"duplicate {label.lower()}"


#: What makes two annotations identical: the same document, layer, label and fragments (the
#: stored fragments are canonical JSON: the same offsets give the same text).
_IDENTICAL = (
    # rowid next: it is in the index, so an annotation meeting itself costs no row read
    "b.document = a.document AND b.start = a.start AND b.rowid <> a.rowid "
    'AND b."end" = a."end" AND b.label = a.label AND b.annotator IS a.annotator '
    "AND b.fragments = a.fragments"
)
#: An identical annotation made earlier (by creation time, then id) exists: ``a`` repeats it.
REPEATS_AN_EARLIER = (
    f"EXISTS (SELECT 1 FROM annotations b WHERE {_IDENTICAL} "
    "AND (b.created < a.created OR (b.created = a.created AND b.id < a.id)))"
)
#: The first of the other annotations identical to ``a``.
FIRST_IDENTICAL = (
    f"(SELECT b.id FROM annotations b WHERE {_IDENTICAL} ORDER BY b.created, b.id LIMIT 1)"
)


def _snippet(raw_fragments: str) -> str:
    text = " … ".join(f.text for f in parse_fragments(raw_fragments))
    text = " ".join(text.split())
    if len(text) > SNIPPET_LENGTH:
        text = text[: SNIPPET_LENGTH - 1].rstrip() + "…"
    return text


@dataclass(frozen=True, slots=True)
class ProblemCheck:
    """One kind of problem: the annotations of ``label`` for which ``condition`` holds.
    ``other``: SQL naming another annotation the message mentions (else NULL);
    ``counted_as``: what ``check`` says after their number."""

    kind: str
    prefix: str
    label: str
    condition: str
    counted_as: str
    params: tuple[Any, ...] = ()
    other: str = "NULL"


def problem_checks(schema: Schema) -> list[ProblemCheck]:
    """The checks of the schema, in the order problems of one annotation are listed."""
    checks: list[ProblemCheck] = []
    for rel in schema.relations:
        if rel.required:
            checks.append(
                ProblemCheck(
                    missing_kind(rel.source, rel.name),
                    f"{rel.source} without a {rel.name}",
                    rel.source,
                    "NOT EXISTS (SELECT 1 FROM relations r WHERE r.source = a.id AND r.type = ?)",
                    f"{rel.source} annotation(s) without a {rel.name}",
                    (rel.name,),
                )
            )
    for label in schema.labels:
        if label.entity:
            checks.append(
                ProblemCheck(
                    unlinked_kind(label.name),
                    f"{label.name} not linked to the registry",
                    label.name,
                    "a.entity IS NULL",
                    f"{label.name} annotation(s) not linked to the registry",
                )
            )
    for label in schema.labels:
        checks.append(
            ProblemCheck(
                duplicate_kind(label.name),
                f"{label.name} identical to another annotation",
                label.name,
                REPEATS_AN_EARLIER,
                f"{label.name} annotation(s) identical to an earlier one of the same layer "
                "(same document, label and fragments)",
                other=FIRST_IDENTICAL,
            )
        )
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
    and ``other`` the annotation its message names (None when the schema has nothing to
    check)."""
    checks = problem_checks(schema)
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
    for order, check in enumerate(checks):
        parts.append(
            f"SELECT {columns}, {check.other} AS other, {order} AS k FROM {tables} "
            f"WHERE a.label = ? AND {check.condition}{filters}"
        )
        params += [check.label, *check.params, *values]
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
    return list(iter_problems(db, schema, document, limit, annotator_id, after_seq, up_to_seq))


def iter_problems(
    db: Database,
    schema: Schema,
    document: str | None = None,
    limit: int | None = None,
    annotator_id: str | None = None,
    after_seq: int | None = None,
    up_to_seq: int | None = None,
) -> Iterator[Problem]:
    """:func:`find_problems`, one at a time."""
    union = _union(
        schema,
        'd.seq, a.start, a."end", a.id, a.document, d.title, a.fragments',
        document,
        annotator_id,
        after_seq,
        up_to_seq,
    )
    if union is None:
        return
    sql, params = union
    sql += " ORDER BY 1, 2, 3, 4, 9"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    checks = problem_checks(schema)
    for seq, start, _end, ann_id, doc_id, title, raw, other, order in db.execute(sql, params):
        check = checks[order]
        prefix = check.prefix
        if other is not None:  # a duplicate: name both
            prefix = f"{check.label} annotation {ann_id} is identical to annotation {other}"
        message = f"{prefix}: “{_snippet(raw)}”"
        yield Problem(doc_id, title or "", ann_id, start, check.kind, message, seq)


def problems_page(
    db: Database, schema: Schema, annotator_id: str | None, after_seq: int | None, limit: int
) -> list[Problem]:
    """The first ``limit`` problems (when there are) of the documents after ``after_seq``,
    read a window of documents at a time: each window is a range of the primary key, so a
    page costs what its documents hold, not a sort of every problem of the corpus."""
    found: list[Problem] = []
    last = db.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
    start = after_seq or 0
    window = PAGE_WINDOW
    while start < last and len(found) < limit:
        wanted = limit - len(found)
        found += find_problems(db, schema, None, wanted, annotator_id, start, start + window)
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


def count_by_check(db: Database, schema: Schema) -> list[tuple[ProblemCheck, int]]:
    """How many problems of each check there are (checks without any left out), counted by
    SQLite alone: one pass over the annotations, and one over the index of their starts for
    duplicates (which share a document and a start)."""
    checks = problem_checks(schema)
    counts = dict.fromkeys(checks, 0)
    scanned = [c for c in checks if c.condition != REPEATS_AN_EARLIER]
    if scanned:
        # CASE: a check's subquery runs for its label only
        columns = [
            f"coalesce(sum(CASE WHEN a.label = ? THEN {c.condition} END), 0)" for c in scanned
        ]
        params = [value for c in scanned for value in (c.label, *c.params)]
        row = db.execute(
            f"SELECT {', '.join(columns)} FROM annotations a NOT INDEXED", params
        ).fetchone()
        counts.update(zip(scanned, row, strict=True))
    duplicates = {c.label: c for c in checks if c.condition == REPEATS_AN_EARLIER}
    if duplicates:
        for label, n in db.execute(
            "SELECT a.label, count(*) FROM (SELECT document, start FROM annotations "
            "GROUP BY document, start HAVING count(*) > 1) g "
            "CROSS JOIN annotations a ON a.document = g.document AND a.start = g.start "
            f"WHERE {REPEATS_AN_EARLIER} GROUP BY a.label"
        ):
            if label in duplicates:
                counts[duplicates[label]] = n
    return [(check, n) for check, n in counts.items() if n]


__all__ = [
    "Problem",
    "ProblemCheck",
    "count_by_check",
    "count_problems",
    "count_unlinked",
    "find_problems",
    "iter_problems",
    "problem_checks",
    "problems_page",
]
