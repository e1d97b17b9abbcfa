"""The document list as a Qt model: lazy pages over the store, for the Documents dock.

A project may hold 100,000 documents, so the model never holds them all: it announces rows a
page at a time (``fetchMore``, as the view scrolls down) and reads a page from the store only
when a view asks for one of its rows. Jumping to a far document asks the store for its row
number and announces the rows up to it, still reading only the page it is on.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from annotator.gui.session import Session
from annotator.store.listing import DocumentRow, Listing

PAGE = 200  # rows announced and read at a time
SEARCH_LIMIT = 500  # a search shows the best matches only
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the document id of a row

STATE_TEXT = {"new": "new", "in_progress": "in progress", "done": "done"}
_STATE_RANK = {"new": 0, "in_progress": 1, "done": 2}
HEADERS = {
    "title": "Title",
    "snippet": "Match",
    "source": "Source",
    "published": "Date",
    "state": "Status",
    "annotations": "Annotations",
    "assigned": "Assigned to",
}
LIST_COLUMNS = ("title", "source", "published", "state", "annotations")
# Searching adds the match at the end, so that the other columns keep their places and widths.
SEARCH_COLUMNS = (*LIST_COLUMNS, "snippet")
# A project whose documents were handed out (annotator distribute) also says to whom.
TEAM_COLUMNS = (*LIST_COLUMNS, "assigned")
# Column -> store sort key; the snippet column (and no column) means import or rank order.
_SORT_KEYS = {
    "title": "title",
    "source": "source",
    "published": "published",
    "state": "status",
    "annotations": "annotations",
}


def _python_key(sort: str, row: DocumentRow) -> tuple[Any, int]:
    """Sort search results (at most SEARCH_LIMIT) in memory the way the store sorts the list."""
    if sort == "title":
        return row.title.casefold(), row.seq
    if sort == "source":
        return (row.source or "").casefold(), row.seq
    if sort == "published":
        return row.published or "", row.seq
    if sort == "status":
        return _STATE_RANK.get(row.state, 0), row.seq
    return row.annotations, row.seq


class DocumentsModel(QAbstractTableModel):
    """This annotator's view of the project's documents; observes the store, owns nothing."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.status: str | None = None
        self.sort_key, self.descending = "order", False
        self.query = ""
        self.columns: tuple[str, ...] = LIST_COLUMNS
        self.total = 0  # rows in the listing (or search results)
        self._shown = 0  # rows announced to the views so far
        self._pages: dict[int, list[DocumentRow]] = {}
        self._found: list[tuple[DocumentRow, str]] | None = None  # search results, as shown
        self._rows: dict[str, int] = {}  # document id -> row, for rows read so far
        self._assigned: dict[str, list[str]] = {}  # document id -> names, for rows read so far

    # -- what to show --------------------------------------------------------------------

    def set_status_filter(self, status: str | None) -> None:
        self.status = status
        self.reload()

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = self.columns[column] if 0 <= column < len(self.columns) else None
        self.sort_key = _SORT_KEYS.get(field or "", "order")
        self.descending = order == Qt.SortOrder.DescendingOrder and self.sort_key != "order"
        self.reload()

    def reload(self) -> None:
        """Read the listing again from the store (a reset: views lose their current row)."""
        self.beginResetModel()
        self._pages.clear()
        self._rows.clear()
        self._found = None
        self._assigned.clear()
        project = self.session.project
        # who has which (a distributed file's documents are all its owner's: no column)
        team = project is not None and self.session.owner is None and project.team.has_assignments()
        self.columns = SEARCH_COLUMNS if self.query else TEAM_COLUMNS if team else LIST_COLUMNS
        if project is None:
            self.total = 0
        elif self.query:
            # best first, unless a column header asks for another order
            self._found = project.documents.search_rows(
                self.query, self._annotator_id(), SEARCH_LIMIT, status=self.status
            )
            if self.sort_key != "order":
                self._found.sort(
                    key=lambda pair: _python_key(self.sort_key, pair[0]), reverse=self.descending
                )
            self._rows = {row.id: i for i, (row, _snippet) in enumerate(self._found)}
            self.total = len(self._found)
        else:
            self.total = project.documents.count_with_status(self.status, self._annotator_id())
        self._shown = self.total if self._found is not None else min(PAGE, self.total)
        self.endResetModel()

    def _annotator_id(self) -> str | None:
        layer = self.session.layer
        return layer.annotator_id if layer is not None else None

    def listing(self) -> Listing:
        """Which documents, in which order, with whose status (this annotator's)."""
        return Listing(self._annotator_id(), self.status, self.sort_key, self.descending)

    # -- rows --------------------------------------------------------------------------------

    def row_at(self, row: int) -> DocumentRow | None:
        if not 0 <= row < self._shown:
            return None
        if self._found is not None:
            return self._found[row][0]
        number = row // PAGE
        if number not in self._pages:
            self._read_page(number)
        rows = self._pages.get(number, [])
        return rows[row % PAGE] if row % PAGE < len(rows) else None

    def _read_page(self, number: int) -> None:
        # Called while the view paints: read, never emit signals here.
        project = self.session.project
        if project is None:
            return
        rows = project.documents.page(self.listing(), number * PAGE, PAGE)
        self._pages[number] = rows
        if "assigned" in self.columns:
            self._assigned.update(project.team.assigned_names(d.id for d in rows))
        for i, doc in enumerate(rows):
            self._rows[doc.id] = number * PAGE + i

    def listed_ids(self) -> list[str]:
        """The ids of every document the list shows now (its filter, or its search results)."""
        if self._found is not None:
            return [row.id for row, _snippet in self._found]
        project = self.session.project
        if project is None or not self.total:
            return []
        return [row.id for row in project.documents.page(self.listing(), 0, self.total)]

    def doc_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found else None

    def row_of(self, doc_id: str) -> int | None:
        """The row of a document, announcing rows up to it if needed; None if not listed."""
        if doc_id in self._rows or self._found is not None:
            return self._rows.get(doc_id)
        project = self.session.project
        if project is None:
            return None
        row = project.documents.position(doc_id, self.listing())
        if row is None:
            return None
        if row >= self._shown:  # announce whole pages, so that fetchMore stays page-aligned
            self._announce(min(self.total, (row // PAGE + 1) * PAGE))
        return row

    def refresh(self, doc_id: str) -> None:
        """Show a document's current status and annotation count (one row, if it is loaded)."""
        row = self._rows.get(doc_id)
        project = self.session.project
        if row is None or project is None:
            return
        fresh = project.documents.row(doc_id, self._annotator_id())
        if self._found is not None:
            self._found[row] = (fresh, self._found[row][1])
        else:
            page = self._pages.get(row // PAGE)
            if page is None or row % PAGE >= len(page):
                return
            page[row % PAGE] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _announce(self, shown: int) -> None:
        if shown > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, shown - 1)
            self._shown = shown
            self.endInsertRows()

    # -- Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._shown < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not parent.isValid():
            self._announce(min(self.total, self._shown + PAGE))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return HEADERS[self.columns[section]]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        doc = self.row_at(index.row()) if index.isValid() else None
        if doc is None or not 0 <= index.column() < len(self.columns):
            return None
        field = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(doc, field, index.row())
        if role == ID_ROLE:
            return doc.id
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "snippet"):
            return self._tooltip(doc, index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "annotations":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and field == "title" and not doc.title:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, doc: DocumentRow, field: str, row: int) -> str:
        if field == "title":
            return doc.title or "(no title)"
        if field == "snippet":
            return self._snippet(row).replace("\n", " ")
        if field == "state":
            return STATE_TEXT.get(doc.state, doc.state)
        if field == "annotations":
            return str(doc.annotations)
        if field == "assigned":
            return ", ".join(self._assigned.get(doc.id, []))
        return getattr(doc, field) or ""

    def _snippet(self, row: int) -> str:
        return self._found[row][1] if self._found is not None else ""

    def _tooltip(self, doc: DocumentRow, row: int) -> str:
        # Tooltips guess whether text is HTML; a title like "<b>Tax</b> cut" must show as typed,
        # so the tooltip is always HTML with the title escaped.
        parts = [f"<b>{html.escape(doc.title or '(no title)')}</b>"]
        facts = " · ".join(x for x in (doc.source, doc.published) if x)
        if facts:
            parts.append(html.escape(facts))
        if self._found is not None:
            parts.append(html.escape(self._snippet(row)))
        return "<p>" + "<br>".join(parts) + "</p>"
