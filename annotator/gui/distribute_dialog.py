"""File → Distribute…: hand the open project's documents out to annotators (docs/team.md).

The dialog asks for names, the overlap, a folder, the seed and whether the files are blind,
and previews the split as it is typed; the distribution runs in a worker thread (with its own
connection, joining the window's lock) behind a progress dialog that can be cancelled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.distribution import DEFAULT_SEED, check_names, overlap_count
from annotator.core.errors import AnnotatorError
from annotator.core.reports import ProgressCallback
from annotator.gui.plain import message_box
from annotator.gui.workers import run_with_progress
from annotator.store.annotators import RESERVED
from annotator.store.distribute import DistributeReport, distribute
from annotator.store.project import Project


class DistributeDialog(QDialog):
    """Names, overlap, folder, seed, blind, replace: what ``annotator distribute`` asks."""

    def __init__(self, documents: int, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Distribute documents")
        self.documents = documents
        self.names = QLineEdit()
        self.names.setObjectName("distribute-names")
        self.names.setPlaceholderText("ana, ben, cem")
        self.overlap = QDoubleSpinBox()
        self.overlap.setObjectName("distribute-overlap")
        self.overlap.setRange(0, 100)
        self.overlap.setDecimals(0)
        self.overlap.setSuffix(" %")
        self.overlap.setValue(20)
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("distribute-folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.seed = QSpinBox()
        self.seed.setObjectName("distribute-seed")
        self.seed.setRange(0, 2_000_000_000)
        self.seed.setValue(DEFAULT_SEED)
        self.seed.setToolTip("The same seed gives the same split")
        self.blind = QCheckBox("&Blind: annotators do not see each other's layers")
        self.blind.setObjectName("distribute-blind")
        self.force = QCheckBox("&Replace files of these names in the folder")
        self.force.setObjectName("distribute-force")
        self.preview = QLabel()
        self.preview.setObjectName("distribute-preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        note = QLabel(
            "Each annotator gets a new project file with the schema, the guidelines and the "
            "actor registry, and only their documents. Your own annotations are not copied."
        )
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("&Annotators:", self.names)
        form.addRow("&Overlap:", self.overlap)
        folder_label = QLabel("&Folder:")  # a row of widgets takes no buddy from addRow
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("&Seed:", self.seed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Distribute")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.blind)
        layout.addWidget(self.force)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.names.textChanged.connect(self._update)
        self.overlap.valueChanged.connect(self._update)
        self.resize(560, self.sizeHint().height())
        self._update()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the files", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def chosen_names(self) -> list[str]:
        return [n.strip() for n in self.names.text().split(",") if n.strip()]

    def _update(self) -> None:
        """Say what the split will be, or why it cannot be made; Distribute only when it can."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        names = self.chosen_names()
        try:
            check_names(names, reserved=list(RESERVED.values()))
        except AnnotatorError as exc:
            self.preview.setText(str(exc) if self.names.text().strip() else "Type the names.")
            ok.setEnabled(False)
            return
        shared = overlap_count(self.documents, self.overlap.value())
        rest = self.documents - shared
        low, high = rest // len(names), -(-rest // len(names))
        each = f"{low}" if low == high else f"{low} or {high}"
        self.preview.setText(
            f"{self.documents} documents: {shared} for everyone (the overlap sample, rounded), "
            f"then {each} more each — {len(names)} file(s): "
            + ", ".join(f"{n}.annotator" for n in names)
        )
        ok.setEnabled(True)


def run_distribution(
    parent: QWidget | None, dialog: DistributeDialog, project_path: Path
) -> DistributeReport | None:
    """Distribute in a worker thread: the report, or None when cancelled (nothing written)."""
    names = dialog.chosen_names()
    folder = Path(dialog.folder.text().strip())
    overlap, seed = dialog.overlap.value(), dialog.seed.value()
    blind, force = dialog.blind.isChecked(), dialog.force.isChecked()

    def work(progress: ProgressCallback) -> DistributeReport:
        folder.mkdir(parents=True, exist_ok=True)
        with Project.open(project_path, backup=False, shared_in_process=True) as lead:
            return distribute(
                lead,
                names,
                folder,
                overlap=overlap,
                seed=seed,
                blind=blind,
                force=force,
                progress=progress,
            )

    return run_with_progress(parent, "Distributing", work, "Writing the annotators' files…")


def show_distribution(parent: QWidget | None, report: DistributeReport) -> None:
    from PySide6.QtWidgets import QMessageBox

    lines = report.summary()
    box = message_box(parent, QMessageBox.Icon.Information, "Documents distributed", lines[0])
    box.setInformativeText("\n".join(line.strip() for line in lines[1:]))
    box.exec()
