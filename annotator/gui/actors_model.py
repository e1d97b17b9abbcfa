"""The registry as a table: one row per entity with its counts, and a filter over names.

:class:`ActorsModel` holds the whole registry (read with two queries, the entities and their
counts in this annotator's layer, when the dock is first shown) and then follows each edit's
change record; :class:`ActorsFilter` narrows and sorts it for the view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from annotator.core.changes import Changes
from annotator.core.matching import normalise_name
from annotator.core.model import Entity
from annotator.gui.plain import plain_tooltip
from annotator.gui.session import Session
from annotator.store.actors import EntityCounts

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("Name", "name"),
    ("Type", "type"),
    ("Aliases", "aliases"),
    ("Mentions", "mentions"),
    ("Quotes", "quotes"),
    ("Demands made", "demands_made"),
    ("Demands received", "demands_received"),
)
COUNT_FIELDS = ("mentions", "quotes", "demands_made", "demands_received")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # what the filter matches: names, aliases, type


class ActorsModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entities: list[Entity] = []
        self.counts: dict[str, EntityCounts] = {}
        self._keys: list[str] = []
        self._rows: dict[str, int] | None = None  # entity id -> row, rebuilt when stale
        self.loaded = False  # read when the dock is first shown

    def reload(self) -> None:
        """Read the whole registry and its counts (when the dock is first shown)."""
        project = self.session.project
        self.beginResetModel()
        if project is None:
            self.entities, self.counts = [], {}
        else:
            self.entities = project.registry.all()
            self.counts = project.registry.counts(self.session.layer)
        self._keys = [_filter_key(e) for e in self.entities]
        self.loaded = project is not None
        self.endResetModel()

    def apply(self, changes: Changes) -> None:
        """Update the rows an edit touched: entities added, edited or removed, and the counts
        of the entities whose mentions, quotes or demands changed (read for those only)."""
        project = self.session.project
        if not self.loaded or project is None:
            return
        for entity_id in changes.entities.removed:
            row = self.row_of(entity_id)
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entities[row], self._keys[row]
                self.counts.pop(entity_id, None)
                self.endRemoveRows()
        for entity_id in sorted(changes.entities.added):
            if self.row_of(entity_id) is None:
                at = len(self.entities)
                self.beginInsertRows(QModelIndex(), at, at)
                entity = project.registry.get(entity_id)
                self.entities.append(entity)
                self._keys.append(_filter_key(entity))
                self.endInsertRows()
        for entity_id in changes.entities.updated:
            row = self.row_of(entity_id)
            if row is not None:
                self.entities[row] = project.registry.get(entity_id)
                self._keys[row] = _filter_key(self.entities[row])
                self._row_changed(row)
        recount = (changes.entity_counts | changes.entities.present) - changes.entities.removed
        if recount:
            self.counts.update(project.registry.counts(self.session.layer, recount))
            for entity_id in recount:
                row = self.row_of(entity_id)
                if row is not None:
                    self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def entity_id(self, row: int) -> str | None:
        return self.entities[row].id if 0 <= row < len(self.entities) else None

    def row_of(self, entity_id: str) -> int | None:
        if self._rows is None or len(self._rows) != len(self.entities):
            self._rows = {e.id: i for i, e in enumerate(self.entities)}
        row = self._rows.get(entity_id)
        if row is None or row >= len(self.entities) or self.entities[row].id != entity_id:
            self._rows = {e.id: i for i, e in enumerate(self.entities)}
            row = self._rows.get(entity_id)
        return row

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.entities)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section][1] in COUNT_FIELDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entity = self.entities[index.row()]
        field = COLUMNS[index.column()][1]
        if role == ID_ROLE:
            return entity.id
        if role == KEY_ROLE:
            return self._keys[index.row()]
        if field in COUNT_FIELDS:
            value = getattr(self.counts.get(entity.id, EntityCounts()), field)
            if role == SORT_ROLE:
                return value
            if role == Qt.ItemDataRole.DisplayRole:
                return str(value) if value else ""
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        text = {
            "name": entity.name,
            "type": entity.type or "",
            "aliases": "; ".join(entity.aliases),
        }[field]
        if role == SORT_ROLE:
            return text.casefold()
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(_tooltip(entity))
        return None


def _filter_key(entity: Entity) -> str:
    names = (entity.name, *entity.aliases, entity.type or "")
    return " | ".join({part for n in names for part in _keys_of(n)})


def _keys_of(name: str) -> tuple[str, str]:
    # Both the plain lower-case text and the matching key: "stastna" finds "Šťastná".
    return name.casefold(), normalise_name(name)


def _tooltip(entity: Entity) -> str:
    lines = [entity.name]
    if entity.aliases:
        lines.append("Also: " + "; ".join(entity.aliases))
    if entity.wikidata:
        lines.append(f"Wikidata: {entity.wikidata}")
    if entity.note:
        lines.append(entity.note)
    return "\n".join(lines)


class ActorsFilter(QSortFilterProxyModel):
    """Rows whose name, alias or type contains the filter text (case and accents ignored)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needles: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        text = text.strip()
        self.beginFilterChange()
        self._needles = tuple({n for n in _keys_of(text) if n}) if text else ()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needles:
            return True
        keys = self.sourceModel().index(source_row, 0, source_parent).data(KEY_ROLE) or ""
        return any(needle in keys for needle in self._needles)
