"""News-database exports split into their articles: Nexis Uni DOCX and RTF, LexisNexis TXT in
English, German and French, a user's own layout, and broken exports."""

from __future__ import annotations

import pytest

from annotator import InputError
from annotator.io import news_exports
from annotator.io.importing import import_paths
from tests.io.news_samples import EXPORT_ARTICLES, lexis_txt, nexis_docx, nexis_rtf

DATES = ("2026-03-03", "2026-03-04", "2026-03-06")


def check_articles(docs, layout: str, file: str) -> None:
    """The three sample articles, in order, with their fields and nothing of the cover."""
    assert len(docs) == len(EXPORT_ARTICLES)
    by_number = sorted(docs, key=lambda d: d.metadata["article"])
    for doc, expected, date in zip(by_number, EXPORT_ARTICLES, DATES, strict=True):
        title, source, _date, byline, words, body = expected
        assert (doc.title, doc.source, doc.published) == (title, source, date)
        assert doc.text == "\n\n".join(body) or doc.text == "\n".join(body), doc.text
        assert doc.metadata["byline"] == byline
        assert doc.metadata["words"] == words
        assert doc.metadata["layout"] == layout and doc.metadata["file"] == file
        assert "Job Number" not in doc.text and "Copyright" not in doc.text


def test_a_nexis_uni_word_export(project, tmp_path, stored) -> None:
    path = nexis_docx(tmp_path / "nexis.docx")
    report = import_paths(project, [path])
    assert report.added == 3 and report.warnings == []
    docs = stored()
    check_articles(docs, "nexis-uni", "nexis.docx")
    first = min(docs, key=lambda d: d.metadata["article"])
    assert first.metadata["section"] == "NEWS; Pg. 1"
    assert first.metadata["language"] == "ENGLISH"
    assert first.metadata["subject"] == "STRIKES (90%); LABOUR UNIONS (88%)"
    assert first.metadata["date_as_written"] == "March 3, 2026 Tuesday"


def test_a_nexis_uni_rtf_export(project, tmp_path, stored) -> None:
    import_paths(project, [nexis_rtf(tmp_path / "nexis.rtf")])
    check_articles(stored(), "nexis-uni", "nexis.rtf")


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_lexisnexis_text_export(project, write_file, stored, language) -> None:
    path = write_file(f"lexis-{language}.txt", lexis_txt(language))
    report = import_paths(project, [path])
    assert report.added == 3, report.warnings
    check_articles(stored(), f"lexisnexis-txt-{language}", f"lexis-{language}.txt")


def test_an_edition_line_does_not_become_the_title(project, write_file, stored) -> None:
    import_paths(project, [write_file("lexis.txt", lexis_txt("en", edition=True))])
    docs = stored()
    assert {d.title for d in docs} == {a[0] for a in EXPORT_ARTICLES}
    assert {d.metadata["header_extra"] for d in docs} == {"Late Edition - Final"}


def test_an_export_missing_its_last_end_of_document(project, tmp_path, stored) -> None:
    path = nexis_docx(tmp_path / "cut.docx", end_of_last=False)
    with pytest.raises(InputError, match=r"cut\.docx:\d+: article 3 has no end"):
        import_paths(project, [path])
    assert stored() == []


def test_an_export_missing_an_end_of_document_inside(project, write_file, stored) -> None:
    from tests.io.news_samples import nexis_lines

    lines = nexis_lines()
    lines.remove("End of Document")  # the first article's
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = write_file("joined.docx", b"")
    document.save(str(path))
    with pytest.raises(InputError, match=r"joined\.docx:\d+: a second body in article 1"):
        import_paths(project, [path])
    assert stored() == []


def test_an_ordinary_text_file_is_one_document(project, write_file, stored) -> None:
    path = write_file("letter.txt", "Dear editor,\n1 of the DOCUMENTS you sent is missing.\n")
    import_paths(project, [path])
    assert [d.title for d in stored()] == ["letter"]


