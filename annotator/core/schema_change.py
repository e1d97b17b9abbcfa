"""How one project's schema evolves: what a new version changes, what it would orphan, and the
renames (migrations) that carry the stored annotations over.

Pure: the old schema, the new one, what the project stores (:class:`Usage`: counts by label,
attribute value and relation type, read by store/schema_change.py) and the requested
:class:`Migrations` give a :class:`SchemaPlan`: the changes in words, the migrations with how
many annotations or relations each moves, and the *problems* — stored data the new schema
would no longer fit. A plan with problems is refused; one without is applied in one
transaction. Another question (whether two annotators' schemas are compatible) is answered
elsewhere (core/schema_compare.py).

A migration is written ``OLD=NEW`` for a label or a relation type and
``Label.attribute:OLD=NEW`` for a value of an attribute (label names hold no ``.`` or ``:``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.schema import LabelSpec, Schema, parse_schema


@dataclass(frozen=True)
class Migrations:
    """Renames applied to the stored data with a schema change.

    ``labels`` and ``relations`` map an old name to a new one (two old names may map to one:
    the labels merge); ``values`` maps (old label, attribute, old value) to a new value."""

    labels: Mapping[str, str] = field(default_factory=dict)
    relations: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[tuple[str, str, str], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.labels or self.relations or self.values)

    def label(self, name: str) -> str:
        return self.labels.get(name, name)

    def relation(self, name: str) -> str:
        return self.relations.get(name, name)

    def value(self, label: str, attribute: str, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return self.values.get((label, attribute, value), value)


NO_MIGRATIONS = Migrations()


def parse_migrations(specs: Iterable[str], old: Schema) -> Migrations:
    """``OLD=NEW`` (a label or relation type of ``old``) and ``Label.attribute:OLD=NEW``."""
    labels: dict[str, str] = {}
    relations: dict[str, str] = {}
    values: dict[tuple[str, str, str], str] = {}
    for spec in specs:
        head, colon, rest = spec.partition(":")
        if colon and "." in head:
            label, _dot, attribute = head.partition(".")
            before, eq, after = rest.partition("=")
            if not eq or not before or not after:
                raise ValidationError(f"migration {spec!r}: write Label.attribute:OLD=NEW")
            spec_label = old.label(label)
            if spec_label is None or spec_label.attribute(attribute) is None:
                raise ValidationError(
                    f"migration {spec!r}: {head} is not an attribute of the schema"
                )
            values[(label, attribute, before)] = after
            continue
        before, eq, after = spec.partition("=")
        if not eq or not before or not after:
            raise ValidationError(f"migration {spec!r}: write OLD=NEW (or Label.attribute:OLD=NEW)")
        if old.label(before) is not None:
            labels[before] = after
        elif old.relation(before) is not None:
            relations[before] = after
        else:
            raise ValidationError(
                f"migration {spec!r}: {before!r} is neither a label nor a relation of the "
                "project's schema"
            )
    return Migrations(labels, relations, values)


@dataclass(frozen=True)
class Combination:
    """Stored annotations that share a label, attributes and whether they link to an actor."""

    label: str
    attributes: Mapping[str, Any]
    linked: bool
    count: int


@dataclass(frozen=True)
class RelationUse:
    """Stored relations of one type between annotations of two labels."""

    type: str
    source: str
    target: str
    count: int


@dataclass(frozen=True)
class Usage:
    """What a project stores, as far as its schema is concerned (every layer)."""

    annotations: Sequence[Combination] = ()
    relations: Sequence[RelationUse] = ()
    most_per_source: Mapping[str, int] = field(default_factory=dict)  # type -> the most on one

    def label_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for combo in self.annotations:
            counts[combo.label] += combo.count
        return counts

    def relation_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for use in self.relations:
            counts[use.type] += use.count
        return counts


@dataclass(frozen=True)
class MigrationStep:
    """One rename of stored data: ``kind`` is "label", "relation" or "value"; ``where`` is
    the attribute of a value ("Demand.issue"); ``count``: how many annotations (relations)."""

    kind: str
    old: str
    new: str
    count: int
    where: str = ""

    def text(self) -> str:
        what = {"label": "label", "relation": "relation type", "value": f"{self.where} value"}
        items = "relation" if self.kind == "relation" else "annotation"
        return (
            f"{what[self.kind]} {self.old!r} → {self.new!r}: "
            f"{self.count} {items}{'' if self.count == 1 else 's'}"
        )


@dataclass(frozen=True)
class SchemaPlan:
    """What installing ``new`` instead of ``old`` does. ``new`` carries the next version
    (``old.version + 1``), or is ``old`` itself when nothing changes."""

    old: Schema
    new: Schema
    migrations: Migrations
    changes: tuple[str, ...]
    steps: tuple[MigrationStep, ...]
    problems: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return self.new is self.old

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def report(self) -> list[str]:
        """The plan in lines, for the command line and the window's preview."""
        if self.unchanged:
            return [f"The schema is unchanged (version {self.old.version})."]
        lines = [f"Schema version {self.old.version} → {self.new.version}:"]
        lines += [f"  {change}" for change in self.changes]
        if self.steps:
            lines.append("Stored data migrated:")
            lines += [f"  {step.text()}" for step in self.steps]
        if self.problems:
            lines.append("Refused: the new schema would orphan stored data:")
            lines += [f"  {problem}" for problem in self.problems]
        return lines


