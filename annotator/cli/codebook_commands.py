"""``annotator schema`` and ``annotator guidelines``: the codebook a team shares."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli.base import PROJECT, backed_up, main, say_warnings, user_errors

FILE = click.Path(dir_okay=False, path_type=Path)


@main.command()
@click.argument("project", type=PROJECT)
@click.option("--export", "export_to", type=FILE, help="Write the schema (JSON) to this file.")
@click.option(
    "--import",
    "import_from",
    type=FILE,
    help="Install the schema of this JSON file as the project's next version.",
)
@click.option(
    "--migrate",
    "migrations",
    multiple=True,
    metavar="OLD=NEW",
    help="With --import: rename stored data. OLD=NEW renames a label or a relation type, "
    "Label.attribute:OLD=NEW a value. Repeatable.",
)
@click.option(
    "--dry-run", is_flag=True, help="With --import: show what would change; write nothing."
)
def schema(
    project: Path,
    export_to: Path | None,
    import_from: Path | None,
    migrations: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Show, export or change the schema of PROJECT.

    Without options the schema is printed (JSON). An import that would orphan stored
    annotations (a label, relation type or closed-list value in use removed, a relation's
    ends changed, a role moved away from data) is refused and nothing is written; rename
    instead with --migrate. Each accepted change raises the schema's version by one; an
    import of the current schema changes nothing.
    """
    from annotator.store.project import Project

    if (migrations or dry_run) and import_from is None:
        raise click.UsageError("--migrate and --dry-run go with --import")
    if export_to is not None and import_from is not None:
        raise click.UsageError("give --export or --import, not both")
    if import_from is None:
        with user_errors(project), Project.open(project, readonly=True) as p:
            say_warnings(p.warnings)
            text, version = p.schema.to_json() + "\n", p.schema.version
            if export_to is None:
                click.echo(text, nl=False)
                return
            _write(export_to, text)
        click.echo(f"Exported the schema (version {version}) to {export_to}.")
        return
    _import_schema(project, import_from, list(migrations), dry_run)


def _import_schema(project: Path, source: Path, specs: list[str], dry_run: bool) -> None:
    from annotator.core.schema import load_schema_text
    from annotator.core.schema_change import parse_migrations
    from annotator.io.common import read_text_file
    from annotator.store import schema_change
    from annotator.store.project import Project

    with user_errors(project):
        new = load_schema_text(read_text_file(source), str(source))
        # Planned on a read-only connection first: a refusal or a dry run never opens the
        # project for writing (the file stays byte for byte as it was).
        with Project.open(project, readonly=True) as p:
            migrations = parse_migrations(specs, p.schema)
            plan = schema_change.plan(p, new, migrations)
        for line in plan.report():
            click.echo(line, err=plan.refused)
        if plan.refused:
            sys.exit(2)
        if plan.unchanged or dry_run:
            if dry_run and not plan.unchanged:
                click.echo("Dry run: nothing was written.")
            return
        with backed_up(project) as backup, Project.open(project, backup=backup) as p:
            say_warnings(p.warnings)
            _applied, changes = p.change_schema(new, migrations)
            version = p.schema.version
        moved = len(changes.annotations.updated)
        rels = len(changes.relations.updated)
        click.echo(
            f"Installed schema version {version} ({moved} annotation(s) and {rels} "
            f"relation(s) migrated)."
        )


@main.command()
@click.argument("project", type=PROJECT)
@click.option(
    "--set", "set_from", type=FILE, help="Replace the guidelines with this Markdown file."
)
@click.option("--export", "export_to", type=FILE, help="Write the guidelines to this file.")
def guidelines(project: Path, set_from: Path | None, export_to: Path | None) -> None:
    """Show, export or set the annotation guidelines of PROJECT (Markdown).

    Without options the guidelines are printed. The window shows them rendered in its
    Guidelines tab (Project → Edit guidelines… edits them there).
    """
    from annotator.store.project import Project

    if set_from is not None and export_to is not None:
        raise click.UsageError("give --set or --export, not both")
    if set_from is None:
        with user_errors(project), Project.open(project, readonly=True) as p:
            say_warnings(p.warnings)
            text = p.guidelines
            if export_to is None:
                click.echo(text, nl=not text.endswith("\n") and bool(text))
                return
            _write(export_to, text)
        click.echo(f"Exported the guidelines to {export_to}.")
        return
    from annotator.core.text import normalise_text
    from annotator.io.common import read_text_file

    with user_errors(project):
        text = normalise_text(read_text_file(set_from, limit=GUIDELINES_MAX_CHARS))
        with backed_up(project) as backup, Project.open(project, backup=backup) as p:
            say_warnings(p.warnings)
            if text == p.guidelines:
                click.echo("The guidelines are unchanged.")
                return
            p.set_guidelines(text)
    click.echo(f"Guidelines set from {set_from} ({len(text.splitlines())} lines).")


#: Guidelines are a document for people, not a corpus: a file longer than this is refused.
GUIDELINES_MAX_CHARS = 1_000_000


def _write(out: Path, text: str) -> None:
    """Write ``text`` to ``out``, which appears only when complete (an OutputError else)."""
    from annotator.io.native import atomic_output

    with atomic_output(out) as fh:
        fh.write(text)
