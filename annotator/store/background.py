"""The command line's backups, made by a process of their own so that no command waits for a
copy of the project (docs/adr/0010-backups-after-the-change.md).

A command that writes (``import``, ``actors import``) opens the project with
:meth:`BackgroundBackup.before_changes` as its backup step and calls :meth:`finish` after it
has printed its result and closed the project:

- if the newest backup already holds the state the command is about to change (the usual
  case: the command before it left one), nothing happens before the command;
- if it does not (the window's session ended after its backup, a script opened the project
  without one, the last background backup failed), a backup process starts *before* the
  command writes: it opens its own read transaction on that state, says "ready", and copies it
  while the command works (WAL: the command's writes are not in that transaction). The command
  waits for "ready" only (about 0.1 s), not for the copy;
- after the command, the state it left is copied by the same process, or by a new one, which
  the command does not wait for (``ANNOTATOR_BACKUP_WAIT=1``: it waits, and says how it went).

A background backup that fails leaves its message in the backup folder; the next command that
writes says it (``take_failure``). Run as ``python -m annotator.store.background PROJECT
[--before]``, this module is that process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from annotator.store.backup import (
    back_up_on_own_connection,
    backup_due,
    record_failure,
    take_failure,
)

WAIT_ENV = "ANNOTATOR_BACKUP_WAIT"
READY = "ready"
#: How long a command waits for the backup process to hold the state before it writes.
READY_TIMEOUT = 30.0
_children: list[subprocess.Popen[bytes]] = []  # kept referenced until this process ends


class BackgroundBackup:
    """The backups of one command that writes to ``project``."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self._opened = False
        self._child: subprocess.Popen[bytes] | None = None

    def before_changes(self) -> list[str]:
        """The backup step of ``Project.open`` (called under the writer's lock, before any
        write): a copy of the current state if no backup holds it. Returns warnings."""
        self._opened = True
        warnings = []
        failure = take_failure(self.project)
        if failure:
            warnings.append(f"the last background backup of {self.project.name} failed: {failure}")
        try:
            if not backup_due(self.project):
                return warnings
            child = _spawn(self.project, before=True)
        except OSError as exc:
            return [*warnings, f"could not start a backup of {self.project.name}: {exc}"]
        answer = _read_line(child, READY_TIMEOUT)
        if answer == READY:
            self._child = child
            return warnings
        if answer is None:
            child.kill()
            answer = f"no answer in {READY_TIMEOUT:.0f} s"
        child.wait()
        return [
            *warnings,
            f"could not back up {self.project.name} before this command ({answer}); "
            "the state it leaves will be backed up",
        ]

    def finish(self) -> list[str]:
        """After the command: back up the state it left, in the background. Returns warnings
        (only when ``$ANNOTATOR_BACKUP_WAIT`` asks to wait for the backup)."""
        if not self._opened:
            return []  # the project was not opened for writing: nothing changed
        child, self._child = self._child, None
        try:
            if child is not None:
                assert child.stdin is not None
                child.stdin.close()  # the command is done: the process copies what it left
            elif backup_due(self.project):
                child = _spawn(self.project, before=False)
        except OSError as exc:
            return [f"could not start a backup of {self.project.name}: {exc}"]
        if child is None or os.environ.get(WAIT_ENV, "").strip() not in ("1", "yes", "true"):
            return []
        child.wait()
        failure = take_failure(self.project)
        return [f"the backup of {self.project.name} failed: {failure}"] if failure else []


def _spawn(project: Path, *, before: bool) -> subprocess.Popen[bytes]:
    """Start the backup process, detached: it outlives the command, and Ctrl-C or a closed
    terminal does not stop it."""
    args = [sys.executable, "-m", "annotator.store.background", str(project.resolve())]
    if before:
        args.append("--before")
    pipe = subprocess.PIPE if before else subprocess.DEVNULL
    detached: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        flags = subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
        detached = {"creationflags": flags}
    child = subprocess.Popen(args, stdin=pipe, stdout=pipe, stderr=subprocess.DEVNULL, **detached)
    _children.append(child)
    return child


def _read_line(child: subprocess.Popen[bytes], timeout: float) -> str | None:
    """The first line the child writes (None when it says nothing in time)."""
    lines: list[str] = []

    def read() -> None:
        assert child.stdout is not None
        lines.append(child.stdout.readline().decode("utf-8", "replace").strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    if not lines:
        return None
    assert child.stdout is not None
    child.stdout.close()
    return lines[0] or "the backup process stopped"


def _say(line: str) -> None:
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        sys.stdout.close()
    except OSError:  # the command is gone: go on alone
        pass


def main(argv: list[str]) -> int:
    """The backup process: ``PROJECT [--before]``."""
    project = Path(argv[0])
    before = "--before" in argv[1:]
    said = False

    def ready() -> None:
        nonlocal said
        _say(READY)
        said = True

    try:
        if before:
            back_up_on_own_connection(project, ready=ready)
            sys.stdin.buffer.read()  # until the command has finished (or died)
        back_up_on_own_connection(project)
    except BaseException as exc:  # the process has no one else to tell
        message = str(exc) or type(exc).__name__
        if before and not said:
            _say(message)
        record_failure(project, message)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
