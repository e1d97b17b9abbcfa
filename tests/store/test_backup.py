"""Rotating backups taken when a project is opened for writing (conftest sets the folder)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from annotator import Project
from annotator.store.backup import KEEP_BACKUPS, list_backups


def backup_root() -> Path:
    return Path(os.environ["ANNOTATOR_BACKUP_DIR"])


def all_backups() -> list[Path]:
    return sorted(backup_root().rglob("*.annotator"))


def test_opening_for_writing_takes_a_backup_that_is_a_valid_project(
    demo_path: Path, rows, digest
) -> None:
    assert all_backups() == []
    with Project.open(demo_path) as p:
        backup = p.backup_path
        assert p.warnings == []
        expected = p.info()
    assert backup is not None and backup.is_file()
    assert backup.is_relative_to(backup_root())
    assert all_backups() == [backup]
    assert list_backups(demo_path) == [backup]
    assert not list(backup.parent.glob("*.partial"))
    with Project.open(backup, readonly=True) as copy:
        assert copy.info() == expected
        report = copy.check()
        assert report.ok, report.errors
    for table in ("documents", "annotations", "relations", "entities", "document_status"):
        query = f"SELECT * FROM {table} ORDER BY 1, 2"
        assert rows(backup, query) == rows(demo_path, query)


def test_no_new_backup_when_nothing_changed(demo_path: Path, digest) -> None:
    # File times can be coarse (a few ms): a backup in the same tick as the last change counts
    # as older than the change, so let the clock move on before the first backup.
    time.sleep(0.05)
    with Project.open(demo_path) as p:
        first = p.backup_path
        assert first is not None
    before = digest(demo_path)
    for _ in range(3):
        with Project.open(demo_path) as p:
            assert p.backup_path is None
            assert p.documents.count() == 12
    # opening and closing without a change leaves the project file as it was
    assert digest(demo_path) == before
    with Project.open(demo_path, readonly=True) as p:
        assert p.backup_path is None
    assert list_backups(demo_path) == [first]


def test_only_the_newest_backups_are_kept(tmp_path: Path, rows) -> None:
    path = tmp_path / "rotating.annotator"
    Project.create(path).close()
    sessions = KEEP_BACKUPS + 2
    taken = []
    for i in range(sessions):
        with Project.open(path) as p:
            assert p.backup_path is not None, f"session {i}: the last session changed the file"
            taken.append(p.backup_path)
            p.documents.add(f"Article number {i}.")
    kept = list_backups(path)
    assert len(kept) == KEEP_BACKUPS
    assert kept == sorted(taken, reverse=True)[:KEEP_BACKUPS]  # the newest, newest first
    assert all_backups() == sorted(kept)
    # each backup holds the project as it was when that session opened it
    counts = [rows(b, "SELECT count(*) FROM documents")[0][0] for b in kept]
    assert counts == list(range(sessions - 1, sessions - 1 - KEEP_BACKUPS, -1))


def test_projects_with_the_same_name_have_separate_backups(tmp_path: Path) -> None:
    paths = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "study.annotator"
        with Project.create(path) as p:
            p.documents.add(f"Article in folder {folder}.")
        with Project.open(path):
            pass
        paths.append(path)
    first, second = (list_backups(p) for p in paths)
    assert len(first) == len(second) == 1
    assert first[0].parent != second[0].parent


def test_failed_backup_warns_and_does_not_block(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be", encoding="utf-8")
    monkeypatch.setenv("ANNOTATOR_BACKUP_DIR", str(blocker))
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    with Project.open(path) as p:
        assert p.backup_path is None
        assert len(p.warnings) == 1 and "could not write a backup" in p.warnings[0]
        p.documents.add("Work goes on.")
    with Project.open(path, readonly=True) as p:
        assert p.documents.count() == 1


def test_open_without_backup(demo_path: Path) -> None:
    with Project.open(demo_path, backup=False) as p:
        assert p.backup_path is None
    assert all_backups() == []
