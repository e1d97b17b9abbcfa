"""Choosing files to import, running the import in a worker thread, showing what it did."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.reports import ImportReport, ProgressCallback
from annotator.gui.workers import run_with_progress
from annotator.io.common import ReadOptions
from annotator.io.formats import FORMATS, IMPORT_CHOICES, IMPORT_EXTENSIONS, NATIVE
from annotator.io.importing import import_paths
from annotator.store.project import Project

#: Formats whose records name their fields (the text and title field boxes apply to them).
FIELD_FORMATS = ("auto", *(name for name, f in FORMATS.items() if f.named_fields))
ENCODINGS = ("utf-8", "utf-16", "windows-1252", "iso-8859-1", "windows-1251", "iso-8859-2")
#: Warnings listed in the report box itself; the rest go under "Show Details".
SHOWN_WARNINGS = 5


def _file_filter() -> str:
    everything = sorted(f"*{e}" for e in IMPORT_EXTENSIONS)
    parts = [f"Articles ({' '.join(everything)})"]
    for name, fmt in FORMATS.items():
        if fmt.can_import and name != NATIVE:
            parts.append(f"{fmt.description} ({' '.join('*' + e for e in fmt.extensions)})")
    parts.append("All files (*)")
    return ";;".join(parts)


class ImportDialog(QDialog):
    """Files and folders to import, their format and, for tabular input, which fields to read.

    The file dialogs only feed :meth:`add_paths`, which scripts and tests call directly.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import articles")
        self.resize(640, 480)

        self.path_list = QListWidget()
        self.path_list.setObjectName("import-paths")
        self.path_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_files_button = QPushButton("Add &files…")
        self.add_files_button.setObjectName("add-files")
        self.add_folder_button = QPushButton("Add f&older…")
        self.add_folder_button.setObjectName("add-folder")
        self.add_folder_button.setToolTip("Every file with a known extension, in subfolders too")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("remove-paths")
        row = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)

        self.format_box = QComboBox()
        self.format_box.setObjectName("import-format")
        for name in IMPORT_CHOICES:
            text = (
                "Detect from each file's extension" if name == "auto" else FORMATS[name].description
            )
            self.format_box.addItem(f"{name} — {text}", name)
        self.text_field = QLineEdit()
        self.text_field.setObjectName("text-field")
        self.text_field.setPlaceholderText(ReadOptions.text_field)
        self.title_field = QLineEdit()
        self.title_field.setObjectName("title-field")
        self.title_field.setPlaceholderText(ReadOptions.title_field)
        self.encoding = QComboBox()
        self.encoding.setObjectName("encoding")
        self.encoding.setEditable(True)
        self.encoding.addItems(["", *ENCODINGS])
        editor = self.encoding.lineEdit()
        if editor is not None:  # always, for an editable combo box
            editor.setPlaceholderText("detect automatically")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow("F&ormat:", self.format_box)
        form.addRow("&Text field (JSON, CSV):", self.text_field)
        form.addRow("T&itle field (JSON, CSV):", self.title_field)
        form.addRow("&Encoding:", self.encoding)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Files and folders to import (all in one go, or nothing):"))
        layout.addWidget(self.path_list, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.format_box.currentIndexChanged.connect(self._update)
        self.path_list.itemSelectionChanged.connect(self._update)
        self.encoding.currentTextChanged.connect(lambda _t: self.error.hide())
        self._update()

    # -- choosing ---------------------------------------------------------------------------

    def add_paths(self, paths: Iterable[Path | str]) -> None:
        known = set(self.paths())
        for path in map(Path, paths):
            if path not in known:
                known.add(path)
                self.path_list.addItem(str(path))
        self._update()

    def _start_folder(self) -> str:
        chosen = self.paths()
        if not chosen:
            return ""
        return str(chosen[-1] if chosen[-1].is_dir() else chosen[-1].parent)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Add files to import", self._start_folder(), _file_filter()
        )
        self.add_paths(names)

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, "Add a folder to import", self._start_folder()
        )
        if name:
            self.add_paths([name])

    def _remove_selected(self) -> None:
        for item in self.path_list.selectedItems():
            self.path_list.takeItem(self.path_list.row(item))
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.path_list.count() > 0
        )
        self.remove_button.setEnabled(bool(self.path_list.selectedItems()))
        fields = self.format() in FIELD_FORMATS
        self.text_field.setEnabled(fields)
        self.title_field.setEnabled(fields)

    def accept(self) -> None:
        if not self.paths():
            return
        encoding = self._encoding()
        if encoding is not None:
            try:
                codecs.lookup(encoding)
            except LookupError:
                self.error.setText(f"Unknown encoding {encoding!r}; leave it empty to detect it.")
                self.error.show()
                self.encoding.setFocus()
                return
        super().accept()

    # -- the choice -------------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return [Path(self.path_list.item(i).text()) for i in range(self.path_list.count())]

    def format(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, name: str) -> None:
        self.format_box.setCurrentIndex(max(self.format_box.findData(name), 0))

    def _encoding(self) -> str | None:
        return self.encoding.currentText().strip() or None

    def options(self) -> ReadOptions:
        return ReadOptions(
            text_field=self.text_field.text().strip() or ReadOptions.text_field,
            title_field=self.title_field.text().strip() or ReadOptions.title_field,
            encoding=self._encoding(),
        )


def run_import(
    parent: QWidget | None,
    project_path: Path,
    annotator: str,
    paths: Iterable[Path | str],
    fmt: str = "auto",
    options: ReadOptions | None = None,
) -> ImportReport | None:
    """Import in a worker thread with a progress dialog: the report, or None if cancelled.

    The worker opens its own connection to the project (SQLite connections belong to the
    thread that made them) and joins the window's lock on it. Nothing is stored unless the
    whole import succeeds. An ``AnnotatorError`` (a bad file…) is raised for the caller to show.
    """
    chosen = [Path(p) for p in paths]

    def work(progress: ProgressCallback) -> ImportReport:
        project = Project.open(
            project_path, annotator=annotator, backup=False, shared_in_process=True
        )
        try:
            return import_paths(project, chosen, fmt, options, progress)
        finally:
            project.close()

    what = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} files and folders"
    return run_with_progress(parent, "Importing", work, f"Importing {what}…")


def import_report_box(parent: QWidget | None, report: ImportReport) -> QMessageBox:
    """The message box :func:`show_import_report` shows (plain text; titles may contain "<")."""
    box = QMessageBox(parent)
    box.setWindowTitle("Import finished")
    box.setIcon(QMessageBox.Icon.Warning if report.warnings else QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(report.summary() + ".")
    warnings = report.warnings[:SHOWN_WARNINGS]
    more = len(report.warnings) - len(warnings)
    if warnings:
        box.setInformativeText(
            "\n".join(f"• {w}" for w in warnings) + (f"\n… and {more} more" if more > 0 else "")
        )
    details = list(report.warnings)
    if report.duplicates:
        details.append("Already in the project (same text), skipped:")
        details += [f"  {origin}" for origin in report.duplicates]
    if more > 0 or report.duplicates:
        box.setDetailedText("\n".join(details))
    return box


def show_import_report(parent: QWidget | None, report: ImportReport) -> None:
    import_report_box(parent, report).exec()
