"""Bad input on the command line: a clear message on stderr, a non-zero exit code, and the
project unchanged — the same `info --json` and the same bytes on disk after the CLI exits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotator import Project
from annotator.core.text import MAX_DOCUMENT_CHARS
from annotator.io.importing import import_paths

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed project with two documents, built once per module."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.annotator"
    (folder / "one.txt").write_text("The envoy said talks would resume.", encoding="utf-8")
    (folder / "two.txt").write_text("Karsia rejected the proposal.", encoding="utf-8")
    with Project.create(path, annotator="Setup") as p:
        import_paths(p, [folder / "one.txt", folder / "two.txt"])
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "study.annotator"
    shutil.copyfile(template, path)
    return path


def refused(cli, snapshot, project: Path, *args, code: int = 3) -> str:
    """Run `annotator import PROJECT ARGS`; check it failed and changed nothing; the message."""
    before = snapshot(project)
    assert before[1]["documents"] == 2
    result = cli("import", project, *args)
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before
    # no lock file and no pending write-ahead log left behind (the read-only `info` leaves an
    # empty -wal and a -shm file: SQLite readers cannot remove them)
    assert not Path(f"{project}.lock").exists()
    wal = Path(f"{project}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return result.stderr


def test_binary_file_named_txt(cli, snapshot, project: Path, tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(PNG)
    message = refused(cli, snapshot, project, image)
    assert f"{image}: this looks like a binary file, not text" in message


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf\n"])
def test_empty_file(cli, snapshot, project: Path, tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    message = refused(cli, snapshot, project, empty)
    assert f"{empty}: the file is empty" in message


def test_undecodable_bytes_name_offset_and_line(cli, snapshot, project, tmp_path) -> None:
    good = "Zürich, Genève and Kraków.\nThe second line is fine.\nThird: ".encode()
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(good + b"\xff" + " and more ü text after the damage.\n".encode())
    message = refused(cli, snapshot, project, damaged)
    assert f"byte 0xFF at offset {len(good)} (line 3)" in message
    assert str(damaged) in message


@pytest.mark.slow
def test_text_over_the_size_limit_names_the_limit(cli, snapshot, project, tmp_path) -> None:
    line = b"The quick brown fox jumps over the lazy dog near the border crossing. " * 15 + b"\n"
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        chunk = line * 1000
        for _ in range(100 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    assert huge.stat().st_size > 100 * 1024 * 1024
    message = refused(cli, snapshot, project, huge)
    assert f"{huge}: the document is too long" in message
    assert f"the limit is {MAX_DOCUMENT_CHARS:,} characters" in message


def test_malformed_jsonl_names_the_line(cli, snapshot, project, tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"text": "Fine article one."}\n{"text": "Fine article two."}\n{"text": "broken\n',
        encoding="utf-8",
    )
    message = refused(cli, snapshot, project, feed)
    assert f"{feed}:3: not valid JSON" in message


def test_malformed_json(cli, snapshot, project, tmp_path) -> None:
    articles = tmp_path / "articles.json"
    articles.write_text('[\n  {"text": "one"},\n  {"text": "two"\n]\n', encoding="utf-8")
    message = refused(cli, snapshot, project, articles)
    assert f"{articles}: not valid JSON" in message
    assert "line 4, column 1" in message


def test_csv_without_the_text_column_names_the_columns(cli, snapshot, project, tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text("headline,body,lang\nTalks,Talks resumed.,en\n", encoding="utf-8")
    message = refused(cli, snapshot, project, table)
    assert "no 'text' column (columns: 'headline', 'body', 'lang')" in message
    assert "--text-field" in message


def test_path_that_does_not_exist(cli, snapshot, project, tmp_path) -> None:
    missing = tmp_path / "no-such-folder" / "a.txt"
    message = refused(cli, snapshot, project, missing)
    assert f"{missing}: no such file or folder" in message


def test_unknown_extension(cli, snapshot, project, tmp_path) -> None:
    doc = tmp_path / "article.xlsx"
    doc.write_text("Text", encoding="utf-8")
    message = refused(cli, snapshot, project, doc)
    assert "cannot tell the format from the extension '.xlsx'" in message


def test_a_word_document_that_is_plain_text(cli, snapshot, project, tmp_path) -> None:
    doc = tmp_path / "article.docx"
    doc.write_text("Text saved under the wrong name", encoding="utf-8")
    message = refused(cli, snapshot, project, doc)
    assert f"{doc}: not a Word document (.docx), or damaged" in message


def test_mixed_import_refusing_bad_files_is_all_or_nothing(
    cli, snapshot, project, tmp_path
) -> None:
    good = tmp_path / "a-good.txt"
    good.write_text("A perfectly good new article.", encoding="utf-8")
    bad = tmp_path / "b-bad.txt"
    bad.write_bytes(PNG)
    message = refused(cli, snapshot, project, good, bad, "--on-bad-file", "refuse")
    assert str(bad) in message
    with Project.open(project, readonly=True) as p:
        assert all("perfectly good" not in d.text for d in p.documents.all())


def test_a_bad_file_is_left_out_named_and_the_others_imported(cli, project, tmp_path) -> None:
    """The default: the good files are imported, each bad one named; exit code 3 all the same
    (a script sees that something was left out)."""
    good = tmp_path / "a-good.txt"
    good.write_text("A perfectly good new article.", encoding="utf-8")
    bad = tmp_path / "b-bad.txt"
    bad.write_bytes(PNG)
    broken = tmp_path / "c-broken.csv"
    broken.write_text("title,text\nx,ok\ny,too,many\n", encoding="utf-8")
    result = cli("import", project, good, bad, broken)
    assert result.returncode == 3, result.stderr
    assert result.stdout == (
        "Imported: 1 document(s) added; 2 file(s) could not be read, left out.\n"
    )
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"Error: {bad}: this looks like a binary file")
    assert errors[1] == f"Error: {broken}: row 3 has more cells than the header has columns"
    assert errors[2] == (
        "Error: 2 file(s) could not be read and were left out; the other files were imported."
    )
    with Project.open(project, readonly=True) as p:
        texts = [d.text for d in p.documents.all()]
    assert "A perfectly good new article." in texts and len(texts) == 3
    assert not any(t == "ok" for t in texts)  # nothing of the broken table


def test_all_or_nothing_across_formats_and_folders_when_refusing(
    cli, snapshot, project, tmp_path
) -> None:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("New article A.", encoding="utf-8")
    (folder / "b.jsonl").write_text(
        "".join(json.dumps({"text": f"Feed article {i}."}) + "\n" for i in range(600)),
        encoding="utf-8",
    )
    (folder / "sub" / "c.csv").write_text("title,text\nx,ok\ny,too,many\n", encoding="utf-8")
    message = refused(cli, snapshot, project, folder, "--on-bad-file", "refuse")
    assert "row 3 has more cells than the header has columns" in message


def test_bad_native_export(cli, snapshot, project, tmp_path) -> None:
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps({"format": "annotator/1", "project": {"name": "x"}, "documents": []}),
        encoding="utf-8",
    )
    message = refused(cli, snapshot, project, export)
    assert "not a valid Annotator export" in message
    assert "'schema' is a required property" in message


def test_unknown_format_option_is_a_usage_error(cli, snapshot, project, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    before = snapshot(project)
    result = cli("import", project, article, "--format", "xlsx")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert snapshot(project) == before


def test_file_that_is_not_a_project(cli, tmp_path: Path) -> None:
    notes = tmp_path / "notaproject.txt"
    notes.write_text("These are my notes, not a project.\n" * 10, encoding="utf-8")
    before = notes.read_bytes()
    for args in (("info", notes), ("check", notes), ("import", notes, notes)):
        result = cli(*args)
        assert result.returncode == 4, (args, result.stderr)
        assert f"Error: {notes}: not an Annotator project" in result.stderr
        assert result.stdout == ""
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notaproject.txt"]


def test_sqlite_file_that_is_not_ours(cli, tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = other.read_bytes()
    result = cli("import", other, other)
    assert result.returncode == 4
    assert "an SQLite database, but not an Annotator project" in result.stderr
    assert other.read_bytes() == before


def test_project_that_does_not_exist(cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.annotator"
    result = cli("info", missing)
    assert result.returncode == 4
    assert f"Error: {missing}: no such project file" in result.stderr
    assert not missing.exists()
