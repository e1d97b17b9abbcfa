"""Checks of annotations and relations against a schema and a document's text.

These functions are pure: they take the facts they need and raise :class:`ValidationError`
with a message that names what is wrong. The store calls them before writing anything.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.json_values import nesting_problem, surrogate_problem
from annotator.core.model import DOCUMENT_STATES, ORIGINS, DocumentInput, Fragment
from annotator.core.schema import LabelSpec, RelationSpec, Schema

#: What a caller may pass as one fragment: a Fragment, a (start, end) pair, a
#: (start, end, text) triple, or a mapping with "start", "end" and optionally "text".
FragmentLike = Fragment | Sequence[Any] | Mapping[str, Any]


def _as_triple(item: FragmentLike) -> tuple[Any, Any, Any]:
    if isinstance(item, Fragment):
        return item.start, item.end, item.text
    if isinstance(item, Mapping):
        try:
            return item["start"], item["end"], item.get("text")
        except KeyError as exc:
            raise ValidationError(f"a fragment needs 'start' and 'end' (missing {exc})") from None
    if isinstance(item, Sequence) and not isinstance(item, str) and len(item) in (2, 3):
        return item[0], item[1], item[2] if len(item) == 3 else None
    raise ValidationError(f"a fragment must be (start, end) or (start, end, text), not {item!r}")


def document_input_problem(item: DocumentInput) -> str | None:
    """Why ``item``'s fields cannot be stored (a wrong type, a lone surrogate…), else None."""
    if not isinstance(item.text, str):
        return f"the text must be text (a str), not {type(item.text).__name__}"
    if not isinstance(item.title, str):
        return f"the title must be text (a str), not {type(item.title).__name__}"
    for name in ("source", "url", "published", "id"):
        value = getattr(item, name)
        if value is not None and not isinstance(value, str):
            return f"{name} must be text (a str) or None, not {type(value).__name__}"
    metadata: Any = item.metadata
    if not isinstance(metadata, Mapping):
        return f"metadata must be a mapping, not {type(metadata).__name__}"
    if not all(isinstance(key, str) for key in metadata):
        return "metadata keys must be text (str)"
    deep = nesting_problem(dict(metadata), "metadata")
    if deep:
        return deep
    for name in ("text", "title", "source", "url", "published", "metadata"):
        problem = surrogate_problem(getattr(item, name), name)
        if problem:
            return problem
    try:
        json.dumps(dict(metadata), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return f"metadata is not JSON ({exc})"
    return None


def check_fragment_list(items: Any) -> None:
    """Refuse ``fragments`` that are not a list (or other iterable) of fragments."""
    if isinstance(items, str | bytes | Mapping | Fragment) or not isinstance(items, Iterable):
        raise ValidationError(
            f"fragments must be a list of (start, end) pairs, not {type(items).__name__}"
        )


def require_text(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be text (a str), not {type(value).__name__}")


def build_fragments(text: str, items: Iterable[FragmentLike]) -> list[Fragment]:
    """Fragments checked against ``text``: in range, non-empty, not overlapping, sorted.

    When an item carries its covered text it must equal ``text[start:end]`` exactly — that is
    how drift (offsets computed on another version of the text) is caught before it is stored.
    """
    fragments: list[Fragment] = []
    for item in items:
        start, end, covered = _as_triple(item)
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise ValidationError(f"fragment offsets must be integers, got {start!r}, {end!r}")
        if not 0 <= start < end <= len(text):
            raise ValidationError(
                f"fragment {start}–{end} is outside the text (0–{len(text)}) or empty"
            )
        actual = text[start:end]
        if covered is not None and covered != actual:
            raise ValidationError(
                f"fragment {start}–{end}: the given text {covered!r} does not match the "
                f"document text {actual!r} at those offsets"
            )
        fragments.append(Fragment(start, end, actual))
    if not fragments:
        raise ValidationError("an annotation needs at least one fragment")
    fragments.sort(key=lambda f: (f.start, f.end))
    for before, after in itertools.pairwise(fragments):
        if after.start < before.end:
            raise ValidationError(
                f"fragments {before.start}–{before.end} and {after.start}–{after.end} overlap"
            )
    return fragments


def check_fragments_against_text(text: str, fragments: Iterable[Fragment]) -> list[str]:
    """Problems (as messages) where a stored fragment no longer matches the text."""
    problems = []
    for f in fragments:
        if not 0 <= f.start < f.end <= len(text):
            problems.append(f"fragment {f.start}–{f.end} is outside the text (0–{len(text)})")
        elif text[f.start : f.end] != f.text:
            problems.append(
                f"fragment {f.start}–{f.end} covers {text[f.start : f.end]!r}, "
                f"stored snippet is {f.text!r}"
            )
    return problems


def require_label(schema: Schema, label: str) -> LabelSpec:
    require_text(label, "label")
    spec = schema.label(label)
    if spec is None:
        known = ", ".join(x.name for x in schema.labels)
        raise ValidationError(f"unknown label {label!r} (the schema has: {known})")
    return spec


def check_attributes(spec: LabelSpec, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes of a ``spec`` annotation, checked against the schema's allowed values."""
    if not isinstance(attributes, Mapping):
        raise ValidationError(f"attributes must be a mapping, not {type(attributes).__name__}")
    clean: dict[str, Any] = {}
    for name, value in attributes.items():
        attr = spec.attribute(name)
        if attr is None:
            known = ", ".join(a.name for a in spec.attributes) or "none"
            raise ValidationError(
                f"label {spec.name!r} has no attribute {name!r} (its attributes: {known})"
            )
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"attribute {name!r} must be a non-empty text, not {value!r}")
        if value not in attr.values and not attr.editable:
            raise ValidationError(
                f"{value!r} is not a value of {spec.name}.{name} "
                f"(allowed: {', '.join(attr.values)})"
            )
        clean[name] = value
    return clean


def check_entity_allowed(spec: LabelSpec, entity: str | None) -> None:
    if entity is not None and not spec.entity:
        raise ValidationError(f"{spec.name} annotations cannot be linked to the actor registry")


def check_origin(origin: str) -> None:
    if origin not in ORIGINS:
        raise ValidationError(f"unknown origin {origin!r} (allowed: {', '.join(ORIGINS)})")


def check_state(state: str) -> None:
    if state not in DOCUMENT_STATES:
        raise ValidationError(
            f"unknown document status {state!r} (allowed: {', '.join(DOCUMENT_STATES)})"
        )


def check_relation(
    schema: Schema,
    type_: str,
    source_label: str,
    target_label: str,
    same_document: bool,
    existing_of_type: int,
) -> RelationSpec:
    """A relation of ``type_`` from a ``source_label`` annotation to a ``target_label`` one.

    ``existing_of_type`` is how many relations of this type the source already has.
    """
    spec = schema.relation(type_)
    if spec is None:
        known = ", ".join(r.name for r in schema.relations) or "none"
        raise ValidationError(f"unknown relation type {type_!r} (the schema has: {known})")
    if source_label != spec.source:
        raise ValidationError(
            f"{type_} relations go from {spec.source} to {spec.target} annotations, "
            f"not from {source_label}"
        )
    if target_label != spec.target:
        raise ValidationError(
            f"{type_} relations go from {spec.source} to {spec.target} annotations, "
            f"not to {target_label}"
        )
    if not same_document:
        raise ValidationError("both ends of a relation must be in the same document")
    if spec.max is not None and existing_of_type >= spec.max:
        raise ValidationError(
            f"this {source_label} already has {existing_of_type} {type_} relation(s); "
            f"at most {spec.max} allowed — remove it first"
        )
    return spec
