"""`annotator import --dry-run`: the first documents as they would be stored and what the
import would do, with the project file left byte for byte as it was."""

from __future__ import annotations

import json
from pathlib import Path

from tests.io.news_samples import FRONT_PAGE, news_page, word_article


def new_project(cli, tmp_path: Path) -> Path:
    path = tmp_path / "study.annotator"
    assert cli("new", path).returncode == 0
    return path


def test_a_dry_run_previews_and_writes_nothing(cli, snapshot, tmp_path: Path) -> None:
    project = new_project(cli, tmp_path)
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a-buses.html").write_text(news_page(), encoding="utf-8")
    (folder / "b-index.html").write_text(FRONT_PAGE, encoding="utf-8")
    word_article(folder / "c-interview.docx")
    before = snapshot(project)
    result = cli("import", project, folder, "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Documents as they would be stored:" in out
    assert "1. Council backs night buses" in out
    assert "source: The Riverside Courier · published: 2026-03-14" in out
    assert "text: Council backs night buses The city council voted on Tuesday" in out
    assert "metadata: file=a-buses.html, author=Mara Lindqvist" in out
    assert "2. Council backs night buses" in out and "c-interview.docx" in out
    assert "Dry run, nothing was written. The import would give: 2 document(s) added." in out
    assert "b-index.html: no article text found" in result.stderr
    assert snapshot(project) == before
    # the real import then does what the dry run said
    real = cli("import", project, folder)
    assert real.returncode == 0 and "Imported: 2 document(s) added." in real.stdout


def test_a_dry_run_reports_the_duplicates_it_would_skip(cli, snapshot, tmp_path: Path) -> None:
    project = new_project(cli, tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"text": f"Article {i}.", "title": f"T{i}"}) + "\n" for i in range(8)),
        encoding="utf-8",
    )
    assert cli("import", project, feed).returncode == 0
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps({"text": "Article 3."}) + "\n" + json.dumps({"text": "New."}))
    before = snapshot(project)
    result = cli("import", project, again, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert f"Would skip (already in the project): {again}:1" in result.stderr
    assert "would give: 1 document(s) added; 1 already in the project" in result.stdout
    assert snapshot(project) == before


def test_a_dry_run_of_a_bad_file_fails_as_the_import_would(cli, snapshot, tmp_path) -> None:
    project = new_project(cli, tmp_path)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    before = snapshot(project)
    result = cli("import", project, bad, "--dry-run")
    assert result.returncode != 0
    assert f"{bad}: not a Word document" in result.stderr
    assert snapshot(project) == before


def test_a_dry_run_names_the_files_it_would_leave_out(cli, snapshot, tmp_path: Path) -> None:
    project = new_project(cli, tmp_path)
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-buses.html").write_text(news_page(), encoding="utf-8")
    whole = word_article(tmp_path / "whole.docx").read_bytes()
    (folder / "b-broken.docx").write_bytes(whole[: len(whole) // 2])
    before = snapshot(project)
    result = cli("import", project, folder, "--dry-run")
    assert result.returncode == 3, result.stderr
    assert "1. Council backs night buses" in result.stdout
    assert "The import would give: 1 document(s) added; 1 file(s) could not be read" in (
        result.stdout
    )
    assert f"Error: {folder / 'b-broken.docx'}: not a Word document" in result.stderr
    assert result.stderr.rstrip().endswith(
        "Error: 1 file(s) could not be read and would be left out; the other files would be "
        "imported."
    )
    assert snapshot(project) == before
