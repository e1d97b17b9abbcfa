"""The import's preview: the first documents as they will be stored, before anything is
written, and for tables (CSV, JSONL, JSON) which field holds the text, title, source, url and
date, chosen from the fields the file has."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.plain import plain_tooltip
from annotator.gui.workers import run_with_progress
from annotator.io.common import ReadOptions
from annotator.io.preview import ImportPreview, PreviewDocument

#: The fields of a table the preview lets the user choose: (ReadOptions attribute, label).
MAPPED_FIELDS = (
    ("text_field", "&Text:"),
    ("title_field", "T&itle:"),
    ("source_field", "&Source:"),
    ("url_field", "&URL:"),
    ("published_field", "&Date:"),
)
#: The entry of an optional field's box that reads nothing into it.
NO_FIELD = "(none)"
COLUMNS = ("Title", "Source", "Date", "Length", "Text")
#: How many problems the preview lists (the summary after the import lists all).
SHOWN_PROBLEMS = 5


def _metadata_value(value: Any) -> str:
    return " ".join(str(value).split())


def document_details(doc: PreviewDocument) -> str:
    """What the details pane says of one document (plain text)."""
    lines = [
        doc.title or "(no title)",
        f"From: {doc.origin}",
        f"Source: {doc.source or '—'}    Date: {doc.published or '—'}    "
        f"{doc.characters:,} characters",
        "",
        doc.text_start,
    ]
    if doc.metadata:
        lines += ["", "Metadata:"]
        lines += [f"  {key}: {_metadata_value(value)}" for key, value in doc.metadata.items()]
    return "\n".join(lines)


class ImportPreviewDialog(QDialog):
    """Shows an :class:`ImportPreview`; a change of the field mapping reads the preview
    again (``compute``, off the GUI thread). :meth:`options` is the mapping chosen."""

    def __init__(
        self,
        preview: ImportPreview,
        options: ReadOptions,
        compute: Callable[[ReadOptions], ImportPreview],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preview of the import")
        self.resize(960, 620)
        self._compute = compute
        self._options = options
        self._fields = list(preview.fields)
        self.preview = preview

        self.intro = QLabel()
        self.intro.setObjectName("preview-intro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)

        self.mapping = QGroupBox("Fields of the table")
        self.mapping.setObjectName("field-mapping")
        grid = QGridLayout(self.mapping)  # three fields a row: the table below gets the room
        self.field_boxes: dict[str, QComboBox] = {}
        for number, (attribute, label) in enumerate(MAPPED_FIELDS):
            box = QComboBox()
            box.setObjectName(f"field-{attribute.removesuffix('_field')}")
            box.setMinimumContentsLength(16)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.field_boxes[attribute] = box
            name = QLabel(label)
            name.setBuddy(box)
            row, column = divmod(number, 3)
            grid.addWidget(name, row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
            grid.setColumnStretch(column * 2 + 1, 1)
        rest = QLabel("Every other field goes to the document's metadata.")
        rest.setTextFormat(Qt.TextFormat.PlainText)
        rest.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(rest, 1, 4, 1, 2)
        self.mapping.setVisible(bool(preview.tables))

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("preview-documents")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit()
        self.details.setObjectName("preview-details")
        self.details.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([300, 200])

        self.problems = QLabel()
        self.problems.setObjectName("preview-problems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c0392b;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.mapping)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self._fill_field_boxes()
        for box in self.field_boxes.values():
            box.currentIndexChanged.connect(self._mapping_changed)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show_details(row))
        self._show(preview)

    # -- the mapping ------------------------------------------------------------------------

    def _fill_field_boxes(self) -> None:
        for attribute, box in self.field_boxes.items():
            box.blockSignals(True)
            box.clear()
            current = getattr(self._options, attribute)
            if attribute != "text_field":
                box.addItem(NO_FIELD, "")
            elif current not in self._fields:
                box.addItem("(choose the field that holds the text)", "")
            for name in self._fields:
                box.addItem(name, name)  # items are plain text
            box.setCurrentIndex(max(box.findData(current if current in self._fields else ""), 0))
            box.blockSignals(False)

    def options(self) -> ReadOptions:
        """The options the import reads with: the dialog's fields for tables."""
        if not self.preview.tables:
            return self._options
        chosen = {a: str(box.currentData() or "") for a, box in self.field_boxes.items()}
        return dataclasses.replace(self._options, **chosen)

    def _mapping_changed(self) -> None:
        options = self.options()
        if options.text_field == "":
            self._show(dataclasses.replace(self.preview, documents=[]))
            return
        try:
            preview = run_with_progress(
                self, "Preview", lambda _progress: self._compute(options), "Reading the files…"
            )
        except AnnotatorError as exc:
            self.problems.setText(str(exc))
            return
        if preview is None:  # cancelled: the preview shown stays
            return
        self._options = options
        self._show(preview)

    # -- what is shown ----------------------------------------------------------------------

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        docs = preview.documents
        files = preview.article_files
        if docs:
            first = "The first document" if len(docs) == 1 else f"The first {len(docs)} documents"
            intro = f"{first} of {files} file(s) of articles, as they will be stored."
        else:
            intro = f"No document found in the first of {files} file(s) of articles."
        if preview.annotation_files:
            intro += (
                f" {preview.annotation_files} file(s) of annotations are checked against "
                "the schema when you import."
            )
        if preview.tables > 1:
            intro += f" The fields chosen apply to all {preview.tables} tables."
        self.intro.setText(intro + " Nothing is written until you press Import.")
        self.table.setRowCount(len(docs))
        for row, doc in enumerate(docs):
            cells = (
                doc.title or "(no title)",
                doc.source or "",
                doc.published or "",
                f"{doc.characters:,}",
                doc.text_start,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # plain text, always
                item.setToolTip(plain_tooltip(doc.origin if column == 0 else text))
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS) - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        if docs:
            self.table.selectRow(0)
        self._show_details(0 if docs else -1)
        self._show_problems(preview)
        self.import_button.setEnabled(bool(docs or preview.annotation_files))

    def _show_details(self, row: int) -> None:
        docs = self.preview.documents
        self.details.setPlainText(document_details(docs[row]) if 0 <= row < len(docs) else "")

    def _show_problems(self, preview: ImportPreview) -> None:
        lines: list[str] = []
        if preview.tables and self.options().text_field == "":
            lines.append("Choose the field that holds the text.")
        elif preview.problems:
            lines.append("These files cannot be read and will be left out:")
            lines += [f"• {p}" for p in preview.problems[:SHOWN_PROBLEMS]]
            more = len(preview.problems) - SHOWN_PROBLEMS
            if more > 0:
                lines.append(f"… and {more} more")
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
