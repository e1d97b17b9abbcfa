"""Merge strategies in the window: choose the scope (and the majority's threshold), see the
preview (how many units per label it would accept, read off the GUI thread behind a progress
dialog), then accept them into gold as one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.reports import ProgressCallback
from annotator.gui.plain import mnemonic_safe
from annotator.gui.workers import run_with_progress
from annotator.store.gold import GoldReport, Strategy


class StrategyDialog(QDialog):
    """Scope (this document, the documents listed, all documents) and, for the majority,
    "at least N of n"."""

    def __init__(
        self, parent: QWidget | None, name: str, compared: int, title: str, listed: int = 0
    ) -> None:
        super().__init__(parent)
        self.setObjectName("strategy-dialog")
        self.setWindowTitle(
            "Accept what all agree on" if name == "agreed" else "Accept the majority's version"
        )
        self.name, self.compared = name, compared
        layout = QVBoxLayout(self)
        what = QLabel(
            "Units not reviewed yet where every compared annotator has the same version "
            "(label, fragments, attributes, links) go into gold."
            if name == "agreed"
            else "Units not reviewed yet where enough compared annotators share one version "
            "(and no other version is shared by as many) go into gold."
        )
        what.setWordWrap(True)
        layout.addWidget(what)
        form = QFormLayout()
        self.this_document = QRadioButton(mnemonic_safe(f"This document ({title})"))
        self.this_document.setObjectName("strategy-this-document")
        # a selection: what the documents list shows with its status filter or search
        self.listed = QRadioButton(f"The documents in the list ({listed}: its filter or search)")
        self.listed.setObjectName("strategy-listed")
        self.listed.setEnabled(listed > 0)
        self.corpus = QRadioButton("All documents")
        self.corpus.setObjectName("strategy-corpus")
        self.this_document.setChecked(True)
        scope = QButtonGroup(self)
        box = QVBoxLayout()
        for button in (self.this_document, self.listed, self.corpus):
            scope.addButton(button)
            box.addWidget(button)
        form.addRow("Scope:", box)
        self.at_least = QSpinBox()
        self.at_least.setObjectName("strategy-min")
        self.at_least.setRange(1, max(1, compared))
        self.at_least.setValue(compared // 2 + 1)
        self.at_least.setSuffix(f" of {compared} annotators")
        if name == "majority":
            form.addRow("At least:", self.at_least)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Preview…")
        ok.setObjectName("strategy-preview")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for label in self.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)

    def strategy(self) -> Strategy:
        if self.name == "agreed":
            return Strategy("agreed")
        return Strategy("majority", at_least=self.at_least.value())


def compute_preview(
    parent: QWidget | None,
    path: Path,
    strategy: Strategy,
    documents: list[str] | None,
    annotators: list[str],
) -> GoldReport | None:
    """Read the preview on a read-only connection of its own, in a worker thread (None:
    cancelled)."""
    from annotator.store.gold import Adjudication
    from annotator.store.project import Project

    def work(progress: ProgressCallback) -> GoldReport:
        with Project.open(path, readonly=True) as project:
            return Adjudication(project).preview(strategy, documents, annotators, progress)

    return run_with_progress(parent, "Preview", work, "Reading the units…")


def preview_text(report: GoldReport, strategy: Strategy) -> str:
    name = "agreed" if strategy.name == "agreed" else "majority"
    if not report.total:
        return f"“Accept {name}” finds no unit to accept (reviewed units are left alone)."
    labels = ", ".join(f"{label} {count}" for label, count in sorted(report.units.items()))
    return (
        f"“Accept {name}” would accept {report.total} unit(s) in {len(report.documents)} "
        f"document(s): {labels}. Accept them into gold? (One undo step undoes it all.)"
    )
