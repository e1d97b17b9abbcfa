"""The annotation panel (right dock): the document's problems, its annotations, and an editor.

The list is a Qt item model over this layer's annotations of the open document. Each edit's
change record says which annotations were added, changed or removed: their rows are inserted,
moved or removed, then links and problems are recomputed for the document (one pass over its
relations), and the rows report changed data instead of a reset, so the view keeps its layout
and repaints only the rows on screen; rows are formatted lazily when painted.
"""

from __future__ import annotations

import bisect
import html
from collections import Counter
from collections.abc import Callable
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
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.model import Annotation
from annotator.core.schema import Schema
from annotator.gui.annotation_editor import AnnotationEditor, EditorScroll, short
from annotator.gui.session import Session, text_order

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
        self._schema: Schema | None = None
        self.by_label: dict[str, list[Annotation]] = {}  # in text order, for the editor
        self._entity_labels: list[str] = []  # labels linked to the registry (mentions)
        self._unlinked: set[str] = set()  # mentions not linked to the registry
        #: (label, missing relation) -> count; (label, None): mentions not linked
        self.problems: Counter[tuple[str, str | None]] = Counter()
        self._patched = False  # rows were kept in step by stored()/removed()

    def refresh(self) -> None:
        """Re-read the session (after a document was opened or annotations changed).

        When the rows are the same annotations in the same order (an attribute, a note or a
        relation changed) only their data is refreshed: a reset would make the view lay out
        every row again, which is what costs time with thousands of rows.
        """
        schema = self.session.project.schema if self.session.project is not None else None
        if self._patched and schema is self._schema:
            rows = self.rows  # already kept in order by stored()/removed()
        else:
            rows = self.session.ordered() if self.session.document is not None else []
        self._patched = False
        same_rows = rows is self.rows or (
            schema is self._schema
            and len(rows) == len(self.rows)
            and all(new.id == old.id for new, old in zip(rows, self.rows, strict=True))
        )
        if not same_rows:
            self.beginResetModel()
        self.rows = rows
        self._row_of = {ann.id: i for i, ann in enumerate(rows)}
        self.by_label = {}
        for ann in rows:
            self.by_label.setdefault(ann.label, []).append(ann)
        self._links = {}
        for rel in self.session.relations.values():
            self._links.setdefault(rel.source, {})[rel.type] = rel.target
        if schema is not self._schema:
            self._index_schema(schema)
        self._find_missing()
        if same_rows:
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
        else:
            self.endResetModel()

    def stored(self, ann: Annotation) -> None:
        """One annotation added or changed: move or insert its row instead of resetting.

        The panel then refreshes links and problems (see AnnotationPanel._changed).
        """
        old = self._row_of.get(ann.id)
        if old is None:
            at = bisect.bisect_left(self.rows, text_order(ann), key=text_order)
            self.beginInsertRows(QModelIndex(), at, at)
            self.rows.insert(at, ann)
            self.endInsertRows()
        else:
            # A changed annotation keeps its row, or moves (resized): a move, not a removal
            # and insertion, so that the view keeps it selected.
            others = self.rows[:old] + self.rows[old + 1 :]
            at = bisect.bisect_left(others, text_order(ann), key=text_order)
            if at == old:
                self.rows[old] = ann
                self.dataChanged.emit(self.index(old), self.index(old))
            else:
                self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), at + (at > old))
                self.rows = [*others[:at], ann, *others[at:]]
                self.endMoveRows()
        self._row_of = {a.id: i for i, a in enumerate(self.rows)}
        self._patched = True

    def removed(self, ann_id: str) -> None:
        row = self._row_of.get(ann_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        self._row_of = {a.id: i for i, a in enumerate(self.rows)}
        self._patched = True

    def _find_missing(self) -> None:
        # Our own pass instead of Session.missing_required, which scans every relation per call.
        self._missing = {}
        counts: Counter[tuple[str, str]] = Counter()
        for label, needed in self._required.items():
            for ann in self.by_label.get(label, []) if needed else []:
                links = self._links.get(ann.id, {})
                missing = [name for name in needed if name not in links]
                if missing:
                    self._missing[ann.id] = missing
                    counts.update((label, name) for name in missing)
        # Mentions not linked to the registry are problems too, as in the Problems dock.
        self._unlinked = set()
        unlinked: Counter[tuple[str, str | None]] = Counter()
        for label in self._entity_labels:
            for ann in self.by_label.get(label, []):
                if ann.entity is None:
                    self._unlinked.add(ann.id)
                    unlinked[(label, None)] += 1
        # Report in schema order (Quote before Demand), not in order of first appearance.
        order = [(label, name) for label, names in self._required.items() for name in names]
        problems: Counter[tuple[str, str | None]] = Counter()
        problems.update({key: counts[key] for key in order if key in counts})
        problems.update(unlinked)
        self.problems = problems

    def _index_schema(self, schema: Schema | None) -> None:
        self._schema = schema
        self._required, self._colors, self._shown_links = {}, {}, {}
        self._entity_labels = []
        if schema is None:
            return
        self._entity_labels = [label.name for label in schema.labels if label.entity]
        entity_labels = set(self._entity_labels)
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
            # Qt guesses whether a tooltip is rich text; escaping keeps "<b>" in a text literal.
            return "<p style='white-space:pre-wrap'>" + html.escape(self._tooltip(ann)) + "</p>"
        if role == Qt.ItemDataRole.DecorationRole:
            flagged = ann.id in self._missing or ann.id in self._unlinked
            return self._warning_icon() if flagged else None
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
        flags = [f"no {name}" for name in self._missing.get(ann.id, [])]
        if ann.id in self._unlinked:
            flags.append("not linked")
        if flags:
            text += "  · " + ", ".join(flags)
        return text

    def _tooltip(self, ann: Annotation) -> str:
        lines = [f"{ann.label}: {short(ann.text, 300)}"]
        lines += [f"{key}: {value}" for key, value in ann.attributes.items()]
        if ann.note:
            lines.append(f"Note: {ann.note}")
        missing = self._missing.get(ann.id)
        if missing:
            lines.append("Missing: " + ", ".join(missing))
        if ann.id in self._unlinked:
            lines.append("Not linked to an actor of the registry")
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


class AnnotationListView(QTreeView):
    """A flat, one-column list.

    A tree view rather than a QListView: QListView lays out every row again whenever any row's
    data changes (about 11 ms with 10,000 rows, all in calls of the Python model), whereas a
    tree view with uniform row heights only repaints the rows it shows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)  # no per-row measuring with thousands of rows
        self.setIndentation(0)
        self.setAllColumnsShowFocus(True)


def problems_text(problems: Counter[tuple[str, str | None]]) -> str:
    """ "2 quotes without a speaker · 1 demand without a claimant · 3 actors not linked", or
    "No problems": the problems the Problems dock lists for the document."""
    if not problems:
        return "No problems"
    parts = []
    for (label, relation), count in problems.items():
        noun = label.lower() + ("" if count == 1 else "s")
        if relation is None:
            parts.append(f"{count} {noun} not linked")
            continue
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
        self.list = AnnotationListView()
        self.list.setObjectName("annotation-list")
        self.list.setAccessibleName("Annotations in this document")
        self.list.setModel(self.model)
        self.list.setItemDelegate(_LabelBarDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Elide in the middle: the label (start) and the speaker or flag (end) stay visible.
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.editor = AnnotationEditor(session, lambda label: self.model.by_label.get(label, []))
        self.editor.setObjectName("annotation-editor")
        self.editor.pickRelation.connect(self.pickRelation)
        scroll = EditorScroll(self.editor)

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
        session.documentLoaded.connect(self.refresh)
        session.changed.connect(self._changed)
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

    def _changed(self, changes: Changes) -> None:
        """Patch the rows the edit touched (inserted, moved, removed), then links and problems."""
        doc = self.session.document
        if doc is None:
            return
        touched = changes.annotations_in(doc.id)
        if not (touched or changes.relations_in(doc.id) or changes.entities):
            return
        for ann_id in touched.removed:
            self._patch(self.model.removed, ann_id)
        for ann_id in touched.present:
            ann = self.session.annotations.get(ann_id)
            if ann is not None:
                self._patch(self.model.stored, ann)
            else:  # e.g. another layer's
                self._patch(self.model.removed, ann_id)
        self.refresh()

    def _patch(self, change: Callable[[Any], None], value: Any) -> None:
        # The view moves its current row when rows come and go; that is not the user
        # choosing another annotation, so it must not reach the session.
        self._syncing = True
        try:
            change(value)
        finally:
            self._syncing = False

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
            # scrollTo lays out the rows around the target: skip it when the row is in view.
            if not self.list.viewport().rect().contains(self.list.visualRect(index)):
                self.list.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def _list_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        if self._syncing:
            return
        rows = self.list.selectionModel().selectedRows()
        self.session.select(rows[0].data(ID_ROLE) if rows else None)
