"""Rotating backups taken when a project is opened for writing (conftest sets the folder)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from annotator import Project
from annotator.store.backup import (
    KEEP_BACKUPS,
    MIN_BUDGET_BYTES,
    Rotation,
    back_up_on_own_connection,
    backup_due,
    backup_folder,
    list_backups,
    parse_size,
    project_state,
)
from annotator.store.damage import file_is_sound


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


# -- rotation bounded by count and by total size -------------------------------------------


def sessions_with_a_change(path: Path, n: int) -> list[Path]:
    """``n`` writer sessions, each backing up (at open) the change of the one before."""
    taken = []
    for i in range(n):
        with Project.open(path) as p:
            assert p.warnings == []
            assert p.backup_path is not None, f"session {i}: the last session changed the file"
            taken.append(p.backup_path)
            p.documents.add(f"Article number {i}. " + "Words of the article. " * 200)
    return taken


def test_the_size_budget_bounds_the_rotation(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "budget.annotator"
    Project.create(path).close()
    size = path.stat().st_size
    # room for two copies and a half: the count (5) would keep more
    monkeypatch.setenv("ANNOTATOR_BACKUP_MAX_SIZE", str(int(size * 2.5)))
    taken = sessions_with_a_change(path, 4)
    kept = list_backups(path)
    assert kept == sorted(taken, reverse=True)[:2]
    assert sum(b.stat().st_size for b in kept) <= size * 2.5


def test_the_newest_backup_stays_even_over_the_budget(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "tiny-budget.annotator"
    Project.create(path).close()
    monkeypatch.setenv("ANNOTATOR_BACKUP_MAX_SIZE", "1K")  # smaller than any copy
    taken = sessions_with_a_change(path, 3)
    assert list_backups(path) == [taken[-1]]
    assert file_is_sound(taken[-1])


def test_the_count_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "two.annotator"
    Project.create(path).close()
    monkeypatch.setenv("ANNOTATOR_BACKUP_KEEP", "2")
    taken = sessions_with_a_change(path, 4)
    assert list_backups(path) == sorted(taken, reverse=True)[:2]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ANNOTATOR_BACKUP_KEEP", "0", "ANNOTATOR_BACKUP_KEEP='0': not a whole number"),
        ("ANNOTATOR_BACKUP_KEEP", "five", "ANNOTATOR_BACKUP_KEEP='five'"),
        ("ANNOTATOR_BACKUP_MAX_SIZE", "lots", "'lots' is not a size"),
    ],
)
def test_a_setting_not_understood_warns_and_the_work_goes_on(
    tmp_path: Path, monkeypatch, name: str, value: str, message: str
) -> None:
    path = tmp_path / "settings.annotator"
    Project.create(path).close()
    monkeypatch.setenv(name, value)
    with Project.open(path) as p:
        assert p.backup_path is None
        (warning,) = p.warnings
        assert "could not write a backup of settings.annotator" in warning
        assert message in warning
        p.documents.add("Work goes on.")
    assert all_backups() == []


def test_rotation_rule() -> None:
    gb = 10**9
    # the default budget: 2 GB, or twice the newest copy when that is more
    assert Rotation().budget(100) == MIN_BUDGET_BYTES == 2 * gb
    assert Rotation().budget(13 * gb // 10) == 26 * gb // 10
    assert Rotation().kept([130_000_000] * 7) == 5  # small copies: the count decides
    assert Rotation().kept([13 * gb // 10] * 5) == 2  # the 1.3 GB project: two states
    assert Rotation(keep=5, max_bytes=gb).kept([3 * gb, 1, 1]) == 1  # the newest always
    assert Rotation(keep=5, max_bytes=10).kept([4, 4, 3, 1]) == 2  # a prefix, no holes
    assert Rotation().kept([]) == 0


@pytest.mark.parametrize(
    ("text", "size"),
    [("2G", 2 * 10**9), ("500 MB", 5 * 10**8), ("1.5gb", 15 * 10**8), ("1000", 1000)],
)
def test_sizes_are_read_in_decimal_units(text: str, size: int) -> None:
    assert parse_size(text) == size


# -- "changed since the last backup" ---------------------------------------------------------


def test_a_change_written_during_a_background_copy_is_not_taken_for_backed_up(
    tmp_path: Path, rows
) -> None:
    path = tmp_path / "busy.annotator"
    with Project.create(path) as p:
        p.documents.add("Before the copy.")
    with Project.open(path, backup=False) as writer:

        def write_while_copying() -> None:  # the window goes on working during its backup
            writer.documents.add("Written while the copy runs.")

        made = back_up_on_own_connection(path, ready=write_while_copying)
    assert made is not None
    assert rows(made, "SELECT count(*) FROM documents") == [(1,)]  # the state it began with
    assert backup_due(path)  # the second document is in no backup yet
    with Project.open(path) as p:
        assert p.backup_path is not None
    assert rows(p.backup_path, "SELECT count(*) FROM documents") == [(2,)]
    assert not backup_due(path)


def test_a_backup_is_dated_by_the_state_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "dated.annotator"
    with Project.create(path) as p:
        p.documents.add("One.")
    time.sleep(0.05)
    with Project.open(path) as p:
        made = p.backup_path
    assert made is not None
    assert made.stat().st_mtime_ns == project_state(path).changed_ns
    assert not backup_due(path)


def test_a_copy_left_by_a_killed_backup_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "killed.annotator"
    with Project.create(path) as p:
        p.documents.add("One.")
    folder = backup_folder(path)
    folder.mkdir(parents=True)
    stale = folder / "20260101-000000-000000.partial"
    stale.write_bytes(b"half a copy")
    with Project.open(path) as p:
        assert p.backup_path is not None
    assert not stale.exists()
    assert list_backups(path) == [p.backup_path]