def same_content(old: Schema, new: Schema) -> bool:
    """Whether two schemas say the same, whatever their version numbers and however their
    JSON is spelled (key order, an empty list left out)."""
    return (old.name, old.labels, old.relations, old.entity_types) == (
        new.name,
        new.labels,
        new.relations,
        new.entity_types,
    ) and old.raw.get("description", "") == new.raw.get("description", "")


def plan_change(
    old: Schema, new: Schema, usage: Usage, migrations: Migrations = NO_MIGRATIONS
) -> SchemaPlan:
    """Compare ``new`` with ``old`` given what is stored; see :class:`SchemaPlan`."""
    if same_content(old, new) and not migrations:
        return SchemaPlan(old, old, migrations, (), (), ())
    bumped = parse_schema({**new.raw, "version": old.version + 1})
    problems = _migration_problems(old, bumped, migrations) + _hotkey_problems(bumped)
    steps = _steps(usage, migrations)
    problems += _annotation_problems(old, bumped, usage, migrations)
    problems += _relation_problems(bumped, usage, migrations)
    problems += _role_problems(old, bumped, usage, migrations)
    changes = describe_changes(old, bumped, migrations)
    return SchemaPlan(old, bumped, migrations, tuple(changes), tuple(steps), tuple(problems))


def _migration_problems(old: Schema, new: Schema, m: Migrations) -> list[str]:
    found = []
    for before, after in m.labels.items():
        if old.label(before) is None:
            found.append(f"migration {before}={after}: {before!r} is not a label of the schema")
        if new.label(after) is None:
            found.append(f"migration {before}={after}: the new schema has no label {after!r}")
    for before, after in m.relations.items():
        if old.relation(before) is None:
            found.append(f"migration {before}={after}: {before!r} is not a relation of the schema")
        if new.relation(after) is None:
            found.append(f"migration {before}={after}: the new schema has no relation {after!r}")
    return found


def _hotkey_problems(new: Schema) -> list[str]:
    """One key, one label or relation (the schema's own check covers labels among
    themselves; a relation's key may not take a label's, or another relation's)."""
    owners: dict[str, str] = {}
    found = []
    items = [(f"label {x.name!r}", x.hotkey) for x in new.labels]
    items += [(f"relation {r.name!r}", r.hotkey) for r in new.relations]
    for what, key in items:
        if not key:
            continue
        if key in owners:
            found.append(f"hotkey {key} is given to both {owners[key]} and {what}")
        owners.setdefault(key, what)
    return found


