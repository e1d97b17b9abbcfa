"""Rotating backups of project files, made with SQLite's online backup API.

A backup is taken only when the project changed since its newest backup. Each backup file's
modification time is that of the project state it holds (the last change the copy includes),
so "changed since" is one comparison of file times, made without opening the project. The
window backs up in a thread after its first paint, the command line in a process of its own
after the command (store/background.py, docs/adr/0010), the scripting API when a project is
opened for writing.

Backups live in the user's data folder (``platformdirs``), or in ``$ANNOTATOR_BACKUP_DIR``,
one subfolder per project. A copy enters the rotation only once it is verified
(:func:`~annotator.store.damage.find_damage`), so the rotation never pushes good copies out in
favour of a damaged one. The rotation keeps at most ``$ANNOTATOR_BACKUP_KEEP`` copies (5) and
at most ``$ANNOTATOR_BACKUP_MAX_SIZE`` bytes of them (by default the larger of 2 GB and twice
the newest copy, so a large project still keeps two states); the newest copy always stays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import platformdirs

from annotator.store.damage import file_is_sound, find_damage
from annotator.store.lockfile import ExclusiveLockFile

KEEP_BACKUPS = 5
#: The default size budget is the larger of this and twice the newest copy.
MIN_BUDGET_BYTES = 2_000_000_000
KEEP_ENV = "ANNOTATOR_BACKUP_KEEP"
MAX_SIZE_ENV = "ANNOTATOR_BACKUP_MAX_SIZE"
#: Backups are copies of the user's data: owner-only, whatever the umask.
BACKUP_FILE_MODE = 0o600
BACKUP_FOLDER_MODE = 0o700
#: One backup of a project at a time (another process may be copying it): how long to wait.
LOCK_WAIT_SECONDS = 600.0
LOCK_NAME = "backup.lock"
#: What a background backup that failed left for the next command to say.
FAILURE_NAME = "last-failure.txt"

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


def parse_size(text: str) -> int:
    """Bytes from "2G", "500 MB", "1.5GB" or "1000000" (decimal units: 1 GB = 10⁹ bytes)."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a size (such as 500M, 2G or a number of bytes)")
    return int(float(match[1]) * _UNITS[match[2].lower()])


@dataclass(frozen=True)
class Rotation:
    """How many backups of one project are kept, and how many bytes of them at most."""

    keep: int = KEEP_BACKUPS
    max_bytes: int | None = None  # None: the larger of MIN_BUDGET_BYTES and 2 × newest copy

    @classmethod
    def from_environment(cls) -> Rotation:
        """``$ANNOTATOR_BACKUP_KEEP`` and ``$ANNOTATOR_BACKUP_MAX_SIZE``; OSError when one is
        not understood (a backup that cannot be made warns, it does not stop the work)."""
        keep, max_bytes = KEEP_BACKUPS, None
        raw = os.environ.get(KEEP_ENV, "").strip()
        if raw:
            if not raw.isdigit() or int(raw) < 1:
                raise OSError(f"{KEEP_ENV}={raw!r}: not a whole number of at least 1")
            keep = int(raw)
        raw = os.environ.get(MAX_SIZE_ENV, "").strip()
        if raw:
            try:
                max_bytes = parse_size(raw)
            except ValueError as exc:
                raise OSError(f"{MAX_SIZE_ENV}: {exc}") from None
        return cls(keep, max_bytes)

    def budget(self, newest_size: int) -> int:
        if self.max_bytes is not None:
            return self.max_bytes
        return max(MIN_BUDGET_BYTES, 2 * newest_size)

    def kept(self, sizes: list[int]) -> int:
        """How many of the backups with these sizes (newest first) stay: the newest always,
        then as many more as fit both the count and the size budget."""
        if not sizes:
            return 0
        budget, total, count = self.budget(sizes[0]), sizes[0], 1
        for size in sizes[1:]:
            if count >= self.keep or total + size > budget:
                break
            total += size
            count += 1
        return count


@dataclass(frozen=True)
class ProjectState:
    """What the file system says of a project's last change: the newest modification time of
    the file and its write-ahead log (an empty log holds no change), and both sizes."""

    changed_ns: int
    sizes: tuple[int, int]


def project_state(project: Path) -> ProjectState:
    info = project.stat()
    changed, sizes = info.st_mtime_ns, (info.st_size, 0)
    with contextlib.suppress(FileNotFoundError):
        wal = project.with_name(project.name + "-wal").stat()
        if wal.st_size > 0:
            changed, sizes = max(changed, wal.st_mtime_ns), (info.st_size, wal.st_size)
    return ProjectState(changed, sizes)


