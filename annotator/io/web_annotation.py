"""W3C Web Annotation (JSON-LD): one AnnotationCollection per document.

The file (``.jsonld``) is one JSON array, one collection per line, each a complete JSON-LD
document with the W3C context (``http://www.w3.org/ns/anno.jsonld``; a copy ships in
resources/webannotation/ for offline expansion, see :func:`anno_context`). A collection's
first page holds the document's annotations:

- a span: ``target`` is a list, one ``{"source": document IRI, "selector": [...]}`` per
  fragment, each with a ``TextPositionSelector`` (code points on the stored LF text, the
  model's own unit) and a ``TextQuoteSelector`` (``exact``, and 32 code points of ``prefix``
  and ``suffix``). Bodies: the label (``purpose: tagging``); the registry entry
  (``purpose: identifying``, ``urn:uuid:<entity id>``, and its Wikidata IRI when known);
  each attribute (``classifying`` for a value from the schema's closed list, ``describing``
  for an editable one; ``label`` names the attribute); the note (``commenting``).
- a relation: a linking annotation (``motivation: linking``) whose ``target`` is the source
  annotation, with the relation type as a tagging body and the target annotation as a
  ``linking`` body (ADR 0016: a list of two targets would lose the direction in RDF).

The document IRI is its ``url`` when it has one, else ``urn:uuid:<document id>``.
"""

from __future__ import annotations

import json
import uuid
from functools import cache
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import Schema, parse_schema
from annotator.io.native import atomic_output
from annotator.resources_path import read_text
from annotator.store.datasets import Datasets

CONTEXT_IRI = "http://www.w3.org/ns/anno.jsonld"
WIKIDATA = "http://www.wikidata.org/entity/"
#: Code points of context on either side of a TextQuoteSelector's ``exact``.
CONTEXT_CHARS = 32
#: uuid5 namespace of the collection ids (a collection is not stored, so it gets a fixed id
#: derived from its document and layer).
COLLECTIONS = uuid.UUID("3f1b2c6e-9a57-4d3e-8c1f-5b0f7a2d9e41")


@cache
def anno_context() -> dict[str, Any]:
    """The W3C Web Annotation JSON-LD context (the shipped copy of ``anno.jsonld``)."""
    context: dict[str, Any] = json.loads(read_text("webannotation", "anno.jsonld"))
    return context


def iri(item_id: str) -> str:
    return f"urn:uuid:{item_id}"


def document_iri(doc: dict[str, Any]) -> str:
    return str(doc.get("url") or iri(doc["id"]))


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(value: Any) -> str:
    """A value as compact JSON: a string straight through the encoder's C escaping."""
    return encode_basestring(value) if type(value) is str else _compact(value)