def _steps(usage: Usage, m: Migrations) -> list[MigrationStep]:
    labels = usage.label_counts()
    relations = usage.relation_counts()
    values: Counter[tuple[str, str, str]] = Counter()
    for combo in usage.annotations:
        for name, value in combo.attributes.items():
            if isinstance(value, str):
                values[(combo.label, name, value)] += combo.count
    steps = [MigrationStep("label", a, b, labels[a]) for a, b in m.labels.items()]
    steps += [MigrationStep("relation", a, b, relations[a]) for a, b in m.relations.items()]
    steps += [
        MigrationStep("value", v, new, values[(label, attr, v)], f"{label}.{attr}")
        for (label, attr, v), new in m.values.items()
    ]
    return steps


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _annotation_problems(old: Schema, new: Schema, usage: Usage, m: Migrations) -> list[str]:
    gone: Counter[str] = Counter()
    unlinked: Counter[str] = Counter()
    no_attribute: Counter[tuple[str, str]] = Counter()
    closed: Counter[tuple[str, str, str]] = Counter()
    for combo in usage.annotations:
        spec = new.label(m.label(combo.label))
        if spec is None:
            gone[combo.label] += combo.count
            continue
        if combo.linked and not spec.entity:
            unlinked[spec.name] += combo.count
        for name, value in combo.attributes.items():
            if value is None:
                continue
            attr = spec.attribute(name)
            if attr is None:
                no_attribute[(spec.name, name)] += combo.count
                continue
            value = m.value(combo.label, name, value)
            if value not in attr.values and not attr.editable:
                closed[(spec.name, name, str(value))] += combo.count
    found = []
    added = [x.name for x in new.labels if old.label(x.name) is None]
    for label, count in gone.items():
        hint = f" (e.g. --migrate {label}={added[0]})" if len(added) == 1 else ""
        found.append(
            f"label {label!r} is removed, but {_plural(count, 'annotation')} have it: rename "
            f"them to a label of the new schema with a migration{hint}, or keep the label"
        )
    for label, count in unlinked.items():
        found.append(
            f"label {label!r} would no longer link to the actor registry, but "
            f"{_plural(count, 'annotation')} of it are linked to actors"
        )
    for (label, name), count in no_attribute.items():
        found.append(
            f"attribute {label}.{name} is removed, but {_plural(count, 'annotation')} have a "
            "value for it"
        )
    for (label, name, value), count in closed.items():
        found.append(
            f"value {value!r} of {label}.{name} is not in its closed list any more, but "
            f"{_plural(count, 'annotation')} have it: migrate it "
            f"({label}.{name}:{value}=NEW), keep it in the list, or make the list editable"
        )
    return found


def _relation_problems(new: Schema, usage: Usage, m: Migrations) -> list[str]:
    gone: Counter[str] = Counter()
    misfit: Counter[tuple[str, str, str]] = Counter()
    for use in usage.relations:
        spec = new.relation(m.relation(use.type))
        if spec is None:
            gone[use.type] += use.count
            continue
        ends = (m.label(use.source), m.label(use.target))
        if ends != (spec.source, spec.target):
            misfit[(spec.name, *ends)] += use.count
    found = [
        f"relation type {name!r} is removed, but {_plural(count, 'relation')} have it"
        for name, count in gone.items()
    ]
    for (name, source, target), count in misfit.items():
        spec = new.relation(name)
        assert spec is not None
        found.append(
            f"relation {name!r} would go from {spec.source} to {spec.target}, but "
            f"{_plural(count, 'stored relation')} go from {source} to {target}"
        )
    for old_type, most in usage.most_per_source.items():
        spec = new.relation(m.relation(old_type))
        if spec is not None and spec.max is not None and most > spec.max:
            found.append(
                f"relation {spec.name!r} would allow at most {spec.max} per annotation, but "
                f"an annotation has {most}"
            )
    return found


def _role_problems(old: Schema, new: Schema, usage: Usage, m: Migrations) -> list[str]:
    """A role whose label or relation holds data must stay with it (renamed or not): the
    datasets, counts and dossier read roles."""
    labels, relations = usage.label_counts(), usage.relation_counts()
    found = []
    for x in old.labels:
        if x.role is None or not labels[x.name]:
            continue
        now = new.label_for_role(x.role)
        if now is None or now.name != m.label(x.name):
            where = f"label {now.name!r}" if now else "no label"
            found.append(
                f"role {x.role!r} of label {x.name!r} ({_plural(labels[x.name], 'annotation')}) "
                f"would be played by {where}: the datasets would lose them"
            )
    for r in old.relations:
        if r.role is None or not relations[r.name]:
            continue
        rel = new.relation_for_role(r.role)
        if rel is None or rel.name != m.relation(r.name):
            where = f"relation {rel.name!r}" if rel else "no relation"
            count = _plural(relations[r.name], "relation")
            found.append(
                f"role {r.role!r} of relation {r.name!r} ({count}) would be played by {where}: "
                "the datasets would lose them"
            )
    return found


