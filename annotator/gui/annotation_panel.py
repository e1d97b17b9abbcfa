"""The annotation panel (right dock): the document's problems, its annotations, and an editor.

The list is a Qt item model over :meth:`Session.ordered`. The session says only *that* the
annotations changed, not which, so the model is reset; a reset costs one sort and one pass over
the relations, and rows are formatted lazily when the view paints them, so it stays cheap for
documents with thousands of annotations.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLabel,
    QListView,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Annotation
from annotator.core.schema import Schema
from annotator.gui.annotation_editor import AnnotationEditor, short
from annotator.gui.session import Session

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
MISSING_ROLE = Qt.ItemDataRole.UserRole + 3

_ROW_TEXT_MAX = 80  # the view elides further; this keeps the linked actor visible
_ACTOR_TEXT_MAX = 30
_BAR_WIDTH = 5

Index = QModelIndex | QPersistentModelIndex


class AnnotationListModel(QAbstractListModel):
    """One row per annotation of the open document, in text order."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[Annotation] = []
        self._row_of: dict[str, int] = {}
        self._links: dict[str, dict[str, str]] = {}  # source id -> {relation type: target id}
        self._missing: dict[str, list[str]] = {}  # annotation id -> missing required relations
        self._colors: dict[str, QColor] = {}
        self._required: dict[str, list[str]] = {}  # label -> its required relation types
        self._shown_links: dict[str, list[str]] = {}  # label -> relation types shown in the row
        self._warning: QIcon | None = None
        self.problems: Counter[tuple[str, str]] = Counter()  # (label, relation) -> count

    def refresh(self) -> None:
        """Re-read the session (after a document was opened or annotations changed)."""
        self.beginResetModel()
        schema = self.session.project.schema if self.session.project is not None else None
        self.rows = self.session.ordered() if self.session.document is not None else []
        self._row_of = {ann.id: i for i, ann in enumerate(self.rows)}
        self._links = {}
        for rel in self.session.relations.values():
            self._links.setdefault(rel.source, {})[rel.type] = rel.target
        self._index_schema(schema)
        # Our own pass instead of Session.missing_required, which scans every relation per call.
        self._missing = {}
        self.problems = Counter()
        required = self._required
        for ann in self.rows:
            needed = required.get(ann.label)
            if not needed:
                continue
            links = self._links.get(ann.id, {})
            missing = [name for name in needed if name not in links]
            if missing:
                self._missing[ann.id] = missing
                self.problems.update((ann.label, name) for name in missing)
        self.endResetModel()

    def _index_schema(self, schema: Schema | None) -> None:
        self._required, self._colors, self._shown_links = {}, {}, {}
        if schema is None:
            return
        entity_labels = {label.name for label in schema.labels if label.entity}
        for label in schema.labels:
            self._colors[label.name] = QColor(label.color)
            outgoing = schema.relations_from(label.name)
            self._required[label.name] = [r.name for r in outgoing if r.required]
            # Rows name who speaks or demands (and to whom): the relations to actors.
            self._shown_links[label.name] = [r.name for r in outgoing if r.target in entity_labels]

    def row_of(self, ann_id: str | None) -> int | None:
        return self._row_of.get(ann_id) if ann_id else None

    def missing(self, ann_id: str) -> list[str]:
        return self._missing.get(ann_id, [])

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        ann = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_text(ann)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ann)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._warning_icon() if ann.id in self._missing else None
        if role == ID_ROLE:
            return ann.id
        if role == COLOR_ROLE:
            return self._colors.get(ann.label, QColor("#888888"))
        if role == MISSING_ROLE:
            return self.missing(ann.id)
        return None

    def _linked_text(self, ann: Annotation) -> str:
        links = self._links.get(ann.id, {})
        parts = []
        for i, name in enumerate(self._shown_links.get(ann.label, [])):
            target = self.session.annotations.get(links.get(name, ""))
            if target is not None:
                arrow = "—" if i == 0 else "→"  # the first is the speaker or claimant
                parts.append(f"{arrow} {short(target.text, _ACTOR_TEXT_MAX)}")
        return "  " + " ".join(parts) if parts else ""

    def _row_text(self, ann: Annotation) -> str:
        text = f"{ann.label}  {short(ann.text, _ROW_TEXT_MAX)}{self._linked_text(ann)}"
        missing = self._missing.get(ann.id)
        if missing:
            text += "  · " + ", ".join(f"no {name}" for name in missing)
        return text

    def _tooltip(self, ann: Annotation) -> str:
        lines = [f"{ann.label}: {short(ann.text, 300)}"]
        lines += [f"{key}: {value}" for key, value in ann.attributes.items()]
        if ann.note:
            lines.append(f"Note: {ann.note}")
        missing = self._missing.get(ann.id)
        if missing:
            lines.append("Missing: " + ", ".join(missing))
        return "\n".join(lines)

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            self._warning = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning
            )
        return self._warning


