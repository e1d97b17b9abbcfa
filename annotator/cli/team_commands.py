"""The team commands: ``distribute`` (hand documents out) and ``merge`` (bring them back)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.base import PROJECT, backed_up, main, progress_bar, say_warnings, user_errors
from annotator.core.distribution import DEFAULT_SEED

if TYPE_CHECKING:
    from annotator.store.merge import OnConflict


def _names(value: str) -> list[str]:
    return [n for n in (part.strip() for part in value.split(",")) if n] or [value]


@main.command()
@click.argument("project", type=PROJECT)
@click.option(
    "--annotators",
    required=True,
    help="Comma-separated names, one new project file each (e.g. ana,ben,cem).",
)
@click.option(
    "--overlap",
    type=click.FloatRange(0, 100),
    default=20.0,
    show_default=True,
    help="Percent of the documents that every annotator gets (the agreement sample).",
)
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the files NAME.annotator (created if missing).",
)
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Seed of the random choice: the same seed gives the same split.",
)
@click.option("--blind", is_flag=True, help="The annotators' windows hide other layers.")
@click.option("--force", is_flag=True, help="Replace files of those names in the folder.")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
def distribute(
    project: Path,
    annotators: str,
    overlap: float,
    folder: Path,
    seed: int,
    blind: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Hand PROJECT's documents out: one new project file per annotator.

    Each file has the schema, guidelines and actor registry, and only the documents assigned
    to its annotator, whose name it writes under. OVERLAP percent of the documents (chosen at
    random, rounded) go to everyone; the rest are split evenly. The lead's own annotations are
    not copied. The assignment is stored in PROJECT and in each file (see `annotator info`).
    """
    from annotator.store.distribute import distribute as run
    from annotator.store.project import Project

    with user_errors(project):
        folder.mkdir(parents=True, exist_ok=True)
        with backed_up(project) as backup, Project.open(project, backup=backup) as p:
            say_warnings(p.warnings)
            with progress_bar("Distributing") as bar:
                report = run(
                    p,
                    _names(annotators),
                    folder,
                    overlap=overlap,
                    seed=seed,
                    blind=blind,
                    force=force,
                    progress=bar,
                )
    if as_json:
        facts = {
            "seed": seed,
            "overlap_percent": overlap,
            "overlap_documents": len(report.plan.overlap),
            "documents": report.total,
            "blind": blind,
            "files": {
                n: {"path": str(f), "documents": report.documents[n]}
                for n, f in report.files.items()
            },
        }
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    for line in report.summary():
        click.echo(line)


@main.command()
@click.argument("out", type=PROJECT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--on-conflict",
    type=click.Choice(["refuse", "new-id"]),
    default="refuse",
    show_default=True,
    help="An id already in OUT with different content refuses the merge, or is imported "
    "under a new id.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def merge(out: Path, inputs: tuple[Path, ...], on_conflict: OnConflict, as_json: bool) -> None:
    """Merge annotators' project files or native exports (INPUTS) into the review project OUT.

    OUT is created if missing (with the first input's schema and guidelines). Documents match
    by text, everything else by id: merging again changes nothing, and every annotation keeps
    its annotator. Inputs are only read. Schemas must agree (editable value lists are joined);
    otherwise the differences are listed and nothing is written. Actors of the same name
    under different ids are listed, not merged (the window offers to merge them).
    """
    from annotator.io.team_inputs import open_inputs
    from annotator.store.team_merge import merge_team

    paths = list(inputs)
    with user_errors(out), contextlib.ExitStack() as stack:
        # an existing review project is backed up (in the background) around the merge
        backup = stack.enter_context(backed_up(out)) if out.exists() else False
        with progress_bar("Merging") as bar:
            report = merge_team(
                out,
                lambda: open_inputs(paths),
                progress=bar,
                on_conflict=on_conflict,
                backup=backup,
            )
    say_warnings(report.warnings)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    for line in report.lines():
        click.echo(line)