# -- the changes in words -------------------------------------------------------------------

_LABEL_FIELDS = ("hotkey", "color", "entity", "description", "role")
_RELATION_FIELDS = ("source", "target", "required", "max", "hotkey", "description", "role")


def describe_changes(old: Schema, new: Schema, m: Migrations = NO_MIGRATIONS) -> list[str]:
    """What differs between two schemas, one line per change (labels matched through the
    migrations' renames)."""
    lines: list[str] = []
    if old.name != new.name:
        lines.append(f"name: {old.name!r} → {new.name!r}")
    if old.raw.get("description", "") != new.raw.get("description", ""):
        lines.append("description changed")
    renamed_to = set(m.labels.values())
    for x in old.labels:
        target = new.label(m.label(x.name))
        if target is None:
            lines.append(f"label {x.name!r} removed")
        else:
            if target.name != x.name:
                lines.append(f"label {x.name!r} renamed to {target.name!r}")
            lines += _label_changes(x, target)
    for x in new.labels:
        if old.label(x.name) is None and x.name not in renamed_to:
            lines.append(f"label {x.name!r} added")
    if [x.name for x in old.labels] != [x.name for x in new.labels] and not lines:
        lines.append("labels reordered")
    renamed_rel = set(m.relations.values())
    for r in old.relations:
        rel = new.relation(m.relation(r.name))
        if rel is None:
            lines.append(f"relation {r.name!r} removed")
            continue
        if rel.name != r.name:
            lines.append(f"relation {r.name!r} renamed to {rel.name!r}")
        lines += _field_changes(f"relation {rel.name!r}", r, rel, _RELATION_FIELDS)
    for r in new.relations:
        if old.relation(r.name) is None and r.name not in renamed_rel:
            lines.append(f"relation {r.name!r} added")
    if old.entity_types != new.entity_types:
        lines.append("actor types changed: " + ", ".join(new.entity_types))
    return lines or ["labels and relations unchanged (order or details only)"]


def _field_changes(what: str, old: Any, new: Any, names: Sequence[str]) -> list[str]:
    lines = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            if name == "description":
                lines.append(f"{what}: description changed")
            else:
                lines.append(f"{what}: {name} {before!r} → {after!r}")
    return lines


def _label_changes(old: LabelSpec, new: LabelSpec) -> list[str]:
    what = f"label {new.name!r}"
    lines = _field_changes(what, old, new, _LABEL_FIELDS)
    for attr in old.attributes:
        now = new.attribute(attr.name)
        if now is None:
            lines.append(f"{what}: attribute {attr.name!r} removed")
            continue
        added = [v for v in now.values if v not in attr.values]
        removed = [v for v in attr.values if v not in now.values]
        if added:
            lines.append(f"{new.name}.{attr.name}: values added: {', '.join(added)}")
        if removed:
            lines.append(f"{new.name}.{attr.name}: values removed: {', '.join(removed)}")
        for name in ("editable", "required"):
            if getattr(attr, name) != getattr(now, name):
                lines.append(f"{new.name}.{attr.name}: {name} → {getattr(now, name)}")
    for attr in new.attributes:
        if old.attribute(attr.name) is None:
            lines.append(f"{what}: attribute {attr.name!r} added ({', '.join(attr.values)})")
    return lines


__all__ = [
    "NO_MIGRATIONS",
    "Combination",
    "MigrationStep",
    "Migrations",
    "RelationUse",
    "SchemaPlan",
    "Usage",
    "describe_changes",
    "parse_migrations",
    "plan_change",
    "same_content",
]
