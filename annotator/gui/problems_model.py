"""The Problems list as a lazy Qt model: unfinished annotations of this annotator's layer.

A corpus of 100,000 documents may have hundreds of thousands of problems, so the model reads
them a page at a time as the view scrolls (``fetchMore``), by documents in import order: a
page ends at a document boundary, so the rows read so far are every problem of the documents
up to ``complete_to`` (a document seq). The total is one count by SQLite, made when the list
is first shown. After an edit only the documents the change record names are read again: their
rows are replaced in place, and the total moves by the difference.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.core.changes import Changes
from annotator.gui.plain import plain_tooltip
from annotator.gui.session import Session
from annotator.store.problems import Problem

Index = QModelIndex | QPersistentModelIndex

PAGE = 500  # problems read at a time (more when one document has more)
#: An edit touching more documents than this (e.g. deleting a much-mentioned actor) reads the
#: list again instead of document by document.
RELOAD_ABOVE = 200
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ANN_ID_ROLE = Qt.ItemDataRole.UserRole + 2
HEADERS = ("Document", "Problem")


class ProblemsModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[Problem] = []
        self.only_document: str | None = None  # list one document's problems only
        self.loaded = False
        self.total = 0
        self._per_document: dict[str, int] = {}
        self.complete_to: int | None = None  # seq up to which every problem is in rows
        self.exhausted = True

    # -- reading ----------------------------------------------------------------------------

    def reload(self, only_document: str | None = None) -> None:
        """Read the count and the first page (when shown, and after large changes)."""
        layer = self.session.layer
        self.beginResetModel()
        self.only_document = only_document
        self.rows, self.complete_to, self.exhausted = [], None, False
        if layer is None:
            self._per_document, self.exhausted = {}, True
        elif only_document is not None:
            self.rows = layer.problems(only_document) if only_document else []
            self._per_document = {only_document: len(self.rows)} if self.rows else {}
            self.exhausted = True
        else:
            self._per_document = layer.problem_counts()
            self._read_page()
        self.total = sum(self._per_document.values())
        self.loaded = layer is not None
        self.endResetModel()

    def _next_page(self) -> tuple[list[Problem], bool]:
        """The problems of the next documents (whole documents only) and whether they are the
        last ones."""
        layer = self.session.layer
        if layer is None or self.exhausted:
            return [], True
        page = layer.problems(limit=PAGE, after_seq=self.complete_to)
        if len(page) < PAGE:
            return page, True
        last = page[-1].document_seq
        kept = [p for p in page if p.document_seq != last]
        # one document with a page of problems or more: all of it
        return kept or layer.problems(page[-1].document_id), False

    def _read_page(self) -> None:
        page, self.exhausted = self._next_page()
        if page:
            self.complete_to = page[-1].document_seq
            self.rows.extend(page)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.loaded and not self.exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self.canFetchMore(parent):
            return
        page, exhausted = self._next_page()
        if page:
            at = len(self.rows)
            self.beginInsertRows(QModelIndex(), at, at + len(page) - 1)
            self.rows.extend(page)
            self.complete_to = page[-1].document_seq
            self.endInsertRows()
        self.exhausted = exhausted

    # -- following edits ------------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Read again the problems of the documents the edit touched, and only those."""
        if not self.loaded or self.session.layer is None:
            return
        if changes.documents.added or changes.documents.removed:
            self.reload(self.only_document)
            return
        touched = changes.touched_documents
        if self.only_document is not None:
            touched = touched & {self.only_document}
        if len(touched) > RELOAD_ABOVE:
            self.reload(self.only_document)
            return
        for doc_id in sorted(touched):
            self._replace_document(doc_id)

    def _replace_document(self, doc_id: str) -> None:
        layer = self.session.layer
        assert layer is not None
        fresh = layer.problems(doc_id)
        self.total += len(fresh) - self._per_document.get(doc_id, 0)
        if fresh:
            self._per_document[doc_id] = len(fresh)
        else:
            self._per_document.pop(doc_id, None)
        old = [i for i, p in enumerate(self.rows) if p.document_id == doc_id]
        if old:
            first, last = old[0], old[-1]
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.rows[first : last + 1]
            self.endRemoveRows()
            at = first
        elif fresh:
            seq = fresh[0].document_seq
            if self.complete_to is not None and seq > self.complete_to and not self.exhausted:
                return  # not read yet: a later page will bring them
            at = bisect.bisect_right([p.document_seq for p in self.rows], seq)
        else:
            return
        if fresh:
            self.beginInsertRows(QModelIndex(), at, at + len(fresh) - 1)
            self.rows[at:at] = fresh
            self.endInsertRows()

    # -- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        problem = self.rows[index.row()]
        title = problem.document_title or "(untitled)"
        if role == Qt.ItemDataRole.DisplayRole:
            return title if index.column() == 0 else problem.message
        if role == Qt.ItemDataRole.ToolTipRole:
            text = title if index.column() == 0 else f"{problem.message}\n(offset {problem.start})"
            return plain_tooltip(text)
        if role == DOC_ID_ROLE:
            return problem.document_id
        if role == ANN_ID_ROLE:
            return problem.annotation_id
        return None
