"""The Keyboard page of Preferences: every action of the shortcut table with its keys, to
rebind (some window managers take Alt+Shift+arrows for themselves).

Choose an action in the list, then press the new key in the Shortcut field (and, if wanted,
a second one in Alternative). A key that two actions share, or that the open project's schema
gives a label or relation, is a conflict: both rows are marked and the conflict is named
below the list, and Preferences does not save until it is resolved.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.shortcuts import (
    SHORTCUTS,
    Conflict,
    by_action,
    conflict_text,
    conflicts,
    current_keys,
    native_keys,
    overrides_of,
    portable,
)

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
SECTIONS = (("reader", "In the text"), ("window", "Anywhere in the window"))


def error_color(widget: QWidget) -> QColor:
    """Red that stays readable on the widget's background, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff7b6b" if dark else "#c0392b")


class KeyboardPage(QWidget):
    """``keys`` are every action's keys as edited so far; ``overrides()`` what to save."""

    conflictsChanged = Signal()

    def __init__(
        self,
        overrides: Mapping[str, list[str]],
        fixed: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.keys: dict[str, tuple[str, ...]] = current_keys(overrides)
        self.fixed = dict(fixed or {})  # the schema's keys: key -> what it does
        self._items: dict[str, QTreeWidgetItem] = {}
        self._loading = False

        self.tree = QTreeWidget()
        self.tree.setObjectName("keyboard-table")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Actions and their keys")
        for scope, title in SECTIONS:
            section = QTreeWidgetItem(self.tree, [title])
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            section.setFirstColumnSpanned(True)
            for spec in SHORTCUTS:
                if spec.scope == scope:
                    item = QTreeWidgetItem(section, [spec.description, ""])
                    item.setData(0, ACTION_ROLE, spec.action)
                    self._items[spec.action] = item
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.action_name = QLabel()
        self.action_name.setObjectName("keyboard-action")
        self.action_name.setTextFormat(Qt.TextFormat.PlainText)
        self.action_name.setWordWrap(True)
        self.primary = self._key_edit("key-edit")
        self.alternative = self._key_edit("key-edit-alternative")
        self.reset = QPushButton("&Reset to default")
        self.reset.setObjectName("reset-key")
        self.reset_all = QPushButton("Reset &all")
        self.reset_all.setObjectName("reset-all-keys")
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("keyboard-conflicts")
        self.conflict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict_label.setWordWrap(True)
        self.conflict_label.hide()

        form = QFormLayout()
        form.addRow("Action:", self.action_name)
        form.addRow("&Shortcut:", self.primary)
        form.addRow("A&lternative:", self.alternative)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset)
        buttons.addWidget(self.reset_all)
        hint = QLabel(
            "Choose an action, then press its new key in the Shortcut field. Keys of labels "
            "and relations are set in the project's schema."
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.conflict_label)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.tree.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.primary.keySequenceChanged.connect(lambda _k: self._edited())
        self.alternative.keySequenceChanged.connect(lambda _k: self._edited())
        self.reset.clicked.connect(self._reset_current)
        self.reset_all.clicked.connect(self._reset_everything)
        self._refresh_rows()
        first = self._items[SHORTCUTS[0].action]
        self.tree.setCurrentItem(first)

    def _key_edit(self, name: str) -> QKeySequenceEdit:
        edit = QKeySequenceEdit()
        edit.setObjectName(name)
        edit.setMaximumSequenceLength(1)  # one key combination, no chords
        edit.setClearButtonEnabled(True)
        return edit

    # -- what is being edited ----------------------------------------------------------------

    def current_action(self) -> str | None:
        item = self.tree.currentItem()
        action = item.data(0, ACTION_ROLE) if item is not None else None
        return action if isinstance(action, str) else None

    def select(self, action: str) -> None:
        self.tree.setCurrentItem(self._items[action])

    def _show_current(self) -> None:
        action = self.current_action()
        enabled = action is not None
        for widget in (self.primary, self.alternative, self.reset):
            widget.setEnabled(enabled)
        self._loading = True
        try:
            keys = self.keys.get(action, ()) if action else ()
            self.action_name.setText(by_action()[action].description if action else "")
            self.primary.setKeySequence(QKeySequence(keys[0] if keys else ""))
            self.alternative.setKeySequence(QKeySequence(keys[1] if len(keys) > 1 else ""))
        finally:
            self._loading = False

    def _edited(self) -> None:
        action = self.current_action()
        if self._loading or action is None:
            return
        typed = [
            edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for edit in (self.primary, self.alternative)
        ]
        self.keys[action] = tuple(dict.fromkeys(k for k in typed if k))
        self._refresh_rows()

    def _reset_current(self) -> None:
        action = self.current_action()
        if action is not None:
            self.keys[action] = by_action()[action].keys
            self._show_current()
            self._refresh_rows()

    def _reset_everything(self) -> None:
        self.keys = current_keys({})
        self._show_current()
        self._refresh_rows()

    # -- conflicts -----------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        return conflicts(self.keys, self.fixed)

    def overrides(self) -> dict[str, list[str]]:
        return overrides_of(self.keys)

    def _refresh_rows(self) -> None:
        found = self.conflicts()
        clashing = {c.key for c in found}
        red = QBrush(error_color(self))
        plain = QBrush()
        warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)  # keeps the rows' texts aligned
        for action, item in self._items.items():
            keys = self.keys.get(action, ())
            item.setText(1, native_keys(keys) if keys else "(none)")
            bad = any(portable(k) in clashing for k in keys)
            for column in (0, 1):
                item.setForeground(column, red if bad else plain)
            item.setIcon(0, warning if bad else QIcon(blank))
            item.setToolTip(0, "A conflict: see below the list" if bad else "")
        if found:
            self.conflict_label.setText(
                "Conflicts, to resolve before saving:\n" + conflict_text(found)
            )
            self.conflict_label.setStyleSheet(f"color: {error_color(self).name()};")
            self.conflict_label.show()
        else:
            self.conflict_label.hide()
        self.conflictsChanged.emit()
