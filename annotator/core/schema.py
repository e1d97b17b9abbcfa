"""Annotation schemas: labels, their attributes, and the relations between labels.

A schema is a JSON document (see resources/schemas/). It is checked twice: against the JSON
Schema in resources/schemas/schema.schema.json (shape), then for consistency (names unique,
relations pointing to existing labels, hotkeys not shared, roles played once). Errors name
the offending field, e.g. ``labels[2].hotkey``.

Roles say which label and relation the datasets, the dossier and the actor counts read, so that
they work whatever a schema calls its labels: a label may play ``speech``, ``claim``, ``actor``
(the actor mentions) or ``cue``; a relation ``speaker`` (speech → actor mention), ``claimant``
and ``addressee`` (claim → actor mention) or ``cue`` (speech → cue). A schema without roles is
valid; it simply has no quotes or demands datasets. Stored projects made with the default
schema before roles existed get the default roles (see :func:`with_default_roles`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from annotator.core.errors import SchemaError
from annotator.core.json_values import TooDeepError, loads_guarded, nesting_problem
from annotator.resources_path import read_text

DEFAULT_SCHEMA_FILE = "claims.json"

#: The roles a label may play, and those a relation may play (the ``role`` field).
LABEL_ROLES = ("speech", "claim", "actor", "cue")
RELATION_ROLES = ("speaker", "claimant", "addressee", "cue")
SPEECH, CLAIM, ACTOR, CUE = LABEL_ROLES
SPEAKER, CLAIMANT, ADDRESSEE, CUE_RELATION = RELATION_ROLES

#: For each relation role: the role of the label it starts at and, if it must be one, of the
#: label it points to (None: any label linked to the registry, ``"entity": true``).
RELATION_ENDS: dict[str, tuple[str, str | None]] = {
    SPEAKER: (SPEECH, None),
    CLAIMANT: (CLAIM, None),
    ADDRESSEE: (CLAIM, None),
    CUE_RELATION: (SPEECH, CUE),
}


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
    role: str | None = None  # one of LABEL_ROLES

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
    role: str | None = None  # one of RELATION_ROLES


@dataclass(frozen=True, slots=True)
class Roles:
    """The names of the labels and relations that play each role (None: nothing does)."""

    speech: str | None = None  # label of quotes
    claim: str | None = None  # label of demands
    actor: str | None = None  # label of actor mentions
    cue: str | None = None  # label of speech verbs
    speaker: str | None = None  # relation speech -> actor mention
    claimant: str | None = None  # relation claim -> actor mention
    addressee: str | None = None  # relation claim -> actor mention
    cue_relation: str | None = None  # relation speech -> cue


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

    def label_for_role(self, role: str) -> LabelSpec | None:
        """The label that plays ``role`` (one of :data:`LABEL_ROLES`), if any."""
        return next((x for x in self.labels if x.role == role), None)

    def relation_for_role(self, role: str) -> RelationSpec | None:
        """The relation that plays ``role`` (one of :data:`RELATION_ROLES`), if any."""
        return next((r for r in self.relations if r.role == role), None)

    @property
    def roles(self) -> Roles:
        """Every role's label or relation name, at once."""
        labels = {x.role: x.name for x in self.labels if x.role}
        relations = {r.role: r.name for r in self.relations if r.role}
        return Roles(
            speech=labels.get(SPEECH),
            claim=labels.get(CLAIM),
            actor=labels.get(ACTOR),
            cue=labels.get(CUE),
            speaker=relations.get(SPEAKER),
            claimant=relations.get(CLAIMANT),
            addressee=relations.get(ADDRESSEE),
            cue_relation=relations.get(CUE_RELATION),
        )

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
    doc = with_default_roles(data)
    labels = _parse_labels(doc["labels"])
    relations = _parse_relations(doc.get("relations", []), labels)
    _check_roles(labels, relations)
    return Schema(
        name=data["name"],
        version=data["version"],
        labels=labels,
        relations=relations,
        entity_types=tuple(data.get("entity_types", [])),
        raw=data,
    )


def _parse_labels(items: list[dict[str, Any]]) -> tuple[LabelSpec, ...]:
    labels: list[LabelSpec] = []
    seen_hotkeys: dict[str, str] = {}
    for i, item in enumerate(items):
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
                item.get("role"),
            )
        )
    return tuple(labels)


def _parse_relations(
    items: list[dict[str, Any]], labels: tuple[LabelSpec, ...]
) -> tuple[RelationSpec, ...]:
    label_names = {x.name for x in labels}
    relations: list[RelationSpec] = []
    for i, r in enumerate(items):
        for end in ("source", "target"):
            if r[end] not in label_names:
                raise SchemaError(
                    f"schema field relations[{i}].{end}: {r[end]!r} is not a label "
                    f"(labels: {', '.join(sorted(label_names))})"
                )
        if r["name"] != r["name"].lower():
            raise SchemaError(f"schema field relations[{i}].name: {r['name']!r} is not lower case")
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
                r.get("role"),
            )
        )
    return tuple(relations)


