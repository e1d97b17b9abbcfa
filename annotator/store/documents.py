"""Writing and reading documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
BATCH = 500


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
    ids: list[str] = []
    seen: set[str] = set()
    batch: list[tuple[Any, ...]] = []
    origins: list[str] = []

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
