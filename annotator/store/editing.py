"""Annotation, relation and actor-registry edits of :class:`~annotator.store.project.Project`.

Each public method validates first, then writes in one transaction. Methods that remove data
return what they removed, so that an undo step can put it back with the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotation, Annotator, Entity, Relation, new_id, now
from annotator.core.schema import Schema
from annotator.core.validation import (
    FragmentLike,
    build_fragments,
    check_attributes,
    check_entity_allowed,
    check_origin,
    require_label,
)
from annotator.store import annotations as ann_sql
from annotator.store import registry as reg_sql

_UNSET: Any = object()


def _alias_list(aliases: Iterable[str]) -> list[str]:
    # list("Karamov") would store seven one-letter aliases
    if isinstance(aliases, str):
        raise ValidationError("aliases must be a list of names, not one text")
    return list(aliases)


class _ProjectParts:
    """What the editing mixins need from the project (declared for type checkers)."""

    db: Database

    @property
    def schema(self) -> Schema: ...  # pragma: no cover
    @property
    def annotator(self) -> Annotator: ...  # pragma: no cover
    def transaction(self) -> AbstractContextManager[None]: ...  # pragma: no cover
    def _text(self, doc_id: str) -> str: ...  # pragma: no cover


class AnnotationEditing(_ProjectParts):
    def annotation(self, ann_id: str) -> Annotation:
        return ann_sql.require_annotation(self.db, ann_id)

    def annotations(
        self, doc_id: str, annotator: str | None = None, *, start_before: int | None = None
    ) -> list[Annotation]:
        """A document's annotations in text order (optionally only one annotator's, or only
        those starting before an offset: the first screen of a long article)."""
        self._text(doc_id)  # raises NotFoundError for an unknown document
        return ann_sql.annotations_of(self.db, doc_id, annotator, start_before)

    def annotation_count(self, doc_id: str) -> int:
        return ann_sql.count_annotations(self.db, doc_id)

    def _checked(self, ann: Annotation, fragments: Iterable[FragmentLike]) -> Annotation:
        spec = require_label(self.schema, ann.label)
        ann.fragments = build_fragments(self._text(ann.document), fragments)
        ann.attributes = check_attributes(spec, ann.attributes or {})
        check_entity_allowed(spec, ann.entity)
        if ann.entity is not None:
            reg_sql.require_entity(self.db, ann.entity)
        check_origin(ann.origin)
        if ann.note is not None and not isinstance(ann.note, str):
            raise ValidationError("a note must be text")
        return ann

    def add_annotation(
        self,
        document: str,
        label: str,
        fragments: Iterable[FragmentLike],
        *,
        attributes: Mapping[str, Any] | None = None,
        entity: str | None = None,
        note: str | None = None,
        origin: str = "manual",
        annotator: str | None = None,
        id: str | None = None,
        created: str | None = None,
        modified: str | None = None,
    ) -> Annotation:
        """Add an annotation; ``fragments`` are (start, end[, text]) in code points."""
        stamp = now()
        ann = Annotation(
            id=id or new_id(),
            document=document,
            label=label,
            fragments=[],
            attributes=dict(attributes or {}),
            entity=entity,
            annotator=annotator,
            origin=origin,
            note=note,
            created=created or stamp,
            modified=modified or created or stamp,
        )
        with self.transaction():
            self._checked(ann, fragments)
            if ann.annotator is None:
                ann.annotator = self.annotator.id
            elif reg_sql.annotator_by_id(self.db, ann.annotator) is None:
                raise NotFoundError(f"no annotator with id {ann.annotator!r}")
            ann_sql.insert_annotation(self.db, ann)
        return ann

    def update_annotation(
        self,
        ann_id: str,
        *,
        label: str = _UNSET,
        fragments: Iterable[FragmentLike] = _UNSET,
        attributes: Mapping[str, Any] = _UNSET,
        entity: str | None = _UNSET,
        note: str | None = _UNSET,
    ) -> Annotation:
        """Change some fields of an annotation; the others stay. Returns the new version."""
        with self.transaction():
            ann = ann_sql.require_annotation(self.db, ann_id)
            if label is not _UNSET:
                ann.label = label
            if attributes is not _UNSET:
                ann.attributes = dict(attributes or {})
            if entity is not _UNSET:
                ann.entity = entity
            if note is not _UNSET:
                ann.note = note
            self._checked(ann, ann.fragments if fragments is _UNSET else fragments)
            if label is not _UNSET:
                for rel in ann_sql.relations_touching(self.db, ann_id):
                    spec = self.schema.relation(rel.type)
                    needed = None
                    if spec is not None:
                        needed = spec.source if rel.source == ann_id else spec.target
                    if needed != ann.label:
                        raise ValidationError(
                            f"cannot make this a {ann.label}: its {rel.type} relation needs a "
                            f"{needed}; remove the relation first"
                        )
            ann.modified = now()
            ann_sql.replace_annotation(self.db, ann)
        return ann

    def delete_annotation(self, ann_id: str) -> tuple[Annotation, list[Relation]]:
        """Delete an annotation and its relations; returns both (for undo)."""
        with self.transaction():
            ann = ann_sql.require_annotation(self.db, ann_id)
            relations = ann_sql.delete_annotation(self.db, ann_id)
        return ann, relations

    def restore_annotation(self, ann: Annotation, relations: Iterable[Relation] = ()) -> None:
        """Put back an annotation (and relations) returned by :meth:`delete_annotation`."""
        with self.transaction():
            self._checked(ann, ann.fragments)
            ann_sql.insert_annotation(self.db, ann)
            for rel in relations:
                ann_sql.validate_relation(self.db, self.schema, rel, replacing=False)
                ann_sql.insert_relation(self.db, rel)

    # -- relations --------------------------------------------------------------------------

    def relation(self, rel_id: str) -> Relation:
        rel = ann_sql.get_relation(self.db, rel_id)
        if rel is None:
            raise NotFoundError(f"no relation with id {rel_id!r}")
        return rel

    def relations(self, doc_id: str) -> list[Relation]:
        self._text(doc_id)
        return ann_sql.relations_of(self.db, doc_id)

    def add_relation(
        self,
        type: str,
        source: str,
        target: str,
        *,
        annotator: str | None = None,
        id: str | None = None,
        created: str | None = None,
    ) -> Relation:
        """Link two annotations of one document, e.g. ``add_relation("speaker", quote, actor)``."""
        rel = Relation(id or new_id(), type, source, target, annotator, created or now())
        with self.transaction():
            ann_sql.validate_relation(self.db, self.schema, rel, replacing=False)
            if rel.annotator is None:
                rel.annotator = self.annotator.id
            ann_sql.insert_relation(self.db, rel)
        return rel

    def set_relation(self, type: str, source: str, target: str) -> tuple[Relation, list[Relation]]:
        """Make ``target`` the only ``type`` relation of ``source``; returns (new, replaced)."""
        with self.transaction():
            replaced = ann_sql.relations_from(self.db, source, type)
            for old in replaced:
                ann_sql.delete_relation(self.db, old.id)
            rel = self.add_relation(type, source, target)
        return rel, replaced

    def delete_relation(self, rel_id: str) -> Relation:
        with self.transaction():
            rel = self.relation(rel_id)
            ann_sql.delete_relation(self.db, rel_id)
        return rel


class RegistryEditing(_ProjectParts):
    """The actor registry: entities with a name, type, aliases and an optional Wikidata id."""

    def entity(self, entity_id: str) -> Entity:
        return reg_sql.require_entity(self.db, entity_id)

    def entities(self) -> list[Entity]:
        return reg_sql.list_entities(self.db)

    def add_entity(
        self,
        name: str,
        *,
        type: str | None = None,
        aliases: Iterable[str] = (),
        wikidata: str | None = None,
        note: str | None = None,
        id: str | None = None,
        created: str | None = None,
        modified: str | None = None,
    ) -> Entity:
        stamp = now()
        entity = Entity(
            id or new_id(),
            name,
            type,
            _alias_list(aliases),
            wikidata,
            note,
            created or stamp,
            modified or created or stamp,
        )
        with self.transaction():
            reg_sql.clean_entity(self.schema, entity)
            if reg_sql.get_entity(self.db, entity.id) is not None:
                raise ValidationError(f"an actor with id {entity.id!r} already exists")
            reg_sql.upsert_entity(self.db, entity, insert=True)
        return entity

    def update_entity(
        self,
        entity_id: str,
        *,
        name: str = _UNSET,
        type: str | None = _UNSET,
        aliases: Iterable[str] = _UNSET,
        wikidata: str | None = _UNSET,
        note: str | None = _UNSET,
    ) -> Entity:
        with self.transaction():
            entity = reg_sql.require_entity(self.db, entity_id)
            for field, value in (
                ("name", name),
                ("type", type),
                ("wikidata", wikidata),
                ("note", note),
            ):
                if value is not _UNSET:
                    setattr(entity, field, value)
            if aliases is not _UNSET:
                entity.aliases = _alias_list(aliases)
            reg_sql.clean_entity(self.schema, entity)
            entity.modified = now()
            reg_sql.upsert_entity(self.db, entity, insert=False)
        return entity

    def delete_entity(self, entity_id: str) -> Entity:
        """Remove an actor from the registry; its mentions stay, unlinked."""
        with self.transaction():
            entity = reg_sql.require_entity(self.db, entity_id)
            reg_sql.delete_entity(self.db, entity_id)
        return entity
