"""Annotation schemas: labels, their attributes, and the relations between labels.

A schema is a JSON document (see resources/schemas/). It is checked twice: against the JSON
Schema in resources/schemas/schema.schema.json (shape), then for consistency (names unique,
relations pointing to existing labels, hotkeys not shared). Errors name the offending field,
e.g. ``labels[2].hotkey``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from annotator.core.errors import SchemaError
from annotator.resources_path import read_text

DEFAULT_SCHEMA_FILE = "claims.json"


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    name: str
    values: tuple[str, ...]
    editable: bool = False
    required: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    hotkey: str | None
    color: str
    entity: bool
    description: str
    attributes: tuple[AttributeSpec, ...]

    def attribute(self, name: str) -> AttributeSpec | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True, slots=True)
class RelationSpec:
    name: str
    source: str
    target: str
    required: bool = False
    max: int | None = None
    hotkey: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Schema:
    """A validated schema. ``raw`` is the JSON document it was built from."""

    name: str
    version: int
    labels: tuple[LabelSpec, ...]
    relations: tuple[RelationSpec, ...]
    entity_types: tuple[str, ...]
    raw: dict[str, Any] = field(compare=False, repr=False)

    def label(self, name: str) -> LabelSpec | None:
        return next((x for x in self.labels if x.name == name), None)

    def relation(self, name: str) -> RelationSpec | None:
        return next((r for r in self.relations if r.name == name), None)

    def relations_from(self, label: str) -> tuple[RelationSpec, ...]:
        return tuple(r for r in self.relations if r.source == label)

    def to_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False, indent=2)


@cache
def _meta_schema() -> dict[str, Any]:
    return json.loads(read_text("schemas", "schema.schema.json"))


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_schema(data: Any) -> Schema:
    """Validate a schema document (already parsed JSON) and build a :class:`Schema`."""
    import jsonschema  # imported lazily: it is slow to import and not needed by `info`

    validator = jsonschema.Draft202012Validator(_meta_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise SchemaError(f"schema field {_path(first.absolute_path)}: {first.message}")
    labels: list[LabelSpec] = []
    seen_hotkeys: dict[str, str] = {}
    for i, item in enumerate(data["labels"]):
        name = item["name"]
        if any(x.name == name for x in labels):
            raise SchemaError(f"schema field labels[{i}].name: label {name!r} is defined twice")
        hotkey = item.get("hotkey")
        if hotkey:
            if hotkey in seen_hotkeys:
                raise SchemaError(
                    f"schema field labels[{i}].hotkey: {hotkey!r} is already the hotkey of "
                    f"{seen_hotkeys[hotkey]!r}"
                )
            seen_hotkeys[hotkey] = name
        attrs: list[AttributeSpec] = []
        for j, a in enumerate(item.get("attributes", [])):
            if any(x.name == a["name"] for x in attrs):
                raise SchemaError(
                    f"schema field labels[{i}].attributes[{j}].name: attribute {a['name']!r} "
                    f"is defined twice"
                )
            attrs.append(
                AttributeSpec(
                    a["name"],
                    tuple(a["values"]),
                    a.get("editable", False),
                    a.get("required", False),
                    a.get("description", ""),
                )
            )
        labels.append(
            LabelSpec(
                name,
                hotkey,
                item.get("color", "#888888"),
                item.get("entity", False),
                item.get("description", ""),
                tuple(attrs),
            )
        )
    label_names = {x.name for x in labels}
    relations: list[RelationSpec] = []
    for i, r in enumerate(data.get("relations", [])):
        for end in ("source", "target"):
            if r[end] not in label_names:
                raise SchemaError(
                    f"schema field relations[{i}].{end}: {r[end]!r} is not a label "
                    f"(labels: {', '.join(sorted(label_names))})"
                )
        if any(x.name == r["name"] for x in relations):
            raise SchemaError(f"schema field relations[{i}].name: {r['name']!r} is defined twice")
        relations.append(
            RelationSpec(
                r["name"],
                r["source"],
                r["target"],
                r.get("required", False),
                r.get("max"),
                r.get("hotkey"),
                r.get("description", ""),
            )
        )
    return Schema(
        name=data["name"],
        version=data["version"],
        labels=tuple(labels),
        relations=tuple(relations),
        entity_types=tuple(data.get("entity_types", [])),
        raw=data,
    )


def load_schema_text(text: str, source: str = "schema") -> Schema:
    """Parse and validate schema JSON text; ``source`` names it in error messages."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    return parse_schema(data)


def default_schema() -> Schema:
    """The default schema, "Claims — quotes, actors, demands"."""
    return load_schema_text(read_text("schemas", DEFAULT_SCHEMA_FILE), DEFAULT_SCHEMA_FILE)
