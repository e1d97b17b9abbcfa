"""``project.registry``: the actor registry (entities) and what it knows across the corpus.

Entities are project-wide: every layer links its mentions to the same registry. Counts and the
dossier can be read for one layer or for all. Merging, splitting and deleting entities move
the mentions of every layer. Each write runs in one transaction and returns, with its value,
the :class:`~annotator.core.changes.Changes` it made (what an undo step needs is in the value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Changes, Written
from annotator.core.errors import ValidationError
from annotator.core.matching import NameIndex, normalise_name
from annotator.core.model import Entity, new_id, now
from annotator.store import annotations as ann_sql
from annotator.store import registry as reg_sql
from annotator.store import team
from annotator.store.dossier import DossierEntry, dossier_entries
from annotator.store.propagation import Occurrence, preview
from annotator.store.rows import parse_fragments

if TYPE_CHECKING:
    from annotator.store.layer import Layer
    from annotator.store.project import Project

_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class EntityCounts:
    mentions: int = 0
    quotes: int = 0  # quotes whose speaker is a mention of the entity
    demands_made: int = 0  # demands whose claimant is a mention of the entity
    demands_received: int = 0  # demands whose addressee is a mention of the entity


@dataclass(frozen=True)
class MergeRecord:
    """What :meth:`Registry.unmerge` needs to undo a merge exactly."""

    keep: Entity  # as it was before the merge
    other: Entity  # the entity that was merged in (and deleted)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, old modified)


def _alias_list(aliases: Iterable[str]) -> list[str]:
    # list("Karamov") would store seven one-letter aliases
    if isinstance(aliases, str):
        raise ValidationError("aliases must be a list of names, not one text")
    return list(aliases)


class Registry:
    """The project's entities: names, types, aliases, Wikidata ids, and their mentions."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._db = project.db
        # (write stamp, registry rows, index built from them); see _index
        self._name_index: tuple[tuple[int, int], list[Any], NameIndex] | None = None

    # -- reading -------------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity:
        return reg_sql.require_entity(self._db, entity_id)

    def all(self) -> list[Entity]:
        """Every entity, by name."""
        return reg_sql.list_entities(self._db)

    def count(self) -> int:
        return reg_sql.count_entities(self._db)

    def counts(
        self, layer: Layer | None = None, entity_ids: Iterable[str] | None = None
    ) -> dict[str, EntityCounts]:
        """Mentions, quotes, demands made and received per entity id, in one layer (or all);
        for every entity, or only for ``entity_ids`` (those that still exist)."""
        who = _layer_id(layer)
        wanted = None if entity_ids is None else sorted(set(entity_ids))
        roles = self._project.schema.roles  # the relations that play these roles, if any
        names = (roles.speaker, roles.claimant, roles.addressee)
        rows = reg_sql.entity_counts(self._db, names, who, wanted)
        return {
            entity_id: EntityCounts(mentions, spoke, made, received)
            for entity_id, mentions, spoke, made, received in rows
        }

    def mentions(self, entity_id: str) -> list[tuple[str, str, str]]:
        """(annotation id, document id, modified) of every mention linked to the entity."""
        return reg_sql.entity_mentions(self._db, entity_id)

    def dossier(self, entity_id: str, layer: Layer | None = None) -> list[DossierEntry]:
        """Quotes the entity spoke, demands it made and demands made of it, across the corpus:
        grouped by role (speaker, claimant, addressee), then in document and text order."""
        reg_sql.require_entity(self._db, entity_id)
        return dossier_entries(self._db, self._project.schema.roles, entity_id, _layer_id(layer))

    def _index(self) -> NameIndex:
        # Any write, on this connection (total_changes) or another (data_version), may have
        # touched the registry; then re-read id, name and aliases (cheap for a few thousand
        # entities) and rebuild only if they differ from what the index was built from.
        stamp = (self._db.conn.total_changes, reg_sql.data_version(self._db))
        cached = self._name_index
        if cached is not None and cached[0] == stamp:
            return cached[2]
        rows = reg_sql.entity_names(self._db)
        index = NameIndex(self.all()) if cached is None or cached[1] != rows else cached[2]
        self._name_index = (stamp, rows, index)
        return index

    def match_ids(self, text: str) -> list[str]:
        """Ids of the entities with a name or alias of the same key as ``text``."""
        return self._index().match(text)

    def match(self, text: str) -> list[Entity]:
        """Entities with a name or alias of the same key as ``text``; several = ambiguous."""
        return [self.get(i) for i in self.match_ids(text)]

    def suggest(self, text: str, limit: int = 10) -> list[tuple[Entity, float]]:
        """The closest entities by fuzzy name matching, with scores 0..100, best first."""
        return [(self.get(i), score) for i, _name, score in self._index().suggest(text, limit)]

    def propagation_preview(
        self,
        entity_id: str | None,
        *,
        label: str,
        layer: Layer,
        text: str | None = None,
        document: str | None = None,
        limit: int | None = None,
    ) -> list[Occurrence]:
        """Occurrences of the entity's name and aliases (or of the literal ``text``, if given)
        in ``document`` or across the corpus, whole words only, that no ``label`` annotation
        of ``layer`` covers with exactly the same span; in import order, then text order."""
        if text is not None:
            names = [text]
        elif entity_id is not None:
            entity = self.get(entity_id)
            names = [entity.name, *entity.aliases]
        else:
            raise ValidationError("give an actor or a text to look for")
        if document is not None:
            self._project.documents.text(document)  # an unknown document is an error
        return preview(self._db, names, label, document, limit, _layer_id(layer))

    # -- writing ------------------------------------------------------------------------------

    def add(
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
    ) -> Written[Entity]:
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
        with self._project.transaction() as changes:
            reg_sql.clean_entity(self._project.schema, entity)
            if reg_sql.get_entity(self._db, entity.id) is not None:
                raise ValidationError(f"an actor with id {entity.id!r} already exists")
            reg_sql.upsert_entity(self._db, entity, insert=True)
            changes.entity("added", entity.id)
        return Written(entity, changes)

    def add_copy(self, entity: Entity) -> Written[Entity]:
        """Add an entity of another project as it is: same id, names, dates."""
        return self.add(
            entity.name,
            type=entity.type,
            aliases=entity.aliases,
            wikidata=entity.wikidata,
            note=entity.note,
            id=entity.id,
            created=entity.created,
            modified=entity.modified,
        )

    def update(
        self,
        entity_id: str,
        *,
        name: str = _UNSET,
        type: str | None = _UNSET,
        aliases: Iterable[str] = _UNSET,
        wikidata: str | None = _UNSET,
        note: str | None = _UNSET,
    ) -> Written[Entity]:
        with self._project.transaction() as changes:
            entity = reg_sql.require_entity(self._db, entity_id)
            for name_, value in (
                ("name", name),
                ("type", type),
                ("wikidata", wikidata),
                ("note", note),
            ):
                if value is not _UNSET:
                    setattr(entity, name_, value)
            if aliases is not _UNSET:
                entity.aliases = _alias_list(aliases)
            reg_sql.clean_entity(self._project.schema, entity)
            entity.modified = now()
            reg_sql.upsert_entity(self._db, entity, insert=False)
            changes.entity("updated", entity.id)
        return Written(entity, changes)

    def delete(self, entity_id: str) -> Written[Entity]:
        """Remove an actor from the registry; its mentions stay, unlinked."""
        with self._project.transaction() as changes:
            entity = reg_sql.require_entity(self._db, entity_id)
            self._note_mentions(changes, entity_id)
            reg_sql.delete_entity(self._db, entity_id)
            changes.entity("removed", entity_id)
        return Written(entity, changes)

    def restore(self, entity: Entity, mentions: Iterable[tuple[str, str, str]]) -> Written[None]:
        """Put back an entity removed by :meth:`delete` with its id and fields, and link its
        former mentions (from :meth:`mentions`) to it again, with their old times."""
        with self._project.transaction() as changes:
            if reg_sql.get_entity(self._db, entity.id) is not None:
                raise ValidationError(f"an actor with id {entity.id!r} already exists")
            reg_sql.upsert_entity(self._db, entity, insert=True)
            changes.entity("added", entity.id)
            relinked = [(ann_id, modified) for ann_id, _doc, modified in mentions]
            ann_sql.relink_unlinked(self._db, entity.id, relinked)
            self._note_mentions(changes, entity.id)
        return Written(None, changes)

    def _note_mentions(self, changes: Changes, entity_id: str) -> None:
        """Every mention of the entity is (about to be) changed."""
        for ann_id, document, annotator in ann_sql.mentions_of(self._db, entity_id):
            changes.annotation("updated", ann_id, document, annotator)
        changes.counts_of([entity_id])

    def merge(self, keep_id: str, other_id: str) -> Written[MergeRecord]:
        """Merge ``other`` into ``keep``: its mentions move to ``keep``, its name and aliases
        become aliases of ``keep`` (names with the same key as one already there are left
        out), a missing type or Wikidata id of ``keep`` is taken from it, and it is deleted.
        Undo with :meth:`unmerge`."""
        if keep_id == other_id:
            raise ValidationError("an actor cannot be merged with itself")
        with self._project.transaction() as changes:
            keep = reg_sql.require_entity(self._db, keep_id)
            other = reg_sql.require_entity(self._db, other_id)
            moved = reg_sql.mention_times(self._db, other_id)
            merged = replace(keep, aliases=list(keep.aliases))
            keys = {normalise_name(n) for n in (keep.name, *keep.aliases)}
            for name in (other.name, *other.aliases):
                if normalise_name(name) not in keys:
                    keys.add(normalise_name(name))
                    merged.aliases.append(name)
            merged.type = keep.type or other.type
            merged.wikidata = keep.wikidata or other.wikidata
            stamp = now()
            merged.modified = stamp
            reg_sql.clean_entity(self._project.schema, merged)
            self._note_mentions(changes, other_id)
            ann_sql.set_entity(self._db, [(keep_id, stamp, ann_id) for ann_id, _ in moved])
            reg_sql.upsert_entity(self._db, merged, insert=False)
            reg_sql.delete_entity(self._db, other_id)
            team.record_entity_merge(self._db, other_id, keep_id)  # for merging files again
            changes.entity("updated", keep_id)
            changes.entity("removed", other_id)
            changes.counts_of([keep_id])
        return Written(MergeRecord(keep, other, moved), changes)

    def unmerge(self, record: MergeRecord) -> Written[None]:
        """Undo :meth:`merge`: ``other`` comes back with its id and fields, its mentions are
        linked to it again (with their old modification times), and ``keep`` gets back its
        fields as they were."""
        with self._project.transaction() as changes:
            reg_sql.require_entity(self._db, record.keep.id)
            if reg_sql.get_entity(self._db, record.other.id) is not None:
                raise ValidationError(f"an actor with id {record.other.id!r} already exists")
            reg_sql.upsert_entity(self._db, record.keep, insert=False)
            reg_sql.upsert_entity(self._db, record.other, insert=True)
            ann_sql.move_mentions(self._db, record.keep.id, record.other.id, record.moved)
            team.record_entity_merge(self._db, record.other.id, None)
            self._note_mentions(changes, record.other.id)
            changes.entity("updated", record.keep.id)
            changes.entity("added", record.other.id)
            changes.counts_of([record.keep.id])
        return Written(None, changes)

    def split_alias(self, entity_id: str, alias: str) -> Written[Entity]:
        """Make an alias an entity of its own (same type) and move to it the mentions whose
        text has the alias's key. Returns the new entity.

        Undo with ``merge(entity_id, new.id)``: the alias and the mentions return (the alias
        goes to the end of the list).
        """
        with self._project.transaction() as changes:
            entity = reg_sql.require_entity(self._db, entity_id)
            key = normalise_name(alias)
            remaining = [a for a in entity.aliases if normalise_name(a) != key]
            if not key or len(remaining) == len(entity.aliases):
                raise ValidationError(f"{alias!r} is not an alias of {entity.name!r}")
            spelled = next(a for a in entity.aliases if normalise_name(a) == key)
            self.update(entity_id, aliases=remaining)
            new = self.add(spelled, type=entity.type).value
            stamp = now()
            moving = [
                (new.id, stamp, ann_id)
                for ann_id, raw in ann_sql.mention_fragments(self._db, entity_id)
                if normalise_name(" ".join(f.text for f in parse_fragments(raw))) == key
            ]
            ann_sql.set_entity(self._db, moving)
            self._note_mentions(changes, new.id)
            changes.counts_of([entity_id])
        return Written(new, changes)


def _layer_id(layer: Layer | None) -> str | None:
    """The annotator id a query is limited to: None for all layers; "" (which no row has) for
    a layer nothing was written in yet."""
    if layer is None:
        return None
    return layer.annotator_id or ""


__all__ = ["EntityCounts", "MergeRecord", "Registry"]
