"""Label Studio JSON read back: the tasks of a Label Studio export (or of ours) as foreign
documents for the import route (``annotator.io.annotation_import``).

A file is a JSON array of tasks (a Label Studio export, ``label-studio-sdk``'s
``export_tasks``, ours) or one task object. Each task is read as it comes
(:mod:`annotator.io.json_stream`), so a large export is never held whole. From a task:

- the text: ``data.text``; else the data field the results' ``to_name`` names; else the only
  text field of ``data``; else an error naming the task. ``title``, ``source``, ``url`` and
  ``published`` in ``data`` are the document's; other fields go to its metadata, and our
  ``document_id`` names the project document it came from.
- one annotator per annotation: ``ground_truth`` goes to the gold layer; else the name at the
  same place in ``data.annotators`` (our exports); else ``completed_by``: a user object's
  email, or an id (with the email in ``created_username`` where Label Studio wrote it, else
  "Label Studio user N"). A cancelled (skipped) annotation is reported, not read.
- ``labels`` results are spans (a region with several labels: one span per label); the regions
  ``ID:1``, ``ID:2`` ... that our exporter splits a discontinuous annotation into are joined
  again. Per-region ``choices`` (matched by the result ``id``) are attributes, named by the
  Choices name (``Quote.form`` or ``form``: attribute ``form``); per-region ``textarea`` text is
  the span's note; ``relation`` results are relations, one per label (``direction`` ``left``
  swaps the ends). Predictions, drafts, document-level choices, relations without a label
  and every other result type are reported as not imported, with a count.

Offsets are code points, as Label Studio counts them (ADR 15). An older Label Studio counted
UTF-16 code units (label-studio#1347): a region whose ``value.text`` is not at its offsets in
code points but is in UTF-16 units is read in those units, and the import says how many were.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.foreign import (
    ForeignDocument,
    ForeignProblem,
    ForeignRelation,
    ForeignSpan,
)
from annotator.core.json_values import lone_surrogate_at, nesting_problem
from annotator.core.offsets import Utf16Map
from annotator.core.schema import Schema
from annotator.io.annotation_import import ImportContext
from annotator.io.common import TextFile, optional_text, plain_value
from annotator.io.json_stream import VALUE_STARTS, JsonText
from annotator.store.annotators import GOLD_NAME

#: The data fields that are the document's own (not metadata).
DOCUMENT_FIELDS = ("title", "source", "url", "published")
#: The data fields our exporter adds (not metadata either).
OUR_FIELDS = ("document_id", "annotators")
#: How much of the start of a file the sniffer reads.
SNIFF_BYTES = 1 << 16
UTF16_REMARK = (
    "span(s) with offsets in UTF-16 code units, as an older Label Studio counted them "
    "(label-studio#1347): read in those units, where their text is"
)
_OUR_PART = re.compile(r"(.+):([1-9][0-9]{0,5})")
_TASK_START = re.compile(
    rb'\A\s*\[?\s*\{\s*(?:"id"\s*:\s*[^,{}]{1,40},\s*)?'
    rb'(?:"data"\s*:\s*\{|"(?:annotations|predictions|completions)"\s*:\s*\[\s*[{\]])'
)
_ANNOTATIONS_KEY = re.compile(rb'"(?:annotations|predictions|completions)"\s*:\s*\[')


def is_label_studio(path: Path) -> bool:
    """Whether ``path`` looks like Label Studio tasks: a task object (or an array whose first
    item is one) with ``data`` and ``annotations`` or ``predictions`` near the start, or with
    ``data``, ``annotations`` or ``predictions`` as its first field (``id`` before it)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _TASK_START.match(head):
        return True
    start = head.lstrip()[:1]
    return start in (b"[", b"{") and b'"data"' in head and bool(_ANNOTATIONS_KEY.search(head))


