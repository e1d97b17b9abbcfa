"""Merging annotators' files (project files or native exports) into one review project.

Documents match by the SHA-256 of their text; annotations, relations, statuses and registry
entries by id (store/merge.py does the matching, :meth:`Project.merge_native`). So merging
again changes nothing, and every annotation of every input arrives with its annotator. The
whole merge is one transaction: a failure or a cancel leaves the review project as it was
(one that did not exist is not created). Inputs are only read.

Schemas must be compatible (core/schema_compare.py); editable value lists are unioned. When
they are not, :class:`SchemaMismatchError` lists every difference, naming the input file, and
nothing is written. Entities with different ids but the same name (normalised as the
registry matches names) are *offered* in the report, never merged here (ADR 0013).
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import InputError, ProjectFileError
from annotator.core.matching import normalise_name
from annotator.core.reports import Cancelled, ImportReport, ProgressCallback
from annotator.core.schema import Schema
from annotator.core.schema_compare import compare_schemas, union_schemas
from annotator.store import registry as reg_sql
from annotator.store import team
from annotator.store.merge import OnConflict
from annotator.store.project import Project
from annotator.store.suggestion_merge import carry_from_project_file
from annotator.store.team_bulk import bulk_merge

Documents = Iterator[tuple[str, dict[str, Any]]]


@dataclass
class Source:
    """One input, opened for reading: its native-shape header and documents, the
    assignments it carries as (document sha256, annotator id, overlap), and how to close it."""

    path: Path
    kind: str  # "project" or "export"
    schema: Schema
    header: dict[str, Any]
    documents: Callable[[], Documents]
    total: int | None = None
    assignments: Callable[[], list[tuple[str, str, bool]]] = lambda: []
    close: Callable[[], None] = lambda: None
    #: A project file's own connection (read-only): merged in bulk (store/team_bulk.py).
    db: Database | None = None


def project_source(path: Path) -> Source:
    """An annotator's project file, opened read-only (never changed)."""
    src = Project.open(path, readonly=True)
    try:
        data = src.datasets()
        header = data.header()
        shas = dict(src.db.execute("SELECT id, sha256 FROM documents").fetchall())

        def documents() -> Documents:
            for doc in data.document_dicts():
                yield f"{path}: document {doc['id']}", doc

        def assigned() -> list[tuple[str, str, bool]]:
            return [(shas[a.document], a.annotator, a.overlap) for a in src.team.assignments()]

        return Source(
            path,
            "project",
            src.schema,
            header,
            documents,
            data.count_documents(),
            assigned,
            src.close,
            src.db,
        )
    except BaseException:
        src.close()
        raise


class SchemaMismatchError(InputError):
    """The inputs' schemas cannot share one review project; ``differences`` says why."""

    def __init__(self, differences: list[str]) -> None:
        super().__init__(
            "the schemas differ, so nothing was merged:\n  " + "\n  ".join(differences)
        )
        self.differences = differences


@dataclass
class SameName:
    """Two registry entries with different ids and the same (normalised) name."""

    name: str
    keep_id: str
    keep_name: str
    other_id: str
    other_name: str


@dataclass
class TeamMergeReport:
    out: str
    created: bool = False
    inputs: list[str] = field(default_factory=list)
    documents_new: int = 0
    documents_matched: int = 0
    annotations: dict[str, int] = field(default_factory=dict)  # new, per annotator name
    annotations_present: int = 0
    relations: int = 0
    statuses: int = 0
    entities: int = 0
    assignments: int = 0
    #: What people accepted and rejected of the suggestions (from project files).
    verdicts: int = 0
    same_name: list[SameName] = field(default_factory=list)
    schema_changes: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.documents_new
            or sum(self.annotations.values())
            or self.relations
            or self.statuses
            or self.entities
            or self.assignments
            or self.verdicts
            or self.schema_changes
        )

    def lines(self) -> list[str]:
        """The summary, as the command line prints it and the window shows it."""
        made = "created" if self.created else "merged into"
        out = [
            f"{len(self.inputs)} input(s) {made} {self.out}",
            f"Documents: {self.documents_new} new, {self.documents_matched} matched (same text)",
        ]
        total = sum(self.annotations.values())
        out.append(f"Annotations: {total} new, {self.annotations_present} already there")
        out.extend(f"  {who}: {n} new" for who, n in sorted(self.annotations.items()))
        out.append(f"Relations: {self.relations} new; statuses: {self.statuses} new")
        out.append(f"Registry: {self.entities} actor(s) added; assignments: {self.assignments}")
        if self.verdicts:
            out.append(f"Suggestions: {self.verdicts} verdict(s) (accepted or rejected) new")
        out.extend(f"Schema: {change}" for change in self.schema_changes)
        if self.renamed:
            out.append(f"Imported under a new id (id used by other content): {len(self.renamed)}")
        for pair in self.same_name:
            out.append(
                f"Same name, not merged: {pair.keep_name!r} ({pair.keep_id}) and "
                f"{pair.other_name!r} ({pair.other_id})"
            )
        if not self.changed:
            out.append("Nothing new: the review project already had everything.")
        return out

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "changed": self.changed}


