"""The fast path of merging native-shape documents: new documents written in bulk.

Most documents of an import are new to the project (no document has their text) and hold
nothing unusual. Such a document is checked as it is read, with the same pure checks the
layer runs before each write (``core/validation.py``: the label, fragments against the text,
attributes, the entity's label, the origin, each relation against the schema), and is then
written with a batch of others: documents with one ``insert_documents`` (the full-text index
filled once per batch), annotations, relations and statuses with ``executemany``, the change
record noted as the layer would note it.

Whatever is not plain goes to the careful path (store/merge.py, one write at a time), which
gives the same result or refuses with its own message: a document whose text or id the
project (or the batch) has already, an annotation or relation id used before, an annotation
twice in a layer, a relation to an annotation of another document or layer, an actor not in
the registry, an annotator not in the export's list, any value a check refuses. Documents are
written in the order they come, the buffered ones before any that takes the careful path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.model import ORIGINS, DocumentInput, now
from annotator.core.reports import ImportReport
from annotator.core.schema import LabelSpec
from annotator.core.text import normalise_text
from annotator.core.validation import (
    build_fragments,
    check_attributes,
    check_entity_allowed,
    check_fragment_list,
    check_origin,
    check_relation,
    check_state,
    require_label,
)
from annotator.store import documents as doc_sql
from annotator.store.rows import INSERT_ANNOTATION, dumps, fragments_json, one_fragment_json

if TYPE_CHECKING:
    from annotator.store.project import Project

#: A batch is written when it holds this many documents, annotations or text characters.
BATCH_DOCUMENTS = 500
BATCH_ANNOTATIONS = 20_000
BATCH_CHARS = 8_000_000
#: How many ids written in bulk are kept in memory (to tell which incoming ids are taken).
MAX_WRITTEN_IDS = 2_000_000
#: The layer key of annotations without an annotator while the session's annotator has no
#: row yet (then no incoming annotator can be them).
_MINE = "\0mine"

_ORIGINS = frozenset(ORIGINS)

_INSERT_RELATION = (
    "INSERT INTO relations (id, type, source, target, annotator, created) VALUES (?,?,?,?,?,?)"
)
_SET_STATUS = (
    "INSERT INTO document_status (document, annotator, state, updated) VALUES (?,?,?,?) "
    "ON CONFLICT (document, annotator) DO UPDATE SET state = excluded.state, "
    "updated = excluded.updated"
)

#: The careful path for one document: (where, document) merged one write at a time.
CarefulMerge = Callable[[str, dict[str, Any]], None]


class _Unusual(Exception):
    """This document needs the careful path (which says what, if anything, is wrong)."""


@dataclass
class _Plan:
    """A new document checked and made ready to write; ``None`` annotators are the session's."""

    where: str
    doc: dict[str, Any]
    row: tuple[Any, ...]  # the documents row (store/documents.py, prepare)
    sha: str
    annotations: list[list[Any]] = field(default_factory=list)  # rows (store/rows.py)
    relations: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # id, type,
    # source, target, created
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        doc_id: str = self.row[0]
        return doc_id


