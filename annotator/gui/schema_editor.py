"""Project → Edit schema…: the labels (gui/schema_labels.py), the relations and the schema's
name in one dialog, checked as you go; OK gives the new schema and the migrations its
renames imply (a renamed label, relation or value carries its stored annotations along).

Checks before OK: the schema's own rules (core/schema.py: names, roles, ends), and hotkeys —
one key per label or relation, none that the window already binds (gui/shortcuts.py). What
the change does to stored data is previewed afterwards (gui/codebook.py).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import SchemaError
from annotator.core.schema import RELATION_ROLES, Schema, parse_schema
from annotator.core.schema_change import Migrations
from annotator.gui.schema_labels import (
    LabelsPage,
    button,
    buttons_row,
    hotkey_field,
    item_list,
    named,
)
from annotator.gui.shortcuts import native, portable

PRIVATE = ("_was", "_originals")


def editable_copy(schema: Schema) -> dict[str, Any]:
    """The schema's JSON with each label and relation's current name kept as ``_was``."""
    raw = copy.deepcopy(schema.raw)
    for item in [*raw["labels"], *raw.get("relations", [])]:
        item["_was"] = item["name"]
    return raw


def built(raw: Mapping[str, Any]) -> tuple[dict[str, Any], Migrations]:
    """The schema document without the editor's notes, and the migrations of its renames."""
    labels, relations, values = {}, {}, {}
    doc = {k: v for k, v in raw.items() if k not in ("labels", "relations")}
    doc["labels"] = []
    for label in raw["labels"]:
        was = label.get("_was")
        if was is not None and was != label["name"]:
            labels[was] = label["name"]
        clean = {k: v for k, v in label.items() if k not in PRIVATE}
        clean["attributes"] = []
        for attribute in label.get("attributes", []):
            for value, original in attribute.get("_originals", {}).items():
                if was is not None and original is not None and original != value:
                    values[(was, attribute["name"], original)] = value
            clean["attributes"].append({k: v for k, v in attribute.items() if k not in PRIVATE})
        if not clean["attributes"]:
            del clean["attributes"]
        doc["labels"].append(clean)
    doc["relations"] = []
    for relation in raw.get("relations", []):
        was = relation.get("_was")
        if was is not None and was != relation["name"]:
            relations[was] = relation["name"]
        doc["relations"].append({k: v for k, v in relation.items() if k not in PRIVATE})
    return doc, Migrations(labels, relations, values)


def hotkey_problems(doc: Mapping[str, Any], bound: Mapping[str, str]) -> list[str]:
    """Keys given twice in the schema, or bound by the window (``bound``: key → action)."""
    seen: dict[str, str] = {}
    found = []
    items = [("label", x) for x in doc["labels"]] + [("relation", r) for r in doc["relations"]]
    for kind, item in items:
        key = item.get("hotkey")
        if not key:
            continue
        what = f"{kind} {item['name']}"
        if key in seen:
            found.append(f"{key} is the hotkey of both {seen[key]} and {what}")
        elif portable(key) in bound:
            found.append(f"{key} ({what}) is the window's key for “{bound[portable(key)]}”")
        seen.setdefault(key, what)
    return found


