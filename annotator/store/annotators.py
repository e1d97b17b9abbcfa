"""The people (and the gold and suggestions layers) whose annotations a project holds.

An annotator is created the first time something is written in their name, never by reading.
Two annotators are reserved, with the same id in every project file so that their layers
merge like any other: **gold** (id ``gold``), the layer a reviewer adjudicates into, and
**suggestions** (id ``suggestions``), what the suggestion engines propose (store/suggestions.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.changes import Written
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Annotator
from annotator.store import registry as reg_sql

if TYPE_CHECKING:
    from annotator.store.project import Project

#: The reserved annotator of the adjudicated layer.
GOLD_ID = "gold"
GOLD_NAME = "Gold"
#: The reserved annotator of the engines' suggestions.
SUGGESTIONS_ID = "suggestions"
SUGGESTIONS_NAME = "Suggestions"
#: Reserved id -> name.
RESERVED = {GOLD_ID: GOLD_NAME, SUGGESTIONS_ID: SUGGESTIONS_NAME}


def is_reserved(name: str | None = None, annotator_id: str | None = None) -> bool:
    """Whether a name or id is a reserved layer's (which no person may take)."""
    if annotator_id in RESERVED:
        return True
    key = None if name is None else name.strip().casefold()
    return key is not None and any(key == n.casefold() for n in RESERVED.values())


def reserved_id(name: str) -> str | None:
    """The id of the reserved layer of this name (or id), if it is one."""
    key = name.strip().casefold()
    return next((i for i, n in RESERVED.items() if key in (i, n.casefold())), None)


class Annotators:
    """``project.annotators``: who annotates in this project."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._db = project.db

    def all(self) -> list[Annotator]:
        """Everyone with a row, gold included once it has been written to, by name."""
        return reg_sql.list_annotators(self._db)

    def get(self, annotator_id: str) -> Annotator:
        found = reg_sql.annotator_by_id(self._db, annotator_id)
        if found is None:
            raise NotFoundError(f"no annotator with id {annotator_id!r}")
        return found

    def named(self, name: str) -> Annotator | None:
        return reg_sql.annotator_by_name(self._db, name.strip())

    def add(self, name: str, id: str | None = None) -> Written[Annotator]:
        """Add a person; refused if the name is taken or reserved for gold."""
        if is_reserved(name, id):
            raise ValidationError(
                f"{name.strip()!r} is reserved (for the gold layer and the suggestions layer)"
            )
        with self._project.transaction() as changes:
            if self.named(name) is not None:
                raise ValidationError(f"an annotator named {name.strip()!r} already exists")
            person = reg_sql.insert_annotator(self._db, name, id)
            changes.annotators.add(person.id)
        return Written(person, changes)

    def ensure(self, name: str, annotator_id: str | None = None) -> Annotator:
        """The annotator of that name (or id), created inside the current write if missing."""
        found = None
        if annotator_id is not None:
            found = reg_sql.annotator_by_id(self._db, annotator_id)
        if found is None:
            found = self.named(name)
        if found is not None:
            return found
        with self._project.transaction() as changes:
            person = reg_sql.insert_annotator(self._db, name, annotator_id)
            changes.annotators.add(person.id)
        return person
