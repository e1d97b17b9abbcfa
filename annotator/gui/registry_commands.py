"""Undo commands for the actor registry: add, edit, merge, split an alias, delete.

Every command writes through the store at once (see gui/commands.py), then announces the
change: ``registryChanged`` always, and ``annotationsChanged`` when mentions of the open
document were relinked (a merge, split or deletion moves mentions between entities).
Undo and redo keep entity ids, so later commands that refer to an entity stay valid.
"""

from __future__ import annotations

from typing import Any

from annotator.core.model import Entity
from annotator.gui.commands import StoreCommand
from annotator.gui.session import Session
from annotator.store.actors import MergeRecord

ENTITY_FIELDS = ("name", "type", "aliases", "wikidata", "note")


def announce_registry_change(session: Session) -> None:
    """Tell the views that the registry changed; re-read the open document's annotations and
    report ``annotationsChanged`` if any of their entity links differ from what is shown."""
    project, doc = session.project, session.document
    if project is not None and doc is not None:
        shown = session.annotations  # may be only the first screen of a long document
        changed = [a for a in project.annotations(doc.id) if a.id in shown and shown[a.id] != a]
        for ann in changed:  # only entity links change: the reader's highlights stay
            shown[ann.id] = ann
        if changed:
            session.annotationsChanged.emit()
    session.registryChanged.emit()
    session.saved.emit()


class RegistryCommand(StoreCommand):
    """Base of the registry commands: announce the change after each apply and revert."""

    def redo(self) -> None:
        skipped = self.already_done  # the redo of the push after perform(): nothing new
        super().redo()
        if not skipped:
            announce_registry_change(self.session)

    def undo(self) -> None:
        super().undo()
        announce_registry_change(self.session)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddEntity(RegistryCommand):
    def __init__(self, session: Session, name: str, **fields: Any) -> None:
        super().__init__(session, f"Add actor {name}")
        self.name, self.fields = name, fields
        self.entity: Entity | None = None

    def apply(self) -> None:
        if self.entity is None:
            self.entity = self.project.add_entity(self.name, **self.fields)
        else:
            e = self.entity
            self.project.add_entity(
                e.name,
                type=e.type,
                aliases=e.aliases,
                wikidata=e.wikidata,
                note=e.note,
                id=e.id,
                created=e.created,
                modified=e.modified,
            )

    def revert(self) -> None:
        assert self.entity is not None
        self.project.delete_entity(self.entity.id)


class EditEntity(RegistryCommand):
    """Change fields of an entity (name, type, aliases, wikidata, note); undo restores them."""

    def __init__(self, session: Session, entity_id: str, **changes: Any) -> None:
        unknown = set(changes) - set(ENTITY_FIELDS)
        if unknown:
            raise TypeError(f"not entity fields: {', '.join(sorted(unknown))}")
        assert session.project is not None
        before = session.project.entity(entity_id)
        super().__init__(session, f"Edit actor {before.name}")
        self.entity_id, self.changes = entity_id, changes
        self.before = {name: getattr(before, name) for name in changes}

    def apply(self) -> None:
        self.project.update_entity(self.entity_id, **self.changes)

    def revert(self) -> None:
        self.project.update_entity(self.entity_id, **self.before)


class MergeEntities(RegistryCommand):
    """Merge ``other`` into ``keep`` (its mentions, name and aliases go to ``keep``)."""

    def __init__(self, session: Session, keep_id: str, other_id: str) -> None:
        assert session.project is not None
        keep, other = session.project.entity(keep_id), session.project.entity(other_id)
        super().__init__(session, f"Merge {other.name} into {keep.name}")
        self.keep_id, self.other_id = keep_id, other_id
        self.record: MergeRecord | None = None

    def apply(self) -> None:
        self.record = self.project.merge_entities(self.keep_id, self.other_id)

    def revert(self) -> None:
        assert self.record is not None
        self.project.unmerge(self.record)


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
            self.new = self.project.split_alias(self.entity_id, self.alias)
        else:
            self.project.unmerge(self.merged_back)

    def revert(self) -> None:
        assert self.new is not None
        self.merged_back = self.project.merge_entities(self.entity_id, self.new.id)


class DeleteEntity(RegistryCommand):
    """Remove an entity; its mentions stay, unlinked. Undo restores it and relinks them."""

    def __init__(self, session: Session, entity_id: str) -> None:
        assert session.project is not None
        super().__init__(session, f"Delete actor {session.project.entity(entity_id).name}")
        self.entity_id = entity_id
        self.removed: Entity | None = None
        self.mentions: list[tuple[str, str, str]] = []

    def apply(self) -> None:
        project = self.project
        with project.transaction():
            self.mentions = project.entity_mentions(self.entity_id)
            self.removed = project.delete_entity(self.entity_id)

    def revert(self) -> None:
        assert self.removed is not None
        self.project.restore_entity(self.removed, self.mentions)
