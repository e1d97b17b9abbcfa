"""Linking mentions to the actor registry: the editor's "Actor" row, the menu that resolves an
ambiguous name, and a small dialog to choose an actor by (fuzzy) name.

Suggestions come from ``project.registry.suggest`` (rapidfuzz on names and aliases), so the
completer shows them as they are, without filtering them again by prefix.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Entity
from annotator.gui.commands import StoreCommand
from annotator.gui.mention_commands import LinkMention, NewActorFromMention
from annotator.gui.session import Session

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTIONS = 12


def describe(entity: Entity) -> str:
    """One line naming an entity: "Sergei Karamov (person)"."""
    return f"{entity.name} ({entity.type})" if entity.type else entity.name


def entity_name(session: Session, entity_id: str | None) -> str | None:
    if entity_id is None or session.project is None:
        return None
    try:
        return session.project.registry.get(entity_id).name
    except AnnotatorError:  # deleted meanwhile
        return None


def choose_among(session: Session, parent: QWidget, ids: list[str], at: QPoint) -> str | None:
    """A menu of candidate entities at global point ``at``: the chosen id, or None (for
    "Leave unlinked" or Esc). Arrow keys and Enter work; the first candidate is active."""
    assert session.project is not None
    menu = QMenu(parent)
    menu.setObjectName("ambiguous-actor-menu")
    menu.addSection("Which actor is this?")
    first = None
    for entity_id in ids:
        action = menu.addAction(describe(session.project.registry.get(entity_id)))
        action.setData(entity_id)
        first = first or action
    menu.addSeparator()
    menu.addAction("Leave unlinked").setData(None)
    if first is not None:
        menu.setActiveAction(first)
    chosen = menu.exec(at, first)
    return chosen.data() if chosen is not None else None


class SuggestionCompleter(QCompleter):
    """A completer over the registry's fuzzy suggestions for what is typed; ``chosen(id)``."""

    chosen = Signal(str)

    def __init__(self, session: Session, line: QLineEdit) -> None:
        super().__init__(line)
        self.session = session
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(SUGGESTIONS)
        line.setCompleter(self)
        line.textEdited.connect(self.update_suggestions)
        self.activated[QModelIndex].connect(self._activated)  # type: ignore[index]

    def update_suggestions(self, text: str) -> None:
        self.items.clear()
        project = self.session.project
        if project is None or not text.strip():
            return
        for entity, _score in project.registry.suggest(text, SUGGESTIONS):
            item = QStandardItem(describe(entity))
            item.setData(entity.id, ID_ROLE)
            self.items.appendRow(item)
        self.complete()

    def _activated(self, index: QModelIndex) -> None:
        entity_id = index.data(ID_ROLE)
        if entity_id:
            self.chosen.emit(entity_id)

    def best(self, text: str) -> str | None:
        """For Enter without choosing: the suggestion shown as ``text``, else the first."""
        rows = [self.items.item(i) for i in range(self.items.rowCount())]
        exact = [item for item in rows if item.text() == text]
        return (exact or rows)[0].data(ID_ROLE) if rows else None


class EntityLinkField(QWidget):
    """The editor's "Actor" row: the linked actor, a field to link to another one, and the
    buttons "New actor from this mention" and "Unlink"."""

    def __init__(self, session: Session, run: Callable[[StoreCommand], None]) -> None:
        super().__init__()
        self.session, self._run = session, run
        self.ann_id: str | None = None
        self.current = QLabel()
        self.current.setObjectName("linked-actor")
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.line = QLineEdit()
        self.line.setObjectName("link-actor")
        self.line.setPlaceholderText("Link to… (type a name)")
        self.completer = SuggestionCompleter(session, self.line)
        self.new_button = QPushButton("New actor")
        self.new_button.setObjectName("new-actor-from-mention")
        self.new_button.setToolTip("New actor from this mention: named by its text, and linked")
        self.unlink_button = QPushButton("Unlink")
        self.unlink_button.setObjectName("unlink-actor")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.current, 1)
        top.addWidget(self.unlink_button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.line, 1)
        bottom.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.completer.chosen.connect(self.link)
        self.line.returnPressed.connect(self._enter)
        self.new_button.clicked.connect(self._new_actor)
        self.unlink_button.clicked.connect(lambda: self.link(None))
        session.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.entities:
            self._registry_changed()

    def _registry_changed(self) -> None:
        ann = self.session.annotations.get(self.ann_id) if self.ann_id else None
        if ann is not None:
            self.show_annotation(ann)

    def show_annotation(self, ann: Annotation) -> None:
        self.ann_id = ann.id
        name = entity_name(self.session, ann.entity)
        self.current.setText(name or "(not linked)")
        self.current.setEnabled(name is not None)
        self.unlink_button.setEnabled(ann.entity is not None)

    def link(self, entity_id: str | None) -> None:
        ann = self.session.annotations.get(self.ann_id) if self.ann_id else None
        # The completer writes its choice into the field after this; clear it afterwards.
        QTimer.singleShot(0, self.line.clear)
        if ann is not None and ann.entity != entity_id:
            self._run(LinkMention(self.session, ann.id, entity_id))

    def _enter(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            if popup.currentIndex().isValid():
                return  # a suggestion is highlighted: the completer's own activation links it
            popup.hide()  # none highlighted (say, the only one): Enter takes the best
        text = self.line.text().strip()
        best = self.completer.best(text) if text else None
        if best is not None:
            self.link(best)

    def _new_actor(self) -> None:
        if self.ann_id is not None:
            self._run(NewActorFromMention(self.session, self.ann_id))


class EntityPicker(QDialog):
    """Choose an actor by name: a field and the suggestions for it, best first."""

    def __init__(self, session: Session, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link to actor")
        self.session = session
        self.line = QLineEdit(text)
        self.line.setObjectName("picker-name")
        self.line.selectAll()  # typing replaces the mention's text instead of adding to it
        self.list = QListWidget()
        self.list.setObjectName("picker-list")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Actor name or alias:"))
        layout.addWidget(self.line)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.line.textChanged.connect(self._update)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._update(text)

    def _update(self, text: str) -> None:
        self.list.clear()
        assert self.session.project is not None
        for entity, _score in self.session.project.registry.suggest(text, SUGGESTIONS):
            item = QListWidgetItem(describe(entity))
            item.setData(ID_ROLE, entity.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None


def pick_entity(session: Session, text: str, parent: QWidget | None) -> str | None:
    dialog = EntityPicker(session, text, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
