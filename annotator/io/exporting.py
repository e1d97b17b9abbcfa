"""Exporting a project in one of the formats of :data:`~annotator.io.formats.FORMATS`."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import NotFoundError
from annotator.core.reports import ProgressCallback
from annotator.io.formats import export_format
from annotator.store.project import Project


def export_project(
    project: Project,
    fmt: str,
    out: Path,
    annotator_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Write ``project`` to ``out`` (and the files beside it, see ``Format.files``).

    Returns how many items were written, of what the format's ``counts`` says. Every writer is
    called here and nowhere else.
    """
    writer = export_format(fmt).load_writer()
    annotator_id = None
    if annotator_name is not None:
        person = project.annotator_named(annotator_name)
        if person is None:
            names = ", ".join(a.name for a in project.annotators()) or "none yet"
            raise NotFoundError(f"no annotator named {annotator_name!r} (annotators: {names})")
        annotator_id = person.id
    return writer(project, out, annotator_id, progress)
