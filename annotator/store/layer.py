"""One annotator's layer: their annotations, relations and document statuses.

``project.layer()`` is the layer of the project's current annotator, ``project.layer(id)``
another annotator's, ``project.gold`` the adjudicated layer. A layer reads and writes only its
own rows: an annotation of another layer is "not found" here, and a relation links two
annotations of one layer. Every write validates first, runs in one transaction and returns
its value with the :class:`~annotator.core.changes.Changes` it made.

The current annotator's row is created by the first write in their name; reading a layer
never writes (a layer without a row simply holds nothing yet).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Changes, Written
from annotator.core.errors import DuplicateAnnotationError, NotFoundError, ValidationError
from annotator.core.model import Annotation, Relation, new_id, now
from annotator.core.validation import (
    FragmentLike,
    build_fragments,
    check_attributes,
    check_entity_allowed,
    check_fragment_list,
    check_origin,
    check_state,
    require_label,
)
from annotator.store import annotations as ann_sql
from annotator.store import registry as reg_sql
from annotator.store.annotators import GOLD_ID, reserved_id
from annotator.store.problems import Problem, count_problems, find_problems, problems_page
from annotator.store.propagation import Occurrence, annotated_spans

if TYPE_CHECKING:
    from annotator.store.project import Project

_UNSET: Any = object()
#: How much of an annotation's text the refusal of a duplicate quotes.
_QUOTED_MAX = 60


class Layer:
    """The annotations, relations and statuses of one annotator (or of gold)."""

    def __init__(self, project: Project, name: str, annotator_id: str | None = None) -> None:
        self._project = project
        self._db = project.db
        self.name = name
        self._id = annotator_id

    def __repr__(self) -> str:
        return f"<Layer {self.name!r} ({self._id or 'not written yet'})>"

    @property
    def annotator_id(self) -> str | None:
        """The annotator's id; None while nothing was ever written in their name."""
        if self._id is None:
            found = reg_sql.annotator_by_name(self._db, self.name)
            if found is not None:
                self._id = found.id
        return self._id

    @property
    def is_gold(self) -> bool:
        return self._id == GOLD_ID

    def writer_id(self) -> str:
        """The annotator's id, their row created in the running transaction if needed (for
        the store's bulk writers, which write this layer's rows themselves)."""
        return self._writer_id()

    def _writer_id(self) -> str:
        """The annotator's id, creating their row in the running transaction if needed."""
        if self._id is not None and reg_sql.annotator_by_id(self._db, self._id) is not None:
            return self._id
        self._id = None  # a rolled-back transaction may have taken the row away
        person = self._project.annotators.ensure(self.name, reserved_id(self.name))
        self._id = person.id
        return person.id

    # -- reading ---------------------------------------------------------------------------

    def annotation(self, ann_id: str) -> Annotation:
        ann = ann_sql.get_annotation(self._db, ann_id)
        if ann is None or ann.annotator != self.annotator_id or ann.annotator is None:
            raise NotFoundError(f"no annotation with id {ann_id!r} in {self.name}'s layer")
        return ann

    def annotations(self, doc_id: str, *, start_before: int | None = None) -> list[Annotation]:
        """A document's annotations in this layer, in text order (optionally only those
        starting before an offset: the first screen of a long article)."""
        self._project.documents.text(doc_id)  # an unknown document is an error
        if self.annotator_id is None:
            return []
        return ann_sql.annotations_of(self._db, doc_id, self.annotator_id, start_before)

    def annotation_count(self, doc_id: str) -> int:
        if self.annotator_id is None:
            return 0
        return ann_sql.count_annotations(self._db, doc_id, self.annotator_id)

    def relation(self, rel_id: str) -> Relation:
        rel = ann_sql.get_relation(self._db, rel_id)
        if rel is None or rel.annotator != self.annotator_id or rel.annotator is None:
            raise NotFoundError(f"no relation with id {rel_id!r} in {self.name}'s layer")
        return rel

    def relations(self, doc_id: str) -> list[Relation]:
        self._project.documents.text(doc_id)
        if self.annotator_id is None:
            return []
        return ann_sql.relations_of(self._db, doc_id, self.annotator_id)

    def status(self, doc_id: str) -> str:
        """``new``, ``in_progress`` or ``done`` (``new`` when nothing was recorded)."""
        self._project.documents.text(doc_id)
        if self.annotator_id is None:
            return "new"
        return reg_sql.status_of(self._db, doc_id).get(self.annotator_id, "new")

    def problems(
        self,
        document: str | None = None,
        limit: int | None = None,
        *,
        after_seq: int | None = None,
    ) -> list[Problem]:
        """Required relations missing, mentions not linked and duplicates, for the whole
        project or one document (or the documents after ``after_seq`` in import order: the
        next page), in document order, then by position in the text."""
        if document is not None:
            self._project.documents.text(document)
        if self.annotator_id is None:
            return []
        schema = self._project.schema
        if document is None and limit is not None:  # a page of the list: by windows
            page = problems_page(self._db, schema, self.annotator_id, after_seq, limit)
            return page[:limit]
        return find_problems(self._db, schema, document, limit, self.annotator_id, after_seq)

    def problem_counts(self) -> dict[str, int]:
        """How many problems each document has in this layer (documents with none left out)."""
        if self.annotator_id is None:
            return {}
        return count_problems(self._db, self._project.schema, self.annotator_id)

    # -- annotations ---------------------------------------------------------------------------

    def _checked(self, ann: Annotation, fragments: Iterable[FragmentLike]) -> Annotation:
        schema = self._project.schema
        spec = require_label(schema, ann.label)
        ann.fragments = build_fragments(self._project.documents.text(ann.document), fragments)
        ann.attributes = check_attributes(spec, ann.attributes or {})
        check_entity_allowed(spec, ann.entity)
        if ann.entity is not None:
            reg_sql.require_entity(self._db, ann.entity)
        check_origin(ann.origin)
        if ann.note is not None and not isinstance(ann.note, str):
            raise ValidationError("a note must be text")
        return ann

    def _refuse_duplicate(self, ann: Annotation) -> None:
        """An annotation with the same label and fragments in this layer's document would be
        linked and counted twice: refused (see DuplicateAnnotationError)."""
        twin = ann_sql.same_annotation(self._db, ann)
        if twin is not None:
            text = " ".join(twin.text.split())
            if len(text) > _QUOTED_MAX:
                text = text[: _QUOTED_MAX - 1].rstrip() + "…"
            raise DuplicateAnnotationError(f"“{text}” is already tagged as {twin.label}", twin.id)

    def _owned(self, ann_id: str) -> Annotation:
        ann = ann_sql.get_annotation(self._db, ann_id)
        if ann is None:
            raise NotFoundError(f"no annotation with id {ann_id!r}")
        if ann.annotator != self.annotator_id:
            owner = reg_sql.annotator_by_id(self._db, ann.annotator or "")
            whose = f"{owner.name}'s layer" if owner else "no layer"
            raise ValidationError(
                f"this annotation belongs to {whose}; it can only be changed in {self.name}'s "
                f"layer if it is theirs"
            )
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
        id: str | None = None,
        created: str | None = None,
        modified: str | None = None,
    ) -> Written[Annotation]:
        """Add an annotation; ``fragments`` are (start, end[, text]) in code points.

        Raises DuplicateAnnotationError when this layer already has an annotation with the
        same label and the same fragments in the document.
        """
        check_fragment_list(fragments)
        if attributes is not None and not isinstance(attributes, Mapping):
            raise ValidationError(f"attributes must be a mapping, not {type(attributes).__name__}")
        stamp = now()
        ann = Annotation(
            id=id or new_id(),
            document=document,
            label=label,
            fragments=[],
            attributes=dict(attributes or {}),
            entity=entity,
            origin=origin,
            note=note,
            created=created or stamp,
            modified=modified or created or stamp,
        )
        with self._project.transaction() as changes:
            self._checked(ann, fragments)
            ann.annotator = self._writer_id()
            self._refuse_duplicate(ann)
            ann_sql.insert_annotation(self._db, ann)
            changes.annotation("added", ann.id, ann.document, ann.annotator)
            changes.counts_of([ann.entity])
        return Written(ann, changes)

    def update_annotation(
        self,
        ann_id: str,
        *,
        label: str = _UNSET,
        fragments: Iterable[FragmentLike] = _UNSET,
        attributes: Mapping[str, Any] = _UNSET,
        entity: str | None = _UNSET,
        note: str | None = _UNSET,
    ) -> Written[Annotation]:
        """Change some fields of an annotation; the others stay. Returns the new version.

        A new label or new fragments that make it the same as another annotation of the layer
        are refused (DuplicateAnnotationError).
        """
        with self._project.transaction() as changes:
            ann = self._owned(ann_id)
            old_entity, old_shape = ann.entity, (ann.label, ann.fragments)
            if label is not _UNSET:
                ann.label = label
            if attributes is not _UNSET:
                ann.attributes = dict(attributes or {})
            if entity is not _UNSET:
                ann.entity = entity
            if note is not _UNSET:
                ann.note = note
            self._checked(ann, ann.fragments if fragments is _UNSET else fragments)
            if (ann.label, ann.fragments) != old_shape:  # a note on an old twin is no clash
                self._refuse_duplicate(ann)
            if label is not _UNSET:
                self._check_relations_fit(ann)
            ann.modified = now()
            ann_sql.replace_annotation(self._db, ann)
            changes.annotation("updated", ann.id, ann.document, ann.annotator)
            changes.counts_of([old_entity, ann.entity])
            if label is not _UNSET:  # the quotes and demands counted for linked actors
                self._note_relation_ends(changes, ann_sql.relations_touching(self._db, ann.id))
        return Written(ann, changes)

    def _check_relations_fit(self, ann: Annotation) -> None:
        schema = self._project.schema
        for rel in ann_sql.relations_touching(self._db, ann.id):
            spec = schema.relation(rel.type)
            needed = None
            if spec is not None:
                needed = spec.source if rel.source == ann.id else spec.target
            if needed != ann.label:
                raise ValidationError(
                    f"cannot make this a {ann.label}: its {rel.type} relation needs a "
                    f"{needed}; remove the relation first"
                )

    def delete_annotation(self, ann_id: str) -> Written[tuple[Annotation, list[Relation]]]:
        """Delete an annotation and its relations; returns both (for undo)."""
        with self._project.transaction() as changes:
            ann = self._owned(ann_id)
            relations = ann_sql.delete_annotation(self._db, ann_id)
            changes.annotation("removed", ann.id, ann.document, ann.annotator)
            for rel in relations:
                changes.relation("removed", rel.id, ann.document, rel.annotator)
            changes.counts_of([ann.entity])
            self._note_relation_ends(changes, relations)
        return Written((ann, relations), changes)

    def restore_annotation(
        self, ann: Annotation, relations: Iterable[Relation] = ()
    ) -> Written[None]:
        """Put back an annotation (and relations) returned by :meth:`delete_annotation`."""
        with self._project.transaction() as changes:
            ann = replace(ann, annotator=self._writer_id())
            self._checked(ann, ann.fragments)
            ann_sql.insert_annotation(self._db, ann)
            changes.annotation("added", ann.id, ann.document, ann.annotator)
            changes.counts_of([ann.entity])
            for rel in relations:
                self._insert_relation(rel, changes)
        return Written(None, changes)

    def delete_annotations(self, ann_ids: Iterable[str]) -> Written[None]:
        """Delete several annotations (with their relations) in one transaction."""
        with self._project.transaction() as changes:
            for ann_id in ann_ids:
                self.delete_annotation(ann_id)
        return Written(None, changes)

    # -- relations -----------------------------------------------------------------------------

    def _note_relation_ends(self, changes: Changes, relations: Iterable[Relation]) -> None:
        """The entities whose quote and demand counts a relation's target linked them to."""
        for rel in relations:
            target = ann_sql.get_annotation(self._db, rel.target)
            if target is not None:
                changes.counts_of([target.entity])

    def _insert_relation(self, rel: Relation, changes: Changes) -> Relation:
        rel = replace(rel, annotator=self._writer_id())
        ann_sql.validate_relation(self._db, self._project.schema, rel, replacing=False)
        for end in (rel.source, rel.target):
            owner = ann_sql.get_annotation(self._db, end)
            if owner is not None and owner.annotator != rel.annotator:
                raise ValidationError(
                    f"a relation links two annotations of one layer; {end!r} is not in "
                    f"{self.name}'s layer"
                )
        ann_sql.insert_relation(self._db, rel)
        source = ann_sql.get_annotation(self._db, rel.source)
        assert source is not None  # validate_relation checked it
        changes.relation("added", rel.id, source.document, rel.annotator)
        target = ann_sql.get_annotation(self._db, rel.target)
        changes.counts_of([target.entity if target else None])
        return rel

    def add_relation(
        self,
        type: str,
        source: str,
        target: str,
        *,
        id: str | None = None,
        created: str | None = None,
    ) -> Written[Relation]:
        """Link two annotations of one document, e.g. ``add_relation("speaker", quote, actor)``."""
        rel = Relation(id or new_id(), type, source, target, None, created or now())
        with self._project.transaction() as changes:
            rel = self._insert_relation(rel, changes)
        return Written(rel, changes)

    def set_relation(
        self, type: str, source: str, target: str
    ) -> Written[tuple[Relation, list[Relation]]]:
        """Make ``target`` the only ``type`` relation of ``source``; returns (new, replaced)."""
        with self._project.transaction() as changes:
            replaced = ann_sql.relations_from(self._db, source, type)
            for old in replaced:
                self.delete_relation(old.id)
            rel = self.add_relation(type, source, target).value
        return Written((rel, replaced), changes)

    def delete_relation(self, rel_id: str) -> Written[Relation]:
        with self._project.transaction() as changes:
            rel = self.relation(rel_id)
            source = ann_sql.get_annotation(self._db, rel.source)
            ann_sql.delete_relation(self._db, rel_id)
            changes.relation("removed", rel.id, source.document if source else "", rel.annotator)
            target = ann_sql.get_annotation(self._db, rel.target)
            changes.counts_of([target.entity if target else None])
        return Written(rel, changes)

    # -- status --------------------------------------------------------------------------------

    def set_status(self, doc_id: str, state: str) -> Written[str]:
        """Set ``new``, ``in_progress`` or ``done``; returns the state it had before."""
        check_state(state)
        with self._project.transaction() as changes:
            before = self.status(doc_id)
            who = self._writer_id()
            reg_sql.set_status(self._db, doc_id, who, state, now())
            changes.status(doc_id, who)
        return Written(before, changes)

    # -- mentions of the registry ----------------------------------------------------------------

    def link_mention(self, ann_id: str, entity_id: str | None) -> Written[str | None]:
        """Link a mention to an entity (None: unlink); returns the previous entity id."""
        with self._project.transaction() as changes:
            ann = self._owned(ann_id)
            spec = require_label(self._project.schema, ann.label)
            if entity_id is not None:
                if not spec.entity:
                    raise ValidationError(
                        f"{ann.label} annotations cannot be linked to the actor registry"
                    )
                reg_sql.require_entity(self._db, entity_id)
            if ann.entity != entity_id:
                ann_sql.set_entity(self._db, [(entity_id, now(), ann_id)])
                changes.annotation("updated", ann.id, ann.document, ann.annotator)
                changes.counts_of([ann.entity, entity_id])
        return Written(ann.entity, changes)

    def add_mention(
        self,
        doc_id: str,
        start: int,
        end: int,
        attributes: Mapping[str, Any] | None = None,
        *,
        label: str,
    ) -> Written[tuple[Annotation, list[str]]]:
        """Tag ``start..end`` as a mention, linked if its text matches exactly one entity.

        Returns (annotation, candidates): the candidates are the entity ids when the text
        matches several (then the mention is left unlinked, for the user to choose).
        """
        text = self._project.documents.text(doc_id)
        if not 0 <= start < end <= len(text):
            raise ValidationError(f"span {start}..{end} is not within the text")
        found = self._project.registry.match_ids(text[start:end])
        entity = found[0] if len(found) == 1 else None
        ann, changes = self.add_annotation(
            doc_id, label, [(start, end)], attributes=attributes, entity=entity
        )
        return Written((ann, found if len(found) > 1 else []), changes)

    def apply_propagation(
        self, occurrences: Iterable[Occurrence], entity_id: str | None, *, label: str
    ) -> Written[list[Annotation]]:
        """Tag the occurrences (origin "propagation", linked to ``entity_id``) in one
        transaction; spans this layer already tagged with ``label`` (or listed twice) are
        skipped, so no duplicate is ever made. Undo with :meth:`delete_annotations`."""
        wanted: dict[tuple[str, int, int], Occurrence] = {}
        for occ in occurrences:
            wanted.setdefault((occ.document_id, occ.start, occ.end), occ)
        created: list[Annotation] = []
        with self._project.transaction() as changes:
            taken = annotated_spans(
                self._db, label, sorted({k[0] for k in wanted}), self._writer_id()
            )
            for key, occ in wanted.items():
                if key in taken:
                    continue
                ann = self.add_annotation(
                    occ.document_id,
                    label,
                    [(occ.start, occ.end, occ.text)],
                    entity=entity_id,
                    origin="propagation",
                ).value
                created.append(ann)
        return Written(created, changes)


__all__ = ["Layer"]
