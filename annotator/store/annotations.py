"""Writing and reading annotations and relations (inside the caller's transaction)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotation, Relation
from annotator.core.schema import Schema
from annotator.core.validation import check_relation
from annotator.store.rows import (
    ANNOTATION_COLUMNS,
    INSERT_ANNOTATION,
    RELATION_COLUMNS,
    annotation_from_row,
    annotation_params,
    relation_from_row,
)


def get_annotation(db: Database, ann_id: str) -> Annotation | None:
    row = db.execute(
        f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", [ann_id]
    ).fetchone()
    return annotation_from_row(row) if row else None


def require_annotation(db: Database, ann_id: str) -> Annotation:
    ann = get_annotation(db, ann_id)
    if ann is None:
        raise NotFoundError(f"no annotation with id {ann_id!r}")
    return ann


def annotations_of(
    db: Database, doc_id: str, annotator_id: str | None = None, start_before: int | None = None
) -> list[Annotation]:
    sql = f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE document = ?"
    params: list[Any] = [doc_id]
    if start_before is not None:
        sql += " AND start < ?"
        params.append(start_before)
    if annotator_id is not None:
        sql += " AND annotator = ?"
        params.append(annotator_id)
    sql += ' ORDER BY start, "end", created'
    return [annotation_from_row(r) for r in db.execute(sql, params)]


def insert_annotation(db: Database, ann: Annotation) -> None:
    if db.execute("SELECT 1 FROM annotations WHERE id = ?", [ann.id]).fetchone():
        raise ValidationError(f"an annotation with id {ann.id!r} already exists")
    db.execute(INSERT_ANNOTATION, annotation_params(ann))


def same_annotation(db: Database, ann: Annotation) -> Annotation | None:
    """Another annotation of ``ann``'s layer and document with its label and fragments."""
    # "+label", "+annotator": never through their indexes. Without statistics (a new file,
    # before ANALYZE) SQLite would walk the whole layer by annotator for every added annotation.
    rows = db.execute(
        f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE document = ? AND start = ? "
        'AND "end" = ? AND +label = ? AND +annotator IS ? AND id != ?',
        [ann.document, ann.start, ann.end, ann.label, ann.annotator, ann.id],
    )
    spans = [(f.start, f.end) for f in ann.fragments]
    for row in rows:
        other = annotation_from_row(row)
        if [(f.start, f.end) for f in other.fragments] == spans:
            return other
    return None


def replace_annotation(db: Database, ann: Annotation) -> None:
    params = annotation_params(ann)
    db.execute(
        'UPDATE annotations SET document=?, label=?, start=?, "end"=?, fragments=?, '
        "attributes=?, entity=?, annotator=?, origin=?, note=?, created=?, modified=? "
        "WHERE id = ?",
        [*params[1:], ann.id],
    )


def delete_annotation(db: Database, ann_id: str) -> list[Relation]:
    """Delete an annotation; returns the relations that went with it (for undo)."""
    rels = relations_touching(db, ann_id)
    db.execute("DELETE FROM annotations WHERE id = ?", [ann_id])
    return rels


def relations_touching(db: Database, ann_id: str) -> list[Relation]:
    rows = db.execute(
        f"SELECT {RELATION_COLUMNS} FROM relations WHERE source = ? OR target = ? ORDER BY created",
        [ann_id, ann_id],
    )
    return [relation_from_row(r) for r in rows]


def relations_of(db: Database, doc_id: str, annotator_id: str | None = None) -> list[Relation]:
    who = "" if annotator_id is None else " AND r.annotator = ?"
    rows = db.execute(
        f"SELECT {', '.join('r.' + c.strip() for c in RELATION_COLUMNS.split(','))} "
        "FROM relations r JOIN annotations a ON a.id = r.source "
        f"WHERE a.document = ?{who} ORDER BY r.created, r.id",
        [doc_id] if annotator_id is None else [doc_id, annotator_id],
    )
    return [relation_from_row(r) for r in rows]


def get_relation(db: Database, rel_id: str) -> Relation | None:
    row = db.execute(f"SELECT {RELATION_COLUMNS} FROM relations WHERE id = ?", [rel_id]).fetchone()
    return relation_from_row(row) if row else None


