"""The reader's context menu: link a mention to an actor, unlink it, make a new actor from it,
and tag all occurrences of a name (of a linked mention's actor, or of the selected text).

A right click on a selection acts on the selected text; elsewhere it acts on the innermost
mention (an annotation of a label linked to the registry) under the mouse, which it selects.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

from annotator.core.model import Annotation
from annotator.gui.entity_link import entity_name, pick_entity
from annotator.gui.mention_commands import LinkMention, NewActorFromMention, mention_label
from annotator.gui.propagation_dialog import open_propagation
from annotator.gui.reader import ReaderView
from annotator.gui.session import Session
from annotator.gui.settings import Settings

_NAME_MAX = 40


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= _NAME_MAX else flat[: _NAME_MAX - 1] + '…'}”"


class ReaderMenu(QObject):
    """Builds and shows the reader's context menu (installed on the reader by the window)."""

    def __init__(
        self, session: Session, reader: ReaderView, settings: Settings | None = None
    ) -> None:
        super().__init__(reader)
        self.session, self.reader, self.settings = session, reader, settings
        reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        reader.customContextMenuRequested.connect(self.show_menu)

    def show_menu(self, pos: QPoint) -> None:
        """``pos`` is in viewport coordinates (Qt maps it so for scroll areas)."""
        menu = self.build(pos)
        if menu is not None and not menu.isEmpty():
            menu.exec(self.reader.viewport().mapToGlobal(pos))

    # -- what was clicked ----------------------------------------------------------------

    def _entity_labels(self) -> list[str]:
        project = self.session.project
        return [s.name for s in project.schema.labels if s.entity] if project else []

    def _selected_text(self, qt_position: int) -> tuple[int, int] | None:
        cursor = self.reader.textCursor()
        if not cursor.hasSelection():
            return None
        if not cursor.selectionStart() <= qt_position <= cursor.selectionEnd():
            return None
        words = self.settings.snap_to_words if self.settings is not None else True
        return self.reader.selection_span(words=words)

    def _mention_at(self, qt_position: int) -> Annotation | None:
        labels = set(self._entity_labels())
        for ann_id in self.reader.annotations_at(qt_position):
            ann = self.session.annotations.get(ann_id)
            if ann is not None and ann.label in labels:
                return ann
        return None

    # -- the menu ------------------------------------------------------------------------

    def build(self, pos: QPoint) -> QMenu | None:
        """The menu for a right click at viewport point ``pos`` (None: nothing to offer)."""
        if self.session.project is None or self.session.document is None:
            return None
        qt_position = self.reader.cursorForPosition(pos).position()
        menu = QMenu(self.reader)
        menu.setObjectName("reader-menu")
        span = self._selected_text(qt_position)
        if span is not None:
            self._selection_actions(menu, span)
            return menu
        mention = self._mention_at(qt_position)
        if mention is not None:
            self.session.select(mention.id)
            self._mention_actions(menu, mention)
        return menu

    def _selection_actions(self, menu: QMenu, span: tuple[int, int]) -> None:
        assert self.session.document is not None and self.session.project is not None
        label = mention_label(self.session.project.schema)
        text = self.session.document.text[span[0] : span[1]].strip()
        if label is not None and text:
            found = self.session.project.registry.match(text)
            entity_id = found[0].id if len(found) == 1 else None
            action = menu.addAction(f"Tag all occurrences of {_quoted(text)}…")
            action.setObjectName("tag-all-occurrences")
            action.triggered.connect(
                lambda: self.propagate(entity_id=entity_id, text=text, label=label)
            )
        menu.addAction("Copy", self.reader.copy)

    def _mention_actions(self, menu: QMenu, ann: Annotation) -> None:
        link = menu.addAction("Link to actor…", lambda: self.link_to(ann.id))
        link.setObjectName("link-to-actor")
        unlink = menu.addAction(
            "Unlink", lambda: self.session.perform(LinkMention(self.session, ann.id, None))
        )
        unlink.setObjectName("unlink")
        unlink.setEnabled(ann.entity is not None)
        new = menu.addAction(
            "New actor from this mention",
            lambda: self.session.perform(NewActorFromMention(self.session, ann.id)),
        )
        new.setObjectName("new-actor")
        new.setEnabled(ann.entity is None)
        menu.addSeparator()
        name = entity_name(self.session, ann.entity)
        if name is not None:
            action = menu.addAction(
                f"Tag all occurrences of {_quoted(name)}…",
                lambda: self.propagate(entity_id=ann.entity, label=ann.label),
            )
        else:
            action = menu.addAction(
                f"Tag all occurrences of {_quoted(ann.text)}…",
                lambda: self.propagate(text=ann.text, label=ann.label),
            )
        action.setObjectName("tag-all-occurrences")

    # -- the actions ---------------------------------------------------------------------

    def link_to(self, ann_id: str) -> None:
        ann = self.session.annotations.get(ann_id)
        if ann is None:
            return
        entity_id = pick_entity(self.session, ann.text, self.reader)
        if entity_id is not None and entity_id != ann.entity:
            self.session.perform(LinkMention(self.session, ann_id, entity_id))

    def propagate(
        self, *, label: str, entity_id: str | None = None, text: str | None = None
    ) -> None:
        open_propagation(
            self.session, self.reader.window(), entity_id=entity_id, text=text, label=label
        )
