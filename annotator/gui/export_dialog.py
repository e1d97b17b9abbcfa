"""Choosing an export (format, file, whose annotations, which documents) and writing it in a
worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.reports import ProgressCallback
from annotator.gui.workers import run_with_progress
from annotator.io.exporting import export_project, layer_named
from annotator.io.formats import EXPORT_CHOICES, FORMATS
from annotator.store.project import Project


def format_text(name: str) -> str:
    """How an export format is listed in the dialog: its name and what it writes."""
    return f"{name} — {FORMATS[name].describe(export=True)}"


def _documents(count: int) -> str:
    return f"{count:,} document" if count == 1 else f"{count:,} documents"


#: The documents an export can be of: every one, or those of the Documents dock.
ALL_DOCUMENTS, SELECTED_DOCUMENTS, LISTED_DOCUMENTS = "all", "selected", "listed"


class ExportDialog(QDialog):
    """Format, output file, whose annotations and which documents. The file comes from a save
    dialog (which asks before overwriting) or from :meth:`set_output` in scripts and tests."""

    def __init__(
        self,
        parent: QWidget | None = None,
        suggested: Path | None = None,
        layers: list[str] | None = None,
        chosen: str | None = None,
        selected: list[str] | None = None,
        listed: list[str] | None = None,
    ) -> None:
        """``layers``: the names of the annotators (Gold too) whose layer can be exported
        alone; ``chosen``: the one offered first (None: every layer). ``selected``: the ids of
        the documents selected in the Documents dock; ``listed``: those it shows under its
        filter or search (None: it shows every document, so the choice would be "all")."""
        super().__init__(parent)
        self.setWindowTitle("Export the project")
        self.resize(560, 0)
        self._suggested = suggested
        self._out: Path | None = None

        self.format_box = QComboBox()
        self.format_box.setObjectName("export-format")
        for name in EXPORT_CHOICES:
            self.format_box.addItem(format_text(name), name)
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("export-path")
        self.out_edit.setReadOnly(True)  # typed paths would skip the overwrite question
        self.out_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # and it should not look like a field to type in: the window's colour, not the base's
        self.out_edit.setBackgroundRole(QPalette.ColorRole.Window)
        self.out_edit.setAutoFillBackground(True)
        self.out_edit.setFrame(False)
        self.out_edit.setPlaceholderText("Choose where to write the export")
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setObjectName("choose-output")
        self.layer_box = QComboBox()  # whose annotations: everyone's, or one layer (gold too)
        self.layer_box.setObjectName("export-layer")
        self.layer_box.addItem("Every annotator's (all layers)", None)
        for name in layers or []:
            self.layer_box.addItem(name, name)  # a QComboBox item is plain text
        self.layer_box.setCurrentIndex(max(self.layer_box.findData(chosen), 0))
        self.layer_box.setToolTip(
            "One layer: only that annotator's (or gold's) annotations, relations and statuses"
        )

        row = QHBoxLayout()
        row.addWidget(self.out_edit, 1)
        row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        file_label = QLabel("&File:")  # a row of a layout gets no buddy by itself: "&" showed
        file_label.setBuddy(self.choose_button)
        form.addRow(file_label, row)
        form.addRow("&Annotations:", self.layer_box)
        form.addRow("Documents:", self._documents_choice(selected or [], listed))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.choose_button.clicked.connect(self._choose_output)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._update()

    def _documents_choice(self, selected: list[str], listed: list[str] | None) -> QWidget:
        """Radio buttons: all documents, the selected ones, the listed ones (the default: all);
        one with no documents to offer is disabled and says why."""
        self._chosen_ids = {
            ALL_DOCUMENTS: None,
            SELECTED_DOCUMENTS: list(selected),
            LISTED_DOCUMENTS: None if listed is None else list(listed),
        }
        texts = {
            ALL_DOCUMENTS: "A&ll documents",
            SELECTED_DOCUMENTS: f"The {_documents(len(selected))} &selected in the list"
            if selected
            else "The documents selected in the list (none is selected)",
            LISTED_DOCUMENTS: "The documents the list shows (it shows all: no filter)"
            if listed is None
            else f"The {_documents(len(listed))} the list s&hows (filter)",
        }
        self.documents_group = QButtonGroup(self)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for key, text in texts.items():
            button = QRadioButton(text)  # a button's text is plain text
            button.setObjectName(f"export-{key}-documents")
            ids = self._chosen_ids[key]
            button.setEnabled(key == ALL_DOCUMENTS or bool(ids))
            button.setChecked(key == ALL_DOCUMENTS)
            self.documents_group.addButton(button)
            column.addWidget(button)
        return box

    def documents(self) -> list[str] | None:
        """The ids of the documents chosen (None: every document)."""
        button = self.documents_group.checkedButton()
        if button is None:
            return None
        key = button.objectName().removeprefix("export-").removesuffix("-documents")
        return self._chosen_ids.get(key)

    def _extension(self) -> str:
        return FORMATS[self.format()].extensions[0]

    def _choose_output(self) -> None:
        start = self._out or self._suggested
        start = start.with_suffix(self._extension()) if start is not None else None
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export to",
            str(start) if start else "",
            f"{self.format_box.currentText()} (*{self._extension()});;All files (*)",
        )
        if name:
            path = Path(name)
            self.set_output(path if path.suffix else path.with_suffix(self._extension()))

    def _format_changed(self) -> None:
        # Keep the file's extension in step with the format, if it had one of ours.
        ours = {FORMATS[name].extensions[0] for name in EXPORT_CHOICES}
        if self._out is not None and self._out.suffix in ours:
            self.set_output(self._out.with_suffix(self._extension()))

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self._out is not None)

    def set_output(self, path: Path) -> None:
        self._out = Path(path)
        self.out_edit.setText(str(self._out))
        self._update()

    def set_format(self, name: str) -> None:
        self.format_box.setCurrentIndex(max(self.format_box.findData(name), 0))

    def format(self) -> str:
        return str(self.format_box.currentData())

    def choice(self) -> tuple[str, Path, str | None] | None:
        if self._out is None:
            return None
        layer = self.layer_box.currentData()
        return self.format(), self._out, layer if isinstance(layer, str) else None


def choose_export(
    parent: QWidget | None,
    suggested: Path | None = None,
    layers: list[str] | None = None,
    chosen: str | None = None,
    selected: list[str] | None = None,
    listed: list[str] | None = None,
) -> tuple[str, Path, str | None, list[str] | None] | None:
    """Ask what to export: (format, output file, the annotator whose layer alone or None for
    every layer, the ids of the documents or None for all), or None if cancelled."""
    dialog = ExportDialog(parent, suggested, layers, chosen, selected, listed)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choice = dialog.choice()
    return None if choice is None else (*choice, dialog.documents())


def run_export(
    parent: QWidget | None,
    project_path: Path,
    fmt: str,
    out: Path,
    annotator_name: str | None = None,
    notes: list[str] | None = None,
    documents: list[str] | None = None,
) -> int | None:
    """Write the export in a worker thread: how many items (of what the format's ``counts``
    says) were written, or None if cancelled. ``documents``: the ids of those to export (None:
    every document).

    The worker reads through its own read-only connection, so the window's project stays
    open and usable. A cancelled export leaves no file behind (the writers write to a
    temporary file first). An ``AnnotatorError`` is raised for the caller to show.
    """

    def work(progress: ProgressCallback) -> int:
        project = Project.open(project_path, readonly=True)
        try:
            layer = layer_named(project, annotator_name)
            return export_project(project, fmt, out, layer, progress, notes, documents)
        finally:
            project.close()

    return run_with_progress(parent, "Exporting", work, f"Exporting to {Path(out).name}…")
