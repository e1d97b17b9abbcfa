"""The actor registry (entities), the annotators, and per-annotator document status."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlite_utils import Database

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotator, Entity, new_id, now
from annotator.core.schema import Schema
from annotator.store.rows import ENTITY_COLUMNS, dumps, entity_from_row

WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


def clean_entity(schema: Schema, entity: Entity) -> Entity:
    """Validate an entity's fields; aliases trimmed, de-duplicated, the name not repeated."""
    name = (entity.name or "").strip()
    if not name:
        raise ValidationError("an actor needs a name")
    if entity.type is not None and schema.entity_types and entity.type not in schema.entity_types:
        raise ValidationError(
            f"unknown actor type {entity.type!r} (allowed: {', '.join(schema.entity_types)})"
        )
    if entity.wikidata and not WIKIDATA_ID.match(entity.wikidata):
        raise ValidationError(f"{entity.wikidata!r} is not a Wikidata id (like Q42)")
    if isinstance(entity.aliases, str) or not isinstance(entity.aliases, Iterable):
        raise ValidationError("aliases must be a list of names")
    aliases: list[str] = []
    for alias in entity.aliases:
        alias = str(alias).strip()
        if alias and alias != name and alias not in aliases:
            aliases.append(alias)
    entity.name, entity.aliases = name, aliases
    entity.wikidata = entity.wikidata or None
    return entity


def get_entity(db: Database, entity_id: str) -> Entity | None:
    row = db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?", [entity_id]).fetchone()
    return entity_from_row(row) if row else None


def require_entity(db: Database, entity_id: str) -> Entity:
    entity = get_entity(db, entity_id)
    if entity is None:
        raise NotFoundError(f"no actor with id {entity_id!r} in the registry")
    return entity


def list_entities(db: Database) -> list[Entity]:
    rows = db.execute(f"SELECT {ENTITY_COLUMNS} FROM entities ORDER BY name COLLATE NOCASE, id")
    return [entity_from_row(r) for r in rows]


def upsert_entity(db: Database, e: Entity, insert: bool) -> None:
    values = [e.name, e.type, dumps(e.aliases), e.wikidata, e.note, e.created, e.modified, e.id]
    if insert:
        db.execute(
            "INSERT INTO entities (name, type, aliases, wikidata, note, created, modified, id) "
            "VALUES (?,?,?,?,?,?,?,?)",
            values,
        )
    else:
        db.execute(
            "UPDATE entities SET name=?, type=?, aliases=?, wikidata=?, note=?, created=?, "
            "modified=? WHERE id = ?",
            values,
        )


def delete_entity(db: Database, entity_id: str) -> None:
    db.execute("DELETE FROM entities WHERE id = ?", [entity_id])


def annotator_by_name(db: Database, name: str) -> Annotator | None:
    row = db.execute("SELECT id, name, created FROM annotators WHERE name = ?", [name]).fetchone()
    return Annotator(*row) if row else None


def annotator_by_id(db: Database, annotator_id: str) -> Annotator | None:
    row = db.execute(
        "SELECT id, name, created FROM annotators WHERE id = ?", [annotator_id]
    ).fetchone()
    return Annotator(*row) if row else None


def insert_annotator(db: Database, name: str, annotator_id: str | None = None) -> Annotator:
    name = name.strip()
    if not name:
        raise ValidationError("an annotator needs a name")
    annotator = Annotator(annotator_id or new_id(), name, now())
    db.execute(
        "INSERT INTO annotators (id, name, created) VALUES (?,?,?)",
        [annotator.id, annotator.name, annotator.created],
    )
    return annotator


def list_annotators(db: Database) -> list[Annotator]:
    return [
        Annotator(*r) for r in db.execute("SELECT id, name, created FROM annotators ORDER BY name")
    ]


def set_status(db: Database, doc_id: str, annotator_id: str, state: str, updated: str) -> None:
    db.execute(
        "INSERT INTO document_status (document, annotator, state, updated) VALUES (?,?,?,?) "
        "ON CONFLICT (document, annotator) DO UPDATE SET state = excluded.state, "
        "updated = excluded.updated",
        [doc_id, annotator_id, state, updated],
    )


def status_of(db: Database, doc_id: str) -> dict[str, str]:
    rows = db.execute("SELECT annotator, state FROM document_status WHERE document = ?", [doc_id])
    return dict(rows.fetchall())