def _check_roles(labels: tuple[LabelSpec, ...], relations: tuple[RelationSpec, ...]) -> None:
    """Each role is played at most once; the actor label links to the registry; a relation's
    role fits the roles of the labels at its ends (see :data:`RELATION_ENDS`)."""
    by_role: dict[str, LabelSpec] = {}
    for i, label in enumerate(labels):
        if label.role is None:
            continue
        if label.role in by_role:
            raise SchemaError(
                f"schema field labels[{i}].role: role {label.role!r} is already played by "
                f"label {by_role[label.role].name!r}"
            )
        if label.role == ACTOR and not label.entity:
            raise SchemaError(
                f"schema field labels[{i}].role: the {ACTOR!r} label must link to the actor "
                'registry ("entity": true)'
            )
        by_role[label.role] = label
    entity_labels = {x.name for x in labels if x.entity}
    taken: dict[str, str] = {}
    for i, rel in enumerate(relations):
        if rel.role is None:
            continue
        if rel.role in taken:
            raise SchemaError(
                f"schema field relations[{i}].role: role {rel.role!r} is already played by "
                f"relation {taken[rel.role]!r}"
            )
        taken[rel.role] = rel.name
        source_role, target_role = RELATION_ENDS[rel.role]
        source = by_role.get(source_role)
        if source is None or rel.source != source.name:
            raise SchemaError(
                f"schema field relations[{i}].source: a {rel.role!r} relation starts at the "
                f"label with role {source_role!r}"
                + (f" ({source.name!r})" if source else ", and no label has that role")
            )
        if target_role is None:
            if rel.target not in entity_labels:
                raise SchemaError(
                    f"schema field relations[{i}].target: a {rel.role!r} relation points to a "
                    f'label linked to the actor registry ("entity": true), not {rel.target!r}'
                )
            continue
        target = by_role.get(target_role)
        if target is None or rel.target != target.name:
            raise SchemaError(
                f"schema field relations[{i}].target: a {rel.role!r} relation points to the "
                f"label with role {target_role!r}"
                + (f" ({target.name!r})" if target else ", and no label has that role")
            )


@cache
def _default_document() -> dict[str, Any]:
    return json.loads(read_text("schemas", DEFAULT_SCHEMA_FILE))


def _outline(data: dict[str, Any]) -> tuple[Any, ...]:
    """What makes a schema the default one: name, labels (and which link to the registry) and
    relations with their ends. Colours, descriptions and attribute values may differ."""
    return (
        data["name"],
        sorted((x["name"], x.get("entity", False)) for x in data["labels"]),
        sorted((r["name"], r["source"], r["target"]) for r in data.get("relations", [])),
    )


def with_default_roles(data: dict[str, Any]) -> dict[str, Any]:
    """The upgrade of schemas stored before roles existed.

    A schema document that names no role at all and is otherwise the default schema (same name,
    labels and relations, see :func:`_outline`) gets the default schema's roles: projects made
    with it keep their datasets. Returns a copy with the roles added, or ``data`` unchanged;
    the stored document (``Schema.raw``) is never rewritten.
    """
    relations = data.get("relations", [])
    if any("role" in x for x in [*data["labels"], *relations]):
        return data
    default = _default_document()
    if _outline(data) != _outline(default):
        return data
    label_roles = {x["name"]: x["role"] for x in default["labels"] if "role" in x}
    relation_roles = {r["name"]: r["role"] for r in default["relations"] if "role" in r}

    def add(items: list[dict[str, Any]], roles: dict[str, str]) -> list[dict[str, Any]]:
        return [x | {"role": roles[x["name"]]} if x["name"] in roles else x for x in items]

    return data | {
        "labels": add(data["labels"], label_roles),
        "relations": add(relations, relation_roles),
    }


def load_schema_text(text: str, source: str = "schema") -> Schema:
    """Parse and validate schema JSON text; ``source`` names it in error messages."""
    try:
        data = loads_guarded(text)
    except TooDeepError as exc:
        raise SchemaError(f"{source}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    deep = nesting_problem(data)
    if deep:
        raise SchemaError(f"{source}: {deep}")
    return parse_schema(data)


def default_schema() -> Schema:
    """The default schema, "Claims — quotes, actors, demands"."""
    return load_schema_text(read_text("schemas", DEFAULT_SCHEMA_FILE), DEFAULT_SCHEMA_FILE)
