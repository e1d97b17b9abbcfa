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

from sqlite_utils import Database

from annotator.core.errors import (
    AnnotatorError,
    ProjectFileError,
    ProjectLockedError,
    StorageFullError,
)
from annotator.store.lockfile import ExclusiveLockFile
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
    """A read-only connection; on read-only media (no -shm can be made) an immutable one."""
    try:
        return Database(_open_readonly(path, immutable=False))
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise damaged_error(exc, path) from None
        read_only = folder_is_read_only(path) and "unable to open" in str(exc)
        full = "disk i/o error" in str(exc).lower() and disk_is_full(path)
        if not (read_only or full):
            raise ProjectFileError(f"{path}: cannot be opened for reading ({exc})") from None
    # A WAL project's reader needs PROJECT-shm (32 KiB), which a read-only folder or a full
    # disk cannot hold. Nothing can write there either, so SQLite may read the file as
    # immutable, unless a log with changes not yet merged into the file lies beside it
    # (immutable would ignore them).
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        where = "a read-only folder or medium" if read_only else "a full disk"
        raise ProjectFileError(
            f"{path}: on {where}, with changes still in {wal.name}; copy the project and "
            f"its {wal.name} file to a writable disk with free space to open it"
        )
    try:
        return Database(_open_readonly(path, immutable=True))
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise damaged_error(exc, path) from None
        raise ProjectFileError(f"{path}: cannot be opened for reading ({exc})") from None


def _open_readonly(path: Path, *, immutable: bool) -> sqlite3.Connection:
    flags = "immutable=1" if immutable else "mode=ro"
    uri = f"file:{quote(str(path.resolve()))}?{flags}"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


#: Less free space than this, after an I/O error, means the disk is full.
FULL_BELOW = 1 << 20


def disk_is_full(path: Path) -> bool:
    """True when the file system holding ``path`` has (almost) no space left for us."""
    try:
        stats = os.statvfs(path.parent)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return stats.f_bavail * stats.f_frsize < FULL_BELOW


def folder_is_read_only(path: Path) -> bool:
    """True when nothing can be created beside ``path`` (a read-only mount or folder)."""
    return not os.access(path.parent, os.W_OK)


def connect_readwrite(path: Path) -> Database:
    conn: sqlite3.Connection | None = None
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
        if conn is not None:
            conn.close()
        raise translate_error(exc, path) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
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
    """An exclusive lock file beside the project (``NAME.lock``), held while it is open
    (:class:`~annotator.store.lockfile.ExclusiveLockFile`: never held twice, never stale).

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
        self._lock = ExclusiveLockFile(self.lock_path)

    def acquire(self) -> None:
        if self._shared and self._held.get(self._key):
            self._held[self._key] += 1
            self._joined = True
            return
        try:
            acquired = self._lock.try_acquire()
        except OSError as exc:
            raise ProjectFileError(
                f"{self.path}: cannot create the lock file ({exc.strerror or exc})"
            ) from None
        if not acquired:
            raise ProjectLockedError(
                f"{self.path}: the project is open for writing in another Annotator window or "
                f"command. Close it there first (lock file: {self.lock_path.name})."
            )
        self._held[self._key] = 1

    def release(self) -> None:
        if self._joined:
            self._held[self._key] -= 1
            self._joined = False
            return
        self._held.pop(self._key, None)
        self._lock.release()  # deletes the lock file, safely (see store/lockfile.py)


def translate_error(exc: sqlite3.Error, path: Path | None = None) -> AnnotatorError:
    """A user-facing error for an SQLite failure during a write."""
    where = f"{path}: " if path else ""
    text = str(exc).lower()
    # A full disk often reaches SQLite as an I/O error (a -shm or -wal it cannot extend).
    if "full" in text or ("disk i/o error" in text and path is not None and disk_is_full(path)):
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
