"""All or nothing: grouped calls, a full disk, and a process killed in the middle of an import."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator import Project, StorageFullError, ValidationError
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput


def test_transaction_groups_calls(project, layer, counts) -> None:
    before = counts(project.path)
    with project.transaction():
        doc = project.documents.add("Karamov said talks would resume.", title="Talks").value
        actor = layer.add_annotation(doc.id, "Actor", [(0, 7)]).value
        cue = layer.add_annotation(doc.id, "Cue", [(8, 12)]).value
        project.registry.add("Sergei Karamov")
        layer.set_status(doc.id, "in_progress")
        # nothing is visible to another connection before the block ends
        assert counts(project.path) == before
    after = counts(project.path)
    assert after["documents"] == 1 and after["annotations"] == 2 and after["entities"] == 1
    assert {a.id for a in layer.annotations(doc.id)} == {actor.id, cue.id}


def test_exception_in_a_transaction_rolls_back_every_call(project, layer, counts, rows) -> None:
    before = counts(project.path)
    with pytest.raises(RuntimeError, match="changed my mind"), project.transaction():
        doc = project.documents.add("Karamov said talks would resume.", title="Talks").value
        layer.add_annotation(doc.id, "Actor", [(0, 7)])
        project.registry.add("Sergei Karamov")
        layer.set_status(doc.id, "done")
        raise RuntimeError("changed my mind")
    assert counts(project.path) == before
    assert project.documents.count() == 0
    # The annotator created on first write inside the block was rolled back as well, so the
    # next annotation must create it again (not point to the rolled-back one).
    doc = project.documents.add("Karamov said talks would resume.").value
    ann = layer.add_annotation(doc.id, "Actor", [(0, 7)]).value
    assert rows(
        project.path,
        "SELECT a.annotator, an.name FROM annotations a JOIN annotators an ON an.id = a.annotator",
    ) == [(ann.annotator, "Tester")]
    assert layer.annotator_id == ann.annotator


def test_validation_error_in_a_transaction_rolls_back_earlier_calls(project, layer, counts) -> None:
    before = counts(project.path)
    with pytest.raises(ValidationError, match="unknown label"), project.transaction():
        doc = project.documents.add("Karamov said talks would resume.").value
        layer.add_annotation(doc.id, "Actor", [(0, 7)])
        layer.add_annotation(doc.id, "Speaker", [(0, 7)])
    assert counts(project.path) == before


def test_refused_call_inside_a_transaction_can_be_caught(project, layer, counts) -> None:
    with project.transaction():
        doc = project.documents.add("Karamov said talks would resume.").value
        with pytest.raises(ValidationError):
            layer.add_annotation(doc.id, "Actor", [(0, 99)])
        layer.add_annotation(doc.id, "Actor", [(0, 7)])
    after = counts(project.path)
    assert (after["documents"], after["annotations"]) == (1, 1)


def test_import_with_a_bad_item_stores_none(project, counts) -> None:
    project.documents.add("Already here.")
    before = counts(project.path)
    items = [DocumentInput(f"Article number {i}.", origin=f"feed.jsonl:{i}") for i in range(10)]
    items.append(DocumentInput("   ", origin="feed.jsonl:11"))
    with pytest.raises(InputError, match=r"feed\.jsonl:11: the document text is empty"):
        project.documents.add_many(items)
    assert counts(project.path) == before


def test_import_skips_duplicates_and_reports_them(project, rows) -> None:
    project.documents.add("Already here.")
    report = project.documents.add_many(
        [
            DocumentInput("Already here.", origin="a.txt"),
            DocumentInput("New one.", origin="b.txt"),
            DocumentInput("New one.", origin="c.txt"),
        ]
    ).value
    assert report.added == 1
    assert report.duplicates == ["a.txt", "c.txt"]
    assert sorted(r[0] for r in rows(project.path, "SELECT text FROM documents")) == [
        "Already here.",
        "New one.",
    ]


def test_full_disk_rolls_back_the_import(tmp_path: Path, rows) -> None:
    path = tmp_path / "full.annotator"
    with Project.create(path) as p:
        for i in range(3):
            p.documents.add(f"Article {i}: Karamov said talks would resume.")
        pages = p.db.execute("PRAGMA page_count").fetchone()[0]
        p.db.execute(f"PRAGMA max_page_count = {pages + 1}")
        many = (DocumentInput(f"Article {i}. " + "word " * 4000) for i in range(200))
        with pytest.raises(StorageFullError, match="disk is full") as info:
            p.documents.add_many(many)
        assert "nothing was written" in str(info.value)
        assert p.documents.count() == 3
        assert rows(path, "SELECT count(*) FROM documents") == [(3,)]
    with Project.open(path) as p:
        assert p.documents.count() == 3
        report = p.check()
        assert report.ok, report.errors
        # with the limit gone (it is per connection) the same import works
        p.documents.add_many(DocumentInput(f"Article {i}. " + "word " * 400) for i in range(20))
        assert p.documents.count() == 23


def test_full_disk_during_an_edit_is_reported(tmp_path: Path, counts) -> None:
    path = tmp_path / "full.annotator"
    with Project.create(path) as p:
        doc = p.documents.add(" ".join(f"w{i:03d}" for i in range(300))).value
        pages = p.db.execute("PRAGMA page_count").fetchone()[0]
        p.db.execute(f"PRAGMA max_page_count = {pages}")
        before = counts(path)
        with pytest.raises(StorageFullError), p.transaction():
            for i in range(300):  # each on its own word: the same span twice is refused
                p.layer().add_annotation(
                    doc.id, "Actor", [(i * 5, i * 5 + 4)], note="x" * 2000 + str(i)
                )
        assert counts(path) == before
    with Project.open(path, readonly=True) as p:
        assert p.check().ok


# -- a process killed in the middle of a write -----------------------------------------------

IMPORTER = """
import sys, time
from annotator import Project
from annotator.core.model import DocumentInput

