"""Undo commands: one class per kind of edit. Each redo/undo writes through the store at once.

A command's first redo is run by :meth:`Session.perform` (so a refused edit never reaches the
undo stack); later redos and undos replay it with the same ids, so relations and exports
that refer to an annotation stay valid across undo and redo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.core.model import Annotation, Relation
from annotator.gui.session import Session


class StoreCommand(QUndoCommand):
    """Base: ``apply`` and ``revert`` do the work; the first redo after perform is skipped."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.already_done = False

    @property
    def project(self):
        assert self.session.project is not None
        return self.session.project

    def redo(self) -> None:
        if self.already_done:
            self.already_done = False
            return
        self.apply()

    def undo(self) -> None:
        self.revert()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddAnnotation(StoreCommand):
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

    def create(self, doc_id: str) -> Annotation:
        """The first apply: store the new annotation (redo restores it with the same id)."""
        return self.project.add_annotation(
            doc_id, self.label, self.spans, attributes=self.attributes
        )

    def apply(self) -> None:
        assert self.session.document is not None
        if self.annotation is None:
            self.annotation = self.create(self.session.document.id)
        else:
            self.project.restore_annotation(self.annotation)
        self.session.annotation_stored(self.annotation)
        self.session.select(self.annotation.id)

    def revert(self) -> None:
        assert self.annotation is not None
        self.project.delete_annotation(self.annotation.id)
        self.session.annotation_removed(self.annotation.id)


class DeleteAnnotation(StoreCommand):
    def __init__(self, session: Session, ann_id: str) -> None:
        ann = session.annotations[ann_id]
        super().__init__(session, f"Delete {ann.label}")
        self.ann_id = ann_id
        self.removed: tuple[Annotation, list[Relation]] | None = None

    def apply(self) -> None:
        self.removed = self.project.delete_annotation(self.ann_id)
        self.session.annotation_removed(self.ann_id)

    def revert(self) -> None:
        assert self.removed is not None
        ann, relations = self.removed
        self.project.restore_annotation(ann, relations)
        self.session.annotation_stored(ann)
        self.session.relations_changed(relations, [])
        self.session.select(ann.id)


class UpdateAnnotation(StoreCommand):
    """Change fields of one annotation (fragments, attributes, entity, note)."""

    FIELDS = ("fragments", "attributes", "entity", "note")

    def __init__(self, session: Session, ann_id: str, text: str, **changes: Any) -> None:
        super().__init__(session, text)
        self.ann_id = ann_id
        self.changes = changes
        before = session.annotations[ann_id]
        self.before = {name: getattr(before, name) for name in changes}

    def _set(self, values: dict[str, Any]) -> None:
        ann = self.project.update_annotation(self.ann_id, **values)
        self.session.annotation_stored(ann)

    def apply(self) -> None:
        self._set(self.changes)

    def revert(self) -> None:
        self._set(self.before)


class ChangeLabel(StoreCommand):
    """Give an annotation another label; relations and attributes that no longer fit go."""

    def __init__(self, session: Session, ann_id: str, label: str) -> None:
        super().__init__(session, f"Make {label}")
        self.ann_id, self.label = ann_id, label
        self.before: Annotation | None = None
        self.dropped: list[Relation] = []

    def apply(self) -> None:
        project = self.project
        self.before = project.annotation(self.ann_id)
        spec = project.schema.label(self.label)
        keep = {}
        if spec is not None:
            keep = {k: v for k, v in self.before.attributes.items() if spec.attribute(k)}
        with project.transaction():
            self.dropped = []
            for rel in list(self.session.relations.values()):
                if self.ann_id not in (rel.source, rel.target):
                    continue
                rule = project.schema.relation(rel.type)
                needed = rule.source if rel.source == self.ann_id else rule.target if rule else None
                if needed != self.label:
                    project.delete_relation(rel.id)
                    self.dropped.append(rel)
            entity = self.before.entity if spec is not None and spec.entity else None
            ann = project.update_annotation(
                self.ann_id, label=self.label, attributes=keep, entity=entity
            )
        self.session.relations_changed([], [r.id for r in self.dropped])
        self.session.annotation_stored(ann)

    def revert(self) -> None:
        assert self.before is not None
        project = self.project
        with project.transaction():
            ann = project.update_annotation(
                self.ann_id,
                label=self.before.label,
                attributes=self.before.attributes,
                entity=self.before.entity,
            )
            for rel in self.dropped:
                project.add_relation(
                    rel.type,
                    rel.source,
                    rel.target,
                    annotator=rel.annotator,
                    id=rel.id,
                    created=rel.created,
                )
        self.session.annotation_stored(ann)
        self.session.relations_changed(self.dropped, [])


class SetRelation(StoreCommand):
    """Make ``target`` the ``type`` of ``source`` (e.g. the speaker of a quote); None unsets."""

    def __init__(self, session: Session, type_: str, source: str, target: str | None) -> None:
        super().__init__(session, f"Set {type_}" if target else f"Remove {type_}")
        self.type, self.source, self.target = type_, source, target
        self.added: Relation | None = None
        self.replaced: list[Relation] = []

    def apply(self) -> None:
        project = self.project
        with project.transaction():
            self.replaced = [
                r
                for r in self.session.relations.values()
                if r.source == self.source and r.type == self.type
            ]
            for old in self.replaced:
                project.delete_relation(old.id)
            if self.target is not None:
                if self.added is None:
                    self.added = project.add_relation(self.type, self.source, self.target)
                else:
                    r = self.added
                    project.add_relation(r.type, r.source, r.target, id=r.id, created=r.created)
        added = [self.added] if self.added is not None and self.target is not None else []
        self.session.relations_changed(added, [r.id for r in self.replaced])

    def revert(self) -> None:
        project = self.project
        with project.transaction():
            if self.added is not None and self.target is not None:
                project.delete_relation(self.added.id)
            for r in self.replaced:
                project.add_relation(
                    r.type, r.source, r.target, annotator=r.annotator, id=r.id, created=r.created
                )
        removed = [self.added.id] if self.added is not None and self.target is not None else []
        self.session.relations_changed(self.replaced, removed)


class SetStatus(StoreCommand):
    def __init__(self, session: Session, doc_id: str, state: str) -> None:
        super().__init__(session, f"Mark {state.replace('_', ' ')}")
        self.doc_id, self.state = doc_id, state
        self.before: str | None = None

    def apply(self) -> None:
        project = self.project
        self.before = project.status(self.doc_id).get(project.annotator.id, "new")
        project.set_status(self.doc_id, self.state)
        self.session.statusChanged.emit(self.doc_id)
        self.session.saved.emit()

    def revert(self) -> None:
        assert self.before is not None
        self.project.set_status(self.doc_id, self.before)
        self.session.statusChanged.emit(self.doc_id)
        self.session.saved.emit()
