"""Undo commands for the actor registry: add, edit, merge, split an alias, delete.

Every command writes through the store (see gui/commands.py); the session announces the
change record, which names the entities and the relinked mentions (a merge, split or deletion
moves mentions between entities). Registry edits belong to no document, so undoing one opens
none. Undo and redo keep entity ids, so later commands that refer to an entity stay valid.
"""

from __future__ import annotations

from typing import Any

from annotator.core.model import Entity
from annotator.gui.commands import StoreCommand
from annotator.gui.session import Session
from annotator.store.actors import MergeRecord, Registry

ENTITY_FIELDS = ("name", "type", "aliases", "wikidata", "note")


class RegistryCommand(StoreCommand):
    """Base of the registry commands: about the registry, not about one document."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(session, text)
        self.document_id = None

    @property
    def registry(self) -> Registry:
        return self.project.registry


class AddEntity(RegistryCommand):
    def __init__(self, session: Session, name: str, **fields: Any) -> None:
        super().__init__(session, f"Add actor {name}")
        self.name, self.fields = name, fields
        self.entity: Entity | None = None

    def apply(self) -> None:
        if self.entity is None:
            self.entity = self.registry.add(self.name, **self.fields).value
        else:
            self.registry.add_copy(self.entity)

    def revert(self) -> None:
        assert self.entity is not None
        self.registry.delete(self.entity.id)


class EditEntity(RegistryCommand):
    """Change fields of an entity (name, type, aliases, wikidata, note); undo restores them."""

    def __init__(self, session: Session, entity_id: str, **changes: Any) -> None:
        unknown = set(changes) - set(ENTITY_FIELDS)
        if unknown:
            raise TypeError(f"not entity fields: {', '.join(sorted(unknown))}")
        assert session.project is not None
        before = session.project.registry.get(entity_id)
        super().__init__(session, f"Edit actor {before.name}")
        self.entity_id, self.changes = entity_id, changes
        self.before = {name: getattr(before, name) for name in changes}

    def apply(self) -> None:
        self.registry.update(self.entity_id, **self.changes)

    def revert(self) -> None:
        self.registry.update(self.entity_id, **self.before)


class MergeEntities(RegistryCommand):
    """Merge ``other`` into ``keep`` (its mentions, name and aliases go to ``keep``)."""

    def __init__(self, session: Session, keep_id: str, other_id: str) -> None:
        assert session.project is not None
        registry = session.project.registry
        keep, other = registry.get(keep_id), registry.get(other_id)
        super().__init__(session, f"Merge {other.name} into {keep.name}")
        self.keep_id, self.other_id = keep_id, other_id
        self.record: MergeRecord | None = None

    def apply(self) -> None:
        self.record = self.registry.merge(self.keep_id, self.other_id).value

    def revert(self) -> None:
        assert self.record is not None
        self.registry.unmerge(self.record)


class SplitAlias(RegistryCommand):
    """Make an alias an entity of its own; its mentions move to it.

    Undo merges the new entity back (the alias returns at the end of the list); redo then
    un-merges that, so the new entity keeps its id across undo and redo.
    """

    def __init__(self, session: Session, entity_id: str, alias: str) -> None:
        super().__init__(session, f"Split {alias} off")
        self.entity_id, self.alias = entity_id, alias
        self.new: Entity | None = None
        self.merged_back: MergeRecord | None = None

    def apply(self) -> None:
        if self.merged_back is None:
            self.new = self.registry.split_alias(self.entity_id, self.alias).value
        else:
            self.registry.unmerge(self.merged_back)

    def revert(self) -> None:
        assert self.new is not None
        self.merged_back = self.registry.merge(self.entity_id, self.new.id).value


class DeleteEntity(RegistryCommand):
    """Remove an entity; its mentions stay, unlinked. Undo restores it and relinks them."""

    def __init__(self, session: Session, entity_id: str) -> None:
        assert session.project is not None
        name = session.project.registry.get(entity_id).name
        super().__init__(session, f"Delete actor {name}")
        self.entity_id = entity_id
        self.removed: Entity | None = None
        self.mentions: list[tuple[str, str, str]] = []

    def apply(self) -> None:
        self.mentions = self.registry.mentions(self.entity_id)
        self.removed = self.registry.delete(self.entity_id).value

    def revert(self) -> None:
        assert self.removed is not None
        self.registry.restore(self.removed, self.mentions)
