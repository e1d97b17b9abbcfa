"""Review mode: compare annotators' layers on the open document and adjudicate into gold.

Entering it (Review → Review mode, Ctrl+Shift+R) makes the reader show and edit the **gold**
layer: gold's annotations are the normal highlights, and every tagging key, relabelling,
moving an edge or deleting edits gold. Under each line the lanes (gui/review_lanes.py) show
the units' states and each compared annotator's version. The review pane lists the units;
``N``/``P`` step through the disagreements, ``1``…``9`` accept that annotator's version (with
its speaker, claimant, addressee and their mentions), ``X`` rejects the unit. Every decision
is an undo command through the session's funnel. Leaving review mode gives the reader back
the user's own layer (and the other layers they had shown).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.units import Unit
from annotator.gui.plain import message_box, warn
from annotator.gui.review_commands import AcceptVersion, ApplyStrategy, RejectUnit
from annotator.gui.review_dock import ReviewDock, shortened, version_text
from annotator.gui.review_lanes import Lanes
from annotator.gui.shortcuts import REVIEW_ACTIONS, by_action, current_keys
from annotator.store.annotators import GOLD_ID
from annotator.store.gold import Adjudication
from annotator.store.project import Layer

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class ReviewMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.active = False
        self.compared: list[str] = []
        self.units: list[Unit] = []
        self.current: int | None = None
        self.lanes = Lanes(window.reader)
        self.dock: ReviewDock | None = None
        self._own: Layer | None = None
        self._shown: dict[str, Layer] = {}
        self.actions: dict[str, QAction] = {}
        slots: dict[str, Callable[[], None]] = {
            "next_disagreement": lambda: self.step(1),
            "previous_disagreement": lambda: self.step(-1),
            "reject_unit": self.reject,
        }
        for k in range(1, 10):
            slots[f"accept_{k}"] = partial(self.accept, k)
        keys = current_keys(window.settings.shortcuts)
        specs = by_action()
        for name in REVIEW_ACTIONS:
            action = QAction(specs[name].description, window.reader)
            action.setObjectName(name)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setShortcuts([QKeySequence(k) for k in keys[name]])
            action.setEnabled(False)
            action.triggered.connect(lambda _c=False, slot=slots[name]: slot())
            window.reader.addAction(action)
            self.actions[name] = action
        self.session.documentOpened.connect(self._document_opened)
        self.session.documentLoaded.connect(self.refresh)
        self.session.changed.connect(self._changed)
        self.session.projectOpened.connect(self._project_opened)

    # -- entering and leaving ------------------------------------------------------------

    def _dock(self) -> ReviewDock:
        if self.dock is None:  # built when first used
            dock = ReviewDock(self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.window.tabifyDockWidget(self.window.annotations, dock)
            dock.comparedChanged.connect(self.set_compared)
            dock.unitActivated.connect(self.select)
            dock.strategyRequested.connect(self.run_strategy)
            dock.leaveRequested.connect(self.leave)
            self.dock = dock
        return self.dock

    def people(self) -> list[tuple[str, str]]:
        project = self.session.project
        if project is None:
            return []
        return [(a.id, a.name) for a in project.annotators.all() if a.id != GOLD_ID]

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self, annotators: list[str] | None = None, label: str | None = None) -> bool:
        """Review the open document (the first unit of ``label``, or the first disagreement)."""
        session, project = self.session, self.session.project
        if project is None or session.document is None or session.layer is None:
            self.window.show_message("Open a document to review it.", 6000)
            return False
        if session.blind:  # an annotator's blind file (docs/team.md) shows no other layer
            self.window.show_message("This file is blind: other annotators' layers are hidden.")
            return False
        people = self.people()
        self.compared = list(annotators) if annotators else [pid for pid, _ in people][:9]
        if not self.active:
            self._own, self._shown = session.layer, dict(session.shown_layers)
            session.layer, session.shown_layers = project.gold, {}
            self.active = True
            for action in self.actions.values():
                action.setEnabled(True)
            self.lanes.attach(len(self.compared))
        dock = self._dock()
        dock.set_annotators(people, self.compared)
        dock.show()
        dock.raise_()
        self._check_action(True)
        session.open_document(session.document.id)  # gold's annotations now
        self.window.setWindowTitle(f"Review: {project.name} — Annotator")
        self.window.show_message(
            "Review mode: the reader edits the gold layer. N/P: next/previous disagreement, "
            "1…9: accept a version, X: reject.",
            8000,
        )
        first = next((i for i, u in enumerate(self.units) if label and label in u.labels), None)
        if first is None:
            first = next((i for i, u in enumerate(self.units) if self._open(u)), None)
        self.select(first)
        return True

    def leave(self) -> None:
        if not self.active:
            return
        session = self.session
        self.active = False
        for action in self.actions.values():
            action.setEnabled(False)
        self.lanes.detach()
        self.units, self.current = [], None
        if self.dock is not None:
            self.dock.hide()
        self._check_action(False)
        if session.project is not None and self._own is not None:
            session.layer, session.shown_layers = self._own, self._shown
            self.window.setWindowTitle(f"{session.project.name} — Annotator")
            if session.document is not None:
                session.open_document(session.document.id)
        self._own, self._shown = None, {}

    def _project_opened(self) -> None:
        if self.active:  # the session starts afresh on the new project
            self.active = False
            self._own, self._shown = None, {}
            for action in self.actions.values():
                action.setEnabled(False)
            self.lanes.detach()
            if self.dock is not None:
                self.dock.hide()
            self._check_action(False)

    def _check_action(self, on: bool) -> None:
        action = self.window.actions_by_name.get("review_mode")
        if action is not None and action.isChecked() != on:
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    def set_compared(self, annotators: list[str]) -> None:
        self.compared = annotators[:9]
        self.lanes.attach(len(self.compared))
        self.refresh()

    # -- the units ---------------------------------------------------------------------------

    def _document_opened(self) -> None:
        if self.active:
            self.current = None
            self.refresh()

    def _changed(self, changes: Changes) -> None:
        doc = self.session.document
        if self.active and doc is not None and doc.id in changes.touched_documents | {doc.id}:
            self.refresh()

    def refresh(self) -> None:
        """Read the open document's units again (after an edit, or other annotators)."""
        session, project = self.session, self.session.project
        if not self.active or project is None or session.document is None:
            return
        key = self.units[self.current].key if self.current is not None else None
        try:
            self.units = Adjudication(project).units(session.document.id, self.compared)
        except AnnotatorError as exc:
            self.window.show_message(str(exc), 8000)
            self.units = []
        names = dict(self.people())
        self.lanes.set_units(self.units, self.compared, [names.get(w, w) for w in self.compared])
        if self.dock is not None:
            self.dock.set_units(self.units)
        row = next((i for i, u in enumerate(self.units) if u.key == key), None)
        if row is None and self.current is not None and self.units:
            row = min(self.current, len(self.units) - 1)
        self._show(row)

    @staticmethod
    def _open(unit: Unit) -> bool:
        return unit.is_disagreement and unit.outcome is None

    def select(self, row: int | None) -> None:
        self._show(row)
        unit = self.current_unit()
        if unit is not None:
            self.window.reader.reveal(unit.start)
            if unit.gold:
                self.session.select(unit.gold[0].id)

    def _show(self, row: int | None) -> None:
        self.current = row
        unit = self.current_unit()
        self.lanes.set_current(unit)
        if self.dock is not None:
            self.dock.show_current(row, self.describe(unit) if unit is not None else "")

    def current_unit(self) -> Unit | None:
        if self.current is None or not 0 <= self.current < len(self.units):
            return None
        return self.units[self.current]

    def describe(self, unit: Unit) -> str:
        """The versions of a unit, one line per compared annotator, and gold's."""
        text = self.session.document.text if self.session.document is not None else ""
        names = dict(self.people())

        def links(anns: list) -> dict[str, list[tuple[str, str]]]:
            return {
                a.id: [
                    (kind, shortened(" … ".join(text[s:e] for s, e in spans), 30))
                    for kind, _label, spans in unit.signatures[a.id].links
                ]
                for a in anns
            }

        differs = f"differs in {', '.join(unit.aspects)}" if unit.aspects else "no difference"
        if unit.missing:
            absent = ", ".join(names.get(who, who) for who in unit.missing)
            differs += f"; no version from {absent}"
        lines = [f"{unit.label}, {unit.state}: {differs}"]
        for k, who in enumerate(self.compared, start=1):
            anns = unit.versions.get(who, [])
            shown = "; ".join(version_text(a, links(anns)) for a in anns) or "—"
            lines.append(f"{k}  {names.get(who, who)}: {shown}")
        gold = "; ".join(version_text(a, {}) for a in unit.gold) or "—"
        lines.append(f"Gold: {gold}")
        return "\n".join(lines)

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) disagreement not reviewed yet (else any)."""
        if not self.units:
            self.window.show_message("Nothing to review in this document.", 6000)
            return
        here = (
            self.current if self.current is not None else (-1 if direction > 0 else len(self.units))
        )
        order = range(here + 1, len(self.units)) if direction > 0 else range(here - 1, -1, -1)
        found = next((i for i in order if self._open(self.units[i])), None)
        if found is None:
            found = next((i for i in order if self.units[i].is_disagreement), None)
        if found is None:
            where = "after" if direction > 0 else "before"
            self.window.show_message(f"No disagreement {where} this one.", 6000)
            return
        self.select(found)

    # -- decisions ---------------------------------------------------------------------------

    def accept(self, k: int) -> None:
        unit = self.current_unit()
        if unit is None:
            self.window.show_message("Choose a unit first (N: next disagreement).", 6000)
            return
        if k > len(self.compared):
            self.window.show_message(f"Only {len(self.compared)} annotators are compared.", 6000)
            return
        who = self.compared[k - 1]
        name = dict(self.people()).get(who, who)
        if not unit.versions.get(who):
            self.window.show_message(f"{name} has no version here; X rejects the unit.", 6000)
            return
        self.session.perform(AcceptVersion(self.session, unit, who, name))

    def reject(self) -> None:
        unit = self.current_unit()
        if unit is None:
            self.window.show_message("Choose a unit first (N: next disagreement).", 6000)
            return
        self.session.perform(RejectUnit(self.session, unit))

    def run_strategy(self, name: str) -> None:
        from annotator.gui.review_strategy import StrategyDialog, compute_preview, preview_text

        session, project = self.session, self.session.project
        if project is None or session.document is None:
            return
        if not self.active:
            self.enter()
        if len(self.compared) < 2:
            warn(self.window, "Nothing to compare", "Choose at least two annotators to compare.")
            return
        listed = self.window.documents.model.listed_ids()
        dialog = StrategyDialog(
            self.window, name, len(self.compared), session.document.title, len(listed)
        )
        if not dialog.exec():
            return
        strategy = dialog.strategy()
        documents = (
            None
            if dialog.corpus.isChecked()
            else listed
            if dialog.listed.isChecked()
            else [session.document.id]
        )
        try:
            report = compute_preview(self.window, project.path, strategy, documents, self.compared)
        except AnnotatorError as exc:
            warn(self.window, "No preview", str(exc))
            return
        if report is None:
            self.window.show_message("Preview cancelled; nothing was accepted.", 6000)
            return
        box = message_box(
            self.window,
            QMessageBox.Icon.Question,
            "Accept into gold",
            preview_text(report, strategy),
            QMessageBox.StandardButton.Cancel,
        )
        go = box.addButton("Accept", QMessageBox.ButtonRole.AcceptRole) if report.total else None
        box.exec()
        if go is None or box.clickedButton() is not go:
            return
        text = f"Accept {'agreed' if name == 'agreed' else 'majority'} ({report.total} units)"
        if session.perform(ApplyStrategy(session, report, text)):
            self.window.show_message(f"{report.total} unit(s) accepted into gold.", 8000)


def add_review_menu(window: MainWindow, menu: QMenu, actions: dict[str, QAction]) -> None:
    """Review → Review mode, and the two strategies (the window's ``review`` does the work)."""
    keys = current_keys(window.settings.shortcuts)
    review = QAction("&Review mode (compare layers, adjudicate gold)", window)
    review.setObjectName("review_mode")
    review.setCheckable(True)
    review.setShortcuts([QKeySequence(k) for k in keys["review_mode"]])
    review.toggled.connect(lambda _on: window.review.toggle())
    menu.addAction(review)
    actions["review_mode"] = review
    for name, text in (
        ("agreed", "Accept &agreed into gold…"),
        ("majority", "Accept &majority into gold…"),
    ):
        action = QAction(text, window)
        action.setObjectName(f"review_accept_{name}")
        action.triggered.connect(lambda _c=False, n=name: window.review.run_strategy(n))
        menu.addAction(action)
    for name, action in window.review.actions.items():
        actions[name] = action