def read_label_studio(path: Path, context: ImportContext) -> Iterator[tuple[ForeignDocument, int]]:
    """Each task of ``path`` as a foreign document, with the bytes read so far."""
    source = TextFile(path)
    text = JsonText(source)
    ends = _relation_ends(context.schema)
    first = text.peek()
    if first == "[":
        for index, item in enumerate(text.items(str(path))):
            yield (
                _TaskReader(item, index, path, ends).document(),
                source.position(text.left()),
            )
    elif first == "{":
        item = text.value(str(path))
        yield _TaskReader(item, 0, path, ends).document(), source.position(text.left())
    elif first in VALUE_STARTS:
        raise InputError(f"{path}: expected Label Studio tasks (a JSON array of task objects)")
    else:
        raise text.error("Expecting value")
    text.end()


@dataclass
class _Region:
    """A ``labels`` result (or several joined: our split discontinuous annotations)."""

    id: str
    labels: list[str]
    fragments: list[tuple[int, int]]
    texts: list[str | None]
    where: str
    utf16: int = 0  # how many fragments were read in UTF-16 units
    spans: list[ForeignSpan] = field(default_factory=list)


class _TaskReader:
    """One task: checked for its shape as it is read (an InputError names the task)."""

    def __init__(self, task: Any, index: int, path: Path, ends: dict[str, tuple[str, str]]) -> None:
        self.path = path
        self.ends = ends
        if not isinstance(task, dict):
            raise InputError(f"{path}: item [{index}] is not a Label Studio task (an object)")
        self.task = task
        tid = task.get("id")
        label = f"task {_cut(tid)}" if _is_int(tid) or isinstance(tid, str) else f"task [{index}]"
        self.place = f"{path.name}: {label}"
        self.error_place = f"{path}: {label}"
        self._utf16: Utf16Map | None = None

    def fail(self, problem: str) -> InputError:
        return InputError(f"{self.error_place}: {problem}")

    # -- the document --------------------------------------------------------------------

    def document(self) -> ForeignDocument:
        broken = _lone_surrogate(self.task)  # which no text stored may hold
        if broken is not None:
            raise self.fail(
                f"{broken!r} holds a lone UTF-16 surrogate (such as \\ud83d, half of an emoji), "
                "which is not valid Unicode text"
            )
        data = self.task.get("data")
        if not isinstance(data, dict):
            raise self.fail("no 'data' object (a Label Studio task has its text in data.text)")
        annotations = self.task.get("annotations", self.task.get("completions"))
        annotations = self._list(annotations, "annotations")
        key = self._text_key(data, annotations)
        self.text: str = data[key]
        doc = ForeignDocument(self.text, self.place)
        self._metadata(doc, data, key)
        for index, annotation in enumerate(annotations):
            self._annotation(doc, annotation, index, len(annotations), data)
        for kind, what in (("predictions", "a prediction"), ("drafts", "a draft")):
            for index, item in enumerate(self._list(self.task.get(kind), kind)):
                name = (
                    _cut(item.get("id", f"[{index}]")) if isinstance(item, dict) else f"[{index}]"
                )
                reason = f"{what} (only submitted annotations are imported)"
                doc.problems.append(ForeignProblem(reason, f"{self.place}, {what[2:]} {name}"))
        return doc

    def _list(self, value: Any, name: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"{name!r} is not a list")
        return value

    def _text_key(self, data: dict[str, Any], annotations: list[Any]) -> str:
        if "text" in data:
            if not isinstance(data["text"], str):
                raise self.fail("data.text is not text")
            return "text"
        for annotation in annotations:
            results = annotation.get("result") if isinstance(annotation, dict) else None
            for result in results if isinstance(results, list) else []:
                name = result.get("to_name") if isinstance(result, dict) else None
                if isinstance(name, str) and isinstance(data.get(name), str):
                    return name
        texts = [k for k, v in data.items() if isinstance(v, str)]
        if len(texts) == 1:
            return texts[0]
        found = ", ".join(repr(k) for k in data) or "none"
        raise self.fail(
            f"no text to annotate: no data.text, and not one text field in data (found: {found})"
        )

    def _metadata(self, doc: ForeignDocument, data: dict[str, Any], key: str) -> None:
        for name, value in data.items():
            problem = nesting_problem(value, f"data.{name}")
            if problem:
                raise self.fail(problem)
        doc.title = optional_text(data.get("title")) or ""
        doc.source = optional_text(data.get("source"))
        doc.url = optional_text(data.get("url"))
        doc.published = optional_text(data.get("published"))
        ours = data.get("document_id")
        doc.id = ours if isinstance(ours, str) and ours.strip() else None
        taken = {key, *DOCUMENT_FIELDS, *OUR_FIELDS}
        doc.metadata = {
            str(k): plain_value(v)
            for k, v in data.items()
            if k not in taken and v not in ("", None)
        }

    # -- one annotation ------------------------------------------------------------------

    def _annotation(
        self, doc: ForeignDocument, annotation: Any, index: int, count: int, data: dict[str, Any]
    ) -> None:
        if not isinstance(annotation, dict):
            raise self.fail(f"annotation [{index}] is not an object")
        aid = annotation.get("id")
        rel = f"annotation {_cut(aid) if _is_int(aid) or isinstance(aid, str) else f'[{index}]'}"
        place = f"{self.place}, {rel}"
        if annotation.get("was_cancelled") is True:
            doc.problems.append(ForeignProblem("a cancelled (skipped) annotation", place))
            return
        who = _annotator(annotation, index, count, data)
        results = self._list(annotation.get("result"), f"{rel}: result")
        for number, result in enumerate(results):
            if not isinstance(result, dict):
                raise self.fail(f"{rel}: result [{number}] is not an object")
        regions = self._regions(doc, results, rel)
        for region in regions.values():
            stated = region.texts
            text = " ".join(t or "" for t in stated) if all(t is not None for t in stated) else None
            for label in region.labels:
                key = region.id if not region.spans else f"{region.id}\x1f{label}"
                span = ForeignSpan(
                    key, label, list(region.fragments), text, annotator=who, where=region.where
                )
                region.spans.append(span)
                doc.spans.append(span)
            if region.utf16:
                doc.remarks.extend((UTF16_REMARK, region.where) for _ in range(region.utf16))
        aliases = {rid: base for base, r in regions.items() for rid in _parts(r)}
        for number, result in enumerate(results):
            kind = result.get("type")
            if kind == "labels":
                continue
            rid = _id(result.get("id"))
            at = f"{rel}, result {_cut(rid) if rid is not None else f'[{number}]'}"
            where = f"{self.place}, {at}"
            if kind == "relation":
                self._relation(doc, result, regions, aliases, who, at)
            elif kind in ("choices", "textarea"):
                target = regions.get(aliases.get(rid, rid)) if rid is not None else None
                if target is None:
                    reason = f"a {kind} result on the whole task, not on a labelled region"
                    doc.problems.append(ForeignProblem(reason, where))
                elif kind == "choices":
                    self._choices(doc, result, target, at)
                else:
                    self._note(result, target)
            else:
                shown = kind if isinstance(kind, str) else "untyped"
                reason = (
                    f"a {shown[:40]!r} result (read: labels, per-region choices and textarea, "
                    "relation)"
                )
                doc.problems.append(ForeignProblem(reason, where))

    def _regions(
        self, doc: ForeignDocument, results: list[dict[str, Any]], rel: str
    ) -> dict[str, _Region]:
        regions: dict[str, _Region] = {}
        for number, result in enumerate(results):
            if result.get("type") != "labels":
                continue
            rid = _id(result.get("id")) or f"[{number}]"
            at = f"{rel}, region {_cut(rid)}"
            where = f"{self.place}, {at}"
            value = result.get("value")
            if not isinstance(value, dict):
                raise self.fail(f"{at}: no 'value' object")
            labels = value.get("labels")
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                raise self.fail(f"{at}: value.labels is not a list of text")
            start, end, stated = value.get("start"), value.get("end"), value.get("text")
            if not _is_int(start) or not _is_int(end):
                raise self.fail(
                    f"{at}: value.start and value.end must be whole numbers, not "
                    f"{_shown(start)} and {_shown(end)}"
                )
            if stated is not None and not isinstance(stated, str):
                raise self.fail(f"{at}: value.text is not text")
            if not labels:
                doc.problems.append(ForeignProblem("a region without a label", where))
                continue
            start, end, utf16 = self._offsets(value["start"], value["end"], stated)
            labels = list(dict.fromkeys(labels))
            if rid in regions and regions[rid].labels == labels:  # the same region again
                continue
            if rid in regions:
                rid = f"{rid}\x1f{number}"
            regions[rid] = _Region(rid, labels, [(start, end)], [stated], where, int(utf16))
        _join_our_parts(regions)
        return regions

    def _offsets(self, start: int, end: int, stated: str | None) -> tuple[int, int, bool]:
        """The region's offsets in code points: as written, or read as UTF-16 code units where
        only those put its stated text there."""
        text = self.text
        if stated is None or text[start:end] == stated or not 0 <= start <= end:
            return start, end, False
        if self._utf16 is None:
            self._utf16 = Utf16Map(text)
        units = self._utf16
        if end > units.utf16_length or units.utf16_length == len(text):
            return start, end, False
        try:
            begin, stop = units.from_utf16(start, snap="error"), units.from_utf16(end, snap="error")
        except ValueError:
            return start, end, False
        if text[begin:stop] == stated:
            return begin, stop, True
        return start, end, False

    def _choices(
        self, doc: ForeignDocument, result: dict[str, Any], region: _Region, at: str
    ) -> None:
        where = f"{self.place}, {at}"
        value = result.get("value")
        choices = value.get("choices") if isinstance(value, dict) else None
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise self.fail(f"{at}: value.choices is not a list of text")
        name = str(result.get("from_name") or "")
        prefix, dot, attribute = name.rpartition(".")
        spans = [s for s in region.spans if dot and s.label == prefix]
        if not spans:
            spans, attribute = region.spans, name
        if not attribute:
            doc.problems.append(ForeignProblem("a per-region choice without a from_name", where))
        elif len(choices) > 1:
            reason = "a per-region choice of several values (an attribute takes one)"
            doc.problems.append(ForeignProblem(reason, where))
        elif choices:
            for span in spans:
                span.attributes[attribute] = choices[0]

    def _note(self, result: dict[str, Any], region: _Region) -> None:
        value = result.get("value")
        said = value.get("text") if isinstance(value, dict) else None
        lines = [said] if isinstance(said, str) else said if isinstance(said, list) else []
        note = "\n".join(str(line) for line in lines if isinstance(line, str) and line)
        if not note:
            return
        for span in region.spans:
            span.note = f"{span.note}\n{note}" if span.note else note

    def _relation(
        self,
        doc: ForeignDocument,
        result: dict[str, Any],
        regions: dict[str, _Region],
        aliases: dict[str, str],
        who: str | None,
        at: str,
    ) -> None:
        where = f"{self.place}, {at}"
        source, target = _id(result.get("from_id")), _id(result.get("to_id"))
        if source is None or target is None:
            raise self.fail(f"{at}: a relation needs from_id and to_id")
        if result.get("direction") == "left":
            source, target = target, source
        labels = result.get("labels")
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            labels = []
        if not labels:
            doc.problems.append(ForeignProblem("a relation without a label", where, relation=True))
            return
        source, target = aliases.get(source, source), aliases.get(target, target)
        for kind in dict.fromkeys(labels):
            ends = self.ends.get(kind, (None, None))
            doc.relations.append(
                ForeignRelation(
                    kind,
                    _end(regions.get(source), source, ends[0]),
                    _end(regions.get(target), target, ends[1]),
                    annotator=who,
                    where=where,
                )
            )


