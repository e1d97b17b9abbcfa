"""Before an import of annotation files: what each label and relation type the project's schema
lacks becomes (the window's ``--map OLD=NEW``).

The files are read once in a worker thread (:func:`find_unknown_names`, with progress and
Cancel); if they use names the schema lacks, :class:`LabelMapDialog` offers one row per name
with its count and a choice of the schema's labels (or relation types), "Leave out (report)"
first. The names come from the files: they are shown as plain text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.reports import ProgressCallback
from annotator.core.schema import Schema
from annotator.gui.plain import plain_tooltip
from annotator.gui.workers import run_with_progress
from annotator.io.formats import Unit
from annotator.io.import_scan import UnknownNames, unknown_in_files
from annotator.store.project import Project

#: The first choice of every row: the name is not mapped and its spans are reported.
LEAVE_OUT = "Leave out (report)"
#: A name longer than this (in pixels) is elided in its row; the tooltip has all of it.
NAME_WIDTH = 260
#: Rows offered per section (the most used names); a file with thousands of names is garbage
#: more often than a tag set, and the rest are left out and reported.
MAX_ROWS = 200
SPANS = Unit("span", "spans")
RELATIONS = Unit("relation", "relations")


def shown_name(name: str) -> str:
    """A name as a row shows it: characters that would not show (a line break, a tab, a
    zero-width space) written as ``\\u…``; an empty name as two quotes."""
    if not name:
        return '""'
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name)


class LabelMapDialog(QDialog):
    """One row per unknown label and relation type: its name, how often the files use it, and
    what it becomes. :meth:`label_map` is the choice (names left out are not in it)."""

    def __init__(self, parent: QWidget | None, unknown: UnknownNames, schema: Schema) -> None:
        super().__init__(parent)
        self.setWindowTitle("Map the files' labels")
        self.setObjectName("label-map-dialog")
        self.boxes: dict[tuple[str, str], QComboBox] = {}  # ("label" | "relation", name)

        intro = QLabel(
            "The files use names the project's schema does not have. Choose what each "
            "becomes; what is left out is not imported and is listed after the import."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        rows = QWidget()
        grid = QGridLayout(rows)  # one grid: the choices of both sections line up
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        sections = (
            ("label", "Labels", unknown.labels, SPANS, [x.name for x in schema.labels]),
            (
                "relation",
                "Relation types",
                unknown.relation_types,
                RELATIONS,
                [r.name for r in schema.relations],
            ),
        )
        for kind, heading, counts, unit, targets in sections:
            if counts:
                self._section(grid, kind, heading, counts, unit, targets)
        grid.setRowStretch(grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # as tall as the rows need, up to about half a screen; beyond that it scrolls
        scroll.setMinimumHeight(min(rows.sizeHint().height(), 420))
        scroll.setMinimumWidth(max(rows.sizeHint().width() + 24, 480))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Import")
        ok.setDefault(True)  # Enter in a row's combo box imports
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            first.setFocus()

    def _section(
        self,
        grid: QGridLayout,
        kind: str,
        heading: str,
        counts: Counter[str],
        unit: Unit,
        targets: list[str],
    ) -> None:
        row = grid.rowCount()
        title = QLabel(f"{heading} not in the schema")
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        if row > 0:
            title.setContentsMargins(0, 10, 0, 0)
        grid.addWidget(title, row, 0, 1, 3)
        metrics = QFontMetrics(self.font())
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for name, count in ranked[:MAX_ROWS]:
            row += 1
            shown = metrics.elidedText(shown_name(name), Qt.TextElideMode.ElideMiddle, NAME_WIDTH)
            label = QLabel(shown)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(plain_tooltip(name))
            how_many = QLabel(unit.of(count))
            how_many.setTextFormat(Qt.TextFormat.PlainText)
            how_many.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            how_many.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            choice = QComboBox()
            choice.setObjectName(f"map-{kind}")
            choice.setAccessibleName(f"{heading[:-1]} {name}")
            choice.addItem(LEAVE_OUT, None)
            for target in targets:
                choice.addItem(target, target)  # an item of a combo box is plain text
            grid.addWidget(label, row, 0)
            grid.addWidget(how_many, row, 1)
            grid.addWidget(choice, row, 2)
            self.boxes[(kind, name)] = choice
        if len(ranked) > MAX_ROWS:
            rest = ranked[MAX_ROWS:]
            more = QLabel(
                f"… and {len(rest)} more names ({unit.of(sum(c for _, c in rest))}): left out "
                "and reported (the command line's --map maps any)"
            )
            more.setTextFormat(Qt.TextFormat.PlainText)
            more.setWordWrap(True)
            grid.addWidget(more, row + 1, 0, 1, 3)

    def label_map(self) -> dict[str, str]:
        """Each name mapped to what its row chose; names left out are not in it."""
        mapping: dict[str, str] = {}
        for (_kind, name), box in self.boxes.items():
            target = box.currentData()
            if target is not None:
                mapping.setdefault(name, str(target))
        return mapping

    def choose(self, kind: str, name: str, target: str | None) -> None:
        """Set a row (for scripts and tests; a person uses the combo box)."""
        box = self.boxes[(kind, name)]
        box.setCurrentIndex(max(box.findData(target), 0) if target is not None else 0)


def find_unknown_names(
    parent: QWidget | None,
    project_path: Path,
    annotator: str,
    paths: list[Path],
    fmt: str,
) -> UnknownNames | None:
    """Read the annotation files among ``paths`` in a worker thread (progress and Cancel);
    what the schema lacks, or None if cancelled. A bad file raises its ``InputError``."""

    def work(progress: ProgressCallback) -> UnknownNames:
        project = Project.open(
            project_path, annotator=annotator, backup=False, shared_in_process=True
        )
        try:
            return unknown_in_files(project, paths, fmt, progress=progress)
        finally:
            project.close()

    return run_with_progress(parent, "Reading the labels", work, "Reading the files' labels…")


def choose_label_map(
    parent: QWidget | None, unknown: UnknownNames, schema: Schema
) -> dict[str, str] | None:
    """Ask what each unknown name becomes: the map, or None if the import was cancelled."""
    dialog = LabelMapDialog(parent, unknown, schema)
    if not dialog.exec():
        return None
    return dialog.label_map()
