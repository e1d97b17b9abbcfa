"""Importing files into a project: all given files in one transaction, each file of articles
in a savepoint of it (so that one that cannot be read can be left out whole).

The readers stream (a line, a row, an array item, a document of an export at a time) and the
documents are written in batches as they come, inside the one transaction; so an import holds
about one batch of documents, however large its files are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from annotator.core.foreign import ForeignDocument
from annotator.core.reports import Cancelled, ImportReport, ProgressCallback
from annotator.io import native_ahead
from annotator.io.annotation_import import (
    AnnotationImport,
    AnnotationReader,
    MapHint,
    context_for,
)
from annotator.io.article_import import import_articles
from annotator.io.common import ReadOptions, TextFile
from annotator.io.formats import FORMATS, NATIVE, collect, input_size
from annotator.io.import_scan import ReadFile
from annotator.io.native import read_native
from annotator.store import merge
from annotator.store.merge import OnConflict
from annotator.store.project import Project

#: What an import does with a file of articles that cannot be read (see :func:`import_paths`).
OnBadFile = Literal["refuse", "skip"]
ON_BAD_FILE_CHOICES: tuple[OnBadFile, ...] = ("refuse", "skip")


def import_paths(
    project: Project,
    paths: list[Path],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    progress: ProgressCallback | None = None,
    on_conflict: OnConflict = "refuse",
    label_map: dict[str, str] | None = None,
    map_hint: MapHint = "command line",
    already_read: ReadFile | None = None,
    dry_run: bool = False,
    on_bad_file: OnBadFile = "refuse",
) -> ImportReport:
    """Import files and folders. Progress is reported in bytes of input read.

    ``on_conflict``: what a native import does with an id already present with different
    content: ``"refuse"`` the import, or import it under a ``"new-id"``. ``label_map``: labels
    and relation types of annotation formats renamed on the way in (``--map OLD=NEW``);
    ``map_hint``: where the import runs, so that a name left unmapped is reported with the way
    to map it there (``--map``, or the window's mapping dialog). ``already_read``: a file the
    window's scan for unknown labels kept as read (``annotator.io.import_scan``); it is used
    instead of reading the file again when it is the first annotation file and unchanged.

    ``dry_run``: read, check and write everything inside the transaction, then roll it back:
    the report says what the import would do (duplicates, mapped labels, warnings), and the
    project is left as it was.

    ``on_bad_file``: what a file of articles that cannot be read (an ``InputError``: damaged,
    malformed, a record without text…) does: ``"refuse"`` the whole import, or is left out
    whole (``"skip"``), named in the report's ``failed``, and the other files imported.
    Native exports and annotation files are always all or nothing together: they refer to
    each other's documents, annotations and actors.

    Any other error (a full disk, a cancel from ``progress``; a bad file unless skipped) rolls
    everything back.
    """
    options = options or ReadOptions()
    files, ignored = collect(paths, fmt)
    report = ImportReport()
    if ignored:
        report.warnings.append(f"{ignored} file(s) in folders skipped (unknown extension)")
    sizes = [input_size(path) for path, _ in files]
    total = sum(sizes)
    done_before = 0

    def scaled(extra: int) -> bool | None:
        return progress(min(done_before + extra, total), total) if progress else None

    try:
        with project.transaction() as changes:
            plain_files = [
                (p, f, s)
                for (p, f), s in zip(files, sizes, strict=True)
                if f != NATIVE and not FORMATS[f].annotations
            ]
            import_articles(project, plain_files, options, report, scaled, on_bad_file == "skip")
            done_before += sum(size for _p, _n, size in plain_files)
            for (path, name), size in zip(files, sizes, strict=True):
                if name != NATIVE:
                    continue
                if size >= native_ahead.AHEAD_MIN_BYTES and native_ahead.available():
                    _merge_read_ahead(project, path, report, scaled, on_conflict)
                    done_before += size
                    continue
                header, docs, source = FORMATS[NATIVE].load_reader()(path)

                def merged(_n: int, _t: int | None, file: TextFile = source) -> bool | None:
                    return scaled(file.position())  # as bytes of the file read

                project.merge_native(
                    header,
                    docs,
                    report=report,
                    progress=merged,
                    total=None,
                    on_conflict=on_conflict,
                )
                done_before += size
            annotated = [
                (p, f, s) for (p, f), s in zip(files, sizes, strict=True) if FORMATS[f].annotations
            ]
            if annotated:
                route = AnnotationImport(project, label_map or {}, report, map_hint)
                context = context_for(project, route.notices)
                for number, (path, name, size) in enumerate(annotated):
                    foreign: Iterable[tuple[ForeignDocument, int]]
                    if (
                        number == 0
                        and already_read is not None
                        and already_read.usable_for(path, name)
                    ):
                        for what, where in already_read.notices:
                            route.notices.add(what, where)
                        foreign = already_read.documents
                    else:
                        read: AnnotationReader = FORMATS[name].load_reader()
                        foreign = read(path, context)
                    with merge.gc_paused():  # as the native merge does (store/merge.py)
                        for doc, consumed in foreign:
                            route.add(doc)
                            if scaled(min(consumed, size)):
                                raise Cancelled()
                        route.end_of_file()
                    done_before += size
                route.finish()
            if dry_run or not changes:  # everything read and checked; nothing kept
                raise _RollBack()  # (a file's rolled back savepoint would still be committed)
    except _RollBack:
        pass
    return report


class _RollBack(Exception):
    """Raised at the end of a dry run, or of an import that kept nothing, to roll its
    transaction back."""


def _merge_read_ahead(
    project: Project,
    path: Path,
    report: ImportReport,
    scaled: Callable[[int], bool | None],
    on_conflict: OnConflict,
) -> None:
    """Merge a large native export planned by a second process (io/native_ahead.py), inside
    the import's transaction, as ``Project.merge_native`` merges it."""
    with native_ahead.ReadAhead(path) as ahead:
        header, again, source = read_native(path)
        ids = merge.merge_header(project, header, report)
        session = project.layer().annotator_id
        docs = ahead.documents(project.schema.raw, ids, session, again, source.position)
        merge.merge_documents(
            project,
            docs,
            ids,
            report,
            progress=lambda _n, _t: scaled(ahead.position()),
            on_conflict=on_conflict,
        )
