"""The import preview in the real window (Ctrl+I): the first documents before anything is
written, the fields of a table chosen from the keyboard, cancel, and files left out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from annotator.gui.import_preview import ImportPreviewDialog
from tests.gui.import_steps import run_import
from tests.io.news_samples import news_page, word_article

TABLE = (
    "Headline;Body;Outlet;Date;Topic\n"
    "Night buses approved;The council voted for night buses on Tuesday.;Courier;"
    "14 March 2026;transport\n"
    "<b>Café</b> tax & <i>owners</i>;Café owners oppose the new tax, their union said.;"
    "<i>Gazette</i>;2026-03-15;economy\n"
)


def choose(qtbot, box: QComboBox, text: str) -> None:
    """Pick ``text`` in a closed combo box with the arrow keys, as a person would."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText() == text:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == text


def titles_shown(dialog: ImportPreviewDialog) -> list[str]:
    return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]


def test_a_table_previewed_with_its_fields_guessed_then_one_chosen(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    project = window.session.project
    before = project.documents.count()
    table = tmp_path / "feed.csv"
    table.write_text(TABLE, encoding="utf-8")
    shown: dict[str, object] = {}

    def on_preview(dialog: ImportPreviewDialog) -> None:
        boxes = dialog.field_boxes
        shown["guessed"] = [boxes[a].currentText() for a in boxes]
        shown["first"] = titles_shown(dialog)
        shown["cells"] = [dialog.table.item(1, c).text() for c in range(4)]
        shown["tooltip"] = dialog.table.item(1, 1).toolTip()
        shown["stored while previewing"] = project.documents.count()
        choose(qtbot, boxes["title_field"], "Topic")
        shown["after"] = titles_shown(dialog)
        dialog.table.setCurrentCell(1, 0)
        shown["details"] = dialog.details.toPlainText()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    text, _more = run_import(qtbot, window, [table], on_preview)

    assert shown["guessed"] == ["Body", "Headline", "Outlet", "(none)", "Date"]
    # titles as they will be stored (markup removed); other text as it is, never as markup
    assert shown["first"] == ["Night buses approved", "Café tax & owners"]
    assert shown["cells"][1:] == ["<i>Gazette</i>", "2026-03-15", "49"]
    assert shown["tooltip"] == "<p style='white-space:pre-wrap'>&lt;i&gt;Gazette&lt;/i&gt;</p>"
    assert shown["stored while previewing"] == before
    assert shown["after"] == ["transport", "economy"]
    assert "Headline: <b>Café</b> tax & <i>owners</i>" in str(shown["details"])
    assert text == "2 document(s) added."
    stored = {d.title: d for d in project.documents.all()}
    assert stored["transport"].published == "2026-03-14"
    assert stored["transport"].metadata["date_as_written"] == "14 March 2026"
    assert stored["economy"].source == "<i>Gazette</i>"
    assert stored["economy"].metadata["Headline"] == "<b>Café</b> tax & <i>owners</i>"


def test_a_table_without_a_text_field_asks_for_it(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    project = window.session.project
    before = project.documents.count()
    table = tmp_path / "odd.csv"
    table.write_text("id,story_words\n1,An article whose column has an odd name.\n", "utf-8")
    shown: dict[str, object] = {}

    def on_preview(dialog: ImportPreviewDialog) -> None:
        shown["enabled"] = dialog.import_button.isEnabled()
        shown["problem"] = dialog.problems.text()
        shown["rows"] = dialog.table.rowCount()
        choose(qtbot, dialog.field_boxes["text_field"], "story_words")
        shown["then"] = (dialog.import_button.isEnabled(), dialog.table.rowCount())
        shown["problem then"] = dialog.problems.isVisible()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    text, _more = run_import(qtbot, window, [table], on_preview)

    assert (shown["enabled"], shown["problem"], shown["rows"]) == (
        False,
        "Choose the field that holds the text.",
        0,
    )
    assert shown["then"] == (True, 1) and shown["problem then"] is False
    assert text == "1 document(s) added."
    assert project.documents.count() == before + 1


def test_cancel_in_the_preview_stores_nothing(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    project = window.session.project
    before = project.documents.count()
    page = tmp_path / "buses.html"
    page.write_text(news_page(), encoding="utf-8")

    def on_preview(dialog: ImportPreviewDialog) -> None:
        assert titles_shown(dialog) == ["Council backs night buses"]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    text, _more = run_import(qtbot, window, [page], on_preview)

    assert text is None
    assert project.documents.count() == before
    assert window.statusBar().currentMessage() == "Import cancelled; nothing was imported."


def test_a_damaged_file_is_named_in_the_preview_and_left_out(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    project = window.session.project
    before = project.documents.count()
    whole = word_article(tmp_path / "whole.docx").read_bytes()
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "broken.docx").write_bytes(whole[: len(whole) // 2])
    (folder / "buses.html").write_text(news_page(), encoding="utf-8")
    shown: dict[str, str] = {}

    def on_preview(dialog: ImportPreviewDialog) -> None:
        shown["problems"] = dialog.problems.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    text, more = run_import(qtbot, window, [folder], on_preview)

    assert shown["problems"].startswith("These files cannot be read and will be left out:\n• ")
    assert "broken.docx: not a Word document" in shown["problems"]
    assert text == "1 document(s) added; 1 file(s) could not be read, left out."
    assert f"In {folder}:" in more and "broken.docx: not a Word document" in more
    assert "(left out)" in more
    assert project.documents.count() == before + 1
