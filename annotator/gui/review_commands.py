"""Undo commands of the review mode: accept a version, reject a unit, apply a strategy.

Each writes through :class:`~annotator.store.gold.Adjudication` and keeps the
:class:`~annotator.store.gold.GoldEdit` it made, which undo and redo replay with the same
ids; a strategy over the whole corpus is one command, so one undo step.
"""

from __future__ import annotations

from annotator.core.units import Unit
from annotator.gui.commands import StoreCommand
from annotator.gui.session import Session
from annotator.store.gold import Adjudication, GoldEdit, GoldReport


class GoldCommand(StoreCommand):
    """Base: the first apply makes ``self.edit``; later redos and undos replay it."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(session, text)
        self.edit: GoldEdit | None = None
        self.offset: int | None = None
        self.ann_id: str | None = None

    @property
    def review(self) -> Adjudication:
        return Adjudication(self.project)

    def first(self) -> GoldEdit:
        raise NotImplementedError

    def apply(self) -> None:
        if self.edit is None:
            self.edit = self.first()
            self.ann_id = self.edit.added[0].id if self.edit.added else None
        else:
            self.review.redo(self.edit)

    def revert(self) -> None:
        assert self.edit is not None
        self.review.undo(self.edit)

    def focus(self, undone: bool) -> tuple[str | None, int | None]:
        return (None if undone else self.ann_id), self.offset


class AcceptVersion(GoldCommand):
    def __init__(self, session: Session, unit: Unit, annotator: str, name: str) -> None:
        super().__init__(session, f"Accept {name}'s {unit.label}")
        self.unit, self.annotator = unit, annotator
        self.offset = unit.start

    def first(self) -> GoldEdit:
        return self.review.accept(self.unit, self.annotator).value


class RejectUnit(GoldCommand):
    def __init__(self, session: Session, unit: Unit) -> None:
        super().__init__(session, f"Reject {unit.label}")
        self.unit = unit
        self.offset = unit.start

    def first(self) -> GoldEdit:
        return self.review.reject(self.unit).value


class ApplyStrategy(GoldCommand):
    """Carry what a strategy's preview chose into gold (see review_strategy.py)."""

    def __init__(self, session: Session, report: GoldReport, text: str) -> None:
        super().__init__(session, text)
        self.report = report
        if report.documents != {self.document_id}:
            self.document_id = None  # several documents: undo cannot open them all

    def first(self) -> GoldEdit:
        return self.review.apply_plan(self.report).value.edit

    def focus(self, undone: bool) -> tuple[str | None, int | None]:
        return None, None
