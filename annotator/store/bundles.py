"""Streaming a whole project, document by document, as plain dicts (for exports and merges).

Documents, annotations, relations and statuses are read with four ordered queries that are
advanced side by side, so memory stays flat however large the project is. ``documents`` (a
JSON array of document ids, bound as one parameter; None: every document) limits all four.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from annotator.core.model import Annotator, Entity
from annotator.store.annotators import SUGGESTIONS_ID
from annotator.store.registry import list_annotators, list_entities


def _grouped(cursor: Any) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    """Rows ordered by their first column (a document seq), grouped by it."""
    for seq, rows in groupby(cursor, key=itemgetter(0)):
        yield seq, list(rows)


ANNOTATION_FIELDS = (
    "a.id, a.label, a.fragments, a.attributes, a.entity, a.annotator, a.origin, a.note, "
    "a.created, a.modified"
)
RELATION_FIELDS = "r.id, r.type, r.source, r.target, r.annotator, r.created"
# The same fields built as JSON text by SQLite (the stored fragments and attributes are JSON
# already), so that exports need not parse and re-encode 100,000s of small objects.
ANNOTATION_JSON = (
    "json_object('id', a.id, 'label', a.label, 'fragments', json(a.fragments), "
    "'attributes', json(a.attributes), 'entity', a.entity, 'annotator', a.annotator, "
    "'origin', a.origin, 'note', a.note, 'created', a.created, 'modified', a.modified)"
)
RELATION_JSON = (
    "json_object('id', r.id, 'type', r.type, 'source', r.source, 'target', r.target, "
    "'annotator', r.annotator, 'created', r.created)"
)


#: An annotation of the suggestions layer also says which engine proposed it, how sure it was:
#: ``"suggestion": {"engine", "score"}`` (read from suggestion_info, joined as ``s``).
SUGGESTION_FIELDS = ", s.engine, s.score"
SUGGESTION_JSON = (
    f"CASE WHEN s.engine IS NULL THEN {ANNOTATION_JSON} ELSE json_insert({ANNOTATION_JSON}, "
    "'$.suggestion', json_object('engine', s.engine, 'score', s.score)) END"
)


def _has_suggestions(db: Database, annotator_id: str | None) -> bool:
    if annotator_id not in (None, SUGGESTIONS_ID):
        return False
    return db.execute("SELECT 1 FROM suggestion_info LIMIT 1").fetchone() is not None


def in_documents(column: str, documents: str | None) -> str:
    """`` AND column IN`` the ids bound to ``:docs`` (a JSON array), or nothing for None."""
    if documents is None:
        return ""
    return f" AND {column} IN (SELECT value FROM json_each(:docs))"


def _streams(
    db: Database,
    annotator_id: str | None,
    ann_fields: str,
    rel_fields: str,
    documents: str | None = None,
) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]], dict[str, str]]]:
    """(document row, its annotation rows, relation rows, status) for every document (of
    ``documents``, when given).

    Four ordered queries advanced side by side; with ``annotator`` (an id), only that
    annotator's annotations, relations (both ends theirs) and status.
    """
    chosen = in_documents("d.id", documents)
    params = {"who": annotator_id, "docs": documents}
    who = "" if annotator_id is None else " AND a.annotator = :who"
    joined = ""
    if _has_suggestions(db, annotator_id):  # only then: the join costs 1M lookups
        joined = " LEFT JOIN suggestion_info s ON s.annotation = a.id"
        ann_fields = (
            SUGGESTION_JSON if ann_fields == ANNOTATION_JSON else ann_fields + SUGGESTION_FIELDS
        )
    ann_rows = db.execute(
        f"SELECT d.seq, {ann_fields} FROM annotations a "
        f"JOIN documents d ON d.id = a.document{joined} WHERE 1{who}{chosen} "
        'ORDER BY d.seq, a.start, a."end", a.created, a.id',
        params,
    )
    rel_who = "" if annotator_id is None else who + " AND r.annotator = :who AND t.annotator = :who"
    rel_rows = db.execute(
        f"SELECT d.seq, {rel_fields} FROM relations r "
        "JOIN annotations a ON a.id = r.source JOIN annotations t ON t.id = r.target "
        "JOIN documents d ON d.id = a.document "
        f"WHERE 1{rel_who}{chosen} ORDER BY d.seq, r.created, r.id",
        params,
    )
    status_rows = db.execute(
        "SELECT d.seq, s.annotator, s.state FROM document_status s "
        "JOIN documents d ON d.id = s.document "
        f"WHERE 1{who.replace('a.annotator', 's.annotator')}{chosen} "
        "ORDER BY d.seq, s.annotator",
        params,
    )
    anns, rels, stats = _grouped(ann_rows), _grouped(rel_rows), _grouped(status_rows)
    next_ann, next_rel, next_stat = next(anns, None), next(rels, None), next(stats, None)
    for doc in db.execute(
        "SELECT seq, id, title, source, url, published, metadata, text, sha256 FROM documents d "
        f"WHERE 1{chosen} ORDER BY seq",
        params,
    ):
        seq = doc[0]
        doc_anns: list[tuple[Any, ...]] = []
        doc_rels: list[tuple[Any, ...]] = []
        status: dict[str, str] = {}
        if next_ann is not None and next_ann[0] == seq:
            doc_anns, next_ann = next_ann[1], next(anns, None)
        if next_rel is not None and next_rel[0] == seq:
            doc_rels, next_rel = next_rel[1], next(rels, None)
        if next_stat is not None and next_stat[0] == seq:
            status, next_stat = {r[1]: r[2] for r in next_stat[1]}, next(stats, None)
        yield doc, doc_anns, doc_rels, status


def _document_head(doc: tuple[Any, ...], status: dict[str, str]) -> dict[str, Any]:
    _seq, doc_id, title, source, url, published, metadata, text, sha = doc
    return {
        "id": doc_id,
        "title": title,
        "source": source,
        "url": url,
        "published": published,
        "metadata": json.loads(metadata),
        "text": text,
        "sha256": sha,
        "status": status,
    }


def iter_document_dicts(
    db: Database, annotator_id: str | None = None, documents: str | None = None
) -> Iterator[dict[str, Any]]:
    """Each document with its annotations, relations and status, in the native export shape."""
    loads = json.loads
    streams = _streams(db, annotator_id, ANNOTATION_FIELDS, RELATION_FIELDS, documents)
    for doc, anns, rels, status in streams:
        head = _document_head(doc, status)
        # every fragment list (and attribute map) of the document parsed in one call: the
        # decoder's cost is mostly per call (both columns are NOT NULL JSON text)
        fragments = loads(f"[{','.join([r[3] for r in anns])}]")
        attributes = loads(f"[{','.join([r[4] for r in anns])}]")
        head["annotations"] = [
            {
                "id": r[1],
                "label": r[2],
                "fragments": fragments[i],
                "attributes": attributes[i],
                "entity": r[5],
                "annotator": r[6],
                "origin": r[7],
                "note": r[8],
                "created": r[9],
                "modified": r[10],
            }
            for i, r in enumerate(anns)
        ]
        if anns and len(anns[0]) > 11:  # the suggestions layer's engine and score
            for ann, r in zip(head["annotations"], anns, strict=True):
                if r[11] is not None:
                    ann["suggestion"] = {"engine": r[11], "score": r[12]}
        head["relations"] = [
            {
                "id": r[1],
                "type": r[2],
                "source": r[3],
                "target": r[4],
                "annotator": r[5],
                "created": r[6],
            }
            for r in rels
        ]
        yield head


def iter_document_json(
    db: Database, annotator_id: str | None = None, documents: str | None = None
) -> Iterator[str]:
    """The same documents as compact JSON text, one string each (for streaming exports)."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    streams = _streams(db, annotator_id, ANNOTATION_JSON, RELATION_JSON, documents)
    for doc, anns, rels, status in streams:
        head = dumps(_document_head(doc, status))
        yield (
            f'{head[:-1]},"annotations":[{",".join(r[1] for r in anns)}],'
            f'"relations":[{",".join(r[1] for r in rels)}]}}'
        )


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


def count_documents(db: Database, documents: str | None = None) -> int:
    chosen = in_documents("d.id", documents)
    sql = f"SELECT count(*) FROM documents d WHERE 1{chosen}"
    return db.execute(sql, {"docs": documents}).fetchone()[0]