class RelationsPage(QWidget):
    def __init__(self, relations: list[dict[str, Any]], labels: list[dict[str, Any]]) -> None:
        super().__init__()
        self.relations, self.labels = relations, labels
        self._loading = False
        self.list = item_list("relation-list")
        add, remove = button("Add relation", "add-relation"), button("Remove", "remove-relation")
        add.clicked.connect(self.add_relation)
        remove.clicked.connect(self.remove_relation)
        self.name = named(QLineEdit(), "relation-name")
        self.source = named(QComboBox(), "relation-source")
        self.target = named(QComboBox(), "relation-target")
        self.required = named(QCheckBox("Required"), "relation-required")
        self.most = named(QSpinBox(), "relation-max")
        self.most.setRange(0, 99)
        self.most.setSpecialValueText("no limit")
        self.hotkey = hotkey_field("relation-hotkey")
        self.description = named(QLineEdit(), "relation-description")
        self.role = named(QComboBox(), "relation-role")
        self.role.addItem("(none)", None)
        for role in RELATION_ROLES:
            self.role.addItem(role, role)
        form = QFormLayout()
        for text, widget in (
            ("&Name", self.name),
            ("&From", self.source),
            ("&To", self.target),
            ("", self.required),
            ("At &most", self.most),
            ("&Hotkey", self.hotkey),
            ("&Description", self.description),
            ("&Role", self.role),
        ):
            form.addRow(text, widget)
        self.form = QWidget()
        self.form.setLayout(form)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons_row(add, remove))
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.form, 5)
        self.list.currentRowChanged.connect(lambda _r: self._show())
        self.name.textEdited.connect(lambda t: self._set("name", t))
        self.source.currentTextChanged.connect(lambda t: self._set("source", t))
        self.target.currentTextChanged.connect(lambda t: self._set("target", t))
        self.required.toggled.connect(lambda on: self._set("required", on or None))
        self.most.valueChanged.connect(lambda n: self._set("max", n or None))
        self.hotkey.textChanged.connect(lambda t: self._set("hotkey", t.upper() or None))
        self.description.textEdited.connect(lambda t: self._set("description", t or None))
        self.role.currentIndexChanged.connect(lambda _i: self._set("role", self.role.currentData()))
        for relation in relations:
            self.list.addItem(relation["name"])
        self.list.setCurrentRow(0 if relations else -1)
        self._show()

    def current(self) -> dict[str, Any] | None:
        row = self.list.currentRow()
        return self.relations[row] if 0 <= row < len(self.relations) else None

    def _show(self) -> None:
        relation = self.current()
        self.form.setEnabled(relation is not None)
        self._loading = True
        try:
            names = [x.get("name", "") for x in self.labels]
            for combo, end in ((self.source, "source"), (self.target, "target")):
                combo.clear()
                combo.addItems(names)
                combo.setCurrentText(relation[end] if relation else "")
            r = relation or {}
            self.name.setText(r.get("name", ""))
            self.required.setChecked(bool(r.get("required")))
            self.most.setValue(r.get("max") or 0)
            self.hotkey.setText(r.get("hotkey") or "")
            self.description.setText(r.get("description") or "")
            self.role.setCurrentIndex(max(0, self.role.findData(r.get("role"))))
        finally:
            self._loading = False

    def _set(self, key: str, value: Any) -> None:
        relation = self.current()
        if self._loading or relation is None:
            return
        if value is None or value == "":
            relation.pop(key, None)
        else:
            relation[key] = value
        if key == "name":
            self.list.currentItem().setText(value or "")

    def add_relation(self) -> None:
        first = self.labels[0]["name"]
        taken = {r["name"] for r in self.relations}
        name = next(f"relation{n}" for n in range(1, 1000) if f"relation{n}" not in taken)
        self.relations.append({"name": name, "source": first, "target": first, "_was": None})
        self.list.addItem(name)
        self.list.setCurrentRow(len(self.relations) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_relation(self) -> None:
        row = self.list.currentRow()
        if self.current() is not None:
            del self.relations[row]
            self.list.takeItem(row)


class SchemaEditor(QDialog):
    """Edit a copy of the schema; :meth:`result_schema` once accepted."""

    def __init__(
        self, schema: Schema, bound: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit schema")
        self.setObjectName("schema-editor")
        self.resize(920, 620)
        self.raw = editable_copy(schema)
        self.bound = bound
        self.built: tuple[Schema, Migrations] | None = None
        self.schema_name = named(QLineEdit(schema.name), "schema-name")
        self.schema_name.textEdited.connect(lambda t: self.raw.__setitem__("name", t))
        self.tabs = QTabWidget()
        relations = self.raw.setdefault("relations", [])
        self.labels_page = LabelsPage(self.raw["labels"], relations)
        self.relations_page = RelationsPage(relations, self.raw["labels"])
        self.tabs.addTab(self.labels_page, "&Labels")
        self.tabs.addTab(self.relations_page, "Relation&s")
        self.tabs.currentChanged.connect(lambda _i: self.relations_page._show())
        self.problem = named(QLabel(), "schema-problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #C0392B")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow("Schema &name", self.schema_name)
        version = QLabel(f"version {schema.version}; the next change makes it {schema.version + 1}")
        version.setTextFormat(Qt.TextFormat.PlainText)
        top.addRow("", version)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def problems(self) -> Sequence[str]:
        doc, migrations = built(self.raw)
        found = hotkey_problems(doc, self.bound)
        try:
            schema = parse_schema(doc)
        except SchemaError as exc:
            return [str(exc), *found]
        if not found:
            self.built = (schema, migrations)
        return found

    def accept(self) -> None:
        self.built = None
        found = self.problems()
        if found:
            self.problem.setText("\n".join(found))
            return
        super().accept()

    def result_schema(self) -> tuple[Schema, Migrations]:
        assert self.built is not None
        return self.built


def window_keys(keys: Mapping[str, Sequence[str]], names: Mapping[str, str]) -> dict[str, str]:
    """key → the action it runs, for every key the window binds (``names``: action → words)."""
    return {portable(k): names.get(a, a) for a, ks in keys.items() for k in ks if k}


__all__ = ["SchemaEditor", "built", "editable_copy", "hotkey_problems", "native", "window_keys"]
