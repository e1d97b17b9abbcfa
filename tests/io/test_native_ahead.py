"""A large native export is read and planned in a second process (io/native_ahead.py).

Each test imports the same file twice with ``import_paths``, into two new projects: read in
this process (the file is below ``AHEAD_MIN_BYTES``), and read ahead by the second process
(the threshold lowered to 0), and compares what plain sqlite3 reads back and the reports. The
second process is real: a new interpreter started by the import.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from foreign_roundtrip import build_realistic

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.reports import Cancelled, ImportReport
from annotator.io import native_ahead
from annotator.io.importing import import_paths
from tests.native_files import copies, exported, readers_running

TABLES = (
    "SELECT id, title, source, url, published, metadata, text, sha256 FROM documents ORDER BY seq",
    'SELECT id, document, label, start, "end", fragments, attributes, entity, annotator, origin, '
    "note, created, modified FROM annotations ORDER BY id",
    "SELECT id, type, source, target, annotator, created FROM relations ORDER BY id",
    "SELECT document, annotator, state FROM document_status ORDER BY 1, 2",
    "SELECT id, name FROM annotators ORDER BY name",
    "SELECT * FROM entities ORDER BY id",
    "SELECT rowid, title, text FROM documents_fts ORDER BY rowid",
)


def tables(path: Path) -> list[list[tuple[Any, ...]]]:
    conn = sqlite3.connect(str(path))
    try:
        return [conn.execute(q).fetchall() for q in TABLES]
    finally:
        conn.close()


def imported(
    target: Path, files: list[Path], ahead: bool, before: Path | None = None, **kw: Any
) -> tuple[list[list[tuple[Any, ...]]], ImportReport]:
    """(tables, report) of importing ``files`` into a new project at ``target`` (holding
    ``before``'s import first, read in this process), read ahead or not."""
    with pytest.MonkeyPatch.context() as m, Project.create(target, annotator="Tester") as p:
        if before is not None:
            import_paths(p, [before])
        m.setattr(native_ahead, "AHEAD_MIN_BYTES", 0 if ahead else 1 << 60)
        report = import_paths(p, files, **kw)
    return tables(target), report


def same_both_ways(
    tmp_path: Path, files: list[Path], before: Path | None = None, **kw: Any
) -> tuple[list[list[tuple[Any, ...]]], ImportReport]:
    here = imported(tmp_path / "here.annotator", files, False, before, **kw)
    ahead = imported(tmp_path / "ahead.annotator", files, True, before, **kw)
    assert ahead[0] == here[0]
    assert ahead[1] == here[1]
    return ahead


def rewritten(path: Path, out: Path, change: Any) -> Path:
    """The JSONL export ``path`` with ``change(number, record)`` applied to each line (1 is
    the header); a change returning None leaves the line out."""
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        record = change(number, json.loads(line))
        if record is not None:
            lines.append(json.dumps(record, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.fixture
def realistic(tmp_path: Path) -> Path:
    """A native export with emoji, CJK Ext-B, discontinuous quotes, actors linked to the
    registry, relations, statuses and three layers (two people and gold)."""
    ids = build_realistic(tmp_path / "source.annotator")
    with Project.open(tmp_path / "source.annotator", annotator="Ana") as p:
        p.layer().set_status(next(iter(ids.values())), "done")
    return exported(tmp_path / "source.annotator", tmp_path / "realistic.jsonl")


def test_an_export_read_ahead_is_stored_as_read_here(realistic, tmp_path) -> None:
    stored, report = same_both_ways(tmp_path, [realistic])
    assert report.added == 2 and report.annotations == len(stored[1]) > 5
    assert report.relations == len(stored[2]) > 0 and stored[3]  # relations and statuses


def test_the_demo_read_ahead_is_stored_as_read_here(demo_path, tmp_path) -> None:
    demo = exported(demo_path, tmp_path / "demo.jsonl")
    stored, report = same_both_ways(tmp_path, [demo])
    assert report.added == len(stored[0]) > 3 and report.annotations == len(stored[1])


def test_importing_it_again_reads_the_documents_again_for_the_careful_path(
    realistic, tmp_path
) -> None:
    """Into a project that holds the export already, every plan clashes with what is there:
    each document is read again in this process and merged the careful way (nothing new)."""
    stored, report = same_both_ways(tmp_path, [realistic], before=realistic)
    assert report.added == 0 and report.annotations == 0 and len(report.duplicates) == 2
    assert len(stored[0]) == 2


def test_documents_the_planner_leaves_to_the_careful_path_are_merged_alike(
    realistic, tmp_path
) -> None:
    """A twin annotation (the same label and span twice in a layer) and a document whose text
    comes twice: the second process sends only where they are; this one reads them again."""

    def change(number: int, record: dict) -> dict:
        if number == 2:
            twin = dict(record["annotations"][0], id="twin-annotation")
            record["annotations"].append(twin)
        return record

    twins = rewritten(realistic, tmp_path / "twins.jsonl", change)
    lines = twins.read_text(encoding="utf-8").splitlines()
    again = json.loads(lines[1]) | {"id": "another-id", "annotations": [], "relations": []}
    twins.write_text("\n".join([*lines, json.dumps(again)]) + "\n", encoding="utf-8")
    stored, report = same_both_ways(tmp_path, [twins])
    assert "twin-annotation" not in {row[0] for row in stored[1]}
    assert report.duplicates == [f"{twins}:4"]


def test_an_error_in_the_file_is_said_alike_and_nothing_is_stored(realistic, tmp_path) -> None:
    def change(number: int, record: dict) -> dict:
        if number == 3:
            record["annotations"][0]["fragments"] = "not a list"
        return record

    bad = rewritten(realistic, tmp_path / "bad.jsonl", change)
    messages = []
    for ahead in (False, True):
        target = tmp_path / f"{ahead}.annotator"
        with pytest.raises(InputError) as caught:
            imported(target, [bad], ahead)
        messages.append(str(caught.value))
        assert tables(target)[0] == [] and tables(target)[1] == []
    assert messages[0] == messages[1] and messages[0].startswith(f"{bad}:3")


def test_several_files_read_ahead_one_after_the_other(realistic, demo_path, tmp_path) -> None:
    demo = exported(demo_path, tmp_path / "demo.jsonl")
    stored, report = same_both_ways(tmp_path, [realistic, demo])
    assert report.added == len(stored[0]) > 5


def test_many_documents_read_ahead_are_stored_as_read_here(realistic, tmp_path) -> None:
    """More documents than one message and one write batch hold."""
    many = copies(realistic, tmp_path / "many.jsonl", 400)
    stored, report = same_both_ways(tmp_path, [many])
    assert report.added == len(stored[0]) == 800


def test_progress_reaches_the_end(realistic, tmp_path) -> None:
    seen: list[tuple[int, int | None]] = []

    def progress(done: int, total: int | None) -> bool:
        seen.append((done, total))
        return False

    many = copies(realistic, tmp_path / "many.jsonl", 100)
    imported(tmp_path / "progress.annotator", [many], True, progress=progress)
    size = many.stat().st_size
    assert seen[-1] == (size, size) and len({d for d, _ in seen}) > 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.timeout(60)
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_cancel_stops_the_reading_process_at_once(realistic, tmp_path) -> None:
    """Cancelled at the first document: the reading process, which has far more to send
    than the pipe holds, is stopped rather than waited for."""
    many = copies(realistic, tmp_path / "many.jsonl", 3000)
    target = tmp_path / "cancelled.annotator"
    with pytest.raises(Cancelled):
        imported(target, [many], True, progress=lambda done, total: True)
    assert tables(target)[0] == []
    assert not readers_running()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_no_reading_process_is_left_after_an_import(realistic, tmp_path) -> None:
    imported(tmp_path / "done.annotator", [realistic], True)
    assert not readers_running()


def test_without_a_second_interpreter_the_file_is_read_here(
    realistic, tmp_path, monkeypatch
) -> None:
    here = imported(tmp_path / "here.annotator", [realistic], False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    assert imported(tmp_path / "fallback.annotator", [realistic], True) == here


def test_a_reading_process_that_dies_stops_the_import_with_a_message(
    realistic, tmp_path, monkeypatch
) -> None:
    """It says it is ready, then exits: nothing is stored, the message names the file."""
    dies = (
        "import sys, pickle, struct, os; from annotator.io import native_ahead as a; "
        "a._read_frame(sys.stdin.buffer); data = pickle.dumps(('ready',)); "
        "sys.stdout.buffer.write(struct.pack('!Q', len(data)) + data); sys.stdout.flush(); "
        "os._exit(3)"
    )
    monkeypatch.setattr(native_ahead, "_WORKER", dies)
    target = tmp_path / "died.annotator"
    with pytest.raises(InputError, match=r"stopped unexpectedly \(exit code 3\)") as caught:
        imported(target, [realistic], True)
    assert str(realistic) in str(caught.value)
    assert tables(target)[0] == []


def test_a_script_without_a_main_guard_is_not_run_again(realistic, tmp_path) -> None:
    """The reading process is a new interpreter, not a copy of the caller: a script that
    imports at its top level runs once."""
    script = tmp_path / "script.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from annotator import Project
            from annotator.io import native_ahead
            from annotator.io.importing import import_paths

            native_ahead.AHEAD_MIN_BYTES = 0
            with open({str(tmp_path / "runs.txt")!r}, "a") as runs:
                runs.write("run\\n")
            with Project.create(Path({str(tmp_path / "script.annotator")!r}), annotator="S") as p:
                print(import_paths(p, [Path({str(realistic)!r})]).annotations)
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 5
    assert (tmp_path / "runs.txt").read_text() == "run\n"
