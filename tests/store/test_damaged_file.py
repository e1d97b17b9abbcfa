"""A damaged project is refused for writing, never enters the backups, and is reported (not a
traceback) by ``check`` and ``export``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator import Project
from annotator.core.errors import ProjectFileError
from annotator.store.backup import list_backups, make_backup, newest_good_backup
from annotator.store.damage import find_damage


def flip_text_bytes(path: Path) -> None:
    """Overwrite two bytes inside the first document's text with bytes that are not UTF-8."""
    with sqlite3.connect(str(path)) as conn:
        text = conn.execute("SELECT text FROM documents ORDER BY seq LIMIT 1").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    at = data.find(text[:40].encode("utf-8"))
    assert at > 0
    data[at + 5 : at + 7] = b"\xff\xfe"
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_a_flipped_byte_in_a_text_is_refused_for_writing_and_left_untouched(
    demo_path: Path, digest
) -> None:
    flip_text_bytes(demo_path)
    before = digest(demo_path)
    with pytest.raises(ProjectFileError) as caught:
        Project.open(demo_path)
    message = str(caught.value)
    assert str(demo_path) in message and "damaged" in message
    assert "annotator check" in message and "annotator recover" in message
    assert "no good backup" in message
    assert digest(demo_path) == before
    assert list_backups(demo_path) == []
    assert not demo_path.with_name(demo_path.name + ".lock").exists()


def test_a_truncated_file_is_refused_for_writing(demo_path: Path) -> None:
    truncate(demo_path)
    with pytest.raises(ProjectFileError, match=r"damaged.*annotator check"):
        Project.open(demo_path)
    with pytest.raises(ProjectFileError, match="damaged"):
        Project.open(demo_path, readonly=True)


def test_the_refusal_names_the_newest_good_backup_which_is_never_rotated_out(
    demo_path: Path,
) -> None:
    with Project.open(demo_path) as p:
        good = p.backup_path
    assert good is not None
    flip_text_bytes(demo_path)
    for _ in range(6):  # sessions that would have rotated the good copy out
        with pytest.raises(ProjectFileError, match="newest good backup is"):
            Project.open(demo_path)
    assert list_backups(demo_path) == [good]
    assert newest_good_backup(demo_path) == good
    with pytest.raises(ProjectFileError) as caught:
        Project.open(demo_path)
    assert str(good) in str(caught.value)


def test_a_damaged_copy_never_enters_the_backups(demo_path: Path) -> None:
    flip_text_bytes(demo_path)
    conn = sqlite3.connect(str(demo_path))
    try:
        with pytest.raises(OSError, match="damaged"):
            make_backup(conn, demo_path)
    finally:
        conn.close()
    assert list_backups(demo_path) == []
    folder_files = [p for p in Path(demo_path).parent.rglob("*.partial")]
    assert folder_files == []


def test_find_damage_is_empty_for_a_sound_project(demo_path: Path) -> None:
    conn = sqlite3.connect(str(demo_path))
    try:
        assert find_damage(conn) == []
    finally:
        conn.close()


def test_check_reports_a_damaged_text_as_an_error(demo_path: Path) -> None:
    flip_text_bytes(demo_path)
    with Project.open(demo_path, readonly=True) as p:
        report = p.check()
    assert not report.ok
    assert any("not UTF-8" in e for e in report.errors), report.errors
    assert report.checked["documents"] == 12


def test_the_command_line_reports_damage_without_a_traceback(
    demo_path: Path, tmp_path: Path, cli
) -> None:
    flip_text_bytes(demo_path)
    checked = cli("check", demo_path)
    assert checked.returncode == 1
    assert "not UTF-8" in checked.stdout and "Traceback" not in checked.stderr
    exported = cli("export", demo_path, "-o", tmp_path / "out.jsonl")
    assert exported.returncode == 4
    assert "Traceback" not in exported.stderr
    assert str(demo_path) in exported.stderr and "annotator check" in exported.stderr
    assert not (tmp_path / "out.jsonl").exists()
    note = tmp_path / "note.txt"
    note.write_text("A new text.", encoding="utf-8")
    imported = cli("import", demo_path, note)
    assert imported.returncode == 4 and "damaged" in imported.stderr
    truncate(demo_path)
    for args in (("check", demo_path), ("info", demo_path)):
        result = cli(*args)
        assert result.returncode == 4, result.stderr
        assert "damaged" in result.stderr and "Traceback" not in result.stderr


def test_recover_copies_every_readable_row_into_a_new_project(
    demo_path: Path, tmp_path: Path, digest, cli
) -> None:
    flip_text_bytes(demo_path)
    before = digest(demo_path)
    target = tmp_path / "recovered.annotator"
    result = cli("recover", demo_path, "-o", target)
    assert result.returncode == 1, result.stderr
    assert "Not read: documents row 1" in result.stdout
    assert "annotations: 25 row(s) left out" in result.stdout
    assert "11 documents, 86 annotations" in result.stdout
    assert digest(demo_path) == before
    with Project.open(target) as p:
        assert p.documents.count() == 11
        assert p.check().ok
    assert cli("recover", demo_path, "-o", target).returncode == 4  # never replaces a file