class _LabelBarDelegate(QStyledItemDelegate):
    """Draws a bar in the label's colour at the left edge of each row."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        shifted = QStyleOptionViewItem(option)
        shifted.rect = option.rect.adjusted(_BAR_WIDTH + 3, 0, 0, 0)
        super().paint(painter, shifted, index)
        color = index.data(COLOR_ROLE)
        if isinstance(color, QColor):
            bar = QRect(
                option.rect.left() + 1, option.rect.top() + 2, _BAR_WIDTH, option.rect.height() - 4
            )
            painter.fillRect(bar, color)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        size.setWidth(size.width() + _BAR_WIDTH + 3)
        return size


def problems_text(problems: Counter[tuple[str, str]]) -> str:
    """ "2 quotes without a speaker · 1 demand without a claimant", or "No problems"."""
    if not problems:
        return "No problems"
    parts = []
    for (label, relation), count in sorted(problems.items()):
        noun = label.lower() + ("" if count == 1 else "s")
        article = "an" if relation[:1].lower() in "aeiou" else "a"
        parts.append(f"{count} {noun} without {article} {relation}")
    return " · ".join(parts)


class AnnotationPanel(QDockWidget):
    """The right dock: problems header, annotation list, and the selected annotation's editor."""

    pickRelation = Signal(str)  # a relation type whose target the user wants to click in the text

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotations")
        self.session = session
        self._syncing = False

        self.header = QLabel()
        self.header.setObjectName("problems")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)

        self.model = AnnotationListModel(session, self)
        self.list = QListView()
        self.list.setObjectName("annotation-list")
        self.list.setModel(self.model)
        self.list.setItemDelegate(_LabelBarDelegate(self.list))
        self.list.setUniformItemSizes(True)  # no per-row measuring with thousands of rows
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.editor = AnnotationEditor(session)
        self.editor.setObjectName("annotation-editor")
        self.editor.pickRelation.connect(self.pickRelation)
        scroll = QScrollArea()
        scroll.setWidget(self.editor)
        scroll.setWidgetResizable(True)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        contents = QWidget()
        layout = QVBoxLayout(contents)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.setWidget(contents)

        self.list.selectionModel().selectionChanged.connect(self._list_selection_changed)
        session.projectOpened.connect(self.refresh)
        session.documentOpened.connect(self.refresh)
        session.annotationsChanged.connect(self.refresh)
        session.selectionChanged.connect(self._session_selection_changed)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list and header, then show the session's selection again."""
        self.model.refresh()
        if self.session.document is None:
            self.header.setText("")
        else:
            self.header.setText(problems_text(self.model.problems))
        self._session_selection_changed()

    def _session_selection_changed(self) -> None:
        self._select_row(self.model.row_of(self.session.selected))
        self.editor.refresh()

    def _select_row(self, row: int | None) -> None:
        selection = self.list.selectionModel()
        self._syncing = True  # the view follows the session; it must not call select() back
        try:
            if row is None:
                selection.clear()
                return
            index = self.model.index(row)
            if not selection.isSelected(index):
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def _list_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        if self._syncing:
            return
        rows = self.list.selectionModel().selectedRows()
        self.session.select(rows[0].data(ID_ROLE) if rows else None)
