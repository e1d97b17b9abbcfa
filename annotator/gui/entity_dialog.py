"""The dialog that adds or edits an entity of the registry: name, type, aliases, Wikidata, note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Entity


class EntityDialog(QDialog):
    """Edit the fields of an entity; :meth:`values` gives them as ``update_entity`` keywords."""

    def __init__(
        self,
        entity_types: tuple[str, ...] | list[str],
        entity: Entity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entity-dialog")
        self.setWindowTitle("Edit actor" if entity else "Add actor")
        self.name = QLineEdit(entity.name if entity else "")
        self.name.setObjectName("entity-name")
        self.name.setPlaceholderText("Canonical name, e.g. Ondřej Hálek")
        self.type = QComboBox()
        self.type.setObjectName("entity-type")
        self.type.addItem("(none)", None)
        types = list(entity_types)
        if entity is not None and entity.type and entity.type not in types:
            types.append(entity.type)  # keep a type the schema no longer lists
        for name in types:
            self.type.addItem(name, name)
        if entity is not None and entity.type:
            self.type.setCurrentIndex(self.type.findData(entity.type))
        self.aliases = QPlainTextEdit("\n".join(entity.aliases) if entity else "")
        self.aliases.setObjectName("entity-aliases")
        self.aliases.setPlaceholderText("Other names, one per line")
        self.aliases.setTabChangesFocus(True)
        self.wikidata = QLineEdit(entity.wikidata or "" if entity else "")
        self.wikidata.setObjectName("entity-wikidata")
        self.wikidata.setPlaceholderText("Q12345 (optional)")
        self.note = QPlainTextEdit(entity.note or "" if entity else "")
        self.note.setObjectName("entity-note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().height() * 4)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Type", self.type)
        form.addRow("&Aliases", self.aliases)
        form.addRow("&Wikidata", self.wikidata)
        form.addRow("N&ote", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(440, self.sizeHint().height())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def values(self) -> dict[str, Any]:
        """name, type, aliases (blank lines and repeats dropped), wikidata and note."""
        aliases: list[str] = []
        for line in self.aliases.toPlainText().splitlines():
            line = line.strip()
            if line and line not in aliases:
                aliases.append(line)
        return {
            "name": self.name.text().strip(),
            "type": self.type.currentData(),
            "aliases": aliases,
            "wikidata": self.wikidata.text().strip() or None,
            "note": self.note.toPlainText().strip() or None,
        }
