"""What the window is working on: the open project, document, its annotations, the selection.

Widgets observe the session's signals and never own data. Edits go through
:meth:`Session.perform`, which runs an undo command (committed by the store before it returns)
and pushes it on the undo stack only when it succeeded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.core.model import Annotation, Document, Relation
from annotator.store.project import Project


def text_order(ann: Annotation) -> tuple[int, int, str, str]:
    """How annotations are listed: by position, then by when they were made."""
    return (ann.start, ann.end, ann.created, ann.id)


#: Documents with more annotations than this open in two steps (see open_document).
STAGED_LOAD_ABOVE = 2000
FIRST_SCREEN_CHARS = 8000


class Session(QObject):
    projectOpened = Signal()
    documentOpened = Signal()
    annotationsChanged = Signal()
    selectionChanged = Signal()
    statusChanged = Signal(str)
    documentsChanged = Signal()
    registryChanged = Signal()  # entities were added, edited, merged, split or deleted
    annotationStored = Signal(object)  # an annotation of the open document added or changed
    annotationRemoved = Signal(str)  # an annotation of the open document deleted (its id)
    failed = Signal(str)  # an edit was refused; the message says why
    saved = Signal()  # an edit was committed to the project file

    def __init__(self, annotator_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.annotator_name = annotator_name
        self.project: Project | None = None
        self.document: Document | None = None
        self.annotations: dict[str, Annotation] = {}
        self.relations: dict[str, Relation] = {}
        self.selected: str | None = None
        self.undo_stack = QUndoStack(self)

    # -- project and document -------------------------------------------------------------

    def open_project(self, path: Path) -> None:
        project = Project.open(path, annotator=self.annotator_name)
        self.close_project()
        self.project = project
        self.projectOpened.emit()

    def close_project(self) -> None:
        if self.project is not None:
            self.undo_stack.clear()
            self.project.close()
        self.project = None
        self.document = None
        self.annotations.clear()
        self.relations.clear()
        self.selected = None

    def open_document(self, doc_id: str) -> None:
        """Open a document. A long, densely annotated one shows its first screen first: the
        annotations near the top are read before the first paint, the rest right after."""
        assert self.project is not None
        self.document = self.project.document(doc_id)
        self.selected = None
        if self.project.annotation_count(doc_id) <= STAGED_LOAD_ABOVE:
            self._load_all(doc_id)
            self.documentOpened.emit()
            self.selectionChanged.emit()
            return
        head = self.project.annotations(doc_id, start_before=FIRST_SCREEN_CHARS)
        self.annotations = {a.id: a for a in head}
        self.relations = {}
        self.documentOpened.emit()
        self.selectionChanged.emit()
        QTimer.singleShot(0, lambda: self._finish_loading(doc_id))

    def _load_all(self, doc_id: str) -> None:
        assert self.project is not None
        self.annotations = {a.id: a for a in self.project.annotations(doc_id)}
        self.relations = {r.id: r for r in self.project.relations(doc_id)}

    def _finish_loading(self, doc_id: str) -> None:
        if self.project is None or self.document is None or self.document.id != doc_id:
            return  # another document (or project) was opened meanwhile
        self._load_all(doc_id)
        self.annotationsChanged.emit()

    # -- edits ----------------------------------------------------------------------------

    def perform(self, command: QUndoCommand) -> bool:
        """Run ``command``; on success it goes on the undo stack, on failure ``failed`` fires."""
        try:
            command.redo()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return False
        command.already_done = True  # type: ignore[attr-defined]
        self.undo_stack.push(command)
        return True

    def annotation_stored(self, ann: Annotation) -> None:
        self.annotations[ann.id] = ann
        self.annotationStored.emit(ann)
        self._changed()

    def annotation_removed(self, ann_id: str) -> None:
        self.annotations.pop(ann_id, None)
        self.annotationRemoved.emit(ann_id)
        for rel_id in [r.id for r in self.relations.values() if ann_id in (r.source, r.target)]:
            del self.relations[rel_id]
        if self.selected == ann_id:
            self.selected = None
            self.selectionChanged.emit()
        self._changed()

    def relations_changed(self, added: list[Relation], removed: list[str]) -> None:
        for rel_id in removed:
            self.relations.pop(rel_id, None)
        for rel in added:
            self.relations[rel.id] = rel
        self._changed()

    def _changed(self) -> None:
        self.annotationsChanged.emit()
        self.saved.emit()

    # -- reading the current document ---------------------------------------------------------

    def ordered(self) -> list[Annotation]:
        """The document's annotations in text order."""
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
