"""Whether two schemas can share one review project, and the schema they share.

Two annotators' files are *compatible* when they have the same labels (with the same
attributes, the same entity flag and, for attributes whose list is fixed, the same values)
and the same relations (same ends, same required flag and maximum). Colours, hotkeys and
descriptions may differ: the first file's win. An *editable* value list (Demand.issue) may
have grown differently in each file: :func:`union_schemas` unions them, keeping the first
file's order and adding the other's new values after it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from annotator.core.schema import AttributeSpec, LabelSpec, RelationSpec, Schema, parse_schema


@dataclass
class SchemaComparison:
    """``compatible``: one review project can hold both; ``differences``: readable lines
    naming each label, relation or attribute that differs (empty when equal apart from
    cosmetics); ``additions``: the values an editable list of ``a`` would gain from ``b``."""

    compatible: bool = True
    differences: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)

    def refuse(self, text: str) -> None:
        self.compatible = False
        self.differences.append(text)


def _compare_attribute(
    label: str, x: AttributeSpec, y: AttributeSpec, result: SchemaComparison
) -> None:
    where = f"attribute {label}.{x.name}"
    if x.editable != y.editable:
        result.refuse(f"{where}: editable in one schema, a fixed list in the other")
        return
    if x.required != y.required:
        result.refuse(f"{where}: required in one schema, optional in the other")
    new = [v for v in y.values if v not in x.values]
    if x.editable:
        if new:
            result.additions.append(f"{where}: values added: {', '.join(new)}")
        return
    if set(x.values) != set(y.values):
        missing = [v for v in x.values if v not in y.values]
        parts = []
        if missing:
            parts.append(f"only in the first: {', '.join(missing)}")
        if new:
            parts.append(f"only in the second: {', '.join(new)}")
        result.refuse(f"{where}: different values ({'; '.join(parts)})")


def _compare_label(x: LabelSpec, y: LabelSpec, result: SchemaComparison) -> None:
    if x.entity != y.entity:
        result.refuse(f"label {x.name}: linked to the registry in one schema only")
    names_x = [a.name for a in x.attributes]
    names_y = [a.name for a in y.attributes]
    for name in names_x:
        if name not in names_y:
            result.refuse(f"attribute {x.name}.{name}: only in the first schema")
    for name in names_y:
        if name not in names_x:
            result.refuse(f"attribute {x.name}.{name}: only in the second schema")
    for a in x.attributes:
        b = y.attribute(a.name)
        if b is not None:
            _compare_attribute(x.name, a, b, result)


def _compare_relation(x: RelationSpec, y: RelationSpec, result: SchemaComparison) -> None:
    where = f"relation {x.name}"
    if (x.source, x.target) != (y.source, y.target):
        result.refuse(
            f"{where}: {x.source} → {x.target} in the first schema, "
            f"{y.source} → {y.target} in the second"
        )
    if x.required != y.required:
        result.refuse(f"{where}: required in one schema, optional in the other")
    if x.max != y.max:
        result.refuse(f"{where}: at most {x.max} in the first schema, {y.max} in the second")


def compare_schemas(a: Schema, b: Schema) -> SchemaComparison:
    """Compare ``b`` (an incoming file's schema) with ``a`` (the review project's)."""
    result = SchemaComparison()
    for x in a.labels:
        if b.label(x.name) is None:
            result.refuse(f"label {x.name}: only in the first schema")
    for y in b.labels:
        x_label = a.label(y.name)
        if x_label is None:
            result.refuse(f"label {y.name}: only in the second schema")
        else:
            _compare_label(x_label, y, result)
    for r in a.relations:
        if b.relation(r.name) is None:
            result.refuse(f"relation {r.name}: only in the first schema")
    for s in b.relations:
        r_rel = a.relation(s.name)
        if r_rel is None:
            result.refuse(f"relation {s.name}: only in the second schema")
        else:
            _compare_relation(r_rel, s, result)
    return result


def union_schemas(a: Schema, b: Schema) -> Schema:
    """``a`` with the values of ``b``'s editable lists (and entity types) it lacks; ``a``
    itself when nothing is added. Call only for compatible schemas."""
    raw: dict[str, Any] = copy.deepcopy(a.raw)
    changed = False
    for label in raw.get("labels", []):
        other = b.label(label["name"])
        if other is None:
            continue
        for attribute in label.get("attributes", []):
            theirs = other.attribute(attribute["name"])
            if theirs is None or not attribute.get("editable", False):
                continue
            new = [v for v in theirs.values if v not in attribute["values"]]
            if new:
                attribute["values"] = [*attribute["values"], *new]
                changed = True
    types = list(raw.get("entity_types", []))
    new_types = [t for t in b.entity_types if t not in types]
    if new_types:
        raw["entity_types"] = [*types, *new_types]
        changed = True
    if not changed:
        return a
    raw["version"] = max(a.version, b.version) + 1
    return parse_schema(raw)
