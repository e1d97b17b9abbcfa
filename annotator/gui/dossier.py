"""An entity's dossier: its quotes, the demands it made and those made of it, corpus-wide.

A non-modal window (several may be open, one per entity). Clicking or activating a row asks
the main window to open that document and select the quote or demand there.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.offsets import paragraph_at
from annotator.core.schema import ADDRESSEE, CLAIMANT, SPEAKER
from annotator.gui.plain import plain_tooltip
from annotator.gui.session import Session
from annotator.store.dossier import ROLES, DossierEntry

#: The dossier's groups, by relation role (whatever the schema calls the relations).
ROLE_TITLES = {
    SPEAKER: "Quotes",
    CLAIMANT: "Demands made",
    ADDRESSEE: "Demands received",
}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
UNTITLED = "(untitled)"
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class DossierDialog(QDialog):
    """The dossier of one entity. ``jumpTo(document id, start)`` and
    ``annotationActivated(document id, annotation id)`` fire when a row is chosen."""

    jumpTo = Signal(str, int)
    annotationActivated = Signal(str, str)

    def __init__(self, session: Session, entity_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session, self.entity_id = session, entity_id
        self.entries: list[DossierEntry] = []

        self.heading = QLabel()
        self.heading.setObjectName("dossier-heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("dossier-entries")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Text", "Document", "Date"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        metrics = self.tree.fontMetrics()
        header.resizeSection(1, metrics.horizontalAdvance("W" * 18))
        header.resizeSection(2, metrics.horizontalAdvance("2026-03-07") + 24)
        self.context = QTextBrowser()
        self.context.setObjectName("dossier-context")
        self.context.setOpenLinks(False)
        self.context.setPlaceholderText("Choose a row to read it in its context.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.context)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        self.resize(760, 540)

        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.refresh)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show_context(item))
        self.tree.itemClicked.connect(lambda item, _col: self._choose(item))
        self.tree.itemActivated.connect(lambda item, _col: self._choose(item))
        session.changed.connect(self._changed)
        self.refresh()

    # -- content -----------------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        """Read the dossier again if the edit touched this actor (its fields or its counts)."""
        if self.entity_id in changes.entities.touched or self.entity_id in changes.entity_counts:
            self._timer.start()

    def refresh(self) -> None:
        """Read the entity and its dossier (this annotator's layer) again."""
        project = self.session.project
        self.tree.clear()
        self.entries = []
        try:
            if project is None:
                raise NotFoundError("no project is open")
            entity = project.registry.get(self.entity_id)
            self.entries = project.registry.dossier(self.entity_id, self.session.layer)
        except NotFoundError:
            self.setWindowTitle("Dossier")
            self.heading.setText("<i>This actor is no longer in the registry.</i>")
            return
        self.setWindowTitle(f"Dossier: {entity.name}")
        facts = [html.escape(entity.type or "no type")]
        if entity.wikidata:
            facts.append(html.escape(entity.wikidata))
        aliases = f"<br>Also: {html.escape('; '.join(entity.aliases))}" if entity.aliases else ""
        self.heading.setText(
            f"<b style='font-size: large'>{html.escape(entity.name)}</b> "
            f"<span>({' · '.join(facts)})</span>{aliases}"
        )
        bold = self.tree.font()
        bold.setBold(True)
        for role in ROLES:
            entries = [e for e in self.entries if e.role == role]
            group = QTreeWidgetItem([f"{ROLE_TITLES[role]} ({len(entries)})"])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(group)
            for entry in entries:
                title = entry.document_title or UNTITLED
                item = QTreeWidgetItem([_one_line(entry.text), title, entry.published])
                item.setData(0, ENTRY_ROLE, entry)
                item.setToolTip(0, plain_tooltip(entry.text))
                item.setToolTip(1, plain_tooltip(title))
                group.addChild(item)
            group.setExpanded(True)
            if not entries:
                group.setForeground(0, self.palette().placeholderText())

    def items(self, role: str | None = None) -> list[QTreeWidgetItem]:
        """The rows (not the group headings), optionally of one role only."""
        found = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None  # g is below the count
            for c in range(group.childCount()):
                item = group.child(c)
                assert item is not None
                entry: DossierEntry = item.data(0, ENTRY_ROLE)
                if role is None or entry.role == role:
                    found.append(item)
        return found

    def _show_context(self, item: QTreeWidgetItem | None) -> None:
        entry: DossierEntry | None = item.data(0, ENTRY_ROLE) if item is not None else None
        if entry is None:
            self.context.clear()
            return
        text = self._document_text(entry.document_id)
        # The context stays in the entry's paragraph; "…" where it was cut short.
        before, after = entry.before, entry.after
        lead = trail = ""
        whole_before = PARAGRAPH_BREAK.split(before)
        if len(whole_before) > 1:
            before = whole_before[-1]
        elif entry.start > len(before):  # cut: start at a whole word
            lead = "…"
            if " " in before:
                before = before.split(" ", 1)[1]
        whole_after = PARAGRAPH_BREAK.split(after)
        if len(whole_after) > 1:
            after = whole_after[0]
        elif text is None or entry.end + len(after) < len(text):
            trail = "…"
            if " " in after.strip():
                after = after.rsplit(" ", 1)[0]
        self.context.setHtml(
            f"<p style='color: gray'>{html.escape(self.where(entry, text))}</p>"
            f"<p>{lead}{html.escape(before)}<b>{html.escape(entry.text)}</b>"
            f"{html.escape(after)}{trail}</p>"
        )

    @staticmethod
    def where(entry: DossierEntry, text: str | None) -> str:
        """The line above the context: "Talks stall · 2026-03-14 · paragraph 3 of 7 · Quote",
        leaving out what is not known (no date, a text of one paragraph)."""
        parts = [entry.document_title or UNTITLED, entry.published]
        if text is not None:
            number, total = paragraph_at(text, entry.start)
            if total > 1:
                parts.append(f"paragraph {number} of {total}")
        parts.append(entry.label)
        return " · ".join(part for part in parts if part)

    def _document_text(self, doc_id: str) -> str | None:
        project = self.session.project
        if project is None:
            return None
        try:
            return project.documents.text(doc_id)
        except AnnotatorError:  # deleted meanwhile
            return None

    def _choose(self, item: QTreeWidgetItem) -> None:
        entry: DossierEntry | None = item.data(0, ENTRY_ROLE)
        if entry is None:
            return
        self.jumpTo.emit(entry.document_id, entry.start)
        self.annotationActivated.emit(entry.document_id, entry.annotation_id)
