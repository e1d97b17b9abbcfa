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
