"""The codebook in the window: the schema editor, the rendered guidelines, their editor."""

from __future__ import annotations

from gui_mouse import drag_select
from gui_wait import when_modal, when_popup
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)

from annotator import Project

TEXT = "The ministry issued a verdict on Monday: the talks are over."
CTRL = Qt.KeyboardModifier.ControlModifier


def open_project_entry(qtbot, window, text: str) -> None:
    """Click Project in the menu bar, then the entry, as a person does with the mouse."""
    bar = window.menuBar()
    (menu_action,) = [a for a in bar.actions() if a.text() == "&Project"]

    def click_entry(menu) -> None:
        (entry,) = [a for a in menu.actions() if a.text() == text]
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())

    when_popup(click_entry)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu_action).center())


def focus_reader(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.reader.setFocus()


def tag_bar(window) -> list[str]:
    return [a.text() for a in window.tagbar.actions()]


def stored(path):
    with Project.open(path, readonly=True) as p:
        return p.schema, p.guidelines


def test_a_label_added_in_the_schema_editor_is_on_the_tag_bar_and_its_key_tags(
    qtbot, make_window, article_project
) -> None:
    path, doc_id = article_project(TEXT)
    window = make_window(path)
    seen: list[str] = []

    def choose_colour(dialog) -> None:
        dialog.setCurrentColor(QColor("#AA3377"))
        dialog.accept()

    def preview(box) -> None:
        seen.append(box.informativeText())
        (apply,) = [b for b in box.buttons() if b.text() == "Apply"]
        qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)

    def edit(dialog) -> None:
        qtbot.mouseClick(dialog.findChild(QPushButton, "add-label"), Qt.MouseButton.LeftButton)
        name = dialog.findChild(QLineEdit, "label-name")
        assert name.selectedText() == "Label 1"  # selected, ready to be typed over
        qtbot.keyClicks(name, "Verdict")
        hotkey = dialog.findChild(QLineEdit, "label-hotkey")
        qtbot.keyClicks(hotkey, "j")  # J is the window's "Next annotation": refused below
        colour = when_modal(choose_colour, QColorDialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "label-color"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: colour.done)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        problem = dialog.findChild(type(dialog.problem), "schema-problem").text()
        seen.append(problem)
        hotkey.selectAll()
        qtbot.keyClicks(hotkey, "v")
        when_modal(preview, QMessageBox)
        qtbot.keyClick(ok, Qt.Key.Key_Space)  # OK with the keyboard this time

    done = when_modal(edit)
    open_project_entry(qtbot, window, "Edit &schema…")
    qtbot.waitUntil(lambda: done.done and QApplication.activeModalWidget() is None, timeout=10000)
    assert "J (label Verdict) is the window's key for “Next annotation”" in seen[0]
    assert "label 'Verdict' added" in seen[1] and "version 1 → 2" in seen[1]

    schema, _ = stored(path)
    verdict = schema.label("Verdict")
    assert (verdict.hotkey, verdict.color, schema.version) == ("V", "#AA3377", 2)
    assert "Verdict (V)" in tag_bar(window)
    assert "Verdict" in window.guidelines.toPlainText()

    focus_reader(qtbot, window)
    start = TEXT.index("a verdict")
    drag_select(window.reader, start, start + len("a verdict"))
    qtbot.keyClick(window.reader, Qt.Key.Key_V)
    with Project.open(path, readonly=True, annotator="Tester") as p:
        (ann,) = p.layer().annotations(doc_id)
        assert (ann.label, ann.text) == ("Verdict", "a verdict")

    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)  # the tag
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)  # the schema change
    schema, _ = stored(path)
    assert schema.version == 1 and schema.label("Verdict") is None
    assert "Verdict (V)" not in tag_bar(window) and "Cue (C)" in tag_bar(window)


HOSTILE = """# Coding rules

Tag *direct* quotes only.

<img src="http://evil.example/x.png">
<script>alert(1)</script>

![logo](http://evil.example/y.png)
"""


