"""Creating and opening project files: headers, refusals that leave files untouched, locks."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project, ProjectFileError, ProjectLockedError, ValidationError
from annotator.core.schema import default_schema
from annotator.resources_path import read_text
from annotator.store.migrations import APPLICATION_ID, FORMAT_VERSION, KNOWN_MIGRATIONS


def plain_pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def siblings(path: Path) -> set[str]:
    """Every file in the project's folder (to spot left-over -wal, -shm or .lock files)."""
    return {p.name for p in path.parent.iterdir()}


# -- creating -------------------------------------------------------------------------------


def test_new_project_has_default_schema_and_our_header(tmp_path: Path, rows) -> None:
    path = tmp_path / "new.annotator"
    with Project.create(path, name="Study") as p:
        assert p.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert p.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert p.name == "Study"
    stored = json.loads(rows(path, "SELECT schema FROM project")[0][0])
    assert stored == json.loads(read_text("schemas", "claims.json"))
    assert rows(path, "SELECT version FROM schema_versions") == [(default_schema().version,)]
    header = path.read_bytes()[:100]
    assert header[68:72] == b"ANNO"
    assert plain_pragma(path, "application_id") == APPLICATION_ID == 0x414E4E4F
    assert plain_pragma(path, "user_version") == FORMAT_VERSION
    assert int.from_bytes(header[60:64], "big") == FORMAT_VERSION
    # WAL is recorded in the file itself, so every later connection uses it too.
    assert plain_pragma(path, "journal_mode") == "wal"


def test_reopened_project_has_foreign_keys_on(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    with Project.open(path) as p:
        assert p.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert p.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert p.schema == default_schema()


def test_create_refuses_an_existing_path(tmp_path: Path, digest) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.documents.add("Some text.")
    before = digest(path)
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(path)
    assert digest(path) == before
    other = tmp_path / "notes.txt"
    other.write_text("my notes", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(other)
    assert other.read_text(encoding="utf-8") == "my notes"


def test_create_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="no such folder"):
        Project.create(tmp_path / "nope" / "p.annotator")
    assert not (tmp_path / "nope").exists()


# -- refusing files that are not (readable) projects -----------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("Karamov said talks would resume.\n" * 10, encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _binary_file(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _short_sqlite_magic(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not an annotator project')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_text_file, "not an SQLite database"),
        (_empty_file, "not an SQLite database"),
        (_binary_file, "not an SQLite database"),
        (_short_sqlite_magic, "not an SQLite database"),
        (_foreign_sqlite, "not an Annotator project"),
    ],
    ids=["text", "empty", "binary", "truncated", "other-sqlite"],
)
@pytest.mark.parametrize("readonly", [False, True], ids=["write", "read"])
def test_files_that_are_not_projects_are_refused_untouched(
    tmp_path: Path, digest, make, message: str, readonly: bool
) -> None:
    path = tmp_path / "thing.annotator"
    make(path)
    before, files = digest(path), siblings(path)
    with pytest.raises(ProjectFileError, match=message) as info:
        Project.open(path, readonly=readonly)
    assert str(path) in str(info.value)
    assert digest(path) == before
    assert siblings(path) == files  # no -wal, -shm or .lock left behind


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="no such project file"):
        Project.open(tmp_path / "missing.annotator")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ProjectFileError, match="is a folder"):
        Project.open(tmp_path)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A closed project with one document."""
    path = tmp_path / "saved.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said talks would resume.", title="Talks")
    return path


@pytest.mark.parametrize("readonly", [False, True], ids=["write", "read"])
def test_newer_format_version_is_refused_untouched(
    saved: Path, digest, readonly: bool, rows
) -> None:
    conn = sqlite3.connect(str(saved))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before, files = digest(saved), siblings(saved)
    with pytest.raises(ProjectFileError, match="newer version") as info:
        Project.open(saved, readonly=readonly)
    assert "99" in str(info.value)
    assert digest(saved) == before
    assert siblings(saved) == files
    assert rows(saved, "SELECT count(*) FROM documents") == [(1,)]


@pytest.mark.parametrize("readonly", [False, True], ids=["write", "read"])
def test_unknown_migration_is_refused_untouched(saved: Path, digest, readonly: bool) -> None:
    conn = sqlite3.connect(str(saved))
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('annotator', '0099_from_the_future', '2030-01-01')"
        )
    conn.close()
    before = digest(saved)
    with pytest.raises(ProjectFileError, match="newer version"):
        Project.open(saved, readonly=readonly)
    assert digest(saved) == before
    assert not saved.with_name(saved.name + ".lock").exists()
    if not readonly:
        assert not saved.with_name(saved.name + "-wal").exists()
    # The refused open did not apply or remove anything either.
    conn = sqlite3.connect(str(saved))
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert names == [*KNOWN_MIGRATIONS, "0099_from_the_future"]


def test_readonly_open_reads_and_writes_nothing(saved: Path, digest) -> None:
    before = digest(saved)
    with Project.open(saved, readonly=True) as p:
        assert p.readonly
        assert [d.title for d in p.documents.all()] == ["Talks"]
        doc = next(p.documents.all())
        assert p.check().ok
        with pytest.raises(ProjectFileError, match="read-only"):
            p.documents.add("Another text.")
        with pytest.raises(ProjectFileError, match="read-only"):
            p.layer().set_status(doc.id, "done")
        with pytest.raises(ProjectFileError, match="read-only"):
            p.registry.add("Sergei Karamov")
        with pytest.raises(ProjectFileError, match="read-only"):
            p.layer().add_annotation(doc.id, "Actor", [(0, 7)])
        with pytest.raises(ProjectFileError, match="read-only"):
            p.gold.add_annotation(doc.id, "Actor", [(0, 7)])
        with pytest.raises(ProjectFileError, match="read-only"):
            p.annotators.add("Ana")
        with pytest.raises(ProjectFileError, match="read-only"):
            p.documents.delete(doc.id)
        with pytest.raises(ProjectFileError, match="read-only"):
            p.set_guidelines("Tag every quote.")
        assert p.backup_path is None
        assert not saved.with_name(saved.name + ".lock").exists()
    assert digest(saved) == before
    with Project.open(saved, readonly=True) as p:
        assert p.documents.count() == 1
        assert p.annotators.all() == []  # not even the annotator was stamped


def test_read_only_file_is_refused_for_writing(saved: Path, digest) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores permission bits (see test_readonly_file.py for chattr)")
    saved.chmod(0o444)
    try:
        before = digest(saved)
        with pytest.raises(ProjectFileError, match="read-only"):
            Project.open(saved)
        assert digest(saved) == before
        with Project.open(saved, readonly=True) as p:
            assert p.documents.count() == 1
    finally:
        saved.chmod(0o644)


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """chmod for ordinary users; as root (who ignores permission bits) chattr +i."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this file system does not support immutable folders")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_read_only_folder_is_refused_for_writing(tmp_path: Path, digest) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "p.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said talks would resume.")
    before = digest(path)
    with read_only_folder(folder):
        with pytest.raises(ProjectFileError, match="folder of the project is read-only"):
            Project.open(path)
        assert digest(path) == before
        assert {p.name for p in folder.iterdir()} == {"p.annotator"}
        with pytest.raises(ProjectFileError, match="cannot create the lock file"):
            Project.create(folder / "new.annotator")
        assert {p.name for p in folder.iterdir()} == {"p.annotator"}


