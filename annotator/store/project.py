"""The scripting API: :class:`Project`, one open project file.

``Project`` is a small facade over repositories that each own their SQL: ``documents`` (and
search), ``registry`` (the actors), ``annotators``, and ``layer(...)``: one annotator's
annotations, relations and statuses (``gold`` is the adjudicated layer). Every write runs in
one transaction, committed before it returns (there is no "save"), is validated against the
schema and the document text first, and returns its value with what it changed
(:class:`~annotator.core.changes.Written`). ``project.transaction()`` groups writes and
accumulates their changes.

>>> with Project.create("study.annotator", annotator="Ana") as p:   # doctest: +SKIP
...     doc = p.documents.add("Karamov said talks would resume.", title="Talks").value
...     actor = p.layer().add_annotation(doc.id, "Actor", [(0, 7)]).value
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.changes import Changes, Written
from annotator.core.errors import ProjectFileError
from annotator.core.model import now
from annotator.core.reports import CheckReport, ImportReport, ProgressCallback
from annotator.core.schema import Schema, default_schema, load_schema_text
from annotator.core.schema_change import NO_MIGRATIONS, Migrations
from annotator.store import annotations as ann_sql
from annotator.store import checking, merge, schema_change
from annotator.store import inspect as inspect_sql
from annotator.store.actors import Registry
from annotator.store.annotators import GOLD_ID, RESERVED, Annotators
from annotator.store.backup import make_backup, newest_good_backup
from annotator.store.connection import (
    WriterLock,
    check_header,
    check_inside,
    check_writable,
    connect_readonly,
    connect_readwrite,
    disk_is_full,
    folder_is_read_only,
    translate_error,
    write_transaction,
)
from annotator.store.damage import OPEN_CHECK_MAX_BYTES, damaged_file_error, find_damage
from annotator.store.datasets import Datasets, chosen_documents
from annotator.store.documents import Documents
from annotator.store.layer import Layer
from annotator.store.migrations import apply_migrations
from annotator.store.problems import Problem, find_problems, iter_problems, problems_page
from annotator.store.schema_change import AppliedChange
from annotator.store.suggestions import SuggestionStore
from annotator.store.team import Team

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


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def _publish(partial: Path, path: Path) -> None:
    """Give the complete file ``partial`` its name ``path`` (never replacing a file there)."""
    fd = os.open(partial, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(partial, path)  # fails if ``path`` exists: nothing is ever overwritten
    except FileExistsError:
        raise ProjectFileError(f"{path}: already exists; choose another name") from None
    except OSError:  # a file system without hard links (FAT, some network drives)
        if path.exists():
            raise ProjectFileError(f"{path}: already exists; choose another name") from None
        os.replace(partial, path)
    else:
        partial.unlink()
    with contextlib.suppress(OSError):  # make the new name durable (POSIX)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class Project:
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
        #: The name stamped on what this session writes (``layer()`` is theirs).
        self.annotator_name = annotator_name.strip() or default_annotator_name()
        self._schema: Schema | None = None
        self._recording: Changes | None = None  # the innermost open transaction's record
        self.backup_path: Path | None = None
        self.warnings: list[str] = []
        self._committed = False  # a transaction that changed something was committed (close)
        self.documents = Documents(self)
        self.registry = Registry(self)
        self.annotators = Annotators(self)
        #: Owner, blind setting and assignments of a team's file (store/team.py).
        self.team = Team(self)
        #: The engines' suggestions and the verdicts on them (store/suggestions.py).
        self.suggestions = SuggestionStore(self)
        self._layers: dict[str, Layer] = {}

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
            if path.exists():  # created by another process since the check above
                raise ProjectFileError(f"{path}: already exists; choose another name")
            # Built under another name and renamed when complete: a creation that is killed
            # leaves no half-made project at ``path`` (only this partial file, which the next
            # creation, holding the same lock, removes).
            partial = path.with_name(f".{path.name}.creating")
            _remove_database(partial)
            db = connect_readwrite(partial)
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
                db.close()  # the last connection: SQLite removes the partial's -wal and -shm
                _publish(partial, path)
            except BaseException:
                db.close()
                _remove_database(partial)
                raise
            db = connect_readwrite(path)
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
        backup: bool | Callable[[], list[str]] = True,
        shared_in_process: bool = False,
    ) -> Project:
        """Open an existing project. Writers take a lock and a rotating backup first (if the
        project changed since its newest one); a damaged file (see store/damage.py) is refused
        for writing and left untouched.

        ``backup``: True copies the project now (before any write, migrations included);
        False takes no backup; a callable is called at that moment instead and returns
        warnings (the command line's background backup, store/background.py).

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
            project = cls(
                db, path, readonly=True, annotator_name=annotator or default_annotator_name()
            )
            if annotator is None:
                project.adopt_owner()
            if folder_is_read_only(path) or not os.access(path, os.W_OK):
                project.warnings.append(
                    f"{path}: the project is on a read-only folder or medium; it was opened "
                    f"read-only and cannot be changed here"
                )
            elif disk_is_full(path):
                project.warnings.append(
                    f"{path}: the disk holding the project is full; it can be read, but no "
                    f"change can be saved until space is freed"
                )
            return project
        check_writable(path)
        lock = WriterLock(path, shared_in_process)
        lock.acquire()
        try:
            db = connect_readwrite(path)
            try:
                check_inside(db, path)
                if path.stat().st_size <= OPEN_CHECK_MAX_BYTES:  # larger: see store/damage.py
                    problems = find_damage(db.conn)
                    if problems:
                        raise damaged_file_error(path, problems, newest_good_backup(path))
                project = cls(
                    db,
                    path,
                    readonly=False,
                    annotator_name=annotator or default_annotator_name(),
                    lock=lock,
                )
                if callable(backup):
                    project.warnings.extend(backup())
                elif backup:
                    project._backup()
                with write_transaction(db, path):
                    apply_migrations(db)
                if annotator is None:
                    project.adopt_owner()
            except BaseException:
                db.close()
                raise
        except BaseException:
            lock.release()
            raise
        return project

    def adopt_owner(self) -> str | None:
        """Write under the name of the annotator this file was distributed to (its owner),
        if it has one; returns that name."""
        person = self.team.owner
        if person is None:
            return None
        if person.name != self.annotator_name:
            self.annotator_name = person.name
            self._layers.pop("name:" + person.name, None)
        return person.name

    def _backup(self) -> None:
        try:
            self.backup_path = make_backup(self.db.conn, self.path)
        except (OSError, sqlite3.Error) as exc:  # a failed backup must not block the work
            self.warnings.append(f"could not write a backup of {self.path.name}: {exc}")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            # ANALYZE writes statistics: not after a failed import, which must leave the file
            # byte for byte as it was, nor after one that changed nothing (it would look like
            # a change, and take a new backup)
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
    def transaction(self) -> Iterator[Changes]:
        """Group several writes into one transaction (all or nothing); yields the record of
        what they change, complete when the block ends."""
        self._require_writable()
        record = Changes()
        parent = self._recording
        self._recording = record
        try:
            with write_transaction(self.db, self.path):
                yield record
        except BaseException:
            self._recording = parent
            # What was cached inside may have been rolled back (an annotator created on first
            # write, a schema set by a merge); read it again from the file next time.
            self._schema = None
            self.documents.forget_cached()
            raise
        self._recording = parent
        if parent is not None:
            parent.merge(record)
        if not self.db.conn.in_transaction and record:  # the outermost one, with changes
            self._committed = True

    @property
    def recording(self) -> Changes:
        """The record of the innermost open transaction (for the store's own modules)."""
        if self._recording is None:
            raise RuntimeError("no transaction is open")
        return self._recording

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

    def set_guidelines(self, text: str) -> Written[None]:
        with self.transaction() as changes:
            self.db.execute("UPDATE project SET guidelines = ?, modified = ?", [text, now()])
            changes.project = True
        return Written(None, changes)

    def set_schema(self, schema: Schema) -> Written[None]:
        """Replace the schema as it is (its own version); refused if stored annotations would
        no longer fit it. ``change_schema`` is the edit that migrates and counts versions."""
        with self.transaction() as changes:
            schema_change.install(self, schema, now())
        self._schema = schema
        return Written(None, changes)

    def change_schema(
        self, schema: Schema, migrations: Migrations | None = None
    ) -> Written[AppliedChange]:
        """Install ``schema`` as the next version, renaming stored data as ``migrations`` say,
        in one transaction; refused (SchemaChangeRefused, nothing written) when it would
        orphan stored data; nothing happens when it is the current one (store/schema_change.py).
        """
        with self.transaction() as changes:
            applied = schema_change.apply(self, schema, migrations or NO_MIGRATIONS)
        self._schema = applied.plan.new
        return Written(applied, changes)

    def revert_schema_change(self, applied: AppliedChange) -> Written[None]:
        """Undo :meth:`change_schema`: the data it rewrote and the schema before it return."""
        with self.transaction() as changes:
            schema_change.revert(self, applied)
        self._schema = applied.plan.old
        return Written(None, changes)

    # -- layers ----------------------------------------------------------------------------

    def layer(self, annotator_id: str | None = None) -> Layer:
        """The layer of the annotator with this id, or (no id) of this session's annotator,
        whose row is created by the first write in their name."""
        if annotator_id is None:
            key = "name:" + self.annotator_name
            if key not in self._layers:
                self._layers[key] = Layer(self, self.annotator_name)
            return self._layers[key]
        if annotator_id in RESERVED:
            if annotator_id not in self._layers:
                self._layers[annotator_id] = Layer(self, RESERVED[annotator_id], annotator_id)
            return self._layers[annotator_id]
        if annotator_id not in self._layers:
            person = self.annotators.get(annotator_id)
            self._layers[annotator_id] = Layer(self, person.name, person.id)
        return self._layers[annotator_id]

    @property
    def gold(self) -> Layer:
        """The adjudicated layer (the reserved annotator ``gold``)."""
        return self.layer(GOLD_ID)

    def layers(self) -> list[Layer]:
        """A layer for every annotator with a row (gold too, once written to), by name."""
        return [self.layer(person.id) for person in self.annotators.all()]

    # -- whole-project reading and merging -----------------------------------------------------

    def datasets(
        self, layer: Layer | None = None, documents: Iterable[str] | None = None
    ) -> Datasets:
        """What exports read: research rows and the native shape, of one layer or (None) all,
        of the documents with these ids or (None) all; an unknown id is a NotFoundError."""
        header = {
            "project": {"name": self.name, "guidelines": self.guidelines, "created": self.created},
            "schema": self.schema.raw,
        }
        who = None if layer is None else (layer.annotator_id or "")
        chosen = None if documents is None else chosen_documents(self.db, documents)
        return Datasets(self.db, self.schema.roles, who, header, chosen)

    def merge_native(
        self,
        header: dict[str, Any],
        documents: Iterable[tuple[str, dict[str, Any]]],
        *,
        progress: ProgressCallback | None = None,
        total: int | None = None,
        report: ImportReport | None = None,
        on_conflict: merge.OnConflict = "refuse",
    ) -> Written[ImportReport]:
        """Merge native-shape data (``annotator/1``) in one transaction; see store/merge.py.

        An id already present with different content is refused (``on_conflict="refuse"``) or
        imported under a new id (``"new-id"``, listed in ``report.renamed``).
        """
        report = report if report is not None else ImportReport()
        with self.transaction() as changes:
            ids = merge.merge_header(self, header, report)
            merge.merge_documents(self, documents, ids, report, progress, total, on_conflict)
        return Written(report, changes)

    # -- inspection --------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Counts for ``annotator info``: documents, annotations per label, annotators, actors."""
        return inspect_sql.info(self.db)

    def attribute_values(self, label: str, attribute: str) -> list[str]:
        """The values of a label's attribute in use, in every layer, the most used first: what
        the window offers before a new spelling of one of them is added."""
        return ann_sql.attribute_values(self.db, label, attribute)

    def problems(self, limit: int | None = None) -> list[Problem]:
        """Every layer's unfinished annotations and duplicates (``layer.problems()`` gives one
        layer's), in document order."""
        if limit is not None:  # the first ones: read by windows of documents
            return problems_page(self.db, self.schema, None, None, limit)
        return find_problems(self.db, self.schema)

    def iter_problems(self) -> Iterator[Problem]:
        """The same as :meth:`problems`, read one at a time (memory stays flat)."""
        return iter_problems(self.db, self.schema)

    def check(self, progress: ProgressCallback | None = None) -> CheckReport:
        """Integrity, foreign keys, the full-text index, every text and fragment, schema
        consistency; warnings count the problems (store/checking.py)."""
        return checking.check(self.db, self.schema, progress)


__all__ = ["GOLD_ID", "Layer", "Project", "translate_error"]
