"""The main window: documents on the left, the reader in the middle, annotations on the right.

The window composes the parts and routes between them; the parts observe the session. Menus
and window-wide shortcuts are built in gui/menus.py from the one shortcut table.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.gui.actors_dock import ActorsDock
from annotator.gui.annotation_panel import AnnotationPanel
from annotator.gui.commands import SetStatus
from annotator.gui.documents_dock import DocumentsDock
from annotator.gui.guidelines import GuidelinesView
from annotator.gui.plain import message_box, warn
from annotator.gui.problems_dock import ProblemsDock
from annotator.gui.reader import ReaderView
from annotator.gui.reader_menu import ReaderMenu
from annotator.gui.session import Session
from annotator.gui.settings import Settings
from annotator.gui.shortcuts import apply_keys, conflicts, current_keys, native
from annotator.gui.tagging import TaggingController
from annotator.gui.widgets import FindBar, StatusLine, TagBar
from annotator.store.listing import Listing
from annotator.store.problems import Problem


def initial_size(window: QMainWindow) -> tuple[int, int]:
    """1400 × 860, or 90% of a smaller screen."""
    screen = window.screen()
    if screen is None:
        return 1400, 860
    free = screen.availableGeometry()
    return min(1400, free.width() * 9 // 10), min(860, free.height() * 9 // 10)


def dock_widths(width: int) -> tuple[int, int]:
    """The documents list's and the annotation panel's first widths in a window ``width``
    wide (within bounds): the list a little less than a fifth, the panel, which holds the
    editor, nearly a third; the reader between them gets more than half from 1024 px on."""
    return min(340, max(170, width * 18 // 100)), min(460, max(280, width * 30 // 100))


#: The share of the window's width the reader keeps when the window narrows, as far as the
#: docks' own minimums allow (a wider window gives all its new room to the reader).
READER_SHARE = 0.5


#: How many open problems the question before "Mark done" lists.
PROBLEMS_LISTED = 5

#: How long the user must pause (no edit) after the project opened before it is backed up.
BACKUP_WHEN_IDLE_MS = 5000


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__()
        self._layout_chosen = True  # no dock is resized while the window is being built
        self.session, self.settings = session, settings
        self.setWindowTitle("Annotator")
        self.resize(*initial_size(self))

        self.heading = QLabel()
        self.heading.setObjectName("document-heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # titles may contain "<"
        self.heading.setWordWrap(True)
        self.heading.setContentsMargins(28, 14, 28, 0)
        title_font = self.heading.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.heading.setFont(title_font)
        self.byline = QLabel()
        self.byline.setObjectName("document-byline")
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setContentsMargins(28, 2, 28, 8)
        self.byline.setForegroundRole(self.byline.foregroundRole().PlaceholderText)
        self.reader = ReaderView()
        self.reader.setObjectName("reader")
        self.reader.set_font_size(settings.font_size)
        self.find_bar = FindBar(self.reader)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.byline)
        layout.addWidget(self.reader, 1)
        layout.addWidget(self.find_bar)
        self._centre_layout = layout
        self.setCentralWidget(centre)

        session.add_linked_spellings = settings.add_linked_spellings
        self.tagging = TaggingController(session, self.reader, settings)
        self.reader_menu = ReaderMenu(session, self.reader, settings)
        self.documents = DocumentsDock(session, self)
        self.annotations = AnnotationPanel(session, self)
        self.guidelines = GuidelinesView()
        guide_dock = QDockWidget("Guidelines", self)
        guide_dock.setObjectName("guidelines-dock")
        guide_dock.setWidget(self.guidelines)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.documents)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotations)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, guide_dock)
        self.tabifyDockWidget(self.annotations, guide_dock)
        self.actors = ActorsDock(session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.actors)
        self.tabifyDockWidget(self.annotations, self.actors)
        self.problems = ProblemsDock(session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.problems)
        self.tabifyDockWidget(self.annotations, self.problems)
        self.annotations.raise_()
        self.resizeDocks(
            [self.documents, self.annotations],
            list(dock_widths(self.width())),
            Qt.Orientation.Horizontal,
        )

        self.tagbar = TagBar(self)
        self.addToolBar(self.tagbar)
        self.status_line = StatusLine(session, self)
        self.setStatusBar(self.status_line)

        from annotator.gui.menus import build_menus
        from annotator.gui.review_mode import ReviewMode

        self.review = ReviewMode(self)  # Review → Review mode (docs/review.md)
        from annotator.gui.suggestions import SuggestionsController

        self.suggestions = SuggestionsController(self)  # docs/assist.md
        self._centre_layout.insertWidget(3, self.suggestions.bar)
        self.actions_by_name = build_menus(self)
        self._check_own_keys()

        self.tagbar.tagRequested.connect(self.tagging.tag)
        self.tagging.message.connect(self.show_message)
        self.documents.documentActivated.connect(self.open_document)
        self.annotations.pickRelation.connect(self._pick_from_panel)
        self.actors.annotationActivated.connect(self.jump_to)
        self.problems.annotationActivated.connect(self.jump_to)
        session.projectOpened.connect(self._project_opened)
        session.documentOpened.connect(self._document_opened)
        session.changed.connect(self._changed)
        # The rotating backup (a copy of the whole file: seconds for a large corpus) waits until
        # the window has painted and the user has paused; an edit meanwhile postpones it.
        self._backup_timer = QTimer(self)
        self._backup_timer.setSingleShot(True)
        self._backup_timer.setInterval(BACKUP_WHEN_IDLE_MS)
        self._backup_timer.timeout.connect(self.session.start_backup)
        session.changed.connect(
            lambda _c: self._backup_timer.start() if self._backup_timer.isActive() else None
        )
        session.documentLoaded.connect(self._document_loaded)
        session.layersShown.connect(self._layers_shown)
        session.revealRequested.connect(self.reader.reveal)
        session.backupFinished.connect(lambda text: self.show_message(text, 6000))
        session.selectionChanged.connect(self._selection_changed)
        session.failed.connect(lambda text: self.show_message(f"Not done: {text}", 8000))
        geometry = QSettings("annotator", "annotator").value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = QSettings("annotator", "annotator").value("window/state")
        # Where the user put and sized the docks; else the reader keeps its share from the
        # first show on, whatever size the window is given.
        self._layout_chosen = state is not None and self.restoreState(state)

    # -- projects and documents -------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        try:
            self.session.open_project(path)
        except AnnotatorError as exc:
            warn(self, "Cannot open the project", str(exc))
            return False
        self.settings.remember_project(path)
        return True

    def _project_opened(self) -> None:
        project = self.session.project
        assert project is not None
        self.setWindowTitle(f"{project.name} — Annotator")
        self.reader.set_schema(project.schema)
        self.tagbar.set_schema(project.schema)
        self.guidelines.show_project(project.guidelines, project.schema)
        self.reader.after_paint(self._backup_timer.start)
        for warning in project.warnings:
            self.show_message(warning, 8000)
        if self.session.owner is not None and self.session.owner != self.settings.annotator_name:
            self.show_message(
                f"This file was handed to {self.session.owner}: what you annotate here is saved "
                f"in {self.session.owner}'s name.",
                15000,
            )
        last = self.settings.last_document(project.path)
        if last is not None:
            try:
                project.documents.get(last)
            except AnnotatorError:  # deleted since, or another file at that path
                last = None
        first = last or next((d.id for d in project.documents.page(Listing(None), 0, 1)), None)
        if first is not None:
            self.open_document(first)
        else:
            self.heading.setText("This project has no documents yet")
            self.byline.setText("File → Import… (Ctrl+I)")
            self.reader.set_text("")

    def open_document(self, doc_id: str) -> None:
        if self.session.document is not None and self.session.document.id == doc_id:
            return
        try:
            self.session.open_document(doc_id)
        except AnnotatorError as exc:
            self.show_message(str(exc), 8000)

    def _document_opened(self) -> None:
        doc = self.session.document
        assert doc is not None
        if self.session.project is not None:
            self.settings.remember_document(self.session.project.path, doc.id)
        self.heading.setText(doc.title or "(untitled)")
        self.byline.setText(" · ".join(x for x in (doc.source, doc.published) if x))
        self.reader.set_text(doc.text)
        self.reader.set_annotations(self.session.annotations)
        self.reader.set_others(self.session.other_annotations, self.session.owner_name)
        self.reader.set_selection(None, set())
        if self.session.loading is not None:  # the rest once the first screen is on screen
            self.reader.after_paint(self.session.finish_loading)
        self.documents.select(doc.id)
        self.suggestions.document_opened()  # in the reader's positions of this text
        self.reader.setFocus()

    def _changed(self, changes: Changes) -> None:
        """Patch the reader with the annotations of the open document that the edit touched."""
        doc = self.session.document
        if doc is None:
            return
        touched = changes.annotations_in(doc.id)
        shown, others = self.session.annotations, self.session.other_annotations
        for ann_id in touched.touched:
            if ann_id in shown:
                self.reader.update_annotation(shown[ann_id])
            elif ann_id in others:
                self.reader.update_other(others[ann_id])
            else:
                self.reader.remove_annotation(ann_id)

    def _document_loaded(self) -> None:
        self.reader.set_annotations(self.session.annotations)
        self._selection_changed()

    def _layers_shown(self) -> None:
        self.reader.set_others(self.session.other_annotations, self.session.owner_name)
        names = [layer.name for layer in self.session.shown_layers.values()]
        if names:
            self.show_message("Also shown, read-only: " + ", ".join(names), 8000)

    def _selection_changed(self) -> None:
        selected = self.session.selected
        linked = {target.id for _, target in self.session.links_of(selected)} if selected else set()
        self.reader.set_selection(selected, linked)

    def jump_to(self, doc_id: str, target: str | int) -> None:
        """Open ``doc_id`` and select an annotation there: ``target`` is its id, or an offset
        (then the longest annotation starting there), as a dossier row asks."""
        self.open_document(doc_id)
        session = self.session
        if session.document is None or session.document.id != doc_id:
            return
        if isinstance(target, str):
            ann = session.annotations.get(target)
        else:
            starting = [a for a in session.annotations.values() if a.start == target]
            ann = max(starting, key=lambda a: a.end - a.start, default=None)
        if ann is not None:
            session.select(ann.id)
            self.reader.reveal(ann.start)
        self.raise_()
        self.activateWindow()

    def open_review(
        self, document_id: str, annotators: list[str] | None = None, label: str | None = None
    ) -> bool:
        """Open a document in review mode, at the first unit of ``label`` (if given), comparing
        ``annotators`` (ids; default everyone): where an agreement report drills down to."""
        self.open_document(document_id)
        doc = self.session.document
        if doc is None or doc.id != document_id:
            return False
        return self.review.enter(annotators, label)

    def _pick_from_panel(self, relation: str) -> None:
        self.reader.setFocus()
        self.tagging.pick(relation)

    def step_document(self, step: int) -> None:
        doc = self.session.document
        if doc is None or self.session.project is None:
            return
        layer = self.session.layer
        assert layer is not None
        target = self.session.project.documents.neighbour(doc.id, step, layer.annotator_id)
        if target is not None:
            self.open_document(target)

    def done_and_next(self) -> None:
        doc = self.session.document
        project = self.session.project
        if doc is None or project is None:
            return
        layer = self.session.layer
        assert layer is not None
        if not self._done_despite_problems(layer.problems(doc.id)):
            return
        self.session.perform(SetStatus(self.session, doc.id, "done"))
        target = project.documents.neighbour(doc.id, 1, layer.annotator_id, not_done=True)
        if target is None:
            self.show_message("Every document is done.", 6000)
        else:
            self.open_document(target)

    def _done_despite_problems(self, problems: list[Problem]) -> bool:
        """With open problems, ask first: mark done anyway, show the first problem, or cancel
        (False for the last two)."""
        if not problems:
            return True
        count = len(problems)
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            "Open problems",
            f"This document still has {count} problem{'s' if count != 1 else ''}. "
            "Mark it done anyway?",
            QMessageBox.StandardButton.Cancel,
        )
        listed = [p.message for p in problems[:PROBLEMS_LISTED]]
        if count > PROBLEMS_LISTED:
            listed.append(f"… and {count - PROBLEMS_LISTED} more (see the Problems panel)")
        box.setInformativeText("\n".join(listed))
        anyway = box.addButton("Mark done anyway", QMessageBox.ButtonRole.AcceptRole)
        first = box.addButton("Show the first", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(first)
        box.exec()
        if box.clickedButton() is anyway:
            return True
        if box.clickedButton() is first:
            self.jump_to(problems[0].document_id, problems[0].annotation_id)
        return False

    def apply_shortcuts(self) -> None:
        """Give every action the keys of the preferences (after Preferences → Keyboard)."""
        apply_keys(self.actions_by_name, current_keys(self.settings.shortcuts))
        self.tagging.install_schema_keys()

    def _check_own_keys(self) -> None:
        """preferences.json edited by hand may bind a key twice: then neither action gets it."""
        found = conflicts(current_keys(self.settings.shortcuts))
        if found:
            keys = ", ".join(native(c.key) for c in found)
            self.show_message(
                f"Some keys of your preferences cannot work as bound ({keys}): see "
                "Preferences → Keyboard.",
                10000,
            )

    def zoom(self, step: float) -> None:
        self.settings.font_size = max(8.0, min(32.0, self.settings.font_size + step))
        self.reader.set_font_size(self.settings.font_size)
        self.settings.save()

    def show_message(self, text: str, timeout: int = 0) -> None:
        if text:
            self.status_line.showMessage(text, timeout)
        else:
            self.status_line.clearMessage()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        old = event.oldSize().width()
        if 0 < event.size().width() < old or (old < 0 and not self._layout_chosen):
            self._keep_reader_share()

    def _side_docks(self) -> list[tuple[QDockWidget, int]]:
        """The docks beside the reader, one per side (a tab group counts once), each with the
        least width it needs (the widest minimum of its tabs)."""
        found: dict[Qt.DockWidgetArea, tuple[QDockWidget, int]] = {}
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        for dock in (self.documents, self.annotations, *self.findChildren(QDockWidget)):
            area = self.dockWidgetArea(dock)
            if area in sides and area not in found and dock.isVisible() and not dock.isFloating():
                group = [dock, *self.tabifiedDockWidgets(dock)]
                found[area] = (dock, max(d.minimumSizeHint().width() for d in group))
        return list(found.values())

    def _keep_reader_share(self) -> None:
        """Narrow the side docks (each by its share, never below what it needs) until the
        reader has ``READER_SHARE`` of the width again; Qt alone would take it all from the
        reader."""
        centre = self.centralWidget()
        if centre is None:
            return
        wanted = int(self.width() * READER_SHARE) - centre.width()
        docks = self._side_docks()
        total = sum(dock.width() for dock, _least in docks)
        if wanted <= 0 or total <= 0:
            return
        widths = [
            max(least, dock.width() + (-wanted * dock.width()) // total) for dock, least in docks
        ]
        self.resizeDocks([dock for dock, _least in docks], widths, Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # commits a note being edited (it saves on focus-out)
        QSettings("annotator", "annotator").setValue("window/geometry", self.saveGeometry())
        QSettings("annotator", "annotator").setValue("window/state", self.saveState())
        self.suggestions.shutdown()
        self.session.close_project()
        super().closeEvent(event)
