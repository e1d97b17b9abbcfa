"""What the window is working on: the open project, this annotator's layer, the open document,
its annotations, the other layers shown beside them, and the selection.

**One funnel for every change.** An edit is an undo command run by :meth:`Session.perform`:
the command's store writes run in one transaction, which is committed; the command goes on
the undo stack; the session brings its copy of the open document up to date from the change
record; and ``changed`` is emitted once with the record. Undo and redo go through the same
funnel (:meth:`undo`, :meth:`redo`). Views update only what the record names; nothing re-reads
the corpus on an edit.

**Undo never edits out of sight.** Undoing or redoing an edit of another document first
opens that document, then selects (or shows the place of) the changed annotation
(docs/adr/0008-undo-brings-the-document-up.md).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import Annotation, Document, Relation
from annotator.store.backup import back_up_on_own_connection
from annotator.store.checkpoints import BackgroundCheckpoints, checkpoint_in_background
from annotator.store.project import Layer, Project

if TYPE_CHECKING:
    from annotator.gui.commands import StoreCommand


T = TypeVar("T")


def text_order(ann: Annotation) -> tuple[int, int, str, str]:
    """How annotations are listed: by position, then by when they were made."""
    return (ann.start, ann.end, ann.created, ann.id)


#: Documents with more annotations than this open in two steps (see open_document).
STAGED_LOAD_ABOVE = 2000
FIRST_SCREEN_CHARS = 8000
#: The rest is read once the first screen was painted; at the latest after this long.
LOAD_REST_AFTER_MS = 500


class Session(QObject):
    projectOpened = Signal()
    documentOpened = Signal()
    documentLoaded = Signal()  # the rest of a long document's annotations arrived
    changed = Signal(object)  # a Changes record: one per edit, undo or redo
    selectionChanged = Signal()
    layersShown = Signal()  # other layers were shown or hidden (see show_layer)
    failed = Signal(str)  # an edit was refused; the message says why
    revealRequested = Signal(int)  # show this offset of the open document (after an undo)
    corpusChanged = Signal()  # documents were imported outside the funnel (another thread)
    backupFinished = Signal(str)  # from the backup thread: what became of it

    def __init__(self, annotator_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The name of the preferences; a distributed file's owner writes under their own.
        self.preferred_name = annotator_name
        #: The name this session writes under in the open project.
        self.annotator_name = annotator_name
        #: The owner of the open file, when it was distributed to someone (store/team.py).
        self.owner: str | None = None
        #: A blind file: other annotators' layers are not shown.
        self.blind = False
        self.project: Project | None = None
        self.layer: Layer | None = None  # this annotator's: the one the reader edits
        self.document: Document | None = None
        self.annotations: dict[str, Annotation] = {}  # of self.layer in the open document
        self.relations: dict[str, Relation] = {}
        self.shown_layers: dict[str, Layer] = {}  # other layers shown read-only, by id
        self.other_annotations: dict[str, Annotation] = {}  # theirs, in the open document
        self.selected: str | None = None
        self.loading: str | None = None  # a long document whose first screen only is read
        #: Linking a mention adds its spelling to the actor's aliases (a preference).
        self.add_linked_spellings = True
        self.undo_stack = QUndoStack(self)
        self._backup: threading.Thread | None = None
        #: The open project's checkpoints, made in a thread (store/checkpoints.py).
        self.checkpoints: BackgroundCheckpoints | None = None

    # -- project and document -------------------------------------------------------------

    def open_project(self, path: Path) -> None:
        # The rotating backup is made in the background once the window has painted (the
        # window calls start_backup): copying a large project must not delay the first paint.
        project = Project.open(path, annotator=self.preferred_name, backup=False)
        self.close_project()
        self.project = project
        self.checkpoints = checkpoint_in_background(project)  # off the GUI thread
        self.owner = project.adopt_owner()  # a distributed file is written in its owner's name
        self.blind = project.team.blind
        self.annotator_name = project.annotator_name
        self.layer = project.layer()
        self.projectOpened.emit()

    def start_backup(self) -> None:
        """Back the open project up (if it changed since the last backup) in a thread."""
        if self.project is None or (self._backup is not None and self._backup.is_alive()):
            return
        path = self.project.path

        def work() -> None:
            try:
                made = back_up_on_own_connection(path)
            except OSError as exc:  # a failed backup must not stop the work
                self.backupFinished.emit(f"Could not write a backup of {path.name}: {exc}")
                return
            if made is not None:
                self.backupFinished.emit(f"Backup written: {made.name}")

        self._backup = threading.Thread(target=work, name="backup", daemon=True)
        self._backup.start()

    @property
    def backup_started(self) -> bool:
        """Whether a background backup was started for the open project."""
        return self._backup is not None

    def wait_for_backup(self) -> None:
        if self._backup is not None:
            self._backup.join()
            self._backup = None

    def close_project(self) -> None:
        self.wait_for_backup()
        if self.checkpoints is not None:
            self.checkpoints.stop()
            self.checkpoints = None
        if self.project is not None:
            self.undo_stack.clear()
            self.project.close()
        self.project = None
        self.layer = None
        self.document = None
        self.annotations.clear()
        self.relations.clear()
        self.shown_layers.clear()
        self.other_annotations.clear()
        self.selected = None

    def open_document(self, doc_id: str) -> None:
        """Open a document. A long, densely annotated one shows its first screen first: the
        annotations near the top are read before the first paint, the rest right after."""
        assert self.project is not None and self.layer is not None
        self.document = self.project.documents.get(doc_id)
        self.selected = None
        self._load_others()
        if self.layer.annotation_count(doc_id) <= STAGED_LOAD_ABOVE:
            self._load_all(doc_id)
            self.documentOpened.emit()
            self.selectionChanged.emit()
            return
        head = self.layer.annotations(doc_id, start_before=FIRST_SCREEN_CHARS)
        self.annotations = {a.id: a for a in head}
        self.relations = {}
        self.loading = doc_id  # the window calls finish_loading once it has painted
        self.documentOpened.emit()
        self.selectionChanged.emit()
        QTimer.singleShot(LOAD_REST_AFTER_MS, self, self.finish_loading)  # if nothing painted

    def _load_all(self, doc_id: str) -> None:
        assert self.layer is not None
        self.annotations = {a.id: a for a in self.layer.annotations(doc_id)}
        self.relations = {r.id: r for r in self.layer.relations(doc_id)}

    def _load_others(self) -> None:
        doc = self.document
        self.other_annotations = {}
        if doc is None:
            return
        for layer in self.shown_layers.values():
            self.other_annotations.update((a.id, a) for a in layer.annotations(doc.id))

    def finish_loading(self) -> None:
        """Read the rest of a long document's annotations (after its first screen showed)."""
        doc_id, self.loading = self.loading, None
        if doc_id is None or self.document is None or self.document.id != doc_id:
            return  # done already, or another document (or project) was opened meanwhile
        self._load_all(doc_id)
        self.documentLoaded.emit()

    # -- other layers, read-only -------------------------------------------------------------

    def show_layer(self, annotator_id: str, shown: bool) -> None:
        """Show (or hide) another annotator's layer, or gold, beside this one, read-only."""
        assert self.project is not None and self.layer is not None
        if annotator_id == self.layer.annotator_id:
            return
        if shown and self.blind:
            self.failed.emit("this file is blind: other annotators' layers are not shown")
            return
        if shown:
            self.shown_layers[annotator_id] = self.project.layer(annotator_id)
        else:
            self.shown_layers.pop(annotator_id, None)
        self._load_others()
        self.layersShown.emit()

    def owner_name(self, ann: Annotation) -> str:
        """Whose layer an annotation shown in the reader is in."""
        for layer in self.shown_layers.values():
            if layer.annotator_id == ann.annotator:
                return layer.name
        return self.layer.name if self.layer is not None else ""

    # -- the funnel ------------------------------------------------------------------------------

    def perform(self, command: StoreCommand) -> bool:
        """Run ``command`` in one transaction; on success it goes on the undo stack and
        ``changed`` is emitted, on failure ``failed`` fires and nothing was written."""
        assert self.project is not None
        try:
            with self.project.transaction() as changes:
                command.apply()
                command.started = self._mark_in_progress(changes)
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return False
        command.already_done = True
        self.undo_stack.push(command)
        self._announce(changes, command.focus(undone=False))
        return True

    def write(self, work: Callable[[], T]) -> T | None:
        """Run a write that is no undo step of its own (linking the mention the last command
        just made; merging an actor list) through the same funnel: one transaction, one
        ``changed``. Returns what ``work`` returns, or None when it was refused."""
        assert self.project is not None
        try:
            with self.project.transaction() as changes:
                result = work()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return None
        self._announce(changes, (None, None))
        return result

    def corpus_changed(self) -> None:
        """Documents were added by another connection (an import in the background): the
        lists that show the corpus read it again; so does the open document's annotations (an
        import of annotations may have added some to it)."""
        self.corpusChanged.emit()
        if self.document is not None and self.loading is None:
            self._load_all(self.document.id)
            self._load_others()
            if self.selected is not None and self.selected not in self.annotations:
                self.selected = None
            self.documentLoaded.emit()
            self.layersShown.emit()

    def undo(self) -> None:
        self._replay(undo=True)

    def redo(self) -> None:
        self._replay(undo=False)

    def _replay(self, undo: bool) -> None:
        stack = self.undo_stack
        if self.project is None or not (stack.canUndo() if undo else stack.canRedo()):
            return
        index = stack.index() - 1 if undo else stack.index()
        command: StoreCommand = stack.command(index)  # type: ignore[assignment]
        if command.document_id is not None and (
            self.document is None or self.document.id != command.document_id
        ):
            try:  # bring the document up first: an undo never edits out of sight
                self.open_document(command.document_id)
            except NotFoundError as exc:
                self.failed.emit(str(exc))
                return
        try:
            with self.project.transaction() as changes:
                command.error = None
                stack.undo() if undo else stack.redo()
                if command.error is not None:
                    raise command.error
        except AnnotatorError as exc:
            # Nothing was written; put the stack back where it was without running it again.
            command.skip_next = True
            stack.redo() if undo else stack.undo()
            self.failed.emit(str(exc))
            return
        ann_id, offset = command.focus(undone=undo)
        self._announce(changes, (ann_id, offset))
        if ann_id in self.annotations:
            offset = self.annotations[ann_id].start
        if offset is not None and self.document is not None:
            self.revealRequested.emit(offset)

    def _mark_in_progress(self, changes: Changes) -> list[str]:
        """The first annotation tagged in a new document puts it in progress for this
        annotator, in every document the edit tagged in (tagging all occurrences reaches
        many), in the same transaction, so it is part of the same record and of the same
        undo step. Returns those documents."""
        layer = self.layer
        if layer is None or layer.annotator_id is None:
            return []
        added = changes.added_in_layer(layer.annotator_id)
        started = []
        for doc_id in sorted({changes.documents_of[i] for i in added}):
            if layer.status(doc_id) == "new":
                layer.set_status(doc_id, "in_progress")
                started.append(doc_id)
        return started

    def announce(self, changes: Changes) -> None:
        """Tell the views about a write made outside a command (its transaction committed)."""
        self._announce(changes, (None, None))

    def _announce(self, changes: Changes, focus: tuple[str | None, int | None]) -> None:
        """Bring the open document's copy up to date from the record, then tell the views."""
        doc, layer = self.document, self.layer
        if doc is not None and layer is not None:
            touched = changes.annotations_in(doc.id)
            for ann_id in touched.removed:
                self.annotations.pop(ann_id, None)
                self.other_annotations.pop(ann_id, None)
            for ann_id in touched.present:
                self._reread_annotation(ann_id)
            relations = changes.relations_in(doc.id)
            for rel_id in relations.removed:
                self.relations.pop(rel_id, None)
            for rel_id in relations.present:
                try:
                    self.relations[rel_id] = layer.relation(rel_id)
                except NotFoundError:  # another layer's relation
                    self.relations.pop(rel_id, None)
        focused, _offset = focus
        if focused is not None and focused in self.annotations:
            self.selected = focused
        elif self.selected is not None and self.selected not in self.annotations:
            self.selected = None
        self.changed.emit(changes)
        self.selectionChanged.emit()

    def _reread_annotation(self, ann_id: str) -> None:
        assert self.layer is not None
        try:
            self.annotations[ann_id] = self.layer.annotation(ann_id)
            return
        except NotFoundError:
            self.annotations.pop(ann_id, None)
        for other in self.shown_layers.values():
            try:
                self.other_annotations[ann_id] = other.annotation(ann_id)
                return
            except NotFoundError:
                continue

    # -- reading the current document ---------------------------------------------------------

    def ordered(self) -> list[Annotation]:
        """The document's annotations (this layer's) in text order."""
        return sorted(self.annotations.values(), key=text_order)

    def select(self, ann_id: str | None) -> None:
        if ann_id is not None and ann_id not in self.annotations:
            ann_id = None
        if ann_id != self.selected:
            self.selected = ann_id
            self.selectionChanged.emit()

    def selected_annotation(self) -> Annotation | None:
        return self.annotations.get(self.selected) if self.selected else None

    def links_of(self, ann_id: str) -> list[tuple[str, Annotation]]:
        """(relation type, target annotation) for relations from ``ann_id``."""
        return [
            (r.type, self.annotations[r.target])
            for r in self.relations.values()
            if r.source == ann_id and r.target in self.annotations
        ]

    def relation_from(self, ann_id: str, type_: str) -> Relation | None:
        return next(
            (r for r in self.relations.values() if r.source == ann_id and r.type == type_), None
        )

    def missing_required(self, ann: Annotation) -> list[str]:
        """Names of required relations that ``ann`` does not have yet (e.g. ["speaker"])."""
        assert self.project is not None
        return [
            spec.name
            for spec in self.project.schema.relations_from(ann.label)
            if spec.required and self.relation_from(ann.id, spec.name) is None
        ]
