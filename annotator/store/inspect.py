"""Read-only questions about a whole project: counts and full-text search (the checks of
``annotator check`` are in store/checking.py)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def info(db: Database) -> dict[str, Any]:
    def scalar(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    name, created = db.execute("SELECT name, created FROM project").fetchone()
    labels = dict(
        db.execute("SELECT label, count(*) FROM annotations GROUP BY label ORDER BY label")
    )
    annotators = [
        {"id": i, "name": n, "annotations": c, "done": d}
        for i, n, c, d in db.execute(
            "SELECT an.id, an.name, "
            "(SELECT count(*) FROM annotations a WHERE a.annotator = an.id), "
            "(SELECT count(*) FROM document_status s WHERE s.annotator = an.id "
            " AND s.state = 'done') "
            "FROM annotators an ORDER BY an.name"
        )
    ]
    return {
        "name": name,
        "created": created,
        "documents": scalar("SELECT count(*) FROM documents"),
        "annotations": sum(labels.values()),
        "annotations_per_label": labels,
        "relations": scalar("SELECT count(*) FROM relations"),
        "annotators": annotators,
        "actors": scalar("SELECT count(*) FROM entities"),
        "linked_mentions": scalar("SELECT count(*) FROM annotations WHERE entity IS NOT NULL"),
    }


def search(db: Database, query: str, limit: int) -> list[tuple[str, str]]:
    """(document id, snippet) pairs for an FTS5 query; plain words are quoted for safety."""
    terms = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
    if not terms:
        return []
    rows = db.execute(
        "SELECT d.id, snippet(documents_fts, 1, '[', ']', '…', 12) FROM documents_fts "
        "JOIN documents d ON d.seq = documents_fts.rowid WHERE documents_fts MATCH ? "
        "ORDER BY rank LIMIT ?",
        [terms, limit],
    )
    return [(r[0], r[1]) for r in rows]