def test_the_guidelines_tab_renders_markdown_and_leaves_html_as_text(
    make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    with Project.open(path) as p:
        p.set_guidelines(HOSTILE)
    window = make_window(path)
    view = window.guidelines
    doc = view.document()
    first = doc.firstBlock()
    assert (first.text(), first.blockFormat().headingLevel()) == ("Coding rules", 1)
    emphasis = doc.find("direct")
    assert emphasis.charFormat().fontItalic()
    shown = view.toPlainText()
    assert '<img src="http://evil.example/x.png">' in shown  # as the text it is
    assert "<script>alert(1)</script>" in shown
    assert "[image: http://evil.example/y.png]" in shown
    block, images = doc.begin(), 0
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            images += it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()
    assert images == 0
    assert "Actor  [A]" in shown  # the schema, under them
    assert "speaker [S]: Quote → Actor (required)" in shown


def test_guidelines_edited_in_the_window_are_saved_and_undone(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    previews: list[int] = []

    def edit(dialog) -> None:
        source = dialog.findChild(QPlainTextEdit, "guidelines-source")
        qtbot.keyClicks(source, "# Rules")
        qtbot.keyClick(source, Qt.Key.Key_Return)
        qtbot.keyClick(source, Qt.Key.Key_Return)
        qtbot.keyClicks(source, "Mark **every** demand.")
        preview = dialog.findChild(QPlainTextEdit.__mro__[1], "guidelines-preview")
        qtbot.waitUntil(lambda: preview.document().firstBlock().text() == "Rules")
        previews.append(preview.document().firstBlock().blockFormat().headingLevel())
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    done = when_modal(edit)
    open_project_entry(qtbot, window, "Edit &guidelines…")
    qtbot.waitUntil(lambda: done.done and QApplication.activeModalWidget() is None, timeout=10000)
    assert previews == [1]
    assert stored(path)[1] == "# Rules\n\nMark **every** demand."
    assert window.guidelines.document().firstBlock().text() == "Rules"
    assert window.guidelines.document().find("every").charFormat().fontWeight() > 400
    focus_reader(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert stored(path)[1] == ""


def test_renaming_a_label_and_a_value_in_the_editor_migrates_the_annotations(
    qtbot, make_window, article_project
) -> None:
    path, doc_id = article_project(TEXT)
    with Project.open(path, annotator="Tester") as p:
        quote = p.layer().add_annotation(doc_id, "Quote", [(41, 60)], attributes={"form": "direct"})
    window = make_window(path)
    seen: list[str] = []

    def preview(box) -> None:
        seen.append(box.informativeText())
        (apply,) = [b for b in box.buttons() if b.text() == "Apply"]
        qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)

    def edit(dialog) -> None:
        labels = dialog.findChild(QListWidget, "label-list")
        qtbot.keyClick(labels, Qt.Key.Key_Down)  # Actor → Quote, with the keyboard
        assert labels.currentItem().text() == "Quote  (Q)"
        name = dialog.findChild(QLineEdit, "label-name")
        name.selectAll()
        qtbot.keyClicks(name, "Zitat")
        values = dialog.findChild(QListWidget, "attribute-values")
        first = values.visualItemRect(values.item(0)).center()
        qtbot.mouseClick(values.viewport(), Qt.MouseButton.LeftButton, pos=first)
        qtbot.mouseDClick(values.viewport(), Qt.MouseButton.LeftButton, pos=first)
        editor = values.findChild(QLineEdit)  # "direct", edited in place
        editor.selectAll()
        qtbot.keyClicks(editor, "verbatim")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: values.item(0).text() == "verbatim")  # committed (queued)
        when_modal(preview, QMessageBox)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    done = when_modal(edit)
    open_project_entry(qtbot, window, "Edit &schema…")
    qtbot.waitUntil(lambda: done.done and QApplication.activeModalWidget() is None, timeout=10000)
    assert "label 'Quote' → 'Zitat': 1 annotation" in seen[0]
    assert "Quote.form value 'direct' → 'verbatim': 1 annotation" in seen[0]
    with Project.open(path, readonly=True, annotator="Tester") as p:
        stored_quote = p.layer().annotation(quote.value.id)
        assert (stored_quote.label, stored_quote.attributes) == ("Zitat", {"form": "verbatim"})
        assert p.schema.relation("speaker").source == "Zitat"  # the ends follow the rename
        assert p.check().ok
    assert "Zitat (Q)" in tag_bar(window)


def test_removing_a_label_in_use_is_refused_and_nothing_changes(
    qtbot, make_window, article_project
) -> None:
    path, doc_id = article_project(TEXT)
    with Project.open(path, annotator="Tester") as p:
        p.layer().add_annotation(doc_id, "Actor", [(4, 12)])
    window = make_window(path)
    seen: list[str] = []

    def refused(box) -> None:
        seen.append(box.informativeText())
        box.accept()

    def edit(dialog) -> None:
        labels = dialog.findChild(QListWidget, "label-list")
        labels.setCurrentRow(0)
        qtbot.mouseClick(dialog.findChild(QPushButton, "remove-label"), Qt.MouseButton.LeftButton)
        relations = dialog.findChild(QListWidget, "relation-list")
        for _ in range(relations.count()):  # the relations to Actor go too
            relations.setCurrentRow(0)
            qtbot.mouseClick(
                dialog.findChild(QPushButton, "remove-relation"), Qt.MouseButton.LeftButton
            )
        when_modal(refused, QMessageBox)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        when_modal(lambda again: again.reject())  # back in the editor: Cancel

    done = when_modal(edit)
    open_project_entry(qtbot, window, "Edit &schema…")
    qtbot.waitUntil(lambda: done.done and QApplication.activeModalWidget() is None, timeout=10000)
    assert any("label 'Actor' is removed, but 1 annotation have it" in s for s in seen)
    schema, _ = stored(path)
    assert schema.version == 1 and schema.label("Actor") is not None


def test_ok_without_a_change_installs_nothing(qtbot, make_window, article_project) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)

    def edit(dialog) -> None:
        qtbot.keyClick(dialog.findChild(QListWidget, "label-list"), Qt.Key.Key_Return)

    done = when_modal(edit)
    open_project_entry(qtbot, window, "Edit &schema…")
    qtbot.waitUntil(lambda: done.done and QApplication.activeModalWidget() is None, timeout=10000)
    assert window.status_line.currentMessage() == "The schema is unchanged (version 1)."
    assert stored(path)[0].version == 1
    assert not window.session.undo_stack.canUndo()