path, total, pause_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def items():
    for i in range(total):
        if i == pause_at:
            print("paused", flush=True)
            time.sleep(120)
        yield DocumentInput(f"Article {i}: " + f"word{i % 97} lorem ipsum dolor " * 60)

with Project.open(path) as p:
    print("open", flush=True)
    p.documents.add_many(items())
print("done", flush=True)
"""


def _start_importer(path: Path, total: int, pause_at: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(path), str(total), str(pause_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _assert_consistent(path: Path, allowed: set[int]) -> int:
    with Project.open(path) as p:  # a writer: recovers the WAL, takes the stale lock
        count = p.documents.count()
        report = p.check()
        assert report.ok, report.errors
    assert count in allowed
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == count
        fts = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        assert fts == count
    finally:
        conn.close()
    return count


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "killed.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said talks would resume.", title="Before the import")
    return path


def test_process_killed_mid_import_leaves_nothing(base: Path) -> None:
    """Deterministic: the importer stops (inside its transaction) after 1,500 documents."""
    wal = base.with_name(base.name + "-wal")
    child = _start_importer(base, total=3000, pause_at=1500)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        line = child.stdout.readline().strip()
        assert line == "paused", child.stderr.read() if child.stderr else ""
        # 1,000 documents were flushed to SQLite in batches; the big transaction has spilled
        # pages into the write-ahead log, uncommitted
        assert wal.exists() and wal.stat().st_size > 100_000
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert _assert_consistent(base, {1}) == 1


def test_process_killed_while_writing_leaves_all_or_nothing(base: Path) -> None:
    """The kill lands wherever the importer is once its write-ahead log has grown."""
    wal = base.with_name(base.name + "-wal")
    total = 12_000
    child = _start_importer(base, total=total, pause_at=-1)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 2_000_000:
                break
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    _assert_consistent(base, {1, 1 + total})
