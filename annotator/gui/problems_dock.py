"""The Problems panel: unfinished annotations across the project (a quote without a speaker,
a demand without a claimant, a mention not linked to the registry), in document order.

Activating an entry opens its document with the annotation selected. The list is re-read from
the store after edits, at most once per short pause, and only while the panel is visible.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.session import Session
from annotator.store.problems import Problem

#: At most this many entries are listed (the count above the list is always complete).
SHOWN_MAX = 2000
#: Edits come in bursts (propagation, undo of many); re-read once they pause.
REFRESH_DELAY_MS = 150

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ANN_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ProblemsDock(QDockWidget):
    """A list of :meth:`Project.problems`; emits ``annotationActivated(doc_id, ann_id)``."""

    annotationActivated = Signal(str, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Problems", parent)
        self.setObjectName("problems")
        self.session = session
        self.problems: list[Problem] = []
        self._stale = True

        self.only_document = QCheckBox("This document only")
        self.only_document.setObjectName("problems-this-document")
        self.summary = QLabel()
        self.summary.setObjectName("problems-summary")
        self.view = QTreeWidget()
        self.view.setObjectName("problems-view")
        self.view.setHeaderLabels(["Document", "Problem"])
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setColumnWidth(0, 160)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_document)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.view.itemActivated.connect(self._activated)
        self.only_document.toggled.connect(lambda _on: self.refresh())
        self.visibilityChanged.connect(self._shown)
        session.projectOpened.connect(self.refresh)
        session.annotationsChanged.connect(self.schedule)
        session.documentsChanged.connect(self.schedule)
        session.registryChanged.connect(self.schedule)
        session.documentOpened.connect(self._document_opened)

    # -- refreshing ------------------------------------------------------------------------

    def schedule(self) -> None:
        """Re-read soon (several edits in a row cause one re-read)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _shown(self, visible: bool) -> None:
        if visible and self._stale:
            self.refresh()

    def _document_opened(self) -> None:
        if self.only_document.isChecked():
            self.refresh()

    def refresh(self) -> None:
        """Re-read the problems from the project now."""
        self._timer.stop()
        self._stale = False
        project = self.session.project
        document = self.session.document
        problems: list[Problem] = []
        if project is not None:
            only = document.id if self.only_document.isChecked() and document else None
            if not self.only_document.isChecked() or only is not None:
                try:
                    problems = project.problems(only)
                except AnnotatorError as exc:  # e.g. the document was deleted meanwhile
                    self.summary.setText(str(exc))
        self.problems = problems
        self._fill()

    def _fill(self) -> None:
        self.view.clear()
        items = []
        for problem in self.problems[:SHOWN_MAX]:
            title = problem.document_title or "(untitled)"
            item = QTreeWidgetItem([title, problem.message])
            item.setToolTip(0, title)
            item.setToolTip(1, f"{problem.message}\n(offset {problem.start})")
            item.setData(0, DOC_ID_ROLE, problem.document_id)
            item.setData(0, ANN_ID_ROLE, problem.annotation_id)
            items.append(item)
        self.view.addTopLevelItems(items)
        count = len(self.problems)
        if count == 0:
            text = "No problems"
        elif count > SHOWN_MAX:
            text = f"{count} problems (the first {SHOWN_MAX} listed)"
        else:
            text = f"{count} problem{'s' if count != 1 else ''}"
        self.summary.setText(text)

    # -- activating ------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        doc_id = item.data(0, DOC_ID_ROLE)
        ann_id = item.data(0, ANN_ID_ROLE)
        if doc_id and ann_id:
            self.annotationActivated.emit(doc_id, ann_id)

    def activate(self, row: int) -> None:
        """Open the problem in ``row`` (as a double click or Enter does)."""
        item = self.view.topLevelItem(row)
        if item is not None:
            self.view.setCurrentItem(item)
            self._activated(item)