def _text_id(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _Unusual()
    return value


def _optional_text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise _Unusual()
    return value


class BulkMerge:
    """Documents planned one by one (:meth:`take`) and written a batch at a time."""

    def __init__(
        self,
        project: Project,
        annotator_ids: dict[str, str],
        report: ImportReport,
        careful: CarefulMerge,
    ) -> None:
        self._project = project
        self._db: Database = project.db
        self._ids = annotator_ids
        self._report = report
        self._careful_merge = careful
        # the indexes dropped while an empty project is filled (made again by finish())
        self._dropped: list[str] = []
        self._may_defer = True
        # While the project holds only what this merge wrote in bulk (it had no annotations
        # or relations, and nothing went the careful way), their ids are these: no need to
        # look for them in the file. None: look.
        self._written: set[str] | None = None
        self._schema = project.schema
        self._plans: list[_Plan] = []
        self._annotations = 0
        self._chars = 0
        # what the buffered documents use, so that a second use goes the careful way
        self._shas: set[str] = set()
        self._doc_ids: set[str] = set()
        self._item_ids: set[str] = set()  # annotation and relation ids
        # what the checks found for the labels, attribute sets and relations seen so far
        self._labels: dict[str, LabelSpec] = {}
        self._attribute_json: dict[tuple[Any, ...], str] = {}
        self._relation_fits: set[tuple[str, str, str, int]] = set()

    # -- reading and checking -----------------------------------------------------------------

    def take(self, where: str, doc: dict[str, Any]) -> None:
        """Merge one document: buffered when it can be written in bulk, else (after what is
        buffered is written) through the careful path."""
        try:
            plan = self._plan(where, doc)
        except Exception:  # unusual, or a value a check refuses: the careful path decides
            plan = None
        if plan is None:
            self.flush()
            self._careful(where, doc)
            return
        self._plans.append(plan)
        self._shas.add(plan.sha)
        self._doc_ids.add(plan.id)
        self._item_ids.update(a[0] for a in plan.annotations)
        self._item_ids.update(r[0] for r in plan.relations)
        self._annotations += len(plan.annotations)
        self._chars += len(plan.row[6])
        if (
            len(self._plans) >= BATCH_DOCUMENTS
            or self._annotations >= BATCH_ANNOTATIONS
            or self._chars >= BATCH_CHARS
        ):
            self.flush()

    def _who(self, person: Any, mine: str) -> str:
        if person is None:
            return mine
        if not isinstance(person, str) or person not in self._ids:
            raise _Unusual()  # the careful path names the annotator
        return self._ids[person]

    def _plan(self, where: str, doc: dict[str, Any]) -> _Plan | None:
        text = normalise_text(doc["text"])
        doc_id = _text_id(doc["id"])
        if doc_id in self._doc_ids:
            return None
        item = DocumentInput(
            text=text,
            title=doc.get("title") or "",
            source=doc.get("source"),
            url=doc.get("url"),
            published=doc.get("published"),
            metadata=doc.get("metadata") or {},
            origin=where,
            id=doc_id,
        )
        scratch = ImportReport()
        row = doc_sql.prepare(item, scratch)  # what writing it would refuse, refused now
        sha = row[7]
        if scratch.warnings or row[0] != doc_id or row[6] != text or sha in self._shas:
            return None  # e.g. markup removed from the title: said by the careful path
        if doc.get("sha256") and doc["sha256"] != sha:
            return None
        plan = _Plan(where, doc, row, sha)
        mine = self._project.layer().annotator_id or _MINE
        stamp = now()
        shapes: set[tuple[Any, ...]] = set()
        by_id: dict[str, list[Any]] = {}
        taken = self._item_ids
        for a in doc["annotations"]:
            ann, spans = self._annotation(a, text, doc_id, mine, stamp)
            if ann[0] in by_id or ann[0] in taken:
                return None
            shape = (ann[8], ann[2], spans)
            if shape in shapes:
                return None  # a twin: one is kept, and its relations follow (careful path)
            shapes.add(shape)
            by_id[ann[0]] = ann
            plan.annotations.append(ann)
        self._relations(doc["relations"], by_id, plan)
        for person, state in doc.get("status", {}).items():
            if person is None:
                continue
            check_state(state)
            plan.statuses[self._who(person, mine)] = state
        for ann in plan.annotations:
            if ann[8] == _MINE:
                ann[8] = None  # the session's annotator, who has no row yet
        return plan

    def _label(self, label: Any) -> LabelSpec:
        spec = self._labels.get(label) if isinstance(label, str) else None
        if spec is None:
            spec = self._labels[label] = require_label(self._schema, label)
        return spec

    def _attributes(self, spec: LabelSpec, attributes: dict[str, Any]) -> str:
        """The attributes as stored (checked, JSON), worked out once for each distinct set."""
        key = (spec.name, tuple(attributes.items()))
        try:
            stored = self._attribute_json.get(key)
        except TypeError:  # an unhashable value: checked (and refused) without the memo
            return dumps(check_attributes(spec, attributes))
        if stored is None:
            stored = self._attribute_json[key] = dumps(check_attributes(spec, attributes))
        return stored

    def _annotation(
        self, a: dict[str, Any], text: str, doc_id: str, mine: str, stamp: str
    ) -> tuple[list[Any], tuple[tuple[int, int], ...]]:
        """One annotation's row (its annotator the layer's key) and its spans, checked as
        ``Layer.add_annotation`` checks it."""
        fragments = a["fragments"]
        check_fragment_list(fragments)
        attributes = a["attributes"]
        if attributes is not None and not isinstance(attributes, dict):
            raise _Unusual()
        spec = self._label(a["label"])
        entity = _optional_text(a["entity"])
        check_entity_allowed(spec, entity)
        origin = a["origin"]
        if origin not in _ORIGINS:
            check_origin(origin)
        stored = one_fragment_json(text, fragments[0]) if len(fragments) == 1 else None
        if stored is not None:  # the usual case, made without fragment objects
            spans: tuple[tuple[int, int], ...] = ((fragments[0]["start"], fragments[0]["end"]),)
        else:
            built = build_fragments(text, fragments)
            stored = fragments_json(built)
            spans = tuple((f.start, f.end) for f in built)
        created = a["created"] or stamp
        row = [
            _text_id(a["id"]),
            doc_id,
            a["label"],
            spans[0][0],
            spans[-1][1],
            stored,
            self._attributes(spec, attributes or {}),
            entity,
            self._who(a["annotator"], mine),
            origin,
            _optional_text(a["note"]),
            _optional_text(created) or stamp,
            _optional_text(a["modified"] or created) or stamp,
        ]
        return row, spans

    def _relations(
        self, relations: Iterable[dict[str, Any]], by_id: dict[str, list[Any]], plan: _Plan
    ) -> None:
        """The relations, checked as ``Layer.add_relation`` checks them; both ends must be
        annotations of this document in one layer."""
        seen: set[str] = set()
        links: set[tuple[str, str, str]] = set()
        of_type: dict[tuple[str, str], int] = {}
        for r in relations:
            rel_id, kind = _text_id(r["id"]), _text_id(r["type"])
            source, target = by_id.get(r["source"]), by_id.get(r["target"])
            if source is None or target is None or source is target:
                raise _Unusual()
            if source[8] != target[8] or rel_id in seen or rel_id in self._item_ids:
                raise _Unusual()
            existing = of_type.get((source[0], kind), 0)
            fits = (kind, source[2], target[2], existing)
            if fits not in self._relation_fits:
                check_relation(self._schema, kind, source[2], target[2], True, existing)
                self._relation_fits.add(fits)
            if (source[0], target[0], kind) in links:
                raise _Unusual()  # "this relation already exists"
            seen.add(rel_id)
            links.add((source[0], target[0], kind))
            of_type[(source[0], kind)] = existing + 1
            created = _optional_text(r["created"]) or now()
            plan.relations.append((rel_id, kind, source[0], target[0], created))

    # -- writing ------------------------------------------------------------------------------

    def finish(self) -> None:
        """Write what is buffered and make the indexes dropped meanwhile again."""
        self.flush()
        self._restore_indexes()

    def _careful(self, where: str, doc: dict[str, Any]) -> None:
        self._restore_indexes()  # the careful path reads annotations by document
        self._written = None  # it writes ids of its own
        self._careful_merge(where, doc)

    def _defer_indexes(self) -> None:
        """Into a project without annotations or relations, the rows are written before the
        secondary indexes of their tables: building an index once from all rows is about
        twice as fast as keeping it up to date row by row (ADR 19). The drop is part of the
        import's transaction, undone with it when it fails. Decided at the first write."""
        if not self._may_defer:
            return
        self._may_defer = False
        db = self._db
        if db.execute(
            "SELECT EXISTS (SELECT 1 FROM annotations) OR EXISTS (SELECT 1 FROM relations)"
        ).fetchone()[0]:
            return
        self._written = set()
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('annotations', 'relations') ORDER BY name"
        ).fetchall()
        for name, sql in indexes:
            quoted = name.replace('"', '""')
            db.execute(f'DROP INDEX "{quoted}"')
            self._dropped.append(sql)

    def _restore_indexes(self) -> None:
        self._may_defer = False
        dropped, self._dropped = self._dropped, []
        for sql in dropped:
            self._db.execute(sql)

    def flush(self) -> None:
        """Write what is buffered, in order: in bulk what the project does not have yet, the
        rest through the careful path."""
        plans, self._plans = self._plans, []
        self._shas, self._doc_ids, self._item_ids = set(), set(), set()
        self._annotations = self._chars = 0
        if not plans:
            return
        taken = self._taken(plans)
        run: list[_Plan] = []
        for plan in plans:
            if taken(plan):
                self._write(run)
                run = []
                self._careful(plan.where, plan.doc)
            else:
                run.append(plan)
        self._write(run)

    def _taken(self, plans: list[_Plan]) -> Callable[[_Plan], bool]:
        """Whether a plan's text, ids or actors clash with what the project holds."""
        db = self._db
        shas = _present(db, "SELECT sha256 FROM documents WHERE sha256 IN", [p.sha for p in plans])
        doc_ids = _present(db, "SELECT id FROM documents WHERE id IN", [p.id for p in plans])
        annotations = [a[0] for p in plans for a in p.annotations]
        relations = [r[0] for p in plans for r in p.relations]
        if self._written is not None:
            ann_ids = self._written.intersection(annotations)
            rel_ids = self._written.intersection(relations)
        else:
            ann_ids = _present(db, "SELECT id FROM annotations WHERE id IN", annotations)
            rel_ids = _present(db, "SELECT id FROM relations WHERE id IN", relations)
        wanted = {a[7] for p in plans for a in p.annotations if a[7] is not None}
        entities = _present(db, "SELECT id FROM entities WHERE id IN", wanted)

        def taken(plan: _Plan) -> bool:
            return (
                plan.sha in shas
                or plan.id in doc_ids
                or any(a[0] in ann_ids for a in plan.annotations)
                or any(r[0] in rel_ids for r in plan.relations)
                or any(a[7] is not None and a[7] not in entities for a in plan.annotations)
            )

        return taken

    def _write(self, plans: list[_Plan]) -> None:
        if not plans:
            return
        project, db = self._project, self._db
        changes = project.recording
        added = doc_sql.insert_prepared(
            db, [p.row for p in plans], [p.where for p in plans], self._report
        )
        assert added == [p.id for p in plans], "a planned document was not new after all"
        for doc_id in added:
            changes.documents.add(doc_id)
        rows: list[tuple[Any, ...]] = []
        relations: list[tuple[Any, ...]] = []
        statuses: list[tuple[str, str, str, str]] = []
        entity_of: dict[str, str | None] = {}
        layer_of: dict[str, str] = {}
        noted: list[tuple[str, str, str]] = []  # (id, document, layer) of each annotation
        noted_relations: list[tuple[str, str, str]] = []
        for plan in plans:
            for ann in plan.annotations:
                if ann[8] is None:  # the session's annotator: their row is made now
                    ann[8] = project.layer().writer_id()
                rows.append(tuple(ann))
                entity_of[ann[0]] = ann[7]
                layer_of[ann[0]] = ann[8]
                noted.append((ann[0], plan.id, ann[8]))
            # a relation is in the layer of the annotations it links
            for rel_id, kind, source, target, created in plan.relations:
                layer = layer_of[source]
                relations.append((rel_id, kind, source, target, layer, created))
                noted_relations.append((rel_id, plan.id, layer))
            stamp = now()
            for who, state in plan.statuses.items():
                statuses.append((plan.id, who, state, stamp))
                changes.status(plan.id, who)
        changes.added_many("annotation", noted)
        changes.added_many("relation", noted_relations)
        changes.counts_of(entity_of.values())
        rows.sort()  # by id: the primary key's index is then written in order
        relations.sort()
        self._defer_indexes()
        db.conn.executemany(INSERT_ANNOTATION, rows)
        db.conn.executemany(_INSERT_RELATION, relations)
        db.conn.executemany(_SET_STATUS, statuses)
        if self._written is not None:
            self._written.update(row[0] for row in rows)
            self._written.update(row[0] for row in relations)
            if len(self._written) > MAX_WRITTEN_IDS:  # memory: look them up instead
                self._written = None
        self._report.annotations += len(rows)
        self._report.relations += len(relations)


def _present(db: Database, select: str, values: Iterable[str]) -> set[str]:
    """Which of ``values`` the query ``select … IN (…)`` finds (in chunks of 500)."""
    wanted = sorted(set(values))
    found: set[str] = set()
    for chunk in _chunks(wanted, 500):
        marks = ",".join("?" * len(chunk))
        found.update(row[0] for row in db.execute(f"{select} ({marks})", chunk))
    return found


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


__all__ = ["BulkMerge", "CarefulMerge"]
