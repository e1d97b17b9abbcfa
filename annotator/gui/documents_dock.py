"""The Documents dock: every document of the project in one list, filtered, sorted, searched.

Moving the current row (click, arrow keys) opens that document (``documentActivated``), as in
a mail reader; the list itself is :class:`DocumentsModel`, lazy over the store.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.gui.documents_model import LIST_COLUMNS, SEARCH_COLUMNS, SEARCH_LIMIT, DocumentsModel
from annotator.gui.session import Session
from annotator.gui.snippets import SnippetDelegate

FILTERS = (("All", None), ("New", "new"), ("In progress", "in_progress"), ("Done", "done"))


class _SearchField(QLineEdit):
    """The search box: Escape clears it, Down goes on to the list."""

    escaped = Signal()
    down = Signal()

    def event(self, event: QEvent) -> bool:
        # A window-wide Escape shortcut would otherwise take the key away from the field.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        elif event.key() == Qt.Key.Key_Down:
            self.down.emit()
        else:
            super().keyPressEvent(event)


class DocumentsDock(QDockWidget):
    """The list of documents with a status filter and a search field."""

    documentActivated = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Documents", parent)
        self.setObjectName("documents")
        self.session = session
        self.model = DocumentsModel(session, self)
        self._current: str | None = None  # the document the list points at (kept across resets)
        self._quiet = False  # moving the current row from code: do not open the document

        self.search = _SearchField(placeholderText="Search titles and texts")
        self.search.setObjectName("documents-search")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox()
        self.filter.setObjectName("documents-filter")
        for text, status in FILTERS:
            self.filter.addItem(text, status)
        self.filter.setToolTip("Show documents with this status (yours)")
        self.view = QTableView()
        self.view.setObjectName("documents-view")
        self.summary = QLabel()
        self.summary.setObjectName("documents-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self._setup_view()

        body = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.setWidget(body)

        # Typing waits for a pause before searching 100,000 texts; Enter searches at once.
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.escaped.connect(self._clear_search)
        self.search.down.connect(self._enter_list)
        self.filter.currentIndexChanged.connect(
            lambda _i: self.model.set_status_filter(self.filter.currentData())
        )
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        session.projectOpened.connect(self._project_opened)
        session.corpusChanged.connect(self.reload)
        session.changed.connect(self._changed)
        if session.project is not None:
            self.reload()

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows can be selected (Ctrl or Shift and a click or an arrow), to export them
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = view.verticalHeader()
        rows.hide()
        # One fixed height for every row: the view then never measures rows, at any count.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)  # a third click goes back to import order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title: the rest
        samples = ("Reuters", "2024-12-31", "in progress", "Annotations")
        for column, sample in enumerate(samples, start=1):
            header.resizeSection(column, view.fontMetrics().horizontalAdvance(sample) + 20)
        view.setSortingEnabled(True)
        view.installEventFilter(self)
        # A search's Match column: the snippet cut around its match, never before it.
        self.snippets = SnippetDelegate(view)
        view.setItemDelegateForColumn(len(LIST_COLUMNS), self.snippets)

    # -- public interface ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again (a project was opened or documents were imported)."""
        self.model.reload()

    def select(self, doc_id: str) -> None:
        """Make ``doc_id`` the current row and scroll to it, without opening it again."""
        self._current = doc_id
        current = self.view.currentIndex()
        if current.isValid() and self.model.doc_id(current.row()) == doc_id:
            self.view.scrollTo(current)
            return
        self._point_at(doc_id)

    def selected_ids(self) -> list[str]:
        """The ids of the documents selected in the list, from top to bottom."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [doc_id for row in rows if (doc_id := self.model.doc_id(row)) is not None]

    def focus_search(self) -> None:
        self.show()
        self.raise_()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def next_id(self, doc_id: str, not_done: bool = False) -> str | None:
        """The next document in import order (with ``not_done``: the next one not done)."""
        project, layer = self.session.project, self.session.layer
        if project is None or layer is None:
            return None
        return project.documents.neighbour(doc_id, 1, layer.annotator_id, not_done=not_done)

    def previous_id(self, doc_id: str) -> str | None:
        project, layer = self.session.project, self.session.layer
        if project is None or layer is None:
            return None
        return project.documents.neighbour(doc_id, -1, layer.annotator_id)

    # -- keeping the current row -------------------------------------------------------------

    def _point_at(self, doc_id: str | None) -> None:
        row = self.model.row_of(doc_id) if doc_id else None
        selection = self.view.selectionModel()
        self._quiet = True
        try:
            if row is None:
                selection.clear()
                return
            index = self.model.index(row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(index, flags)
            # a jump from elsewhere lands mid-list, with context above and below it
            visible = self.view.viewport().rect().contains(self.view.visualRect(index).center())
            hint = QAbstractItemView.ScrollHint
            self.view.scrollTo(index, hint.EnsureVisible if visible else hint.PositionAtCenter)
        finally:
            self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = self.model.doc_id(current.row()) if current.isValid() else None
        if doc_id is None:  # the list was reset: keep pointing at the same document
            return
        self._current = doc_id
        if not self._quiet:
            self.documentActivated.emit(doc_id)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = self.model.doc_id(index.row())
        if doc_id is not None:
            self.documentActivated.emit(doc_id)

    def _after_reset(self) -> None:
        self._show_columns()
        self.view.scrollToTop()  # a reset keeps the old scroll position, now meaningless
        self._point_at(self._current)
        self._update_summary()

    def _project_opened(self) -> None:
        # another project: start from its whole list (the filter and sort order stay)
        self._current = None
        self.search.clear()
        self._search_timer.stop()
        self.model.query = ""
        self.reload()

    def _changed(self, changes: Changes) -> None:
        """Documents added or removed: read the list again; otherwise refresh the rows of the
        documents whose status or annotation count the edit may have changed (one row each)."""
        if changes.documents.added or changes.documents.removed:
            self.reload()
            return
        for doc_id in changes.touched_documents:
            self.model.refresh(doc_id)

    # -- searching ---------------------------------------------------------------------------

    def _run_search(self) -> None:
        self._search_timer.stop()
        if self.search.text().strip() != self.model.query:
            self.model.set_query(self.search.text())

    def _search_now(self) -> None:
        self._run_search()
        self._enter_list()

    def _clear_search(self) -> None:
        if self.search.text():
            self.search.clear()
            self._run_search()
        else:
            self._enter_list()

    def _enter_list(self) -> None:
        """Go from the search field to the list; with no current row, open the first one."""
        if self.model.rowCount() == 0:
            return
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Escape in the list also leaves a search, back to the whole list.
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self._clear_search()
            return True
        return super().eventFilter(watched, event)

    # -- looks -------------------------------------------------------------------------------

    def _show_columns(self) -> None:
        # Search results show the title and the match; the rest would crowd a narrow dock (the
        # title's tooltip names source and date; the filter still picks a status).
        searching = self.model.columns == SEARCH_COLUMNS
        # the match's delegate only on the Match column (the list's may say who it is for)
        self.view.setItemDelegateForColumn(len(LIST_COLUMNS), self.snippets if searching else None)  # type: ignore[arg-type]
        for column, field in enumerate(self.model.columns):
            hide = searching and field in ("source", "published", "state", "annotations")
            self.view.setColumnHidden(column, hide)
        header = self.view.horizontalHeader()
        if searching:  # the match gets the room: the title a quarter, elided
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, max(50, self.view.viewport().width() // 4))
            header.setSectionResizeMode(len(LIST_COLUMNS), QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _update_summary(self) -> None:
        model, project = self.model, self.session.project
        if project is None:
            text = ""
        elif model.query:
            more = " (the best ones)" if model.total >= SEARCH_LIMIT else ""
            text = f"{model.total:,} matching documents{more}" if model.total else "No matches"
        elif model.status is not None:
            label = self.filter.currentText().lower()
            text = f"{model.total:,} of {project.documents.count():,} documents ({label})"
        else:
            text = f"{model.total:,} documents"
        self.summary.setText(text)
