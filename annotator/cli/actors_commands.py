"""``annotator actors export | import``: share the actor registry."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.base import OUTPUT, PROJECT, backed_up, main, user_errors
from annotator.io.formats import ACTORS


@main.group()
def actors() -> None:
    """Share the actor registry: export it to a file, merge a file into it."""


@actors.command("export")
@click.argument("project", type=PROJECT)
@OUTPUT
@click.option(
    "--format",
    "fmt",
    default="csv",
    show_default=True,
    type=click.Choice(["csv", "json"]),
    help="csv: id, name, type, aliases, wikidata, note; json: annotator-registry/1.",
)
def actors_export(project: Path, output: Path, fmt: str) -> None:
    """Write the actor registry of PROJECT to a CSV or JSON file."""
    from annotator.io.registry import export_registry
    from annotator.store.project import Project

    with user_errors(project), Project.open(project, readonly=True) as p:
        count = export_registry(p, output, fmt)
    click.echo(f"Exported {ACTORS.of(count)} to {output}.")


@actors.command("import")
@click.argument("project", type=PROJECT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def actors_import(project: Path, file: Path) -> None:
    """Merge the actors of FILE (CSV or JSON) into the registry of PROJECT.

    Actors are matched by id, then by name (ignoring case and accents). A matched actor gains
    the new aliases and the fields it lacks; differing values are kept and reported. Others
    are added. The import is all or nothing.
    """
    from annotator.io.registry import import_registry
    from annotator.store.project import Project

    with (
        user_errors(project),
        backed_up(project) as backup,
        Project.open(project, backup=backup) as p,
    ):
        for warning in p.warnings:
            click.echo(f"Warning: {warning}", err=True)
        report = import_registry(p, file)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Actors: {report.summary()}.")
