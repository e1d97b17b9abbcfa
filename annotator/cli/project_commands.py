"""The project commands: ``gui | new | import | export | info | recover | check | demo``."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.base import (
    OUTPUT,
    PROJECT,
    SHOWN_PROBLEMS,
    backed_up,
    fail,
    main,
    progress_bar,
    run_gui,
    say_warnings,
    user_errors,
)
from annotator.cli.team_info import print_team_facts, team_facts
from annotator.core.errors import InputError, ProjectFileError
from annotator.io.formats import (
    EXPORT_CHOICES,
    FORMATS,
    IMPORT_CHOICES,
    NATIVE,
    choices_help,
)

if TYPE_CHECKING:
    from annotator.core.reports import CheckReport, ImportReport
    from annotator.io.common import ReadOptions
    from annotator.io.importing import OnBadFile
    from annotator.store.merge import OnConflict
    from annotator.store.problems import Problem
    from annotator.store.project import Project


@main.command()
@click.argument("project", required=False, type=PROJECT)
def gui(project: Path | None) -> None:
    """Open the window on PROJECT (default: the last project, or the demo project)."""
    if project is not None and not project.exists():
        fail(ProjectFileError(f"{project}: no such project file"))
    sys.exit(run_gui(project))


@main.command()
@click.argument("project", type=PROJECT)
@click.option(
    "--schema",
    "schema_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Schema JSON file (default: Claims — quotes, actors, demands).",
)
@click.option("--name", help="Project name (default: the file name).")
def new(project: Path, schema_file: Path | None, name: str | None) -> None:
    """Create a new, empty PROJECT file."""
    from annotator.core.schema import load_schema_text
    from annotator.store.project import Project

    with user_errors():
        schema = None
        if schema_file is not None:
            from annotator.io.common import read_text_file

            schema = load_schema_text(read_text_file(schema_file), str(schema_file))
        with Project.create(project, schema=schema, name=name) as p:
            click.echo(f"Created {project} ({p.schema.name}, version {p.schema.version}).")


@main.command("import")
@click.argument("project", type=PROJECT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    default="auto",
    show_default=True,
    type=click.Choice(IMPORT_CHOICES),
    help="Input format; auto decides by extension (and recognises our exports). "
    + choices_help(IMPORT_CHOICES)
    + ".",
)
@click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="JSONL/CSV field holding the article text.",
)
@click.option("--title-field", default="title", show_default=True, help="Field holding the title.")
@click.option("--source-field", default="source", show_default=True)
@click.option("--url-field", default="url", show_default=True)
@click.option("--published-field", default="published", show_default=True)
@click.option("--encoding", help="Force a text encoding (e.g. cp1252) instead of detecting it.")
@click.option(
    "--annotator",
    "annotator_name",
    help="Your name, for annotations of a native import without an annotator.",
)
@click.option(
    "--on-conflict",
    type=click.Choice(["refuse", "new-id"]),
    default="refuse",
    show_default=True,
    help="Native import: an id already in the project with different content refuses the "
    "import, or is imported under a new id.",
)
@click.option(
    "--map",
    "label_map",
    multiple=True,
    metavar="OLD=NEW",
    help="Annotation formats: import label (or relation type) OLD as NEW; repeat for more. "
    "Spans whose label the project's schema lacks are otherwise reported and left out.",
)
@click.option(
    "--on-bad-file",
    type=click.Choice(["skip", "refuse"]),
    default="skip",
    show_default=True,
    help="A file of articles that cannot be read is left out whole (named, exit code 3, the "
    "other files imported), or refuses the whole import.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Read and check everything, print the first documents as they would be stored and "
    "what the import would do, and write nothing.",
)
def import_(
    project: Path,
    paths: tuple[Path, ...],
    fmt: str,
    text_field: str,
    title_field: str,
    source_field: str,
    url_field: str,
    published_field: str,
    encoding: str | None,
    annotator_name: str | None,
    on_conflict: OnConflict,
    label_map: tuple[str, ...],
    on_bad_file: OnBadFile,
    dry_run: bool,
) -> None:
    """Import articles from PATHS (files or folders) into PROJECT.

    Plain text and Markdown files become one document each (folders are read recursively);
    JSONL, JSON arrays and CSV hold one article per record, other fields going to metadata.
    A text already in the project is skipped. Annotation formats (brat, doccano, Label Studio,
    ...) bring their annotations, checked against the project's schema: a text already in the
    project receives them. The import is one transaction: a file of articles that cannot be
    read is left out whole (or, with --on-bad-file refuse, the whole import is); annotation
    files and native exports go in all or nothing.
    """
    from annotator.core.foreign import parse_label_map
    from annotator.io.common import ReadOptions
    from annotator.io.importing import import_paths
    from annotator.store.project import Project

    options = ReadOptions(
        text_field, title_field, source_field, url_field, published_field, encoding
    )
    with user_errors(project):
        mapping = parse_label_map(label_map)
    if dry_run:
        with (
            user_errors(project),
            Project.open(project, annotator=annotator_name, backup=False) as p,
        ):
            report = _dry_run(p, list(paths), fmt, options, on_conflict, mapping, on_bad_file)
        _fail_if_left_out(report, dry_run=True)
        return
    with (
        user_errors(project),
        backed_up(project) as backup,
        Project.open(project, annotator=annotator_name, backup=backup) as p,
    ):
        for warning in p.warnings:
            click.echo(f"Warning: {warning}", err=True)
        with progress_bar("Importing") as bar:
            report = import_paths(
                p, list(paths), fmt, options, bar, on_conflict, mapping, on_bad_file=on_bad_file
            )
        _say_report(report, "Skipped")
        if _brought_something(report) or not report.failed:
            click.echo(f"Imported: {report.summary()}.")
    _fail_if_left_out(report)


def _brought_something(report: ImportReport) -> bool:
    """Whether the files read (or would read) were anything but failures."""
    return bool(report.added or report.duplicates or report.matched or report.annotations)


def _fail_if_left_out(report: ImportReport, dry_run: bool = False) -> None:
    """Each file an import left out, as an error on stderr, and exit code 3 (input)."""
    if not report.failed:
        return
    for failure in report.failed:
        click.echo(f"Error: {failure}", err=True)
    if _brought_something(report):
        rest = "the other files " + ("would be imported" if dry_run else "were imported")
    elif len(report.failed) > 1:
        rest = "nothing " + ("would be imported" if dry_run else "was imported")
    else:  # the one file given: its error says it all
        sys.exit(InputError.exit_code)
    left = "would be left out" if dry_run else "were left out"
    click.echo(
        f"Error: {len(report.failed)} file(s) could not be read and {left}; {rest}.", err=True
    )
    sys.exit(InputError.exit_code)


def _say_report(report: ImportReport, skipped: str) -> None:
    """An import's warnings, duplicates (``skipped``: "Skipped" or "Would skip") and new ids,
    twenty of each at most, on stderr."""
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for items, line, rest in (
        (report.duplicates, f"{skipped} (already in the project)", "duplicates"),
        (report.renamed, "New id (id already used by different content)", "new ids"),
    ):
        for item in items[:20]:
            click.echo(f"{line}: {item}", err=True)
        if len(items) > 20:
            click.echo(f"... and {len(items) - 20} more {rest}", err=True)


def _dry_run(
    project: Project,
    paths: list[Path],
    fmt: str,
    options: ReadOptions,
    on_conflict: OnConflict,
    label_map: dict[str, str],
    on_bad_file: OnBadFile,
) -> ImportReport:
    """``import --dry-run``: the preview of the first documents, then the import's report,
    rolled back."""
    from annotator.io.importing import import_paths
    from annotator.io.preview import PREVIEW_DOCUMENTS, preview_documents, preview_lines

    documents = preview_documents(paths, fmt, options)
    if documents:
        more = " (the first ones)" if len(documents) == PREVIEW_DOCUMENTS else ""
        click.echo(f"Documents as they would be stored{more}:")
        for line in preview_lines(documents):
            click.echo(f"  {line}")
    with progress_bar("Reading") as bar:
        report = import_paths(
            project,
            paths,
            fmt,
            options,
            bar,
            on_conflict,
            label_map,
            dry_run=True,
            on_bad_file=on_bad_file,
        )
    _say_report(report, "Would skip")
    if _brought_something(report) or not report.failed:
        click.echo(f"Dry run, nothing was written. The import would give: {report.summary()}.")
    return report


@main.command()
@click.argument("project", type=PROJECT)
@click.option(
    "--format",
    "fmt",
    default=None,
    type=click.Choice(EXPORT_CHOICES),
    help="Default: native, or jsonl when the output's name ends in .jsonl. "
    + choices_help(EXPORT_CHOICES, export=True)
    + ".",
)
@OUTPUT
@click.option(
    "--annotator",
    "annotator_name",
    help="Only this annotator's layer (their name; Gold for the adjudicated layer).",
)
@click.option(
    "--documents",
    "document_list",
    help="Only these documents (ids, comma-separated); default: all.",
)
@click.option(
    "--documents-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Only the documents whose ids this file lists, one a line (with --documents: both).",
)
def export(
    project: Path,
    fmt: str | None,
    output: Path,
    annotator_name: str | None,
    document_list: str | None,
    documents_file: Path | None,
) -> None:
    """Export PROJECT as a dataset (of every document, or of the chosen ones)."""
    from annotator.io.exporting import (
        export_project,
        layer_named,
        read_document_ids,
        role_warnings,
    )
    from annotator.store.project import Project

    if fmt is None:  # a .jsonl file holds JSON Lines (and is read back as them)
        fmt = "jsonl" if output.suffix.lower() in (".jsonl", ".ndjson") else NATIVE
    with user_errors(project):
        documents: list[str] | None = None
        if document_list is not None:
            documents = [x.strip() for x in document_list.split(",") if x.strip()]
            if not documents:
                raise click.BadParameter("no document ids given", param_hint="'--documents'")
        if documents_file is not None:
            documents = [*(documents or []), *read_document_ids(documents_file)]
        with Project.open(project, readonly=True) as p:
            say_warnings(p.warnings)
            for warning in role_warnings(p.schema, fmt):
                click.echo(f"Warning: {warning}", err=True)
            notes: list[str] = []
            layer = layer_named(p, annotator_name)
            with progress_bar("Exporting") as bar:  # an unknown id: an error, nothing written
                count = export_project(p, fmt, output, layer, bar, notes, documents)
            click.echo(FORMATS[fmt].exported(count, output))
            say_warnings(notes)  # what the format could not carry


@main.command()
@click.argument("project", type=PROJECT)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def info(project: Path, as_json: bool) -> None:
    """Counts: documents, annotations per label, annotators, actors."""
    from annotator.store.project import Project

    with user_errors(project), Project.open(project, readonly=True) as p:
        say_warnings(p.warnings)
        facts = p.info()
        facts.update(team_facts(p))
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    click.echo(f"Project:     {facts['name']}  ({project})")
    click.echo(f"Documents:   {facts['documents']}")
    click.echo(f"Annotations: {facts['annotations']}")
    for label, count in facts["annotations_per_label"].items():
        click.echo(f"  {label:<12}{count}")
    click.echo(f"Relations:   {facts['relations']}")
    click.echo(
        f"Actors:      {facts['actors']} in the registry, "
        f"{facts['linked_mentions']} linked mention(s)"
    )
    click.echo(f"Annotators:  {len(facts['annotators'])}")
    for person in facts["annotators"]:
        click.echo(
            f"  {person['name']:<20}{person['annotations']} annotation(s), "
            f"{person['done']} document(s) done"
        )
    print_team_facts(facts)


@main.command()
@click.argument("project", type=PROJECT)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The new project to write (it must not exist).",
)
def recover(project: Path, output: Path) -> None:
    """Copy every document, annotation and actor that can still be read from a damaged PROJECT
    into the new project OUTPUT; list what could not be read. PROJECT is only read."""
    from annotator.store.recover import recover as recover_project

    with user_errors(project):
        report = recover_project(project, output)
    for problem in report.not_read:
        click.echo(f"Not read: {problem}")
    copied = ", ".join(f"{n} {table}" for table, n in report.copied.items())
    click.echo(f"Recovered into {output}: {copied}.")
    sys.exit(0 if not report.not_read else 1)


@main.command()
@click.argument("project", type=PROJECT)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(project: Path, as_json: bool) -> None:
    """Verify PROJECT: SQLite integrity, foreign keys, every fragment against its text, schema.

    Warnings (which do not fail the check) count unfinished annotations (required relations
    missing, mentions not linked to the registry) and duplicates (an annotation identical to
    another of its layer). Exits with 0 only when everything holds.
    """
    from annotator.store.project import Project

    with (
        user_errors(project),
        Project.open(project, readonly=True) as p,
        progress_bar("Checking") as bar,
    ):
        say_warnings(p.warnings)
        report = p.check(bar)
        if as_json:  # every problem, streamed: memory stays flat
            _print_check_json(report, p.iter_problems() if report.problems else iter(()))
        else:
            shown = p.problems(limit=SHOWN_PROBLEMS) if report.problems else []
    if not as_json:
        checked = ", ".join(f"{n} {what}" for what, n in report.checked.items())
        for error in report.errors:
            click.echo(f"Error: {error}")
        for warning in report.warnings:
            click.echo(f"Warning: {warning}")
        for problem in shown:
            title = problem.document_title or problem.document_id
            click.echo(f"Warning: {title!r} at {problem.start}: {problem.message}")
        if report.problems > len(shown):
            click.echo(f"Warning: ... and {report.problems - len(shown)} more problem(s)")
        click.echo(("OK: " if report.ok else "FAILED: ") + f"checked {checked}.")
    sys.exit(0 if report.ok else 1)


def _print_check_json(report: CheckReport, problems: Iterator[Problem]) -> None:
    """``{"ok", "errors", "warnings", "problems", "checked"}``, written as the problems are
    read."""

    def dump(value: object, depth: int = 1) -> str:
        return json.dumps(value, indent=2).replace("\n", "\n" + "  " * depth)

    write = sys.stdout.write
    write("{\n")
    for key, value in (("ok", report.ok), ("errors", report.errors)):
        write(f'  "{key}": {dump(value)},\n')
    write(f'  "warnings": {dump(report.warnings)},\n  "problems": [')
    separator = "\n    "
    for problem in problems:
        write(separator + dump(dataclasses.asdict(problem), 2))
        separator = ",\n    "
    write("\n  ],\n" if separator != "\n    " else "],\n")
    write(f'  "checked": {dump(report.checked)}\n}}\n')


@main.command()
@click.argument("path", required=False, type=PROJECT)
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def demo(path: Path | None, force: bool) -> None:
    """Write the demo project (twelve articles, some annotated) to PATH and show its counts.

    PATH defaults to annotator-demo.annotator in the current folder.
    """
    from annotator.demo import write_demo
    from annotator.store.project import default_annotator_name

    target = path or Path("annotator-demo.annotator")
    with user_errors():
        # in your layer ($ANNOTATOR_NAME, else your login name): `annotator gui` shows it
        write_demo(target, replace=force, annotator=default_annotator_name())
    click.echo(f"Demo project written to {target}.")
    info.main([str(target)], standalone_mode=False)
