"""Checkpoints of the write-ahead log from a thread of their own, for the window.

Every commit appends to the project's ``-wal`` file; a *checkpoint* copies those pages into
the project file and syncs it to disk. SQLite does that by itself inside the commit that
crosses 1,000 pages, on the connection that commits: in a 1.3 GB project that commit took
300–500 ms instead of 20, about one edit in eight, and in the window it is the GUI thread
that waits (docs/benchmarks.md, suggestions as a document opens).

:class:`BackgroundCheckpoints` turns that off on the window's connection and checkpoints
from a connection of its own, in a daemon thread, once the project has been quiet for a
moment (``quiet_s`` after the last commit, or at least every ``at_most_s`` while commits keep
coming). It notices commits by ``PRAGMA data_version``, which changes on a connection when
another one has committed. Its checkpoints are PASSIVE: they never wait for, or hold up, a
commit of the window. A commit is durable when it returns (``synchronous = FULL`` syncs the
log), so nothing depends on when a checkpoint runs; closing the project's last connection
checkpoints whatever is left.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.store.project import Project

#: SQLite's own threshold, in pages, while no background thread checkpoints.
AUTOCHECKPOINT_PAGES = 1000


def checkpoint_in_background(project: Project) -> BackgroundCheckpoints | None:
    """Start checkpointing a writable project from a thread (None when it is read-only)."""
    if project.readonly:
        return None
    checkpoints = BackgroundCheckpoints(project.db.conn, project.path)
    try:
        checkpoints.start()
    except sqlite3.Error:  # then the connection checkpoints by itself, as SQLite does
        return None
    return checkpoints


class BackgroundCheckpoints:
    """Checkpoints a project's write-ahead log in a thread; see the module's text."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, quiet_s: float = 1.0, at_most_s: float = 10.0
    ) -> None:
        self.path, self.quiet_s, self.at_most_s = path, quiet_s, at_most_s
        self._conn = conn  # the window's connection: its own checkpoints turned off
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.checkpoints = 0  # how many ran (for tests and the bench)
        self.failed: str | None = None  # why the last one failed, if it did (tried again)

    def start(self) -> None:
        own = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        try:
            own.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("PRAGMA wal_autocheckpoint = 0")
        except sqlite3.Error:
            own.close()
            raise
        self._thread = threading.Thread(
            target=self._run, args=(own,), name="checkpoints", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (after the checkpoint it may be running) and give the window's
        connection its own checkpoints back."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self, own: sqlite3.Connection) -> None:
        try:
            seen = own.execute("PRAGMA data_version").fetchone()[0]
            first_unsaved: float | None = None  # when a commit not yet checkpointed was seen
            last_change = 0.0
            not_before = 0.0  # after a failure: when to try again
            while not self._stop.wait(max(0.005, min(self.quiet_s, self.at_most_s) / 4)):
                now = time.monotonic()
                try:
                    version = own.execute("PRAGMA data_version").fetchone()[0]
                    if version != seen:
                        seen, last_change = version, now
                        first_unsaved = first_unsaved or now
                    if first_unsaved is None or now < not_before:
                        continue
                    if now - last_change >= self.quiet_s or now - first_unsaved >= self.at_most_s:
                        own.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                        self.checkpoints += 1
                        first_unsaved, self.failed = None, None
                except sqlite3.Error as exc:
                    # a full disk, a vanished folder: the window's commits say so, with the
                    # file's name; the log stays whole, and this tries again later
                    self.failed = str(exc)
                    not_before = now + self.at_most_s
        finally:
            own.close()
