"""Small dialogs: preferences (General and Keyboard pages), the annotator's name at first
start, the shortcut sheet (F1)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.assist.engines import ENGINES, default_engine, engine_info
from annotator.gui.keyboard_page import KeyboardPage
from annotator.gui.settings import Settings
from annotator.gui.shortcuts import MOUSE, SHORTCUTS, current_keys, native, native_keys

THEMES = (("System", "system"), ("Light", "light"), ("Dark", "dark"))
NAME_HINT = "Your name is stamped on every annotation you make."


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: #c0392b;")
    label.setWordWrap(True)
    label.hide()
    return label


class PreferencesDialog(QDialog):
    """Edit the user's preferences; OK saves them to the preferences file, Cancel changes nothing.

    ``changed`` fires after a save; ``exec()`` returns Accepted then, too.
    """

    changed = Signal()

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        schema_keys: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Preferences")
        self.keyboard = KeyboardPage(settings.shortcuts, schema_keys)
        self.keyboard.setObjectName("keyboard-page")

        self.name = QLineEdit(settings.annotator_name)
        self.name.setObjectName("annotator-name")
        self.name.setToolTip(NAME_HINT)
        self.snap = QCheckBox("Snap selections to whole words")
        self.snap.setObjectName("snap-to-words")
        self.snap.setChecked(settings.snap_to_words)
        self.snap.setToolTip("Hold Alt while dragging to select without snapping")
        self.spellings = QCheckBox("Linking a mention adds its spelling to the actor's aliases")
        self.spellings.setObjectName("add-linked-spellings")
        self.spellings.setChecked(settings.add_linked_spellings)
        self.spellings.setToolTip(
            "Then the next mention spelled that way is linked when it is tagged, and "
            "Tag all occurrences finds it; Undo takes the alias back with the link"
        )
        self.font_size = QDoubleSpinBox()
        self.font_size.setObjectName("font-size")
        self.font_size.setRange(8.0, 32.0)
        self.font_size.setDecimals(1)
        self.font_size.setSingleStep(1.0)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for text, value in THEMES:
            self.theme.addItem(text, value)
        index = self.theme.findData(settings.theme)
        self.theme.setCurrentIndex(max(index, 0))
        self.engine = QComboBox()
        self.engine.setObjectName("suggestion-engine")
        self.engine.addItem(f"The best installed ({engine_info(default_engine()).title})", "")
        for info in ENGINES:
            missing = "" if info.installed() else f" — needs annotator[{info.needs}]"
            self.engine.addItem(info.title + missing, info.name)
            if not info.installed():  # shown, so that people know what the extra adds
                item = self.engine.model().item(self.engine.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
            self.engine.setItemData(
                self.engine.count() - 1, info.finds, Qt.ItemDataRole.ToolTipRole
            )
        self.engine.setCurrentIndex(max(self.engine.findData(settings.suggestion_engine), 0))
        self.show_suggestions = QCheckBox("Suggest as a document opens, and show the suggestions")
        self.show_suggestions.setObjectName("show-suggestions")
        self.show_suggestions.setChecked(settings.show_suggestions)
        self.error = _error_label()

        general = QWidget()
        general.setObjectName("general-page")
        form = QFormLayout(general)
        form.addRow("Annotator &name:", self.name)
        form.addRow("", self.snap)
        form.addRow("", self.spellings)
        form.addRow("&Font size of the text:", self.font_size)
        form.addRow("&Theme:", self.theme)
        form.addRow("Suggestion &engine:", self.engine)
        form.addRow("", self.show_suggestions)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preferences-tabs")
        self.tabs.addTab(general, "&General")
        self.tabs.addTab(self.keyboard, "&Keyboard")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.textEdited.connect(lambda _text: self.error.hide())
        self.keyboard.conflictsChanged.connect(self._keys_changed)
        self.resize(720, 660)

    def _keys_changed(self) -> None:
        if not self.keyboard.conflicts() and self.error.property("about") == "keys":
            self.error.hide()

    def accept(self) -> None:
        name = " ".join(self.name.text().split())
        if not name:
            self.error.setProperty("about", "name")
            self.error.setText(
                "The annotator name cannot be empty: it is stamped on every annotation."
            )
            self.error.show()
            self.tabs.setCurrentIndex(0)
            self.name.setFocus()
            return
        found = self.keyboard.conflicts()
        if found:
            self.error.setProperty("about", "keys")
            count = len(found)
            self.error.setText(
                f"Not saved: {count} key{'s' if count != 1 else ''} cannot work as bound "
                f"({', '.join(native(c.key) for c in found)}): choose another key, or Reset."
            )
            self.error.show()
            self.tabs.setCurrentWidget(self.keyboard)
            return
        self.settings.annotator_name = name
        self.settings.snap_to_words = self.snap.isChecked()
        self.settings.add_linked_spellings = self.spellings.isChecked()
        self.settings.font_size = float(self.font_size.value())
        self.settings.theme = str(self.theme.currentData())
        self.settings.shortcuts = self.keyboard.overrides()
        self.settings.suggestion_engine = str(self.engine.currentData())
        self.settings.show_suggestions = self.show_suggestions.isChecked()
        self.settings.save()
        self.changed.emit()
        super().accept()


class AnnotatorNameDialog(QDialog):
    """The first-start question: who is annotating? OK stays disabled while the name is empty."""

    def __init__(self, parent: QWidget | None = None, default: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is annotating?")
        question = QLabel(f"Who is annotating? {NAME_HINT}")
        question.setWordWrap(True)
        self.name = QLineEdit(default)
        self.name.setObjectName("annotator-name")
        self.name.setPlaceholderText("Your name")
        self.name.selectAll()  # typing replaces the guess from the login name
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.name)
        layout.addWidget(QLabel("You can change it later in Preferences."))
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.value()))

    def value(self) -> str:
        return " ".join(self.name.text().split())

    def accept(self) -> None:
        if self.value():  # Return in the field must not get past the disabled OK
            super().accept()


def ask_annotator_name(parent: QWidget | None, default: str) -> str | None:
    """Ask for the annotator's name; None if the person cancelled."""
    dialog = AnnotatorNameDialog(parent, default)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value()


class ShortcutSheet(QDialog):
    """Every shortcut in a read-only table: schema hotkeys, reader and window keys, the mouse.

    ``extra`` holds (key, what it does) rows the window builds from the project's schema;
    ``keys`` are the keys in use (the user's bindings, else the defaults). Actions without a
    key are left out.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        extra: list[tuple[str, str]] | None = None,
        keys: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        bound = dict(keys) if keys is not None else current_keys()

        def rows(reader: bool) -> list[tuple[str, str]]:
            return [
                (native_keys(bound[s.action]), s.description)
                for s in SHORTCUTS
                if (s.scope == "reader") == reader and bound.get(s.action)
            ]

        sections: list[tuple[str, list[tuple[str, str]]]] = [
            ("Labels and relations", [(native_keys([k]), text) for k, text in extra or []]),
            ("In the text", rows(reader=True)),
            ("Anywhere in the window", rows(reader=False)),
            ("With the mouse", list(MOUSE)),
        ]
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("shortcut-table")
        self.table.setHorizontalHeaderLabels(["Keys", "What it does"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for title, section in sections:
            if section:
                self._add_section(title, section)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def _add_section(self, title: str, rows: list[tuple[str, str]]) -> None:
        heading = QTableWidgetItem(title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, heading)
        self.table.setSpan(row, 0, 1, 2)
        for keys, text in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
