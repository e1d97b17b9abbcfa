"""The files of articles of an import (text, pages, office documents, PDFs, news exports,
tables), each stored whole or, when it cannot be read, left out whole and named.

A table (CSV, JSONL, JSON array) streams, and is large: it goes into a savepoint of its own,
so that a bad record on line 80,000 takes back the 79,999 before it. The other formats are read
whole, one file at a time, before any of their documents is written; a run of such files goes
into one savepoint (a savepoint per file would cost more than reading a short file does), and
a file that cannot be read is simply not passed on. Should the writing itself refuse a
document (too long, say), the run is taken back and done again a file at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.reports import Cancelled, ImportReport
from annotator.io.common import ReadOptions
from annotator.io.formats import FORMATS, Reader
from annotator.store.project import Project

#: (path, format name, size in bytes) of one file.
ArticleFile = tuple[Path, str, int]
#: How many records with an empty text a warning names.
SHOWN_BLANKS = 5


@dataclass
class _Outcome:
    """What one savepoint kept: its report (the files left out in its ``failed``), and where
    its records with an empty text were."""

    report: ImportReport = field(default_factory=ImportReport)
    blanks: list[str] = field(default_factory=list)


def import_articles(
    project: Project,
    files: list[ArticleFile],
    options: ReadOptions,
    report: ImportReport,
    read_to: Callable[[int], bool | None],
    skip_bad_files: bool,
) -> None:
    """Add the documents of ``files`` (inside the caller's transaction). ``read_to`` is told
    how many bytes of ``files`` are read, and asks for a cancel by returning True. With
    ``skip_bad_files`` a file that cannot be read is left out and named in
    ``report.failed``; otherwise its InputError ends the import."""
    blanks: list[str] = []
    done = 0
    for streamed, run in itertools.groupby(files, key=lambda f: FORMATS[f[1]].named_fields):
        run_files = list(run)
        groups = [[f] for f in run_files] if streamed else [run_files]
        for group in groups:
            outcome = _store(project, group, options, done, read_to, skip_bad_files)
            if outcome is None:  # the writing refused a document: one file at a time
                outcome = _Outcome()
                for number, one in enumerate(group):
                    before = done + sum(size for _p, _n, size in group[:number])
                    single = _store(project, [one], options, before, read_to, skip_bad_files)
                    assert single is not None  # a single file's failure is recorded in it
                    outcome.report.include(single.report)
                    outcome.blanks += single.blanks
            report.include(outcome.report)
            blanks += outcome.blanks
            done += sum(size for _p, _n, size in group)
            if read_to(done):
                raise Cancelled()
    if blanks:
        shown = ", ".join(blanks[:SHOWN_BLANKS])
        more = len(blanks) - SHOWN_BLANKS
        report.warnings.append(
            f"{len(blanks)} record(s) with an empty text skipped: {shown}"
            + (f" and {more} more" if more > 0 else "")
        )


def _store(
    project: Project,
    group: list[ArticleFile],
    options: ReadOptions,
    done: int,
    read_to: Callable[[int], bool | None],
    skip_bad_files: bool,
) -> _Outcome | None:
    """Store ``group`` in one savepoint. None when a run of several files was taken back
    because the writing refused one of its documents (the caller does them one by one)."""
    outcome = _Outcome()
    position = [done]
    whole = len(group) > 1 or not FORMATS[group[0][1]].named_fields

    def kept(item: DocumentInput) -> bool:
        outcome.report.warnings.extend(item.notes)
        if item.text.strip():
            return True
        if not item.notes:  # notes say why it is empty
            outcome.blanks.append(item.origin)
        return False

    def items() -> Iterator[DocumentInput]:
        base = done
        for path, name, size in group:
            reader: Reader = FORMATS[name].load_reader()
            if whole:  # read it all before any of it is passed on
                try:
                    read = list(reader(path, options))
                except InputError as exc:
                    if not skip_bad_files:
                        raise
                    outcome.report.failed.append(str(exc))
                    read = []
                yield from (item for item, _consumed in read if kept(item))
            else:
                for item, consumed in reader(path, options):
                    position[0] = base + consumed
                    if kept(item):
                        yield item
            base += size
            position[0] = base

    try:
        with project.transaction():
            project.documents.add_many(
                items(), progress=lambda _n, _t: read_to(position[0]), report=outcome.report
            )
    except InputError as exc:
        if not skip_bad_files:
            raise
        if len(group) > 1:
            return None
        outcome = _Outcome()
        outcome.report.failed.append(str(exc))
    return outcome
