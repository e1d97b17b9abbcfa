"""News sources through File → Import… in the real window: pages, Word, RTF, ODT and PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from annotator.gui.import_dialog import ImportDialog
from annotator.gui.import_preview import ImportPreviewDialog
from tests.io.news_samples import (
    COMMENT,
    FRONT_PAGE,
    RTF_ARTICLE,
    news_page,
    odt_article,
    pdf_article,
    word_article,
)


def test_pages_word_and_rtf_from_the_window(qtbot, make_window, tmp_path: Path) -> None:
    """Ctrl+I: a folder of two pages (one without an article), a .docx, an .rtf, an .odt and a
    scanned PDF; the report names the files skipped, the documents have their own titles."""
    window = make_window()
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "buses.html").write_text(news_page(), encoding="utf-8")
    (folder / "index.html").write_text(FRONT_PAGE, encoding="utf-8")
    word_article(folder / "interview.docx", title_in_properties=False)
    (folder / "cafe.rtf").write_bytes(RTF_ARTICLE.encode("ascii"))
    odt_article(folder / "routes.odt")
    pdf_article(folder / "scan.pdf", pages=1, scanned=(1,))
    before = window.session.project.documents.count()
    seen: list[str] = []
    previewed: list[str] = []
    problems: list[str] = []

    def answer_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ImportDialog) and not seen:
            seen.append("dialog")
            modal.add_paths([folder])
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        elif isinstance(modal, ImportPreviewDialog) and len(seen) == 1:
            seen.append("preview")
            table = modal.table
            previewed.extend(table.item(row, 0).text() for row in range(table.rowCount()))
            problems.append(modal.problems.text())
            qtbot.mouseClick(modal.import_button, Qt.MouseButton.LeftButton)
        elif isinstance(modal, QMessageBox) and len(seen) == 2:
            seen.extend([modal.text(), modal.informativeText()])
            modal.accept()

    timer = QTimer()
    timer.timeout.connect(answer_modal)
    timer.start(10)
    try:
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    finally:
        timer.stop()

    assert seen[:3] == ["dialog", "preview", "4 document(s) added."]
    # the preview shows the first documents by their own titles, before anything is stored
    assert len(previewed) == 4 and "Council backs night buses" in previewed
    assert "Café owners oppose the new tax" in previewed
    assert problems == [""]  # pages without an article are notes, not failures
    assert "index.html: no article text found in the page (skipped)" in seen[3]
    assert "scan.pdf: the PDF has no text layer" in seen[3]
    project = window.session.project
    assert project.documents.count() == before + 4
    titles = {d.title: d for d in project.documents.all()}
    assert {"Council backs night buses", "Night buses from May"} <= set(titles)
    assert "Café owners oppose the new tax" in titles
    assert COMMENT not in titles["Council backs night buses"].text


def test_news_database_exports_from_the_window(qtbot, make_window, tmp_path: Path) -> None:
    """Ctrl+I on a folder with the same three articles as a Factiva report, a Nexis Uni Word
    export and a LexisNexis text export: the preview shows them by their own headlines; the
    import keeps the first of each same text and reports the others as duplicates. (The text
    export keeps its blank lines between paragraphs, so its two articles of several
    paragraphs are texts of their own.)"""
    from tests.gui.import_steps import run_import
    from tests.io.news_samples import EXPORT_ARTICLES, factiva_html, lexis_txt, nexis_docx

    window = make_window()
    project = window.session.project
    before = project.documents.count()
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "a-factiva.html").write_text(factiva_html(), encoding="utf-8")
    nexis_docx(folder / "b-nexis.docx")
    (folder / "c-lexis.txt").write_text(lexis_txt("en"), encoding="utf-8")
    shown: dict[str, list[str]] = {}

    def on_preview(dialog) -> None:
        table = dialog.table
        shown["titles"] = [table.item(r, 0).text() for r in range(table.rowCount())]
        shown["sources"] = [table.item(r, 1).text() for r in range(table.rowCount())]
        shown["dates"] = [table.item(r, 2).text() for r in range(table.rowCount())]
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    text, _more = run_import(qtbot, window, [folder], on_preview)

    headlines = [article[0] for article in EXPORT_ARTICLES]
    assert shown["titles"] == headlines + headlines[:2]
    assert shown["sources"][:3] == [article[1] for article in EXPORT_ARTICLES]
    assert shown["dates"][:3] == ["2026-03-03", "2026-03-04", "2026-03-06"]
    assert text == "5 document(s) added; 4 already in the project (same text), skipped."
    stored = [d for d in project.documents.all() if d.metadata.get("layout") == "factiva"]
    assert project.documents.count() == before + 5 and len(stored) == 3
    assert all(d.metadata["factiva_id"].startswith("Document RIVCOU") for d in stored)
