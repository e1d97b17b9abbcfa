"""The review pane: which annotators are compared, the legend, the units list and the
versions of the current unit, with the merge strategies' buttons.

The list shows one row per unit in text order: its state (with a swatch of the state's
colour), its label, what differs and its text. Everything from the project (names, labels,
texts, attribute values) is shown as plain text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Annotation
from annotator.core.units import STATES, Unit
from annotator.gui.plain import plain_tooltip
from annotator.gui.review_lanes import STATE_TEXT, state_color

Index = QModelIndex | QPersistentModelIndex
_SHOWN_CHARS = 70


def shortened(text: str, size: int = _SHOWN_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def state_text(unit: Unit) -> str:
    if unit.outcome is not None and unit.base_state != "agreed":
        return f"{STATE_TEXT[unit.state]} (was {unit.base_state})"
    return STATE_TEXT[unit.state]


def version_text(ann: Annotation, links: dict[str, list[tuple[str, str]]]) -> str:
    """One annotation of a version: label “text” attributes, links."""
    parts = [f"{ann.label} “{shortened(ann.text, 50)}”"]
    parts += [f"{k}={v}" for k, v in sorted(ann.attributes.items()) if v not in (None, "")]
    parts += [f"{kind} → {target}" for kind, target in links.get(ann.id, [])]
    if ann.entity:
        parts.append("linked")
    return " · ".join(parts)


class UnitsModel(QAbstractTableModel):
    COLUMNS = ("State", "Label", "Differs", "Text")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units: list[Unit] = []

    def set_units(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self.units = units
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        unit = self.units[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return state_text(unit)
            if column == 1:
                return " / ".join(unit.labels)
            if column == 2:
                return ", ".join(unit.aspects)
            first = next((a for a in unit.gold + unit.annotations), None)
            return shortened(first.text) if first is not None else ""
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
            return state_color(unit.state, dark)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            first = next((a for a in unit.gold + unit.annotations), None)
            return plain_tooltip(first.text) if first is not None else None
        return None


class ReviewDock(QDockWidget):
    """Signals: ``comparedChanged`` (the checked annotators' ids), ``unitActivated(row)``,
    ``strategyRequested(name)`` ("agreed" or "majority"), ``leaveRequested``."""

    comparedChanged = Signal(object)
    unitActivated = Signal(int)
    strategyRequested = Signal(str)
    leaveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        self.setObjectName("review")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        compared = QLabel("Compared annotators (lane and key):")
        compared.setTextFormat(Qt.TextFormat.PlainText)
        self.selector = QListWidget()
        self.selector.setObjectName("review-annotators")
        self.selector.setMaximumHeight(96)
        self.selector.itemChanged.connect(lambda _item: self._compared_changed())
        layout.addWidget(compared)
        layout.addWidget(self.selector)

        self._swatches: list[tuple[QLabel, str]] = []
        legend = QGridLayout()
        legend.setHorizontalSpacing(6)
        for i, state in enumerate(STATES):
            swatch = QLabel()
            swatch.setFixedSize(14, 8)
            swatch.setObjectName(f"legend-{state}")
            self._swatches.append((swatch, state))
            text = QLabel(STATE_TEXT[state])
            legend.addWidget(swatch, i // 3, (i % 3) * 2)
            legend.addWidget(text, i // 3, (i % 3) * 2 + 1)
        layout.addLayout(legend)
        lanes = QLabel(
            "Under each line: the unit's state, then lane 1, 2, 3… (one per annotator, in the "
            "colour of the label they gave). Gold is highlighted as usual."
        )
        lanes.setWordWrap(True)
        lanes.setForegroundRole(lanes.foregroundRole().PlaceholderText)
        layout.addWidget(lanes)
        self._paint_legend()

        self.summary = QLabel()
        self.summary.setObjectName("review-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.model = UnitsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("review-units")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the reader
        self.view.setColumnWidth(0, 175)
        self.view.setColumnWidth(1, 70)
        self.view.setColumnWidth(2, 90)
        self.view.clicked.connect(lambda index: self.unitActivated.emit(index.row()))
        layout.addWidget(self.view, 1)

        self.details = QLabel()
        self.details.setObjectName("review-versions")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(80)
        layout.addWidget(self.details)
        keys = QLabel(
            "N / P: next / previous disagreement · 1…9: accept that annotator's version · "
            "X: reject · tag keys edit gold"
        )
        keys.setWordWrap(True)
        keys.setForegroundRole(keys.foregroundRole().PlaceholderText)
        layout.addWidget(keys)

        buttons = QHBoxLayout()
        self.accept_agreed = QPushButton("Accept agreed…")
        self.accept_agreed.setObjectName("review-accept-agreed")
        self.accept_majority = QPushButton("Accept majority…")
        self.accept_majority.setObjectName("review-accept-majority")
        self.leave = QPushButton("Leave review")
        self.leave.setObjectName("review-leave")
        self.accept_agreed.clicked.connect(lambda: self.strategyRequested.emit("agreed"))
        self.accept_majority.clicked.connect(lambda: self.strategyRequested.emit("majority"))
        self.leave.clicked.connect(self.leaveRequested.emit)
        for button in (self.accept_agreed, self.accept_majority, self.leave):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._filling = False

    def _paint_legend(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for swatch, state in self._swatches:
            color = state_color(state, dark).name()
            if state == "incomplete":  # hollow, as the lanes paint it
                swatch.setStyleSheet(f"border: 1px solid {color}; background: transparent;")
            elif state == "rejected":
                swatch.setStyleSheet(f"border: 1px dotted {color}; background: transparent;")
            else:
                swatch.setStyleSheet(f"background: {color};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_swatches"):
            self._paint_legend()  # the theme changed: ink is dark on light, light on dark

    def set_annotators(self, people: list[tuple[str, str]], compared: list[str]) -> None:
        """(id, name) of everyone who can be compared; ``compared`` are checked, numbered."""
        self._filling = True
        self.selector.clear()
        order = compared + [pid for pid, _n in people if pid not in compared]
        names = dict(people)
        for pid in order:
            if pid not in names:
                continue
            number = compared.index(pid) + 1 if pid in compared else None
            text = f"{number}  {names[pid]}" if number else f"    {names[pid]}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setData(Qt.ItemDataRole.UserRole + 1, names[pid])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if pid in compared else Qt.CheckState.Unchecked
            )
            self.selector.addItem(item)
        self._filling = False

    def checked(self) -> list[str]:
        found = []
        for row in range(self.selector.count()):
            item = self.selector.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(item.data(Qt.ItemDataRole.UserRole))
        return found

    def _compared_changed(self) -> None:
        if self._filling:
            return
        self._filling = True  # renumber in place: the rows stay where the user clicks
        number = 0
        for row in range(self.selector.count()):
            item = self.selector.item(row)
            name = item.data(Qt.ItemDataRole.UserRole + 1)
            if item.checkState() == Qt.CheckState.Checked and number < 9:
                number += 1
                item.setText(f"{number}  {name}")
            else:
                item.setText(f"    {name}")
        self._filling = False
        self.comparedChanged.emit(self.checked()[:9])

    def set_units(self, units: list[Unit]) -> None:
        self.model.set_units(units)
        open_ = sum(1 for u in units if u.is_disagreement and u.outcome is None)
        reviewed = sum(1 for u in units if u.outcome is not None)
        self.summary.setText(
            f"{len(units)} units: {open_} disagreement(s) to review, {reviewed} reviewed"
        )

    def show_current(self, row: int | None, text: str) -> None:
        if row is None:
            self.view.clearSelection()
        else:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self.details.setText(text)
