"""A project's layers as the input of the agreement measures (core/agreement).

Four queries, whatever the number of documents: the statuses of the chosen annotators, the
texts of the documents every one of them marked done (only those are compared; the others
come with their statuses alone, to be counted as left out), their annotations of the chosen
labels, and their relations. Values are always bound.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from annotator.core.agreement import AgreementInput, DocumentIn, LayerIn, RelationIn, SpanIn
from annotator.core.agreement.model import gc_paused
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotator
from annotator.store.annotators import GOLD_ID, GOLD_NAME
from annotator.store.registry import list_annotators

if TYPE_CHECKING:
    from sqlite_utils import Database

    from annotator.store.project import Project


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def choose_annotators(project: Project, names: Sequence[str] | None) -> list[Annotator]:
    """The annotators named (``gold`` for the gold layer), or by default everyone but gold
    who made any annotation. Refused: an unknown name, the same one twice, fewer than two."""
    db = project.db
    everyone = list_annotators(db)
    if names:
        by_name = {a.name.casefold(): a for a in everyone}
        chosen: list[Annotator] = []
        for raw in names:
            name = raw.strip()
            key = GOLD_NAME.casefold() if name.casefold() == GOLD_ID else name.casefold()
            found = by_name.get(key)
            if found is None:
                known = ", ".join(a.name for a in everyone) or "none"
                raise NotFoundError(
                    f"no annotator named {name!r} in {project.path} (known: {known})"
                )
            if found in chosen:
                raise ValidationError(f"annotator {found.name!r} is named twice")
            chosen.append(found)
    else:
        working = {row[0] for row in db.execute("SELECT DISTINCT annotator FROM annotations")}
        chosen = [a for a in everyone if a.id != GOLD_ID and a.id in working]
    if len(chosen) < 2:
        which = ", ".join(a.name for a in chosen) or "nobody"
        raise ValidationError(
            f"agreement needs at least two annotators; {project.path} has annotations by "
            f"{which} (name them with --annotators, e.g. an annotator and gold)"
        )
    return chosen


def agreement_input(
    project: Project,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
) -> AgreementInput:
    """What ``annotator agreement`` compares: ``annotators`` by name, ``labels`` of the schema
    (default: all), ``documents`` by id (default: all)."""
    with gc_paused():
        return _read(project, annotators, labels, documents)


def _read(
    project: Project,
    annotators: Sequence[str] | None,
    labels: Sequence[str] | None,
    documents: Sequence[str] | None,
) -> AgreementInput:
    schema = project.schema
    chosen = choose_annotators(project, annotators)
    label_names = list(labels) if labels else [x.name for x in schema.labels]
    for name in label_names:
        if schema.label(name) is None:
            known = ", ".join(x.name for x in schema.labels)
            raise ValidationError(f"the schema has no label {name!r} (labels: {known})")
    db = project.db
    ids = [a.id for a in chosen]
    name_of = {a.id: a.name for a in chosen}
    order = _documents(db, documents)
    states = _states(db, ids)
    done = [doc_id for doc_id in order if all(states.get((doc_id, a)) == "done" for a in ids)]
    docs = {doc_id: DocumentIn(doc_id, "") for doc_id in order}
    for (doc_id, annotator), state in states.items():
        if doc_id in docs:
            docs[doc_id].layers[name_of[annotator]] = LayerIn(state)
    _texts(db, done, docs)
    document_of = _annotations(db, ids, label_names, docs, name_of, set(done))
    # a relation type counts when the labels at both its ends are compared
    relation_types = [
        r.name for r in schema.relations if r.source in label_names and r.target in label_names
    ]
    _relations(db, ids, docs, name_of, document_of)
    return AgreementInput(
        annotators=[a.name for a in chosen],
        labels=label_names,
        documents=[docs[d] for d in order],
        attributes={
            name: tuple(a.name for a in spec.attributes)
            for name in label_names
            if (spec := schema.label(name)) is not None
        },
        relation_types=relation_types,
        mention_label=schema.roles.actor,
    )


def _documents(db: Database, wanted: Sequence[str] | None) -> list[str]:
    order = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY seq")]
    if not wanted:
        return order
    known = set(order)
    missing = [d for d in wanted if d not in known]
    if missing:
        raise NotFoundError(f"no document with id {missing[0]!r}")
    chosen = set(wanted)
    return [d for d in order if d in chosen]


def _states(db: Database, ids: list[str]) -> dict[tuple[str, str], str]:
    rows = db.execute(
        "SELECT document, annotator, state FROM document_status "
        f"WHERE annotator IN ({_marks(ids)})",
        ids,
    )
    return {(doc, who): state for doc, who, state in rows}


#: How many ids one query binds (SQLite allows 32,766 variables; stay well below).
_CHUNK = 500


def _texts(db: Database, done: list[str], docs: dict[str, DocumentIn]) -> None:
    for i in range(0, len(done), _CHUNK):
        chunk = done[i : i + _CHUNK]
        sql = f"SELECT id, title, text FROM documents WHERE id IN ({_marks(chunk)})"
        for doc_id, title, text in db.execute(sql, chunk):
            docs[doc_id].text = text
            docs[doc_id].title = title


def _annotations(
    db: Database,
    ids: list[str],
    labels: list[str],
    docs: dict[str, DocumentIn],
    name_of: dict[str, str],
    done: set[str],
) -> dict[str, str]:
    """Adds the annotations to ``docs``; returns the document of each (those used)."""
    # A single fragment is the row's start and end columns: only discontinuous annotations'
    # fragments (and attributes that are set) need decoding.
    sql = (
        'SELECT id, document, annotator, label, start, "end", '
        "CASE WHEN json_array_length(fragments) > 1 THEN fragments END, "
        "CASE WHEN attributes <> '{}' THEN attributes END, entity FROM annotations "
        f"WHERE annotator IN ({_marks(ids)}) AND label IN ({_marks(labels)}) "
        'ORDER BY document, annotator, start, "end", created'
    )
    loads = json.loads
    # Attributes come from short lists of values, so the same JSON text recurs: decode each
    # once (the measures only read them).
    decoded: dict[str, dict[str, object]] = {}
    rows = db.execute(sql, [*ids, *labels])
    where: tuple[str, str] | None = None
    spans: list[SpanIn] = []
    document_of: dict[str, str] = {}
    for ann_id, doc_id, who, label, start, end, frags, attributes, entity in rows:
        if (doc_id, who) != where:  # rows come by document: look the layer up once
            where = (doc_id, who)
            spans = docs[doc_id].layers[name_of[who]].spans if doc_id in done else []
        if frags is None:
            fragments: tuple[tuple[int, int], ...] = ((start, end),)
        else:
            fragments = tuple((f["start"], f["end"]) for f in loads(frags))
        if attributes is None:
            values: dict[str, object] = {}
        else:
            values = decoded.get(attributes) or decoded.setdefault(attributes, loads(attributes))
        spans.append(SpanIn(ann_id, label, fragments, values, entity))
        document_of[ann_id] = doc_id
    return document_of


def _relations(
    db: Database,
    ids: list[str],
    docs: dict[str, DocumentIn],
    name_of: dict[str, str],
    document_of: dict[str, str],
) -> None:
    """Adds the relations whose source is an annotation read (in a document used)."""
    sql = (
        f"SELECT type, source, target, annotator FROM relations WHERE annotator IN ({_marks(ids)})"
    )
    for type_, source, target, who in db.execute(sql, ids):
        doc_id = document_of.get(source)
        if doc_id is not None:
            docs[doc_id].layers[name_of[who]].relations.append(RelationIn(type_, source, target))
