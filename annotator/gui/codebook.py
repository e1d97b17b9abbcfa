"""The Project menu's codebook entries: Edit guidelines… and Edit schema…, their undoable
commands, the preview of a schema change, and bringing the window up to date afterwards.

Both edits go through the window's funnel (``Session.perform``): one transaction, one undo
step, one ``changed`` with the change record. A schema change is previewed first (what
changes, what stored data are migrated, or why it is refused: core/schema_change.py); its
undo puts back the previous schema and the annotations and relations it rewrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QMessageBox

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import Schema
from annotator.core.schema_change import Migrations, SchemaPlan, plan_change
from annotator.core.text import normalise_text
from annotator.gui.commands import StoreCommand
from annotator.gui.guidelines import GuidelinesEditor, SetGuidelines
from annotator.gui.plain import message_box, warn
from annotator.gui.schema_editor import SchemaEditor, window_keys
from annotator.gui.session import Session
from annotator.gui.shortcuts import by_action, current_keys
from annotator.gui.workers import run_with_progress
from annotator.store import schema_change
from annotator.store.project import Project
from annotator.store.schema_change import AppliedChange

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class ChangeSchema(StoreCommand):
    """Install a new schema version with its migrations; undo restores the previous one."""

    def __init__(self, session: Session, schema: Schema, migrations: Migrations) -> None:
        super().__init__(session, "Change the schema")
        self.document_id = None  # the whole project, not one document
        self.schema, self.migrations = schema, migrations
        self.applied: AppliedChange | None = None

    def apply(self) -> None:
        self.applied = self.project.change_schema(self.schema, self.migrations).value

    def revert(self) -> None:
        assert self.applied is not None
        self.project.revert_schema_change(self.applied)


def add_project_menu(window: MainWindow, bar: QMenuBar) -> QMenu:
    """The Project menu (codebook entries), and the window's refresh after a schema change."""
    menu = bar.addMenu("&Project")
    menu.setObjectName("project-menu")
    for name, text, slot in (
        ("edit_guidelines", "Edit &guidelines…", edit_guidelines),
        ("edit_schema", "Edit &schema…", edit_schema),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(lambda _c=False, run=slot: run(window))
        menu.addAction(action)
    window.session.changed.connect(lambda changes: project_changed(window, changes))
    return menu


def project_changed(window: MainWindow, changes: Changes) -> None:
    """Guidelines or schema changed (an edit, its undo or redo): every part that shows the
    schema reads it again; the reader repaints with the new colours."""
    project = window.session.project
    if not changes.project or project is None:
        return
    schema = project.schema
    window.reader.set_schema(schema)
    window.tagbar.set_schema(schema)
    window.guidelines.show_project(project.guidelines, schema)
    window.tagging.install_schema_keys()
    if window.session.document is not None:
        window.reader.set_annotations(window.session.annotations)
        window.reader.set_others(window.session.other_annotations, window.session.owner_name)
    window.annotations.refresh()


def edit_guidelines(window: MainWindow) -> None:
    project = window.session.project
    if project is None:
        return
    dialog = GuidelinesEditor(project.guidelines, window)
    if not dialog.exec():
        return
    text = normalise_text(dialog.text())
    if text == project.guidelines:
        window.show_message("The guidelines are unchanged.", 5000)
        return
    if window.session.perform(SetGuidelines(window.session, text)):
        window.show_message("Guidelines saved (Edit → Undo puts the previous ones back).", 8000)


def bound_keys(window: MainWindow) -> dict[str, str]:
    names = {name: spec.description for name, spec in by_action().items()}
    return window_keys(current_keys(window.settings.shortcuts), names)


def edit_schema(window: MainWindow) -> None:
    project = window.session.project
    if project is None:
        return
    editor = SchemaEditor(project.schema, bound_keys(window), window)
    while editor.exec():
        schema, migrations = editor.result_schema()
        try:
            plan = planned(window, project.path, schema, migrations)
        except AnnotatorError as exc:
            warn(window, "The schema cannot be compared", str(exc))
            continue
        if plan is None:
            continue  # cancelled: back to the editor
        if plan.unchanged:
            window.show_message(f"The schema is unchanged (version {plan.old.version}).", 6000)
            return
        if not preview(window, plan):
            continue  # back to the editor, with what was typed
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = window.session.perform(ChangeSchema(window.session, schema, migrations))
        finally:
            QApplication.restoreOverrideCursor()
        if done:
            window.show_message(
                f"Schema version {project.schema.version} installed "
                "(Edit → Undo puts the previous one back).",
                8000,
            )
        return


def planned(
    window: MainWindow, path: Path, schema: Schema, migrations: Migrations
) -> SchemaPlan | None:
    """The plan, counted off the window's thread on a read-only connection of its own (a
    grouped pass over every annotation: seconds on a large corpus); None if cancelled."""

    def work(progress: ProgressCallback) -> SchemaPlan:
        with Project.open(path, readonly=True) as reader:
            usage = schema_change.usage(reader)
            if progress(1, 2):
                raise Cancelled
            return plan_change(reader.schema, schema, usage, migrations)

    return run_with_progress(
        window, "Edit schema", work, "Counting the annotations the change concerns…"
    )


def preview(window: MainWindow, plan: SchemaPlan) -> bool:
    """What the change does; True when the user applies it (never when it is refused)."""
    lines = plan.report()
    if plan.refused:
        box = message_box(
            window,
            QMessageBox.Icon.Warning,
            "The schema cannot be changed so",
            "This change would orphan stored annotations, so it is refused. Rename instead "
            "of removing (a renamed label, relation or value takes its annotations along), "
            "or keep what is in use.",
            QMessageBox.StandardButton.Ok,
        )
        box.setObjectName("schema-refused")
        box.setInformativeText("\n".join(lines))
        box.exec()
        return False
    box = message_box(
        window,
        QMessageBox.Icon.Question,
        "Change the schema",
        f"Install schema version {plan.new.version}?",
        QMessageBox.StandardButton.Cancel,
    )
    box.setObjectName("schema-preview")
    box.setInformativeText("\n".join(lines))
    apply = box.addButton("Apply", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(apply)
    box.exec()
    return box.clickedButton() is apply


__all__ = ["ChangeSchema", "add_project_menu", "edit_guidelines", "edit_schema"]
