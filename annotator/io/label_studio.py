"""Label Studio JSON: a task list for a Label Studio text project, and its labelling config.

``OUT`` is a JSON array of tasks ``{"id", "data": {"text", "title", ...}, "annotations": [...]}``
with one annotation per annotator who annotated the document. An annotation's ``result`` holds
a ``labels`` region per fragment (``value``: ``start``, ``end``, ``text`` the exact covered
text, ``labels``), a ``choices`` result per attribute on the same region, and ``relation``
results between regions. ``data.annotators`` names whose each annotation is (in order); gold is
marked ``ground_truth``. ``OUT-config.xml`` beside it is the labelling config generated from
the schema: ``Labels`` for the labels, per-region ``Choices`` for the attributes, ``Relations``.

Offsets are code points, as Label Studio's ``<Text>`` counts them since label-studio#1559 /
label-studio-frontend#308 (its own test ``web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts``
"Should calculate offsets by code points in text"); the UTF-16 offsets of label-studio#1347
were the bug that fixed. See docs/adr/0015-offsets-of-the-flat-span-formats.md.

What it cannot carry: discontinuous spans (one region per fragment; relations attach to the
first) and registry links (left out, counted).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import Schema, parse_schema
from annotator.io.flat_spans import Losses, flat_spans, layers
from annotator.io.native import atomic_output
from annotator.store.annotators import GOLD_ID
from annotator.store.datasets import Datasets

#: The names in the labelling config that results refer to.
LABELS_NAME = "label"
TEXT_NAME = "text"
CONFIG_SUFFIX = "-config.xml"
DATA_FIELDS = ("title", "source", "url", "published")


def config_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}{CONFIG_SUFFIX}")


def other_files(out: Path) -> tuple[Path, ...]:
    """The labelling config written beside ``out``."""
    return (config_path(out),)


def choices_name(label: str, attribute: str) -> str:
    return f"{label}.{attribute}"


def _choices(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def labelling_config(schema: Schema, seen: dict[str, set[str]] | None = None) -> str:
    """The labelling config XML of ``schema``; ``seen`` adds attribute values met in the data
    that the schema does not list (editable lists), by choices name."""
    view = ET.Element("View")
    labels = ET.SubElement(view, "Labels", name=LABELS_NAME, toName=TEXT_NAME)
    for spec in schema.labels:
        ET.SubElement(labels, "Label", value=spec.name, background=spec.color)
    ET.SubElement(view, "Text", name=TEXT_NAME, value=f"${TEXT_NAME}")
    if schema.relations:
        relations = ET.SubElement(view, "Relations")
        for rel in schema.relations:
            ET.SubElement(relations, "Relation", value=rel.name)
    for spec in schema.labels:
        for attr in spec.attributes:
            name = choices_name(spec.name, attr.name)
            choices = ET.SubElement(
                view,
                "Choices",
                name=name,
                toName=TEXT_NAME,
                perRegion="true",
                visibleWhen="region-selected",
                whenLabelValue=spec.name,
            )
            values = list(attr.values)
            values += sorted((seen or {}).get(name, set()) - set(values))
            for value in values:
                ET.SubElement(choices, "Choice", value=value)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def task(
    doc: dict[str, Any],
    names: dict[str, str],
    losses: Losses,
    seen: dict[str, set[str]],
    task_id: int,
) -> dict[str, Any]:
    """The Label Studio task of one native document dict."""
    annotations = []
    annotators = []
    for who, anns, rels in layers(doc):
        if who is None:
            break
        by_id = {a["id"]: a for a in anns}
        result: list[dict[str, Any]] = []
        for span in flat_spans(doc["text"], anns, losses, utf16=False):
            region = span.annotation if span.part == 0 else f"{span.annotation}:{span.part}"
            where = {"start": span.start, "end": span.end, "text": span.text}
            result.append(
                {
                    "id": region,
                    "from_name": LABELS_NAME,
                    "to_name": TEXT_NAME,
                    "type": "labels",
                    "value": {**where, "labels": [span.label]},
                }
            )
            if span.part:
                continue
            for attr, value in by_id[span.annotation]["attributes"].items():
                if value in (None, "", []):
                    continue
                name = choices_name(span.label, attr)
                seen.setdefault(name, set()).update(_choices(value))
                result.append(
                    {
                        "id": region,
                        "from_name": name,
                        "to_name": TEXT_NAME,
                        "type": "choices",
                        "value": {**where, "choices": _choices(value)},
                    }
                )
        losses.links += sum(1 for a in anns if a["entity"])
        result.extend(
            {
                "from_id": rel["source"],
                "to_id": rel["target"],
                "type": "relation",
                "direction": "right",
                "labels": [rel["type"]],
            }
            for rel in rels
        )
        annotators.append(names.get(who, who))
        annotations.append({"result": result, "ground_truth": who == GOLD_ID})
    data: dict[str, Any] = {TEXT_NAME: doc["text"]}
    data.update({f: doc[f] for f in DATA_FIELDS if doc.get(f)})
    data["document_id"] = doc["id"]
    data["annotators"] = annotators
    return {"id": task_id, "data": data, "annotations": annotations}


def write_label_studio(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """Every document as a Label Studio task, and the labelling config beside ``out``."""
    header = data.header()
    schema = parse_schema(header["schema"])
    names = {a["id"]: a["name"] for a in header["annotators"]}
    losses = Losses()
    seen: dict[str, set[str]] = {}
    total = data.count_documents()
    count = 0
    with atomic_output(out) as fh:
        fh.write("[")
        for count, doc in enumerate(data.document_dicts(), start=1):
            item = task(doc, names, losses, seen, count)
            fh.write(("\n" if count == 1 else ",\n") + json.dumps(item, ensure_ascii=False))
            if progress is not None and progress(count, total):
                raise Cancelled()
        fh.write("\n]\n")
    with atomic_output(config_path(out)) as fh:
        fh.write(labelling_config(schema, seen))
    data.notes.extend(losses.notes())
    return count
