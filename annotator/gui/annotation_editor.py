"""The detail editor of the annotation panel: label, attributes, relations, note, delete.

The editor shows the session's selected annotation and turns every change into an undo command
run by :meth:`Session.perform`. Widgets are connected to signals that only user actions emit
(``activated``, ``editingFinished``, ``clicked``), so refreshing them from the session never
writes anything back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.choices import target_choices
from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation
from annotator.core.schema import LabelSpec, RelationSpec, Schema
from annotator.gui.attribute_field import AttributeField
from annotator.gui.commands import (
    ChangeLabel,
    DeleteAnnotation,
    SetRelation,
    StoreCommand,
    UpdateAnnotation,
)
from annotator.gui.entity_link import EntityLinkField
from annotator.gui.plain import plain_tooltip
from annotator.gui.session import Session

HINT = "Select text and press A, Q, D or C to tag it."
MISSING_STYLE = "color: #C0392B; font-weight: bold;"
_CHOICE_TEXT_MAX = 60


def swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def short(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters: list rows and combo items must not wrap."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def choice_texts(
    session: Session, candidates: list[Annotation], near: int, current: str | None
) -> list[tuple[str, str]]:
    """(mention id, shown text) of the possible relation targets: one per actor of the
    registry, by its name, and one per spelling of unlinked mentions (core/choices.py)."""
    names = entity_names(session, {a.entity for a in candidates if a.entity is not None})
    return [
        (c.annotation_id, short(c.text, _CHOICE_TEXT_MAX))
        for c in target_choices(candidates, near, names, current)
    ]


def entity_names(session: Session, entity_ids: set[str]) -> dict[str, str]:
    """The canonical names of these entities (those still in the registry)."""
    project = session.project
    names: dict[str, str] = {}
    if project is None:
        return names
    for entity_id in entity_ids:
        try:
            names[entity_id] = project.registry.get(entity_id).name
        except AnnotatorError:
            continue
    return names


class _RelationField:
    """A combo box of the possible targets, with "(none)", and a Pick button."""

    def __init__(self, spec: RelationSpec, editor: AnnotationEditor) -> None:
        self.spec = spec
        self.caption = QLabel()
        self.caption.setObjectName(f"relation-caption-{spec.name}")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setToolTip(plain_tooltip(spec.description))
        self.combo = QComboBox()
        self.combo.setObjectName(f"relation-{spec.name}")
        self.combo.setToolTip(
            plain_tooltip(f"{spec.description}\nChoose a {spec.target}, or Pick one in the text")
        )
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(12)
        self.pick = QPushButton("Pick")
        self.pick.setObjectName(f"pick-{spec.name}")
        self.pick.setToolTip(
            plain_tooltip(f"Click a {spec.target} in the text to make it the {spec.name}")
        )
        self.row = QWidget()
        layout = QHBoxLayout(self.row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.pick)
        self._choices: list[tuple[str, str]] = []  # (id, text) of the items shown
        self.combo.activated.connect(
            lambda _i: editor.set_relation(spec.name, self.combo.currentData())
        )
        self.pick.clicked.connect(lambda: editor.pickRelation.emit(spec.name))

    def show(
        self, session: Session, source: Annotation, target: str | None, candidates: list[Annotation]
    ) -> None:
        with QSignalBlocker(self.combo):
            # Rebuilding thousands of items on every edit would be slow; most edits leave the
            # list of possible targets as it was.
            choices = choice_texts(session, candidates, source.start, target)
            if choices != self._choices:
                self._choices = choices
                self.combo.clear()
                self.combo.addItem("(none)", None)
                for ann_id, text in choices:
                    self.combo.addItem(text, ann_id)
            index = self.combo.findData(target) if target is not None else 0
            self.combo.setCurrentIndex(max(index, 0))
        missing = self.spec.required and target is None
        suffix = " (required)" if self.spec.required else ""
        self.caption.setText(f"{self.spec.name}{suffix}")
        self.caption.setStyleSheet(MISSING_STYLE if missing else "")
        self.caption.setProperty("missing", missing)


class AnnotationEditor(QWidget):
    """Edits the selected annotation; a hint when nothing is selected."""

    pickRelation = Signal(str)
    fieldsChanged = Signal()  # another label's rows: the editor's least width may have moved

    def __init__(
        self,
        session: Session,
        targets: Callable[[str], list[Annotation]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``targets(label)``: the document's annotations of one label, in text order. The
        panel passes its list model's index of them, so that an edit sorts nothing twice."""
        super().__init__(parent)
        self.session = session
        self._project_values_read: dict[tuple[str, str, str], list[str]] = {}
        self._targets = targets or (
            lambda label: [a for a in session.ordered() if a.label == label]
        )
        self.ann_id: str | None = None
        self._schema: Schema | None = None
        self._fields_label: str | None = None
        self._attributes: dict[str, AttributeField] = {}
        self._relations: dict[str, _RelationField] = {}
        self.entity_field: EntityLinkField | None = None  # for labels linked to the registry

        self.hint = QLabel(HINT)
        self.hint.setObjectName("editor-hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.label_combo = QComboBox()
        self.label_combo.setObjectName("label-combo")
        self.text_view = QLabel()
        self.text_view.setObjectName("annotation-text")
        self.text_view.setTextFormat(Qt.TextFormat.PlainText)
        self.text_view.setWordWrap(True)
        self.text_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText("Saved on Enter or when you leave the field")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("delete")
        self.delete_button.setToolTip("Delete this annotation and its relations")

        form_page = QWidget()
        self.form = QFormLayout(form_page)
        # A narrow panel puts a field under its caption instead of cutting it off.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow("Label", self.label_combo)
        self.form.addRow("Text", self.text_view)
        # The label's attribute and relation rows go here (see _build_fields).
        self.form.addRow("Note", self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.form.addRow(buttons)
        self._field_rows: list[tuple[QLabel, QWidget]] = []
        self._retired: list[QWidget] = []

        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(form_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.label_combo.activated.connect(lambda _i: self._change_label())
        self.note.editingFinished.connect(self._commit_note)
        self.delete_button.clicked.connect(self._delete)

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the session's selected annotation (or the hint)."""
        ann = self.session.selected_annotation()
        project = self.session.project
        if ann is None or project is None:
            self.ann_id = None
            self.pages.setCurrentIndex(0)
            return
        schema = project.schema
        if schema is not self._schema:
            self._schema = schema
            self._fill_labels(schema)
            self._fields_label = None
        spec = schema.label(ann.label)
        if ann.label != self._fields_label:
            self._build_fields(schema, spec)
            self._fields_label = ann.label
        same = ann.id == self.ann_id
        self.ann_id = ann.id
        with QSignalBlocker(self.label_combo):
            self.label_combo.setCurrentIndex(self.label_combo.findData(ann.label))
        self.text_view.setText(short(ann.text, 400))
        for name, attr_field in self._attributes.items():
            attr_field.show(ann.attributes.get(name), self._values_in_use(ann.label, name))
        if self.entity_field is not None:
            self.entity_field.show_annotation(ann)
        for name, relation_field in self._relations.items():
            rel = self.session.relation_from(ann.id, name)
            relation_field.show(
                self.session,
                ann,
                rel.target if rel else None,
                self._targets(relation_field.spec.target),
            )
        if not (same and self.note.hasFocus() and self.note.isModified()):
            self.note.setText(ann.note or "")
            self.note.setModified(False)
        self.pages.setCurrentIndex(1)

    def _fill_labels(self, schema: Schema) -> None:
        with QSignalBlocker(self.label_combo):
            self.label_combo.clear()
            for label in schema.labels:
                self.label_combo.addItem(swatch(label.color), label.name, label.name)

    def _build_fields(self, schema: Schema, spec: LabelSpec | None) -> None:
        # A new label has other attributes and relations: replace those rows. An old widget
        # may be the sender of the signal that brought us here, so it is only unparented (no
        # longer found among the editor's children) and kept alive until Qt deletes it later.
        self._retired = []
        for caption, field in self._field_rows:
            self.form.takeRow(field)
            for widget in (caption, field):
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
                self._retired.append(widget)
        self._field_rows = []
        self._attributes, self._relations = {}, {}
        self.entity_field = None
        self.fieldsChanged.emit()
        if spec is None:
            return
        row = 2  # after "Label" and "Text"
        if spec.entity:
            self.entity_field = EntityLinkField(self.session, self._run)
            self._add_row(row, QLabel("Actor"), self.entity_field)
            row += 1
        for attribute in spec.attributes:
            attr_field = AttributeField(
                attribute,
                self._set_attribute,
                partial(self._known_values, spec.name, attribute.name),
            )
            self._attributes[attribute.name] = attr_field
            caption = QLabel(attribute.name)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setToolTip(plain_tooltip(attribute.description))
            self._add_row(row, caption, attr_field.widget)
            row += 1
        for relation in schema.relations_from(spec.name):
            relation_field = _RelationField(relation, self)
            self._relations[relation.name] = relation_field
            self._add_row(row, relation_field.caption, relation_field.row)
            row += 1
        self.fieldsChanged.emit()

    def _add_row(self, row: int, caption: QLabel, field: QWidget) -> None:
        caption.setTextFormat(Qt.TextFormat.PlainText)
        self.form.insertRow(row, caption, field)
        # Qt shows widgets added to a visible parent only on the next event-loop pass; show
        # them now so the editor is complete as soon as the command returns.
        caption.show()
        field.show()
        self._field_rows.append((caption, field))

    def _values_in_use(self, label: str, attribute: str) -> list[str]:
        """Values typed into an editable attribute elsewhere in this document, to reuse them."""
        spec = self._schema.label(label) if self._schema else None
        attr = spec.attribute(attribute) if spec else None
        if attr is None or not attr.editable:
            return []
        used = {
            a.attributes[attribute]
            for a in self._targets(label)
            if a.attributes.get(attribute) is not None
        }
        return sorted(used - set(attr.values))

    def _known_values(self, label: str, attribute: str) -> list[str]:
        """Every value the attribute has: the schema's, then those in use in the project (the
        most used first), then those of this document."""
        spec = self._schema.label(label) if self._schema else None
        attr = spec.attribute(attribute) if spec else None
        return [
            *(attr.values if attr is not None else ()),
            *self._project_values(label, attribute),
            *self._values_in_use(label, attribute),
        ]

    def _project_values(self, label: str, attribute: str) -> list[str]:
        """The values in use in the project, read once per project and attribute (a scan of
        every annotation of the label: half a second in a project of a million), then kept
        up to date with the values this editor sets."""
        project = self.session.project
        if project is None:
            return []
        key = (str(project.path), label, attribute)
        if key not in self._project_values_read:
            self._project_values_read[key] = project.attribute_values(label, attribute)
        return self._project_values_read[key]

    # -- editing --------------------------------------------------------------------------

    def _current(self) -> Annotation | None:
        return self.session.annotations.get(self.ann_id) if self.ann_id else None

    def _run(self, command: StoreCommand) -> None:
        if not self.session.perform(command):
            self.refresh()  # refused: show the stored values again

    def _change_label(self) -> None:
        ann = self._current()
        label = self.label_combo.currentData()
        if ann is not None and label and label != ann.label:
            self._run(ChangeLabel(self.session, ann.id, label))

    def _set_attribute(self, name: str, value: str | None) -> None:
        ann = self._current()
        if ann is None or ann.attributes.get(name) == value:
            return
        attributes = dict(ann.attributes)
        if value is None:
            attributes.pop(name, None)
        else:
            attributes[name] = value
        text = f"Set {name} to {value}" if value else f"Unset {name}"
        self._run(UpdateAnnotation(self.session, ann.id, text, attributes=attributes))
        project = self.session.project
        known = (
            self._project_values_read.get((str(project.path), ann.label, name)) if project else None
        )
        if value is not None and known is not None and value not in known:
            known.append(value)

    def set_relation(self, type_: str, target: str | None) -> None:
        ann = self._current()
        if ann is None:
            return
        rel = self.session.relation_from(ann.id, type_)
        if (rel.target if rel else None) != target:
            self._run(SetRelation(self.session, type_, ann.id, target))

    def _commit_note(self) -> None:
        ann = self._current()
        if ann is None:
            return
        note = self.note.text().strip() or None
        self.note.setModified(False)
        if note != ann.note:
            self._run(UpdateAnnotation(self.session, ann.id, "Edit note", note=note))

    def _delete(self) -> None:
        ann = self._current()
        if ann is not None:
            self._run(DeleteAnnotation(self.session, ann.id))


class EditorScroll(QScrollArea):
    """The editor in a scroll area that is never narrower than the editor's rows need (they
    wrap under their captions first), so a narrow panel scrolls up and down, never sideways.
    The least width only grows: choosing another label never makes the panel jump back."""

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__()
        self.setWidget(editor)
        self.setWidgetResizable(True)
        self._least = 0
        editor.fieldsChanged.connect(self._refit)

    def _refit(self) -> None:
        editor = self.widget()
        if editor is None:
            return
        bar = self.verticalScrollBar()
        extent = bar.sizeHint().width() if bar is not None else 0
        least = editor.minimumSizeHint().width() + extent + 2 * self.frameWidth()
        if least > self._least:
            self._least = least
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._least), hint.height())
