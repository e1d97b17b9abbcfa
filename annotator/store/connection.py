"""Opening project files safely.

Before SQLite touches a file we read its 100-byte header ourselves: a file that is not SQLite,
a SQLite file that is not ours (``application_id``), or a project written by a newer version
(``user_version``) is refused with a clear message and left byte-for-byte untouched. Writers
take a lock file so that a second process is told the project is busy instead of racing it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

from filelock import FileLock, Timeout
from sqlite_utils import Database

from annotator.core.errors import (
    AnnotatorError,
    ProjectFileError,
    ProjectLockedError,
    StorageFullError,
)
from annotator.store.migrations import APPLICATION_ID, FORMAT_VERSION, KNOWN_MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_header(path: Path) -> int:
    """Refuse files that are not our projects; return the file's format version."""
    if not path.exists():
        raise ProjectFileError(f"{path}: no such project file")
    if path.is_dir():
        raise ProjectFileError(f"{path}: is a folder, not a project file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except PermissionError:
        raise ProjectFileError(f"{path}: permission denied (cannot read the file)") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise ProjectFileError(
            f"{path}: not an Annotator project (the file is not an SQLite database)"
        )
    (user_version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise ProjectFileError(
            f"{path}: an SQLite database, but not an Annotator project "
            f"(application_id {application_id:#x}); it was left untouched"
        )
    if user_version > FORMAT_VERSION:
        raise ProjectFileError(_newer_message(path, user_version))
    return user_version


def _newer_message(path: Path, version: int) -> str:
    return (
        f"{path}: written by a newer version of Annotator (file format {version}; this version "
        f"reads up to {FORMAT_VERSION}). Update Annotator to open it; the file was left untouched."
    )


def check_inside(db: Database, path: Path) -> None:
    """The same checks through SQLite (the header may lag behind an unmerged WAL file)."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise ProjectFileError(f"{path}: not an Annotator project (application_id {app_id:#x})")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > FORMAT_VERSION:
        raise ProjectFileError(_newer_message(path, version))
    if db["_sqlite_migrations"].exists():
        names = {r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")}
        unknown = names - set(KNOWN_MIGRATIONS)
        if unknown:
            raise ProjectFileError(_newer_message(path, version))


def connect_readonly(path: Path) -> Database:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise damaged_error(exc, path) from None
        raise ProjectFileError(f"{path}: cannot be opened for reading ({exc})") from None
    return Database(conn)


def connect_readwrite(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        db = Database(conn)
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise ProjectFileError(f"{path}: cannot use write-ahead logging (journal mode {mode})")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, path) from None
    return db


def check_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise ProjectFileError(
            f"{path}: the project file is read-only. Open it read-only, or copy it to a "
            f"writable place."
        )
    if not os.access(path.parent, os.W_OK):
        raise ProjectFileError(
            f"{path.parent}: the folder of the project is read-only (SQLite needs to write "
            f"its journal beside the file). Copy the project to a writable folder."
        )


class WriterLock:
    """An exclusive lock file beside the project (``NAME.lock``), held while it is open.

    With ``shared_in_process`` a second connection of the same process may join a lock the
    process already holds (the GUI's import worker does: it writes on its own connection
    while the window keeps the project open). Other processes are always kept out.
    """

    _held: ClassVar[dict[Path, int]] = {}  # locks this process holds, with how many users

    def __init__(self, path: Path, shared_in_process: bool = False) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self._key = path.resolve()
        self._shared = shared_in_process
        self._joined = False
        self._lock = FileLock(str(self.lock_path), timeout=0, is_singleton=False)

    def acquire(self) -> None:
        if self._shared and self._held.get(self._key):
            self._held[self._key] += 1
            self._joined = True
            return
        try:
            self._lock.acquire()
            self._held[self._key] = 1
        except Timeout:
            raise ProjectLockedError(
                f"{self.path}: the project is open for writing in another Annotator window or "
                f"command. Close it there first (lock file: {self.lock_path.name})."
            ) from None
        except OSError as exc:
            raise ProjectFileError(f"{self.path}: cannot create the lock file ({exc})") from None

    def release(self) -> None:
        if self._joined:
            self._held[self._key] -= 1
            self._joined = False
            return
        self._held.pop(self._key, None)
        self._lock.release()
        with contextlib.suppress(OSError):
            self.lock_path.unlink()


def translate_error(exc: sqlite3.Error, path: Path | None = None) -> AnnotatorError:
    """A user-facing error for an SQLite failure during a write."""
    where = f"{path}: " if path else ""
    text = str(exc).lower()
    if "full" in text:
        return StorageFullError(
            f"{where}the disk is full (or the file reached its size limit); the change was "
            f"rolled back and nothing was written"
        )
    if "readonly" in text or "read-only" in text:
        return ProjectFileError(f"{where}the project file is read-only; nothing was written")
    if "locked" in text or "busy" in text:
        return ProjectLockedError(f"{where}the project is busy in another process; try again")
    if _is_damage(exc):
        return damaged_error(exc, path)
    return ProjectFileError(f"{where}database error: {exc}")


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "decode" in text


def damage_as_user_error(exc: BaseException, path: Path | None) -> AnnotatorError | None:
    """For a command line that must never show a traceback: an SQLite error met while
    reading becomes the damaged-file message (None for anything else)."""
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
        return damaged_error(exc, path) if _is_damage(exc) else translate_error(exc, path)
    return None


def damaged_error(exc: sqlite3.Error, path: Path | None) -> ProjectFileError:
    """The error for a file SQLite finds damaged while reading it: what to run next."""
    name = path.name if path else "PROJECT"
    where = f"{path}: " if path else ""
    return ProjectFileError(
        f"{where}the project file is damaged and cannot be read ({exc}). Run `annotator "
        f"check {name}` for the details, and `annotator recover {name} -o NEW` to copy what "
        f"can be read into a new project; the file was left untouched."
    )


@contextlib.contextmanager
def write_transaction(db: Database, path: Path | None = None) -> Iterator[Database]:
    """One transaction; SQLite errors become clear :class:`AnnotatorError`s after rollback."""
    try:
        with db.atomic():
            yield db
    except sqlite3.IntegrityError:
        raise
    except sqlite3.OperationalError as exc:
        raise translate_error(exc, path) from None
