"""brat standoff: a .zip of ``<document id>.txt`` and ``<document id>.ann`` per document.

The ``.txt`` is the stored text (LF line ends, NFC); ``.ann`` offsets count code points in it,
as brat itself does (brat is Python and indexes ``str``). Each annotation is a ``T`` line,
a discontinuous one with its fragments joined by ``;`` and their texts by one space; each
relation an ``R`` line (``Arg1`` its source, ``Arg2`` its target); each attribute an ``A``
line; a mention linked to the registry gets an ``N`` line to ``Registry:<entity id>`` and,
when the entity has a Wikidata id, one to ``Wikidata:Q…``; a note becomes an
``AnnotatorNotes`` (``#``) line. ``annotation.conf`` and ``visual.conf`` at the top of the zip
are generated from the schema (brat looks for them in the folder and its parents).

brat has one layer per ``.ann`` file: an export of every layer writes one folder per
annotator, each with every document (an empty ``.ann`` where they annotated nothing), so that
each folder is a whole brat collection. What brat cannot carry is said in
``Datasets.notes``: names with spaces or brat's separators (mapped to ``_``), fragments across
a line break (split at it, as brat does), notes on several lines (joined), relations whose
ends are in another layer (left out).
"""

from __future__ import annotations

import os
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from annotator.core.errors import OutputError
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import Schema, parse_schema
from annotator.io.brat_conf import BratNames, annotation_conf, visual_conf
from annotator.io.native import EXPORT_MODE
from annotator.store.datasets import Datasets

#: What ends a line for brat, which reads .ann files line by line as ``str.splitlines`` does.
_LINE_BREAK = regex.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_NOT_ONE_LINE = regex.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def brat_fragments(
    text: str, fragments: list[dict[str, Any]]
) -> tuple[list[tuple[int, int]], bool]:
    """The ``(start, end)`` pieces brat gets for an annotation's fragments: sorted, overlapping
    ones merged, each split at line breaks (a ``.ann`` line cannot hold one), empty ones left
    out. The flag says whether anything was changed."""
    spans = sorted((int(f["start"]), int(f["end"])) for f in fragments)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[tuple[int, int]] = []
    for start, end in merged:
        at = start
        for brk in _LINE_BREAK.finditer(text, start, end):
            if brk.start() > at:
                pieces.append((at, brk.start()))
            at = brk.end()
        if end > at:
            pieces.append((at, end))
    changed = pieces != [(int(f["start"]), int(f["end"])) for f in fragments]
    return pieces, changed


class _Notes:
    """Counts of what brat could not carry, said once at the end."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()

    def lines(self) -> list[str]:
        said = {
            "split": "annotations across a line break or with overlapping fragments were "
            "split or merged into brat fragments",
            "note": "notes on several lines were joined into one line",
            "relation": "relations with an end in another layer were left out",
            "empty": "annotations without text were left out",
        }
        return [f"{n} {said[key]}" for key, n in sorted(self.count.items()) if n]


def document_ann(
    doc: dict[str, Any],
    annotations: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    names: BratNames,
    entities: dict[str, dict[str, Any]],
    notes: _Notes,
) -> str:
    """The ``.ann`` text of one document's annotations and relations (one layer)."""
    text: str = doc["text"]
    lines: list[str] = []
    t_ids: dict[str, str] = {}
    counters = {"A": 0, "N": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    for ann in annotations:
        pieces, changed = brat_fragments(text, ann["fragments"])
        if not pieces:
            notes.count["empty"] += 1
            continue
        notes.count["split"] += changed
        tid = f"T{len(t_ids) + 1}"
        t_ids[ann["id"]] = tid
        where = ";".join(f"{s} {e}" for s, e in pieces)
        covered = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"{tid}\t{names.label(ann['label'])} {where}\t{covered}")
        for key, value in (ann.get("attributes") or {}).items():
            if value is None or value is False or value == "":
                continue
            aid = next_id("A")
            name = names.attribute(key)
            if value is True:
                lines.append(f"{aid}\t{name} {tid}")
            else:
                lines.append(f"{aid}\t{name} {tid} {names.value(key, str(value))}")
        entity = entities.get(ann.get("entity") or "")
        if entity is not None:
            label = _one_line(entity["name"])
            lines.append(f"{next_id('N')}\tReference {tid} Registry:{entity['id']}\t{label}")
            if entity.get("wikidata"):
                lines.append(
                    f"{next_id('N')}\tReference {tid} Wikidata:{entity['wikidata']}\t{label}"
                )
        if ann.get("note"):
            one = _one_line(ann["note"])
            notes.count["note"] += one != ann["note"]
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{one}")
    arcs: list[tuple[int, int, str]] = []  # in text order, so that files compare
    for rel in relations:
        source, target = t_ids.get(rel["source"]), t_ids.get(rel["target"])
        if source is None or target is None:
            notes.count["relation"] += 1
            continue
        arcs.append((int(source[1:]), int(target[1:]), names.relation(rel["type"])))
    for n, (source_n, target_n, type_) in enumerate(sorted(arcs), start=1):
        lines.append(f"R{n}\t{type_} Arg1:T{source_n} Arg2:T{target_n}\t")
    return "".join(line + "\n" for line in lines)


