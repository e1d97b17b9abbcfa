"""An exclusive lock file that can never be held by two processes at once.

On POSIX the lock is ``flock`` on ``NAME.lock``. Deleting a lock file is where simple schemes
go wrong: a process that opened the file just before it was deleted would lock the deleted
file while a newcomer creates and locks a new one. So the holder deletes the file *while it
still holds it*, and whoever gets a lock checks that the file it locked is still the one at the
path (same device and inode); if not, it starts again. The kernel drops the lock of a process
that dies (even by ``kill -9``), so a stale lock file never blocks anyone: it is simply locked
again. Lock files are created owner-only (0600), whatever the umask.

On Windows a file that another process has open cannot be deleted, so the ``filelock`` library
(``msvcrt`` locking) is safe as it is.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_MODE = 0o600
_ATTEMPTS = 50  # restarts when the file was replaced under us (each one means a holder left)


class ExclusiveLockFile:
    """``try_acquire()`` returns False when another holder has it; ``release()`` deletes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._fallback: object | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._fallback is not None

    def try_acquire(self) -> bool:
        """Take the lock without waiting; OSError when the file cannot be created or locked."""
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            return self._acquire_windows()
        import fcntl

        for _ in range(_ATTEMPTS):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, LOCK_MODE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            except BaseException:
                os.close(fd)
                raise
            if _same_file(fd, self.path):
                self._fd = fd
                return True
            os.close(fd)  # we locked a file its holder had already deleted: start again
        return False

    def release(self) -> None:
        if sys.platform == "win32":  # pragma: no cover
            self._release_windows()
            return
        if self._fd is None:
            return
        try:
            # Delete first, unlock second: see the module's docstring.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        finally:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def _acquire_windows(self) -> bool:  # pragma: no cover
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path), timeout=0, is_singleton=False, mode=LOCK_MODE)
        try:
            lock.acquire()
        except Timeout:
            return False
        self._fallback = lock
        return True

    def _release_windows(self) -> None:  # pragma: no cover
        from filelock import FileLock

        lock = self._fallback
        self._fallback = None
        if isinstance(lock, FileLock):
            lock.release()
            with contextlib.suppress(OSError):
                os.unlink(self.path)  # refused while another process has it open


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)
