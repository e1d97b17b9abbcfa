"""Bringing native-shape data (an export, another annotator's project) into a project.

Matching is by UUID, and for documents by the sha256 of their normalised text, so merging the
same data twice changes nothing (idempotent) and nothing present is overwritten (lossless).
An id already present with *different* content is a conflict: refused (``on_conflict="refuse"``,
the default, naming the id and where it is in the file) or imported under a new id
(``"new-id"``, listed in ``report.renamed``); relations follow a renamed annotation.
The caller wraps the whole merge in one transaction.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from annotator.core.errors import (
    DuplicateAnnotationError,
    InputError,
    NotFoundError,
    ValidationError,
)
from annotator.core.model import Annotation, Relation
from annotator.core.reports import Cancelled, ImportReport, ProgressCallback
from annotator.core.schema import parse_schema
from annotator.core.text import normalise_text, text_sha256
from annotator.store import annotations as ann_sql
from annotator.store import documents as doc_sql
from annotator.store import registry as reg_sql
from annotator.store.merge_bulk import BulkMerge
from annotator.store.merge_plan import Plan, document_input
from annotator.store.suggestion_merge import INSERT_INFO, info_row

if TYPE_CHECKING:
    from annotator.store.project import Project

#: What to do with an incoming id that the project already has, with different content.
OnConflict = Literal["refuse", "new-id"]
ON_CONFLICT_CHOICES: tuple[OnConflict, ...] = ("refuse", "new-id")


def _conflict(
    where: str, what: str, item_id: str, on_conflict: OnConflict, report: ImportReport
) -> None:
    """Refuse the merge, or note that ``item_id`` will be imported under a new id."""
    if on_conflict == "refuse":
        raise InputError(
            f"{where}: {what} id {item_id!r} is already in the project with different content; "
            f"nothing was imported (--on-conflict new-id imports it under a new id)"
        )
    report.renamed.append(f"{where}: {what} {item_id}")


def merge_header(project: Project, header: dict[str, Any], report: ImportReport) -> dict[str, str]:
    """Schema, annotators and registry; returns the map of incoming to local annotator ids."""
    incoming = parse_schema(header["schema"])
    # An empty project adopts the export's schema; otherwise every annotation is checked
    # against the project's own schema when it is merged.
    if incoming.raw != project.schema.raw and project.documents.count() == 0:
        project.set_schema(incoming)
        report.warnings.append(f"the project now uses the export's schema: {incoming.name}")
    annotator_ids: dict[str, str] = {}
    for person in header.get("annotators", []):
        local = reg_sql.annotator_by_id(project.db, person["id"])
        if local is None:
            local = reg_sql.annotator_by_name(project.db, person["name"])
        if local is None:
            local = project.annotators.ensure(person["name"], person["id"])
        annotator_ids[person["id"]] = local.id
    for e in header.get("entities", []):
        if reg_sql.get_entity(project.db, e["id"]) is None:
            project.registry.add(
                e["name"],
                type=e.get("type"),
                aliases=e.get("aliases", []),
                wikidata=e.get("wikidata"),
                note=e.get("note"),
                id=e["id"],
                created=e.get("created"),
                modified=e.get("modified"),
            )
            report.entities += 1
    return annotator_ids


def merge_documents(
    project: Project,
    docs: Iterable[tuple[str, dict[str, Any]] | Plan],
    annotator_ids: dict[str, str],
    report: ImportReport,
    progress: ProgressCallback | None = None,
    total: int | None = None,
    on_conflict: OnConflict = "refuse",
) -> None:
    """Merge native-shape documents (validated against the export schema), each ``(where,
    document)`` with where it was read, for messages, or planned already (a :class:`Plan`,
    io/native_ahead.py). New documents, and documents present that get annotations in new
    layers, are written in bulk (store/merge_bulk.py), the others one by one, with the same
    result."""
    merger = document_merger(project, annotator_ids, report, on_conflict)
    with gc_paused():
        for done, item in enumerate(docs, start=1):
            if isinstance(item, Plan):
                merger.take_plan(item)
            else:
                merger.take(*item)
            if progress is not None and progress(done, total):
                raise Cancelled()
        merger.finish()


def document_merger(
    project: Project,
    annotator_ids: dict[str, str],
    report: ImportReport,
    on_conflict: OnConflict = "refuse",
) -> BulkMerge:
    """What ``merge_documents`` merges with, for a caller that hands it documents one by one
    (``take``) and says when they are all there (``finish``). ``annotator_ids`` may grow
    meanwhile."""
    if on_conflict not in ON_CONFLICT_CHOICES:
        raise ValidationError(
            f"on_conflict must be one of {', '.join(ON_CONFLICT_CHOICES)}, not {on_conflict!r}"
        )

    def careful(where: str, doc: dict[str, Any]) -> None:
        try:
            _merge_document(project, doc, annotator_ids, report, where, on_conflict)
        except (ValidationError, NotFoundError) as exc:  # e.g. a relation to a missing annotation
            raise InputError(f"{where}: {exc}") from None

    # Documents with nothing unusual are written in batches; the others one by one.
    return BulkMerge(project, annotator_ids, report, careful)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile. The documents read and the rows made from
    them are hundreds of thousands of small objects in no cycle (freed as they go), which
    each automatic collection would walk again: 15% of a large import, measured."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _same_annotation(
    present: Annotation, incoming: dict[str, Any], document: str, annotator: str | None
) -> bool:
    """True when ``incoming`` is ``present`` again (an idempotent re-import), timestamps aside."""
    return (
        present.document == document
        and present.label == incoming["label"]
        and [(f.start, f.end) for f in present.fragments]
        == [(f["start"], f["end"]) for f in incoming["fragments"]]
        and present.attributes == incoming["attributes"]
        and present.entity == incoming["entity"]
        and present.note == incoming["note"]
        and (annotator is None or present.annotator == annotator)
    )


def _twin_relation_fits(
    project: Project,
    r: dict[str, Any],
    source_id: str,
    target_id: str,
    where: str,
    report: ImportReport,
) -> bool:
    """Whether a relation of a skipped duplicate can go to the annotation kept instead: not
    when the kept one has it already (skipped), nor when it has another one of a kind it may
    have no more of (skipped with a warning)."""
    present = ann_sql.relations_from(project.db, source_id, r["type"])
    if any(rel.target == target_id for rel in present):
        return False
    spec = project.schema.relation(r["type"])
    if spec is not None and spec.max is not None and len(present) >= spec.max:
        report.warnings.append(
            f"{where}: {r['type']} relation {r['id']} not imported: it belonged to a duplicate "
            f"annotation, and the one kept has its {r['type']} already"
        )
        return False
    return True


def _same_relation(present: Relation, kind: str, source: str, target: str) -> bool:
    return (present.type, present.source, present.target) == (kind, source, target)


def _merge_document(
    project: Project,
    doc: dict[str, Any],
    ids: dict[str, str],
    report: ImportReport,
    where: str,
    on_conflict: OnConflict,
) -> None:
    text = normalise_text(doc["text"])
    sha = text_sha256(text)
    if doc.get("sha256") and doc["sha256"] != sha:
        raise InputError(
            f"{where}: the text does not match its sha256 (was the file edited by hand?)"
        )
    local_id = doc_sql.document_id_by_sha(project.db, sha)
    if local_id is None:
        id_taken = doc_sql.get_document(project.db, doc["id"]) is not None
        if id_taken:  # the same id, another text: a different document
            _conflict(where, "document", doc["id"], on_conflict, report)
        item = document_input(doc, text, where, None if id_taken else doc["id"])
        local_id = doc_sql.insert_documents(project.db, [item], report)[0]
        project.recording.documents.add(local_id)
        if id_taken:
            report.renamed[-1] += f" imported as {local_id}"
    else:
        report.duplicates.append(where)

    def who(person: str | None) -> str | None:
        if person is None:
            return None
        if person not in ids:
            raise ValidationError(f"annotator {person!r} is not listed in the export's annotators")
        return ids[person]

    mine = project.layer()
    new_ids: dict[str, str] = {}  # annotation ids of this document imported under a new id
    twins: dict[str, str] = {}  # incoming duplicates of an annotation present -> its id
    for a in doc["annotations"]:
        person = who(a["annotator"])
        present = ann_sql.get_annotation(project.db, a["id"])
        if present is not None:
            if _same_annotation(present, a, local_id, person):
                report.annotations_skipped += 1
                continue
            _conflict(where, "annotation", a["id"], on_conflict, report)
        info = info_row(a["id"], person, a.get("suggestion"))  # checked before writing
        layer = mine if person is None else project.layer(person)
        try:
            added = layer.add_annotation(
                local_id,
                a["label"],
                a["fragments"],
                attributes=a["attributes"],
                entity=a["entity"],
                note=a["note"],
                origin=a["origin"],
                id=None if present is not None else a["id"],
                created=a["created"],
                modified=a["modified"],
            ).value
        except DuplicateAnnotationError as exc:
            # The same label on the same fragments in this layer (present already, or twice
            # in the file): one is kept, and relations to the other point at it.
            if present is not None:
                report.renamed.pop()  # noted by _conflict, but not imported after all
            twins[a["id"]] = exc.existing
            report.annotations_skipped += 1
            continue
        if present is not None:
            new_ids[a["id"]] = added.id
            report.renamed[-1] += f" imported as {added.id}"
        if info is not None:
            project.db.conn.execute(INSERT_INFO, (added.id, *info[1:]))
        report.annotations += 1
    for r in doc["relations"]:
        source_id = twins.get(r["source"]) or new_ids.get(r["source"], r["source"])
        target_id = twins.get(r["target"]) or new_ids.get(r["target"], r["target"])
        if (r["source"] in twins or r["target"] in twins) and not _twin_relation_fits(
            project, r, source_id, target_id, where, report
        ):
            continue
        present_relation = ann_sql.get_relation(project.db, r["id"])
        if present_relation is not None:
            if _same_relation(present_relation, r["type"], source_id, target_id):
                continue
            _conflict(where, "relation", r["id"], on_conflict, report)
        # A relation belongs to the layer of the annotations it links.
        source = ann_sql.get_annotation(project.db, source_id)
        if source is None:
            raise NotFoundError(f"no annotation with id {source_id!r} (relation source)")
        layer = mine if source.annotator is None else project.layer(source.annotator)
        rel = layer.add_relation(
            r["type"],
            source_id,
            target_id,
            id=None if present_relation is not None else r["id"],
            created=r["created"],
        ).value
        if present_relation is not None:
            report.renamed[-1] += f" imported as {rel.id}"
        report.relations += 1
    current = reg_sql.status_of(project.db, local_id)
    for person, state in doc.get("status", {}).items():
        local_person = who(person)
        if local_person is not None and local_person not in current:
            project.layer(local_person).set_status(local_id, state)
