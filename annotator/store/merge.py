"""Bringing native-shape data (an export, another annotator's project) into a project.

Matching is by UUID, and for documents by the sha256 of their normalised text, so merging the
same data twice changes nothing (idempotent) and nothing present is overwritten (lossless).
The caller wraps the whole merge in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError, NotFoundError, ValidationError
from annotator.core.model import DocumentInput
from annotator.core.reports import Cancelled, ImportReport, ProgressCallback
from annotator.core.schema import parse_schema
from annotator.core.text import normalise_text, text_sha256
from annotator.store import annotations as ann_sql
from annotator.store import documents as doc_sql
from annotator.store import registry as reg_sql

if TYPE_CHECKING:
    from annotator.store.project import Project


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
    docs: Iterable[tuple[str, dict[str, Any]]],
    annotator_ids: dict[str, str],
    report: ImportReport,
    progress: ProgressCallback | None = None,
    total: int | None = None,
) -> None:
    for done, (where, doc) in enumerate(docs, start=1):
        try:
            _merge_document(project, doc, annotator_ids, report, where)
        except (ValidationError, NotFoundError) as exc:  # e.g. a relation to a missing annotation
            raise InputError(f"{where}: {exc}") from None
        if progress is not None and progress(done, total):
            raise Cancelled()


def _merge_document(
    project: Project, doc: dict[str, Any], ids: dict[str, str], report: ImportReport, where: str
) -> None:
    text = normalise_text(doc["text"])
    sha = text_sha256(text)
    if doc.get("sha256") and doc["sha256"] != sha:
        raise InputError(
            f"{where}: the text does not match its sha256 (was the file edited by hand?)"
        )
    local_id = doc_sql.document_id_by_sha(project.db, sha)
    if local_id is None:
        item = DocumentInput(
            text=text,
            title=doc.get("title") or "",
            source=doc.get("source"),
            url=doc.get("url"),
            published=doc.get("published"),
            metadata=doc.get("metadata") or {},
            origin=where,
            # keep the exported id unless another text already has it here
            id=None if doc_sql.get_document(project.db, doc["id"]) else doc["id"],
        )
        local_id = doc_sql.insert_documents(project.db, [item], report)[0]
        project.recording.documents.add(local_id)
    else:
        report.duplicates.append(where)

    def who(person: str | None) -> str | None:
        if person is None:
            return None
        if person not in ids:
            raise ValidationError(f"annotator {person!r} is not listed in the export's annotators")
        return ids[person]

    mine = project.layer()
    for a in doc["annotations"]:
        if ann_sql.get_annotation(project.db, a["id"]) is not None:
            report.annotations_skipped += 1
            continue
        person = who(a["annotator"])
        layer = mine if person is None else project.layer(person)
        layer.add_annotation(
            local_id,
            a["label"],
            a["fragments"],
            attributes=a["attributes"],
            entity=a["entity"],
            note=a["note"],
            origin=a["origin"],
            id=a["id"],
            created=a["created"],
            modified=a["modified"],
        )
        report.annotations += 1
    for r in doc["relations"]:
        if ann_sql.get_relation(project.db, r["id"]) is not None:
            continue
        # A relation belongs to the layer of the annotations it links.
        source = ann_sql.get_annotation(project.db, r["source"])
        if source is None:
            raise NotFoundError(f"no annotation with id {r['source']!r} (relation source)")
        layer = mine if source.annotator is None else project.layer(source.annotator)
        layer.add_relation(r["type"], r["source"], r["target"], id=r["id"], created=r["created"])
        report.relations += 1
    current = reg_sql.status_of(project.db, local_id)
    for person, state in doc.get("status", {}).items():
        local_person = who(person)
        if local_person is not None and local_person not in current:
            project.layer(local_person).set_status(local_id, state)