def test_a_layout_of_ones_own(project, write_file, stored, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "press-office.yaml").write_text(
        "name: press-office\n"
        "containers: [txt]\n"
        "detect: '^=== RELEASE ===$'\n"
        "start: '^=== RELEASE ===$'\n"
        "languages: [en]\n"
        "header: {from: start, lines: [title]}\n"
        "fields: {Date: published, Contact: contact}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(news_exports, "user_layout_folder", lambda: folder)
    path = write_file(
        "releases.txt",
        "=== RELEASE ===\nMinistry opens new clinic\nDate: 2 March 2026\nContact: Press desk\n"
        "The ministry opened a clinic.\n=== RELEASE ===\nSecond release\nDate: 5 March 2026\n"
        "Contact: Press desk\nAnother text.\n",
    )
    import_paths(project, [path])
    docs = sorted(stored(), key=lambda d: d.metadata["article"])
    assert [(d.title, d.published, d.text) for d in docs] == [
        ("Ministry opens new clinic", "2026-03-02", "The ministry opened a clinic."),
        ("Second release", "2026-03-05", "Another text."),
    ]
    assert docs[0].metadata["contact"] == "Press desk"


def test_a_broken_layout_names_its_file_and_key(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "bad.yaml").write_text(
        "name: bad\ncontainers: [pdf]\ndetect: x\nstart: x\n"
        "header: {from: start, lines: []}\nfields: {}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(news_exports, "user_layout_folder", lambda: folder)
    with pytest.raises(InputError, match=r"bad\.yaml: containers/0: 'pdf' is not one of"):
        news_exports.layouts()


def test_a_users_layouts_are_read_again_when_a_file_changes(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "layouts"
    folder.mkdir()
    monkeypatch.setattr(news_exports, "user_layout_folder", lambda: folder)
    layout = (
        "name: {name}\ncontainers: [txt]\ndetect: x\nstart: x\n"
        "header: {{from: start, lines: []}}\nfields: {{}}\n"
    )
    own = folder / "own.yaml"
    own.write_text(layout.format(name="first"), encoding="utf-8")
    assert news_exports.layouts()[0].name == "first"
    assert news_exports.layouts()[0] is news_exports.layouts()[0]  # not parsed again
    own.write_text(layout.format(name="second-name"), encoding="utf-8")  # another size
    assert news_exports.layouts()[0].name == "second-name"
    (folder / "more.yaml").write_text(layout.format(name="added"), encoding="utf-8")
    assert [x.name for x in news_exports.layouts()[:2]] == ["added", "second-name"]
    own.unlink()
    (folder / "more.yaml").unlink()
    assert news_exports.layouts() == news_exports.built_in_layouts()


def test_every_built_in_layout_is_valid() -> None:
    names = {layout.name for layout in news_exports.built_in_layouts()}
    assert names == {
        "nexis-uni",
        "lexisnexis-txt-en",
        "lexisnexis-txt-de",
        "lexisnexis-txt-fr",
        "factiva",
    }


@pytest.mark.parametrize("kind", ["html", "rtf"])
def test_a_factiva_report(project, write_file, stored, kind) -> None:
    from tests.io.news_samples import factiva_html, factiva_rtf

    content = factiva_html() if kind == "html" else factiva_rtf().encode("ascii")
    path = write_file(f"factiva.{kind}", content)
    report = import_paths(project, [path])
    assert report.added == 3 and report.warnings == []
    docs = sorted(stored(), key=lambda d: d.metadata["article"])
    for doc, expected, date in zip(docs, EXPORT_ARTICLES, DATES, strict=True):
        title, source, _date, byline, words, body = expected
        assert (doc.title, doc.source, doc.published) == (title, source, date)
        assert doc.text == "\n".join(body)  # the lead, then the text
        assert doc.metadata["byline"] == byline and doc.metadata["words"] == words
        assert doc.metadata["factiva_id"].startswith("Document RIVCOU")
        assert doc.metadata["language"] == "English"
        assert doc.metadata["layout"] == "factiva" and "lead" not in doc.metadata
    assert "Search results" not in docs[0].text and "Factiva, Inc" not in docs[-1].text


def test_an_ordinary_page_with_tables_is_still_one_article(project, write_file, stored):
    from tests.io.news_samples import news_page

    page = news_page().replace(
        "</article>", "<table><tr><td>HD</td><td>x</td></tr></table></article>"
    )
    import_paths(project, [write_file("page.html", page)])
    assert [d.title for d in stored()] == ["Council backs night buses"]
