"""Exporting a project: format name → writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import NotFoundError
from annotator.core.reports import ProgressCallback
from annotator.core.schema import (
    ADDRESSEE,
    CLAIM,
    CLAIMANT,
    RELATION_ENDS,
    SPEAKER,
    SPEECH,
    Schema,
)
from annotator.io import graphml, native, tables
from annotator.store.annotators import is_reserved
from annotator.store.datasets import Datasets
from annotator.store.project import Layer, Project

Writer = Callable[[Datasets, Path, ProgressCallback | None], int]

WRITERS: dict[str, Writer] = {
    "native": native.write_json,
    "jsonl": native.write_jsonl,
    "quotes-csv": tables.write_quotes_csv,
    "demands-csv": tables.write_demands_csv,
    "actors-csv": tables.write_actors_csv,
    "network-graphml": graphml.write_network_graphml,
}

#: What each writer's count is of (for messages like "Exported 12 document(s)").
UNITS: dict[str, str] = {
    "quotes-csv": "quote(s)",
    "demands-csv": "demand(s)",
    "actors-csv": "actor(s)",
    "network-graphml": "demand(s)",
}


#: The schema roles each dataset reads: (label roles, relation roles).
ROLES_READ: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "quotes-csv": ((SPEECH,), (SPEAKER,)),
    "demands-csv": ((CLAIM,), (CLAIMANT, ADDRESSEE)),
    "actors-csv": ((SPEECH, CLAIM), (SPEAKER, CLAIMANT, ADDRESSEE)),
    "network-graphml": ((CLAIM,), (CLAIMANT, ADDRESSEE)),
}


def unit_of(fmt: str) -> str:
    return UNITS.get(fmt, "document(s)")


def layer_named(project: Project, annotator_name: str | None) -> Layer | None:
    """The layer of the annotator of that name ("Gold" for the gold layer); None for all."""
    if annotator_name is None:
        return None
    if is_reserved(annotator_name):
        return project.gold
    person = project.annotators.named(annotator_name)
    if person is None:
        names = ", ".join(a.name for a in project.annotators.all()) or "none yet"
        raise NotFoundError(f"no annotator named {annotator_name!r} (annotators: {names})")
    return project.layer(person.id)


def role_warnings(schema: Schema, fmt: str) -> list[str]:
    """What an export in ``fmt`` lacks because no label or relation of ``schema`` plays a role
    it reads (its rows, or their columns, stay empty). A relation role is mentioned only when
    the label it starts at is there."""
    label_roles, relation_roles = ROLES_READ.get(fmt, ((), ()))
    warnings = [
        f'the schema names no {role} label (role "{role}")'
        for role in label_roles
        if schema.label_for_role(role) is None
    ]
    warnings += [
        f'the schema names no {role} relation (role "{role}")'
        for role in relation_roles
        if schema.relation_for_role(role) is None
        and schema.label_for_role(RELATION_ENDS[role][0]) is not None
    ]
    return warnings


def export_project(
    project: Project,
    fmt: str,
    out: Path,
    layer: Layer | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Write ``layer`` (None: every layer) of ``project`` to ``out``; returns how many items
    were written (see :data:`UNITS`)."""
    return WRITERS[fmt](project.datasets(layer), out, progress)
