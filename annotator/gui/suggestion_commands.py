"""Undo commands for deciding on suggestions (the store's work: store/suggestion_review.py)."""

from __future__ import annotations

from annotator.gui.commands import StoreCommand
from annotator.gui.session import Session
from annotator.store.suggestion_review import Decision


class DecideSuggestions(StoreCommand):
    """Accept (into this annotator's layer) or reject suggestions; one undo step."""

    def __init__(
        self, session: Session, ids: list[str], accept: bool, text: str, label: str | None = None
    ) -> None:
        super().__init__(session, text)
        self.ids, self.accepting, self.label = ids, accept, label
        self.decision: Decision | None = None
        self.first_offset: int | None = None

    def apply(self) -> None:
        store = self.project.suggestions
        if self.decision is not None:
            store.redo(self.decision)
            return
        if self.accepting and self.label is not None and self.document_id is not None:
            self.decision = store.accept_label(self.document_id, self.label, self.layer).value
        elif self.accepting:
            self.decision = store.accept(self.ids, self.layer).value
        else:
            self.decision = store.reject(self.ids, self.layer).value
        if self.decision.added:
            self.first_offset = self.decision.added[0].start
        elif self.decision.removed:
            self.first_offset = self.decision.removed[0].start

    def revert(self) -> None:
        assert self.decision is not None
        self.project.suggestions.undo(self.decision)

    def focus(self, undone: bool) -> tuple[str | None, int | None]:
        """Nothing is selected (the next suggestion becomes the current one); an undo or
        redo shows where the decision was."""
        return None, self.first_offset
