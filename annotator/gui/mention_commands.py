"""Undo commands for mentions and the actor registry: tag a mention (linked automatically when
its text names exactly one actor), link or unlink it, make a new actor from it, and tag every
occurrence of a name at once ("propagation").

Like the commands of gui/commands.py, each one writes through the store the moment it runs and
replays with the same ids on redo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from annotator.core.model import Annotation, Entity
from annotator.core.schema import ACTOR, Schema
from annotator.gui.commands import AddAnnotation, StoreCommand
from annotator.gui.session import Session
from annotator.store.actors import Occurrence


def mention_label(schema: Schema) -> str | None:
    """The label new mentions get: the schema's actor label (role "actor"), else its first
    label linked to the registry; None if it has none."""
    spec = schema.label_for_role(ACTOR) or next((x for x in schema.labels if x.entity), None)
    return spec.name if spec is not None else None


def registry_changed(session: Session) -> None:
    """Tell the registry's observers (the Actors dock) that entities changed, if any listen."""
    signal = getattr(session, "registryChanged", None)
    if signal is not None:
        signal.emit()


def store_many(session: Session, anns: list[Annotation]) -> None:
    """Put annotations of the open document into the session, with one change notification."""
    doc = session.document
    here = [a for a in anns if doc is not None and a.document == doc.id]
    for ann in here[:-1]:
        session.annotations[ann.id] = ann
    if here:
        session.annotation_stored(here[-1])
    else:
        session.saved.emit()


def remove_many(session: Session, ann_ids: list[str]) -> None:
    """Take annotations out of the session, with one change notification."""
    here = [i for i in ann_ids if i in session.annotations]
    for ann_id in here[:-1]:
        session.annotations.pop(ann_id, None)
        if session.selected == ann_id:
            session.select(None)
    if here:
        session.annotation_removed(here[-1])
    else:
        session.saved.emit()


class AddMention(AddAnnotation):
    """Tag a span with an entity label (a mention), linked when its text matches one entity.

    When the text matches several entities the mention is stored unlinked and ``candidates``
    lists them; :meth:`choose` then links it within this same undo step.
    """

    def __init__(
        self,
        session: Session,
        label: str,
        span: tuple[int, int],
        attributes: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(session, label, [span], attributes)
        self.span = span
        self.candidates: list[str] = []

    def create(self, doc_id: str) -> Annotation:
        annotation, self.candidates = self.project.add_actor_annotation(
            doc_id, *self.span, self.attributes, label=self.label
        )
        return annotation

    def choose(self, entity_id: str | None) -> None:
        """Link the new mention to one of the candidates (part of this undo step)."""
        assert self.annotation is not None
        if entity_id is None or entity_id == self.annotation.entity:
            return
        self.project.link_mention(self.annotation.id, entity_id)
        self.annotation = self.project.annotation(self.annotation.id)
        self.session.annotation_stored(self.annotation)


class LinkMention(StoreCommand):
    """Link a mention to an entity, or unlink it (``entity_id`` None)."""

    def __init__(self, session: Session, ann_id: str, entity_id: str | None) -> None:
        super().__init__(session, "Link to actor" if entity_id else "Unlink actor")
        self.ann_id, self.entity_id = ann_id, entity_id
        self.before: str | None = None

    def _link(self, entity_id: str | None) -> str | None:
        previous = self.project.link_mention(self.ann_id, entity_id)
        self.session.annotation_stored(self.project.annotation(self.ann_id))
        return previous

    def apply(self) -> None:
        self.before = self._link(self.entity_id)

    def revert(self) -> None:
        self._link(self.before)


class NewActorFromMention(StoreCommand):
    """Add an entity named by the mention's text (its type from the mention's ``type``
    attribute, if the schema allows it) and link the mention to it: one undo step."""

    def __init__(self, session: Session, ann_id: str) -> None:
        super().__init__(session, "New actor from mention")
        self.ann_id = ann_id
        self.entity: Entity | None = None
        self.before: str | None = None

    def apply(self) -> None:
        project = self.project
        with project.transaction():
            if self.entity is None:
                ann = project.annotation(self.ann_id)
                kind = ann.attributes.get("type")
                if kind not in project.schema.entity_types:
                    kind = None
                name = " ".join(" ".join(f.text for f in ann.fragments).split())
                self.entity = project.add_entity(name, type=kind)
            else:
                e = self.entity
                project.add_entity(
                    e.name, type=e.type, id=e.id, created=e.created, modified=e.modified
                )
            self.before = project.link_mention(self.ann_id, self.entity.id)
        self.session.annotation_stored(project.annotation(self.ann_id))
        registry_changed(self.session)

    def revert(self) -> None:
        assert self.entity is not None
        project = self.project
        with project.transaction():
            project.link_mention(self.ann_id, self.before)
            project.delete_entity(self.entity.id)
        self.session.annotation_stored(project.annotation(self.ann_id))
        registry_changed(self.session)


class ApplyPropagation(StoreCommand):
    """Tag the kept occurrences of a name (origin "propagation"), linked to ``entity_id``."""

    def __init__(
        self,
        session: Session,
        occurrences: Iterable[Occurrence],
        entity_id: str | None,
        label: str,
    ) -> None:
        super().__init__(session, "Tag all occurrences")
        self.occurrences = list(occurrences)
        self.entity_id, self.label = entity_id, label
        self.created: list[Annotation] = []

    def apply(self) -> None:
        project = self.project
        if not self.created:
            self.created = project.apply_propagation(
                self.occurrences, self.entity_id, label=self.label
            )
        else:
            with project.transaction():
                for ann in self.created:
                    project.restore_annotation(replace(ann))
        store_many(self.session, self.created)
        self.session.documentsChanged.emit()

    def revert(self) -> None:
        ids = [a.id for a in self.created]
        self.project.undo_propagation(ids)
        remove_many(self.session, ids)
        self.session.documentsChanged.emit()
