"""The window's team actions: File → Distribute… and File → Merge projects… (docs/team.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.gui.plain import warn
from annotator.store.team_merge import SameName

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def distribute(window: MainWindow) -> None:
    from annotator.gui.distribute_dialog import (
        DistributeDialog,
        run_distribution,
        show_distribution,
    )

    project = window.session.project
    if project is None:
        return
    folder = project.path.parent / f"{project.path.stem}-team"
    dialog = DistributeDialog(project.documents.count(), folder, window)
    if not dialog.exec():
        return
    try:
        report = run_distribution(window, dialog, project.path)
    except AnnotatorError as exc:
        warn(window, "Nothing was distributed", str(exc))
        return
    if report is None:
        window.show_message("Distribution cancelled; nothing was written.", 6000)
        return
    window.session.corpus_changed()  # the documents list now says who has which
    show_distribution(window, report)


def _is_open(window: MainWindow, path: Path) -> bool:
    project = window.session.project
    return project is not None and path.exists() and path.resolve() == project.path.resolve()


def merge(window: MainWindow) -> None:
    from annotator.gui.team_merge_dialog import MergeDialog, run_merge, show_merge_report

    project = window.session.project
    folder = project.path.parent if project is not None else Path.cwd()
    dialog = MergeDialog(folder / "review.annotator", window)
    if not dialog.exec():
        return
    out, inputs = dialog.out_path(), dialog.paths()
    was_open = _is_open(window, out)
    try:
        report = run_merge(window, out, inputs, window.session.preferred_name, backup=not was_open)
    except AnnotatorError as exc:
        warn(window, "Nothing was merged", str(exc))
        return
    if report is None:
        window.show_message("Merge cancelled; nothing was merged.", 6000)
        return
    if was_open:  # written by the worker's connection: the views read the project again
        if report.schema_changes:
            window.open_project(out)
        else:
            window.session.corpus_changed()
    show_merge_report(window, report)
    if dialog.open_after.isChecked() and not was_open:
        window.open_project(out)
    if report.same_name:
        offer_actor_merges(window, out, report.same_name)


def offer_actor_merges(window: MainWindow, out: Path, pairs: list[SameName]) -> int:
    """The same-name dialog; merges the checked pairs (through the window's funnel, undoable,
    when the review project is open); returns how many were merged."""
    from annotator.gui.registry_commands import MergeEntities
    from annotator.gui.team_merge_dialog import SameNameDialog
    from annotator.store.project import Project

    dialog = SameNameDialog(pairs, window)
    if not dialog.exec():
        return 0
    chosen = dialog.chosen()
    if not chosen:
        return 0
    merged = 0
    try:
        if _is_open(window, out):
            for pair in chosen:
                merged += window.session.perform(
                    MergeEntities(window.session, pair.keep_id, pair.other_id)
                )
        else:
            with Project.open(out, backup=False) as p, p.transaction():
                for pair in chosen:
                    p.registry.merge(pair.keep_id, pair.other_id)
                    merged += 1
    except AnnotatorError as exc:
        warn(window, "The actors were not merged", str(exc))
        return 0
    window.show_message(f"{merged} pair(s) of actors merged.", 8000)
    return merged
