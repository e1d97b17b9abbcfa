"""Choosing files to import, running the import in a worker thread, showing what it did."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.reports import ImportReport, ProgressCallback
from annotator.gui.import_preview import ImportPreviewDialog
from annotator.gui.label_map_dialog import choose_label_map, find_unknown_names
from annotator.gui.plain import warn
from annotator.gui.workers import run_with_progress
from annotator.io.common import ReadOptions
from annotator.io.formats import FORMATS, IMPORT_CHOICES, IMPORT_EXTENSIONS, NATIVE
from annotator.io.import_scan import ReadFile
from annotator.io.importing import OnBadFile, import_paths
from annotator.io.preview import ImportPreview, guess_fields, preview_import
from annotator.store.listing import Listing
from annotator.store.project import Project

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ENCODINGS = ("utf-8", "utf-16", "windows-1252", "iso-8859-1", "windows-1251", "iso-8859-2")
#: Warnings listed in the report box itself; the rest go under "Show Details".
SHOWN_WARNINGS = 5
#: The width of the report's text: wide enough for a warning's places on few lines.
REPORT_WIDTH = 560
#: Said under the format box for ``auto`` and after the description of annotation formats.
AUTO_TEXT = "Detect from each file's extension (and, where formats share one, its content)"
ANNOTATIONS_TEXT = (
    "Brings annotations: they are checked against the project's schema, and labels it "
    "does not have can be mapped before the import."
)
FOLDER_TIPS = (
    "Every file with a known extension, in subfolders too",
    "A folder this format reads as one input (and with Detect, any other folder: every file "
    "with a known extension in it)",
)


class ElidedComboBox(QComboBox):
    """A combo box whose closed box ends a text too long for it with "…" instead of cutting
    it off (the open list shows every item whole)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width()
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


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
        self.setWindowTitle("Import articles and annotations")
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

        self.format_box = ElidedComboBox()
        self.format_box.setObjectName("import-format")
        for name in IMPORT_CHOICES:
            text = "detect from each file" if name == "auto" else FORMATS[name].description
            self.format_box.addItem(f"{name} — {text}", name)  # items are plain text
        # long descriptions would make the dialog as wide as the longest: the popup shows them
        self.format_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.format_box.setMinimumContentsLength(40)
        self.description = QLabel()
        self.description.setObjectName("format-description")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)
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
        chosen_format = QVBoxLayout()  # the box, and what the chosen format is under it
        chosen_format.setSpacing(2)
        chosen_format.addWidget(self.format_box)
        chosen_format.addWidget(self.description)
        format_label = QLabel("F&ormat:")
        format_label.setBuddy(self.format_box)
        form.addRow(format_label, chosen_format)
        form.addRow("&Encoding:", self.encoding)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Files and folders to import: articles, or annotations from another tool. "
                "The first documents are shown before anything is written:"
            )
        )
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
        chosen = FORMATS.get(self.format())
        # the annotation readers read UTF-8, as their tools write it
        self.encoding.setEnabled(chosen is None or not chosen.annotations)
        if chosen is None:
            self.description.setText(AUTO_TEXT)
        elif chosen.annotations:
            self.description.setText(f"{chosen.description}. {ANNOTATIONS_TEXT}")
        else:
            self.description.setText(f"{chosen.description}.")
        self.add_folder_button.setToolTip(FOLDER_TIPS[chosen is None or chosen.folders])

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
        """How to read the files (the preview then chooses the fields of tables)."""
        return ReadOptions(encoding=self._encoding())


def run_import(
    parent: QWidget | None,
    project_path: Path,
    annotator: str,
    paths: Iterable[Path | str],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    label_map: dict[str, str] | None = None,
    already_read: ReadFile | None = None,
    on_bad_file: OnBadFile = "skip",
) -> ImportReport | None:
    """Import in a worker thread with a progress dialog: the report, or None if cancelled.

    The worker opens its own connection to the project (SQLite connections belong to the
    thread that made them) and joins the window's lock on it. A file of articles that cannot
    be read is left out whole and named in the report (``on_bad_file``); anything else that
    goes wrong stores nothing, and its ``AnnotatorError`` is raised for the caller to show.
    """
    chosen = [Path(p) for p in paths]

    def work(progress: ProgressCallback) -> ImportReport:
        project = Project.open(
            project_path, annotator=annotator, backup=False, shared_in_process=True
        )
        try:
            return import_paths(
                project,
                chosen,
                fmt,
                options,
                progress,
                label_map=label_map,
                map_hint="window",
                already_read=already_read,
                on_bad_file=on_bad_file,
            )
        finally:
            project.close()

    what = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} files and folders"
    return run_with_progress(parent, "Importing", work, f"Importing {what}…")


