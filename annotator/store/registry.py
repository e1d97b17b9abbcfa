"""The actor registry (entities), the annotators, and per-annotator document status."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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


def count_entities(db: Database) -> int:
    return db.execute("SELECT count(*) FROM entities").fetchone()[0]


def entity_ids(db: Database, wanted: set[str | None]) -> set[str]:
    """Which of these ids are entities of the registry."""
    ids = [i for i in wanted if i is not None]
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    return {r[0] for r in db.execute(f"SELECT id FROM entities WHERE id IN ({marks})", ids)}


def entity_names(db: Database) -> list[Any]:
    """(id, name, aliases) of every entity: what the name index is built from."""
    return db.execute("SELECT id, name, aliases FROM entities ORDER BY id").fetchall()


def data_version(db: Database) -> int:
    """Changes when another connection commits (see SQLite's PRAGMA data_version)."""
    return db.execute("PRAGMA data_version").fetchone()[0]


def entity_mentions(db: Database, entity_id: str) -> list[tuple[str, str, str]]:
    """(annotation id, document id, modified) of every mention linked to the entity."""
    rows = db.execute(
        "SELECT id, document, modified FROM annotations WHERE entity = ? ORDER BY id",
        [entity_id],
    )
    return [(r[0], r[1], r[2]) for r in rows]


def mention_times(db: Database, entity_id: str) -> list[tuple[str, str]]:
    """(annotation id, modified) of the entity's mentions (what undoing a merge restores)."""
    rows = db.execute(
        "SELECT id, modified FROM annotations WHERE entity = ? ORDER BY id", [entity_id]
    )
    return [(r[0], r[1]) for r in rows]


def entity_counts(
    db: Database,
    roles: tuple[str | None, str | None, str | None],
    annotator_id: str | None,
    entity_ids: list[str] | None,
) -> list[tuple[str, int, int, int, int]]:
    """(entity id, mentions, quotes spoken, demands made, demands received) per entity.

    ``roles`` are the speaker, claimant and addressee relation types (None: the schema has no
    such relation, and nothing is counted for it). With ``annotator``, only
    that layer counts; with ``entity_ids``, only those entities are listed. A quote with two
    speaker relations to mentions of one entity counts once.
    """
    who = "" if annotator_id is None else " AND m.annotator = :who"
    rel_who = "" if annotator_id is None else " AND r.annotator = :who"
    params: dict[str, Any] = {"who": annotator_id, "r0": roles[0], "r1": roles[1], "r2": roles[2]}
    if entity_ids is None:  # the whole registry: two passes over the corpus, not one per actor
        return _all_entity_counts(db, params, who, rel_who)
    where = ""
    if entity_ids is not None:
        marks = []
        for i, entity_id in enumerate(entity_ids):
            params[f"e{i}"] = entity_id
            marks.append(f":e{i}")
        where = f" WHERE e.id IN ({', '.join(marks) or 'NULL'})"

    def role(n: int) -> str:
        return (
            "(SELECT count(DISTINCT r.source) FROM annotations m "
            "JOIN relations r ON r.target = m.id "
            f"WHERE m.entity = e.id AND r.type = :r{n}{who}{rel_who})"
        )

    sql = (
        f"SELECT e.id, (SELECT count(*) FROM annotations m WHERE m.entity = e.id{who}), "
        f"{role(0)}, {role(1)}, {role(2)} FROM entities e{where} ORDER BY e.id"
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in db.execute(sql, params)]


def _all_entity_counts(
    db: Database, params: dict[str, Any], who: str, rel_who: str
) -> list[tuple[str, int, int, int, int]]:
    mentions = dict(
        db.execute(
            "SELECT m.entity, count(*) FROM annotations m "
            f"WHERE m.entity IS NOT NULL{who} GROUP BY m.entity",
            params,
        ).fetchall()
    )
    by_role: dict[tuple[str, str], int] = {}
    for entity_id, rel_type, count in db.execute(
        "SELECT m.entity, r.type, count(DISTINCT r.source) FROM relations r "
        "JOIN annotations m ON m.id = r.target "
        f"WHERE m.entity IS NOT NULL AND r.type IN (:r0, :r1, :r2){who}{rel_who} "
        "GROUP BY m.entity, r.type",
        params,
    ):
        by_role[(entity_id, rel_type)] = count
    names = [params["r0"], params["r1"], params["r2"]]
    return [
        (
            entity_id,
            mentions.get(entity_id, 0),
            *(by_role.get((entity_id, name), 0) if name else 0 for name in names),
        )
        for (entity_id,) in db.execute("SELECT id FROM entities ORDER BY id")
    ]


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
    person = Annotator(annotator_id or new_id(), name, now())
    db.execute(
        "INSERT INTO annotators (id, name, created) VALUES (?,?,?)",
        [person.id, person.name, person.created],
    )
    return person


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
