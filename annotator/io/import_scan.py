"""A first reading of annotation files, before they are imported: which of their labels and
relation types the project's schema lacks, and how often each is used.

The window asks this before an import (File → Import…) to offer a mapping of each unknown
name to one of the schema's; the import itself then reads the files again with that map
(``import_paths(..., label_map=...)``). Nothing is written here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.foreign import ForeignDocument
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.io.annotation_import import AnnotationReader, context_for, unknown_names
from annotator.io.formats import FORMATS, collect, input_size
from annotator.store.project import Project


@dataclass
class UnknownNames:
    """Labels and relation types of the files that the schema does not have, with how many
    spans (relations) use each."""

    labels: Counter[str] = field(default_factory=Counter)
    relation_types: Counter[str] = field(default_factory=Counter)
    #: How many of the files were of an annotation format (0: articles only, nothing to map).
    annotation_files: int = 0

    def __bool__(self) -> bool:
        return bool(self.labels or self.relation_types)


def unknown_in_files(
    project: Project,
    paths: list[Path],
    fmt: str = "auto",
    label_map: dict[str, str] | None = None,
    progress: ProgressCallback | None = None,
) -> UnknownNames:
    """Read the annotation files among ``paths`` (as ``import_paths`` would pick and detect
    them) and count what the schema lacks after ``label_map``.

    Progress is reported in bytes of the annotation files read; a True from ``progress``
    raises :class:`Cancelled`. A malformed file raises its ``InputError``, as the import would.
    """
    files, _ignored = collect(paths, fmt)
    annotated = [(path, name) for path, name in files if FORMATS[name].annotations]
    found = UnknownNames(annotation_files=len(annotated))
    if not annotated:
        return found
    sizes = [input_size(path) for path, _ in annotated]
    total = sum(sizes)
    context = context_for(project)
    done_before = 0
    for (path, name), size in zip(annotated, sizes, strict=True):
        read: AnnotationReader = FORMATS[name].load_reader()

        def documents(
            path: Path = path,
            read: AnnotationReader = read,
            base: int = done_before,
            size: int = size,
        ) -> Iterator[ForeignDocument]:
            for doc, consumed in read(path, context):
                if progress is not None and progress(base + min(consumed, size), total):
                    raise Cancelled()
                yield doc

        labels, kinds = unknown_names(documents(), project.schema, label_map or {})
        found.labels.update(labels)
        found.relation_types.update(kinds)
        done_before += size
    return found