# -- locking --------------------------------------------------------------------------------


def test_second_writer_in_the_same_process_is_refused(saved: Path) -> None:
    first = Project.open(saved)
    try:
        with pytest.raises(ProjectLockedError, match="open for writing"):
            Project.open(saved)
        with pytest.raises(ProjectLockedError):
            Project.open(saved, backup=False)
        # Readers are allowed next to the writer, and see what it commits.
        with Project.open(saved, readonly=True) as reader:
            assert reader.documents.count() == 1
            first.documents.add("A second article.")
            assert reader.documents.count() == 2
        # The refused opens did not break the first writer.
        first.documents.add("A third article.")
    finally:
        first.close()
    assert not saved.with_name(saved.name + ".lock").exists()
    with Project.open(saved) as again:
        assert again.documents.count() == 3


def test_lock_is_held_across_processes(saved: Path) -> None:
    script = (
        "import sys\n"
        "from annotator import Project\n"
        "p = Project.open(sys.argv[1])\n"
        "print('open', flush=True)\n"
        "sys.stdin.readline()\n"
        "p.documents.add('Written by the other process.')\n"
        "p.close()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(saved)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        line = child.stdout.readline()
        assert line.strip() == "open", child.stderr.read() if child.stderr else ""
        with pytest.raises(ProjectLockedError, match="another Annotator window or command"):
            Project.open(saved)
        with Project.open(saved, readonly=True) as reader:
            assert reader.documents.count() == 1
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=30) == 0, child.stderr.read() if child.stderr else ""
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    with Project.open(saved) as p:
        assert p.documents.count() == 2


def test_refused_create_does_not_disturb_an_open_project(saved: Path, digest) -> None:
    with Project.open(saved) as p:
        with pytest.raises(ProjectFileError):
            Project.create(saved)
        p.documents.add("Still writable.")
    with Project.open(saved, readonly=True) as p:
        assert p.documents.count() == 2


def test_copy_of_a_project_opens_as_its_own_project(saved: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.annotator"
    shutil.copyfile(saved, copy)
    with Project.open(saved) as a, Project.open(copy) as b:
        a.documents.add("Only in the original.")
        assert b.documents.count() == 1
        with pytest.raises(ValidationError):
            b.documents.add("Karamov said talks would resume.")
