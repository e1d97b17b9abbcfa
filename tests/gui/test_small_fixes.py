"""Small things a new user tripped over: labels that showed a literal "&", a read-only field
that looked editable, a placeholder that vanished in the dark theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from annotator.gui.export_dialog import ExportDialog
from annotator.gui.theme import apply_theme


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_export_dialogs_file_label_is_a_mnemonic_not_an_ampersand(qtbot) -> None:
    dialog = ExportDialog(None)
    qtbot.addWidget(dialog)
    form = dialog.findChild(QFormLayout)
    items = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(form.rowCount())]
    labels = [item.widget() for item in items if item is not None]
    file_label = next(x for x in labels if isinstance(x, QLabel) and "File" in x.text())
    assert file_label.buddy() is dialog.choose_button  # Alt+F goes to the Choose button
    assert file_label.text() == "&File:"  # shown as "File:" with F underlined
    # the path field is not one to type in, and does not look like one
    assert dialog.out_edit.isReadOnly() and not dialog.out_edit.hasFrame()
    assert dialog.out_edit.backgroundRole() == QPalette.ColorRole.Window


def test_the_dark_theme_keeps_placeholders_and_disabled_text_readable(qtbot) -> None:
    app = QApplication.instance()
    before = app.palette()
    try:
        apply_theme(app, "dark")
        palette = app.palette()
        base = palette.color(QPalette.ColorRole.Base)
        assert contrast(palette.color(QPalette.ColorRole.PlaceholderText), base) >= 4.5
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        assert contrast(disabled, palette.color(QPalette.ColorRole.Window)) >= 3.0
    finally:
        app.setPalette(before)


def test_the_speaker_list_names_each_actor_once_and_links_the_nearest_mention(
    qtbot, make_window, tmp_path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    from annotator import Project

    text = (
        "Lavrov met Russia's partners. Russia wants talks, Lavrov said. Later Sergei Lavrov "
        "warned: “There will be no pause.”"
    )
    path = tmp_path / "speakers.annotator"
    with Project.create(path, annotator="Tester") as p:
        doc = p.documents.add(text, title="Talks").value
        lavrov = p.registry.add("Sergei Lavrov", type="person", aliases=["Lavrov"]).value
        russia = p.registry.add("Russian Federation", type="state", aliases=["Russia"]).value
        layer = p.layer()
        mentions = {}
        for needle, nth, entity in (
            ("Lavrov", 0, lavrov.id),
            ("Russia", 0, russia.id),
            ("Russia", 1, russia.id),
            ("Lavrov", 1, lavrov.id),
            ("Sergei Lavrov", 0, lavrov.id),
        ):
            start = -1
            for _ in range(nth + 1):
                start = text.index(needle, start + 1)
            ann = layer.add_annotation(
                doc.id, "Actor", [(start, start + len(needle))], entity=entity
            )
            mentions[(needle, nth)] = ann.value.id
        begin = text.index("There")
        quote = layer.add_annotation(doc.id, "Quote", [(begin, text.index("”"))]).value
    window = make_window(path)
    window.session.select(quote.id)
    combo = window.annotations.findChild(QComboBox, "relation-speaker")
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown == ["(none)", "Sergei Lavrov", "Russian Federation"]  # no "Lavrov (at 48)"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    with Project.open(path, readonly=True, annotator="Tester") as p:
        (rel,) = p.layer().relations(doc.id)
    assert rel.type == "speaker"
    assert rel.target == mentions[("Sergei Lavrov", 0)]  # the mention next to the quote


def test_a_quote_selected_across_two_paragraphs_becomes_two_fragments(
    qtbot, make_window, article_project
) -> None:
    from gui_mouse import drag_select
    from PySide6.QtCore import Qt

    from annotator import Project

    text = "“We will not give up,” Karamov said.\n\n“Not a single village.”"
    path, doc_id = article_project(text)
    window = make_window(path)
    drag_select(window.reader, text.index("We"), text.index("village") + len("village."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    with Project.open(path, readonly=True, annotator="Tester") as p:
        (quote,) = p.layer().annotations(doc_id)
    assert [f.text for f in quote.fragments] == [
        "We will not give up,” Karamov said.",
        "“Not a single village.",
    ]
    assert "2 fragments" in window.status_line.currentMessage()


def test_the_dark_theme_shows_the_edge_of_a_check_box(qtbot, make_window) -> None:
    from PySide6.QtWidgets import QStyle, QStyleFactory, QStyleOptionButton

    app = QApplication.instance()
    style_name, palette = app.style().name(), app.palette()
    window = make_window()
    try:
        apply_theme(app, "dark")
        window.problems.show()
        window.problems.raise_()
        box = window.problems.only_document
        qtbot.waitUntil(box.isVisible)
        around = app.palette().color(QPalette.ColorRole.Window)
        qtbot.waitUntil(lambda: box.palette().color(QPalette.ColorRole.Window) == around)
        assert box.text() == "This document only"
        option = QStyleOptionButton()
        box.initStyleOption(option)
        edge = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        middle = edge.center().y()
        # the box's left edge, a pixel or two in: as visible as a control's edge must be (3:1)
        edges = [QColor(image.pixel(x, middle)) for x in range(edge.left(), edge.left() + 3)]
        assert max(contrast(c, around) for c in edges) >= 3.0
    finally:
        app.setStyle(QStyleFactory.create(style_name))
        app.setPalette(palette)
