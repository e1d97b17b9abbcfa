"""Actors across the corpus: counts per entity, matching mentions to the registry, linking,
merging and splitting entities, and propagating a name to its unannotated occurrences.

A mixin of :class:`~annotator.store.project.Project`. Like the other edits, each writing
method runs in one transaction and returns what an undo step needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ValidationError
from annotator.core.matching import NameIndex, normalise_name
from annotator.core.model import Annotation, Entity, now
from annotator.core.schema import ADDRESSEE, CLAIMANT, SPEAKER
from annotator.core.validation import require_label
from annotator.store import annotations as ann_sql
from annotator.store import registry as reg_sql
from annotator.store.editing import _ProjectParts
from annotator.store.propagation import Occurrence, annotated_spans, preview
from annotator.store.rows import parse_fragments

# The relation roles that make an entity a speaker or a party to a demand, SPEAKER, CLAIMANT
# and ADDRESSEE, come from annotator.core.schema; Schema.roles says which relation plays each.


@dataclass(frozen=True, slots=True)
class EntityCounts:
    mentions: int = 0
    quotes: int = 0  # quotes whose speaker is a mention of the entity
    demands_made: int = 0  # demands whose claimant is a mention of the entity
    demands_received: int = 0  # demands whose addressee is a mention of the entity


@dataclass(frozen=True)
class MergeRecord:
    """What :meth:`ActorRegistry.unmerge` needs to undo a merge exactly."""

    keep: Entity  # as it was before the merge
    other: Entity  # the entity that was merged in (and deleted)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, old modified)


class ActorRegistry(_ProjectParts):
    """Registry operations over the whole corpus (a mixin of Project)."""

    # (write stamp, registry rows, index built from them); see _index
    _name_index: tuple[tuple[int, int], list[Any], NameIndex] | None = None

    if TYPE_CHECKING:  # provided by the editing mixins of Project
        from annotator.store.editing import AnnotationEditing, RegistryEditing

        add_annotation = AnnotationEditing.add_annotation
        entity = RegistryEditing.entity
        add_entity = RegistryEditing.add_entity
        update_entity = RegistryEditing.update_entity

    # -- reading -------------------------------------------------------------------------

    def entity_counts(self) -> dict[str, EntityCounts]:
        """Mentions, quotes, demands made and received per entity id (every entity listed);
        the relations counted are those of the schema's speaker, claimant and addressee roles."""
        mentions = dict(
            self.db.execute(
                "SELECT entity, count(*) FROM annotations WHERE entity IS NOT NULL GROUP BY entity"
            )
        )
        roles = self.schema.roles
        pairs = ((SPEAKER, roles.speaker), (CLAIMANT, roles.claimant), (ADDRESSEE, roles.addressee))
        role_of = {name: role for role, name in pairs if name is not None}
        # A quote with two speaker relations to mentions of one entity counts once.
        by_role: dict[tuple[str, str], int] = {}
        if role_of:
            marks = ", ".join("?" * len(role_of))
            for entity_id, rel_type, count in self.db.execute(
                "SELECT a.entity, r.type, count(DISTINCT r.source) FROM relations r "
                "JOIN annotations a ON a.id = r.target "
                f"WHERE a.entity IS NOT NULL AND r.type IN ({marks}) GROUP BY a.entity, r.type",
                list(role_of),
            ):
                by_role[(entity_id, role_of[rel_type])] = count
        return {
            entity_id: EntityCounts(
                mentions.get(entity_id, 0),
                by_role.get((entity_id, SPEAKER), 0),
                by_role.get((entity_id, CLAIMANT), 0),
                by_role.get((entity_id, ADDRESSEE), 0),
            )
            for (entity_id,) in self.db.execute("SELECT id FROM entities ORDER BY id")
        }

    def _index(self) -> NameIndex:
        # Any write, on this connection (total_changes) or another (data_version), may have
        # touched the registry; then re-read id, name and aliases (cheap for a few thousand
        # entities) and rebuild only if they differ from what the index was built from.
        stamp = (
            self.db.conn.total_changes,
            self.db.execute("PRAGMA data_version").fetchone()[0],
        )
        cached = self._name_index
        if cached is not None and cached[0] == stamp:
            return cached[2]
        rows = self.db.execute("SELECT id, name, aliases FROM entities ORDER BY id").fetchall()
        if cached is None or cached[1] != rows:
            index = NameIndex(reg_sql.list_entities(self.db))
        else:
            index = cached[2]
        self._name_index = (stamp, rows, index)
        return index

    def match_entities(self, text: str) -> list[Entity]:
        """Entities with a name or alias of the same key as ``text``; several = ambiguous."""
        return [self.entity(i) for i in self._index().match(text)]

    def suggest_entities(self, text: str, limit: int = 10) -> list[tuple[Entity, float]]:
        """The closest entities by fuzzy name matching, with scores 0..100, best first."""
        return [(self.entity(i), score) for i, _name, score in self._index().suggest(text, limit)]

    # -- linking mentions ------------------------------------------------------------------

    def link_mention(self, ann_id: str, entity_id: str | None) -> str | None:
        """Link a mention to an entity (None: unlink); returns the previous entity id (undo)."""
        with self.transaction():
            ann = ann_sql.require_annotation(self.db, ann_id)
            spec = require_label(self.schema, ann.label)
            if entity_id is not None:
                if not spec.entity:
                    raise ValidationError(
                        f"{ann.label} annotations cannot be linked to the actor registry"
                    )
                reg_sql.require_entity(self.db, entity_id)
            if ann.entity != entity_id:
                self.db.execute(
                    "UPDATE annotations SET entity = ?, modified = ? WHERE id = ?",
                    [entity_id, now(), ann_id],
                )
        return ann.entity

    def add_actor_annotation(
        self,
        doc_id: str,
        start: int,
        end: int,
        attributes: Mapping[str, Any] | None = None,
        *,
        label: str = "Actor",
    ) -> tuple[Annotation, list[str]]:
        """Tag ``start..end`` as a mention, linked if its text matches exactly one entity.

        Returns (annotation, candidates): the candidates are the entity ids when the text
        matches several (then the mention is left unlinked, for the user to choose).
        """
        text = self._text(doc_id)
        if not 0 <= start < end <= len(text):
            raise ValidationError(f"span {start}..{end} is not within the text")
        found = self._index().match(text[start:end])
        entity = found[0] if len(found) == 1 else None
        ann = self.add_annotation(
            doc_id, label, [(start, end)], attributes=attributes, entity=entity
        )
        return ann, found if len(found) > 1 else []

    # -- merging and splitting entities ------------------------------------------------------

    def merge_entities(self, keep_id: str, other_id: str) -> MergeRecord:
        """Merge ``other`` into ``keep``: its mentions move to ``keep``, its name and aliases
        become aliases of ``keep`` (names with the same key as one already there are left
        out), a missing type or Wikidata id of ``keep`` is taken from it, and it is deleted.
        Undo with :meth:`unmerge`."""
        if keep_id == other_id:
            raise ValidationError("an actor cannot be merged with itself")
        with self.transaction():
            keep = reg_sql.require_entity(self.db, keep_id)
            other = reg_sql.require_entity(self.db, other_id)
            moved = list(
                self.db.execute(
                    "SELECT id, modified FROM annotations WHERE entity = ? ORDER BY id", [other_id]
                )
            )
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
            reg_sql.clean_entity(self.schema, merged)
            self.db.execute(
                "UPDATE annotations SET entity = ?, modified = ? WHERE entity = ?",
                [keep_id, stamp, other_id],
            )
            reg_sql.upsert_entity(self.db, merged, insert=False)
            reg_sql.delete_entity(self.db, other_id)
        return MergeRecord(keep, other, moved)

    def unmerge(self, record: MergeRecord) -> None:
        """Undo :meth:`merge_entities`: ``other`` comes back with its id and fields, its
        mentions are linked to it again (with their old modification times), and ``keep``
        gets back its fields as they were."""
        with self.transaction():
            reg_sql.require_entity(self.db, record.keep.id)
            if reg_sql.get_entity(self.db, record.other.id) is not None:
                raise ValidationError(f"an actor with id {record.other.id!r} already exists")
            reg_sql.upsert_entity(self.db, record.keep, insert=False)
            reg_sql.upsert_entity(self.db, record.other, insert=True)
            self.db.conn.executemany(
                "UPDATE annotations SET entity = ?, modified = ? WHERE id = ? AND entity = ?",
                [(record.other.id, modified, i, record.keep.id) for i, modified in record.moved],
            )

    def split_alias(self, entity_id: str, alias: str) -> Entity:
        """Make an alias an entity of its own (same type) and move to it the mentions whose
        text has the alias's key. Returns the new entity.

        Undo with ``merge_entities(entity_id, new.id)``: the alias and the mentions return (the
        alias goes to the end of the list).
        """
        with self.transaction():
            entity = reg_sql.require_entity(self.db, entity_id)
            key = normalise_name(alias)
            remaining = [a for a in entity.aliases if normalise_name(a) != key]
            if not key or len(remaining) == len(entity.aliases):
                raise ValidationError(f"{alias!r} is not an alias of {entity.name!r}")
            spelled = next(a for a in entity.aliases if normalise_name(a) == key)
            self.update_entity(entity_id, aliases=remaining)
            new = self.add_entity(spelled, type=entity.type)
            stamp = now()
            moving = [
                (new.id, stamp, ann_id)
                for ann_id, raw in self.db.execute(
                    "SELECT id, fragments FROM annotations WHERE entity = ?", [entity_id]
                ).fetchall()
                if normalise_name(" ".join(f.text for f in parse_fragments(raw))) == key
            ]
            self.db.conn.executemany(
                "UPDATE annotations SET entity = ?, modified = ? WHERE id = ?", moving
            )
        return new

    # -- propagation ---------------------------------------------------------------------

    def propagation_preview(
        self,
        entity_id: str | None,
        *,
        text: str | None = None,
        document: str | None = None,
        limit: int | None = None,
        label: str = "Actor",
    ) -> list[Occurrence]:
        """Occurrences of the entity's name and aliases (or of the literal ``text``, if given)
        in ``document`` or across the corpus, whole words only, that no ``label`` annotation
        covers with exactly the same span; in import order, then text order."""
        if text is not None:
            names = [text]
        elif entity_id is not None:
            entity = self.entity(entity_id)
            names = [entity.name, *entity.aliases]
        else:
            raise ValidationError("give an actor or a text to look for")
        if document is not None:
            self._text(document)  # an unknown document is an error, not "nothing found"
        return preview(self.db, names, label, document, limit)

    def apply_propagation(
        self, occurrences: Iterable[Occurrence], entity_id: str | None, label: str = "Actor"
    ) -> list[Annotation]:
        """Tag the occurrences (origin "propagation", linked to ``entity_id``) in one
        transaction; spans already tagged with ``label`` (or listed twice) are skipped, so
        no duplicate is ever made. Returns the new annotations; undo with
        :meth:`undo_propagation`."""
        wanted: dict[tuple[str, int, int], Occurrence] = {}
        for occ in occurrences:
            wanted.setdefault((occ.document_id, occ.start, occ.end), occ)
        created: list[Annotation] = []
        with self.transaction():
            taken = annotated_spans(self.db, label, sorted({k[0] for k in wanted}))
            for key, occ in wanted.items():
                if key in taken:
                    continue
                created.append(
                    self.add_annotation(
                        occ.document_id,
                        label,
                        [(occ.start, occ.end, occ.text)],
                        entity=entity_id,
                        origin="propagation",
                    )
                )
        return created

    def undo_propagation(self, ann_ids: Iterable[str]) -> None:
        """Delete the annotations :meth:`apply_propagation` made, in one transaction."""
        with self.transaction():
            for ann_id in ann_ids:
                ann_sql.require_annotation(self.db, ann_id)
                ann_sql.delete_annotation(self.db, ann_id)


__all__ = ["ActorRegistry", "EntityCounts", "MergeRecord", "Occurrence"]
