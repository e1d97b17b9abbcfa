"""Menus and window-wide actions, with keys from the one shortcut table (gui/shortcuts.py) or
the user's own bindings (Preferences → Keyboard)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QMessageBox

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.gui import team_actions
from annotator.gui.plain import message_box, warn
from annotator.gui.review_mode import add_review_menu
from annotator.gui.shortcuts import EDGE_MOVES, by_action, current_keys
from annotator.gui.theme import apply_theme
from annotator.io.formats import ACTORS, FORMATS
from annotator.store.annotators import GOLD_NAME

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


#: Menu entries of the reader's actions (gui/tagging.py), in the Annotation menu.
READER_ENTRIES = {
    "next_annotation": "&Next annotation",
    "previous_annotation": "&Previous annotation",
    "delete": "&Delete",
    "deselect": "&Clear the selection",
    "start_left": "Start one character &left",
    "start_right": "Start one character &right",
    "start_word_left": "Start one &word left",
    "start_word_right": "Start one word righ&t",
    "end_left": "End one character l&eft",
    "end_right": "End one character ri&ght",
    "end_word_left": "End one w&ord left",
    "end_word_right": "End one word rig&ht",
}


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """The menu bar; returns every action that has a name in the shortcut table, the
    reader's included, so that rebinding a key reaches all of them (MainWindow.apply_shortcuts)."""
    keys = current_keys(window.settings.shortcuts)
    specs = by_action()
    actions: dict[str, QAction] = {}

    def add(menu: QMenu, name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, window)
        action.setObjectName(name)
        if name in keys:
            action.setShortcuts([QKeySequence(k) for k in keys[name]])
            action.setToolTip(specs[name].description)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        actions[name] = action
        return action

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    add(file_menu, "new_project", "&New project…", lambda: new_project(window))
    add(file_menu, "open_project", "&Open project…", lambda: open_project(window))
    recent = file_menu.addMenu("Open &recent")
    recent.aboutToShow.connect(lambda: fill_recent(window, recent))
    file_menu.addSeparator()
    add(file_menu, "import", "&Import…", lambda: import_files(window))
    add(file_menu, "export", "&Export…", lambda: export_project(window))
    add(file_menu, "import_actors", "Import actor &list…", lambda: import_actors(window))
    add(file_menu, "export_actors", "Export actor l&ist…", lambda: export_actors(window))
    file_menu.addSeparator()
    add(file_menu, "distribute", "&Distribute…", lambda: team_actions.distribute(window))
    add(file_menu, "merge_projects", "&Merge projects…", lambda: team_actions.merge(window))
    file_menu.addSeparator()
    add(file_menu, "preferences", "&Preferences…", lambda: preferences(window))
    add(file_menu, "quit", "&Quit", window.close)

    edit = bar.addMenu("&Edit")
    undo, redo = undo_actions(window)
    for action, name in ((undo, "undo"), (redo, "redo")):
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys[name]])
        edit.addAction(action)
        actions[name] = action
    edit.addSeparator()
    add(edit, "find", "&Find in document…", window.find_bar.open_bar)
    add(edit, "search_corpus", "&Search all documents…", window.documents.focus_search)

    annotation = bar.addMenu("&Annotation")
    annotation_menu(window, annotation, actions, add)
    from annotator.gui.suggestion_menu import add_show_action, add_suggestion_menu

    add_suggestion_menu(window, annotation, actions)

    document = bar.addMenu("&Document")
    add(document, "done_next", "Mark &done and open the next", window.done_and_next)
    add(document, "next_document", "&Next document", lambda: window.step_document(1))
    add(document, "previous_document", "&Previous document", lambda: window.step_document(-1))

    from annotator.gui.codebook import add_project_menu  # the codebook: guidelines, schema

    add_project_menu(window, bar)
    review = bar.addMenu("&Review")  # compare layers, adjudicate gold, measure agreement
    add_review_menu(window, review, actions)
    review.addSeparator()
    add(review, "agreement_report", "&Agreement report…", lambda: agreement_report(window))

    view = bar.addMenu("&View")
    add(view, "zoom_in", "Zoom &in", lambda: window.zoom(1))
    add(view, "zoom_out", "Zoom &out", lambda: window.zoom(-1))
    view.addSeparator()
    view.addAction(window.documents.toggleViewAction())
    view.addAction(window.annotations.toggleViewAction())
    view.addAction(window.actors.toggleViewAction())
    view.addAction(window.problems.toggleViewAction())
    view.addSeparator()
    add_show_action(window, view, actions)
    layers = view.addMenu("Other &layers (read-only)")
    layers.setObjectName("layers-menu")
    layers.aboutToShow.connect(lambda: fill_layers(window, layers))

    help_menu = bar.addMenu("&Help")
    add(help_menu, "shortcuts", "&Keyboard shortcuts", lambda: shortcut_sheet(window))
    add(help_menu, "about", "&About Annotator", lambda: about(window))
    return actions


