"""The Problems panel: unfinished annotations of this annotator's layer (a quote without a
speaker, a demand without a claimant, a mention not linked to the registry), in document order.

Activating an entry opens its document with the annotation selected. Nothing is read before
the panel is first shown; then the list is read lazily (see gui/problems_model.py), and each
edit re-reads only the problems of the documents it touched.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.gui.problems_model import ANN_ID_ROLE, DOC_ID_ROLE, ProblemsModel
from annotator.gui.session import Session
from annotator.store.problems import Problem

__all__ = ["ANN_ID_ROLE", "DOC_ID_ROLE", "ProblemsDock"]


class ProblemsDock(QDockWidget):
    """Emits ``annotationActivated(doc_id, ann_id)`` when an entry is opened."""

    annotationActivated = Signal(str, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Problems", parent)
        self.setObjectName("problems")
        self.session = session
        self.model = ProblemsModel(session, self)

        self.only_document = QCheckBox("This document only")
        self.only_document.setObjectName("problems-this-document")
        self.summary = QLabel()
        self.summary.setObjectName("problems-summary")
        self.view = QTreeView()
        self.view.setObjectName("problems-view")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
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

        self.view.activated.connect(self._activated)
        self.only_document.toggled.connect(lambda _on: self.refresh())
        self.visibilityChanged.connect(self._shown)
        session.projectOpened.connect(self._project_opened)
        session.corpusChanged.connect(self._project_opened)
        session.changed.connect(self._changed)
        session.documentOpened.connect(self._document_opened)

    @property
    def problems(self) -> list[Problem]:
        """The problems listed so far (more are read as the list scrolls)."""
        return self.model.rows

    # -- refreshing ------------------------------------------------------------------------

    def _project_opened(self) -> None:
        self.model.loaded = False
        # isVisible() is true for a dock behind another's tab, too: on screen is what counts
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.refresh()

    def _shown(self, visible: bool) -> None:
        if visible and not self.model.loaded:
            self.refresh()

    def _document_opened(self) -> None:
        if self.only_document.isChecked() and self.model.loaded:
            self.refresh()

    def _changed(self, changes: Changes) -> None:
        if self.model.loaded:
            self.model.apply(changes)
            self._update_summary()

    def refresh(self) -> None:
        """Read the problems from the project now (the count, and the first page)."""
        document = self.session.document
        if self.only_document.isChecked():
            self.model.reload(document.id if document is not None else "")
        else:
            self.model.reload()
        self._update_summary()

    def _update_summary(self) -> None:
        count = self.model.total
        text = "No problems" if count == 0 else f"{count:,} problem{'s' if count != 1 else ''}"
        self.summary.setText(text)

    # -- activating ------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID_ROLE)
        ann_id = index.data(ANN_ID_ROLE)
        if doc_id and ann_id:
            self.annotationActivated.emit(doc_id, ann_id)

    def activate(self, row: int) -> None:
        """Open the problem in ``row`` (as a double click or Enter does)."""
        index = self.model.index(row, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self._activated(index)
