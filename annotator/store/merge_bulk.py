"""The fast path of merging native-shape documents: written in bulk.

Most documents of an import are new to the project (no document has their text) and hold
nothing unusual; the documents an annotation format brings to a project that has their texts
(a Web Annotation file, say) are the project's own, with annotations in layers those documents
have none in yet. Such a document is checked as it is read (store/merge_plan.py) and is then
written with a batch of others: new documents with one ``insert_documents`` (the full-text
index filled once per batch), annotations, relations and statuses with ``executemany``, the
change record noted as the layer would note it; a document present is reported among the
duplicates, as the careful path reports it, and only receives the annotations.

Whatever is not plain goes to the careful path (store/merge.py, one write at a time), which
gives the same result or refuses with its own message: a document whose id the project uses
for another text, a document present with annotations in a layer the file writes to (twins
are found there), a text or id used twice in the batch, an annotation or relation id used
before, an annotation twice in a layer, a relation to an annotation of another document or
layer, an actor not in the registry, an annotator not in the export's list, any value a check
refuses. Documents are written in the order they come, the buffered ones before any that takes
the careful path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.model import now
from annotator.core.reports import ImportReport
from annotator.store import documents as doc_sql
from annotator.store.merge_plan import Plan, Planner
from annotator.store.rows import INSERT_ANNOTATION
from annotator.store.suggestion_merge import INSERT_INFO, InfoRow

if TYPE_CHECKING:
    from annotator.store.project import Project

#: A batch is written when it holds this many documents, annotations or text characters.
BATCH_DOCUMENTS = 500
BATCH_ANNOTATIONS = 20_000
BATCH_CHARS = 8_000_000
#: How many ids written in bulk are kept in memory (to tell which incoming ids are taken).
MAX_WRITTEN_IDS = 2_000_000

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
        # ... and the layers each document has annotations in (ann[8] of the rows), while the
        # indexes are dropped: which layers a document present already has is read here then
        self._layers_written: dict[str, set[str | None]] = {}
        self._planner = Planner(project.schema, annotator_ids, lambda: project.layer().annotator_id)
        self._plans: list[Plan] = []
        self._annotations = 0
        self._chars = 0
        # what the buffered documents use, so that a second use goes the careful way
        self._shas: set[str] = set()
        self._doc_ids: set[str] = set()
        self._item_ids: set[str] = set()  # annotation and relation ids

    # -- reading and checking -----------------------------------------------------------------

    def take(self, where: str, doc: dict[str, Any]) -> None:
        """Merge one document: buffered when it can be written in bulk, else (after what is
        buffered is written) through the careful path."""
        try:
            plan = self._planner.plan(where, doc)
        except Exception:  # unusual, or a value a check refuses: the careful path decides
            plan = None
        if plan is None:
            self.flush()
            self._careful(where, doc)
        else:
            self.take_plan(plan)

    def take_plan(self, plan: Plan) -> None:
        """Merge one document planned already (:meth:`Planner.plan`, perhaps in another
        process): buffered, unless the documents buffered use its text or ids."""
        ids = [a[0] for a in plan.annotations] + [r[0] for r in plan.relations]
        if plan.id in self._doc_ids or plan.sha in self._shas or not self._item_ids.isdisjoint(ids):
            self.flush()  # a second use: the careful path says what it means
            self._careful(plan.where, plan.document_data())
            return
        self._plans.append(plan)
        self._shas.add(plan.sha)
        self._doc_ids.add(plan.id)
        self._item_ids.update(ids)
        self._annotations += len(plan.annotations)
        self._chars += len(plan.row[6])
        if (
            len(self._plans) >= BATCH_DOCUMENTS
            or self._annotations >= BATCH_ANNOTATIONS
            or self._chars >= BATCH_CHARS
        ):
            self.flush()

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
        self._layers_written = {}
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
        run: list[Plan] = []
        for plan in plans:
            if taken(plan):
                self._write(run)
                run = []
                self._careful(plan.where, plan.document_data())
            else:
                run.append(plan)
        self._write(run)

    def _taken(self, plans: list[Plan]) -> Callable[[Plan], bool]:
        """Whether a plan clashes with what the project holds: its ids, its actors, or for a
        text the project has, a layer that document has annotations in already. A plan for a
        text present that does not clash is attached to that document."""
        db = self._db
        present = _found(
            db, "SELECT sha256, id FROM documents WHERE sha256 IN", [p.sha for p in plans]
        )
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
        documents = {d for pairs in present.values() for d in pairs}
        layers = self._layers_in(documents)
        statuses = _found(
            db, "SELECT document, annotator FROM document_status WHERE document IN", documents
        )

        def taken(plan: Plan) -> bool:
            if (
                any(a[0] in ann_ids for a in plan.annotations)
                or any(r[0] in rel_ids for r in plan.relations)
                or any(a[7] is not None and a[7] not in entities for a in plan.annotations)
            ):
                return True
            if plan.sha not in present:
                return plan.id in doc_ids
            (document,) = present[plan.sha]  # the text is unique in a project
            if layers.get(document, set()) & plan.layers:
                return True  # twins are looked for there, one by one
            plan.attach(document, statuses.get(document, set()))
            return False

        return taken

    def _layers_in(self, documents: set[str]) -> dict[str, set[str | None]]:
        """The layers (annotator ids) each of ``documents`` has annotations in."""
        if self._dropped:  # only this merge has written annotations, all in bulk
            return {d: self._layers_written[d] for d in documents if d in self._layers_written}
        select = "SELECT DISTINCT document, annotator FROM annotations WHERE document IN"
        return _found(self._db, select, documents)

    def _write(self, plans: list[Plan]) -> None:
        if not plans:
            return
        project, db = self._project, self._db
        changes = project.recording
        new = [p for p in plans if p.present is None]
        added = doc_sql.insert_prepared(
            db, [p.row for p in new], [p.where for p in new], self._report
        )
        assert added == [p.id for p in new], "a planned document was not new after all"
        for doc_id in added:
            changes.documents.add(doc_id)
        rows: list[tuple[Any, ...]] = []
        relations: list[tuple[Any, ...]] = []
        statuses: list[tuple[str, str, str, str]] = []
        entities: list[str | None] = []
        suggestions: list[InfoRow] = []
        layer_of: dict[str, str] = {}
        noted: list[tuple[str, str, str]] = []  # (id, document, layer) of each annotation
        noted_relations: list[tuple[str, str, str]] = []
        writer: str | None = None  # the session's annotator, whose row is made when needed
        for plan in plans:
            if plan.present is not None:  # annotated, as the careful path says it
                self._report.duplicates.append(plan.where)
            document, anns = plan.document, plan.annotations
            for ann in anns:
                if ann[8] is None:
                    writer = writer or project.layer().writer_id()
                    ann[8] = writer
            rows.extend(map(tuple, anns))
            suggestions.extend(plan.suggestions)
            entities.extend([a[7] for a in anns])
            layer_of.update([(a[0], a[8]) for a in anns])
            noted.extend([(a[0], document, a[8]) for a in anns])
            # a relation is in the layer of the annotations it links
            for rel_id, kind, source, target, created in plan.relations:
                layer = layer_of[source]
                relations.append((rel_id, kind, source, target, layer, created))
                noted_relations.append((rel_id, document, layer))
            stamp = now()
            for who, state in plan.statuses.items():
                statuses.append((document, who, state, stamp))
                changes.status(document, who)
        changes.added_many("annotation", noted)
        changes.added_many("relation", noted_relations)
        changes.counts_of(entities)
        rows.sort()  # by id: the primary key's index is then written in order
        relations.sort()
        self._defer_indexes()
        db.conn.executemany(INSERT_ANNOTATION, rows)
        db.conn.executemany(INSERT_INFO, suggestions)
        db.conn.executemany(_INSERT_RELATION, relations)
        db.conn.executemany(_SET_STATUS, statuses)
        if self._dropped:
            for plan in plans:
                if plan.annotations:
                    layers = self._layers_written.setdefault(plan.document, set())
                    layers.update([a[8] for a in plan.annotations])
        if self._written is not None:
            self._written.update([row[0] for row in rows])
            self._written.update([row[0] for row in relations])
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


def _found(db: Database, select: str, values: Iterable[str]) -> dict[str, set[Any]]:
    """What the query ``select key, value … WHERE key IN (…)`` finds for each of ``values``."""
    found: dict[str, set[Any]] = {}
    for chunk in _chunks(sorted(set(values)), 500):
        marks = ",".join("?" * len(chunk))
        for key, value in db.execute(f"{select} ({marks})", chunk):
            found.setdefault(key, set()).add(value)
    return found


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


__all__ = ["BulkMerge", "CarefulMerge"]
