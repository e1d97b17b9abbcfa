"""Exporting a project: format name → writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import NotFoundError
from annotator.core.reports import ProgressCallback
from annotator.io import native
from annotator.store.project import Project

Writer = Callable[[Project, Path, str | None, ProgressCallback | None], int]

WRITERS: dict[str, Writer] = {
    "native": native.write_json,
    "jsonl": native.write_jsonl,
}


def export_project(
    project: Project,
    fmt: str,
    out: Path,
    annotator_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Write ``project`` to ``out``; returns the number of documents written."""
    annotator_id = None
    if annotator_name is not None:
        person = project.annotator_named(annotator_name)
        if person is None:
            names = ", ".join(a.name for a in project.annotators()) or "none yet"
            raise NotFoundError(f"no annotator named {annotator_name!r} (annotators: {names})")
        annotator_id = person.id
    return WRITERS[fmt](project, out, annotator_id, progress)
