"""``annotator agreement``: how far the annotators agree (docs/agreement.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli.base import PROJECT, main, progress_bar, say_warnings, user_errors

_FORMATS = ("table", "json", "csv", "html")


def _names(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


@main.command("agreement")
@click.argument("project", type=PROJECT)
@click.option(
    "--annotators",
    help="Names, comma-separated (gold: the gold layer). Default: everyone but gold who "
    "made any annotation.",
)
@click.option("--labels", help="Labels, comma-separated. Default: all of the schema's.")
@click.option("--documents", help="Document ids, comma-separated. Default: all.")
@click.option(
    "--unit",
    default="token",
    show_default=True,
    type=click.Choice(["token", "char"]),
    help="Positions of κ: tokens (words, punctuation marks) or non-whitespace characters.",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(_FORMATS),
    help="table: for the terminal; json: the documented contract; csv: one row per figure; "
    "html: one self-contained file with charts.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
def agreement(
    project: Path,
    annotators: str | None,
    labels: str | None,
    documents: str | None,
    unit: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Measure how far the annotators of PROJECT agree: span F1 (exact and overlap),
    Cohen's and Fleiss' κ, Krippendorff's α per attribute, relation F1, entity links.

    Only documents that every compared annotator marked done are used; the report says how
    many were used and how many left out. A figure that cannot be computed is given as
    undefined, with the reason.
    """
    from annotator.core.agreement import compute
    from annotator.io.agreement_report import render, write_report
    from annotator.store.agreement_input import agreement_input
    from annotator.store.project import Project

    with user_errors(project):
        with Project.open(project, readonly=True) as p:
            data = agreement_input(p, _names(annotators), _names(labels), _names(documents))
        with progress_bar("Comparing") as bar:
            report = compute(data, "char" if unit == "char" else "token", bar)
        say_warnings(report["warnings"])
        if output is None:
            sys.stdout.write(render(report, fmt))
        else:
            write_report(report, fmt, output)
            docs = report["documents"]
            click.echo(
                f"Wrote the agreement of {', '.join(report['annotators'])} over "
                f"{docs['used']} document(s) ({docs['left_out']} left out) to {output}.",
                err=True,
            )
