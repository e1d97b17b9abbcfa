"""The Labels page of the schema editor: each label's name, colour, hotkey, description,
link to the registry and role, and its attributes with their values.

The page edits plain dicts (the schema's JSON, see docs/schemas.md); ``_was`` holds the name a
label had when the editor opened (None for a new one), so that a renamed label becomes a
migration, and each value in the list remembers the value it was, for the same reason.
Everything a schema says is shown as plain text.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import LABEL_ROLES
from annotator.gui.widgets import swatch

ORIGINAL = Qt.ItemDataRole.UserRole  # a value item's value when the editor opened
#: A hotkey is one capital letter or digit (the schema's rule); typed lower case, shown upper.
HOTKEY_PATTERN = "[A-Za-z0-9]"


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with an object name (tests and style sheets find it by that name)."""
    widget.setObjectName(name)
    return widget


def hotkey_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setMaxLength(1)
    field.setMaximumWidth(48)
    field.setValidator(QRegularExpressionValidator(HOTKEY_PATTERN))
    field.textEdited.connect(lambda text: field.setText(text.upper()))
    return field


def item_list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return widget


def buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def button(text: str, name: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAutoDefault(False)
    return b


class LabelsPage(QWidget):
    """The labels, one at a time in the form on the right."""

    def __init__(
        self,
        labels: list[dict[str, Any]],
        relations: list[dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.labels, self.relations = labels, relations
        self._loading = False
        self.list = item_list("label-list")
        self.add_button = button("&Add label", "add-label")
        self.remove_button = button("Remove", "remove-label")
        self.up_button = button("Up", "label-up")
        self.down_button = button("Down", "label-down")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons_row(self.add_button, self.remove_button))
        left.addLayout(buttons_row(self.up_button, self.down_button))

        self.name = named(QLineEdit(), "label-name")
        self.color = button("", "label-color")
        self.hotkey = hotkey_field("label-hotkey")
        self.description = named(QPlainTextEdit(), "label-description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(80)
        self.entity = named(QCheckBox("Mentions link to the actor registry"), "label-entity")
        self.role = named(QComboBox(), "label-role")
        self.role.addItem("(none)", None)
        for role in LABEL_ROLES:
            self.role.addItem(role, role)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Colour", self.color)
        form.addRow("&Hotkey", self.hotkey)
        form.addRow("&Description", self.description)
        form.addRow("", self.entity)
        form.addRow("&Role", self.role)
        self.attributes = AttributesBox(self)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.attributes, 1)
        self.form = QWidget()
        self.form.setLayout(right)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.form, 5)

        self.list.currentRowChanged.connect(self._show)
        self.add_button.clicked.connect(self.add_label)
        self.remove_button.clicked.connect(self.remove_label)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.name.textEdited.connect(self._rename)
        self.hotkey.textChanged.connect(lambda t: self._set("hotkey", t.upper() or None))
        self.description.textChanged.connect(
            lambda: self._set("description", self.description.toPlainText() or None)
        )
        self.entity.toggled.connect(lambda on: self._set("entity", on or None))
        self.role.currentIndexChanged.connect(lambda _i: self._set("role", self.role.currentData()))
        self.color.clicked.connect(self.choose_color)
        for _label in labels:
            self.list.addItem(QListWidgetItem())
        self._refresh_items()
        self.list.setCurrentRow(0)

    # -- the list ---------------------------------------------------------------------------

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.labels[row] if 0 <= row < len(self.labels) else None

    def _refresh_items(self) -> None:
        for row, label in enumerate(self.labels):
            item = self.list.item(row)
            key = f"  ({label['hotkey']})" if label.get("hotkey") else ""
            item.setText(f"{label.get('name', '')}{key}")
            item.setIcon(swatch(label.get("color", "#888888")))

    def add_label(self) -> None:
        taken = {x.get("name") for x in self.labels}
        name = next(f"Label {n}" for n in range(1, 1000) if f"Label {n}" not in taken)
        self.labels.append({"name": name, "color": "#888888", "_was": None})
        self.list.addItem(QListWidgetItem())
        self._refresh_items()
        self.list.setCurrentRow(len(self.labels) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_label(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.labels) and len(self.labels) > 1:
            del self.labels[row]
            self.list.takeItem(row)
            self._refresh_items()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.labels) and 0 <= target < len(self.labels):
            self.labels[row], self.labels[target] = self.labels[target], self.labels[row]
            self._refresh_items()
            self.list.setCurrentRow(target)

    # -- the form ---------------------------------------------------------------------------

    def _show(self, _row: int) -> None:
        label = self.current()
        self.form.setEnabled(label is not None)
        if label is None:
            return
        self._loading = True
        try:
            self.name.setText(label.get("name", ""))
            self.hotkey.setText(label.get("hotkey") or "")
            self.description.setPlainText(label.get("description") or "")
            self.entity.setChecked(bool(label.get("entity")))
            self.role.setCurrentIndex(max(0, self.role.findData(label.get("role"))))
            self._show_color(label.get("color", "#888888"))
            self.attributes.show_label(label)
        finally:
            self._loading = False

    def _show_color(self, color: str) -> None:
        self.color.setIcon(swatch(color, 18))
        self.color.setText(color)

    def _set(self, key: str, value: Any) -> None:
        label = self.current()
        if self._loading or label is None:
            return
        if value is None or value == "":
            label.pop(key, None)
        else:
            label[key] = value
        self._refresh_items()

    def _rename(self, name: str) -> None:
        """A label's new name; the relations that start or end at it follow."""
        label = self.current()
        if self._loading or label is None:
            return
        old = label.get("name")
        for relation in self.relations:
            for end in ("source", "target"):
                if relation.get(end) == old:
                    relation[end] = name
        self._set("name", name)

    def choose_color(self) -> None:
        label = self.current()
        if label is None:
            return
        chosen = QColorDialog.getColor(QColor(label.get("color", "#888888")), self, "Label colour")
        if chosen.isValid():
            label["color"] = chosen.name().upper()
            self._show_color(label["color"])
            self._refresh_items()


class AttributesBox(QGroupBox):
    """The attributes of the label shown, each with its list of values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Attributes", parent)
        self.label: dict[str, Any] = {}
        self._loading = False
        self.list = item_list("attribute-list")
        self.list.setMaximumWidth(160)
        add, remove = button("Add attribute", "add-attribute"), button("Remove", "remove-attribute")
        add.clicked.connect(self.add_attribute)
        remove.clicked.connect(self.remove_attribute)
        self.name = named(QLineEdit(), "attribute-name")
        self.values = item_list("attribute-values")
        self.values.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        add_value, remove_value = button("Add value", "add-value"), button("Remove", "remove-value")
        add_value.clicked.connect(self.add_value)
        remove_value.clicked.connect(self.remove_value)
        self.editable = named(QCheckBox("Other values may be typed"), "attribute-editable")
        self.required = named(QCheckBox("Required"), "attribute-required")
        form = QFormLayout()
        form.addRow("Na&me", self.name)
        values = QVBoxLayout()
        values.addWidget(self.values)
        values.addLayout(buttons_row(add_value, remove_value))
        form.addRow("Values", values)
        form.addRow("", self.editable)
        form.addRow("", self.required)
        self.form = QWidget()
        self.form.setLayout(form)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons_row(add, remove))
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.form, 1)
        self.list.currentRowChanged.connect(self._show)
        self.name.textEdited.connect(self._rename)
        self.values.itemChanged.connect(lambda _item: self._store_values())
        self.editable.toggled.connect(lambda on: self._set("editable", on))
        self.required.toggled.connect(lambda on: self._set("required", on))

    def attributes(self) -> list[dict[str, Any]]:
        return self.label.setdefault("attributes", [])

    def current(self) -> dict[str, Any] | None:
        row, items = self.list.currentRow(), self.label.get("attributes", [])
        return items[row] if 0 <= row < len(items) else None

    def show_label(self, label: dict[str, Any]) -> None:
        self.label = label
        self.list.clear()
        for attribute in label.get("attributes", []):
            self.list.addItem(attribute["name"])
        self.list.setCurrentRow(0 if label.get("attributes") else -1)
        self._show(self.list.currentRow())

    def _show(self, _row: int) -> None:
        attribute = self.current()
        self.form.setEnabled(attribute is not None)
        self._loading = True
        try:
            self.name.setText(attribute["name"] if attribute else "")
            self.values.clear()
            originals = attribute.get("_originals", {}) if attribute else {}
            for value in attribute["values"] if attribute else []:
                item = QListWidgetItem(value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(ORIGINAL, originals.get(value, value))
                self.values.addItem(item)
            self.editable.setChecked(bool(attribute and attribute.get("editable")))
            self.required.setChecked(bool(attribute and attribute.get("required")))
        finally:
            self._loading = False

    def add_attribute(self) -> None:
        taken = {a["name"] for a in self.attributes()}
        name = next(f"attribute{n}" for n in range(1, 1000) if f"attribute{n}" not in taken)
        self.attributes().append({"name": name, "values": ["value"], "_originals": {"value": None}})
        self.list.addItem(name)
        self.list.setCurrentRow(self.list.count() - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_attribute(self) -> None:
        row = self.list.currentRow()
        if self.current() is not None:
            del self.attributes()[row]
            self.list.takeItem(row)

    def _rename(self, text: str) -> None:
        attribute = self.current()
        if attribute is not None and not self._loading:
            attribute["name"] = text
            self.list.currentItem().setText(text)

    def _set(self, key: str, on: bool) -> None:
        attribute = self.current()
        if attribute is not None and not self._loading:
            if on:
                attribute[key] = True
            else:
                attribute.pop(key, None)

    def add_value(self) -> None:
        if self.current() is None:
            return
        item = QListWidgetItem("new value")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(ORIGINAL, None)
        self.values.addItem(item)
        self.values.setCurrentItem(item)
        self.values.editItem(item)
        self._store_values()

    def remove_value(self) -> None:
        row = self.values.currentRow()
        if row >= 0 and self.values.count() > 1:
            self.values.takeItem(row)
            self._store_values()

    def _store_values(self) -> None:
        """The list as shown, each value with the one it was (its rename, if it changed)."""
        attribute = self.current()
        if attribute is None or self._loading:
            return
        items = [self.values.item(i) for i in range(self.values.count())]
        attribute["values"] = [item.text().strip() for item in items]
        attribute["_originals"] = {item.text().strip(): item.data(ORIGINAL) for item in items}
