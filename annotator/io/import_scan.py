"""A first reading of annotation files, before they are imported: which of their labels and
relation types the project's schema lacks, and how often each is used.

The window asks this before an import (File → Import…) to offer a mapping of each unknown
name to one of the schema's; the import then applies that map (``import_paths(...,
label_map=...)``). A small first file (up to :data:`KEEP_READ_BYTES`) is kept as read, so that
the import need not read it again (:attr:`UnknownNames.read`); the others are read twice, which
keeps memory bounded. Nothing is written here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.foreign import ForeignDocument
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.io.annotation_import import (
    AnnotationReader,
    ImportContext,
    context_for,
    unknown_names,
)
from annotator.io.formats import FORMATS, collect, input_size
from annotator.store.project import Project

#: The largest annotation file the scan keeps as read, for the import (bytes): the documents
#: read from it stay in memory between the scan and the import.
KEEP_READ_BYTES = 50_000_000


def file_stamp(path: Path) -> tuple[int, int]:
    """Size and modification time: a file kept as read is used only if these did not change."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@dataclass
class ReadFile:
    """An annotation file as the scan read it: its documents, each with the bytes read when it
    was complete, what the reader noticed (``ImportContext.notice``), and the file's stamp."""

    path: Path
    format: str
    documents: list[tuple[ForeignDocument, int]]
    notices: list[tuple[str, str]]
    stamp: tuple[int, int]

    def usable_for(self, path: Path, fmt: str) -> bool:
        """Whether the import of ``path`` as ``fmt`` may use these documents instead."""
        if (path, fmt) != (self.path, self.format):
            return False
        try:
            return file_stamp(path) == self.stamp
        except OSError:
            return False


@dataclass
class UnknownNames:
    """Labels and relation types of the files that the schema does not have, with how many
    spans (relations) use each."""

    labels: Counter[str] = field(default_factory=Counter)
    relation_types: Counter[str] = field(default_factory=Counter)
    #: How many of the files were of an annotation format (0: articles only, nothing to map).
    annotation_files: int = 0
    #: The first annotation file as read, when the import would read it first on an unchanged
    #: project (no articles or native files before it) and it is small enough to keep.
    read: ReadFile | None = None

    def __bool__(self) -> bool:
        return bool(self.labels or self.relation_types)


def _noting(notices: list[tuple[str, str]]) -> Callable[[str, str], None]:
    def notice(what: str, where: str) -> None:
        notices.append((what, where))

    return notice


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
    # The import reads the first annotation file on the project as it is now when nothing is
    # stored before it; later files may find documents the earlier ones added.
    only_annotations = len(annotated) == len(files)
    found = UnknownNames(annotation_files=len(annotated))
    if not annotated:
        return found
    sizes = [input_size(path) for path, _ in annotated]
    total = sum(sizes)
    context = context_for(project)
    done_before = 0
    for number, ((path, name), size) in enumerate(zip(annotated, sizes, strict=True)):
        read: AnnotationReader = FORMATS[name].load_reader()
        kept: ReadFile | None = None
        file_context = context
        if number == 0 and only_annotations and path.is_file() and size <= KEEP_READ_BYTES:
            kept = ReadFile(path, name, [], [], file_stamp(path))
            file_context = replace(context, notice=_noting(kept.notices))

        def documents(
            path: Path = path,
            read: AnnotationReader = read,
            base: int = done_before,
            size: int = size,
            kept: ReadFile | None = kept,
            file_context: ImportContext = file_context,
        ) -> Iterator[ForeignDocument]:
            for doc, consumed in read(path, file_context):
                if kept is not None:
                    kept.documents.append((doc, consumed))
                if progress is not None and progress(base + min(consumed, size), total):
                    raise Cancelled()
                yield doc

        labels, kinds = unknown_names(documents(), project.schema, label_map or {})
        found.labels.update(labels)
        found.relation_types.update(kinds)
        if kept is not None:
            found.read = kept
        done_before += size
    return found
