"""A project's team facts: whose file it is (``owner``), whether it is ``blind``, and which
documents were handed to whom (the ``assignments`` table; see docs/team.md).

``settings`` is a key/value table: ``owner`` holds the id of the annotator a distributed file
belongs to (the window and the command line write under that name), ``blind`` is ``"1"`` when
the window must not show other annotators' layers, ``distribution`` a JSON note of how the
lead handed the documents out (seed, overlap, names, when).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.model import Annotator
from annotator.store import registry as reg_sql

if TYPE_CHECKING:
    from annotator.store.project import Project

OWNER, BLIND, DISTRIBUTION = "owner", "blind", "distribution"
#: {merged-away entity id: the id it was merged into}, so that merging an annotator's file
#: again after a registry merge finds its mentions where they went (store/team_merge.py).
MERGED_ENTITIES = "merged_entities"


@dataclass(frozen=True)
class Assignment:
    document: str
    annotator: str  # id
    name: str
    overlap: bool


def document_order(db: Database) -> list[str]:
    """Every document id, in project order."""
    return [r[0] for r in db.execute("SELECT id FROM documents ORDER BY seq")]


def get_setting(db: Database, key: str) -> str | None:
    if not db["settings"].exists():  # a file older than migration 0003, opened read-only
        return None
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Set (or, with None, remove) a setting, inside the caller's transaction."""
    if value is None:
        db.execute("DELETE FROM settings WHERE key = ?", [key])
    else:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def owner(db: Database) -> Annotator | None:
    """The annotator this file was handed to, if it was distributed."""
    found = get_setting(db, OWNER)
    return None if found is None else reg_sql.annotator_by_id(db, found)


def is_blind(db: Database) -> bool:
    return get_setting(db, BLIND) == "1"


def merged_entities(db: Database) -> dict[str, str]:
    raw = get_setting(db, MERGED_ENTITIES)
    return {} if raw is None else json.loads(raw)


def record_entity_merge(db: Database, other_id: str, keep_id: str | None) -> None:
    """Note that ``other_id`` was merged into ``keep_id`` (None: unmerged again); inside the
    caller's transaction."""
    table = merged_entities(db)
    if keep_id is None:
        table.pop(other_id, None)
    else:
        table = {k: (keep_id if v == other_id else v) for k, v in table.items()}
        table[other_id] = keep_id
    set_setting(db, MERGED_ENTITIES, json.dumps(table, sort_keys=True) if table else None)


def distribution(db: Database) -> dict[str, Any] | None:
    raw = get_setting(db, DISTRIBUTION)
    return None if raw is None else json.loads(raw)


def replace_assignments(
    db: Database, annotator_ids: Iterable[str], rows: Iterable[tuple[str, str, bool]]
) -> None:
    """Forget what these annotators were assigned, then store (document, annotator, overlap)
    rows; inside the caller's transaction."""
    for who in annotator_ids:
        db.execute("DELETE FROM assignments WHERE annotator = ?", [who])
    add_assignments(db, rows)


def add_assignments(db: Database, rows: Iterable[tuple[str, str, bool]]) -> int:
    """Add (document, annotator, overlap) rows not there yet; returns how many were added."""
    before = db.conn.total_changes
    db.conn.executemany(
        "INSERT INTO assignments (document, annotator, overlap) VALUES (?, ?, ?) "
        "ON CONFLICT (document, annotator) DO NOTHING",
        ((d, a, int(o)) for d, a, o in rows),
    )
    return db.conn.total_changes - before


def assignments(db: Database) -> list[Assignment]:
    """Every assignment, by annotator name then document order."""
    rows = db.execute(
        "SELECT s.document, s.annotator, an.name, s.overlap FROM assignments s "
        "JOIN annotators an ON an.id = s.annotator JOIN documents d ON d.id = s.document "
        "ORDER BY an.name, d.seq"
    )
    return [Assignment(d, a, n, bool(o)) for d, a, n, o in rows]


def assignment_counts(db: Database) -> list[dict[str, Any]]:
    """Per annotator: name, documents assigned, of which in the overlap sample."""
    rows = db.execute(
        "SELECT an.name, count(*), sum(s.overlap) FROM assignments s "
        "JOIN annotators an ON an.id = s.annotator GROUP BY an.id ORDER BY an.name"
    )
    return [{"name": n, "documents": c, "overlap": o or 0} for n, c, o in rows]


def assigned_names(db: Database, doc_ids: Iterable[str]) -> dict[str, list[str]]:
    """For each of these documents, the names of the annotators it was handed to."""
    ids = list(doc_ids)
    found: dict[str, list[str]] = {d: [] for d in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for doc, name in db.execute(
            "SELECT s.document, an.name FROM assignments s "
            f"JOIN annotators an ON an.id = s.annotator WHERE s.document IN ({marks}) "
            "ORDER BY an.name",
            chunk,
        ):
            found[doc].append(name)
    return found


class Team:
    """``project.team``: owner, blind and assignments of one open project."""

    def __init__(self, project: Project) -> None:
        self._project = project

    @property
    def owner(self) -> Annotator | None:
        return owner(self._project.db)

    @property
    def blind(self) -> bool:
        return is_blind(self._project.db)

    @property
    def distribution(self) -> dict[str, Any] | None:
        return distribution(self._project.db)

    def assignments(self) -> list[Assignment]:
        return assignments(self._project.db)

    def has_assignments(self) -> bool:
        db = self._project.db
        if not db["assignments"].exists():  # older than migration 0003, opened read-only
            return False
        return db.execute("SELECT EXISTS (SELECT 1 FROM assignments)").fetchone()[0] == 1

    def counts(self) -> list[dict[str, Any]]:
        return assignment_counts(self._project.db)

    def assigned_names(self, doc_ids: Iterable[str]) -> dict[str, list[str]]:
        return assigned_names(self._project.db, doc_ids)
