"""``annotator gold PROJECT --accept agreed|majority``: adjudicate into the gold layer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.base import PROJECT, backed_up, main, progress_bar, say_warnings, user_errors
from annotator.core.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from annotator.store.project import Project


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    items = [x.strip() for x in value.split(",") if x.strip()]
    return items or None


@main.command("gold")
@click.argument("project", type=PROJECT)
@click.option(
    "--accept",
    "strategy",
    required=True,
    type=click.Choice(["agreed", "majority"]),
    help="agreed: what every compared annotator tagged the same way; majority: the version "
    "at least --min (or a --share) of them share, more than share any other.",
)
@click.option("--min", "at_least", type=click.IntRange(min=1), help="Majority: at least N.")
@click.option(
    "--share",
    type=click.FloatRange(min=0, max=1, min_open=True),
    help="Majority: at least this share of the compared annotators (0.5 < share ≤ 1 is usual).",
)
@click.option(
    "--annotators",
    help="Compare these annotators (names or ids, comma-separated); default: everyone but gold.",
)
@click.option("--documents", help="Only these documents (ids, comma-separated); default: all.")
@click.option("--dry-run", is_flag=True, help="Only say what would be accepted; write nothing.")
def gold(
    project: Path,
    strategy: str,
    at_least: int | None,
    share: float | None,
    annotators: str | None,
    documents: str | None,
    dry_run: bool,
) -> None:
    """Accept units into the gold layer of PROJECT by a merge strategy.

    Units already reviewed (gold holds something there, or the reviewer rejected them) are
    left alone, so running it twice adds nothing. Accepting a quote or a demand brings its
    speaker, claimant and addressee along. Everything is one transaction.
    """
    from annotator.store.gold import Adjudication, Strategy
    from annotator.store.project import Project

    with user_errors(project):
        if strategy == "agreed" and (at_least is not None or share is not None):
            raise ValidationError("--min and --share go with --accept majority")
        if at_least is not None and share is not None:
            raise ValidationError("give --min or --share, not both")
        chosen = Strategy(strategy, at_least=at_least, share=share)
        if dry_run:
            with Project.open(project, readonly=True) as p:
                say_warnings(p.warnings)
                review = Adjudication(p)
                who = _annotators(p, annotators)
                with progress_bar("Reading") as progress:
                    report = review.preview(chosen, _split(documents), who, progress)
            _summary(report.units, len(report.documents), "would be accepted")
            return
        with backed_up(project) as backup, Project.open(project, backup=backup) as p:
            say_warnings(p.warnings)
            review = Adjudication(p)
            who = _annotators(p, annotators)
            with progress_bar("Adjudicating") as progress:
                report = review.apply(chosen, _split(documents), who, progress).value
        _summary(report.units, len(report.documents), "accepted into gold")
        if report.total:
            click.echo(f"Gold gained {report.annotations_added} annotation(s).")


def _annotators(project: Project, value: str | None) -> list[str] | None:
    from annotator.store.annotators import GOLD_ID, reserved_id

    names = _split(value)
    if names is None:
        return None
    ids = []
    for name in names:
        if reserved_id(name) == GOLD_ID:
            raise ValidationError("gold is what a review adjudicates into; compare annotators")
        person = project.annotators.named(name)
        if person is None:
            try:
                person = project.annotators.get(name)
            except NotFoundError:
                known = ", ".join(a.name for a in project.annotators.all()) or "none yet"
                raise NotFoundError(f"no annotator named {name!r} (annotators: {known})") from None
        ids.append(person.id)
    return ids


def _summary(units: dict[str, int], documents: int, what: str) -> None:
    total = sum(units.values())
    click.echo(f"{total} unit(s) in {documents} document(s) {what}.")
    for label, count in sorted(units.items()):
        click.echo(f"  {label}: {count}")
