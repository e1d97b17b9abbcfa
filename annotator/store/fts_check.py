"""Verifying the full-text index of a project that is open read-only.

FTS5's ``integrity-check`` is an ``INSERT`` into the index table, which a read-only connection
refuses ("attempt to write a readonly database"), so it used to be skipped without a word. It
runs instead on a private copy of the index: a temporary database (a file SQLite deletes on
close, so memory stays flat) that attaches the project read-only, copies the index's shadow
tables, and sees the documents through a view. The project file is only read.
"""

from __future__ import annotations

import contextlib
import sqlite3
from urllib.parse import quote

#: The shadow tables of an FTS5 index, copied as they are.
SHADOW_TABLES = ("data", "idx", "docsize", "config")
#: The index as migrations.py makes it (sqlite-utils ``enable_fts(["title", "text"])``), with
#: its content read through a view, which has no rowid: hence ``content_rowid``.
PRIVATE_INDEX = (
    "CREATE VIRTUAL TABLE temp.documents_fts USING fts5("
    "title, text, content='documents', content_rowid='seq')"
)


def database_file(conn: sqlite3.Connection) -> str:
    """The file of the main database of ``conn`` ("" for one in memory)."""
    return next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")


def full_text_index_problems(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with the project's full-text index (empty when it matches the documents),
    checked on a private copy so that read-only connections can run it too."""
    main_file = database_file(conn)
    if not main_file:
        return []  # an in-memory database: nothing to attach
    with contextlib.closing(sqlite3.connect("")) as private:
        return check_on_private_copy(private, main_file)


def check_on_private_copy(private: sqlite3.Connection, main_file: str) -> list[str]:
    """:func:`full_text_index_problems` of the project in ``main_file``, through ``private``,
    a new connection to a temporary database (which another thread may interrupt)."""
    try:
        private.execute("ATTACH ? AS src", [f"file:{quote(main_file)}?mode=ro"])
    except sqlite3.OperationalError:
        # read-only media: no -shm can be made beside it, so read it as immutable (the
        # project's own connection did the same; see connection.connect_readonly)
        private.execute("ATTACH ? AS src", [f"file:{quote(main_file)}?immutable=1"])
    found = private.execute(
        "SELECT count(*) FROM src.sqlite_master WHERE name = 'documents_fts'"
    ).fetchone()[0]
    if not found:
        return ["full-text index: missing (the table documents_fts does not exist)"]
    private.execute("CREATE TEMP VIEW documents AS SELECT seq, title, text FROM src.documents")
    private.execute(PRIVATE_INDEX)
    try:
        for shadow in SHADOW_TABLES:
            private.execute(f"DELETE FROM temp.documents_fts_{shadow}")
            private.execute(
                f"INSERT INTO temp.documents_fts_{shadow} SELECT * FROM src.documents_fts_{shadow}"
            )
        # rank 1: also compare the index with the documents (external content)
        private.execute(
            "INSERT INTO temp.documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as exc:
        if "interrupt" in str(exc):
            raise
        return [f"full-text index: damaged or out of step with the documents ({exc})"]
    return []