def annotation_menu(
    window: MainWindow,
    menu: QMenu,
    actions: dict[str, QAction],
    add: Callable[[QMenu, str, str, Callable[[], object]], QAction],
) -> None:
    """The selected annotation: walk, delete, move its edges (every move has an entry, for
    window managers that take Alt+Shift+arrows), and word snapping."""
    menu.setObjectName("annotation-menu")
    reader_actions = window.tagging.actions

    def entry(target: QMenu, name: str) -> None:
        action = reader_actions[name]
        action.setText(READER_ENTRIES[name])
        action.setToolTip(by_action()[name].description)
        target.addAction(action)
        actions[name] = action

    for name in ("next_annotation", "previous_annotation", "delete", "deselect"):
        entry(menu, name)
    menu.addSeparator()
    edges = menu.addMenu("Move &edge")
    edges.setObjectName("edge-menu")
    for i, name in enumerate(EDGE_MOVES):
        if i == len(EDGE_MOVES) // 2:
            edges.addSeparator()
        entry(edges, name)
    menu.addSeparator()
    snap = add(menu, "snap_to_words", "&Snap selections to whole words", lambda: None)
    snap.setCheckable(True)
    snap.setChecked(window.settings.snap_to_words)
    snap.toggled.connect(lambda on: set_snapping(window, on))


def set_snapping(window: MainWindow, on: bool) -> None:
    if window.settings.snap_to_words != on:
        window.settings.snap_to_words = on
        window.settings.save()
        window.show_message(
            "Selections snap to whole words."
            if on
            else "Selections are not snapped: they keep what you select.",
            6000,
        )


def undo_actions(window: MainWindow) -> tuple[QAction, QAction]:
    """Undo and redo through the session's funnel (not QUndoStack's own actions, which would
    bypass it), named after the command they replay."""
    session, stack = window.session, window.session.undo_stack
    undo, redo = QAction("&Undo", window), QAction("&Redo", window)
    undo.triggered.connect(session.undo)
    redo.triggered.connect(session.redo)

    def update() -> None:
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(f"&Undo {stack.undoText()}".rstrip())
        redo.setText(f"&Redo {stack.redoText()}".rstrip())

    stack.indexChanged.connect(lambda _i: update())
    stack.cleanChanged.connect(lambda _c: update())
    update()
    return undo, redo


def fill_layers(window: MainWindow, menu: QMenu) -> None:
    """One checkable entry per other annotator (and gold): shown beside this layer."""
    menu.clear()
    session = window.session
    if session.project is None or session.layer is None:
        return
    if session.blind:  # a blind file (docs/team.md): the annotator works without seeing others
        menu.addAction("(hidden: this file is blind)").setEnabled(False)
        return
    mine = session.layer.annotator_id
    for layer in session.project.layers():
        if layer.annotator_id == mine or layer.annotator_id is None:
            continue
        label = "Gold (adjudicated)" if layer.is_gold else layer.name
        action = menu.addAction(label.replace("&", "&&"))
        action.setCheckable(True)
        action.setChecked(layer.annotator_id in session.shown_layers)
        action.toggled.connect(lambda on, who=layer.annotator_id: session.show_layer(who, on))
    if menu.isEmpty():
        menu.addAction("(no other annotator in this project)").setEnabled(False)


def fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    for entry in window.settings.recent_projects:
        action = menu.addAction(entry)
        action.triggered.connect(lambda _c=False, p=entry: window.open_project(Path(p)))
    if menu.isEmpty():
        menu.addAction("(none yet)").setEnabled(False)


def new_project(window: MainWindow) -> None:
    from annotator.store.project import Project

    name, _ = QFileDialog.getSaveFileName(window, "New project", "", PROJECT_FILTER)
    if not name:
        return
    path = Path(name if name.endswith(".annotator") else name + ".annotator")
    try:
        Project.create(path, annotator=window.settings.annotator_name).close()
    except AnnotatorError as exc:
        warn(window, "Cannot create the project", str(exc))
        return
    window.open_project(path)


