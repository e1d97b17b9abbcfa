"""Changing a project's schema: counting what is stored, applying the migrations, installing
the next version, and putting everything back (undo).

The comparison itself is pure (core/schema_change.py); this module reads the counts it needs
(:func:`usage`), and :func:`apply` runs a plan inside the caller's transaction: every
migrated annotation and relation is rewritten and noted in the change record, the schema is
installed with the next version and recorded in ``schema_versions``, and the stored data are
checked against it once more (store/schema_check.py) before the transaction may commit. A
plan with problems writes nothing. :func:`revert` undoes an applied change exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.model import now
from annotator.core.schema import Schema
from annotator.core.schema_change import (
    Combination,
    Migrations,
    RelationUse,
    SchemaPlan,
    Usage,
    plan_change,
)
from annotator.store import schema_check
from annotator.store.rows import dumps

if TYPE_CHECKING:
    from annotator.store.project import Project


class SchemaChangeRefused(ValidationError):
    """The new schema would orphan stored data; ``plan`` says what and why."""

    def __init__(self, plan: SchemaPlan) -> None:
        first = plan.problems[0]
        more = len(plan.problems) - 1
        super().__init__(
            f"the schema was not changed: {first}" + (f" (and {more} more)" if more else "")
        )
        self.plan = plan


@dataclass(frozen=True)
class AppliedChange:
    """An installed schema change and what it rewrote, as it was before (for undo):
    annotations as (id, document, annotator, label, attributes JSON, modified), relations as
    (id, document, annotator, type)."""

    plan: SchemaPlan
    annotations: tuple[tuple[str, str, str | None, str, str, str], ...] = ()
    relations: tuple[tuple[str, str, str | None, str], ...] = ()


def usage(project: Project) -> Usage:
    """Counts of what every layer stores, by label, attributes, link, and relation type."""
    db = project.db
    combos = [
        Combination(label, _attributes(attrs), bool(linked), count)
        for label, attrs, linked, count in db.execute(
            "SELECT label, attributes, entity IS NOT NULL, count(*) FROM annotations "
            "GROUP BY label, attributes, entity IS NOT NULL"
        )
    ]
    relations = [
        RelationUse(type_, source, target, count)
        for type_, source, target, count in db.execute(
            "SELECT r.type, s.label, t.label, count(*) FROM relations r "
            "JOIN annotations s ON s.id = r.source JOIN annotations t ON t.id = r.target "
            "GROUP BY r.type, s.label, t.label"
        )
    ]
    most = dict(
        db.execute(
            "SELECT type, max(n) FROM (SELECT type, count(*) AS n FROM relations "
            "GROUP BY source, type) GROUP BY type"
        ).fetchall()
    )
    return Usage(tuple(combos), tuple(relations), most)


def _attributes(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def plan(project: Project, new: Schema, migrations: Migrations) -> SchemaPlan:
    return plan_change(project.schema, new, usage(project), migrations)


def apply(project: Project, new: Schema, migrations: Migrations) -> AppliedChange:
    """Plan and apply inside the open transaction; refused (nothing written) with problems."""
    found = plan(project, new, migrations)
    if found.refused:
        raise SchemaChangeRefused(found)
    if found.unchanged:
        return AppliedChange(found)
    stamp = now()
    annotations = _migrate_annotations(project, migrations, stamp)
    relations = _migrate_relations(project, migrations)
    install(project, found.new, stamp)
    return AppliedChange(found, tuple(annotations), tuple(relations))


def _migrate_annotations(
    project: Project, m: Migrations, stamp: str
) -> list[tuple[str, str, str | None, str, str, str]]:
    db, record = project.db, project.recording
    labels = set(m.labels) | {label for label, _a, _v in m.values}
    before: list[tuple[str, str, str | None, str, str, str]] = []
    updates: list[tuple[str, str, str, str]] = []
    for label in sorted(labels):
        rows = db.execute(
            "SELECT id, document, annotator, label, attributes, modified FROM annotations "
            "WHERE label = ?",
            [label],
        ).fetchall()
        for ann_id, document, annotator, old_label, raw, modified in rows:
            attributes = _attributes(raw)
            moved = {k: m.value(old_label, k, v) for k, v in attributes.items()}
            new_label = m.label(old_label)
            if new_label == old_label and moved == attributes:
                continue
            before.append((ann_id, document, annotator, old_label, raw, modified))
            updates.append((new_label, dumps(moved), stamp, ann_id))
            record.annotation("updated", ann_id, document, annotator)
    db.conn.executemany(
        "UPDATE annotations SET label = ?, attributes = ?, modified = ? WHERE id = ?", updates
    )
    return before


def _migrate_relations(project: Project, m: Migrations) -> list[tuple[str, str, str | None, str]]:
    db, record = project.db, project.recording
    before: list[tuple[str, str, str | None, str]] = []
    for old_type, new_type in sorted(m.relations.items()):
        rows = db.execute(
            "SELECT r.id, s.document, r.annotator, r.type FROM relations r "
            "JOIN annotations s ON s.id = r.source WHERE r.type = ?",
            [old_type],
        ).fetchall()
        for rel_id, document, annotator, type_ in rows:
            before.append((rel_id, document, annotator, type_))
            record.relation("updated", rel_id, document, annotator)
        db.execute("UPDATE relations SET type = ? WHERE type = ?", [new_type, old_type])
    return before


def install(project: Project, schema: Schema, stamp: str) -> None:
    """Make ``schema`` the project's (recorded in schema_versions), once the stored data were
    checked against it."""
    problems = schema_check.schema_problems(project.db, schema, limit=5)
    if problems:  # what the plan could not see (e.g. a file damaged by hand)
        raise ValidationError(
            f"the schema was not changed: the stored data would not fit it; first: {problems[0]}"
        )
    text = schema.to_json()
    project.db.execute("UPDATE project SET schema = ?, modified = ?", [text, stamp])
    project.db.execute(
        "INSERT INTO schema_versions (version, schema, installed) VALUES (?,?,?)",
        [schema.version, text, stamp],
    )
    project.recording.project = True


def revert(project: Project, applied: AppliedChange) -> None:
    """Inside the open transaction: put back the annotations and relations ``applied``
    rewrote and the schema it replaced (installed again under its own version)."""
    if applied.plan.unchanged:
        return
    db, record = project.db, project.recording
    db.conn.executemany(
        "UPDATE annotations SET label = ?, attributes = ?, modified = ? WHERE id = ?",
        [
            (label, raw, modified, ann_id)
            for ann_id, _d, _a, label, raw, modified in applied.annotations
        ],
    )
    for ann_id, document, annotator, *_rest in applied.annotations:
        record.annotation("updated", ann_id, document, annotator)
    db.conn.executemany(
        "UPDATE relations SET type = ? WHERE id = ?",
        [(type_, rel_id) for rel_id, _d, _a, type_ in applied.relations],
    )
    for rel_id, document, annotator, _type in applied.relations:
        record.relation("updated", rel_id, document, annotator)
    install(project, applied.plan.old, now())


def versions(project: Project) -> list[tuple[int, str]]:
    """(version, installed) of every schema the project has used, oldest first."""
    return [
        (version, installed)
        for version, installed in project.db.execute(
            "SELECT version, installed FROM schema_versions ORDER BY seq"
        )
    ]


__all__ = ["AppliedChange", "SchemaChangeRefused", "apply", "plan", "revert", "usage", "versions"]
