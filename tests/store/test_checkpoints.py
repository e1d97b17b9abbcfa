"""Checkpoints from a thread of their own: the project's write-ahead log is copied into the
file after the writes pause, never by the connection that commits."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from annotator.store.checkpoints import AUTOCHECKPOINT_PAGES, BackgroundCheckpoints
from annotator.store.checkpoints import checkpoint_in_background as start
from annotator.store.project import Project


def in_file_alone(path: Path, tmp_path: Path) -> int:
    """The documents a copy of the project file alone holds (without its -wal)."""
    copy = tmp_path / "alone.annotator"
    shutil.copyfile(path, copy)
    with sqlite3.connect(copy) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.01)


def autocheckpoint(project: Project) -> int:
    return project.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]


@pytest.fixture
def quick(project: Project):
    checkpoints = BackgroundCheckpoints(project.db.conn, project.path, quiet_s=0.05)
    checkpoints.start()
    yield checkpoints
    checkpoints.stop()


def test_the_writes_reach_the_file_once_they_pause(
    project: Project, quick: BackgroundCheckpoints, tmp_path: Path
) -> None:
    assert autocheckpoint(project) == 0  # the committing connection no longer checkpoints
    before = in_file_alone(project.path, tmp_path)
    for n in range(3):
        project.documents.add(f"Article {n}.", title=f"A{n}")
    wait_for(lambda: quick.checkpoints >= 1)
    assert in_file_alone(project.path, tmp_path) == before + 3
    assert quick.failed is None


def test_no_checkpoint_without_a_write(project: Project, quick: BackgroundCheckpoints) -> None:
    time.sleep(0.3)
    assert quick.checkpoints == 0 and quick.running


def test_a_steady_stream_of_writes_is_checkpointed_at_least_every_so_often(
    project: Project, tmp_path: Path
) -> None:
    checkpoints = BackgroundCheckpoints(project.db.conn, project.path, quiet_s=60.0, at_most_s=0.2)
    checkpoints.start()
    try:
        deadline = time.monotonic() + 5.0
        n = 0
        while checkpoints.checkpoints == 0 and time.monotonic() < deadline:
            project.documents.add(f"Article {n}.", title=f"A{n}")  # never quiet for 60 s
            n += 1
            time.sleep(0.02)
        assert checkpoints.checkpoints >= 1
        assert in_file_alone(project.path, tmp_path) >= 1
    finally:
        checkpoints.stop()


def test_stopping_gives_the_connection_its_checkpoints_back(
    project: Project, quick: BackgroundCheckpoints
) -> None:
    quick.stop()
    assert not quick.running
    assert autocheckpoint(project) == AUTOCHECKPOINT_PAGES
    project.documents.add("After.", title="After")  # still writes as before


def test_a_read_only_project_has_none(project: Project) -> None:
    path = project.path
    project.close()
    with Project.open(path, readonly=True) as reader:
        assert start(reader) is None
