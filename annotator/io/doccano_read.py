"""Reading doccano JSONL: the projects' exports, ours and doccano's own, with their annotations.

A line is one example: ``text`` and the spans, in either of doccano's two shapes —

- relation projects: ``"entities": [{"id", "label", "start_offset", "end_offset"}]`` and
  ``"relations": [{"id", "from_id", "to_id", "type"}]``;
- sequence labelling: ``"label": [[start, end, "LABEL"], ...]`` (no relations).

Offsets count UTF-16 code units, as doccano's front end does (see annotator/io/doccano.py); an
offset between the two halves of a surrogate pair has no character to point at and the span
is reported. doccano states no span text, so what is checked is that every span lies inside
its text. Every other field of a line is the example's metadata; ``title``, ``source``,
``url``, ``published``, our ``document_id`` and the ``annotator`` (what our export writes) go
where they came from. doccano's ``Comments`` become metadata too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.foreign import ForeignDocument, ForeignProblem, ForeignRelation, ForeignSpan
from annotator.core.json_values import TooDeepError, loads_guarded
from annotator.core.offsets import Utf16Map
from annotator.io.annotation_import import ImportContext
from annotator.io.common import TextFile
from annotator.io.doccano import META_FIELDS
from annotator.io.tabular import iter_jsonl_records

#: Fields of a line that are not the example's metadata.
_OWN_FIELDS = frozenset(
    {"id", "text", "entities", "relations", "label", "document_id", "annotator", *META_FIELDS}
)


def is_doccano(path: Path) -> bool:
    """A JSONL file whose first line has a ``text`` and doccano's ``entities`` (a list) or
    ``label`` (a list of ``[start, end, label]``)."""
    try:
        with path.open("rb") as fh:
            first = fh.readline(1 << 20)
        line = loads_guarded(first.decode("utf-8-sig"))
    except (OSError, ValueError, TooDeepError):
        return False
    if not isinstance(line, dict) or not isinstance(line.get("text"), str):
        return False
    labels = line.get("label")
    return isinstance(line.get("entities"), list) or (
        isinstance(labels, list) and all(isinstance(x, list) and len(x) == 3 for x in labels)
    )


def read_doccano(path: Path, context: ImportContext) -> Iterator[tuple[ForeignDocument, int]]:
    source = TextFile(path)
    for number, line in iter_jsonl_records(source.lines(), str(path)):
        yield _document(line, f"{path}:{number}"), source.position()


def _text_field(line: dict[str, Any], where: str, name: str) -> str | None:
    value = line.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: {name!r} must be text, not {type(value).__name__}")
    return value


def _document(line: dict[str, Any], where: str) -> ForeignDocument:
    text = line.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: each line needs a non-empty 'text'")
    doc = ForeignDocument(
        text,
        where,
        title=_text_field(line, where, "title") or "",
        source=_text_field(line, where, "source"),
        url=_text_field(line, where, "url"),
        published=_text_field(line, where, "published"),
        metadata={k: v for k, v in line.items() if k not in _OWN_FIELDS},
        id=_text_field(line, where, "document_id"),
    )
    annotator = _text_field(line, where, "annotator")
    units = Utf16Map(text)
    entities = line.get("entities")
    labels = line.get("label")
    if entities is not None:
        _entities(doc, entities, units, annotator, where)
        _relations(doc, line.get("relations") or [], annotator, where)
    elif labels is not None:
        _sequence_labels(doc, labels, units, annotator, where)
    return doc


def _offsets(units: Utf16Map, start: Any, end: Any) -> tuple[int, int] | str:
    """Code-point offsets of UTF-16 ``start`` and ``end``, or why there are none."""
    if type(start) is not int or type(end) is not int:
        return "a span whose offsets are not whole numbers"
    if not 0 <= start < end <= units.utf16_length:
        return "a span whose offsets fall outside its text"
    try:
        return units.from_utf16(start, snap="error"), units.from_utf16(end, snap="error")
    except ValueError:
        return "a span whose UTF-16 offsets split a character"


def _entities(
    doc: ForeignDocument, entities: Any, units: Utf16Map, annotator: str | None, where: str
) -> None:
    if not isinstance(entities, list):
        raise InputError(f"{where}: 'entities' must be a list")
    for index, entity in enumerate(entities):
        place = f"{where}: entities[{index}]"
        if not isinstance(entity, dict) or not isinstance(entity.get("label"), str):
            raise InputError(f"{place}: an entity needs a 'label' (text)")
        key = entity.get("id", f"#{index}")
        if isinstance(key, bool) or not isinstance(key, (int, str)):
            raise InputError(f"{place}: an entity's 'id' must be a number or text")
        offsets = _offsets(units, entity.get("start_offset"), entity.get("end_offset"))
        if isinstance(offsets, str):
            doc.problems.append(ForeignProblem(offsets, place))
            continue
        doc.spans.append(
            ForeignSpan(str(key), entity["label"], [offsets], annotator=annotator, where=place)
        )


def _relations(doc: ForeignDocument, relations: Any, annotator: str | None, where: str) -> None:
    if not isinstance(relations, list):
        raise InputError(f"{where}: 'relations' must be a list")
    for index, rel in enumerate(relations):
        place = f"{where}: relations[{index}]"
        if not isinstance(rel, dict) or not isinstance(rel.get("type"), str):
            raise InputError(f"{place}: a relation needs a 'type' (text)")
        ends = rel.get("from_id"), rel.get("to_id")
        if any(isinstance(e, bool) or not isinstance(e, (int, str)) for e in ends):
            raise InputError(f"{place}: a relation needs 'from_id' and 'to_id' (entity ids)")
        doc.relations.append(
            ForeignRelation(
                rel["type"], str(ends[0]), str(ends[1]), annotator=annotator, where=place
            )
        )


def _sequence_labels(
    doc: ForeignDocument, labels: Any, units: Utf16Map, annotator: str | None, where: str
) -> None:
    if not isinstance(labels, list):
        raise InputError(f"{where}: 'label' must be a list of [start, end, label]")
    for index, item in enumerate(labels):
        place = f"{where}: label[{index}]"
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], str)):
            raise InputError(f"{place}: each label must be [start, end, label]")
        offsets = _offsets(units, item[0], item[1])
        if isinstance(offsets, str):
            doc.problems.append(ForeignProblem(offsets, place))
            continue
        doc.spans.append(
            ForeignSpan(f"#{index}", item[2], [offsets], annotator=annotator, where=place)
        )
