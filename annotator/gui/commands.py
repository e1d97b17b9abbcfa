"""Undo commands: one class per kind of edit. Each apply/revert writes through the store.

A command only writes; :class:`~annotator.gui.session.Session` runs it inside one
transaction, pushes it, and announces what the store's change record says (the funnel). Its
first apply is run by :meth:`Session.perform` (so a refused edit never reaches the undo
stack); later redos and undos replay it with the same ids, so relations and exports that refer
to an annotation stay valid across undo and redo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Relation
from annotator.gui.session import Session
from annotator.store.project import Layer, Project


class StoreCommand(QUndoCommand):
    """Base: ``apply`` and ``revert`` do the work.

    ``document_id`` is the document the edit changes (None for registry edits): undo and redo
    open it first. ``focus`` says what to select (and where to look) afterwards.
    """

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.document_id = session.document.id if session.document is not None else None
        self.already_done = False  # the push after perform(): its redo has nothing to do
        self.skip_next = False  # a failed replay is being put back on the stack
        self.error: AnnotatorError | None = None
        self.started: list[str] = []  # documents its first apply put in progress (see Session)
        # The layer it edits is the one edited when it was made (review mode edits gold): its
        # undo after leaving review mode still undoes it in gold.
        self._layer = session.layer

    @property
    def project(self) -> Project:
        assert self.session.project is not None
        return self.session.project

    @property
    def layer(self) -> Layer:
        assert self._layer is not None
        return self._layer

    def redo(self) -> None:
        if self.already_done or self.skip_next:
            self.already_done = self.skip_next = False
            return
        self._run(self.apply)
        self._run(lambda: self._set_started("in_progress"))

    def undo(self) -> None:
        if self.skip_next:
            self.skip_next = False
            return
        self._run(self.revert)
        self._run(lambda: self._set_started("new"))

    def _set_started(self, state: str) -> None:
        """The documents this edit put in progress (its first tag there) go back to new with
        its undo, and in progress again with its redo."""
        for doc_id in self.started:
            self.layer.set_status(doc_id, state)

    def _run(self, work: Any) -> None:
        # Called by QUndoStack from C++, where an exception would only be printed: keep it
        # for the session, which rolls the transaction back.
        try:
            work()
        except AnnotatorError as exc:
            self.error = exc

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def focus(self, undone: bool) -> tuple[str | None, int | None]:
        """(annotation to select, offset to show) after apply (``undone`` False) or revert."""
        return None, None


class AnnotationCommand(StoreCommand):
    """A command about one annotation, which it selects afterwards."""

    ann_id: str | None = None
    offset: int | None = None

    def focus(self, undone: bool) -> tuple[str | None, int | None]:
        return self.ann_id, self.offset


class AddAnnotation(AnnotationCommand):
    def __init__(
        self,
        session: Session,
        label: str,
        spans: list[tuple[int, int]],
        attributes: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(session, f"Tag {label}")
        self.label, self.spans, self.attributes = label, spans, attributes or {}
        self.annotation: Annotation | None = None
        self.offset = spans[0][0] if spans else None

    def create(self, doc_id: str) -> Annotation:
        """The first apply: store the new annotation (redo restores it with the same id)."""
        return self.layer.add_annotation(
            doc_id, self.label, self.spans, attributes=self.attributes
        ).value

    def apply(self) -> None:
        assert self.document_id is not None
        if self.annotation is None:
            self.annotation = self.create(self.document_id)
            self.ann_id = self.annotation.id
        else:
            self.layer.restore_annotation(self.annotation)

    def revert(self) -> None:
        assert self.annotation is not None
        self.annotation = self.layer.annotation(self.annotation.id)  # as it is now (linked?)
        self.layer.delete_annotation(self.annotation.id)


class DeleteAnnotation(AnnotationCommand):
    def __init__(self, session: Session, ann_id: str) -> None:
        ann = session.annotations[ann_id]
        super().__init__(session, f"Delete {ann.label}")
        self.ann_id, self.offset = ann_id, ann.start
        self.removed: tuple[Annotation, list[Relation]] | None = None

    def apply(self) -> None:
        assert self.ann_id is not None
        self.removed = self.layer.delete_annotation(self.ann_id).value

    def revert(self) -> None:
        assert self.removed is not None
        ann, relations = self.removed
        self.layer.restore_annotation(ann, relations)


class UpdateAnnotation(AnnotationCommand):
    """Change fields of one annotation (fragments, attributes, entity, note)."""

    FIELDS = ("fragments", "attributes", "entity", "note")

    def __init__(self, session: Session, ann_id: str, text: str, **changes: Any) -> None:
        super().__init__(session, text)
        self.ann_id = ann_id
        self.changes = changes
        before = session.annotations[ann_id]
        self.offset = before.start
        self.before = {name: getattr(before, name) for name in changes}

    def apply(self) -> None:
        assert self.ann_id is not None
        self.layer.update_annotation(self.ann_id, **self.changes)

    def revert(self) -> None:
        assert self.ann_id is not None
        self.layer.update_annotation(self.ann_id, **self.before)


class ChangeLabel(AnnotationCommand):
    """Give an annotation another label; relations and attributes that no longer fit go."""

    def __init__(self, session: Session, ann_id: str, label: str) -> None:
        super().__init__(session, f"Make {label}")
        self.ann_id, self.label = ann_id, label
        self.before: Annotation | None = None
        self.dropped: list[Relation] = []

    def _fits(self, rel: Relation) -> bool:
        """Whether ``rel`` still fits once the annotation has the new label."""
        rule = self.project.schema.relation(rel.type)
        if rule is None:
            return False
        needed = rule.source if rel.source == self.ann_id else rule.target
        return needed == self.label

    def apply(self) -> None:
        assert self.ann_id is not None
        layer = self.layer
        self.before = layer.annotation(self.ann_id)
        self.offset = self.before.start
        spec = self.project.schema.label(self.label)
        keep = {}
        if spec is not None:
            keep = {k: v for k, v in self.before.attributes.items() if spec.attribute(k)}
        touching = [
            rel
            for rel in layer.relations(self.before.document)
            if self.ann_id in (rel.source, rel.target)
        ]
        self.dropped = [rel for rel in touching if not self._fits(rel)]
        for rel in self.dropped:
            layer.delete_relation(rel.id)
        entity = self.before.entity if spec is not None and spec.entity else None
        layer.update_annotation(self.ann_id, label=self.label, attributes=keep, entity=entity)

    def revert(self) -> None:
        assert self.before is not None and self.ann_id is not None
        layer = self.layer
        layer.update_annotation(
            self.ann_id,
            label=self.before.label,
            attributes=self.before.attributes,
            entity=self.before.entity,
        )
        for rel in self.dropped:
            layer.add_relation(rel.type, rel.source, rel.target, id=rel.id, created=rel.created)


class SetRelation(AnnotationCommand):
    """Make ``target`` the ``type`` of ``source`` (e.g. the speaker of a quote); None unsets."""

    def __init__(self, session: Session, type_: str, source: str, target: str | None) -> None:
        super().__init__(session, f"Set {type_}" if target else f"Remove {type_}")
        self.type, self.source, self.target = type_, source, target
        self.ann_id = source
        ann = session.annotations.get(source)
        self.offset = ann.start if ann is not None else None
        self.added: Relation | None = None
        self.replaced: list[Relation] = []

    def apply(self) -> None:
        layer = self.layer
        self.replaced = [
            r
            for r in self.session.relations.values()
            if r.source == self.source and r.type == self.type
        ]
        for old in self.replaced:
            layer.delete_relation(old.id)
        if self.target is not None:
            if self.added is None:
                self.added = layer.add_relation(self.type, self.source, self.target).value
            else:
                r = self.added
                layer.add_relation(r.type, r.source, r.target, id=r.id, created=r.created)

    def revert(self) -> None:
        layer = self.layer
        if self.added is not None and self.target is not None:
            layer.delete_relation(self.added.id)
        for r in self.replaced:
            layer.add_relation(r.type, r.source, r.target, id=r.id, created=r.created)


class SetStatus(StoreCommand):
    def __init__(self, session: Session, doc_id: str, state: str) -> None:
        super().__init__(session, f"Mark {state.replace('_', ' ')}")
        self.document_id = doc_id
        self.state = state
        self.before: str | None = None

    def apply(self) -> None:
        assert self.document_id is not None
        self.before = self.layer.set_status(self.document_id, self.state).value

    def revert(self) -> None:
        assert self.before is not None and self.document_id is not None
        self.layer.set_status(self.document_id, self.before)
