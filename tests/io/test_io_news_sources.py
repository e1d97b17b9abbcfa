"""Saved web pages, Word and RTF documents imported through import_paths and the CLI."""

from __future__ import annotations

import zipfile

import pytest

from annotator import InputError
from annotator.io.dates import dated, iso_date
from annotator.io.importing import import_paths
from tests.io.news_samples import (
    ARTICLE,
    COMMENT,
    FRONT_PAGE,
    RTF_ARTICLE,
    news_page,
    odt_article,
    pdf_article,
    word_article,
)


def test_a_saved_page_keeps_the_article_and_its_metadata_without_comments(
    project, write_file, stored
) -> None:
    page = write_file("night-buses.html", news_page())
    report = import_paths(project, [page])
    assert report.added == 1 and report.warnings == []
    [doc] = stored()
    assert doc.title == "Council backs night buses"
    assert doc.source == "The Riverside Courier"
    assert doc.url == "https://courier.example/news/night-buses"
    assert doc.published == "2026-03-14"
    assert doc.metadata["author"] == "Mara Lindqvist"
    assert doc.metadata["language"] == "en"
    assert doc.metadata["file"] == "night-buses.html"
    for paragraph in ARTICLE:
        assert paragraph in doc.text
    assert COMMENT not in doc.text  # reader comments are left out
    assert "<p>" not in doc.text and "Privacy policy" not in doc.text and "Sport" not in doc.text


def test_a_page_without_an_article_is_reported_and_the_others_imported(
    project, tmp_path, write_file, stored
) -> None:
    front = write_file("pages/front.htm", FRONT_PAGE)
    write_file("pages/article.html", news_page())
    report = import_paths(project, [front.parent])
    assert report.added == 1
    assert [d.title for d in stored()] == ["Council backs night buses"]
    [warning] = report.warnings
    assert "front.htm" in warning and "no article text found" in warning


def test_the_same_page_saved_twice_is_skipped_as_a_duplicate(project, write_file) -> None:
    first = write_file("a.html", news_page())
    second = write_file("b.html", news_page())
    report = import_paths(project, [first, second])
    assert report.added == 1 and report.duplicates == [str(second)]


def test_a_word_document_with_headings_tables_and_properties(project, tmp_path, stored) -> None:
    path = word_article(tmp_path / "buses.docx")
    import_paths(project, [path])
    [doc] = stored()
    assert doc.title == "Council backs night buses"  # from the core properties
    assert doc.published is None  # the file's creation is not the article's date
    assert doc.metadata == {
        "file": "buses.docx",
        "author": "Mara Lindqvist",
        "keywords": "transport; council",
        "created": "2026-03-14",
    }
    lines = doc.text.split("\n")
    assert lines[0] == "Night buses from May"
    assert "Route\tFirst bus" in lines and "N4 Harbour – Hospital\t00:40" in lines
    assert lines.index("Route\tFirst bus") < lines.index(ARTICLE[2])  # in reading order


def test_a_word_document_without_a_title_takes_its_first_heading(project, tmp_path, stored):
    import_paths(project, [word_article(tmp_path / "x.docx", title_in_properties=False)])
    assert [d.title for d in stored()] == ["Night buses from May"]


