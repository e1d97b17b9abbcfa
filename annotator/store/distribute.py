"""Handing a lead's documents out: one new project file per annotator (docs/team.md).

Each file gets the lead's schema, guidelines and registry, only the documents assigned to its
annotator (same ids and texts, so that merging matches them again), its owner (``settings``:
the window and the command line write under that name) and, with ``blind``, the setting that
hides other layers. The lead's annotations are not copied. The plan (core/distribution.py) is
stored in the ``assignments`` table of the lead's project and of each file.

Nothing is half done: the files are built in a hidden folder inside the target folder and
given their names only when all of them are complete, in the same step as the lead's
assignments are committed. Existing files are refused unless ``force`` is set.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.distribution import DEFAULT_SEED, Plan, check_names, plan
from annotator.core.errors import ProjectFileError
from annotator.core.model import DocumentInput, now
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.store import documents as doc_sql
from annotator.store import team
from annotator.store.annotators import RESERVED
from annotator.store.connection import WriterLock
from annotator.store.project import Project

SUFFIX = ".annotator"


@dataclass
class DistributeReport:
    """What was written: one file per annotator, with how many documents each got."""

    plan: Plan
    files: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    total: int = 0
    blind: bool = False

    def summary(self) -> list[str]:
        overlap = len(self.plan.overlap)
        lines = [
            f"{self.total} document(s); overlap {self.plan.percent:g}% = {overlap} document(s) "
            f"for everyone (rounded); the other {self.total - overlap} split "
            f"{len(self.files)} ways; seed {self.plan.seed}" + ("; blind" if self.blind else "")
        ]
        for name, path in self.files.items():
            own = len(self.plan.shares[name])
            lines.append(
                f"  {name}: {self.documents[name]} document(s) ({overlap} shared + {own} own) "
                f"→ {path}"
            )
        return lines


def target_files(folder: Path, names: list[str]) -> dict[str, Path]:
    return {name: folder / f"{name}{SUFFIX}" for name in names}


def distribute(
    lead: Project,
    names: list[str],
    folder: Path,
    *,
    overlap: float = 20.0,
    seed: int = DEFAULT_SEED,
    blind: bool = False,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> DistributeReport:
    """Write ``folder/<name>.annotator`` for each name and store the assignments in ``lead``."""
    names = check_names(names, reserved=list(RESERVED.values()))
    if not folder.is_dir():
        raise ProjectFileError(f"{folder}: no such folder")
    targets = target_files(folder, names)
    if lead.path.resolve() in {p.resolve() for p in targets.values()}:
        raise ProjectFileError(f"{lead.path}: the lead's project cannot be one of the new files")
    present = [str(p) for p in targets.values() if p.exists()]
    if present and not force:
        raise ProjectFileError(
            f"{', '.join(present)}: already exist(s); nothing was written (--force replaces)"
        )
    order = team.document_order(lead.db)
    the_plan = plan(order, names, overlap, seed)
    report = DistributeReport(the_plan, total=len(order), blind=blind)
    with _build_folder(folder) as build:
        with lead.transaction():
            people = {name: lead.annotators.ensure(name) for name in names}
            team.replace_assignments(
                lead.db,
                [p.id for p in people.values()],
                [
                    (doc, people[name].id, doc in set(the_plan.overlap))
                    for name in names
                    for doc in the_plan.documents_of(name)
                ],
            )
            note = {"seed": seed, "overlap": overlap, "annotators": names, "blind": blind}
            team.set_setting(lead.db, team.DISTRIBUTION, json.dumps({**note, "when": now()}))
            done = [0]
            for name in names:
                built = build / f"{name}{SUFFIX}"
                _write_file(lead, built, people[name].id, name, the_plan, blind, done, progress)
                report.documents[name] = len(the_plan.documents_of(name))
            _publish_all(build, targets, force)
        report.files = targets
    return report


@contextlib.contextmanager
def _build_folder(folder: Path) -> Iterator[Path]:
    build = Path(tempfile.mkdtemp(prefix=".distributing-", dir=folder))
    try:
        yield build
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _write_file(
    lead: Project,
    path: Path,
    owner_id: str,
    name: str,
    the_plan: Plan,
    blind: bool,
    done: list[int],
    progress: ProgressCallback | None,
) -> None:
    mine = the_plan.documents_of(name)
    wanted, shared = set(mine), set(the_plan.overlap)
    total = sum(len(the_plan.documents_of(n)) for n in the_plan.shares)
    with Project.create(path, schema=lead.schema, name=lead.name, annotator=name) as p:
        with p.transaction():
            p.set_guidelines(lead.guidelines)
            p.annotators.ensure(name, owner_id)
            for e in lead.registry.all():
                p.registry.add_copy(e)

            def items() -> Iterator[DocumentInput]:
                for doc in doc_sql.iter_documents(lead.db):
                    if doc.id not in wanted:
                        continue
                    done[0] += 1
                    if progress is not None and progress(done[0], total):
                        raise Cancelled()
                    yield DocumentInput.copy_of(doc, f"{lead.path.name}: {doc.id}")

            p.documents.add_many(items())
            team.add_assignments(p.db, [(d, owner_id, d in shared) for d in mine])
            team.set_setting(p.db, team.OWNER, owner_id)
            team.set_setting(p.db, team.BLIND, "1" if blind else "0")
        p.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file to move


def _publish_all(build: Path, targets: dict[str, Path], force: bool) -> None:
    """Give the built files their names; on a failure, remove those already moved (a file
    replaced under ``force`` is gone: that is what ``force`` asks)."""
    moved: list[Path] = []
    try:
        for name, target in targets.items():
            built = build / f"{name}{SUFFIX}"
            if target.exists():
                if not force:
                    raise ProjectFileError(f"{target}: already exists; nothing was written")
                _replace(built, target)
            else:
                try:
                    os.link(built, target)  # fails if a file appeared there meanwhile
                except FileExistsError:
                    raise ProjectFileError(
                        f"{target}: already exists; nothing was written"
                    ) from None
                moved.append(target)
                continue
            moved.append(target)
    except BaseException:
        for target in moved:
            with contextlib.suppress(OSError):
                target.unlink()
        raise


def _replace(built: Path, target: Path) -> None:
    """Replace an existing project, under its lock (refused while someone has it open),
    with its write-ahead log removed first (an old log must never meet a new file)."""
    lock = WriterLock(target)
    lock.acquire()
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(target) + suffix).unlink()
        os.replace(built, target)
    finally:
        lock.release()
