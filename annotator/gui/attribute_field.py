"""One attribute of the annotation editor: a combo box of the schema's values, and for an
editable attribute (a demand's issue) the hint that keeps one issue from being spelled two
ways.

When a typed value is new but close to a known one ("ceasefire" where "cease-fire" is a value
of the schema or in use; core/values.py decides), Enter does not store it at once: a line
below the field asks, with the known value's button focused. Enter (or Space) takes the known
value, Tab then Enter adds the typed one, Escape goes back to the field to edit what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import AttributeSpec
from annotator.core.values import close_value
from annotator.gui.plain import mnemonic_safe, plain_tooltip

_BUTTON_TEXT_MAX = 40
_TEXT_MAX = 200


def _quoted(text: str, limit: int = _BUTTON_TEXT_MAX) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + '…'}”"


class ValueHint(QWidget):
    """'“ceasefire” would be a new value; “cease-fire” is one already.' [Use …] [Add …]"""

    chosen = Signal(str)  # the value to store: the known one or the typed one
    cancelled = Signal()  # Escape: back to the field, the typed text kept

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("value-hint")
        self.typed = self.known = ""
        self.text = QLabel()
        self.text.setObjectName("value-hint-text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.use = QPushButton()
        self.use.setObjectName("use-known-value")
        self.add = QPushButton()
        self.add.setObjectName("add-typed-value")
        for button in (self.use, self.add):
            button.setAutoDefault(True)  # Enter presses the focused button
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.use)
        buttons.addWidget(self.add)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.use.clicked.connect(lambda: self.chosen.emit(self.known))
        self.add.clicked.connect(lambda: self.chosen.emit(self.typed))
        self.hide()

    def ask(self, typed: str, known: str, take_focus: bool) -> None:
        self.typed, self.known = typed, known
        self.text.setText(
            f"{_quoted(typed, _TEXT_MAX)} would be a new value; "
            f"{_quoted(known, _TEXT_MAX)} is one already."
        )
        self.use.setText(mnemonic_safe(f"Use {_quoted(known)}"))
        self.use.setToolTip(plain_tooltip(known))
        self.add.setText(mnemonic_safe(f"Add {_quoted(typed)}"))
        self.add.setToolTip(plain_tooltip(f"Add {typed} as a new value"))
        self.show()
        if take_focus:
            self.use.setFocus(Qt.FocusReason.OtherFocusReason)

    def asking(self, typed: str) -> bool:
        return not self.isHidden() and typed == self.typed

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class AttributeField:
    """One attribute's combo box (the first item, empty, means "unset"), in ``widget`` with
    the hint below it for an editable attribute.

    ``known()`` gives every value the attribute already has: the schema's first, then those in
    use; it is asked only when a typed value is none of the combo box's items.
    """

    def __init__(
        self,
        spec: AttributeSpec,
        commit: Callable[[str, str | None], None],
        known: Callable[[], list[str]] | None = None,
    ) -> None:
        self.spec = spec
        self._commit = commit
        self._known = known or (lambda: list(spec.values))
        self.widget = QWidget()
        self.combo = QComboBox()
        self.combo.setObjectName(f"attribute-{spec.name}")
        self.combo.setToolTip(plain_tooltip(spec.description))
        self.combo.addItem("", None)
        for value in spec.values:
            self.combo.addItem(value, value)
        self.hint = ValueHint()
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.combo)
        layout.addWidget(self.hint)
        if spec.editable:
            self.combo.setEditable(True)
            # We add typed values ourselves (to the annotation, not to the schema's list).
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = self.combo.lineEdit()
            assert line is not None  # an editable combo box has one
            line.setPlaceholderText("type a new value or choose")
            # Enter or leaving the field commits a typed value (NoInsert: no activated signal).
            line.editingFinished.connect(self._chosen)
        self.combo.activated.connect(lambda _i: self._chosen())
        self.hint.chosen.connect(self._take)
        self.hint.cancelled.connect(self._back_to_typing)

    def _chosen(self) -> None:
        line = self.combo.lineEdit()
        if line is None:
            self._commit(self.spec.name, self.combo.currentData())
            return
        typed = self.combo.currentText().strip()
        if self.hint.asking(typed):
            return  # the hint took the focus from the field: it is answering
        line.setModified(False)  # what was typed is now being stored (or asked about)
        exact = Qt.MatchFlag.MatchFixedString | Qt.MatchFlag.MatchCaseSensitive
        if typed and self.combo.findText(typed, exact) < 0:
            meant = close_value(typed, self._known())
            if meant is not None:
                self.hint.ask(typed, meant, take_focus=line.hasFocus())
                return
        self.hint.hide()
        self._commit(self.spec.name, typed or None)

    def _take(self, value: str) -> None:
        self.hint.hide()
        line = self.combo.lineEdit()
        if line is not None:
            line.setText(value)
            line.setModified(False)
            line.setFocus(Qt.FocusReason.OtherFocusReason)
        self._commit(self.spec.name, value)

    def _back_to_typing(self) -> None:
        self.hint.hide()
        line = self.combo.lineEdit()
        if line is not None:
            line.setFocus(Qt.FocusReason.OtherFocusReason)
            line.setModified(True)  # still being typed: a refresh leaves it alone

    def show(self, value: str | None, known: list[str]) -> None:
        line = self.combo.lineEdit()
        if line is not None and line.hasFocus() and line.isModified():
            return  # the user is typing; don't overwrite their text
        focused = QApplication.focusWidget()
        if not self.hint.isHidden() and focused is not None and self.hint.isAncestorOf(focused):
            return  # they are answering the hint
        self.hint.hide()
        with QSignalBlocker(self.combo):
            for extra in known:  # values in use that the schema's list does not have
                if self.combo.findData(extra) < 0:
                    self.combo.addItem(extra, extra)
            index = self.combo.findData(value) if value is not None else 0
            if value is not None and index < 0:
                self.combo.addItem(value, value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)
            if line is not None:
                line.setText(value or "")
                line.setModified(False)
