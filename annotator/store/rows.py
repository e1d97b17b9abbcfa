"""Conversions between table rows and model dataclasses (the store's private vocabulary)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from annotator.core.errors import InputError, ValidationError
from annotator.core.fields import clean_title
from annotator.core.model import (
    Annotation,
    Document,
    DocumentInput,
    Entity,
    Fragment,
    Relation,
    new_id,
    now,
)
from annotator.core.reports import ImportReport
from annotator.core.text import check_length, normalise_text, text_sha256
from annotator.core.validation import document_input_problem

#: What ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` makes for each call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: How that encoder writes a string.
_encode_text = json.encoder.encode_basestring


def dumps(value: Any) -> str:
    """Compact JSON for columns; stable so that stored text can be compared and spliced."""
    return _ENCODER.encode(value)


def fragments_json(fragments: Sequence[Fragment]) -> str:
    return dumps([f.to_dict() for f in fragments])


def one_fragment_json(text: str, fragment: Any) -> str | None:
    """What ``fragments_json(build_fragments(text, [fragment]))`` stores, for a fragment
    given as a ``{"start", "end", "text"}`` mapping whose offsets and text fit ``text``; None
    for anything else (the caller then takes the general way, which says what is wrong).
    Made without the fragment objects: a bulk import stores 100,000s of them."""
    if type(fragment) is not dict:
        return None
    start, end = fragment.get("start"), fragment.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
        return None
    covered = text[start:end]
    given = fragment.get("text", covered)
    if given is not None and given != covered:
        return None
    return f'[{{"start":{start},"end":{end},"text":{_encode_text(covered)}}}]'


def parse_fragments(raw: str) -> list[Fragment]:
    return [Fragment(f["start"], f["end"], f["text"]) for f in json.loads(raw)]


DOCUMENT_COLUMNS = "id, title, text, sha256, source, url, published, metadata, created"


def document_from_row(row: Sequence[Any]) -> Document:
    return Document(
        id=row[0],
        title=row[1],
        text=row[2],
        sha256=row[3],
        source=row[4],
        url=row[5],
        published=row[6],
        metadata=json.loads(row[7]),
        created=row[8],
    )


ANNOTATION_COLUMNS = (
    "id, document, label, fragments, attributes, entity, annotator, origin, note, created, modified"
)


def annotation_from_row(row: Sequence[Any]) -> Annotation:
    return Annotation(
        id=row[0],
        document=row[1],
        label=row[2],
        fragments=parse_fragments(row[3]),
        attributes=json.loads(row[4]),
        entity=row[5],
        annotator=row[6],
        origin=row[7],
        note=row[8],
        created=row[9],
        modified=row[10],
    )


def annotation_params(a: Annotation) -> tuple[Any, ...]:
    return (
        a.id,
        a.document,
        a.label,
        a.start,
        a.end,
        fragments_json(a.fragments),
        dumps(a.attributes),
        a.entity,
        a.annotator,
        a.origin,
        a.note,
        a.created,
        a.modified,
    )


INSERT_ANNOTATION = (
    'INSERT INTO annotations (id, document, label, start, "end", fragments, attributes, entity, '
    "annotator, origin, note, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

RELATION_COLUMNS = "id, type, source, target, annotator, created"


def relation_from_row(row: Sequence[Any]) -> Relation:
    return Relation(*row)


ENTITY_COLUMNS = "id, name, type, aliases, wikidata, note, created, modified"


def entity_from_row(row: Sequence[Any]) -> Entity:
    return Entity(
        id=row[0],
        name=row[1],
        type=row[2],
        aliases=json.loads(row[3]),
        wikidata=row[4],
        note=row[5],
        created=row[6],
        modified=row[7],
    )


def prepare(item: DocumentInput, report: ImportReport) -> tuple[Any, ...]:
    """The row for one document: text normalised, title cleaned, sha256 computed."""
    if not isinstance(item, DocumentInput):
        raise ValidationError(f"add_many takes DocumentInput items, not {type(item).__name__}")
    problem = document_input_problem(item)
    if problem:  # a file's record names its place; an API call gets a ValidationError
        raise InputError(f"{item.origin}: {problem}") if item.origin else ValidationError(problem)
    text = normalise_text(item.text)
    where = item.origin or item.title or "a document"
    if not text.strip():
        raise InputError(f"{where}: the document text is empty")
    check_length(text, where)
    title, had_markup = clean_title(item.title)
    if had_markup:
        report.warnings.append(f"{where}: HTML removed from the title, stored as {title!r}")
    return (
        item.id or new_id(),
        title,
        item.source or None,
        item.url or None,
        item.published or None,
        dumps(item.metadata or {}),
        text,
        text_sha256(text),
        now(),
    )