def open_project(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(window, "Open project", "", PROJECT_FILTER)
    if name:
        window.open_project(Path(name))


def import_files(window: MainWindow) -> None:
    from annotator.gui.import_dialog import import_files as run_dialogs

    run_dialogs(window)


def export_project(window: MainWindow) -> None:
    from annotator.gui.export_dialog import choose_export, run_export
    from annotator.io.exporting import role_warnings

    project = window.session.project
    if project is None:
        return
    layers = [person.name for person in project.annotators.all()]
    if GOLD_NAME not in layers:
        layers.append(GOLD_NAME)  # gold can be exported before anything is accepted into it
    # in review mode, gold is what is being made
    chosen = GOLD_NAME if window.review.active else None
    docs = window.documents
    listed = docs.model.listed_ids() if docs.model.query or docs.model.status else None
    suggested = project.path.with_suffix(".json")
    choice = choose_export(window, suggested, layers, chosen, docs.selected_ids(), listed)
    if choice is None:
        return
    fmt, out, who, documents = choice
    notes: list[str] = []  # what the format could not carry
    try:
        count = run_export(window, project.path, fmt, out, who, notes, documents)
    except AnnotatorError as exc:
        warn(window, "Export failed", str(exc))
        return
    if count is not None:
        said = [*role_warnings(project.schema, fmt), *notes]
        warnings = "".join(f" Warning: {w}." for w in said)
        window.show_message(FORMATS[fmt].exported(count, out) + warnings, 8000)


REGISTRY_FILTER = "Actor lists (*.csv *.json);;All files (*)"


def import_actors(window: MainWindow) -> None:
    """Merge a colleague's actor list (by id, then by name); the report says what changed."""
    from annotator.io.registry import import_registry

    project = window.session.project
    if project is None:
        return
    name, _ = QFileDialog.getOpenFileName(window, "Import an actor list", "", REGISTRY_FILTER)
    if not name:
        return
    try:
        # in the window's funnel: one transaction, and the views learn what changed
        with project.transaction() as changes:
            report = import_registry(project, Path(name))
    except AnnotatorError as exc:
        warn(window, "Nothing was imported", str(exc))
        return
    window.session.announce(changes)
    summary = (
        f"{report.added} actor(s) added, {report.updated} updated, {report.unchanged} unchanged."
    )
    window.show_message(summary, 8000)
    if report.warnings:
        box = message_box(window, QMessageBox.Icon.Information, "Actor list imported", summary)
        box.setDetailedText("\n".join(report.warnings))
        box.exec()


def export_actors(window: MainWindow) -> None:
    from annotator.io.registry import export_registry

    project = window.session.project
    if project is None:
        return
    suggested = str(project.path.with_name(project.path.stem + "-actors.csv"))
    name, _ = QFileDialog.getSaveFileName(
        window, "Export the actor list", suggested, REGISTRY_FILTER
    )
    if not name:
        return
    fmt = "json" if name.lower().endswith(".json") else "csv"
    try:
        count = export_registry(project, Path(name), fmt)
    except AnnotatorError as exc:
        warn(window, "Export failed", str(exc))
        return
    window.show_message(f"Exported {ACTORS.of(count)} to {name}.", 8000)


def agreement_report(window: MainWindow) -> None:
    from annotator.gui.agreement_report import open_agreement_report

    open_agreement_report(window)


def preferences(window: MainWindow) -> None:
    from annotator.gui.dialogs import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window, schema_keys(window))
    if dialog.exec():
        window.apply_shortcuts()
        window.actions_by_name["snap_to_words"].setChecked(window.settings.snap_to_words)
        window.reader.set_font_size(window.settings.font_size)
        window.session.add_linked_spellings = window.settings.add_linked_spellings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, window.settings.theme)
        window.suggestions.preferences_changed()
        window.session.preferred_name = window.settings.annotator_name
        if window.settings.annotator_name != window.session.annotator_name:
            window.show_message(
                "The new annotator name applies when a project is opened next.", 8000
            )


def schema_keys(window: MainWindow) -> dict[str, str]:
    """The open project's label and relation keys: key → what it does."""
    keys: dict[str, str] = {}
    if window.session.project is not None:
        schema = window.session.project.schema
        for x in schema.labels:
            if x.hotkey:
                keys[x.hotkey] = f"Tag as {x.name} (or relabel)"
        for r in schema.relations:
            if r.hotkey:
                keys[r.hotkey] = f"Set the {r.name} of the selected {r.source}"
    return keys


def shortcut_sheet(window: MainWindow) -> None:
    from annotator.gui.dialogs import ShortcutSheet

    extra = list(schema_keys(window).items())
    ShortcutSheet(window, extra, current_keys(window.settings.shortcuts)).exec()


def program_folder() -> Path:
    """Where the running program is: the frozen bundle's folder, or the package's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).parent
    return Path(__file__).resolve().parents[1]


def about_text(window: MainWindow) -> tuple[str, str]:
    """Help → About: the version, and where the project, preferences and backups are."""
    from annotator.store.backup import backup_folder, backup_root

    project = window.session.project
    places = [
        f"Project: {project.path if project is not None else '(none open)'}",
        f"Preferences: {window.settings.path}",
        f"Backups: {backup_folder(project.path) if project is not None else backup_root()}",
        f"Program: {program_folder()}",
    ]
    return (
        f"Annotator {__version__}\nQuotes, actors and demands in news articles.",
        "\n".join(places),
    )


def about(window: MainWindow) -> None:
    text, places = about_text(window)
    box = QMessageBox(window)
    box.setObjectName("about")
    box.setWindowTitle("About Annotator")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths may hold anything
    box.setText(text)
    box.setInformativeText(places)
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if label.objectName() == "qt_msgbox_informativelabel":
            label.setMinimumWidth(560)  # a path on one line where it fits
    box.exec()
