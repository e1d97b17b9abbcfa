"""Suggestions in the window: made in the background as a document opens, painted as dashed
outlines without fill, walked and decided on from the keyboard (docs/assist.md).

The engine runs in a worker thread on the document's text (it never touches the store or a
widget); its result is written to the suggestions layer on the GUI thread, after the first
paint. ``.`` and ``,`` walk the open suggestions; the one walked to is *current*: Enter accepts
it (with its speaker and cue) into this annotator's layer, Backspace rejects it, Shift+Enter
accepts every suggestion of its label in the document. Each decision is one undo step
(gui/suggestion_commands.py). The bar under the text counts, per label, what is open, accepted
and rejected.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from annotator.core.assist.engines import (
    Engine,
    Knowledge,
    default_engine,
    engine_info,
    link_to_registry,
    make_engine,
)
from annotator.core.assist.suggested import Suggestions
from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.spans import Span, SpanIndex
from annotator.gui.shortcuts import SUGGESTION_ACTIONS, by_action, current_keys
from annotator.gui.suggestion_commands import DecideSuggestions
from annotator.store.annotators import SUGGESTIONS_ID
from annotator.store.suggestions import LabelCounts, Suggestion, without_taken

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class SuggestionBar(QWidget):
    """One line under the text: the engine, and per label open / accepted / rejected."""

    acceptLabel = Signal()
    hideRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestion-bar")
        self.summary = QLabel()
        self.summary.setObjectName("suggestion-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.accept_all = QPushButton("Accept all")
        self.accept_all.setObjectName("accept-label-suggestions")
        self.accept_all.clicked.connect(self.acceptLabel)
        hide = QPushButton("Hide")
        hide.setObjectName("hide-suggestions")
        hide.setToolTip("Hide the suggestions (View → Show suggestions brings them back)")
        hide.clicked.connect(self.hideRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 4, 12, 4)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.accept_all)
        layout.addWidget(hide)


class SuggestionsController(QObject):
    """The window's suggestions: background runs, the overlay, the keys and the bar."""

    computed = Signal(str, int, object)  # document id, run number, Suggestions (or an error)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.session, self.reader = window, window.session, window.reader
        self.settings = window.settings
        self.open: list[Suggestion] = []  # of the open document, in text order
        self._stored: list[Suggestion] | None = None  # open_in, before the person's own
        self._decided: dict[str, LabelCounts] = {}  # the document's counts of verdicts
        self.index = SpanIndex([])
        self._current: str | None = None
        self.bar = SuggestionBar()
        self.bar.acceptLabel.connect(self.accept_label)
        self.bar.hideRequested.connect(lambda: self.set_shown(False))
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="suggest")
        self._engine: Engine | None = None
        self._engine_for: tuple[str, Knowledge] | None = None
        self._knowledge: Knowledge | None = None
        self._run = 0  # the newest background run: older results are dropped
        self.pending: Future[Suggestions] | None = None
        self.computed.connect(self._computed, Qt.ConnectionType.QueuedConnection)
        self.actions: dict[str, QAction] = {}
        slots = {
            "next_suggestion": lambda: self.step(1),
            "previous_suggestion": lambda: self.step(-1),
            "accept_suggestion": self.accept,
            "reject_suggestion": self.reject,
            "accept_label_suggestions": self.accept_label,
        }
        keys, specs = current_keys(self.settings.shortcuts), by_action()
        for name in SUGGESTION_ACTIONS:
            action = QAction(specs[name].description, self.reader)
            action.setObjectName(name)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setShortcuts([QKeySequence(k) for k in keys[name]])
            action.triggered.connect(lambda _c=False, slot=slots[name]: slot())
            self.reader.addAction(action)
            self.actions[name] = action
        self._enable()
        self.reader.overlays.append(self.paint)
        self.session.projectOpened.connect(self._project_opened)
        self.session.changed.connect(self._changed)
        self.bar.setVisible(False)

    @property
    def current(self) -> str | None:
        """The id of the current suggestion (walked to with . and ,), if any."""
        return self._current

    @current.setter
    def current(self, ann_id: str | None) -> None:
        self._current = ann_id
        self._enable()

    def _enable(self) -> None:
        """Enter and Shift+Enter act only on a current suggestion; without one they are
        left to whatever else takes them (a field, a dialog's default button)."""
        for name in ("accept_suggestion", "accept_label_suggestions"):
            if name in self.actions:
                self.actions[name].setEnabled(self._current is not None)

    # -- engine ---------------------------------------------------------------------------

    @property
    def engine_name(self) -> str:
        chosen = self.settings.suggestion_engine
        try:
            if chosen and engine_info(chosen).installed():
                return chosen
        except AnnotatorError:
            pass
        return default_engine()

    def knowledge(self) -> Knowledge:
        if self._knowledge is None and self.session.project is not None:
            self._knowledge = self.session.project.suggestions.knowledge()
        return self._knowledge or Knowledge()

    def _engine_made(self, name: str, knowledge: Knowledge) -> Engine:
        """The engine, made (a model loaded) in the worker thread, once per knowledge."""
        if self._engine is None or self._engine_for != (name, knowledge):
            self._engine = make_engine(name, knowledge)
            self._engine_for = (name, knowledge)
        return self._engine

    # -- background runs --------------------------------------------------------------------

    def _project_opened(self) -> None:
        self._knowledge = None
        self.open, self.current = [], None

    def document_opened(self) -> None:
        """Show the document's stored suggestions, or make them after the first paint (the
        window calls this once the reader holds the document's text)."""
        self.current = None
        self.refresh()
        doc, project = self.session.document, self.session.project
        if doc is None or project is None or not self.settings.show_suggestions:
            return
        if project.readonly or project.suggestions.layer.status(doc.id) == "done":
            return  # suggested before (the stored ones are shown)
        doc_id = doc.id
        self.reader.after_paint(lambda: self.suggest_in_background(doc_id))

    def suggest_in_background(self, doc_id: str) -> None:
        """Run the engine on a document's text in the worker; the result is stored when
        it arrives, if that document is still open."""
        if self.session.project is None or self.session.document is None:
            return
        if self.session.document.id != doc_id:
            return
        self._run += 1
        run, text = self._run, self.session.document.text
        name, knowledge = self.engine_name, self.knowledge()

        def work() -> Suggestions:
            return link_to_registry(self._engine_made(name, knowledge).suggest(text), knowledge)

        self.pending = self._pool.submit(work)

        def done(future: Future[Suggestions]) -> None:
            error = future.exception()
            self.computed.emit(doc_id, run, error if error is not None else future.result())

        self.pending.add_done_callback(done)

    def _computed(self, doc_id: str, run: int, found: object) -> None:
        if run != self._run:
            return  # an older run's result: the newest is still at work
        self.pending = None
        doc, project = self.session.document, self.session.project
        if doc is None or doc.id != doc_id or project is None:
            return
        if isinstance(found, BaseException):
            self.window.show_message(f"No suggestions: {found}", 8000)
            return
        assert isinstance(found, Suggestions)
        self.session.write(lambda: project.suggestions.store(doc_id, found))

    def wait(self) -> None:
        """Wait for the running background run (tests, and closing the window)."""
        if self.pending is not None:
            self.pending.result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- what is shown --------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if changes.entities or changes.project:
            self._knowledge = None  # the registry's names changed
        cue = self.session.project.schema.roles.cue if self.session.project else None
        shown = self.session.annotations
        if cue is not None and any(
            ann_id in shown and shown[ann_id].label == cue for ann_id in changes.annotations.added
        ):
            self._knowledge = None  # a new cue word may extend the lexicon
        doc = self.session.document
        if doc is None:
            return
        if SUGGESTIONS_ID in changes.layers:
            self.refresh()
        elif changes.annotations_in(doc.id):  # the person's own: what they hold now
            self.refresh(stored=False)

    def refresh(self, stored: bool = True) -> None:
        """Show the open document's open suggestions, and repaint. With ``stored``, they are
        read again with their counts; without, only the person's annotations changed, which
        hide the suggestions they hold (an edit must not read the layer again)."""
        project, doc, layer = self.session.project, self.session.document, self.session.layer
        if project is None or doc is None or layer is None or not self.settings.show_suggestions:
            self.open, self._stored, self._decided = [], None, {}
        else:
            if stored or self._stored is None:
                self._stored = project.suggestions.open_in(doc.id)
                self._decided = project.suggestions.counts(doc.id)
            # the annotations in memory, unless a long document is still being read
            theirs = (
                self.session.annotations.values()
                if self.session.loading is None
                else layer.annotations(doc.id)
            )
            self.open = without_taken(self._stored, theirs)
        to_qt = self.reader.positions.to_qt
        self.index = SpanIndex(
            [
                Span(to_qt(f.start), to_qt(f.end), s.id, i)
                for s in self.open
                for i, f in enumerate(s.annotation.fragments)
            ]
        )
        if self.current not in {s.id for s in self.open}:
            self.current = None
        self._update_bar()
        self.reader.viewport().update()

    def _update_bar(self) -> None:
        project, doc = self.session.project, self.session.document
        shown = self.settings.show_suggestions and project is not None and doc is not None
        self.bar.setVisible(bool(shown))
        if not shown or project is None or doc is None:
            return
        decided = self._decided
        opened = Counter(s.annotation.label for s in self.open)
        labels = sorted(set(opened) | set(decided))
        counts = " · ".join(
            f"{label} {opened[label]} open, {decided[label].accepted if label in decided else 0}"
            f" accepted, {decided[label].rejected if label in decided else 0} rejected"
            for label in labels
        )
        title = engine_info(self.engine_name).title
        if self.pending is not None and not labels:
            counts = "working…"
        elif not labels:
            counts = "none in this document"
        first = f"Suggestions by {title}: {counts}"
        current = self.current_suggestion()
        if current is not None:
            where = [s.id for s in self.open].index(current.id) + 1
            first = (
                f"Suggestion {where} of {len(self.open)}: {current.annotation.label} "
                f"“{_short(current.annotation.text)}” ({current.engine}, score "
                f"{current.score:.2f}). Enter accepts, Backspace rejects.\n{first}"
            )
        elif self.open:
            first += "\n. walks to the next suggestion, , to the previous one."
        self.bar.summary.setText(first)
        label = current.annotation.label if current is not None else None
        self.bar.accept_all.setEnabled(label is not None)
        self.bar.accept_all.setText(f"Accept all {label}" if label else "Accept all")

    def set_shown(self, shown: bool) -> None:
        self.settings.show_suggestions = shown
        self.settings.save()
        action = self.window.actions_by_name.get("show_suggestions")
        if action is not None and action.isChecked() != shown:
            action.setChecked(shown)
        self.current = None if not shown else self.current
        self.refresh()
        if shown and self.session.document is not None:
            self.document_opened()

    def preferences_changed(self) -> None:
        """Preferences were saved: the engine or showing may have changed."""
        action = self.window.actions_by_name.get("show_suggestions")
        if action is not None and action.isChecked() != self.settings.show_suggestions:
            action.setChecked(self.settings.show_suggestions)  # toggled: set_shown refreshes
        else:
            self.refresh()

    def paint(self, painter: QPainter, blocks: list) -> None:
        if not len(self.index) or not blocks:
            return
        first, last = blocks[0][0], blocks[-1][0]
        spans = self.index.overlapping(first.position(), last.position() + last.length())
        labels = {s.id: s.annotation.label for s in self.open}
        # on a dark page a shade lighter than the label, so that the dashes stand out
        dark = self.reader.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for span in spans:
            color = QColor(self.reader.colors.get(labels.get(span.key, ""), QColor("#888888")))
            current = span.key == self.current
            if dark:
                color = color.lighter(170 if current else 130)
            pen = QPen(color, 2.5 if current else 1.2)
            pen.setStyle(Qt.PenStyle.DashLine if not current else Qt.PenStyle.DashDotLine)
            painter.setPen(pen)
            for rect, _baseline in self.reader._rects(span.start, span.end, blocks):
                painter.drawRect(QRectF(rect).adjusted(-2.0, -1.5, 2.0, 1.5))

    # -- walking and deciding ---------------------------------------------------------------

    def current_suggestion(self) -> Suggestion | None:
        return next((s for s in self.open if s.id == self.current), None)

    def step(self, step: int) -> None:
        if not self.open:
            self.window.show_message("No open suggestions in this document.", 4000)
            return
        ids = [s.id for s in self.open]
        if self.current in ids:
            index = (ids.index(self.current) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self._make_current(index)

    def _make_current(self, index: int) -> None:
        suggestion = self.open[index]
        self.current = suggestion.id
        self.session.select(None)
        self.reader.reveal(suggestion.annotation.start)
        self._update_bar()
        self.reader.viewport().update()

    def _decide(self, accept: bool) -> None:
        current = self.current_suggestion()
        if current is None:
            return
        index = [s.id for s in self.open].index(current.id)
        verb = "Accept" if accept else "Reject"
        text = f"{verb} suggested {current.annotation.label}"
        command = DecideSuggestions(self.session, [current.id], accept, text)
        if self.session.perform(command) and self.open:
            self._make_current(min(index, len(self.open) - 1))

    def accept(self) -> None:
        self._decide(accept=True)

    def reject(self) -> None:
        if self.current_suggestion() is None:
            self.window.tagging.delete()  # Backspace without a suggestion deletes, as before
            return
        self._decide(accept=False)

    def accept_label(self) -> None:
        current = self.current_suggestion()
        if current is None:
            return
        label = current.annotation.label
        command = DecideSuggestions(
            self.session, [], True, f"Accept all suggested {label}", label=label
        )
        if self.session.perform(command) and command.decision is not None:
            self.window.show_message(
                f"Accepted {command.decision.accepted} suggestion(s) of {label}.", 6000
            )


def _short(text: str, most: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[: most - 1].rstrip() + "…"
