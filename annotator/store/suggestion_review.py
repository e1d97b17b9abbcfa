"""Deciding on suggestions: accept into a person's layer, reject, and undo either.

**Accepting** a suggestion copies it into the person's layer with origin ``suggestion`` (their
own copy of the same label and fragments is reused when they have one), with every relation
the suggestion has (a quote's speaker and cue) and the suggestions those point to, which count
as accepted too. **Rejecting** removes the suggestion (its relations go with it). Both record a
verdict for the span (store/suggestions.py). Every decision returns a :class:`Decision` that
:func:`undo` and :func:`redo` replay with the same ids, so the window makes one undo step of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.changes import Changes, Written
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotation, Relation, now
from annotator.store import annotations as ann_sql
from annotator.store.annotators import SUGGESTIONS_ID
from annotator.store.carrying import carry_links

if TYPE_CHECKING:
    from annotator.store.layer import Layer
    from annotator.store.project import Project

#: One verdict row: (document, label, start, end, verdict, engine, annotator, created).
Verdict = tuple[str, str, int, int, str, str, "str | None", str]


@dataclass
class Decision:
    """What one decision wrote, to undo and redo it."""

    layer: str | None = None  # the annotator id of the person's layer written to
    added: list[Annotation] = field(default_factory=list)
    added_relations: list[Relation] = field(default_factory=list)
    removed: list[Annotation] = field(default_factory=list)  # rejected suggestions
    removed_relations: list[Relation] = field(default_factory=list)
    removed_info: list[tuple[str, str, float]] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for v in self.verdicts if v[4] == "accepted")

    @property
    def rejected(self) -> int:
        return sum(1 for v in self.verdicts if v[4] == "rejected")

    def __bool__(self) -> bool:
        return bool(self.verdicts or self.added or self.removed)


class Review:
    """Accepting and rejecting in one project (``project.suggestions`` delegates here)."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._db = project.db

    def _suggestion(self, ann_id: str) -> Annotation:
        ann = ann_sql.get_annotation(self._db, ann_id)
        if ann is None or ann.annotator != SUGGESTIONS_ID:
            raise NotFoundError(f"no suggestion with id {ann_id!r} (it may be decided already)")
        return ann

    def _verdict_of(self, ann: Annotation) -> str | None:
        row = self._db.execute(
            "SELECT verdict FROM suggestion_verdicts WHERE document = ? AND label = ? "
            'AND start = ? AND "end" = ?',
            [ann.document, ann.label, ann.start, ann.end],
        ).fetchone()
        return row[0] if row else None

    def _engine_of(self, ann_id: str) -> str:
        row = self._db.execute(
            "SELECT engine FROM suggestion_info WHERE annotation = ?", [ann_id]
        ).fetchone()
        return row[0] if row else ""

    def _record(self, ann: Annotation, verdict: str, who: str | None, decision: Decision) -> None:
        row: Verdict = (
            ann.document, ann.label, ann.start, ann.end, verdict, self._engine_of(ann.id), who,
            now(),
        )  # fmt: skip
        _insert_verdicts(self._project, [row])
        decision.verdicts.append(row)

    # -- accepting -----------------------------------------------------------------------------

    def accept(self, ann_ids: Iterable[str], person: Layer) -> Written[Decision]:
        """Accept these suggestions into ``person``'s layer (one transaction)."""
        if person.annotator_id == SUGGESTIONS_ID or person.is_gold:
            raise ValidationError("suggestions are accepted into a person's layer")
        decision = Decision()
        with self._project.transaction() as changes:
            decision.layer = person.writer_id()
            for ann_id in ann_ids:
                ann = self._suggestion(ann_id)
                if self._verdict_of(ann) is not None:
                    continue  # decided already (e.g. the speaker of a quote accepted before)
                self._carry(ann, person, decision, changes, with_links=True)
        return Written(decision, changes)

    def accept_label(self, doc_id: str, label: str, person: Layer) -> Written[Decision]:
        """Accept every open suggestion of ``label`` in the document."""
        ids = [
            s.id
            for s in self._project.suggestions.open_in(doc_id, person)
            if s.annotation.label == label
        ]
        return self.accept(ids, person)

    def _carry(
        self,
        ann: Annotation,
        person: Layer,
        decision: Decision,
        changes: Changes,
        with_links: bool,
    ) -> Annotation:
        probe = Annotation(
            "", ann.document, ann.label, ann.fragments, annotator=person.annotator_id
        )
        copy = ann_sql.same_annotation(self._db, probe)
        if copy is None:
            entity = ann.entity
            if (
                entity is not None
                and self._db.execute("SELECT 1 FROM entities WHERE id = ?", [entity]).fetchone()
                is None
            ):
                entity = None
            copy = person.add_annotation(
                ann.document,
                ann.label,
                [(f.start, f.end, f.text) for f in ann.fragments],
                entity=entity,
                origin="suggestion",
            ).value
            decision.added.append(copy)
        if self._verdict_of(ann) is None:
            self._record(ann, "accepted", decision.layer, decision)
            changes.annotation("updated", ann.id, ann.document, SUGGESTIONS_ID)
        if not with_links:
            return copy
        decision.added_relations.extend(
            carry_links(
                self._project,
                ann,
                copy,
                person,
                lambda end: self._carry(end, person, decision, changes, with_links=False),
            )
        )
        return copy

    # -- rejecting -----------------------------------------------------------------------------

    def reject(self, ann_ids: Iterable[str], person: Layer | None = None) -> Written[Decision]:
        """Remove these suggestions and remember that their spans were rejected."""
        decision = Decision()
        layer = self._project.suggestions.layer
        with self._project.transaction() as changes:
            who = person.writer_id() if person is not None else None
            decision.layer = who
            for ann_id in ann_ids:
                ann = self._suggestion(ann_id)
                if self._verdict_of(ann) is not None:
                    continue
                info = self._db.execute(
                    "SELECT annotation, engine, score FROM suggestion_info WHERE annotation = ?",
                    [ann.id],
                ).fetchone()
                self._record(ann, "rejected", who, decision)
                removed, relations = layer.delete_annotation(ann.id).value
                decision.removed.append(removed)
                decision.removed_relations.extend(
                    r for r in relations if r not in decision.removed_relations
                )
                if info is not None:
                    decision.removed_info.append(tuple(info))
        return Written(decision, changes)

    # -- undo and redo ---------------------------------------------------------------------------

    def undo(self, decision: Decision) -> Written[None]:
        with self._project.transaction() as changes:
            person = self._project.layer(decision.layer) if decision.added else None
            for rel in decision.added_relations:
                if person is not None and ann_sql.get_relation(self._db, rel.id) is not None:
                    person.delete_relation(rel.id)
            for ann in reversed(decision.added):
                if person is not None:
                    person.delete_annotation(ann.id)
            self._put_back_suggestions(decision)
            _delete_verdicts(self._project, decision.verdicts, changes)
        return Written(None, changes)

    def redo(self, decision: Decision) -> Written[None]:
        with self._project.transaction() as changes:
            layer = self._project.suggestions.layer
            for ann in decision.removed:
                if ann_sql.get_annotation(self._db, ann.id) is not None:
                    layer.delete_annotation(ann.id)
            if decision.added:
                person = self._project.layer(decision.layer)
                for ann in decision.added:
                    person.restore_annotation(ann)
                for rel in decision.added_relations:
                    person.add_relation(
                        rel.type, rel.source, rel.target, id=rel.id, created=rel.created
                    )
            _insert_verdicts(self._project, decision.verdicts)
            for row in decision.verdicts:
                note_span(self._project, row, changes)
        return Written(None, changes)

    def _put_back_suggestions(self, decision: Decision) -> None:
        layer = self._project.suggestions.layer
        for ann in decision.removed:
            layer.restore_annotation(ann)
        self._db.conn.executemany(
            "INSERT OR REPLACE INTO suggestion_info (annotation, engine, score) VALUES (?, ?, ?)",
            decision.removed_info,
        )
        for rel in decision.removed_relations:
            both = all(
                ann_sql.get_annotation(self._db, end) is not None
                for end in (rel.source, rel.target)
            )
            if both and ann_sql.get_relation(self._db, rel.id) is None:
                layer.add_relation(rel.type, rel.source, rel.target, id=rel.id, created=rel.created)


def _insert_verdicts(project: Project, rows: list[Verdict]) -> None:
    project.db.conn.executemany(
        'INSERT INTO suggestion_verdicts (document, label, start, "end", verdict, engine, '
        "annotator, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _delete_verdicts(project: Project, rows: list[Verdict], changes: Changes) -> None:
    project.db.conn.executemany(
        "DELETE FROM suggestion_verdicts "
        'WHERE document = ? AND label = ? AND start = ? AND "end" = ? AND annotator IS ?',
        [(*row[:4], row[6]) for row in rows],
    )
    for row in rows:
        note_span(project, row, changes)


def note_span(project: Project, row: Verdict, changes: Changes) -> None:
    """The suggestion of a verdict's span (if the layer holds one) changed its state."""
    for (ann_id,) in project.db.execute(
        'SELECT id FROM annotations WHERE document = ? AND start = ? AND "end" = ? '
        "AND +label = ? AND +annotator = ?",
        [row[0], row[2], row[3], row[1], SUGGESTIONS_ID],
    ):
        changes.annotation("updated", ann_id, row[0], SUGGESTIONS_ID)
