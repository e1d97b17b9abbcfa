"""Tagging all occurrences: a preview of where an actor's names (or a literal text) occur and are
not tagged yet, one checkable row each, and Apply to tag the kept ones in one undo step.

The preview is :meth:`Project.propagation_preview`; it reads only the documents the full-text
index points to, so even the corpus-wide query runs on the GUI thread (a wait cursor shows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.mention_commands import ApplyPropagation, mention_label
from annotator.gui.plain import plain_tooltip
from annotator.gui.session import Session
from annotator.store.actors import Occurrence

THIS_DOCUMENT, ALL_DOCUMENTS = "document", "all"


def flat(text: str) -> str:
    """Context on one line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def context_line(occ: Occurrence) -> str:
    """The occurrence in its context, on one line of plain text: …before [match] after…"""
    before, after = flat(occ.context_before), flat(occ.context_after)
    if occ.context_before[:1].isspace():
        before = " " + before
    if occ.context_after[-1:].isspace():
        after += " "
    return f"…{before}[{occ.text}]{after}…"


class PropagationDialog(QDialog):
    """Preview and apply the propagation of an entity's names (or of ``text``)."""

    def __init__(
        self,
        session: Session,
        occurrences: list[Occurrence] | None = None,
        parent: QWidget | None = None,
        *,
        entity_id: str | None = None,
        text: str | None = None,
        label: str | None = None,
        scope: str = ALL_DOCUMENTS,
    ) -> None:
        """``label``: what to tag the occurrences as; by default the schema's actor label."""
        super().__init__(parent)
        assert session.project is not None
        label = label if label is not None else mention_label(session.project.schema)
        if label is None:
            raise ValueError("the schema has no label linked to the actor registry")
        self.session, self.entity_id, self.text, self.label = session, entity_id, text, label
        self.occurrences: list[Occurrence] = []
        self.setWindowTitle("Tag all occurrences")
        self.resize(820, 480)
        self.heading = QLabel(self._heading())
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.scope = QComboBox()
        self.scope.setObjectName("propagation-scope")
        if session.document is not None:
            self.scope.addItem("This document", THIS_DOCUMENT)
        self.scope.addItem("All documents", ALL_DOCUMENTS)
        self.scope.setCurrentIndex(max(self.scope.findData(scope), 0))
        self.tree = QTreeWidget()
        self.tree.setObjectName("propagation-list")
        self.tree.setHeaderLabels(["Document", "Occurrence"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setColumnWidth(0, 220)
        self.count = QLabel()
        self.count.setObjectName("propagation-count")
        self.keep_all = QPushButton("Keep all")
        self.skip_all = QPushButton("Skip all")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        top = QHBoxLayout()
        top.addWidget(QLabel("Look in:"))
        top.addWidget(self.scope)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keep_all)
        bottom.addWidget(self.skip_all)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

        self.scope.activated.connect(lambda _i: self.requery())
        self.keep_all.clicked.connect(lambda: self.set_all(True))
        self.skip_all.clicked.connect(lambda: self.set_all(False))
        self.tree.itemChanged.connect(lambda _item, _column: self._update_count())
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        if occurrences is None:
            self.requery()
        else:
            self.show_occurrences(occurrences)

    def _heading(self) -> str:
        assert self.session.project is not None
        if self.text is not None:
            what = f"“{self.text}”"
        else:
            assert self.entity_id is not None
            entity = self.session.project.registry.get(self.entity_id)
            what = f"“{entity.name}” and its aliases" if entity.aliases else f"“{entity.name}”"
        linked = ", linked to the actor" if self.entity_id is not None else ""
        return f"Tag the untagged occurrences of {what} as {self.label}{linked}. Untick to skip."

    # -- the list ------------------------------------------------------------------------

    def requery(self) -> None:
        """Ask the project again for the occurrences in the chosen scope."""
        project = self.session.project
        assert project is not None
        document = None
        if self.scope.currentData() == THIS_DOCUMENT and self.session.document is not None:
            document = self.session.document.id
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            assert self.session.layer is not None
            found = project.registry.propagation_preview(
                self.entity_id,
                text=self.text,
                document=document,
                label=self.label,
                layer=self.session.layer,
            )
        except AnnotatorError as exc:
            found = []
            self.heading.setText(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        self.show_occurrences(found)

    def show_occurrences(self, occurrences: list[Occurrence]) -> None:
        self.occurrences = list(occurrences)
        self.tree.blockSignals(True)
        self.tree.clear()
        items = []
        for i, occ in enumerate(self.occurrences):
            item = QTreeWidgetItem([flat(occ.title) or "(untitled)", context_line(occ)])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            context = f"{occ.context_before}[{occ.text}]{occ.context_after}"
            item.setToolTip(1, plain_tooltip(context))
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.blockSignals(False)
        if items:
            self.tree.setCurrentItem(items[0])
        self._update_count()

    def _row(self, row: int) -> QTreeWidgetItem:
        item = self.tree.topLevelItem(row)
        assert item is not None
        return item

    def set_all(self, keep: bool) -> None:
        state = Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked
        self.tree.blockSignals(True)
        for i in range(self.tree.topLevelItemCount()):
            self._row(i).setCheckState(0, state)
        self.tree.blockSignals(False)
        self._update_count()

    def set_kept(self, row: int, keep: bool) -> None:
        state = Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked
        self._row(row).setCheckState(0, state)

    def kept(self) -> list[Occurrence]:
        return [
            self.occurrences[i]
            for i in range(self.tree.topLevelItemCount())
            if self._row(i).checkState(0) == Qt.CheckState.Checked
        ]

    def _update_count(self) -> None:
        total = len(self.occurrences)
        documents = len({o.document_id for o in self.occurrences})
        kept = len(self.kept())
        if total == 0:
            self.count.setText("No untagged occurrences.")
        else:
            self.count.setText(
                f"{kept} of {total} occurrence{'s' if total != 1 else ''} in {documents} "
                f"document{'s' if documents != 1 else ''} kept"
            )
        self.apply_button.setText(f"Tag {kept}")
        self.apply_button.setEnabled(kept > 0)

    # -- applying ------------------------------------------------------------------------

    def apply(self) -> None:
        kept = self.kept()
        if not kept:
            return
        command = ApplyPropagation(self.session, kept, self.entity_id, self.label)
        if self.session.perform(command):
            self.accept()


def open_propagation(
    session: Session,
    parent: QWidget | None,
    *,
    entity_id: str | None = None,
    text: str | None = None,
    label: str | None = None,
) -> PropagationDialog:
    """Show the dialog (non-modal would let the text change under the preview: it is modal)."""
    dialog = PropagationDialog(session, None, parent, entity_id=entity_id, text=text, label=label)
    dialog.setModal(True)
    dialog.open()
    return dialog
