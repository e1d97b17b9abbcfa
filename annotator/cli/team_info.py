"""What ``annotator info`` says about team work: owner, blind, and the assignment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from annotator.store.project import Project


def team_facts(p: Project) -> dict[str, Any]:
    owner = p.team.owner
    return {
        "owner": None if owner is None else owner.name,
        "blind": p.team.blind,
        "distribution": p.team.distribution,
        "assignments": p.team.counts(),
    }


def print_team_facts(facts: dict[str, Any]) -> None:
    if facts["owner"] is not None:
        blind = " (blind: other layers are hidden)" if facts["blind"] else ""
        click.echo(f"Owner:       {facts['owner']}: annotations are written in their name{blind}")
    if facts["assignments"]:
        note = facts["distribution"]
        how = f" (overlap {note['overlap']:g}%, seed {note['seed']})" if note else ""
        click.echo(f"Assigned:{how}")
        for row in facts["assignments"]:
            click.echo(
                f"  {row['name']:<20}{row['documents']} document(s), "
                f"{row['overlap']} in the overlap sample"
            )
