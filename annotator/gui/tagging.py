"""Keyboard-first tagging: label keys, relation picking, moving boundaries, navigation.

The controller turns key presses and clicks in the reader into undo commands. Single-letter
keys are shortcuts of the reader only, so they never fire while the user types in a field.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QMenu

from annotator.core.model import Fragment
from annotator.core.offsets import (
    Direction,
    Edge,
    split_at_paragraphs,
    step_grapheme,
    step_word,
)
from annotator.gui.annotation_editor import choice_texts
from annotator.gui.commands import (
    AddAnnotation,
    ChangeLabel,
    DeleteAnnotation,
    SetRelation,
    UpdateAnnotation,
)
from annotator.gui.entity_link import choose_among
from annotator.gui.mention_commands import AddMention
from annotator.gui.reader import ReaderView
from annotator.gui.session import Session
from annotator.gui.settings import Settings
from annotator.gui.shortcuts import SHORTCUTS, current_keys, portable


class TaggingController(QObject):
    message = Signal(str)  # a hint for the status bar ("" clears it)

    def __init__(self, session: Session, reader: ReaderView, settings: Settings) -> None:
        super().__init__(reader)
        self.session, self.reader, self.settings = session, reader, settings
        self.picking: str | None = None  # relation type waiting for a click on its target
        self._schema_shortcuts: list[QShortcut] = []
        slots: dict[str, Callable[[], None]] = {
            "delete": self.delete,
            "next_annotation": lambda: self.step_annotation(1),
            "previous_annotation": lambda: self.step_annotation(-1),
            "end_right": lambda: self.move_edge("end", "right"),
            "end_left": lambda: self.move_edge("end", "left"),
            "end_word_right": lambda: self.move_edge("end", "right", by_word=True),
            "end_word_left": lambda: self.move_edge("end", "left", by_word=True),
            "start_left": lambda: self.move_edge("start", "left"),
            "start_right": lambda: self.move_edge("start", "right"),
            "start_word_left": lambda: self.move_edge("start", "left", by_word=True),
            "start_word_right": lambda: self.move_edge("start", "right", by_word=True),
            "deselect": self.deselect,
        }
        #: The reader's actions by name: their keys work while the text has the focus, and
        #: the window's menus show them too (the Annotation menu).
        self.actions: dict[str, QAction] = {}
        keys = current_keys(settings.shortcuts)
        for shortcut in SHORTCUTS:
            if shortcut.scope == "reader" and shortcut.action in slots:
                action = QAction(shortcut.description, reader)
                action.setObjectName(shortcut.action)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.setShortcuts([QKeySequence(k) for k in keys[shortcut.action]])
                action.triggered.connect(lambda _c=False, slot=slots[shortcut.action]: slot())
                reader.addAction(action)
                self.actions[shortcut.action] = action
        reader.snapping = lambda: self.settings.snap_to_words
        reader.annotationClicked.connect(self.clicked)
        reader.fragmentSelected.connect(self.add_fragment)
        session.projectOpened.connect(self.install_schema_keys)

    def _shortcut(self, keys: str, slot: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self.reader)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def install_schema_keys(self) -> None:
        """One key per label (tag / relabel) and per relation (pick its target)."""
        for shortcut in self._schema_shortcuts:
            shortcut.setParent(None)
            shortcut.deleteLater()
        self._schema_shortcuts = []
        if self.session.project is None:
            return
        schema = self.session.project.schema
        bound = {
            portable(k) for keys in current_keys(self.settings.shortcuts).values() for k in keys
        }
        wanted = [(x.hotkey, f"label {x.name}", partial(self.tag, x.name)) for x in schema.labels]
        wanted += [
            (r.hotkey, f"relation {r.name}", partial(self.pick, r.name)) for r in schema.relations
        ]
        taken = []
        for key, what, slot in wanted:
            if not key:
                continue
            if portable(key) in bound:  # the user's own binding wins
                taken.append(f"{key} ({what})")
                continue
            self._schema_shortcuts.append(self._shortcut(key, slot))
        if taken:
            self.message.emit(
                "Bound to other actions in Preferences → Keyboard, so not used for the "
                f"schema: {', '.join(taken)}."
            )

    # -- tagging ----------------------------------------------------------------------------

    def tag(self, label: str) -> None:
        """Tag the selected text; with no text selected, relabel the selected annotation."""
        if self.session.document is None:
            return
        alt = bool(QGuiApplication.queryKeyboardModifiers() & Qt.KeyboardModifier.AltModifier)
        words = self.settings.snap_to_words and not alt and not self.reader.alt_selection
        span = self.reader.selection_span(words=words)
        if span is not None:
            assert self.session.project is not None
            spec = self.session.project.schema.label(label)
            if spec is not None and spec.entity:
                self.tag_mention(label, span)
                return
            text = self.session.document.text
            pieces = split_at_paragraphs(text, *span)
            if self.session.perform(AddAnnotation(self.session, label, pieces)):
                self.reader.clear_selection()
                if len(pieces) > 1:
                    self.message.emit(
                        f"Tagged as one {label} in {len(pieces)} fragments, one per paragraph."
                    )
            return
        current = self.session.selected_annotation()
        if current is not None and current.label != label:
            self.session.perform(ChangeLabel(self.session, current.id, label))
        elif current is None:
            self.message.emit("Select some text first, then press the label's key.")

    def tag_mention(self, label: str, span: tuple[int, int]) -> None:
        """Tag a mention, linked to the actor its text names; ask when it names several."""
        command = AddMention(self.session, label, span)
        if not self.session.perform(command):
            return
        self.reader.clear_selection()
        if command.candidates:
            at = self.reader.viewport().mapToGlobal(self.reader.point_of(span[1]).toPoint())
            command.choose(choose_among(self.session, self.reader, command.candidates, at))

    def delete(self) -> None:
        if self.session.selected is not None:
            self.session.perform(DeleteAnnotation(self.session, self.session.selected))

    def deselect(self) -> None:
        if self.picking:
            self.picking = None
            self.message.emit("")
            return
        self.reader.clear_selection()
        self.session.select(None)

    def add_fragment(self, start: int, end: int) -> None:
        """Ctrl+selection: one more fragment for the selected annotation (discontinuous)."""
        current = self.session.selected_annotation()
        if current is None:
            self.message.emit("Select an annotation first, then Ctrl+drag to add a fragment.")
            return
        fragments = [*current.fragments, Fragment(start, end, "")]
        spans = [(f.start, f.end) for f in fragments]
        if self.session.perform(
            UpdateAnnotation(self.session, current.id, "Add fragment", fragments=spans)
        ):
            self.reader.clear_selection()

    def move_edge(self, edge: Edge, direction: Direction, *, by_word: bool = False) -> None:
        """Grow or shrink the selected annotation at its start or end, by one character
        (grapheme cluster) or to the next word's edge."""
        current = self.session.selected_annotation()
        document = self.session.document
        if current is None or document is None:
            self._extend_text_selection(edge, direction, by_word)
            return
        text = document.text

        def step(pos: int) -> int:
            if by_word:
                return step_word(text, pos, direction, edge)
            return step_grapheme(text, pos, direction)

        spans = [(f.start, f.end) for f in current.fragments]
        if edge == "start":
            start, end = step(spans[0][0]), spans[0][1]
            spans[0] = (start, end)
        else:
            start, end = spans[-1][0], step(spans[-1][1])
            spans[-1] = (start, end)
        if spans == [(f.start, f.end) for f in current.fragments]:
            return
        if start >= end:
            self.message.emit(
                "That would leave nothing of it: press Delete to delete the annotation."
            )
            return
        self.session.perform(UpdateAnnotation(self.session, current.id, "Resize", fragments=spans))

    def _extend_text_selection(self, edge: Edge, direction: Direction, by_word: bool) -> None:
        """Without a selected annotation, Shift+arrows select text as they always do."""
        if edge != "end":
            return
        move = QTextCursor.MoveOperation
        if by_word:
            operation = move.NextWord if direction == "right" else move.PreviousWord
        else:
            operation = move.NextCharacter if direction == "right" else move.PreviousCharacter
        cursor = self.reader.textCursor()
        cursor.movePosition(operation, QTextCursor.MoveMode.KeepAnchor)
        self.reader.setTextCursor(cursor)

    def step_annotation(self, step: int) -> None:
        ordered = self.session.ordered()
        if not ordered:
            return
        ids = [a.id for a in ordered]
        if self.session.selected in ids:
            index = (ids.index(self.session.selected) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.session.select(ids[index])
        self.reader.reveal(ordered[index].start)

    # -- relations ----------------------------------------------------------------------------

    def pick(self, relation: str) -> None:
        """S / L / R: the next click on a target sets the relation; the key again shows a list."""
        assert self.session.project is not None
        spec = self.session.project.schema.relation(relation)
        current = self.session.selected_annotation()
        if spec is None or current is None or current.label != spec.source:
            self.message.emit(
                f"Select a {spec.source if spec else ''} annotation first to set its {relation}."
            )
            return
        if self.picking == relation:
            self.choose_from_list(relation)
            return
        self.picking = relation
        self.message.emit(
            f"Click the {relation} (a {spec.target}) in the text, or press the key again to "
            f"choose from a list; Esc cancels."
        )

    def choose_from_list(self, relation: str) -> None:
        assert self.session.project is not None
        spec = self.session.project.schema.relation(relation)
        source = self.session.selected
        if spec is None or source is None:
            return
        menu = QMenu(self.reader)
        candidates = [a for a in self.session.ordered() if a.label == spec.target]
        here = self.session.annotations[source].start
        current = self.session.relation_from(source, relation)
        for ann_id, text in choice_texts(
            self.session, candidates, here, current.target if current else None
        ):
            action = menu.addAction(text.replace("&", "&&"))
            action.setData(ann_id)
        if menu.isEmpty():
            self.message.emit(f"There is no {spec.target} in this document yet.")
            self.picking = None
            return
        at = self.reader.point_of(self.session.annotations[source].start).toPoint()
        chosen = menu.exec(self.reader.viewport().mapToGlobal(at))
        self.picking = None
        self.message.emit("")
        if chosen is not None:
            self.session.perform(SetRelation(self.session, relation, source, chosen.data()))

    def clicked(self, ann_id: str | None) -> None:
        if self.picking and ann_id is not None and self.session.selected is not None:
            relation, self.picking = self.picking, None
            self.message.emit("")
            self.session.perform(SetRelation(self.session, relation, self.session.selected, ann_id))
            return
        self.picking = None
        self.session.select(ann_id)