def test_a_truncated_word_document_names_the_file_and_stores_nothing(
    project, tmp_path, write_file, stored
) -> None:
    whole = word_article(tmp_path / "whole.docx").read_bytes()
    broken = write_file("broken.docx", whole[: len(whole) // 2])
    good = write_file("good.txt", "An article that must not be stored alone.")
    with pytest.raises(InputError, match=r"broken\.docx: not a Word document"):
        import_paths(project, [good, broken])
    assert stored() == []


def test_a_zip_that_is_not_a_word_document(project, tmp_path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not Word")
    with pytest.raises(InputError, match=r"other\.docx: not a Word document"):
        import_paths(project, [path])


def test_an_rtf_document_with_its_code_page_and_title(project, write_file, stored) -> None:
    path = write_file("cafe.rtf", RTF_ARTICLE.encode("ascii"))
    import_paths(project, [path])
    [doc] = stored()
    assert doc.title == "Café owners oppose the new tax"
    assert doc.text == (
        "Café owners in the old town said on Monday they would fight the tax.\n"
        "«It will close half of us,» said Rémi Laurent."
    )
    assert "\\" not in doc.text and "Times New Roman" not in doc.text


def test_a_file_named_rtf_that_is_not_rtf(project, write_file) -> None:
    path = write_file("fake.rtf", "just words")
    with pytest.raises(InputError, match=r"fake\.rtf: not an RTF file"):
        import_paths(project, [path])


@pytest.mark.parametrize(
    ("written", "languages", "iso"),
    [
        ("June 3, 2024 Monday", ("en",), "2024-06-03"),
        ("June 3, 2024 Monday 10:15 AM GMT", ("en",), "2024-06-03T10:15:00"),
        ("3. Juni 2024", ("de",), "2024-06-03"),
        ("Mittwoch, 5. Juni 2024", ("de",), "2024-06-05"),
        ("3 juin 2024", ("fr",), "2024-06-03"),
        ("2026-03-14T09:30:00Z", (), "2026-03-14T09:30:00"),
        ("2026-03-14", (), "2026-03-14"),
        ("yesterday", ("en",), None),  # relative dates say nothing in an archive
        ("a week of talks", ("en",), None),
    ],
)
def test_dates_as_news_sources_write_them(written, languages, iso) -> None:
    assert iso_date(written, languages) == iso


def test_a_date_that_cannot_be_read_is_kept_as_written() -> None:
    metadata: dict[str, object] = {}
    assert dated("the week after Easter", metadata, ("en",)) is None
    assert metadata == {"date_as_written": "the week after Easter"}
    kept: dict[str, object] = {}
    assert dated("2026-03-14", kept) == "2026-03-14" and kept == {}


def test_the_command_line_imports_a_folder_of_pages(cli, tmp_path, write_file) -> None:
    write_file("saved/one.html", news_page())
    write_file("saved/two.html", news_page("Bridge works start in June"))
    folder = write_file("saved/index.html", FRONT_PAGE).parent
    target = tmp_path / "p.annotator"
    assert cli("new", target).returncode == 0
    result = cli("import", target, folder)
    assert result.returncode == 0, result.stderr
    assert "2 document(s) added" in result.stdout
    assert "index.html: no article text found" in result.stderr


def test_an_opendocument_text_in_reading_order(project, tmp_path, stored) -> None:
    import_paths(project, [odt_article(tmp_path / "buses.odt")])
    [doc] = stored()
    assert doc.title == "Council backs night buses"
    assert doc.text.split("\n") == [
        "Night buses from May",
        ARTICLE[0],
        "Four routes",
        "From May",
        "N4 Harbour – Hospital\t00:40",
        ARTICLE[1],
    ]
    assert doc.metadata == {
        "file": "buses.odt",
        "author": "Mara Lindqvist",
        "created": "2026-03-14",
    }


def test_a_damaged_opendocument_text(project, tmp_path, write_file, stored) -> None:
    whole = odt_article(tmp_path / "whole.odt").read_bytes()
    broken = write_file("broken.odt", whole[:300])
    with pytest.raises(InputError, match=r"broken\.odt: (not an OpenDocument|a damaged)"):
        import_paths(project, [broken])
    assert stored() == []


def test_a_pdf_without_its_headers_footers_and_hyphens(project, tmp_path, stored) -> None:
    report = import_paths(project, [pdf_article(tmp_path / "buses.pdf")])
    assert report.warnings == []
    [doc] = stored()
    assert doc.title == "Council backs night buses"
    assert doc.metadata["author"] == "Mara Lindqvist" and doc.metadata["pages"] == 3
    assert "Riverside Courier" not in doc.text  # the running header
    assert "Page " not in doc.text  # the page numbers
    assert "campaign by shift workers" in doc.text and "cam-" not in doc.text
    parts = [line for line in doc.text.split("\n") if line.startswith("Part ")]
    assert [p.split(".")[0] for p in parts] == ["Part 1", "Part 2", "Part 3"]


def test_a_pdf_without_a_text_layer_is_reported_not_imported(
    project, tmp_path, write_file, stored
) -> None:
    scan = pdf_article(tmp_path / "scan.pdf", pages=2, scanned=(1, 2))
    other = write_file("other.txt", "An article beside the scan.")
    report = import_paths(project, [scan, other])
    assert [d.text for d in stored()] == ["An article beside the scan."]
    [warning] = report.warnings
    assert "scan.pdf: the PDF has no text layer" in warning


def test_a_pdf_with_some_scanned_pages_warns_naming_them(project, tmp_path, stored) -> None:
    path = pdf_article(tmp_path / "mixed.pdf", pages=4, scanned=(3,))
    report = import_paths(project, [path])
    [doc] = stored()
    assert "Part 4." in doc.text and "Part 3." not in doc.text
    [warning] = report.warnings
    assert "1 of 4 pages have no text layer" in warning and "page(s) 3" in warning


def test_a_file_named_pdf_that_is_not_one(project, write_file, stored) -> None:
    path = write_file("fake.pdf", "%PDF-1.7\nnot really\n")
    with pytest.raises(InputError, match=r"fake\.pdf: not a PDF, or damaged"):
        import_paths(project, [path])
    assert stored() == []
