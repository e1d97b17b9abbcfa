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

from annotator.core.matching import normalise_name
from annotator.core.model import Annotation, Entity
from annotator.core.schema import ACTOR, Schema
from annotator.gui.commands import AddAnnotation, AnnotationCommand, StoreCommand
from annotator.gui.session import Session
from annotator.store.actors import Occurrence


def mention_label(schema: Schema) -> str | None:
    """The label new mentions get: the schema's actor label (role "actor"), else its first
    label linked to the registry; None if it has none."""
    spec = schema.label_for_role(ACTOR) or next((x for x in schema.labels if x.entity), None)
    return spec.name if spec is not None else None


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
        annotation, self.candidates = self.layer.add_mention(
            doc_id, *self.span, self.attributes, label=self.label
        ).value
        return annotation

    def choose(self, entity_id: str | None) -> None:
        """Link the new mention to one of the candidates (part of this undo step, announced
        through the session's funnel like an edit of its own)."""
        assert self.annotation is not None
        if entity_id is None or entity_id == self.annotation.entity:
            return
        self.session.write(lambda: self.layer.link_mention(self.annotation_id, entity_id))

    @property
    def annotation_id(self) -> str:
        assert self.annotation is not None
        return self.annotation.id


class LinkMention(AnnotationCommand):
    """Link a mention to an entity, or unlink it (``entity_id`` None)."""

    def __init__(self, session: Session, ann_id: str, entity_id: str | None) -> None:
        super().__init__(session, "Link to actor" if entity_id else "Unlink actor")
        self.mention_id, self.entity_id = ann_id, entity_id
        self.ann_id = ann_id
        ann = session.annotations.get(ann_id)
        self.offset = ann.start if ann is not None else None
        self.before: str | None = None
        self.aliases_before: list[str] | None = None  # when the link added the spelling

    def apply(self) -> None:
        self.before = self.layer.link_mention(self.mention_id, self.entity_id).value
        if self.entity_id is not None and self.session.add_linked_spellings:
            self._add_spelling(self.entity_id)

    def _add_spelling(self, entity_id: str) -> None:
        """The mention's text becomes an alias of the actor, unless it already names it."""
        registry = self.project.registry
        entity = registry.get(entity_id)
        spelled = " ".join(self.layer.annotation(self.mention_id).text.split())
        known = {normalise_name(n) for n in (entity.name, *entity.aliases)}
        if spelled and normalise_name(spelled) not in known:
            self.aliases_before = list(entity.aliases)
            registry.update(entity_id, aliases=[*entity.aliases, spelled])

    def revert(self) -> None:
        if self.aliases_before is not None and self.entity_id is not None:
            self.project.registry.update(self.entity_id, aliases=self.aliases_before)
            self.aliases_before = None
        self.layer.link_mention(self.mention_id, self.before)


class NewActorFromMention(AnnotationCommand):
    """Add an entity named by the mention's text (its type from the mention's ``type``
    attribute, if the schema allows it) and link the mention to it: one undo step."""

    def __init__(self, session: Session, ann_id: str) -> None:
        super().__init__(session, "New actor from mention")
        self.ann_id = ann_id
        self.entity: Entity | None = None
        self.before: str | None = None

    def apply(self) -> None:
        assert self.ann_id is not None
        registry = self.project.registry
        if self.entity is None:
            ann = self.layer.annotation(self.ann_id)
            kind = ann.attributes.get("type")
            if kind not in self.project.schema.entity_types:
                kind = None
            name = " ".join(" ".join(f.text for f in ann.fragments).split())
            self.entity = registry.add(name, type=kind).value
        else:
            e = self.entity
            registry.add(e.name, type=e.type, id=e.id, created=e.created, modified=e.modified)
        self.before = self.layer.link_mention(self.ann_id, self.entity.id).value

    def revert(self) -> None:
        assert self.entity is not None and self.ann_id is not None
        self.layer.link_mention(self.ann_id, self.before)
        self.project.registry.delete(self.entity.id)


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
        self.document_id = None  # many documents: undo does not open one of them
        self.occurrences = list(occurrences)
        self.entity_id, self.label = entity_id, label
        self.created: list[Annotation] = []

    def apply(self) -> None:
        layer = self.layer
        if not self.created:
            self.created = layer.apply_propagation(
                self.occurrences, self.entity_id, label=self.label
            ).value
        else:
            for ann in self.created:
                layer.restore_annotation(replace(ann))

    def revert(self) -> None:
        self.layer.delete_annotations([a.id for a in self.created])