def backup_root() -> Path:
    override = os.environ.get("ANNOTATOR_BACKUP_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "backups"


def backup_folder(project: Path, root: Path | None = None) -> Path:
    """The folder of ``project``'s backups: its name plus a hash of its absolute path."""
    resolved = str(project.resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:10]
    return (root or backup_root()) / f"{project.stem}-{digest}"


def list_backups(project: Path, root: Path | None = None) -> list[Path]:
    """Backups of ``project``, newest first."""
    folder = backup_folder(project, root)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.annotator"), reverse=True)


def backup_due(project: Path, root: Path | None = None) -> bool:
    """Whether ``project`` changed since its newest backup (file times only: cheap)."""
    backups = list_backups(project, root)
    return not backups or _covers(backups[0]) < project_state(project).changed_ns


def _covers(backup: Path) -> int:
    """The time of the last change the backup holds (its modification time, see make_backup)."""
    return backup.stat().st_mtime_ns


def make_backup(
    conn: sqlite3.Connection,
    project: Path,
    root: Path | None = None,
    rotation: Rotation | None = None,
    *,
    state: ProjectState | None = None,
) -> Path | None:
    """Copy the open database ``conn`` into the backup folder, then rotate the folder.

    ``state``: the project's state when the copy's read transaction began, if ``conn`` holds
    one already (by default it is taken now, before the copy starts). Returns the new backup,
    or None when the newest backup already holds that state.
    """
    state = state or project_state(project)
    rotation = rotation or Rotation.from_environment()
    folder = backup_folder(project, root)
    _private_folder(folder)
    with _folder_lock(folder):
        existing = list_backups(project, root)
        if existing and _covers(existing[0]) >= state.changed_ns:
            return None
        for stale in folder.glob("*.partial"):  # left by a copy that was killed
            stale.unlink(missing_ok=True)
        target = _copy(conn, project, folder)
        # The copy holds the state read when it began. Written to since (the window goes on
        # working during a background copy), the project is newer than the copy: then the
        # copy is dated just before that state, so the next check sees the change.
        covers = state.changed_ns if project_state(project) == state else state.changed_ns - 1
        partial = target.with_suffix(".partial")
        os.utime(partial, ns=(time.time_ns(), covers))
        partial.replace(target)  # a backup appears complete, verified, or not at all
        backups = list_backups(project, root)
        for old in backups[rotation.kept([b.stat().st_size for b in backups]) :]:
            old.unlink(missing_ok=True)
        (folder / FAILURE_NAME).unlink(missing_ok=True)
    return target


def _copy(conn: sqlite3.Connection, project: Path, folder: Path) -> Path:
    """Copy ``conn`` into ``folder`` as a verified ``.partial`` of the returned backup name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}.annotator"
    partial = target.with_suffix(".partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, BACKUP_FILE_MODE))
    dest = sqlite3.connect(str(partial))  # SQLite writes into the owner-only empty file
    try:
        conn.backup(dest)
        problems = find_damage(dest)
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    if problems:
        partial.unlink(missing_ok=True)
        raise OSError(f"the copy of {project.name} is damaged ({problems[0]}); it was not kept")
    return target


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One backup of a project at a time, across threads and processes."""
    lock = ExclusiveLockFile(folder / LOCK_NAME)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.02
    while not lock.try_acquire():
        if time.monotonic() > deadline:
            raise OSError(f"another backup into {folder} has not finished for 10 minutes")
        time.sleep(pause)
        pause = min(pause * 2, 0.5)
    try:
        yield
    finally:
        lock.release()


def _private_folder(folder: Path) -> None:
    """Create ``folder`` (and the backup root above it) as 0700 folders."""
    for level in (folder.parent, folder):
        if not level.is_dir():
            level.mkdir(mode=BACKUP_FOLDER_MODE, parents=True, exist_ok=True)
            level.chmod(BACKUP_FOLDER_MODE)  # mkdir's mode is narrowed by the umask only


def newest_good_backup(project: Path, root: Path | None = None) -> Path | None:
    """The newest backup of ``project`` that opens and shows no damage, if any."""
    return next((b for b in list_backups(project, root) if file_is_sound(b)), None)


def back_up_on_own_connection(
    project: Path, root: Path | None = None, *, ready: Callable[[], None] | None = None
) -> Path | None:
    """:func:`make_backup` through a read-only connection of its own, so that it can run in a
    background thread or process while the project stays open for writing (WAL: writers go
    on; the copy is the state of one read transaction). Returns the new backup, or None if
    none was due; raises OSError when it cannot be written.

    ``ready``: called once the read transaction holds the state to copy; whatever is written
    from then on is not in this copy (the command line starts writing only then).
    """
    uri = f"file:{quote(str(project.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            state = None  # taken by make_backup, just before its copy
            if ready is not None:
                state = project_state(project)  # before the read transaction: see make_backup
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                ready()
            problems = find_damage(conn)
            if problems:  # a large file is not scanned when it is opened: it is here
                raise OSError(
                    f"{project.name} is damaged ({problems[0]}); run annotator check; "
                    "no backup was taken"
                )
            return make_backup(conn, project, root, state=state)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise OSError(f"SQLite could not copy {project.name}: {exc}") from None


def record_failure(project: Path, message: str, root: Path | None = None) -> None:
    """Keep what went wrong with a background backup for the next command to say."""
    folder = backup_folder(project, root)
    with contextlib.suppress(OSError):
        _private_folder(folder)
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        fd = os.open(folder / FAILURE_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f"{stamp}: {message}\n")


def take_failure(project: Path, root: Path | None = None) -> str | None:
    """What a background backup of ``project`` left as its failure (then forgotten), if any."""
    path = backup_folder(project, root) / FAILURE_NAME
    try:
        text = path.read_text(encoding="utf-8").strip()
        path.unlink()
    except OSError:
        return None
    return text or None