def _relation_ends(schema: Schema) -> dict[str, tuple[str, str]]:
    """The labels each relation type of the schema goes from and to."""
    return {spec.name: (spec.source, spec.target) for spec in schema.relations}


def _lone_surrogate(task: dict[str, Any]) -> str | None:
    """Where ``task`` holds a lone surrogate, else None (the encoder tells at C speed whether
    any string does; only then is the task walked to find which)."""
    try:
        json.dumps(task, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return lone_surrogate_at(task)
    return None


def _cut(value: Any) -> str:
    """An id for a place in a message, cut short."""
    said = str(value)
    return said if len(said) <= 40 else said[:37] + "..."


def _shown(value: Any) -> str:
    """A value for a message, cut short."""
    said = repr(value)
    return said if len(said) <= 40 else said[:37] + "..."


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id(value: Any) -> str | None:
    """A result or region id as text (Label Studio writes strings; integers accepted)."""
    if isinstance(value, str) and value:
        return value
    return str(value) if _is_int(value) else None


def _end(region: _Region | None, rid: str, label: str | None) -> str:
    """The key of the span of ``region`` a relation attaches to: the one with the label the
    relation type wants, else the first."""
    if region is None or not region.spans:
        return rid
    for span in region.spans:
        if span.label == label:
            return span.key
    return region.spans[0].key


def _parts(region: _Region) -> list[str]:
    return [f"{region.id}:{n}" for n in range(1, len(region.fragments))]


def _join_our_parts(regions: dict[str, _Region]) -> None:
    """Regions ``ID:1``, ``ID:2`` ... of the same one label as ``ID`` (our exporter's split of
    a discontinuous annotation) become fragments of ``ID`` again, where they do not overlap."""
    parts: dict[str, list[tuple[int, _Region]]] = {}
    for rid, region in regions.items():
        match = _OUR_PART.fullmatch(rid)
        if match and match[1] in regions and len(region.labels) == 1:
            parts.setdefault(match[1], []).append((int(match[2]), region))
    for base, found in parts.items():
        first = regions[base]
        found.sort(key=lambda item: item[0])
        if [n for n, _ in found] != list(range(1, len(found) + 1)):
            continue
        if any(r.labels != first.labels for _, r in found) or len(first.fragments) != 1:
            continue
        fragments = first.fragments + [r.fragments[0] for _, r in found]
        if any(b[0] < a[1] or b[0] >= b[1] for a, b in itertools.pairwise(fragments)):
            continue
        first.fragments = fragments
        first.texts = first.texts + [r.texts[0] for _, r in found]
        first.utf16 += sum(r.utf16 for _, r in found)
        for _, r in found:
            del regions[r.id]


def _annotator(
    annotation: dict[str, Any], index: int, count: int, data: dict[str, Any]
) -> str | None:
    """Whose ``annotation`` is (see the module's docstring); None: the importing user's."""
    if annotation.get("ground_truth") is True:
        return GOLD_NAME
    names = data.get("annotators")
    by = annotation.get("completed_by")
    if isinstance(names, list) and index < len(names) and (len(names) == count or by is None):
        name = names[index]
        if isinstance(name, str) and name.strip():
            return name
    if isinstance(by, dict):
        for key in ("email", "username"):
            if isinstance(by.get(key), str) and by[key].strip():
                return str(by[key])
        full = " ".join(str(by.get(k) or "") for k in ("first_name", "last_name")).strip()
        if full:
            return full
        by = by.get("id")
    if isinstance(by, str) and by.strip():
        return by
    if _is_int(by):
        said = annotation.get("created_username")
        if isinstance(said, str) and said.strip(" ,"):
            return said.rsplit(",", 1)[0].strip() if "," in said else said.strip()
        return f"Label Studio user {by}"
    return None
