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


class Writer:
    """Builds the collections of one export (knows the schema, registry and annotators).

    What many annotations share (a creator, a label's tagging body, an entity's identifying
    bodies, an attribute's purpose) is made once and the same object put in each: the
    encoder writes it anew every time, and building it 100,000 times was a third of the time.
    """

    def __init__(self, header: dict[str, Any], layer: str | None) -> None:
        self.schema: Schema = parse_schema(header["schema"])
        self.layer = layer
        self.wikidata = {e["id"]: e["wikidata"] for e in header["entities"] if e.get("wikidata")}
        self.names = {a["id"]: a["name"] for a in header["annotators"]}
        self._creators: dict[str, dict[str, Any]] = {}
        self._tags: dict[str, dict[str, Any]] = {}
        self._identifying: dict[str, list[dict[str, Any]]] = {}
        self._purposes: dict[tuple[str, str], str] = {}

    def creator(self, annotator: str) -> dict[str, Any]:
        found = self._creators.get(annotator)
        if found is None:
            found = self._creators[annotator] = {
                "id": iri(annotator),
                "type": "Person",
                "name": self.names.get(annotator, annotator),
            }
        return found

    def tag(self, value: str) -> dict[str, Any]:
        """The tagging body of a label or relation type."""
        found = self._tags.get(value)
        if found is None:
            found = self._tags[value] = {
                "type": "TextualBody",
                "purpose": "tagging",
                "value": value,
            }
        return found

    def identifying(self, entity: str) -> list[dict[str, Any]]:
        """The bodies naming a registry entry: its urn, and its Wikidata IRI when known."""
        found = self._identifying.get(entity)
        if found is None:
            found = [{"purpose": "identifying", "source": iri(entity)}]
            if entity in self.wikidata:
                found.append({"purpose": "identifying", "source": WIKIDATA + self.wikidata[entity]})
            self._identifying[entity] = found
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

    def collection(self, doc: dict[str, Any]) -> dict[str, Any]:
        source, text = document_iri(doc), doc["text"]
        items = [self.span(text, source, a) for a in doc["annotations"]]
        items += [self.link(r) for r in doc["relations"]]
        name = uuid.uuid5(COLLECTIONS, f"{doc['id']}/{self.layer or '*'}")
        collection: dict[str, Any] = {
            "@context": CONTEXT_IRI,
            "id": iri(str(name)),
            "type": "AnnotationCollection",
            "label": doc.get("title") or doc["id"],
            "total": len(items),
        }
        if items:
            collection["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
        return collection

    def span(self, text: str, source: str, ann: dict[str, Any]) -> dict[str, Any]:
        label = ann["label"]
        bodies: list[dict[str, Any]] = [self.tag(label)]
        entity = ann.get("entity")
        if entity:
            bodies += self.identifying(entity)
        for name, value in ann["attributes"].items():
            bodies.append(
                {
                    "type": "TextualBody",
                    "purpose": self.purpose(label, name),
                    "label": name,
                    "value": value if isinstance(value, str) else json.dumps(value),
                }
            )
        if ann.get("note"):
            bodies.append({"type": "TextualBody", "purpose": "commenting", "value": ann["note"]})
        item: dict[str, Any] = {
            "id": iri(ann["id"]),
            "type": "Annotation",
            "motivation": "identifying" if entity else "tagging",
            "creator": self.creator(ann["annotator"]),
        }
        _add_times(item, ann)
        item["body"] = bodies
        item["target"] = [
            {
                "source": source,
                "selector": [
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {
                        "type": "TextQuoteSelector",
                        "exact": f["text"],
                        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                        "suffix": text[end : end + CONTEXT_CHARS],
                    },
                ],
            }
            for f in ann["fragments"]
            for start, end in ((f["start"], f["end"]),)
        ]
        return item

    def link(self, rel: dict[str, Any]) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": iri(rel["id"]),
            "type": "Annotation",
            "motivation": "linking",
            "creator": self.creator(rel["annotator"]),
        }
        _add_times(item, rel)
        item["body"] = [
            self.tag(rel["type"]),
            {"type": "SpecificResource", "purpose": "linking", "source": iri(rel["target"])},
        ]
        item["target"] = iri(rel["source"])
        return item


def _add_times(item: dict[str, Any], stored: dict[str, Any]) -> None:
    """``created`` and ``modified``, those the stored item has."""
    created, modified = stored.get("created"), stored.get("modified")
    if created:
        item["created"] = created
    if modified:
        item["modified"] = modified


def write_web_annotation(
    data: Datasets, out: Path, progress: ProgressCallback | None = None
) -> int:
    """Every document as an AnnotationCollection, in one JSON array (one per line)."""
    writer = Writer(data.header(), data.annotator_id)
    total = data.count_documents()
    count = 0
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with atomic_output(out) as fh:
        fh.write("[")
        for count, doc in enumerate(map(json.loads, data.document_json()), start=1):
            line = encode(writer.collection(doc))
            fh.write(("\n" if count == 1 else ",\n") + line)
            if progress is not None and progress(count, total):
                raise Cancelled()
        fh.write("\n]\n")
    return count
