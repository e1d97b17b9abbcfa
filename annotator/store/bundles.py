"""Streaming a whole project, document by document, as plain dicts (for exports and merges).

Documents, annotations, relations and statuses are read with four ordered queries that are
advanced side by side, so memory stays flat however large the project is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from annotator.core.model import Annotator, Entity
from annotator.store.registry import list_annotators, list_entities


def _grouped(cursor: Any) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    """Rows ordered by their first column (a document seq), grouped by it."""
    group: list[tuple[Any, ...]] = []
    current = None
    for row in cursor:
        if row[0] != current and group:
            yield current, group
            group = []
        current = row[0]
        group.append(row)
    if group:
        yield current, group


def iter_document_dicts(db: Database, annotator: str | None = None) -> Iterator[dict[str, Any]]:
    """Each document with its annotations, relations and status, in the native export shape.

    With ``annotator`` (an id), only that annotator's annotations, relations and status.
    """
    who = "" if annotator is None else " AND a.annotator = :who"
    ann_rows = db.execute(
        "SELECT d.seq, a.id, a.label, a.fragments, a.attributes, a.entity, a.annotator, "
        "a.origin, a.note, a.created, a.modified FROM annotations a "
        f"JOIN documents d ON d.id = a.document WHERE 1{who} "
        'ORDER BY d.seq, a.start, a."end", a.created, a.id',
        {"who": annotator},
    )
    # both ends must be in the export too: no relation to another annotator's annotation
    rel_who = "" if annotator is None else who + " AND r.annotator = :who AND t.annotator = :who"
    rel_rows = db.execute(
        "SELECT d.seq, r.id, r.type, r.source, r.target, r.annotator, r.created FROM relations r "
        "JOIN annotations a ON a.id = r.source JOIN annotations t ON t.id = r.target "
        "JOIN documents d ON d.id = a.document "
        f"WHERE 1{rel_who} ORDER BY d.seq, r.created, r.id",
        {"who": annotator},
    )
    status_rows = db.execute(
        "SELECT d.seq, s.annotator, s.state FROM document_status s "
        "JOIN documents d ON d.id = s.document "
        f"WHERE 1{who.replace('a.annotator', 's.annotator')} ORDER BY d.seq, s.annotator",
        {"who": annotator},
    )
    anns = _grouped(ann_rows)
    rels = _grouped(rel_rows)
    stats = _grouped(status_rows)
    next_ann = next(anns, None)
    next_rel = next(rels, None)
    next_stat = next(stats, None)
    loads = json.loads
    for seq, doc_id, title, source, url, published, metadata, text, sha in db.execute(
        "SELECT seq, id, title, source, url, published, metadata, text, sha256 FROM documents "
        "ORDER BY seq"
    ):
        annotations: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        status: dict[str, str] = {}
        if next_ann is not None and next_ann[0] == seq:
            annotations = [
                {
                    "id": r[1],
                    "label": r[2],
                    "fragments": loads(r[3]),
                    "attributes": loads(r[4]),
                    "entity": r[5],
                    "annotator": r[6],
                    "origin": r[7],
                    "note": r[8],
                    "created": r[9],
                    "modified": r[10],
                }
                for r in next_ann[1]
            ]
            next_ann = next(anns, None)
        if next_rel is not None and next_rel[0] == seq:
            relations = [
                {
                    "id": r[1],
                    "type": r[2],
                    "source": r[3],
                    "target": r[4],
                    "annotator": r[5],
                    "created": r[6],
                }
                for r in next_rel[1]
            ]
            next_rel = next(rels, None)
        if next_stat is not None and next_stat[0] == seq:
            status = {r[1]: r[2] for r in next_stat[1]}
            next_stat = next(stats, None)
        yield {
            "id": doc_id,
            "title": title,
            "source": source,
            "url": url,
            "published": published,
            "metadata": loads(metadata),
            "text": text,
            "sha256": sha,
            "status": status,
            "annotations": annotations,
            "relations": relations,
        }


def annotator_dicts(db: Database, only: str | None = None) -> list[dict[str, Any]]:
    people: list[Annotator] = list_annotators(db)
    return [{"id": a.id, "name": a.name} for a in people if only is None or a.id == only]


def entity_dicts(db: Database) -> list[dict[str, Any]]:
    entities: list[Entity] = list_entities(db)
    return [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": e.aliases,
            "wikidata": e.wikidata,
            "note": e.note,
            "created": e.created,
            "modified": e.modified,
        }
        for e in entities
    ]


def count_documents(db: Database) -> int:
    return db.execute("SELECT count(*) FROM documents").fetchone()[0]