def validate_relation(db: Database, schema: Schema, rel: Relation, replacing: bool) -> None:
    src = db.execute(
        "SELECT label, document FROM annotations WHERE id = ?", [rel.source]
    ).fetchone()
    tgt = db.execute(
        "SELECT label, document FROM annotations WHERE id = ?", [rel.target]
    ).fetchone()
    if src is None:
        raise NotFoundError(f"no annotation with id {rel.source!r} (relation source)")
    if tgt is None:
        raise NotFoundError(f"no annotation with id {rel.target!r} (relation target)")
    if rel.source == rel.target:
        raise ValidationError("a relation cannot point from an annotation to itself")
    existing = 0
    if not replacing:
        existing = db.execute(
            "SELECT count(*) FROM relations WHERE source = ? AND type = ?", [rel.source, rel.type]
        ).fetchone()[0]
    check_relation(schema, rel.type, src[0], tgt[0], src[1] == tgt[1], existing)
    duplicate = db.execute(
        "SELECT 1 FROM relations WHERE source = ? AND target = ? AND type = ?",
        [rel.source, rel.target, rel.type],
    ).fetchone()
    if duplicate:
        raise ValidationError(f"this {rel.type} relation already exists")


def insert_relation(db: Database, rel: Relation) -> None:
    if get_relation(db, rel.id) is not None:
        raise ValidationError(f"a relation with id {rel.id!r} already exists")
    db.execute(
        "INSERT INTO relations (id, type, source, target, annotator, created) VALUES (?,?,?,?,?,?)",
        [rel.id, rel.type, rel.source, rel.target, rel.annotator, rel.created],
    )


def relations_from(db: Database, source: str, type_: str) -> list[Relation]:
    rows = db.execute(
        f"SELECT {RELATION_COLUMNS} FROM relations WHERE source = ? AND type = ?", [source, type_]
    )
    return [relation_from_row(r) for r in rows]


def delete_relation(db: Database, rel_id: str) -> None:
    db.execute("DELETE FROM relations WHERE id = ?", [rel_id])


def iter_annotation_rows(db: Database) -> Iterator[tuple[Any, ...]]:
    """Every annotation with its document's seq, in document order (for checks and exports)."""
    yield from db.execute(
        f"SELECT d.seq, {', '.join('a.' + c.strip() for c in ANNOTATION_COLUMNS.split(','))} "
        "FROM annotations a JOIN documents d ON d.id = a.document "
        'ORDER BY d.seq, a.start, a."end", a.created'
    )


def count_annotations(db: Database, doc_id: str, annotator_id: str | None = None) -> int:
    if annotator_id is None:
        sql, params = "SELECT count(*) FROM annotations WHERE document = ?", [doc_id]
    else:
        sql = "SELECT count(*) FROM annotations WHERE document = ? AND annotator = ?"
        params = [doc_id, annotator_id]
    return db.execute(sql, params).fetchone()[0]


def set_entity(db: Database, rows: Sequence[tuple[str | None, str, str]]) -> None:
    """Link annotations to entities: (entity id or None, modified, annotation id) each."""
    db.conn.executemany("UPDATE annotations SET entity = ?, modified = ? WHERE id = ?", rows)


def relink_unlinked(db: Database, entity_id: str, mentions: list[tuple[str, str]]) -> None:
    """Link (annotation id, old modified) mentions to ``entity_id`` again, if still unlinked."""
    db.conn.executemany(
        "UPDATE annotations SET entity = ?, modified = ? WHERE id = ? AND entity IS NULL",
        [(entity_id, modified, ann_id) for ann_id, modified in mentions],
    )


def move_mentions(
    db: Database, from_entity: str, to_entity: str, mentions: list[tuple[str, str]]
) -> None:
    """Move (annotation id, old modified) mentions still linked to ``from_entity``."""
    db.conn.executemany(
        "UPDATE annotations SET entity = ?, modified = ? WHERE id = ? AND entity = ?",
        [(to_entity, modified, ann_id, from_entity) for ann_id, modified in mentions],
    )


def mentions_of(db: Database, entity_id: str) -> list[tuple[str, str, str | None]]:
    """(annotation id, document id, annotator id) of the entity's mentions."""
    rows = db.execute(
        "SELECT id, document, annotator FROM annotations WHERE entity = ?", [entity_id]
    )
    return [(r[0], r[1], r[2]) for r in rows]


def mention_fragments(db: Database, entity_id: str) -> list[tuple[str, str]]:
    """(annotation id, fragments JSON) of the entity's mentions."""
    rows = db.execute("SELECT id, fragments FROM annotations WHERE entity = ?", [entity_id])
    return [(r[0], r[1]) for r in rows]


def attribute_values(db: Database, label: str, attribute: str) -> list[str]:
    """The distinct text values of one attribute of one label's annotations, in every layer,
    the most used first (then alphabetically)."""
    sql = (
        "SELECT j.value, count(*) AS uses FROM annotations AS a, json_each(a.attributes) AS j"
        " WHERE a.label = ? AND j.key = ? AND j.type = 'text'"
        " GROUP BY j.value ORDER BY uses DESC, j.value"
    )
    return [row[0] for row in db.execute(sql, [label, attribute])]
