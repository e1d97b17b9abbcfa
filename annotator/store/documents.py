"""Writing and reading documents."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import InputError
from annotator.core.fields import clean_title
from annotator.core.model import Document, DocumentInput, new_id, now
from annotator.core.reports import Cancelled, ImportReport, ProgressCallback
from annotator.core.text import check_length, normalise_text, text_sha256
from annotator.store.rows import DOCUMENT_COLUMNS, document_from_row, dumps

INSERT_DOCUMENT = (
    "INSERT INTO documents (id, title, source, url, published, metadata, text, sha256, created) "
    "VALUES (?,?,?,?,?,?,?,?,?)"
)
BATCH = 1000
INSERT_TRIGGER = "documents_ai"  # made by sqlite-utils enable_fts in migration 0001


def prepare(item: DocumentInput, report: ImportReport) -> tuple[Any, ...]:
    """The row for one document: text normalised, title cleaned, sha256 computed."""
    text = normalise_text(item.text)
    where = item.origin or item.title or "a document"
    if not text.strip():
        raise InputError(f"{where}: the document text is empty")
    check_length(text, where)
    title, had_markup = clean_title(item.title)
    if had_markup:
        report.warnings.append(f"{where}: HTML removed from the title, stored as {title!r}")
    return (
        item.id or new_id(),
        title,
        item.source or None,
        item.url or None,
        item.published or None,
        dumps(item.metadata or {}),
        text,
        text_sha256(text),
        now(),
    )


def existing_hashes(db: Database, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), 900):  # stay below SQLite's parameter limit
        chunk = hashes[i : i + 900]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in db.execute(f"SELECT sha256 FROM documents WHERE sha256 IN ({marks})", chunk)
        )
    return found


def insert_documents(
    db: Database,
    items: Iterable[DocumentInput],
    report: ImportReport,
    progress: ProgressCallback | None = None,
    total: int | None = None,
) -> list[str]:
    """Insert documents (inside the caller's transaction); returns the new ids in order.

    A text already in the project, or twice in the input, is skipped and reported.
    """
    assert db.conn.in_transaction, "insert_documents runs inside a transaction"
    ids: list[str] = []
    seen: set[str] = set()
    batch: list[tuple[Any, ...]] = []
    origins: list[str] = []
    with _full_text_index_per_batch(db) as index_new_rows:

        def flush() -> None:
            known = existing_hashes(db, [row[7] for row in batch])
            rows = []
            for row, origin in zip(batch, origins, strict=True):
                if row[7] in known or row[7] in seen:
                    report.duplicates.append(origin)
                    continue
                seen.add(row[7])
                rows.append(row)
            db.conn.executemany(INSERT_DOCUMENT, rows)
            index_new_rows()
            ids.extend(row[0] for row in rows)
            report.added += len(rows)
            batch.clear()
            origins.clear()

        for done, item in enumerate(items, start=1):
            batch.append(prepare(item, report))
            origins.append(item.origin or item.title)
            if len(batch) >= BATCH:
                flush()
            if progress is not None and progress(done, total):
                raise Cancelled()
        if batch:
            flush()
    return ids


@contextlib.contextmanager
def _full_text_index_per_batch(db: Database) -> Iterator[Callable[[], None]]:
    """Index new documents with one statement per batch instead of the per-row trigger.

    FTS5 flushes its pending index data at the end of every statement, so the insert trigger
    costs a flush per document under executemany; one ``INSERT … SELECT`` per batch is several
    times faster. The trigger is dropped and re-created inside the caller's transaction, so
    other connections never see it missing, and a rollback brings it back.
    """
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [INSERT_TRIGGER]
    ).fetchone()
    if row is None:  # no trigger (an older file): the index is kept some other way
        yield lambda: None
        return
    last = [db.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]]

    def index_new_rows() -> None:
        db.execute(
            "INSERT INTO documents_fts (rowid, title, text) "
            "SELECT seq, title, text FROM documents WHERE seq > ? ORDER BY seq",
            last,
        )
        last[0] = db.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]

    db.execute(f'DROP TRIGGER "{INSERT_TRIGGER}"')
    try:
        yield index_new_rows
    finally:
        if db.conn.in_transaction:  # after a fatal error the rollback restores it anyway
            db.execute(row[0])


def get_document(db: Database, doc_id: str) -> Document | None:
    row = db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", [doc_id]).fetchone()
    return document_from_row(row) if row else None


def document_id_by_sha(db: Database, sha256: str) -> str | None:
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def iter_documents(db: Database) -> Iterator[Document]:
    for row in db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY seq"):
        yield document_from_row(row)


def document_text(db: Database, doc_id: str) -> str | None:
    row = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    return row[0] if row else None
