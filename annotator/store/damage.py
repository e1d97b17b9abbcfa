"""Finding damage in a project file before it is written to or copied into the backups.

Two cheap passes: ``PRAGMA quick_check`` (every page and b-tree, without the index-to-table
comparison of ``integrity_check``) and a scan of the documents' text for bytes that are not
UTF-8 (SQLite stores whatever bytes it finds; a flipped byte in a text leaves the b-trees
intact, so ``quick_check`` alone passes it, and every later read of that text fails).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from annotator.core.errors import ProjectFileError

#: How many problems a damage scan collects before it stops looking.
DAMAGE_LIMIT = 20
#: Opening for writing scans files up to this size (about 0.2 s at 64 MB); a larger file is
#: scanned in the background by the window (before its backup) and by ``annotator check``.
OPEN_CHECK_MAX_BYTES = 64 << 20


def find_damage(conn: sqlite3.Connection, limit: int = DAMAGE_LIMIT) -> list[str]:
    """What is damaged in the database of ``conn`` (empty when nothing is), at most ``limit``."""
    problems: list[str] = []
    try:
        for (row,) in conn.execute(f"PRAGMA quick_check({int(limit)})"):
            if row != "ok":
                problems.append(f"integrity: {row}")
        if problems:
            return problems
        problems.extend(undecodable_documents(conn, limit))
    except sqlite3.DatabaseError as exc:
        problems.append(f"the file cannot be read ({exc})")
    return problems[:limit]


def undecodable_documents(conn: sqlite3.Connection, limit: int = DAMAGE_LIMIT) -> list[str]:
    """Documents whose id, title or text holds bytes that are not UTF-8."""
    problems: list[str] = []
    rows = conn.execute(
        "SELECT seq, CAST(id AS BLOB), CAST(title AS BLOB), CAST(text AS BLOB) FROM documents"
    )
    for seq, raw_id, raw_title, raw_text in rows:
        for column, raw in (("id", raw_id), ("title", raw_title), ("text", raw_text)):
            if raw is None:
                continue
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                name = raw_id.decode("utf-8", "replace") if raw_id else f"#{seq}"
                problems.append(
                    f"document {name} (number {seq}): its {column} is damaged "
                    f"(bytes that are not UTF-8 at position {exc.start})"
                )
                break
        if len(problems) >= limit:
            break
    return problems


def damaged_file_error(
    path: Path, problems: list[str], good_backup: Path | None
) -> ProjectFileError:
    """The error that refuses to write into a damaged project, naming what to do next."""
    if good_backup is not None:
        restore = f"The newest good backup is {good_backup}."
    else:
        restore = "There is no good backup of it."
    return ProjectFileError(
        f"{path}: the project file is damaged ({problems[0]}"
        + (f", and {len(problems) - 1} more problem(s)" if len(problems) > 1 else "")
        + "); it was not opened for writing and was left untouched. Run `annotator check "
        f"{path.name}` for the details, and `annotator recover {path.name} -o NEW` to copy "
        f"what can be read into a new project. {restore}"
    )


def file_is_sound(path: Path) -> bool:
    """Whether the database file at ``path`` opens and shows no damage (read-only)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return not find_damage(conn, limit=1)
    finally:
        conn.close()
