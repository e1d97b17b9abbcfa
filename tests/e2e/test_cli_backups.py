"""The command line's backups: made after the command by a process of their own, which the
command does not wait for; before it only when no backup holds the state it is about to change
(docs/adr/0010-backups-after-the-change.md)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator import Project
from annotator.demo import article_paths
from annotator.store.backup import (
    FAILURE_NAME,
    LOCK_NAME,
    backup_due,
    backup_folder,
    list_backups,
)
from annotator.store.lockfile import ExclusiveLockFile

ARTICLES = article_paths()[0].parent


def documents_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the background backup did not come"
        time.sleep(0.05)


@pytest.fixture
def project(cli, tmp_path: Path) -> Path:
    """A project with one imported article, whose state is backed up."""
    path = tmp_path / "study.annotator"
    assert cli("new", path).returncode == 0
    one = tmp_path / "one.txt"
    one.write_text("The first article of the study.", encoding="utf-8")
    result = cli("import", path, one)  # the tests' default: the command waits for its backup
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert [documents_in(b) for b in list_backups(path)] == [1, 0]  # after it, before it
    assert not backup_due(path)
    return path


def test_import_prints_its_result_and_exits_before_its_backup_is_made(
    cli, project: Path, monkeypatch
) -> None:
    monkeypatch.delenv("ANNOTATOR_BACKUP_WAIT")
    before = list_backups(project)
    # Hold the backup folder's lock, as a backup still copying would: no backup can be made
    # until it is released, so the command's result cannot have waited for one.
    lock = ExclusiveLockFile(backup_folder(project) / LOCK_NAME)
    assert lock.try_acquire()
    try:
        result = cli("import", project, ARTICLES, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "Imported: 12 document(s) added.\n"
        assert result.stderr == ""
        assert list_backups(project) == before  # the command is done; its backup is not
    finally:
        lock.release()
    wait_for(lambda: len(list_backups(project)) > len(before))
    newest = list_backups(project)[0]
    # the state the command left (no copy before it: the newest backup held that state)
    assert documents_in(newest) == 13
    wait_for(lambda: not (backup_folder(project) / LOCK_NAME).exists())
    assert list_backups(project) == [newest, *before]
    assert not backup_due(project)
    assert not list(backup_folder(project).glob("*.partial"))


def test_no_backup_when_nothing_changed(cli, project: Path, tmp_path: Path) -> None:
    before = list_backups(project)
    for args in (("info", project), ("check", project), ("export", project, "-o", "x.json")):
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("id,name,type,aliases,wikidata,note\n", encoding="utf-8")
    result = cli("actors", "import", project, empty)  # opens for writing, changes nothing
    assert result.returncode == 0, result.stderr
    assert list_backups(project) == before
    assert not backup_due(project)


def test_a_state_no_backup_holds_is_copied_before_the_command_changes_it(
    cli, project: Path
) -> None:
    # A script (or the window, after its backup) changed the project and left no backup.
    with Project.open(project, backup=False) as p:
        p.documents.add("Written by a script that took no backup.")
    assert backup_due(project)
    before = list_backups(project)
    result = cli("import", project, ARTICLES)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    new = list_backups(project)[: -len(before)]
    # the state before the import (2 documents) and the state after it (14)
    assert [documents_in(b) for b in new] == [14, 2]
    assert list_backups(project)[len(new) :] == before
    assert not backup_due(project)


def test_a_failed_background_backup_is_reported_by_the_next_command(
    cli, project: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("ANNOTATOR_BACKUP_WAIT")
    monkeypatch.setenv("ANNOTATOR_BACKUP_MAX_SIZE", "plenty")
    result = cli("import", project, ARTICLES)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the backup fails after the command has ended
    wait_for(lambda: (backup_folder(project) / FAILURE_NAME).exists())

    monkeypatch.delenv("ANNOTATOR_BACKUP_MAX_SIZE")
    monkeypatch.setenv("ANNOTATOR_BACKUP_WAIT", "1")
    two = tmp_path / "two.txt"
    two.write_text("Another article.", encoding="utf-8")
    result = cli("import", project, two)
    assert result.returncode == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("Warning: the last background backup of study.annotator failed:")
    assert "ANNOTATOR_BACKUP_MAX_SIZE: 'plenty' is not a size" in warning
    assert not (backup_folder(project) / FAILURE_NAME).exists()
    assert documents_in(list_backups(project)[0]) == 14  # this time it was made
    assert not backup_due(project)


def test_a_failed_backup_is_reported_at_once_when_the_command_waits(
    cli, project: Path, monkeypatch
) -> None:
    monkeypatch.setenv("ANNOTATOR_BACKUP_KEEP", "none")
    result = cli("import", project, ARTICLES)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported: 12 document(s) added.\n"
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("Warning: the backup of study.annotator failed:")
    assert "ANNOTATOR_BACKUP_KEEP='none'" in warning
    assert backup_due(project)
