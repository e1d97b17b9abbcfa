"""Adjudication: reading a document's units, and writing the reviewer's decisions into gold.

``Adjudication(project)`` reads the units of a document (core/units.py decides what a unit
and its state are) and writes: accepting an annotator's version of a unit, rejecting a unit,
and the merge strategies (accept what everyone agrees on; accept by majority) over a
document, a selection of documents or the corpus, each in one transaction. Every write
returns a :class:`GoldEdit` (what it added and removed) that :meth:`Adjudication.undo` and
:meth:`Adjudication.redo` replay, so the window makes one undo step of it.

**What accepting carries along.** A copy in gold has origin ``adjudication`` and keeps the
version's fragments, attributes, entity link and note. Every relation from the accepted
annotation comes too (a quote's speaker, a demand's claimant and addressee), with the
annotation it points to: gold's own copy of it when gold holds one (same label, same
fragments), else a copy made now. Gold never gets the same annotation twice (its layer
refuses duplicates; here a twin is reused instead).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.changes import Changes, Written
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotation, Relation, now
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.units import (
    LayerContent,
    Unit,
    agreed_version,
    build_units,
    majority_version,
)
from annotator.store import annotations as ann_sql
from annotator.store.annotators import GOLD_ID
from annotator.store.carrying import carry_links

if TYPE_CHECKING:
    from annotator.store.project import Project

STRATEGIES = ("agreed", "majority")


@dataclass
class GoldEdit:
    """What one adjudication wrote, to undo and redo it with the same ids."""

    added: list[Annotation] = field(default_factory=list)
    added_relations: list[Relation] = field(default_factory=list)
    removed: list[Annotation] = field(default_factory=list)
    removed_relations: list[Relation] = field(default_factory=list)
    rejected: list[tuple[str, str, str]] = field(default_factory=list)  # (ann, doc, created)
    unrejected: list[tuple[str, str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.added or self.added_relations or self.removed or self.rejected or self.unrejected
        )


@dataclass
class Strategy:
    """A merge strategy: ``agreed`` (every compared annotator has the same version) or
    ``majority`` (at least ``at_least`` of them, more than share any other version; or a
    ``share`` of the compared annotators, rounded up)."""

    name: str
    at_least: int | None = None
    share: float | None = None

    def __post_init__(self) -> None:
        if self.name not in STRATEGIES:
            raise ValidationError(f"no strategy {self.name!r}; choose one of {STRATEGIES}")
        if self.share is not None and not 0 < self.share <= 1:
            raise ValidationError(f"a share is above 0 and at most 1, not {self.share}")
        if self.at_least is not None and self.at_least < 1:
            raise ValidationError(f"--min is at least 1, not {self.at_least}")

    def needed(self, compared: int) -> int:
        """How many annotators must share a version (majority)."""
        if self.at_least is not None:
            return self.at_least
        if self.share is not None:  # 2/3 of 3 is 2, not 3 (the float is 2.0000000000000004)
            return max(1, math.ceil(self.share * compared - 1e-9))
        return compared // 2 + 1  # a strict majority

    def chooses(self, unit: Unit, compared: int) -> str | None:
        """Whose version this strategy accepts in a unit not reviewed yet (None: none)."""
        if unit.outcome is not None:
            return None
        if self.name == "agreed":
            return agreed_version(unit)
        return majority_version(unit, self.needed(compared))


@dataclass
class GoldReport:
    """What a strategy accepts (a preview) or accepted: units per label, and documents."""

    units: Counter[str] = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)
    plan: list[str] = field(default_factory=list)  # annotations to carry, unit by unit
    annotations_added: int = 0
    edit: GoldEdit = field(default_factory=GoldEdit)

    @property
    def total(self) -> int:
        return sum(self.units.values())


class Adjudication:
    """The review of a project: units, and decisions written into the gold layer."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._db = project.db

    # -- reading -----------------------------------------------------------------------------

    def compared_default(self) -> list[str]:
        """Every annotator but gold, by name: whom a review compares unless told otherwise."""
        return [a.id for a in self._project.annotators.all() if a.id != GOLD_ID]

    def _content(self, doc_id: str, annotator: str) -> LayerContent:
        layer = self._project.layer(annotator)
        return LayerContent(annotator, layer.annotations(doc_id), layer.relations(doc_id))

    def rejected_in(self, doc_id: str) -> set[str]:
        rows = self._db.execute("SELECT annotation FROM rejections WHERE document = ?", [doc_id])
        return {r[0] for r in rows}

    def units(self, doc_id: str, annotators: Sequence[str] | None = None) -> list[Unit]:
        """The units of a document between ``annotators`` (default: everyone but gold)."""
        who = list(annotators) if annotators is not None else self.compared_default()
        for annotator in who:
            if annotator == GOLD_ID:
                raise ValidationError("gold is what a review adjudicates into, not compared")
            self._project.annotators.get(annotator)  # an unknown id is an error
        compared = [self._content(doc_id, a) for a in who]
        gold = self._content(doc_id, GOLD_ID)
        return build_units(compared, gold, self.rejected_in(doc_id))

    # -- decisions -------------------------------------------------------------------------------

    def accept(self, unit: Unit, annotator: str) -> Written[GoldEdit]:
        """Make ``annotator``'s version of ``unit`` gold's: gold's annotations in the unit go,
        copies of theirs come (with what they link to), rejections of the unit are lifted."""
        version = unit.versions.get(annotator)
        if not version:
            raise ValidationError("this annotator has no version of this unit to accept")
        edit = GoldEdit()
        with self._project.transaction() as changes:
            self._clear(unit, edit, changes)
            for ann in version:
                self._carry(ann, edit, with_links=True)
        return Written(edit, changes)

    def reject(self, unit: Unit) -> Written[GoldEdit]:
        """Gold takes nothing of ``unit``: its gold annotations go, and every annotation of
        the unit is recorded as rejected (the unit then reads as rejected)."""
        edit = GoldEdit()
        with self._project.transaction() as changes:
            self._clear(unit, edit, changes)
            stamp = now()
            for ann in unit.annotations:
                found = self._db.execute(
                    "SELECT 1 FROM rejections WHERE annotation = ?", [ann.id]
                ).fetchone()
                if found is None:
                    self._reject_row(ann.id, ann.document, stamp, changes, ann.annotator)
                    edit.rejected.append((ann.id, ann.document, stamp))
        return Written(edit, changes)

    def _reject_row(
        self, ann_id: str, doc_id: str, stamp: str, changes: Changes, who: str | None
    ) -> None:
        self._db.execute(
            "INSERT INTO rejections (annotation, document, created) VALUES (?, ?, ?)",
            [ann_id, doc_id, stamp],
        )
        changes.annotation("updated", ann_id, doc_id, who)  # its review state changed

    def _unreject_row(self, ann_id: str, doc_id: str, changes: Changes) -> None:
        self._db.execute("DELETE FROM rejections WHERE annotation = ?", [ann_id])
        owner = self._db.execute("SELECT annotator FROM annotations WHERE id = ?", [ann_id])
        row = owner.fetchone()
        changes.annotation("updated", ann_id, doc_id, row[0] if row else None)

    def _clear(self, unit: Unit, edit: GoldEdit, changes: Changes) -> None:
        """Remove gold's annotations of ``unit`` and lift its rejections."""
        gold = self._project.gold
        for ann in unit.gold:
            removed, relations = gold.delete_annotation(ann.id).value
            edit.removed.append(removed)
            edit.removed_relations.extend(r for r in relations if r not in edit.removed_relations)
        for ann in unit.annotations:
            row = self._db.execute(
                "SELECT document, created FROM rejections WHERE annotation = ?", [ann.id]
            ).fetchone()
            if row is not None:
                self._unreject_row(ann.id, row[0], changes)
                edit.unrejected.append((ann.id, row[0], row[1]))

    def _twin(self, ann: Annotation) -> Annotation | None:
        probe = Annotation("", ann.document, ann.label, ann.fragments, annotator=GOLD_ID)
        return ann_sql.same_annotation(self._db, probe)

    def _carry(self, ann: Annotation, edit: GoldEdit, with_links: bool) -> Annotation:
        """Gold's copy of ``ann``: its twin in gold, or a new copy; with ``with_links``, the
        relations from ``ann`` come along with the annotations they point to."""
        copy = self._twin(ann)
        gold = self._project.gold
        if copy is None:
            copy = gold.add_annotation(
                ann.document,
                ann.label,
                [(f.start, f.end, f.text) for f in ann.fragments],
                attributes=ann.attributes,
                entity=ann.entity,
                note=ann.note,
                origin="adjudication",
            ).value
            edit.added.append(copy)
        if not with_links:
            return copy
        edit.added_relations.extend(
            carry_links(
                self._project, ann, copy, gold, lambda end: self._carry(end, edit, with_links=False)
            )
        )
        return copy

    # -- strategies ------------------------------------------------------------------------------

    def _documents(self, documents: Iterable[str] | None) -> list[str]:
        if documents is None:
            return [d.id for d in self._project.documents.all()]
        ids = list(dict.fromkeys(documents))
        for doc_id in ids:
            self._project.documents.get(doc_id)  # unknown: NotFoundError naming it
        return ids

    def preview(
        self,
        strategy: Strategy,
        documents: Iterable[str] | None = None,
        annotators: Sequence[str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> GoldReport:
        """What ``strategy`` accepts, without writing: units per label, documents, and the
        plan (the annotations to carry into gold) that :meth:`apply_plan` writes."""
        who = list(annotators) if annotators is not None else self.compared_default()
        if len(who) < 2:
            raise ValidationError("a review compares at least two annotators")
        ids = self._documents(documents)
        report = GoldReport()
        for done, doc_id in enumerate(ids):
            if progress is not None and progress(done, len(ids)):  # True: cancel
                raise Cancelled()
            for unit in self.units(doc_id, who):
                chosen = strategy.chooses(unit, len(who))
                if chosen is None:
                    continue
                report.units[unit.label] += 1
                report.documents.add(doc_id)
                report.plan.extend(a.id for a in unit.versions[chosen])
        if progress is not None:
            progress(len(ids), len(ids))
        return report

    def apply_plan(self, report: GoldReport) -> Written[GoldReport]:
        """Carry the annotations a preview chose into gold, in one transaction."""
        with self._project.transaction() as changes:
            for ann_id in report.plan:
                ann = ann_sql.get_annotation(self._db, ann_id)
                if ann is None:
                    raise NotFoundError("an annotation of the preview is gone; preview again")
                self._carry(ann, report.edit, with_links=True)
            report.annotations_added = len(report.edit.added)
        return Written(report, changes)

    def apply(
        self,
        strategy: Strategy,
        documents: Iterable[str] | None = None,
        annotators: Sequence[str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> Written[GoldReport]:
        """Accept what ``strategy`` chooses in every unit not reviewed yet, in one
        transaction (all or nothing; a cancelled progress leaves gold as it was)."""
        with self._project.transaction() as changes:
            report = self.preview(strategy, documents, annotators, progress)
            self.apply_plan(report)
        return Written(report, changes)

    # -- undo and redo -------------------------------------------------------------------------

    def undo(self, edit: GoldEdit) -> Written[None]:
        gold = self._project.gold
        with self._project.transaction() as changes:
            for rel in edit.added_relations:
                if ann_sql.get_relation(self._db, rel.id) is not None:
                    gold.delete_relation(rel.id)
            for ann in reversed(edit.added):
                gold.delete_annotation(ann.id)
            self._put_back(edit.removed, edit.removed_relations)
            for ann_id, doc_id, _created in edit.rejected:
                self._unreject_row(ann_id, doc_id, changes)
            for ann_id, doc_id, created in edit.unrejected:
                self._reject_row(ann_id, doc_id, created, changes, self._owner(ann_id))
        return Written(None, changes)

    def redo(self, edit: GoldEdit) -> Written[None]:
        gold = self._project.gold
        with self._project.transaction() as changes:
            for rel in edit.removed_relations:
                if ann_sql.get_relation(self._db, rel.id) is not None:
                    gold.delete_relation(rel.id)
            for ann in edit.removed:
                gold.delete_annotation(ann.id)
            self._put_back(edit.added, edit.added_relations)
            for ann_id, doc_id, _created in edit.unrejected:
                self._unreject_row(ann_id, doc_id, changes)
            for ann_id, doc_id, created in edit.rejected:
                self._reject_row(ann_id, doc_id, created, changes, self._owner(ann_id))
        return Written(None, changes)

    def _owner(self, ann_id: str) -> str | None:
        row = self._db.execute("SELECT annotator FROM annotations WHERE id = ?", [ann_id])
        found = row.fetchone()
        if found is None:
            raise NotFoundError(f"no annotation with id {ann_id!r} (it was deleted since)")
        return found[0]

    def _put_back(self, annotations: list[Annotation], relations: list[Relation]) -> None:
        gold = self._project.gold
        for ann in annotations:
            gold.restore_annotation(ann)
        for rel in relations:
            if ann_sql.get_relation(self._db, rel.id) is None:
                gold.add_relation(rel.type, rel.source, rel.target, id=rel.id, created=rel.created)


__all__ = ["STRATEGIES", "Adjudication", "GoldEdit", "GoldReport", "Strategy"]
