"""The documents of a project: writing and reading them, and ``project.documents``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.changes import Written
from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import Document, DocumentInput
from annotator.core.reports import Cancelled, ImportReport, ProgressCallback
from annotator.store.inspect import search as search_fts
from annotator.store.listing import (
    DocumentRow,
    Listing,
    count_status,
    find_position,
    position_in_import_order,
    read_page,
    read_row,
    search_text,
    step_from,
)
from annotator.store.rows import DOCUMENT_COLUMNS, document_from_row, prepare

if TYPE_CHECKING:
    from annotator.store.project import Project

INSERT_DOCUMENT = (
    "INSERT INTO documents (id, title, source, url, published, metadata, text, sha256, created) "
    "VALUES (?,?,?,?,?,?,?,?,?)"
)
BATCH = 1000
#: A batch is written sooner when its texts reach this many characters (long documents).
BATCH_CHARS = 16_000_000
INSERT_TRIGGER = "documents_ai"  # made by sqlite-utils enable_fts in migration 0001


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

    A text already in the project, or twice in the input, is skipped and reported. Documents
    are written a batch at a time (:data:`BATCH` of them, or fewer whose texts reach
    :data:`BATCH_CHARS`), so that ``items`` may be a stream of any length: only one batch is
    held at a time.
    """
    assert db.conn.in_transaction, "insert_documents runs inside a transaction"
    ids: list[str] = []
    batch: list[tuple[Any, ...]] = []
    origins: list[str] = []
    chars = [0]
    with _full_text_index_per_batch(db) as index_new_rows:

        def flush() -> None:
            ids.extend(_insert_batch(db, batch, origins, report, index_new_rows))
            batch.clear()
            origins.clear()
            chars[0] = 0

        for done, item in enumerate(items, start=1):
            row = prepare(item, report)
            batch.append(row)
            origins.append(item.origin or item.title)
            chars[0] += len(row[6])
            if len(batch) >= BATCH or chars[0] >= BATCH_CHARS:
                flush()
            if progress is not None and progress(done, total):
                raise Cancelled()
        if batch:
            flush()
    return ids


def insert_prepared(
    db: Database, rows: list[tuple[Any, ...]], origins: list[str], report: ImportReport
) -> list[str]:
    """Insert one batch of rows made by :func:`prepare` (with where each was read), as
    :func:`insert_documents` does; returns the new ids in order."""
    assert db.conn.in_transaction, "insert_prepared runs inside a transaction"
    with _full_text_index_per_batch(db) as index_new_rows:
        return _insert_batch(db, rows, origins, report, index_new_rows)


def _insert_batch(
    db: Database,
    batch: list[tuple[Any, ...]],
    origins: list[str],
    report: ImportReport,
    index_new_rows: Callable[[], None],
) -> list[str]:
    # earlier batches are in the table already, so this finds their texts too
    known = existing_hashes(db, [row[7] for row in batch])
    rows = []
    for row, origin in zip(batch, origins, strict=True):
        if row[7] in known:
            report.duplicates.append(origin)
            continue
        known.add(row[7])  # the same text twice in this batch
        rows.append(row)
    db.conn.executemany(INSERT_DOCUMENT, rows)
    index_new_rows()
    report.added += len(rows)
    return [row[0] for row in rows]


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


def document_id_by_url(db: Database, url: str) -> str | None:
    """The first document (in the order they were added) at ``url``."""
    row = db.execute(
        "SELECT id FROM documents WHERE url = ? ORDER BY seq LIMIT 1", [url]
    ).fetchone()
    return row[0] if row else None


def iter_documents(db: Database) -> Iterator[Document]:
    for row in db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY seq"):
        yield document_from_row(row)


def document_annotations(db: Database, doc_id: str) -> list[tuple[str, str | None, str | None]]:
    """(id, annotator, entity) of every annotation of a document, in every layer."""
    rows = db.execute("SELECT id, annotator, entity FROM annotations WHERE document = ?", [doc_id])
    return [(r[0], r[1], r[2]) for r in rows]


def document_relations(db: Database, doc_id: str) -> list[tuple[str, str | None]]:
    """(id, annotator) of every relation of a document, in every layer."""
    rows = db.execute(
        "SELECT r.id, r.annotator FROM relations r JOIN annotations a ON a.id = r.source "
        "WHERE a.document = ?",
        [doc_id],
    )
    return [(r[0], r[1]) for r in rows]


def document_status_layers(db: Database, doc_id: str) -> list[str]:
    """The annotators who recorded a status for a document."""
    rows = db.execute("SELECT annotator FROM document_status WHERE document = ?", [doc_id])
    return [r[0] for r in rows]


def document_text(db: Database, doc_id: str) -> str | None:
    row = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    return row[0] if row else None


