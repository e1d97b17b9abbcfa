"""doccano JSONL, the shape of a doccano relation-extraction project (export and import).

One line per document: ``{"id", "text", "entities": [{"id", "label", "start_offset",
"end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`` with offsets in UTF-16
code units, as doccano's browser front end counts them (``"👨🏻‍🚒 firemen drive firetrucks"``
puts "firetrucks" at 22, where Python says 19; doccano#2114). doccano keeps the other fields of
a line as the example's metadata, so the title, source, url, published date, our document id
and the annotator's name come along.

What doccano cannot carry: discontinuous spans (each fragment becomes an entity of the same
label; the annotation's relations attach to the first), attributes and registry links (left
out, counted). With every layer, a document annotated by several annotators is written once per
annotator (the ``annotator`` field says whose), the way doccano exports a project without
collaborative annotation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.reports import Cancelled, ProgressCallback
from annotator.io.flat_spans import Losses, flat_spans, layers
from annotator.io.native import atomic_output
from annotator.store.datasets import Datasets

#: Document fields written beside doccano's own (kept by doccano as metadata).
META_FIELDS = ("title", "source", "url", "published")
#: Fields of a line that a document's own metadata may not replace.
RESERVED = frozenset(
    {"id", "text", "entities", "relations", "document_id", "annotator", *META_FIELDS}
)


def doccano_lines(
    doc: dict[str, Any], names: dict[str, str], losses: Losses, first_id: int
) -> list[dict[str, Any]]:
    """The doccano lines of one native document dict (one per annotator who annotated it).

    Entity and relation ids are integers, unique over the export, counted from ``first_id``.
    """
    lines = []
    next_id = first_id
    for who, anns, rels in layers(doc):
        entities = []
        first_entity: dict[str, int] = {}  # annotation id -> id of its first fragment's entity
        for span in flat_spans(doc["text"], anns, losses, utf16=True):
            entities.append(
                {
                    "id": next_id,
                    "label": span.label,
                    "start_offset": span.start,
                    "end_offset": span.end,
                }
            )
            first_entity.setdefault(span.annotation, next_id)
            next_id += 1
        losses.attributes += sum(1 for a in anns if a["attributes"])
        losses.links += sum(1 for a in anns if a["entity"])
        relations = []
        for rel in rels:
            relations.append(
                {
                    "id": next_id,
                    "from_id": first_entity[rel["source"]],
                    "to_id": first_entity[rel["target"]],
                    "type": rel["type"],
                }
            )
            next_id += 1
        line: dict[str, Any] = {"id": 0, "text": doc["text"]}
        metadata = doc["metadata"] if isinstance(doc.get("metadata"), dict) else {}
        line.update({k: v for k, v in metadata.items() if k not in RESERVED})
        line.update({f: doc[f] for f in META_FIELDS if doc.get(f)})
        line["document_id"] = doc["id"]
        if who is not None:
            line["annotator"] = names.get(who, who)
        line["entities"] = entities
        line["relations"] = relations
        lines.append(line)
    return lines


def write_doccano(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """Every document (of the layer, or of each annotator) as doccano JSONL; returns how many
    documents were written."""
    names = {a["id"]: a["name"] for a in data.header()["annotators"]}
    losses = Losses()
    total = data.count_documents()
    count = lines = 0
    next_id = 1
    with atomic_output(out) as fh:
        for count, doc in enumerate(data.document_dicts(), start=1):
            for line in doccano_lines(doc, names, losses, next_id):
                lines += 1
                line["id"] = lines
                next_id += len(line["entities"]) + len(line["relations"])
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            if progress is not None and progress(count, total):
                raise Cancelled()
    if lines > count:
        losses.lines.append(
            f"documents annotated by several annotators written once per annotator "
            f"({lines} lines for {count} documents)"
        )
    data.notes.extend(losses.notes())
    return count