class Writer:
    """Writes the collections of one export (knows the schema, registry and annotators).

    Each collection is put together as JSON text, the very text ``json.dumps(collection,
    ensure_ascii=False, separators=(",", ":"))`` gives for the objects the module docstring
    describes (the golden file and the tests read it back as JSON): building 100,000s of
    small dicts for the encoder to walk once was most of the time. Strings are escaped by the
    encoder's own function; what many annotations share (a creator, a label's tagging body,
    an entity's identifying bodies, an attribute's purpose) is made once.
    """

    def __init__(self, header: dict[str, Any], layer: str | None) -> None:
        self.schema: Schema = parse_schema(header["schema"])
        self.layer = layer
        self.wikidata = {e["id"]: e["wikidata"] for e in header["entities"] if e.get("wikidata")}
        self.names = {a["id"]: a["name"] for a in header["annotators"]}
        self._creators: dict[str, str] = {}
        self._tags: dict[str, str] = {}
        self._identifying: dict[str, str] = {}
        self._purposes: dict[tuple[str, str], str] = {}

    def creator(self, annotator: str) -> str:
        found = self._creators.get(annotator)
        if found is None:
            person = {"id": iri(annotator), "type": "Person"}
            person["name"] = self.names.get(annotator, annotator)
            found = self._creators[annotator] = _compact(person)
        return found

    def tag(self, value: str) -> str:
        """The tagging body of a label or relation type."""
        found = self._tags.get(value)
        if found is None:
            found = _compact({"type": "TextualBody", "purpose": "tagging", "value": value})
            self._tags[value] = found
        return found

    def identifying(self, entity: str) -> str:
        """The bodies naming a registry entry: its urn, and its Wikidata IRI when known."""
        found = self._identifying.get(entity)
        if found is None:
            bodies = [{"purpose": "identifying", "source": iri(entity)}]
            if entity in self.wikidata:
                bodies.append(
                    {"purpose": "identifying", "source": WIKIDATA + self.wikidata[entity]}
                )
            found = self._identifying[entity] = _compact(bodies)[1:-1]
        return found

    def purpose(self, label_name: str, attribute: str) -> str:
        """``classifying`` for a value from the schema's closed list, else ``describing``."""
        found = self._purposes.get((label_name, attribute))
        if found is None:
            label = self.schema.label(label_name)
            spec = label.attribute(attribute) if label else None
            closed = spec is not None and not spec.editable
            found = self._purposes[label_name, attribute] = (
                "classifying" if closed else "describing"
            )
        return found

    def collection(self, doc: dict[str, Any]) -> str:
        """A document's AnnotationCollection, as compact JSON text."""
        source, text = _json(document_iri(doc)), doc["text"]
        items = [self.span(text, source, a) for a in doc["annotations"]]
        items += [self.link(r) for r in doc["relations"]]
        name = uuid.uuid5(COLLECTIONS, f"{doc['id']}/{self.layer or '*'}")
        head = (
            f'{{"@context":"{CONTEXT_IRI}","id":{_json(iri(str(name)))},'
            f'"type":"AnnotationCollection","label":{_json(doc.get("title") or doc["id"])},'
            f'"total":{len(items)}'
        )
        if not items:
            return head + "}"
        page = f'{{"type":"AnnotationPage","startIndex":0,"items":[{",".join(items)}]}}'
        return f'{head},"first":{page}}}'

    def span(self, text: str, source: str, ann: dict[str, Any]) -> str:
        label = ann["label"]
        bodies = [self.tag(label)]
        entity = ann.get("entity")
        if entity:
            bodies.append(self.identifying(entity))
        for name, value in ann["attributes"].items():
            value = value if isinstance(value, str) else json.dumps(value)
            bodies.append(
                f'{{"type":"TextualBody","purpose":"{self.purpose(label, name)}",'
                f'"label":{_json(name)},"value":{_json(value)}}}'
            )
        if ann.get("note"):
            bodies.append(
                f'{{"type":"TextualBody","purpose":"commenting","value":{_json(ann["note"])}}}'
            )
        targets = []
        for f in ann["fragments"]:
            start, end = f["start"], f["end"]
            targets.append(
                f'{{"source":{source},"selector":[{{"type":"TextPositionSelector",'
                f'"start":{_json(start)},"end":{_json(end)}}},{{"type":"TextQuoteSelector",'
                f'"exact":{_json(f["text"])},'
                f'"prefix":{_json(text[max(0, start - CONTEXT_CHARS) : start])},'
                f'"suffix":{_json(text[end : end + CONTEXT_CHARS])}}}]}}'
            )
        return (
            f'{{"id":{_json(iri(ann["id"]))},"type":"Annotation",'
            f'"motivation":"{"identifying" if entity else "tagging"}",'
            f'"creator":{self.creator(ann["annotator"])}{_times(ann)},'
            f'"body":[{",".join(bodies)}],"target":[{",".join(targets)}]}}'
        )

    def link(self, rel: dict[str, Any]) -> str:
        return (
            f'{{"id":{_json(iri(rel["id"]))},"type":"Annotation","motivation":"linking",'
            f'"creator":{self.creator(rel["annotator"])}{_times(rel)},'
            f'"body":[{self.tag(rel["type"])},{{"type":"SpecificResource","purpose":"linking",'
            f'"source":{_json(iri(rel["target"]))}}}],"target":{_json(iri(rel["source"]))}}}'
        )


def _times(stored: dict[str, Any]) -> str:
    """``,"created":…,"modified":…``, those the stored item has."""
    created, modified = stored.get("created"), stored.get("modified")
    times = f',"created":{_json(created)}' if created else ""
    return times + f',"modified":{_json(modified)}' if modified else times


def write_web_annotation(
    data: Datasets, out: Path, progress: ProgressCallback | None = None
) -> int:
    """Every document as an AnnotationCollection, in one JSON array (one per line)."""
    writer = Writer(data.header(), data.annotator_id)
    total = data.count_documents()
    count = 0
    with atomic_output(out) as fh:
        fh.write("[")
        for count, doc in enumerate(map(json.loads, data.document_json()), start=1):
            line = writer.collection(doc)
            fh.write(("\n" if count == 1 else ",\n") + line)
            if progress is not None and progress(count, total):
                raise Cancelled()
        fh.write("\n]\n")
    return count
