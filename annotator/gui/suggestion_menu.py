"""Annotation → Suggestions: walking and deciding, suggesting again, and a run over the
documents (off the GUI thread, with progress and Cancel)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from annotator.core.assist.engines import ENGINES, engine_info, make_engine
from annotator.core.errors import AnnotatorError
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.gui.plain import message_box, warn
from annotator.gui.shortcuts import current_keys
from annotator.gui.workers import run_with_progress
from annotator.store.project import Project
from annotator.store.suggestions import RunReport

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ENTRIES = {
    "next_suggestion": "&Next suggestion",
    "previous_suggestion": "&Previous suggestion",
    "accept_suggestion": "&Accept the current suggestion",
    "reject_suggestion": "&Reject the current suggestion",
    "accept_label_suggestions": "Accept all of its &label in the document",
}


def add_suggestion_menu(window: MainWindow, menu: QMenu, actions: dict[str, QAction]) -> None:
    suggestions = window.suggestions
    sub = menu.addMenu("&Suggestions")
    sub.setObjectName("suggestions-menu")
    # The menu has entries of its own, which name the keys but do not take them: an action
    # with Enter in a menu of the menu bar would take Enter from the window's dialogs too.
    entries: dict[str, QAction] = {}
    for name, text in ENTRIES.items():
        reader_action = suggestions.actions[name]
        entry = QAction(text, window)
        entry.setObjectName(f"menu_{name}")
        entry.triggered.connect(lambda _c=False, a=reader_action: a.trigger())
        sub.addAction(entry)
        entries[name] = entry
        actions[name] = reader_action  # rebinding keys reaches the reader's action

    def name_keys() -> None:
        for name, entry in entries.items():
            keys = suggestions.actions[name].shortcuts()
            shown = " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            entry.setText(f"{ENTRIES[name]}\t{shown}" if shown else ENTRIES[name])
            entry.setEnabled(suggestions.actions[name].isEnabled())

    name_keys()
    sub.aboutToShow.connect(name_keys)
    sub.addSeparator()
    again = QAction("Suggest &again for this document", window)
    again.setObjectName("suggest_document")
    again.triggered.connect(lambda _c=False: suggest_document(window))
    sub.addAction(again)
    selected = QAction("Suggest for the &selected documents…", window)
    selected.setObjectName("suggest_selected")
    selected.setToolTip("The documents selected in the Documents list")
    selected.triggered.connect(lambda _c=False: suggest_corpus(window, selected=True))
    corpus = QAction("Suggest for &all documents…", window)
    corpus.setObjectName("suggest_corpus")
    corpus.triggered.connect(lambda _c=False: suggest_corpus(window))
    about = QAction("About the &engines…", window)
    about.setObjectName("suggestion_engines")
    about.triggered.connect(lambda _c=False: explain_engines(window))
    for action in (selected, corpus, about):
        sub.addAction(action)
        actions[action.objectName()] = action


def add_show_action(window: MainWindow, menu: QMenu, actions: dict[str, QAction]) -> None:
    """View → Show suggestions (checkable)."""
    keys = current_keys(window.settings.shortcuts)
    show = QAction("Show &suggestions", window)
    show.setObjectName("show_suggestions")
    show.setCheckable(True)
    show.setChecked(window.settings.show_suggestions)
    show.setShortcuts([QKeySequence(k) for k in keys["show_suggestions"]])
    show.toggled.connect(window.suggestions.set_shown)
    menu.addAction(show)
    actions["show_suggestions"] = show


def suggest_document(window: MainWindow) -> None:
    doc = window.session.document
    if doc is None or window.session.project is None:
        return
    window.suggestions.suggest_in_background(doc.id)


def suggest_corpus(window: MainWindow, selected: bool = False) -> None:
    """Run the chosen engine over every document (or the ones selected in the Documents
    list), in a worker with its own connection."""
    session = window.session
    project = session.project
    if project is None:
        return
    documents = window.documents.selected_ids() if selected else None
    if documents == []:
        window.show_message("Select documents in the Documents list first.", 8000)
        return
    name = window.suggestions.engine_name
    path, who = project.path, session.annotator_name
    total = project.documents.count() if documents is None else len(documents)

    def work(progress: ProgressCallback) -> RunReport:
        with Project.open(Path(path), annotator=who, backup=False, shared_in_process=True) as own:
            engine = make_engine(name, own.suggestions.knowledge())
            report = own.suggestions.run(engine, documents, progress=progress)
        if report.cancelled:
            raise Cancelled()  # what was done is kept (each batch is committed)
        return report

    title = engine_info(name).title
    try:
        report = run_with_progress(
            window,
            "Suggesting",
            work,
            f"Suggesting with {title} in {total} document(s)…",
            stopping="Stopping; the documents done so far keep their suggestions…",
        )
    except AnnotatorError as exc:
        warn(window, "No suggestions", str(exc))
        return
    session.corpus_changed()
    window.suggestions.refresh()
    if report is None:
        window.show_message("Stopped: the documents done so far keep their suggestions.", 8000)
        return
    per_label = ", ".join(f"{n} {label}" for label, n in sorted(report.suggested.items()))
    window.show_message(
        f"{report.total} suggestion(s) in {report.documents} document(s)"
        + (f": {per_label}" if per_label else "")
        + (
            f"; {report.skipped_decided} decided before, left out" if report.skipped_decided else ""
        ),
        10000,
    )


def explain_engines(window: MainWindow) -> None:
    lines = []
    for info in ENGINES:
        state = (
            "installed"
            if info.installed()
            else f"not installed (pip install 'annotator[{info.needs}]')"
        )
        lines.append(f"{info.title} — {state}\n  {info.finds}")
    chosen = window.suggestions.engine_name
    box = message_box(
        window,
        QMessageBox.Icon.Information,
        "Suggestion engines",
        f"In use: {engine_info(chosen).title} (Preferences → General chooses).",
    )
    box.setInformativeText("\n\n".join(lines))
    box.exec()
