"""The scripting API: :class:`Project`, one open project file.

Every method that changes data runs in one transaction and is committed before it returns
(there is no "save"). Every change is validated against the schema and the document text
first; when validation fails an exception says why and nothing is written.

>>> with Project.create("study.annotator", annotator="Ana") as p:   # doctest: +SKIP
...     doc = p.add_document("Karamov said talks would resume.", title="Talks")
...     actor = p.add_annotation(doc.id, "Actor", [(0, 7)])
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import NotFoundError, ProjectFileError, ValidationError
from annotator.core.model import (
    Annotator,
    Document,
    DocumentInput,
    now,
)
from annotator.core.reports import CheckReport, ImportReport, ProgressCallback
from annotator.core.schema import Schema, default_schema, load_schema_text
from annotator.core.validation import check_state
from annotator.store import bundles, merge
from annotator.store import documents as doc_sql
from annotator.store import inspect as inspect_sql
from annotator.store import registry as reg_sql
from annotator.store.actors import ActorRegistry
from annotator.store.backup import make_backup
from annotator.store.connection import (
    WriterLock,
    check_header,
    check_inside,
    check_writable,
    connect_readonly,
    connect_readwrite,
    translate_error,
    write_transaction,
)
from annotator.store.datasets import DatasetQueries
from annotator.store.dossier import EntityDossier
from annotator.store.editing import AnnotationEditing, RegistryEditing
from annotator.store.listing import DocumentListing
from annotator.store.migrations import apply_migrations
from annotator.store.problems import ProblemQueries

PathLike = str | os.PathLike[str]


def default_annotator_name() -> str:
    """``$ANNOTATOR_NAME``, else the login name."""
    name = os.environ.get("ANNOTATOR_NAME", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "annotator"


class Project(
    AnnotationEditing,
    RegistryEditing,
    DocumentListing,
    DatasetQueries,
    ActorRegistry,
    EntityDossier,
    ProblemQueries,
):
    """An open project file. Use :meth:`create` or :meth:`open`, and close it (or use ``with``)."""

    def __init__(
        self,
        db: Database,
        path: Path,
        *,
        readonly: bool,
        annotator_name: str,
        lock: WriterLock | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        self._lock = lock
        self._annotator_name = annotator_name
        self._annotator: Annotator | None = None
        self._schema: Schema | None = None
        self._text_cache: tuple[str, str] | None = None
        self.backup_path: Path | None = None
        self.warnings: list[str] = []
        self._committed = False  # a write transaction was committed (see close)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: PathLike,
        *,
        schema: Schema | None = None,
        name: str | None = None,
        annotator: str | None = None,
    ) -> Project:
        """Create a new project file (refused if ``path`` exists) with the default schema."""
        path = Path(path)
        if path.exists():
            raise ProjectFileError(f"{path}: already exists; choose another name")
        if not path.parent.is_dir():
            raise ProjectFileError(f"{path.parent}: no such folder")
        schema = schema or default_schema()
        lock = WriterLock(path)
        lock.acquire()
        try:
            db = connect_readwrite(path)
            try:
                with write_transaction(db, path):
                    apply_migrations(db)
                    stamp = now()
                    db.execute(
                        "INSERT INTO project (id, name, schema, guidelines, created, modified) "
                        "VALUES (1, ?, ?, '', ?, ?)",
                        [name or path.stem, schema.to_json(), stamp, stamp],
                    )
                    db.execute(
                        "INSERT INTO schema_versions (version, schema, installed) VALUES (?,?,?)",
                        [schema.version, schema.to_json(), stamp],
                    )
                # Until a checkpoint, application_id and user_version live only in the WAL, and
                # another process (check_header reads the file) would refuse the new project.
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except BaseException:
                db.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
                raise
        except BaseException:
            lock.release()
            raise
        return cls(
            db,
            path,
            readonly=False,
            annotator_name=annotator or default_annotator_name(),
            lock=lock,
        )

    @classmethod
    def open(
        cls,
        path: PathLike,
        *,
        readonly: bool = False,
        annotator: str | None = None,
        backup: bool = True,
        shared_in_process: bool = False,
    ) -> Project:
        """Open an existing project. Writers take a lock and a rotating backup first.

        ``shared_in_process``: join this process's own lock on the project instead of being
        refused (for a second connection used by a worker thread).
        """
        path = Path(path)
        check_header(path)
        if readonly:
            db = connect_readonly(path)
            try:
                check_inside(db, path)
            except BaseException:
                db.close()
                raise
            return cls(
                db, path, readonly=True, annotator_name=annotator or default_annotator_name()
            )
        check_writable(path)
        lock = WriterLock(path, shared_in_process)
        lock.acquire()
        try:
            db = connect_readwrite(path)
            try:
                check_inside(db, path)
                project = cls(
                    db,
                    path,
                    readonly=False,
                    annotator_name=annotator or default_annotator_name(),
                    lock=lock,
                )
                if backup:
                    project._backup()
                with write_transaction(db, path):
                    apply_migrations(db)
            except BaseException:
                db.close()
                raise
        except BaseException:
            lock.release()
            raise
        return project

    def _backup(self) -> None:
        try:
            self.backup_path = make_backup(self.db.conn, self.path)
        except (OSError, sqlite3.Error) as exc:  # a failed backup must not block the work
            self.warnings.append(f"could not write a backup of {self.path.name}: {exc}")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            # ANALYZE writes statistics: not after a failed import, which must leave the file
            # byte for byte as it was
            if not self.readonly and self._committed:
                self.db.execute("PRAGMA optimize")
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several calls into one transaction (all or nothing)."""
        self._require_writable()
        try:
            with write_transaction(self.db, self.path):
                yield
        except BaseException:
            # What was cached inside may have been rolled back (e.g. the annotator created on
            # first use, or a schema set by a merge); read it again from the file next time.
            self._annotator = None
            self._schema = None
            self._text_cache = None
            raise
        if not self.db.conn.in_transaction:  # the outermost transaction was committed
            self._committed = True

    def _require_writable(self) -> None:
        if self.readonly:
            raise ProjectFileError(f"{self.path}: opened read-only; nothing can be changed")

    # -- project-wide properties ---------------------------------------------------------

    @property
    def name(self) -> str:
        return self.db.execute("SELECT name FROM project").fetchone()[0]

    @property
    def schema(self) -> Schema:
        if self._schema is None:
            raw = self.db.execute("SELECT schema FROM project").fetchone()[0]
            self._schema = load_schema_text(raw, f"{self.path.name} (stored schema)")
        return self._schema

    @property
    def guidelines(self) -> str:
        return self.db.execute("SELECT guidelines FROM project").fetchone()[0]

    @property
    def created(self) -> str:
        return self.db.execute("SELECT created FROM project").fetchone()[0]

    def set_guidelines(self, text: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE project SET guidelines = ?, modified = ?", [text, now()])

    def set_schema(self, schema: Schema) -> None:
        """Replace the schema; refused if stored annotations would no longer fit it."""
        with self.transaction():
            problems = inspect_sql.schema_problems(self.db, schema)
            if problems:
                raise ValidationError(
                    f"the new schema does not fit {len(problems)} stored item(s); first: "
                    f"{problems[0]}"
                )
            stamp = now()
            self.db.execute(
                "UPDATE project SET schema = ?, modified = ?", [schema.to_json(), stamp]
            )
            self.db.execute(
                "INSERT INTO schema_versions (version, schema, installed) VALUES (?,?,?)",
                [schema.version, schema.to_json(), stamp],
            )
        self._schema = schema

    # -- annotators ------------------------------------------------------------------------

    @property
    def annotator(self) -> Annotator:
        """The annotator whose name is stamped on new annotations (created on first use)."""
        if self._annotator is None:
            found = reg_sql.annotator_by_name(self.db, self._annotator_name)
            if found is None:
                self._require_writable()
                with write_transaction(self.db, self.path):
                    found = reg_sql.insert_annotator(self.db, self._annotator_name)
            self._annotator = found
        return self._annotator

    def annotators(self) -> list[Annotator]:
        return reg_sql.list_annotators(self.db)

    def annotator_named(self, name: str) -> Annotator | None:
        return reg_sql.annotator_by_name(self.db, name)

    def add_annotator(self, name: str, id: str | None = None) -> Annotator:
        with self.transaction():
            if reg_sql.annotator_by_name(self.db, name.strip()):
                raise ValidationError(f"an annotator named {name.strip()!r} already exists")
            return reg_sql.insert_annotator(self.db, name, id)

    # -- documents -------------------------------------------------------------------------

    def add_document(
        self,
        text: str,
        *,
        title: str = "",
        source: str | None = None,
        url: str | None = None,
        published: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> Document:
        """Add one document (text normalised: LF line ends, NFC). Raises if it is a duplicate."""
        report = ImportReport()
        item = DocumentInput(text, title, source, url, published, dict(metadata or {}))
        with self.transaction():
            ids = doc_sql.insert_documents(self.db, [item], report)
        if not ids:
            raise ValidationError("this text is already in the project (same sha256)")
        return self.document(ids[0])

    def import_documents(
        self,
        items: Iterable[DocumentInput],
        *,
        progress: ProgressCallback | None = None,
        total: int | None = None,
        report: ImportReport | None = None,
    ) -> ImportReport:
        """Add many documents in one transaction: all of them, or (on any error) none."""
        report = report if report is not None else ImportReport()
        with self.transaction():
            doc_sql.insert_documents(self.db, items, report, progress, total)
        return report

    def merge_native(
        self,
        header: dict[str, Any],
        documents: Iterable[tuple[str, dict[str, Any]]],
        *,
        progress: ProgressCallback | None = None,
        total: int | None = None,
        report: ImportReport | None = None,
    ) -> ImportReport:
        """Merge native-shape data (``annotator/1``) in one transaction; see store/merge.py."""
        report = report if report is not None else ImportReport()
        with self.transaction():
            ids = merge.merge_header(self, header, report)
            merge.merge_documents(self, documents, ids, report, progress, total)
        return report

    def document(self, doc_id: str) -> Document:
        doc = doc_sql.get_document(self.db, doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id!r}")
        return doc

    def documents(self) -> Iterator[Document]:
        """All documents in the order they were added."""
        return doc_sql.iter_documents(self.db)

    def document_by_sha256(self, sha256: str) -> Document | None:
        doc_id = doc_sql.document_id_by_sha(self.db, sha256)
        return self.document(doc_id) if doc_id else None

    def delete_document(self, doc_id: str) -> None:
        """Delete a document with its annotations, relations and status."""
        with self.transaction():
            self.document(doc_id)
            self.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])

    def _text(self, doc_id: str) -> str:
        # Stored texts never change, so the last one read can be reused safely.
        if self._text_cache is None or self._text_cache[0] != doc_id:
            text = doc_sql.document_text(self.db, doc_id)
            if text is None:
                raise NotFoundError(f"no document with id {doc_id!r}")
            self._text_cache = (doc_id, text)
        return self._text_cache[1]

    def search(self, query: str, limit: int = 50) -> list[tuple[Document, str]]:
        """Full-text search over titles and texts: (document, snippet) pairs, best first."""
        return [
            (self.document(i), snippet) for i, snippet in inspect_sql.search(self.db, query, limit)
        ]

    # -- status ----------------------------------------------------------------------------

    def set_status(self, doc_id: str, state: str, annotator: str | None = None) -> None:
        """Set ``new``, ``in_progress`` or ``done`` for this (or the given) annotator's id."""
        check_state(state)
        self._require_writable()
        who = annotator or self.annotator.id
        with self.transaction():
            self.document(doc_id)
            if reg_sql.annotator_by_id(self.db, who) is None:
                raise NotFoundError(f"no annotator with id {who!r}")
            reg_sql.set_status(self.db, doc_id, who, state, now())

    def status(self, doc_id: str) -> dict[str, str]:
        """The document's status per annotator id (absent means ``new``)."""
        return reg_sql.status_of(self.db, doc_id)

    # -- listing for the GUI -------------------------------------------------------------
    # list_documents, document_position, count_documents, progress, document_row, neighbour
    # and search_rows come from DocumentListing (store/listing.py); this is what they need.

    def _reader_id(self) -> str | None:
        # Reading must not write: unlike .annotator, do not create the annotator (a read-only
        # project could not, and a new name simply has no status yet).
        if self._annotator is not None:
            return self._annotator.id
        found = reg_sql.annotator_by_name(self.db, self._annotator_name)
        return found.id if found else None

    # -- whole-project reading ---------------------------------------------------------------

    def document_dicts(self, annotator: str | None = None) -> Iterator[dict[str, Any]]:
        """Every document with its annotations, relations and status as native-export dicts."""
        return bundles.iter_document_dicts(self.db, annotator)

    def document_json(self, annotator: str | None = None) -> Iterator[str]:
        """The same documents as compact JSON text, one string per document (fast)."""
        return bundles.iter_document_json(self.db, annotator)

    def header_dict(self, annotator: str | None = None) -> dict[str, Any]:
        """Project, schema, annotators and registry in the native-export shape."""
        return {
            "project": {"name": self.name, "guidelines": self.guidelines, "created": self.created},
            "schema": self.schema.raw,
            "annotators": bundles.annotator_dicts(self.db, annotator),
            "entities": bundles.entity_dicts(self.db),
        }

    def document_count(self) -> int:
        return bundles.count_documents(self.db)

    # -- inspection --------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Counts for ``annotator info``: documents, annotations per label, annotators, actors."""
        return inspect_sql.info(self.db)

    def check(self, progress: ProgressCallback | None = None) -> CheckReport:
        """Integrity, foreign keys, every fragment against its text, schema consistency."""
        return inspect_sql.check(self.db, self.schema, progress)


__all__ = ["Project", "translate_error"]
