"""Annotations that are not finished yet: required relations missing (a quote without a
speaker, a demand without a claimant) and actor mentions not linked to the registry.

A mixin of :class:`~annotator.store.project.Project`; :func:`find_problems` is also used by
``check`` (store/inspect.py). Problems are not errors: the project is valid, the work is just
not complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.core.schema import Schema
from annotator.store.editing import _ProjectParts
from annotator.store.rows import parse_fragments

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


def find_problems(
    db: Database, schema: Schema, document: str | None = None, limit: int | None = None
) -> list[Problem]:
    """Every problem (of ``document`` only, if given) in document order, then by position."""
    checks = _checks(schema)
    if not checks:
        return []
    parts: list[str] = []
    params: list[Any] = []
    where_doc = " AND a.document = ?" if document is not None else ""
    for order, (_kind, _prefix, label, relation) in enumerate(checks):
        if relation is None:
            condition = "a.entity IS NULL"
            extra: list[Any] = []
        else:
            condition = (
                "NOT EXISTS (SELECT 1 FROM relations r WHERE r.source = a.id AND r.type = ?)"
            )
            extra = [relation]
        parts.append(
            f'SELECT d.seq, a.start, a."end", a.id, {order} AS k, a.document, d.title, '
            f"a.fragments FROM annotations a JOIN documents d ON d.id = a.document "
            f"WHERE a.label = ? AND {condition}{where_doc}"
        )
        params += [label, *extra]
        if document is not None:
            params.append(document)
    sql = " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3, 4, 5"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    problems = []
    for _seq, start, _end, ann_id, order, doc_id, title, raw in db.execute(sql, params):
        kind, prefix, _label, _relation = checks[order]
        problems.append(
            Problem(doc_id, title or "", ann_id, start, kind, f"{prefix}: “{_snippet(raw)}”")
        )
    return problems


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


class ProblemQueries(_ProjectParts):
    """Unfinished annotations across the corpus (a mixin of Project)."""

    def problems(self, document: str | None = None, limit: int | None = None) -> list[Problem]:
        """Required relations missing and mentions not linked, for the whole project or one
        document, in document order, then by position in the text."""
        if document is not None:
            self._text(document)  # an unknown document is an error, not "no problems"
        return find_problems(self.db, self.schema, document, limit)


__all__ = ["Problem", "ProblemQueries", "count_unlinked", "find_problems"]
