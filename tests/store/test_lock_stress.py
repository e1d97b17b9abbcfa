"""The writer lock is never held twice, even by processes opening and closing in a tight loop,
and a holder killed with SIGKILL never blocks the next writer."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import ProjectLockedError
from annotator.store.connection import WriterLock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locking")

# Each child takes and drops the lock until the deadline. While it holds the lock it creates
# a marker file with O_EXCL: a marker already there means another process holds it too.
LOOP = """
import os, sys, time
from annotator import ProjectLockedError
from annotator.store.connection import WriterLock
path, marker, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
deadline = time.monotonic() + seconds
held = overlaps = 0
while time.monotonic() < deadline:
    lock = WriterLock(__import__("pathlib").Path(path))
    try:
        lock.acquire()
    except ProjectLockedError:
        continue
    held += 1
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        overlaps += 1
    else:
        os.close(fd)
        os.unlink(marker)
    lock.release()
print(held, overlaps)
"""


def test_no_two_processes_ever_hold_the_lock(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    marker = tmp_path / "holder"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, str(project), str(marker), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    totals = []
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        held, overlaps = map(int, out.split())
        totals.append((held, overlaps))
    assert sum(h for h, _ in totals) > 200, totals  # the loop really ran
    assert [o for _, o in totals] == [0] * len(children), totals
    assert not project.with_name("p.annotator.lock").exists()


def test_a_killed_holder_never_blocks(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    script = (
        "import sys, pathlib\n"
        "from annotator.store.connection import WriterLock\n"
        "WriterLock(pathlib.Path(sys.argv[1])).acquire()\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(project)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    with pytest.raises(ProjectLockedError):
        WriterLock(project).acquire()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    lock_file = project.with_name("p.annotator.lock")
    assert lock_file.exists()  # left behind by the killed holder ...
    lock = WriterLock(project)
    lock.acquire()  # ... and taken over at once
    try:
        with pytest.raises(ProjectLockedError):
            WriterLock(project).acquire()
    finally:
        lock.release()
    assert not lock_file.exists()


def test_lock_file_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    old = os.umask(0)
    try:
        lock = WriterLock(project)
        lock.acquire()
        try:
            mode = stat.S_IMODE(project.with_name("p.annotator.lock").stat().st_mode)
        finally:
            lock.release()
    finally:
        os.umask(old)
    assert mode == 0o600
