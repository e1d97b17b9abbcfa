"""``annotator recover``: copy every row that can still be read from a damaged project into a
new one, and say what could not be read.

The damaged file is only read (``mode=ro``), row by row in rowid order; a page SQLite cannot
read skips the rows on it (the scan resumes after them), a text that is not UTF-8 skips its
row, and a row whose parent was lost (an annotation of an unreadable document) is left out by
the new project's foreign keys. Nothing is ever written to the damaged file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from annotator.core.errors import ProjectFileError
from annotator.core.schema import default_schema, load_schema_text
from annotator.store.project import Project

#: The tables copied, parents before children.
COPIED_TABLES = (
    "annotators",
    "entities",
    "documents",
    "annotations",
    "relations",
    "document_status",
)
#: How many unreadable stretches of one table are skipped before the table is given up.
MAX_SKIPS = 1000


@dataclass
class RecoverReport:
    copied: dict[str, int] = field(default_factory=dict)
    not_read: list[str] = field(default_factory=list)


def recover(source: Path, target: Path) -> RecoverReport:
    """Copy what can be read from the project ``source`` into the new project ``target``."""
    if target.exists():
        raise ProjectFileError(f"{target}: already exists; choose another name")
    report = RecoverReport()
    uri = f"file:{quote(str(source.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{source}: cannot be opened for reading ({exc})") from None
    conn.text_factory = bytes
    with contextlib.closing(conn):
        name, schema_text, guidelines = _project_row(conn, source, report)
        try:
            schema = load_schema_text(schema_text, f"{source.name} (stored schema)")
        except Exception:
            report.not_read.append("project: the schema could not be read; the default is used")
            schema = default_schema()
        new = Project.create(target, schema=schema, name=name)
        with new, new.transaction() as changes:
            new.db.execute("UPDATE project SET guidelines = ?", [guidelines])
            changes.project = True
            for table in COPIED_TABLES:
                report.copied[table] = _copy_table(conn, new.db.conn, table, report)
    return report


def _project_row(conn: sqlite3.Connection, source: Path, report: RecoverReport) -> list[str]:
    try:
        row = conn.execute("SELECT name, schema, guidelines FROM project").fetchone()
        return [value.decode("utf-8") for value in row]
    except (sqlite3.DatabaseError, UnicodeDecodeError, TypeError, AttributeError) as exc:
        report.not_read.append(f"project: its name, schema and guidelines ({exc})")
        return [source.stem + " (recovered)", "", ""]


def _copy_table(
    conn: sqlite3.Connection, into: sqlite3.Connection, table: str, report: RecoverReport
) -> int:
    columns = [row[1] for row in into.execute(f"PRAGMA table_info({table})")]
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    copied = orphans = 0
    for rowid, values in _readable_rows(conn, table, names, report):
        try:
            decoded = [v.decode("utf-8") if isinstance(v, bytes) else v for v in values]
        except UnicodeDecodeError:
            report.not_read.append(f"{table} row {rowid}: a text in it is damaged (not UTF-8)")
            continue
        try:
            copied += into.execute(insert, decoded).rowcount
        except sqlite3.IntegrityError:
            orphans += 1
    if orphans:
        report.not_read.append(
            f"{table}: {orphans} row(s) left out, as what they belong to could not be read"
        )
    return copied


def _readable_rows(
    conn: sqlite3.Connection, table: str, names: str, report: RecoverReport
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(rowid, values) of every row SQLite can read, skipping past unreadable stretches."""
    after = -(2**63)
    failed_after: int | None = None  # the start of the unreadable stretch being skipped
    for _ in range(MAX_SKIPS):
        try:
            for row in conn.execute(
                f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid", [after]
            ):
                if failed_after is not None:
                    report.not_read.append(
                        f"{table}: rows {failed_after + 1} to {row[0] - 1} could not be read"
                    )
                    failed_after = None
                after = row[0]
                yield row[0], row[1:]
            if failed_after is not None:
                report.not_read.append(f"{table}: rows after {failed_after} could not be read")
            return
        except sqlite3.DatabaseError as exc:
            if after == -(2**63):
                report.not_read.append(f"{table}: cannot be read at all ({exc})")
                return
            if failed_after is None:
                failed_after = after
                report.not_read.append(f"{table}: damaged after row {after} ({exc})")
            after += 1
    report.not_read.append(f"{table}: too much of it is damaged; the rest was given up")
