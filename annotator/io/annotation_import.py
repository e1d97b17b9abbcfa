"""The one import route of the annotation formats (brat, doccano, Label Studio, ...).

A format's reader turns a file into :class:`~annotator.core.foreign.ForeignDocument` records
(offsets in code points on the file's text). This module does the rest, the same way for every
format:

- the text is normalised as every stored text is, and each offset is mapped through the
  normalisation (CRLF, a byte-order mark, NFC); an offset that has no place in the stored text
  is reported, never moved;
- labels and relation types are mapped (``--map OLD=NEW``, the window's mapping dialog) and
  checked against the **project's** schema: a span whose label the schema does not have is
  reported with a count, and so are relations to it;
- the text each span states is compared with the document's: a span that does not match is
  reported and skipped, never stored shifted;
- attributes are checked against the label's: one the schema lacks, or with a value outside
  its allowed values, is left out and counted (the span is imported without it); registry
  links are checked as the window checks them; actors are found in the registry by id,
  Wikidata id or name, or added;
- what remains is handed to the native merge (``annotator.store.merge``) as native-shape
  documents: a document already in the project (same text) receives the annotations instead
  of being added again, and importing the same file twice changes nothing.

Everything a file could not bring in is said in ``report.warnings``, counted by reason, with the
first few places named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from annotator.core.errors import NotFoundError
from annotator.core.foreign import (
    ForeignActor,
    ForeignDocument,
    ForeignRelation,
    ForeignSpan,
    OffsetMap,
    schema_attributes,
)
from annotator.core.model import new_id, now
from annotator.core.reports import ImportReport
from annotator.core.schema import Schema
from annotator.core.text import normalise_text, text_sha256
from annotator.store import merge
from annotator.store.annotators import reserved_id

if TYPE_CHECKING:
    from annotator.store.project import Project

#: How many places each kind of problem names before "and N more".
SHOWN = 5

#: A reader of an annotation format: each document of a file with how many bytes were read.
AnnotationReader = Callable[[Path, "ImportContext"], Iterator[tuple[ForeignDocument, int]]]


@dataclass(frozen=True)
class ImportContext:
    """What a reader may ask of the project: its schema (to tell attributes from labels, for
    example) and the text of a document it names by id (for formats that do not carry it)."""

    schema: Schema
    document_text: Callable[[str], str | None]
    #: The name of whoever imports (their layer receives spans without an annotator).
    importer: str | None = None
    #: The id of the project document at a URL (formats that name documents by URL).
    document_at: Callable[[str], str | None] = lambda _url: None
    #: The name of the project's annotator with an id (formats that name annotators by id).
    annotator_name: Callable[[str], str | None] = lambda _id: None
    #: ``(what, where)``: something the reader read otherwise than the file has it, yet
    #: imported (an I- tag without its B-, read as a start), or a document it left out; said
    #: in the warnings as ``"N <what>: <where>, ..."`` (``what`` reads as a plural). What it
    #: leaves out of a document goes to ``ForeignDocument.problems``.
    notice: Callable[[str, str], None] = lambda what, where: None


#: Where an import runs, for the warnings' hint on mapping a name the schema lacks.
MapHint = Literal["command line", "window"]


def how_to_map(name: str, placeholder: str, where: MapHint) -> str:
    """How to bring ``name`` in next time: ``--map NAME=LABEL`` on the command line, the mapping
    dialog in the window."""
    if where == "window":
        return "choose what it becomes in the mapping dialog before the import"
    return f"--map {name}={placeholder}"


@dataclass
class Problems:
    """What could not be imported, by reason, with the first places."""

    counts: Counter[str] = field(default_factory=Counter)
    places: dict[str, list[str]] = field(default_factory=dict)
    #: What each warning says before the reason.
    lead: str = "not imported, "

    def add(self, reason: str, where: str) -> None:
        self.counts[reason] += 1
        shown = self.places.setdefault(reason, [])
        if len(shown) < SHOWN and where:
            shown.append(where)

    def warnings(self) -> list[str]:
        said = []
        for reason, count in self.counts.items():
            places = self.places.get(reason, [])
            more = count - len(places)
            at = (
                (": " + ", ".join(places) + (f" and {more} more" if more else "")) if places else ""
            )
            said.append(f"{count} {self.lead}{reason}{at}")
        return said


def context_for(project: Project, notices: Problems | None = None) -> ImportContext:
    """What the readers may ask of ``project``; what they notice goes to ``notices``."""

    def document_text(doc_id: str) -> str | None:
        try:
            return project.documents.text(doc_id)
        except NotFoundError:
            return None

    def annotator_name(annotator_id: str) -> str | None:
        try:
            return project.annotators.get(annotator_id).name
        except NotFoundError:
            return None

    return ImportContext(
        project.schema,
        document_text,
        project.annotator_name,
        document_at=project.documents.id_at_url,
        annotator_name=annotator_name,
        notice=notices.add if notices is not None else (lambda what, where: None),
    )


class AnnotationImport:
    """One import of annotation files into ``project``; :meth:`add` each document read."""

    def __init__(
        self,
        project: Project,
        label_map: dict[str, str],
        report: ImportReport,
        map_hint: MapHint = "command line",
    ) -> None:
        self.project = project
        self.map_hint = map_hint
        self.schema = project.schema
        self.label_map = label_map
        self.report = report
        self.problems = Problems()
        self.remarks = Problems(lead="")
        #: What the readers noticed (``ImportContext.notice``): said like the remarks.
        self.notices = self.remarks
        self._annotators: dict[str, str] = {}  # name as in the file -> local annotator id
        self._actors = _ActorIndex(project)
        self._seen: set[str] = set()  # texts (sha256) of the documents this import met
        # the annotators as the merge knows them: local ids, as _annotator makes them
        self._annotator_ids: dict[str, str] = {}
        self._merger = merge.document_merger(
            project, self._annotator_ids, report, on_conflict="new-id"
        )
        self._duplicates_before = len(report.duplicates)

    # -- one document ---------------------------------------------------------------------

    def add(self, doc: ForeignDocument) -> None:
        for problem in doc.problems:
            self.problems.add(problem.reason, problem.where)
            if problem.relation:
                self.report.relations_skipped += 1
            else:
                self.report.spans_skipped += 1
        for remark, where in doc.remarks:
            self.remarks.add(remark, where)
        if doc.text is None and not doc.spans and not doc.relations:
            return  # nothing to import (what the reader left out is reported above)
        text = doc.text
        if text is None and doc.id is not None:
            text = _project_text(self.project, doc.id)
        if text is None:
            self.problems.add(
                "a document whose text is neither in the file nor the project", doc.where
            )
            self.report.spans_skipped += len(doc.spans)
            return
        offsets = OffsetMap(text)
        stored = offsets.stored
        annotations: list[dict[str, Any]] = []
        ids: dict[str, tuple[str, str, str | None]] = {}  # key -> (id, label, annotator)
        for span in doc.spans:
            ann = self._annotation(span, offsets, stored)
            if ann is None:
                self.report.spans_skipped += 1
                continue
            if span.key in ids:
                self.problems.add("a span whose id is used twice in its document", span.where)
                self.report.spans_skipped += 1
                continue
            ids[span.key] = (ann["id"], ann["label"], ann["annotator"])
            annotations.append(ann)
        relations = self._relations(doc, ids)
        native = {
            "id": doc.id or new_id(),
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "published": doc.published,
            "metadata": doc.metadata,
            "text": stored,
            "annotations": annotations,
            "relations": relations,
            "status": {},
        }
        sha = text_sha256(stored)
        if sha not in self._seen and self.project.documents.id_by_sha256(sha) is not None:
            self.report.matched += 1  # the text was there: it is annotated
        self._seen.add(sha)
        self._merger.take(doc.where, native)

    def end_of_file(self) -> None:
        """Everything read so far written: the next file's reader may ask for its texts."""
        self._merger.flush()

    def finish(self) -> None:
        self._merger.finish()
        # a document already in the project is not a duplicate here, it is annotated
        del self.report.duplicates[self._duplicates_before :]
        self.report.warnings.extend(self.problems.warnings())
        self.report.warnings.extend(self.remarks.warnings())

    # -- its parts ------------------------------------------------------------------------

    def _annotation(
        self, span: ForeignSpan, offsets: OffsetMap, stored: str
    ) -> dict[str, Any] | None:
        label = self.label_map.get(span.label, span.label)
        spec = self.schema.label(label)
        if spec is None:
            self.problems.add(
                f"label {label!r} is not in the project's schema "
                f"({how_to_map(label, 'LABEL', self.map_hint)})",
                span.where,
            )
            return None
        fragments: list[dict[str, Any]] = []
        for start, end in span.fragments:
            begin, stop = offsets.to_stored(start), offsets.to_stored(end)
            if begin is None or stop is None or not begin < stop <= len(stored):
                self.problems.add(
                    "a span whose offsets fall outside its text or inside a character", span.where
                )
                return None
            fragments.append({"start": begin, "end": stop, "text": stored[begin:stop]})
        if not fragments:
            self.problems.add("a span without fragments", span.where)
            return None
        if span.text is not None:
            covered = " ".join(f["text"] for f in fragments)
            if normalise_text(span.text) != covered:
                self.problems.add("a span whose text does not match the document", span.where)
                return None
        attributes, dropped = schema_attributes(spec, span.attributes)
        for reason in dropped:
            self.remarks.add("span(s) " + reason, span.where)
        entity = None
        if span.actor is not None:
            if spec.entity:
                entity = self._actors.resolve(span.actor, self.report)
            else:
                self.problems.add(f"an actor link on {label} (that label takes none)", span.where)
        stamp = now()
        return {
            "id": new_id(),
            "label": label,
            "fragments": fragments,
            "attributes": attributes,
            "entity": entity,
            "annotator": self._annotator(span.annotator),
            "origin": "import",
            "note": span.note,
            "created": stamp,
            "modified": stamp,
        }

    def _annotator(self, name: str | None) -> str | None:
        if name is None or not name.strip():
            return None
        if name not in self._annotators:
            reserved = reserved_id(name)
            if reserved is not None:  # its row, made if new
                self._annotators[name] = self.project.layer(reserved).writer_id()
            else:
                self._annotators[name] = self.project.annotators.ensure(name.strip()).id
            local = self._annotators[name]
            self._annotator_ids[local] = local
        return self._annotators[name]

    def _relations(
        self, doc: ForeignDocument, ids: dict[str, tuple[str, str, str | None]]
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        taken: Counter[tuple[str, str]] = Counter()
        seen: set[tuple[str, str, str]] = set()
        for rel in doc.relations:
            problem = self._relation_problem(rel, ids, taken)
            if problem is not None:
                self.problems.add(problem, rel.where)
                self.report.relations_skipped += 1
                continue
            kind = self.label_map.get(rel.type, rel.type)
            source, _, who = ids[rel.source]
            target = ids[rel.target][0]
            if (kind, source, target) in seen:  # the same relation twice: once is enough
                continue
            seen.add((kind, source, target))
            taken[(kind, source)] += 1
            out.append(
                {
                    "id": new_id(),
                    "type": kind,
                    "source": source,
                    "target": target,
                    "annotator": who,
                    "created": now(),
                }
            )
        return out

    def _relation_problem(
        self,
        rel: ForeignRelation,
        ids: dict[str, tuple[str, str, str | None]],
        taken: Counter[tuple[str, str]],
    ) -> str | None:
        """Why ``rel`` cannot be imported, or None."""
        kind = self.label_map.get(rel.type, rel.type)
        spec = self.schema.relation(kind)
        if spec is None:
            return (
                f"relation type {kind!r} is not in the project's schema "
                f"({how_to_map(kind, 'TYPE', self.map_hint)})"
            )
        if rel.source not in ids or rel.target not in ids:
            return "a relation to a span that was not imported"
        source, source_label, source_who = ids[rel.source]
        _, target_label, target_who = ids[rel.target]
        if (source_label, target_label) != (spec.source, spec.target):
            return (
                f"a {kind} relation from {source_label} to {target_label} "
                f"(it goes from {spec.source} to {spec.target})"
            )
        if source_who != target_who:
            return "a relation between two annotators' spans"
        if spec.max is not None and taken[(kind, source)] >= spec.max:
            return f"a {kind} relation beyond its limit of {spec.max}"
        return None


def _project_text(project: Project, doc_id: str) -> str | None:
    return context_for(project).document_text(doc_id)


class _ActorIndex:
    """The registry, looked up by id, Wikidata id and (case-folded) name or alias; actors
    named in a file but not in the registry are added once."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._loaded = False
        self.by_id: set[str] = set()
        self.by_wikidata: dict[str, str] = {}
        self.by_name: dict[str, str] = {}

    def _load(self) -> None:
        for entity in self.project.registry.all():
            self._remember(entity.id, entity.name, entity.aliases, entity.wikidata)
        self._loaded = True

    def _remember(
        self, entity_id: str, name: str, aliases: Iterable[str], wikidata: str | None
    ) -> None:
        self.by_id.add(entity_id)
        if wikidata:
            self.by_wikidata.setdefault(wikidata, entity_id)
        for known in (name, *aliases):
            self.by_name.setdefault(known.casefold(), entity_id)

    def resolve(self, actor: ForeignActor, report: ImportReport) -> str | None:
        if not self._loaded:
            self._load()
        if actor.id and actor.id in self.by_id:
            return actor.id
        if actor.wikidata and actor.wikidata in self.by_wikidata:
            return self.by_wikidata[actor.wikidata]
        if actor.name and actor.name.casefold() in self.by_name:
            return self.by_name[actor.name.casefold()]
        if not actor.name:
            return None
        added = self.project.registry.add(
            actor.name, type=actor.type, wikidata=actor.wikidata, id=actor.id
        ).value
        report.entities += 1
        self._remember(added.id, added.name, added.aliases, added.wikidata)
        return added.id


def unknown_names(
    docs: Iterable[ForeignDocument], schema: Schema, label_map: dict[str, str]
) -> tuple[Counter[str], Counter[str]]:
    """Labels and relation types in ``docs`` that the schema lacks (after ``label_map``), with
    how many spans and relations use each: what the mapping dialog offers to map."""
    labels: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for doc in docs:
        for span in doc.spans:
            name = label_map.get(span.label, span.label)
            if schema.label(name) is None:
                labels[name] += 1
        for rel in doc.relations:
            name = label_map.get(rel.type, rel.type)
            if schema.relation(name) is None:
                kinds[name] += 1
    return labels, kinds
