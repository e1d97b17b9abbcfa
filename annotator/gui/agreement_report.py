"""The agreement report in the window (Review → Agreement report…).

The measures of ``annotator agreement`` (docs/agreement.md), computed in a worker thread
behind a progress dialog, from the project file through a read-only connection of its own.
The heat maps and the per-label chart are drawn by the same code as the HTML report
(io/agreement_charts.py) on matplotlib canvases; tables give the counts behind every figure,
and the documents worst first.

Every cell asks for the units behind it through :attr:`AgreementReport.drill_down`
(document id or "" for all documents, label or "*" for all, the annotators): the review mode
connects to it. Double-clicking a document also opens it in the reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import POOLED
from annotator.core.errors import AnnotatorError
from annotator.core.reports import ProgressCallback
from annotator.gui.plain import warn
from annotator.gui.workers import run_with_progress
from annotator.io.agreement_report import documents_line, label_name, reasons, worst_documents
from annotator.store.annotators import reserved_id

if TYPE_CHECKING:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from annotator.gui.main_window import MainWindow

UNITS = (("token", "Tokens"), ("char", "Characters"))
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def compute_report(
    path: Path, unit: str, annotators: list[str] | None, progress: ProgressCallback
) -> dict[str, Any]:
    """Run in the worker thread: its own read-only connection, opened and closed here."""
    from annotator.core.agreement import compute
    from annotator.store.agreement_input import agreement_input
    from annotator.store.project import Project

    with Project.open(path, readonly=True, backup=False) as project:
        data = agreement_input(project, annotators)
    return compute(data, "char" if unit == "char" else "token", progress)


def _number(value: Any) -> str:
    if value is None:
        return "undefined"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(name: str, headers: list[str], stretch: int | None = None) -> QTableWidget:
    """A read-only table; column ``stretch`` takes the room left (else none does)."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(200)  # thousands of document rows: measure the first
    header.setStretchLastSection(False)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]], data: list[Any]) -> None:
    """Rows of plain-text cells (QTableWidgetItem never reads markup); ``data[r]`` is kept
    in every cell of row r for the drill-down."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(_number(value))
            item.setData(ROW_ROLE, data[r])
            if isinstance(value, int | float) or value is None:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class AgreementReport(QDialog):
    """The report of one project. ``drill_down(document_id, label, annotators)`` fires when a
    figure is chosen; ``document_chosen(document_id)`` when a document row is."""

    drill_down = Signal(str, str, list)
    document_chosen = Signal(str)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreement-report")
        self.setWindowTitle("Agreement report")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.path = path
        self.report: dict[str, Any] | None = None
        self._canvases: list[FigureCanvasQTAgg] = []

        self.summary = QLabel()
        self.summary.setObjectName("agreement-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.unit = QComboBox()
        self.unit.setObjectName("agreement-unit")
        for key, text in UNITS:
            self.unit.addItem(text, key)
        self.unit.setToolTip("What κ counts: tokens (words, punctuation) or characters")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Positions:"))
        top.addWidget(self.unit)

        self.overview = QWidget()
        self.overview_layout = QVBoxLayout(self.overview)
        self.labels = _table(
            "agreement-labels",
            ["Label", "Exact F1", "Matched", "Annotations", "Overlap F1", "Matched", "Fleiss' κ",
             "Positions"],
        )  # fmt: skip
        self.pairs = _table(
            "agreement-pairs",
            ["a", "b", "Label", "Exact F1", "Matched", "Count a", "Count b", "Overlap F1",
             "Matched", "Cohen's κ", "Observed", "Expected", "Positions"],
        )  # fmt: skip
        self.documents = _table(
            "agreement-documents",
            ["Document", "a", "b", "Exact F1", "Matched", "Count a", "Count b", "Overlap F1",
             "Cohen's κ", "Positions"],
            stretch=0,
        )  # fmt: skip
        self.notes = QLabel()
        self.notes.setObjectName("agreement-notes")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overview, "Overview")
        self.tabs.addTab(self.pairs, "Pairs")
        self.tabs.addTab(self.documents, "Documents, worst first")

        self.save = QPushButton("Save as HTML…")
        self.save.setObjectName("agreement-save")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.save.clicked.connect(self.save_html)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.resize(1040, 760)

        self.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pairs.itemDoubleClicked.connect(self._pair_chosen)
        self.documents.itemDoubleClicked.connect(self._document_chosen)
        self.labels.itemDoubleClicked.connect(self._label_chosen)

    # -- computing ---------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Compute the report (off the GUI thread) and show it; False if cancelled or refused
        (the reason shown)."""
        unit = str(self.unit.currentData())
        try:
            report = run_with_progress(
                self,
                "Agreement",
                lambda progress: compute_report(self.path, unit, None, progress),
                "Comparing the annotators…",
            )
        except AnnotatorError as exc:
            warn(self, "Agreement", str(exc))
            return False
        if report is None:
            return False
        self.show_report(report)
        return True

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.summary.setText(
            f"{documents_line(report)}. Every figure is pooled over the documents (micro); "
            "double-click a figure to review the annotations behind it."
        )
        self._draw(report)
        fleiss = {r["label"]: r for r in report["fleiss"]}
        label_rows = []
        for r in report["by_label"]:
            e, o, f = r["exact"], r["overlap"], fleiss[r["label"]]
            label_rows.append(
                [label_name(r["label"]), e["f1"], e["matched"], e["a_count"] + e["b_count"],
                 o["f1"], o["matched"], f["value"], f["positions"]]
            )  # fmt: skip
        _fill(self.labels, label_rows, [r["label"] for r in report["by_label"]])
        pair_rows, pair_data = [], []
        for r in report["pairs"]:
            e, o, k = r["exact"], r["overlap"], r["kappa"]
            pair_rows.append(
                [r["a"], r["b"], label_name(r["label"]), e["f1"], e["matched"], e["a_count"],
                 e["b_count"], o["f1"], o["matched"], k["value"], k["observed"], k["expected"],
                 k["positions"]]
            )  # fmt: skip
            pair_data.append(r)
        _fill(self.pairs, pair_rows, pair_data)
        worst = worst_documents(report)
        doc_rows = [
            [r["title"] or r["document"], r["a"], r["b"], r["exact_f1"], r["matched"],
             r["a_count"], r["b_count"], r["overlap_f1"], r["kappa"], r["positions"]]
            for r in worst
        ]  # fmt: skip
        _fill(self.documents, doc_rows, worst)
        notes = list(reasons(report)) + [f"Warning: {w}" for w in report["warnings"]]
        shown = notes[:6] + ([f"… and {len(notes) - 6} more"] if len(notes) > 6 else [])
        self.notes.setText("Undefined: " + "; ".join(shown) if shown else "")

    # -- charts ------------------------------------------------------------------------------

    def _draw(self, report: dict[str, Any]) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from annotator.io.agreement_charts import draw_labels, draw_matrix, new_figure

        for canvas in self._canvases:
            self.overview_layout.removeWidget(canvas)
            canvas.deleteLater()
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        matrix = new_figure(9.6, 2.6 + 0.3 * len(report["annotators"]))
        draw_matrix(matrix, report, dark=dark)
        bars = new_figure(9.6, 3.2)
        draw_labels(bars, report, dark=dark)
        self._canvases = []
        for name, figure, handler in (
            ("agreement-matrix", matrix, self._matrix_clicked),
            ("agreement-bars", bars, self._bars_clicked),
        ):
            canvas = FigureCanvasQTAgg(figure)
            canvas.setObjectName(name)
            canvas.setStyleSheet("background: transparent")
            canvas.setMinimumHeight(220)
            canvas.mpl_connect("button_press_event", handler)
            self._canvases.append(canvas)
        self.overview_layout.insertWidget(0, self._canvases[0], 3)
        self.overview_layout.insertWidget(1, self._canvases[1], 3)
        if self.overview_layout.indexOf(self.labels) < 0:
            self.overview_layout.addWidget(self.labels, 2)

    def _matrix_clicked(self, event: MouseEvent) -> None:
        """A heat-map cell: the pair behind it, every label, every document."""
        if self.report is None or event.xdata is None or event.ydata is None:
            return
        if event.inaxes is None or event.inaxes.get_label() == "<colorbar>":
            return
        names = self.report["annotators"]
        i, j = round(event.ydata), round(event.xdata)
        if 0 <= i < len(names) and 0 <= j < len(names) and i != j:
            self.drill_down.emit("", POOLED, [names[i], names[j]])

    def _bars_clicked(self, event: MouseEvent) -> None:
        if self.report is None or event.xdata is None:
            return
        labels = [r["label"] for r in self.report["by_label"]]
        k = round(event.xdata)
        if 0 <= k < len(labels):
            self.drill_down.emit("", labels[k], list(self.report["annotators"]))

    # -- tables ------------------------------------------------------------------------------

    def _pair_chosen(self, item: QTableWidgetItem) -> None:
        row = item.data(ROW_ROLE)
        self.drill_down.emit("", row["label"], [row["a"], row["b"]])

    def _label_chosen(self, item: QTableWidgetItem) -> None:
        if self.report is not None:
            self.drill_down.emit("", item.data(ROW_ROLE), list(self.report["annotators"]))

    def _document_chosen(self, item: QTableWidgetItem) -> None:
        row = item.data(ROW_ROLE)
        self.drill_down.emit(row["document"], row["label"], [row["a"], row["b"]])
        self.document_chosen.emit(row["document"])

    # -- saving ------------------------------------------------------------------------------

    def save_html(self) -> None:
        if self.report is None:
            return
        suggested = self.path.with_name(self.path.stem + "-agreement.html")
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the agreement report", str(suggested), "HTML (*.html)"
        )
        if not name:
            return
        from annotator.io.agreement_report import write_report

        try:
            write_report(self.report, "html", Path(name))
        except AnnotatorError as exc:
            warn(self, "Save failed", str(exc))


def open_agreement_report(window: MainWindow) -> AgreementReport | None:
    """Review → Agreement report…: compute and show the report of the window's project."""
    project = window.session.project
    if project is None:
        return None
    dialog = AgreementReport(project.path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.drill_down.connect(
        lambda doc, label, names: review_behind(window, dialog, doc, label, names)
    )
    if not dialog.refresh():
        dialog.deleteLater()
        return None
    dialog.show()
    return dialog


def review_behind(
    window: MainWindow, dialog: AgreementReport, document_id: str, label: str, names: list[str]
) -> bool:
    """Open review mode at the units behind a figure: its document (for a figure over all of
    them, the one where they agreed least), its label, its annotators."""
    project = window.session.project
    if project is None or dialog.report is None:
        return False
    ids = []
    for name in names:
        person = project.annotators.named(name)
        ids.append(person.id if person else reserved_id(name) or "")
    if not all(ids):
        return False
    if not document_id:
        pair = set(names)
        rows = [r for r in worst_documents(dialog.report) if {r["a"], r["b"]} <= pair]
        document_id = rows[0]["document"] if rows else ""
    if not document_id:
        window.show_message("No document that all of them finished has this figure.", 6000)
        return False
    return window.open_review(document_id, ids, None if label == POOLED else label)
