"""Plain text and Markdown files, and folders of them, imported through import_paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import InputError
from annotator.io.common import ReadOptions
from annotator.io.importing import import_paths
from annotator.io.plain import read_markdown, read_txt


def test_txt_title_is_the_file_name(project, write_file, stored) -> None:
    path = write_file("minister_says_talks_resume.txt", "The minister said talks would resume.\n")
    report = import_paths(project, [path])
    assert report.added == 1 and report.duplicates == []
    [doc] = stored()
    assert doc.title == "minister says talks resume"
    assert doc.text == "The minister said talks would resume.\n"
    assert (doc.source, doc.url, doc.published) == (None, None, None)
    assert doc.metadata == {"file": "minister_says_talks_resume.txt"}  # only where it came from


def test_txt_reader_yields_one_document_with_its_size(write_file) -> None:
    path = write_file("note.text", "Short article.")
    [(item, consumed)] = list(read_txt(path, ReadOptions()))
    assert (item.title, item.text, item.origin) == ("note", "Short article.", str(path))
    assert consumed == path.stat().st_size


def test_markdown_front_matter_goes_to_fields_and_metadata(project, write_file, stored) -> None:
    path = write_file(
        "article.md",
        "---\n"
        "title: Talks resume in Minara\n"
        "source: Meridian Wire\n"
        "url: https://news.example.org/talks\n"
        "published: 2026-03-02\n"
        "section: World\n"
        "tags: [diplomacy, talks]\n"
        "words: 412\n"
        "---\n"
        "\n"
        "# A heading that is not the title\n"
        "\n"
        "Delegations met on Monday.\n",
    )
    import_paths(project, [path])
    [doc] = stored()
    assert doc.title == "Talks resume in Minara"
    assert doc.source == "Meridian Wire"
    assert doc.url == "https://news.example.org/talks"
    assert doc.published == "2026-03-02"  # an unquoted YAML date, stored as ISO text
    assert doc.metadata == {
        "section": "World",
        "tags": ["diplomacy", "talks"],
        "words": 412,
        "file": "article.md",
    }
    assert doc.text.startswith("# A heading that is not the title\n")
    assert doc.text.rstrip().endswith("Delegations met on Monday.")
    assert "---" not in doc.text and "Meridian Wire" not in doc.text


def test_markdown_date_key_is_the_published_date(write_file) -> None:
    path = write_file("a.md", "---\ndate: 2025-12-31\n---\nBody.\n")
    [(item, _)] = list(read_markdown(path, ReadOptions()))
    assert item.published == "2025-12-31"
    assert item.metadata == {"file": "a.md"}  # the date is not left in the metadata


def test_markdown_without_front_matter_takes_the_first_heading(project, write_file, stored):
    path = write_file("file-name.md", "\n# Protest march in Drawensk\n\nThousands marched.\n")
    import_paths(project, [path])
    [doc] = stored()
    assert doc.title == "Protest march in Drawensk"
    assert "Thousands marched." in doc.text
    assert doc.metadata == {"file": "file-name.md"}


def test_markdown_without_title_or_heading_takes_the_file_name(write_file) -> None:
    path = write_file("budget_vote.md", "## Not a first-level heading\n\nText.\n")
    [(item, _)] = list(read_markdown(path, ReadOptions()))
    assert item.title == "budget vote"


def test_markdown_with_broken_front_matter_names_the_line(write_file) -> None:
    path = write_file("bad.md", "---\ntitle: ok\nsource: [unclosed\n---\nText.\n")
    with pytest.raises(InputError, match=r"bad\.md: the front matter is not valid YAML at line"):
        list(read_markdown(path, ReadOptions()))


def test_folder_is_walked_recursively_skipping_hidden_and_unknown(
    project, write_file, stored, tmp_path: Path
) -> None:
    write_file("a.txt", "First article.")
    write_file("sub/b.md", "# Second\n\nSecond article.")
    write_file("sub/deeper/c.txt", "Third article.")
    write_file(".hidden.txt", "Hidden file.")
    write_file(".git/d.txt", "Inside a hidden folder.")
    write_file("sub/.cache/e.md", "Inside a nested hidden folder.")
    write_file("picture.png", b"\x89PNG\r\n\x1a\n")
    write_file("sub/sheet.xlsx", b"PK\x03\x04")
    report = import_paths(project, [tmp_path / "in"])
    assert report.added == 3
    assert report.warnings == ["2 file(s) in folders skipped (unknown extension)"]
    texts = sorted(doc.text for doc in stored())
    assert texts == ["# Second\n\nSecond article.", "First article.", "Third article."]
    assert {doc.title for doc in stored()} == {"a", "Second", "c"}


def test_folder_with_only_unknown_files_is_refused(project, write_file, tmp_path, stored):
    write_file("a.xlsx", b"PK\x03\x04")
    with pytest.raises(InputError, match=r"no files to import \(1 with unknown extensions\)"):
        import_paths(project, [tmp_path / "in"])
    assert stored() == []


def test_unknown_extension_given_directly_is_refused_naming_it(project, write_file, stored):
    path = write_file("article.xlsx", "Text")
    with pytest.raises(InputError, match=r"extension '\.xlsx'.*--format"):
        import_paths(project, [path])
    # ... but --format says what it is
    import_paths(project, [path], fmt="txt")
    assert [d.text for d in stored()] == ["Text"]