class Documents:
    """``project.documents``: the corpus. Texts never change once stored."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._db = project.db
        self._text_cache: tuple[str, str] | None = None

    # -- reading -------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document:
        doc = get_document(self._db, doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id!r}")
        return doc

    def all(self) -> Iterator[Document]:
        """Every document in the order they were added."""
        return iter_documents(self._db)

    def by_sha256(self, sha256: str) -> Document | None:
        doc_id = document_id_by_sha(self._db, sha256)
        return self.get(doc_id) if doc_id else None

    def id_by_sha256(self, sha256: str) -> str | None:
        """The id of the document whose normalised text has this sha256, if any."""
        return document_id_by_sha(self._db, sha256)

    def id_at_url(self, url: str) -> str | None:
        """The id of the (first) document whose ``url`` is ``url``, if any."""
        return document_id_by_url(self._db, url)

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def ids(self) -> list[str]:
        """Every document's id, in import order."""
        return [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY seq")]

    def text(self, doc_id: str) -> str:
        """A document's text (the last one read is kept: stored texts never change)."""
        if self._text_cache is None or self._text_cache[0] != doc_id:
            text = document_text(self._db, doc_id)
            if text is None:
                raise NotFoundError(f"no document with id {doc_id!r}")
            self._text_cache = (doc_id, text)
        return self._text_cache[1]

    def forget_cached(self) -> None:
        self._text_cache = None

    def search(self, query: str, limit: int = 50) -> list[tuple[Document, str]]:
        """Full-text search over titles and texts: (document, snippet) pairs, best first."""
        return [(self.get(i), snippet) for i, snippet in search_fts(self._db, query, limit)]

    # -- the document list (rows carry one annotator's status and annotation count) -----------

    def page(self, listing: Listing, offset: int, limit: int) -> list[DocumentRow]:
        """A page of the document list."""
        return read_page(self._db, listing, offset, limit)

    def position(self, doc_id: str, listing: Listing) -> int | None:
        """Where ``doc_id`` is in that list (from 0); None if the status filter leaves it out."""
        if listing.status is None and listing.sort == "order":
            return position_in_import_order(self._db, doc_id, listing.descending)
        return find_position(self._db, listing, doc_id)

    def row(self, doc_id: str, annotator_id: str | None) -> DocumentRow:
        found = read_row(self._db, annotator_id, doc_id)
        if found is None:
            raise NotFoundError(f"no document with id {doc_id!r}")
        return found

    def count_with_status(self, status: str | None, annotator_id: str | None) -> int:
        """Documents with this status for this annotator (all documents for None)."""
        return count_status(self._db, annotator_id, status)

    def neighbour(
        self, doc_id: str, step: int, annotator_id: str | None, *, not_done: bool = False
    ) -> str | None:
        """The document ``step`` places on in import order; see :func:`step_from`.

        With ``not_done`` only documents the annotator has not marked done count, wrapping
        around the end.
        """
        self.row(doc_id, annotator_id)  # an unknown id is an error, not "no neighbour"
        return step_from(self._db, annotator_id, doc_id, step, not_done)

    def search_rows(
        self, query: str, annotator_id: str | None, limit: int = 200, *, status: str | None = None
    ) -> list[tuple[DocumentRow, str]]:
        """Search as you type: every word matches as a prefix; (row, snippet) pairs, best first."""
        return search_text(self._db, annotator_id, query, limit, status)

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        text: str,
        *,
        title: str = "",
        source: str | None = None,
        url: str | None = None,
        published: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> Written[Document]:
        """Add one document (text normalised: LF line ends, NFC). Raises if it is a duplicate."""
        report = ImportReport()
        meta: Any = dict(metadata) if isinstance(metadata, Mapping) else metadata
        item = DocumentInput(text, title, source, url, published, {} if meta is None else meta)
        with self._project.transaction() as changes:
            ids = insert_documents(self._db, [item], report)
            if not ids:
                raise ValidationError("this text is already in the project (same sha256)")
            changes.documents.add(ids[0])
        return Written(self.get(ids[0]), changes)

    def add_many(
        self,
        items: Iterable[DocumentInput],
        *,
        progress: ProgressCallback | None = None,
        total: int | None = None,
        report: ImportReport | None = None,
    ) -> Written[ImportReport]:
        """Add many documents in one transaction: all of them, or (on any error) none."""
        report = report if report is not None else ImportReport()
        if isinstance(items, str | bytes | DocumentInput) or not isinstance(items, Iterable):
            raise ValidationError(
                f"add_many takes an iterable of DocumentInput, not {type(items).__name__}"
            )
        with self._project.transaction() as changes:
            for doc_id in insert_documents(self._db, items, report, progress, total):
                changes.documents.add(doc_id)
        return Written(report, changes)

    def delete(self, doc_id: str) -> Written[None]:
        """Delete a document with its annotations, relations and statuses (every layer)."""
        with self._project.transaction() as changes:
            self.get(doc_id)
            # What goes with it (every layer's), for the record: the database cascades.
            for ann_id, annotator, entity in document_annotations(self._db, doc_id):
                changes.annotation("removed", ann_id, doc_id, annotator)
                changes.counts_of([entity])
            for rel_id, annotator in document_relations(self._db, doc_id):
                changes.relation("removed", rel_id, doc_id, annotator)
            for annotator in document_status_layers(self._db, doc_id):
                changes.status(doc_id, annotator)
            self._db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
            changes.documents.remove(doc_id)
        self._text_cache = None
        return Written(None, changes)