def _one_line(value: str) -> str:
    """``value`` on one line: line breaks and tabs become spaces (one space for a run)."""
    if not _NOT_ONE_LINE.search(value):
        return value
    return regex.sub(r" +", " ", _NOT_ONE_LINE.sub(" ", value)).strip()


def _folders(datasets: Datasets, header: dict[str, Any]) -> dict[str, str]:
    """annotator id -> folder in the zip ("" for a single layer)."""
    if datasets.annotator_id is not None:
        return {datasets.annotator_id: ""}
    folders: dict[str, str] = {}
    for person in header["annotators"]:
        base = regex.sub(r"[^\w.-]+", "_", person["name"]).strip("._") or "annotator"
        name = base
        while name in folders.values():
            name = f"{base}-{person['id'][:8]}"
        folders[person["id"]] = name + "/"
    return folders or {"": ""}  # nobody has annotated yet: the texts alone


def _entries(
    datasets: Datasets, schema: Schema, progress: ProgressCallback | None
) -> Iterator[tuple[str, str]]:
    """(path in the zip, content) of every file, the configuration last."""
    header = datasets.header()
    names = BratNames(schema)
    entities = {e["id"]: e for e in header["entities"]}
    folders = _folders(datasets, header)
    notes = _Notes()
    total = datasets.count_documents()
    for done, doc in enumerate(datasets.document_dicts(), start=1):
        for person, folder in folders.items():
            anns = [a for a in doc["annotations"] if a["annotator"] == person]
            rels = [r for r in doc["relations"] if r["annotator"] == person]
            names.note_values(anns)
            yield f"{folder}{doc['id']}.txt", doc["text"]
            yield f"{folder}{doc['id']}.ann", document_ann(doc, anns, rels, names, entities, notes)
        if progress is not None and progress(done, total):
            raise Cancelled()
    yield "annotation.conf", annotation_conf(schema, names)
    yield "visual.conf", visual_conf(schema, names)
    if datasets.annotator_id is None:
        datasets.notes.append(
            "brat holds one annotator per file: each annotator has a folder of their own, "
            "with every document"
        )
    datasets.notes.extend(names.notes() + notes.lines())


def write_brat(data: Datasets, out: Path, progress: ProgressCallback | None = None) -> int:
    """The documents as brat standoff files in the zip ``out``; returns how many documents."""
    if not out.parent.is_dir():
        raise OutputError(f"{out.parent}: no such folder")
    schema = parse_schema(data.header()["schema"])
    partial = out.with_name(f".{out.name}.partial")
    documents: set[str] = set()
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, EXPORT_MODE)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, content in _entries(data, schema, progress):
                info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, content.encode("utf-8"))
                if name.endswith(".txt"):
                    documents.add(name.rsplit("/", 1)[-1])
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OutputError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(documents)
