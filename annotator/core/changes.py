"""What a write changed: the ids added, updated and removed, per kind of record.

Every write of the store returns a :class:`Changes` record with its value (:class:`Written`),
and ``project.transaction()`` accumulates the records of everything written inside it. The
window announces one record per edit, and each view updates only what the record names.

The record is *net*: an annotation added and then removed in one transaction is not in it at
all, one removed and put back (undo of a deletion) is "updated", one added and then changed
is "added".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


@dataclass
class IdChanges:
    """Ids of one kind of record, by what happened to them."""

    added: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)

    def add(self, item_id: str) -> None:
        if item_id in self.removed:  # removed, then put back: it is there, maybe changed
            self.removed.discard(item_id)
            self.updated.add(item_id)
        else:
            self.added.add(item_id)

    def update(self, item_id: str) -> None:
        if item_id not in self.added:
            self.updated.add(item_id)

    def remove(self, item_id: str) -> None:
        if item_id in self.added:  # added, then removed: as if it never was
            self.added.discard(item_id)
            return
        self.updated.discard(item_id)
        self.removed.add(item_id)

    def merge(self, other: IdChanges) -> None:
        """Apply ``other`` (which happened after this) on top of this."""
        for item_id in other.removed:
            self.remove(item_id)
        for item_id in other.added:
            self.add(item_id)
        for item_id in other.updated:
            self.update(item_id)

    @property
    def present(self) -> set[str]:
        """Ids that exist after the change and may differ from before (added or updated)."""
        return self.added | self.updated

    @property
    def touched(self) -> set[str]:
        return self.added | self.updated | self.removed

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.added or item_id in self.updated or item_id in self.removed

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass
class Changes:
    """What one write (or one transaction) changed.

    ``statuses`` holds document ids whose status changed for one of ``layers``. ``documents_of``
    maps every annotation and relation id in the record to its document, so that a view can
    tell which documents an edit touched without reading anything. ``entity_counts`` names the
    entities whose counts (mentions, quotes, demands) may have changed.
    """

    documents: IdChanges = field(default_factory=IdChanges)
    annotations: IdChanges = field(default_factory=IdChanges)
    relations: IdChanges = field(default_factory=IdChanges)
    entities: IdChanges = field(default_factory=IdChanges)
    statuses: IdChanges = field(default_factory=IdChanges)
    annotators: IdChanges = field(default_factory=IdChanges)
    documents_of: dict[str, str] = field(default_factory=dict)
    layers: set[str] = field(default_factory=set)  # annotator ids whose layer changed
    entity_counts: set[str] = field(default_factory=set)
    project: bool = False  # name, guidelines or schema
    # Whose each annotation and relation noted is, so that ``layers`` can leave out what the
    # record no longer names (added, then removed).
    _layer_of: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _layer_uses: Counter[str] = field(default_factory=Counter, repr=False, compare=False)
    _status_layers: set[str] = field(default_factory=set, repr=False, compare=False)

    # -- noting changes (the store does this) -------------------------------------------------

    def annotation(self, what: str, ann_id: str, document: str, annotator: str | None) -> None:
        """``what`` is "added", "updated" or "removed"."""
        _note(self.annotations, what, ann_id)
        self._where(ann_id, document, annotator)

    def relation(self, what: str, rel_id: str, document: str, annotator: str | None) -> None:
        _note(self.relations, what, rel_id)
        self._where(rel_id, document, annotator)

    def added_many(self, kind: str, items: Iterable[tuple[str, str, str]]) -> None:
        """Many annotations (``kind`` "annotation") or relations ("relation") added, each
        ``(id, document, annotator)``: the same record as one :meth:`annotation` (or
        :meth:`relation`) call each, noted in one pass (a bulk import notes 100,000s)."""
        ids = self.annotations if kind == "annotation" else self.relations
        if kind not in ("annotation", "relation"):
            raise ValueError(f"not a kind of record: {kind!r}")
        added, removed, where = ids.added, ids.removed, self.documents_of
        layer_of, uses = self._layer_of, self._layer_uses
        for item_id, document, annotator in items:
            if item_id in removed:  # removed earlier in the record: put back
                _note(ids, "added", item_id)
                self._where(item_id, document, annotator)
                continue
            added.add(item_id)
            where[item_id] = document
            if item_id not in layer_of:
                layer_of[item_id] = annotator
                uses[annotator] += 1
                self.layers.add(annotator)

    def _where(self, item_id: str, document: str, annotator: str | None) -> None:
        self.documents_of[item_id] = document
        if annotator is not None and item_id not in self._layer_of:
            self._layer_of[item_id] = annotator
            self._layer_uses[annotator] += 1
            self.layers.add(annotator)
        self._forget_if_gone(item_id)

    def _forget_if_gone(self, item_id: str) -> None:
        """Forget where an id is once the record no longer names it (added, then removed);
        a layer none of the remaining ids (nor a status) is in goes from ``layers``."""
        if item_id in self.annotations or item_id in self.relations:
            return
        self.documents_of.pop(item_id, None)
        annotator = self._layer_of.pop(item_id, None)
        if annotator is not None:
            self._layer_uses[annotator] -= 1
            if self._layer_uses[annotator] <= 0 and annotator not in self._status_layers:
                self.layers.discard(annotator)

    def entity(self, what: str, entity_id: str) -> None:
        """An entity of the registry added, updated or removed; one added and removed again
        leaves nothing behind, its counts included."""
        transient = what == "removed" and entity_id in self.entities.added
        _note(self.entities, what, entity_id)
        if transient:
            self.entity_counts.discard(entity_id)

    def status(self, document: str, annotator: str) -> None:
        self.statuses.update(document)
        self._status_layers.add(annotator)
        self.layers.add(annotator)

    def counts_of(self, entity_ids: Iterable[str | None]) -> None:
        self.entity_counts.update(e for e in entity_ids if e is not None)

    # -- reading ---------------------------------------------------------------------------

    @property
    def touched_documents(self) -> set[str]:
        """Documents whose annotations, relations or statuses changed (or that were added or
        removed themselves)."""
        return set(self.documents_of.values()) | self.statuses.touched | self.documents.touched

    def annotations_in(self, document: str) -> IdChanges:
        """The annotation changes of one document."""
        return _only(self.annotations, document, self.documents_of)

    def relations_in(self, document: str) -> IdChanges:
        return _only(self.relations, document, self.documents_of)

    def added_in_layer(self, annotator_id: str) -> set[str]:
        """Ids of the annotations this record added to one annotator's layer."""
        return {i for i in self.annotations.added if self._layer_of.get(i) == annotator_id}

    def merge(self, other: Changes) -> None:
        """Add what ``other`` (a later write) changed."""
        if self._blank():  # e.g. a whole import merged into the transaction around it
            self._copy(other)
            return
        transient = self.entities.added & other.entities.removed
        self.documents.merge(other.documents)
        self.annotations.merge(other.annotations)
        self.relations.merge(other.relations)
        self.entities.merge(other.entities)
        self.statuses.merge(other.statuses)
        self.annotators.merge(other.annotators)
        for item_id, document in other.documents_of.items():
            self._where(item_id, document, other._layer_of.get(item_id))
        self._status_layers |= other._status_layers
        self.layers |= other._status_layers
        for item_id in other.annotations.removed | other.relations.removed:
            self._forget_if_gone(item_id)  # what this record added and the other removed
        self.entity_counts |= other.entity_counts
        self.entity_counts -= transient
        self.project = self.project or other.project

    def _blank(self) -> bool:
        """Nothing noted at all (not even what a net-empty record keeps)."""
        return not (
            self
            or self.documents_of
            or self.layers
            or self.entity_counts
            or self._layer_of
            or self._status_layers
        )

    def _copy(self, other: Changes) -> None:
        """Become a copy of ``other`` (which keeps its own sets: it may be somebody's
        record still), in one copy per set instead of one note per id."""
        for kind in ("documents", "annotations", "relations", "entities", "statuses", "annotators"):
            ids: IdChanges = getattr(other, kind)
            setattr(self, kind, IdChanges(set(ids.added), set(ids.updated), set(ids.removed)))
        self.documents_of = dict(other.documents_of)
        self.layers = set(other.layers)
        self.entity_counts = set(other.entity_counts)
        self.project = other.project
        self._layer_of = dict(other._layer_of)
        self._layer_uses = Counter(other._layer_uses)
        self._status_layers = set(other._status_layers)

    def __bool__(self) -> bool:
        return bool(
            self.documents
            or self.annotations
            or self.relations
            or self.entities
            or self.statuses
            or self.annotators
            or self.project
        )


def _note(ids: IdChanges, what: str, item_id: str) -> None:
    if what == "added":
        ids.add(item_id)
    elif what == "updated":
        ids.update(item_id)
    elif what == "removed":
        ids.remove(item_id)
    else:
        raise ValueError(f"not a kind of change: {what!r}")


def _only(ids: IdChanges, document: str, where: dict[str, str]) -> IdChanges:
    def keep(found: set[str]) -> set[str]:
        return {i for i in found if where.get(i) == document}

    return IdChanges(keep(ids.added), keep(ids.updated), keep(ids.removed))


class Written(NamedTuple, Generic[T]):
    """What a write returns: its result (``value``) and what it changed (``changes``).

    >>> quote, changes = layer.add_annotation(doc.id, "Quote", [(0, 12)])  # doctest: +SKIP
    """

    value: T
    changes: Changes


__all__ = ["Changes", "IdChanges", "Written"]