def common_folder(paths: Iterable[Path]) -> Path | None:
    """The folder all the chosen files and folders are in (None: only the root is)."""
    folders = [str(p if p.is_dir() else p.parent) for p in paths]
    if not folders:
        return None
    common = Path(os.path.commonpath(folders))
    return common if len(common.parts) > 1 else None


def import_report_box(
    parent: QWidget | None, report: ImportReport, folder: Path | None = None
) -> QMessageBox:
    """The message box :func:`show_import_report` shows (plain text; titles may contain "<").

    ``folder``: where the imported files are; places in it are named from there on (the
    box says so once), so that a warning's five places fit on a few lines.
    """
    prefix = f"{folder}{os.sep}" if folder is not None else None

    def short(text: str) -> str:
        return text.replace(prefix, "") if prefix else text

    box = QMessageBox(parent)
    box.setWindowTitle("Import finished")
    troubled = report.warnings or report.failed
    box.setIcon(QMessageBox.Icon.Warning if troubled else QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(report.summary() + ".")
    failed = [f"{short(f)} (left out)" for f in report.failed]
    listed = failed + [short(w) for w in report.warnings]
    warnings = listed[:SHOWN_WARNINGS]
    more = len(listed) - len(warnings)
    shortened = prefix is not None and any(prefix in w for w in report.warnings + report.failed)
    if warnings:
        box.setInformativeText(
            (f"In {folder}:\n" if shortened else "")
            + "\n".join(f"• {w}" for w in warnings)
            + (f"\n… and {more} more" if more > 0 else "")
        )
    details = listed
    if report.duplicates:
        details.append("Already in the project (same text), not added again:")
        details += [f"  {short(origin)}" for origin in report.duplicates]
    if more > 0 or report.duplicates:
        box.setDetailedText("\n".join(details))
    for label in box.findChildren(QLabel):
        if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.PlainText)  # file names and labels from files
            label.setMinimumWidth(REPORT_WIDTH)  # places are long: wrap them less
    return box


def show_import_report(
    parent: QWidget | None, report: ImportReport, folder: Path | None = None
) -> None:
    import_report_box(parent, report, folder).exec()


def preview_and_choose(
    parent: QWidget | None, paths: list[Path], fmt: str, options: ReadOptions
) -> ReadOptions | None:
    """Read the first documents of the article files among ``paths`` (off the GUI thread) and
    show them; the options to import with (the fields chosen for tables), or None if the user
    cancelled. Without article files (annotations only) there is nothing to show."""

    def first_read(_progress: ProgressCallback) -> tuple[ImportPreview, ReadOptions]:
        # (in the worker: a large folder takes a while to list)
        preview = preview_import(paths, fmt, options)
        if not preview.article_files:
            return preview, options
        guessed = guess_fields(preview.fields, options)
        if guessed != options:  # read again with the fields a table most likely means
            preview = preview_import(paths, fmt, guessed)
        return preview, guessed

    first = run_with_progress(parent, "Preview", first_read, "Reading the first documents…")
    if first is None:
        return None
    preview, guessed = first
    if not preview.article_files:
        return options
    dialog = ImportPreviewDialog(
        preview, guessed, lambda chosen: preview_import(paths, fmt, chosen), parent
    )
    return dialog.options() if dialog.exec() else None


def import_files(window: MainWindow) -> None:
    """File → Import…: choose the files, map the labels the schema lacks, import, report."""
    project = window.session.project
    if project is None:
        return
    dialog = ImportDialog(window)
    if not dialog.exec():
        return
    paths, fmt, who = dialog.paths(), dialog.format(), window.session.annotator_name
    label_map: dict[str, str] = {}
    already_read: ReadFile | None = None  # what the scan for unknown labels read, if kept
    try:
        options = preview_and_choose(window, paths, fmt, dialog.options())
        if options is None:
            window.show_message("Import cancelled; nothing was imported.", 6000)
            return
        if fmt == "auto" or FORMATS[fmt].annotations:
            unknown = find_unknown_names(window, project.path, who, paths, fmt)
            if unknown is None:
                window.show_message("Import cancelled; nothing was imported.", 6000)
                return
            already_read = unknown.read
            if unknown:
                chosen = choose_label_map(window, unknown, project.schema)
                if chosen is None:
                    window.show_message("Import cancelled; nothing was imported.", 6000)
                    return
                label_map = chosen
        report = run_import(window, project.path, who, paths, fmt, options, label_map, already_read)
    except AnnotatorError as exc:
        warn(window, "Nothing was imported", str(exc))
        return
    if report is None:
        window.show_message("Import cancelled; nothing was imported.", 6000)
        return
    window.session.corpus_changed()
    show_import_report(window, report, common_folder(paths))
    if window.session.project is project and window.session.document is None:
        first = next(iter(project.documents.page(Listing(None), 0, 1)), None)
        if first is not None:
            window.open_document(first.id)
