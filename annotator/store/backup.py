"""Rotating backups of project files, made with SQLite's online backup API.

A backup is taken when a project is opened for writing, unless the newest backup is already
newer than the project file (nothing changed since). Backups live in the user's data folder
(``platformdirs``), or in ``$ANNOTATOR_BACKUP_DIR`` when that is set, one subfolder per project.
A copy enters the rotation only once it is verified (:func:`~annotator.store.damage.find_damage`),
so the rotation never pushes good copies out in favour of a damaged one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import platformdirs

from annotator.store.damage import file_is_sound, find_damage

KEEP_BACKUPS = 5
#: Backups are copies of the user's data: owner-only, whatever the umask.
BACKUP_FILE_MODE = 0o600
BACKUP_FOLDER_MODE = 0o700


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


def make_backup(
    conn: sqlite3.Connection, project: Path, root: Path | None = None, keep: int = KEEP_BACKUPS
) -> Path | None:
    """Copy the open database ``conn`` into the backup folder and drop the oldest copies.

    Returns the new backup, or None when the project has not changed since the last one.
    """
    existing = list_backups(project, root)
    # Strictly newer: with coarse file times a change in the same tick as the last backup
    # must still count as a change.
    if existing and existing[0].stat().st_mtime > _last_change(project):
        return None
    folder = backup_folder(project, root)
    _private_folder(folder)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}.annotator"
    partial = target.with_suffix(".partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, BACKUP_FILE_MODE))
    dest = sqlite3.connect(str(partial))  # SQLite writes into the owner-only empty file
    try:
        conn.backup(dest)
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    try:
        problems = find_damage(dest)
    finally:
        dest.close()
    if problems:
        partial.unlink(missing_ok=True)
        raise OSError(f"the copy of {project.name} is damaged ({problems[0]}); it was not kept")
    partial.replace(target)  # a backup appears complete, verified, or not at all
    for old in list_backups(project, root)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _private_folder(folder: Path) -> None:
    """Create ``folder`` (and the backup root above it) as 0700 folders."""
    for level in (folder.parent, folder):
        if not level.is_dir():
            level.mkdir(mode=BACKUP_FOLDER_MODE, parents=True, exist_ok=True)
            level.chmod(BACKUP_FOLDER_MODE)  # mkdir's mode is narrowed by the umask only


def newest_good_backup(project: Path, root: Path | None = None) -> Path | None:
    """The newest backup of ``project`` that opens and shows no damage, if any."""
    return next((b for b in list_backups(project, root) if file_is_sound(b)), None)


def back_up_on_own_connection(project: Path, root: Path | None = None) -> Path | None:
    """:func:`make_backup` through a read-only connection of its own, so that it can run in a
    background thread while the project stays open for writing (WAL: writers go on; the copy
    is the state of one read transaction). Returns the new backup, or None if none was due;
    raises OSError when it cannot be written."""
    uri = f"file:{quote(str(project.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            problems = find_damage(conn)
            if problems:  # a large file is not scanned when it is opened: it is here
                raise OSError(
                    f"{project.name} is damaged ({problems[0]}); run annotator check; "
                    "no backup was taken"
                )
            return make_backup(conn, project, root)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise OSError(f"SQLite could not copy {project.name}: {exc}") from None


def _last_change(project: Path) -> float:
    times = [project.stat().st_mtime]
    wal = project.with_name(project.name + "-wal")
    # An empty log holds no change: the opening connection itself has just created it.
    if wal.exists() and wal.stat().st_size > 0:
        times.append(wal.stat().st_mtime)
    return max(times)
