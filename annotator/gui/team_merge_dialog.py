"""File → Merge projects…: annotators' files (or native exports) into one review project.

The merge runs in a worker thread behind a progress dialog (per document of every input) that
can be cancelled, leaving the review project as it was. The summary follows; then, if actors
of the same name came in under different ids, a dialog lists the pairs with check boxes and
merges the chosen ones with the registry's own merge (undoable when the review project is the
one open in the window).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.reports import ProgressCallback
from annotator.gui.plain import message_box, plain_tooltip
from annotator.gui.workers import run_with_progress
from annotator.io.team_inputs import open_inputs
from annotator.store.team_merge import SameName, TeamMergeReport, merge_team

INPUT_FILTER = (
    "Project files and native exports (*.annotator *.json *.jsonl);;"
    "Annotator projects (*.annotator);;Native exports (*.json *.jsonl);;All files (*)"
)
REVIEW_FILTER = "Annotator projects (*.annotator);;All files (*)"


class MergeDialog(QDialog):
    """The inputs (project files or native exports) and the review project to merge into."""

    def __init__(self, out: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge projects")
        self.resize(640, 420)
        self.inputs = QListWidget()
        self.inputs.setObjectName("merge-inputs")
        self.inputs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("&Add files…")
        add.setObjectName("merge-add")
        add.clicked.connect(self._choose_inputs)
        remove = QPushButton("&Remove")
        remove.setObjectName("merge-remove")
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.out = QLineEdit(str(out))
        self.out.setObjectName("merge-out")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._choose_out)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        self.open_after = QCheckBox("&Open the review project when the merge is done")
        self.open_after.setObjectName("merge-open-after")
        self.open_after.setChecked(True)
        note = QLabel(
            "Documents match by their text; annotations, relations, statuses and actors by "
            "id. The files are only read. A review project that does not exist is created "
            "with the first file's schema and guidelines."
        )
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        out_label = QLabel("&Review project:")  # a row of widgets takes no buddy from addRow
        out_label.setBuddy(self.out)
        form.addRow(out_label, out_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(QLabel("Annotators' files:"))
        layout.addWidget(self.inputs, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(self.buttons)
        self.inputs.model().rowsInserted.connect(self._update)
        self.inputs.model().rowsRemoved.connect(self._update)
        self.out.textChanged.connect(self._update)
        self._update()

    def add_paths(self, paths: list[Path]) -> None:
        present = set(self.paths())
        for path in paths:
            if path not in present:
                item = QListWidgetItem(str(path))
                item.setToolTip(plain_tooltip(str(path)))
                self.inputs.addItem(item)
                present.add(path)

    def paths(self) -> list[Path]:
        return [Path(self.inputs.item(i).text()) for i in range(self.inputs.count())]

    def out_path(self) -> Path:
        text = self.out.text().strip()
        return Path(text if text.endswith(".annotator") else text + ".annotator")

    def _choose_inputs(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Annotators' files", "", INPUT_FILTER)
        self.add_paths([Path(n) for n in names])

    def _choose_out(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Review project",
            self.out.text(),
            REVIEW_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # merged into, never replaced
        )
        if name:
            self.out.setText(name)

    def _remove_selected(self) -> None:
        for item in self.inputs.selectedItems():
            self.inputs.takeItem(self.inputs.row(item))

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.inputs.count() > 0 and bool(self.out.text().strip()))


def run_merge(
    parent: QWidget | None, out: Path, inputs: list[Path], annotator: str, backup: bool = True
) -> TeamMergeReport | None:
    """Merge in a worker thread: the report, or None when cancelled (nothing written).
    ``backup``: back an existing review project up first (not the window's own open project,
    which the window backs up itself)."""

    def work(progress: ProgressCallback) -> TeamMergeReport:
        return merge_team(
            out,
            lambda: open_inputs(inputs),
            progress=progress,
            annotator=annotator,
            shared_in_process=True,  # the review project may be the one the window has open
            backup=backup,
        )

    return run_with_progress(parent, "Merging", work, f"Merging {len(inputs)} file(s)…")


def show_merge_report(parent: QWidget | None, report: TeamMergeReport) -> None:
    lines = [line for line in report.lines() if not line.startswith("Same name, not merged")]
    box = message_box(parent, QMessageBox.Icon.Information, "Merge finished", lines[0])
    box.setObjectName("merge-summary")
    box.setInformativeText("\n".join(lines[1:]))
    if report.warnings or report.renamed:
        box.setDetailedText("\n".join([*report.warnings, *report.renamed]))
    box.exec()


class SameNameDialog(QDialog):
    """Actors with the same name under different ids: check the pairs that are one actor."""

    def __init__(self, pairs: list[SameName], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Same name, different actors?")
        self.resize(620, 360)
        self.pairs = pairs
        text = QLabel(
            "These actors have the same name but came from different files under different "
            "ids. Check the pairs that are one actor: the second is merged into the first "
            "(its mentions move, its names become aliases). Nothing is merged unless checked."
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("same-name-pairs")
        for pair in pairs:
            ids = f"{pair.keep_id[:8]} ← {pair.other_id[:8]}"
            item = QListWidgetItem(f"{pair.keep_name}  ←  {pair.other_name}    ({ids})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(f"{pair.keep_id} ← {pair.other_id}")
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge the &checked")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Keep them apart")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[SameName]:
        return [
            pair
            for i, pair in enumerate(self.pairs)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
