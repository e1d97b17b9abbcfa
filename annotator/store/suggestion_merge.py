"""What an import or a team merge brings of the suggestions layer besides its annotations.

* **Engine and score.** A native export gives each suggestion ``"suggestion": {"engine",
  "score"}`` (store/bundles.py); merging it (store/merge.py, merge_bulk.py) writes them to
  ``suggestion_info`` with the annotation. A project file's rows are copied.
* **Verdicts** travel in project files only (an export is a dataset, not the state of the
  work): merging an annotator's file copies what they accepted and rejected, per document (by
  its text), span and person, so that the review project counts every person's decisions and
  does not suggest a decided span again (ADR 26).

Both are written with ``INSERT OR IGNORE``: merging the same file again adds nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.store import registry as reg_sql
from annotator.store.annotators import SUGGESTIONS_ID
from annotator.store.suggestion_review import note_span

if TYPE_CHECKING:
    from annotator.store.project import Project

#: (annotation id, engine, score)
InfoRow = tuple[str, str, float]

INSERT_INFO = "INSERT OR IGNORE INTO suggestion_info (annotation, engine, score) VALUES (?, ?, ?)"
_INSERT_INFO_IF_SUGGESTION = (
    "INSERT OR IGNORE INTO suggestion_info (annotation, engine, score) SELECT ?, ?, ? "
    "WHERE EXISTS (SELECT 1 FROM annotations WHERE id = ? AND annotator = ?)"
)
_INSERT_VERDICT = (
    'INSERT OR IGNORE INTO suggestion_verdicts (document, label, start, "end", verdict, '
    "engine, annotator, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def info_row(ann_id: str, layer: str | None, value: Any) -> InfoRow | None:
    """The ``suggestion_info`` row of an incoming annotation, if it is a suggestion (of the
    suggestions layer, with an engine and a score); a malformed value is refused."""
    if value is None or layer != SUGGESTIONS_ID:
        return None  # a person's annotation keeps no engine (its origin says "suggestion")
    if not isinstance(value, dict):
        raise ValidationError(f"annotation {ann_id}: 'suggestion' must be an object")
    engine, score = value.get("engine"), value.get("score")
    if not isinstance(engine, str) or not engine.strip():
        raise ValidationError(f"annotation {ann_id}: the suggestion's engine must be a name")
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise ValidationError(
            f"annotation {ann_id}: the suggestion's score must be a number from 0 to 1"
        )
    return (ann_id, engine, float(score))


def _has_tables(db: Database) -> bool:
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"suggestion_info", "suggestion_verdicts"} <= names


def carry_from_project_file(out: Project, src: Database) -> tuple[int, int]:
    """Copy the engines and scores of the suggestions merged from ``src`` (an annotator's
    project file, read-only) and its verdicts; returns how many of each were new."""
    if not _has_tables(src) or not _has_tables(out.db):
        return 0, 0  # a file of a version before suggestions
    db = out.db
    before = db.conn.total_changes
    db.conn.executemany(
        _INSERT_INFO_IF_SUGGESTION,
        (
            (ann_id, engine, score, ann_id, SUGGESTIONS_ID)
            for ann_id, engine, score in src.execute(
                "SELECT annotation, engine, score FROM suggestion_info"
            )
        ),
    )
    infos = db.conn.total_changes - before
    here = dict(db.execute("SELECT sha256, id FROM documents").fetchall())
    people: dict[str | None, str | None] = {None: None}
    rows = []
    for sha, label, start, end, verdict, engine, person, name, created in src.execute(
        'SELECT d.sha256, v.label, v.start, v."end", v.verdict, v.engine, v.annotator, '
        "p.name, v.created FROM suggestion_verdicts v JOIN documents d ON d.id = v.document "
        "LEFT JOIN annotators p ON p.id = v.annotator"
    ):
        if sha not in here:
            continue
        if person not in people:  # by id, else by name (as the merge matched its layers)
            found = reg_sql.annotator_by_id(db, person) or (
                reg_sql.annotator_by_name(db, name) if name else None
            )
            people[person] = found.id if found is not None else None
        rows.append((here[sha], label, start, end, verdict, engine, people[person], created))
    before = db.conn.total_changes
    db.conn.executemany(_INSERT_VERDICT, rows)
    verdicts = db.conn.total_changes - before
    if verdicts:  # their suggestions are no longer open
        for row in rows:
            note_span(out, row, out.recording)
    return infos, verdicts
