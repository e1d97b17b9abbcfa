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
from annotator.store.project import Project

Writer = Callable[[Project, Path, str | None, ProgressCallback | None], int]

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
    annotator_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Write ``project`` to ``out``; returns how many items were written (see :data:`UNITS`)."""
    annotator_id = None
    if annotator_name is not None:
        person = project.annotator_named(annotator_name)
        if person is None:
            names = ", ".join(a.name for a in project.annotators()) or "none yet"
            raise NotFoundError(f"no annotator named {annotator_name!r} (annotators: {names})")
        annotator_id = person.id
    return WRITERS[fmt](project, out, annotator_id, progress)