def _counts(db: Database) -> dict[str, Any]:
    def scalar(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    return {
        "annotations": Counter(
            dict(
                db.execute(
                    "SELECT coalesce(an.name, ''), count(*) FROM annotations a "
                    "LEFT JOIN annotators an ON an.id = a.annotator GROUP BY a.annotator"
                ).fetchall()
            )
        ),
        "relations": scalar("SELECT count(*) FROM relations"),
        "statuses": scalar("SELECT count(*) FROM document_status"),
        "entities": scalar("SELECT count(*) FROM entities"),
    }


def same_name_pairs(db: Database) -> list[SameName]:
    """Entries whose names match once normalised (case, accents, punctuation), by name."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for ent_id, name in db.execute("SELECT id, name FROM entities ORDER BY created, id"):
        key = normalise_name(name)
        if key:
            groups.setdefault(key, []).append((ent_id, name))
    pairs: list[SameName] = []
    for members in groups.values():
        keep_id, keep_name = members[0]
        pairs.extend(SameName(keep_name, keep_id, keep_name, i, n) for i, n in members[1:])
    return sorted(pairs, key=lambda p: (p.name.casefold(), p.other_id))


def merged_schema(base: Schema | None, sources: list[Source]) -> tuple[Schema, list[str]]:
    """The schema the review project will have, and what the inputs add to it; refused
    (:class:`SchemaMismatchError`) when an input's schema does not fit."""
    schema = base if base is not None else sources[0].schema
    first = "the review project" if base is not None else str(sources[0].path)
    problems: list[str] = []
    changes: list[str] = []
    for src in sources:
        found = compare_schemas(schema, src.schema)
        if not found.compatible:
            problems.extend(f"{src.path}: {d} (compared with {first})" for d in found.differences)
            continue
        changes.extend(f"{a} (from {src.path})" for a in found.additions)
        schema = union_schemas(schema, src.schema)
    if problems:
        raise SchemaMismatchError(problems)
    return schema, changes


def _assign(out: Project, src: Source) -> int:
    """Carry the input's assignments over, by document text and annotator id (or name)."""
    wanted = src.assignments()
    if not wanted:
        return 0
    names = {a["id"]: a["name"] for a in src.header.get("annotators", [])}
    docs = dict(out.db.execute("SELECT sha256, id FROM documents").fetchall())
    people: dict[str, str | None] = {}
    rows = []
    for sha, who, overlap in wanted:
        if who not in people:
            person = reg_sql.annotator_by_id(out.db, who)
            if person is None and who in names:
                person = out.annotators.named(names[who])
            people[who] = None if person is None else person.id
        doc, local = docs.get(sha), people[who]
        if doc is not None and local is not None:
            rows.append((doc, local, overlap))
    return team.add_assignments(out.db, rows)


def _translator(db: Database) -> Callable[[str], str]:
    """Where an entity id went: registry merges in the review project are followed (a file
    merged again still has its mentions linked to the entity that was merged away)."""
    table = team.merged_entities(db)

    def resolve(entity_id: str) -> str:
        seen: set[str] = set()
        while (
            entity_id in table
            and entity_id not in seen
            and reg_sql.get_entity(db, entity_id) is None
        ):
            seen.add(entity_id)
            entity_id = table[entity_id]
        return entity_id

    return resolve


def _followed(
    header: dict[str, Any],
    docs: Iterable[tuple[str, dict[str, Any]]],
    resolve: Callable[[str], str],
) -> tuple[dict[str, Any], Iterator[tuple[str, dict[str, Any]]]]:
    entities = [e for e in header.get("entities", []) if resolve(e["id"]) == e["id"]]

    def documents() -> Iterator[tuple[str, dict[str, Any]]]:
        for where, doc in docs:
            for a in doc.get("annotations", []):
                if a.get("entity"):
                    a["entity"] = resolve(a["entity"])
            yield where, doc

    return {**header, "entities": entities}, documents()


def _stepper(
    progress: ProgressCallback | None, before: int, documents: int | None, total: int | None
) -> Callable[[float], None] | None:
    """Progress of the bulk path, told as a share of one input's documents."""
    if progress is None or documents is None:
        return None

    def step(share: float) -> None:
        if progress(before + int(documents * share), total):
            raise Cancelled()

    return step


def merge_into(
    out: Project,
    sources: list[Source],
    schema: Schema,
    report: TeamMergeReport,
    progress: ProgressCallback | None = None,
    on_conflict: OnConflict = "refuse",
) -> None:
    """Merge every source into ``out`` in one transaction (see the module docstring)."""
    totals = [s.total for s in sources]
    total = None if None in totals else sum(t or 0 for t in totals)
    done = [0]

    def counted(src: Source) -> Iterable[tuple[str, dict[str, Any]]]:
        for item in src.documents():
            yield item
            done[0] += 1
            if progress is not None and progress(done[0], total):
                raise Cancelled()

    with out.transaction():
        before = _counts(out.db)
        if schema.raw != out.schema.raw:
            out.set_schema(schema)
        resolve = _translator(out.db)
        for src in sources:
            # the review project's schema, never the input's own back
            header, docs = _followed({**src.header, "schema": schema.raw}, counted(src), resolve)
            merged = ImportReport()
            # a project file in bulk (its rows as they are); else, or when a row needs care,
            # document by document (store/merge.py: conflicts refused or renamed)
            bulk = src.db if on_conflict == "refuse" else None
            step = _stepper(progress, done[0], src.total, total)
            if bulk is not None and bulk_merge(out, bulk, header, resolve, merged, step):
                done[0] += src.total or 0
                if progress is not None and progress(done[0], total):
                    raise Cancelled()
            else:  # document by document: conflicts refused (or renamed), duplicates kept once
                out.merge_native(header, docs, report=merged, on_conflict=on_conflict)
            report.documents_new += merged.added
            report.documents_matched += len(merged.duplicates)
            report.annotations_present += merged.annotations_skipped
            report.renamed.extend(merged.renamed)
            report.warnings.extend(
                w for w in merged.warnings if not w.startswith("the project now uses")
            )
            report.assignments += _assign(out, src)
            if src.db is not None:  # engines and scores, and what people decided
                report.verdicts += carry_from_project_file(out, src.db)[1]
        after = _counts(out.db)
    grown = after["annotations"] - before["annotations"]
    report.annotations = {who or "(no annotator)": n for who, n in grown.items() if n}
    for key in ("relations", "statuses", "entities"):
        setattr(report, key, after[key] - before[key])
    report.same_name = same_name_pairs(out.db)


def merge_team(
    out_path: Path,
    open_sources: Callable[[], list[Source]],
    *,
    progress: ProgressCallback | None = None,
    on_conflict: OnConflict = "refuse",
    annotator: str | None = None,
    shared_in_process: bool = False,
    backup: bool | Callable[[], list[str]] = True,
) -> TeamMergeReport:
    """Merge the sources into the review project ``out_path`` (created if missing).

    ``backup`` is the backup step of :meth:`Project.open` for an existing review project;
    ``shared_in_process`` lets a worker thread join the window's own lock on it.
    """
    report = TeamMergeReport(str(out_path))
    sources = open_sources()
    try:
        for src in sources:
            if out_path.exists() and src.path.resolve() == out_path.resolve():
                raise InputError(f"{src.path}: is the review project itself; give other files")
        report.inputs = [str(s.path) for s in sources]
        if out_path.exists():
            with Project.open(
                out_path,
                annotator=annotator,
                shared_in_process=shared_in_process,
                backup=backup,
            ) as out:
                schema, report.schema_changes = merged_schema(out.schema, sources)
                merge_into(out, sources, schema, report, progress, on_conflict)
            return report
        schema, report.schema_changes = merged_schema(None, sources)
        report.created = True
        _merge_into_new(out_path, sources, schema, report, progress, on_conflict, annotator)
        return report
    finally:
        for src in sources:
            src.close()


def _merge_into_new(
    out_path: Path,
    sources: list[Source],
    schema: Schema,
    report: TeamMergeReport,
    progress: ProgressCallback | None,
    on_conflict: OnConflict,
    annotator: str | None,
) -> None:
    """Build the new review project under a hidden name; it gets ``out_path`` only once the
    merge committed, so a failed or cancelled merge leaves no project behind."""
    if not out_path.parent.is_dir():
        raise ProjectFileError(f"{out_path.parent}: no such folder")
    partial = out_path.with_name(f".{out_path.name}.merging")
    _remove(partial)
    project_info = sources[0].header.get("project", {})
    try:
        with Project.create(partial, schema=schema, name=out_path.stem, annotator=annotator) as out:
            out.set_guidelines(project_info.get("guidelines", ""))
            merge_into(out, sources, schema, report, progress, on_conflict)
        try:
            os.link(partial, out_path)
        except FileExistsError:
            raise ProjectFileError(f"{out_path}: appeared meanwhile; nothing was merged") from None
    finally:
        _remove(partial)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()
