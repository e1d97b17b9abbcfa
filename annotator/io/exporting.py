"""Exporting a project in one of the formats of :data:`~annotator.io.formats.FORMATS`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator.core.errors import InputError, NotFoundError
from annotator.core.reports import ProgressCallback
from annotator.core.schema import RELATION_ENDS, Schema
from annotator.io.common import TextFile
from annotator.io.formats import export_format
from annotator.store.annotators import reserved_id
from annotator.store.project import Layer, Project


def layer_named(project: Project, annotator_name: str | None) -> Layer | None:
    """The layer of the annotator of that name ("Gold", "Suggestions" for the reserved
    layers); None for all."""
    if annotator_name is None:
        return None
    reserved = reserved_id(annotator_name)
    if reserved is not None:
        return project.layer(reserved)
    person = project.annotators.named(annotator_name)
    if person is None:
        names = ", ".join(a.name for a in project.annotators.all()) or "none yet"
        raise NotFoundError(f"no annotator named {annotator_name!r} (annotators: {names})")
    return project.layer(person.id)


def read_document_ids(path: Path) -> list[str]:
    """The document ids of a file, one a line (spaces around an id and blank lines are
    ignored; a CR before the LF too); a file without any is an InputError."""
    ids = [line.strip() for _number, line in TextFile(path).lines()]
    ids = [doc_id for doc_id in ids if doc_id]
    if not ids:
        raise InputError(f"{path}: no document ids in it (one a line)")
    return ids


def role_warnings(schema: Schema, fmt: str) -> list[str]:
    """What an export in ``fmt`` lacks because no label or relation of ``schema`` plays a role
    it reads (its rows, or their columns, stay empty). A relation role is mentioned only when
    the label it starts at is there."""
    label_roles, relation_roles = export_format(fmt).roles_read
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
    notes: list[str] | None = None,
    documents: Iterable[str] | None = None,
) -> int:
    """Write ``layer`` (None: every layer) of ``project`` to ``out`` (and the files beside it,
    see ``Format.files``): of the ``documents`` with these ids (None: every document), in the
    project's order; an unknown id is a NotFoundError naming it, and nothing is written.

    Returns how many items were written, of what the format's ``counts`` says; what the format
    could not carry is added to ``notes``. Every writer is called here and nowhere else.
    """
    writer = export_format(fmt).load_writer()
    datasets = project.datasets(layer, documents)
    count = writer(datasets, out, progress)
    if notes is not None:
        notes.extend(datasets.notes)
    return count
