"""Stored annotations and relations against the schema, for ``check`` (store/checking.py) and
for ``Project.set_schema``, which refuses a schema the stored data do not fit.

Annotations are judged once per distinct combination of label, attributes and link, not once
per row. Relations are read in one pass that also checks their foreign keys (``PRAGMA
foreign_key_check`` would look their two ends up a second time): their type, and the labels
of their ends.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.core.schema import Schema
from annotator.core.validation import check_attributes, require_label

#: The foreign keys of ``relations`` that :func:`relation_problems` checks itself, as
#: (column, parent table, parent column); a file with others is left to the pragma.
RELATION_KEYS = {
    ("source", "annotations", "id"),
    ("target", "annotations", "id"),
    ("annotator", "annotators", "id"),
}


def annotation_problems(db: Database, schema: Schema) -> Iterator[tuple[str, str]]:
    """(kind, message) for every stored annotation whose label, attributes or link do not
    fit ``schema``."""
    combinations = db.execute(
        "SELECT DISTINCT label, attributes, entity IS NOT NULL FROM annotations NOT INDEXED"
    ).fetchall()
    for label, attrs, linked in combinations:
        problem = _annotation_problem(schema, label, attrs, bool(linked))
        if problem is None:
            continue
        for (ann_id,) in db.execute(
            "SELECT id FROM annotations WHERE label = ? AND attributes = ? "
            "AND (entity IS NOT NULL) = ?",
            [label, attrs, linked],
        ):
            yield "schema (annotations)", f"annotation {ann_id}: {problem}"


def _annotation_problem(schema: Schema, label: str, attrs: str, linked: bool) -> str | None:
    try:
        spec = require_label(schema, label)
        try:
            attributes = json.loads(attrs)
        except ValueError:
            raise ValidationError("its attributes are not readable JSON") from None
        check_attributes(spec, attributes)
        if linked and not spec.entity:
            raise ValidationError(f"{label} annotations cannot be linked to actors")
    except ValidationError as exc:
        return str(exc)
    return None


def relation_keys_are_known(db: Database) -> bool:
    """Whether the foreign keys of ``relations`` are those :func:`relation_problems` checks."""
    keys = {(row[3], row[2], row[4]) for row in db.execute("PRAGMA foreign_key_list(relations)")}
    return keys == RELATION_KEYS


def relation_problems(
    db: Database, schema: Schema, *, foreign_keys: bool
) -> Iterator[tuple[str, str]]:
    """(kind, message) for every relation of an unknown type, whose ends have other labels
    than its type says, or (``foreign_keys``) that points to an annotation or annotator that
    does not exist; then every annotation with more relations of a type than it allows."""
    cases, params = [], []
    for spec in schema.relations:
        cases.append("WHEN ? THEN s.label IS NOT ? OR t.label IS NOT ?")
        params += [spec.name, spec.source, spec.target]
    missing = "s.rowid IS NULL OR t.rowid IS NULL OR (r.annotator IS NOT NULL AND an.rowid IS NULL)"
    rows = db.execute(
        "SELECT r.rowid, r.id, r.type, s.rowid IS NULL, t.rowid IS NULL, "
        "r.annotator IS NOT NULL AND an.rowid IS NULL, s.label, t.label FROM relations r "
        "LEFT JOIN annotations s ON s.id = r.source LEFT JOIN annotations t ON t.id = r.target "
        "LEFT JOIN annotators an ON an.id = r.annotator "
        f"WHERE {missing + ' OR ' if foreign_keys else ''}"
        f"CASE r.type {' '.join(cases)} ELSE 1 END",
        params,
    )
    for rowid, rel_id, type_, no_source, no_target, no_annotator, src, tgt in rows:
        if foreign_keys:
            for absent, parent in ((no_source, "annotations"), (no_target, "annotations")):
                if absent:
                    yield _missing(rowid, parent)
            if no_annotator:
                yield _missing(rowid, "annotators")
        rule = schema.relation(type_)
        if rule is None:
            yield "schema (relations)", f"relation {rel_id}: unknown relation type {type_!r}"
        elif src is not None and tgt is not None and (rule.source, rule.target) != (src, tgt):
            yield (
                "schema (relations)",
                f"relation {rel_id}: {type_} goes from {rule.source} to {rule.target}, "
                f"not from {src} to {tgt}",
            )
    yield from _too_many(db, schema)


def _missing(rowid: int, parent: str) -> tuple[str, str]:
    """A foreign key error, worded as for ``PRAGMA foreign_key_check``."""
    return (
        "foreign key (relations)",
        f"foreign key: relations row {rowid} points to a missing {parent}",
    )


def _too_many(db: Database, schema: Schema) -> Iterator[tuple[str, str]]:
    maxima = {rule.name: rule.max for rule in schema.relations if rule.max is not None}
    if not maxima:
        return
    for source, type_, count in db.execute(  # one pass for every type with a maximum
        "SELECT source, type, count(*) FROM relations GROUP BY source, type HAVING count(*) > ?",
        [min(maxima.values())],
    ):
        most = maxima.get(type_)
        if most is not None and count > most:
            yield (
                "schema (relations)",
                f"annotation {source}: {count} {type_} relations (at most {most})",
            )


def schema_problems(db: Database, schema: Schema, limit: int = 1000) -> list[str]:
    """Stored annotations and relations that do not fit ``schema`` (at most ``limit``)."""
    found: list[str] = []
    both = itertools.chain(
        annotation_problems(db, schema), relation_problems(db, schema, foreign_keys=False)
    )
    for _kind, message in both:
        found.append(message)
        if len(found) >= limit:
            break
    return found
