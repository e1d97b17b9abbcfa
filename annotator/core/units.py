"""Units of review: the annotations of several annotators that are about the same thing.

A reviewer compares the layers of some annotators on one document and adjudicates a gold
layer. The comparison is made of **units** (docs/review.md has the rules with examples):

1. Annotations of one label that overlap (share at least one code point, fragment against
   fragment) form a unit, across the compared annotators and gold: the connected components
   of the "overlaps, same label" graph.
2. Two units of *different* labels whose spans overlap and whose annotators are disjoint are
   joined into one unit that disagrees on the label ("ana: Quote, ben: Demand on the same
   words"). A unit whose annotators share someone stays apart: a Demand that contains an
   Actor mention, tagged by both annotators, stays two units. A unit that only gold has
   (edited by the reviewer) is joined to nothing.

Each unit has a **base state** from the compared annotators' **versions** (an annotator's
annotations in the unit): ``agreed`` (everyone has one annotation, and all have the same
label, fragments, attributes and links), ``disagreed`` with its aspects (``label``,
``boundary``, ``attribute``, ``link``), or ``incomplete`` (only some annotators have a
version; the aspects then compare those who do). The review **outcome** comes on top:
``accepted`` when gold has an annotation in the unit, ``rejected`` when gold has none and
every annotation of the unit was rejected. ``state`` is the outcome if there is one, else the
base state.

Links are compared by what they point to, never by id (two files never share annotation
ids): a relation is (type, target label, target fragments), a mention's entity link is the
entity id (the registry is shared by id).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.model import Annotation, Relation

AGREED, DISAGREED, INCOMPLETE, ACCEPTED, REJECTED = (
    "agreed",
    "disagreed",
    "incomplete",
    "accepted",
    "rejected",
)
STATES = (AGREED, DISAGREED, INCOMPLETE, ACCEPTED, REJECTED)
#: The aspects two versions can differ in, in the order they are named.
ASPECTS = ("label", "boundary", "attribute", "link")

Spans = tuple[tuple[int, int], ...]


def spans_of(ann: Annotation) -> Spans:
    return tuple((f.start, f.end) for f in ann.fragments)


@dataclass(frozen=True)
class Signature:
    """What two versions are compared on (ids, times, notes and origins are not)."""

    label: str
    spans: Spans
    attributes: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str, Spans], ...]  # (relation type, target label, target spans)
    entity: str | None


def signature(ann: Annotation, links: Sequence[tuple[str, Annotation]] = ()) -> Signature:
    """``links``: (relation type, target annotation) of the relations from ``ann``."""
    attributes = tuple(
        sorted((k, repr(v)) for k, v in ann.attributes.items() if v not in (None, ""))
    )
    return Signature(
        ann.label,
        spans_of(ann),
        attributes,
        tuple(sorted((kind, t.label, spans_of(t)) for kind, t in links)),
        ann.entity,
    )


@dataclass
class LayerContent:
    """One layer's annotations and relations in one document."""

    annotator: str
    annotations: list[Annotation]
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Unit:
    """Annotations of several layers about the same stretch of text (see the module)."""

    key: str  # stable while the unit's first annotation stays: its id
    start: int
    end: int
    versions: dict[str, list[Annotation]]  # compared annotator id -> their annotations here
    signatures: dict[str, Signature]  # annotation id -> what it is compared on
    gold: list[Annotation]
    base_state: str  # agreed, disagreed or incomplete
    aspects: tuple[str, ...]  # which of ASPECTS differ between the versions present
    outcome: str | None = None  # accepted or rejected (None: not reviewed yet)
    accepted_from: tuple[str, ...] = ()  # the annotators whose version gold holds unchanged
    missing: tuple[str, ...] = ()  # compared annotators without a version

    @property
    def state(self) -> str:
        return self.outcome or self.base_state

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels in the unit, the most frequent first (gold counts too)."""
        counts: dict[str, int] = {}
        for ann in [a for anns in self.versions.values() for a in anns] + self.gold:
            counts[ann.label] = counts.get(ann.label, 0) + 1
        return tuple(sorted(counts, key=lambda x: (-counts[x], x)))

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""

    @property
    def annotations(self) -> list[Annotation]:
        """Every compared annotator's annotations in the unit (gold's not included)."""
        return [a for anns in self.versions.values() for a in anns]

    @property
    def is_disagreement(self) -> bool:
        """What the reviewer steps through: not agreed, whether reviewed already or not."""
        return self.base_state != AGREED and any(self.versions.values())


class _Groups:
    """Union-find over integers."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _overlapping_pairs(items: Sequence[tuple[int, int, int]]) -> Iterable[tuple[int, int]]:
    """Pairs of owners (the third field) of intervals (start, end, owner) that share a code
    point, by a sweep in start order."""
    active: list[tuple[int, int]] = []  # (end, owner)
    for start, end, owner in sorted(items):
        active = [(e, o) for e, o in active if e > start]
        for _e, other in active:
            if other != owner:
                yield other, owner
        active.append((end, owner))


def _links(content: LayerContent) -> dict[str, list[tuple[str, Annotation]]]:
    by_id = {a.id: a for a in content.annotations}
    found: dict[str, list[tuple[str, Annotation]]] = {}
    for rel in content.relations:
        target = by_id.get(rel.target)
        if target is not None and rel.source in by_id:
            found.setdefault(rel.source, []).append((rel.type, target))
    return found


def build_units(
    compared: Sequence[LayerContent],
    gold: LayerContent | None = None,
    rejected: Iterable[str] = (),
) -> list[Unit]:
    """The units of one document, in text order (see the module for the rules).

    ``compared``: the layers compared (an annotator with nothing in the document still
    counts: their versions are missing). ``gold``: the adjudicated layer. ``rejected``: ids of
    annotations the reviewer rejected.
    """
    gold = gold or LayerContent("gold", [])
    layers = [*compared, gold]
    owners: list[str] = []
    anns: list[Annotation] = []
    for content in layers:
        for ann in content.annotations:
            owners.append(content.annotator)
            anns.append(ann)
    gold_index = len(layers) - 1
    layer_of = [i for i, content in enumerate(layers) for _ in content.annotations]

    # 1. same label, overlapping: one unit
    groups = _Groups(len(anns))
    by_label: dict[str, list[tuple[int, int, int]]] = {}
    for i, ann in enumerate(anns):
        by_label.setdefault(ann.label, []).extend((f.start, f.end, i) for f in ann.fragments)
    for intervals in by_label.values():
        for a, b in _overlapping_pairs(intervals):
            groups.join(a, b)
    members: dict[int, list[int]] = {}
    for i in range(len(anns)):
        members.setdefault(groups.find(i), []).append(i)

    # 2. different labels, overlapping, nobody in both: one unit with a label disagreement
    who: dict[int, set[int]] = {
        root: {layer_of[i] for i in items if layer_of[i] != gold_index}
        for root, items in members.items()
    }
    labels = {root: anns[items[0]].label for root, items in members.items()}
    spans = [
        (f.start, f.end, root)
        for root, items in members.items()
        for i in items
        for f in anns[i].fragments
    ]
    joined = _Groups(len(anns))
    joined_who = {root: set(found) for root, found in who.items()}
    for a, b in sorted(set(_overlapping_pairs(spans))):
        ra, rb = joined.find(a), joined.find(b)
        if ra == rb or labels[a] == labels[b] or not who[a] or not who[b]:
            continue
        if joined_who[ra] & joined_who[rb]:
            continue
        joined.join(ra, rb)
        root = joined.find(ra)
        joined_who[root] = joined_who[ra] | joined_who[rb]
    final: dict[int, list[int]] = {}
    for root, group in members.items():
        final.setdefault(joined.find(root), []).extend(group)

    links = [_links(content) for content in layers]
    rejected_ids = set(rejected)
    units = [
        _unit(
            [anns[i] for i in sorted(items)],
            [layer_of[i] for i in sorted(items)],
            layers,
            links,
            gold_index,
            rejected_ids,
        )
        for items in final.values()
    ]
    units.sort(key=lambda u: (u.start, -u.end, u.label, u.key))
    return units


def _unit(
    anns: list[Annotation],
    where: list[int],
    layers: Sequence[LayerContent],
    links: Sequence[Mapping[str, list[tuple[str, Annotation]]]],
    gold_index: int,
    rejected: set[str],
) -> Unit:
    versions: dict[str, list[Annotation]] = {c.annotator: [] for c in layers[:gold_index]}
    gold: list[Annotation] = []
    signatures: dict[str, Signature] = {}
    for ann, i in zip(anns, where, strict=True):
        signatures[ann.id] = signature(ann, links[i].get(ann.id, ()))
        (gold if i == gold_index else versions[layers[i].annotator]).append(ann)
    for found in (*versions.values(), gold):
        found.sort(key=lambda a: (a.start, a.end, a.label, a.id))
    present = {k: v for k, v in versions.items() if v}
    missing = tuple(k for k, v in versions.items() if not v)
    aspects = _aspects([[signatures[a.id] for a in v] for v in present.values()])
    base = INCOMPLETE if missing else DISAGREED if aspects else AGREED
    gold_sigs = sorted((signatures[a.id] for a in gold), key=repr)
    accepted_from = tuple(
        k
        for k, v in present.items()
        if gold and sorted((signatures[a.id] for a in v), key=repr) == gold_sigs
    )
    outcome = None
    if gold:
        outcome = ACCEPTED
    elif present and all(a.id in rejected for a in anns):
        outcome = REJECTED
    first = min(anns, key=lambda a: (a.start, a.end, a.id))
    return Unit(
        key=first.id,
        start=min(a.start for a in anns),
        end=max(a.end for a in anns),
        versions=versions,
        signatures=signatures,
        gold=gold,
        base_state=base,
        aspects=aspects,
        outcome=outcome,
        accepted_from=accepted_from,
        missing=missing,
    )


def _aspects(versions: list[list[Signature]]) -> tuple[str, ...]:
    """Which aspects differ between versions (each a list of one annotator's signatures)."""
    if len(versions) < 2 and all(len(v) <= 1 for v in versions):
        return ()
    found: set[str] = set()
    if any(len(v) != 1 for v in versions):
        # someone tagged it in several pieces (or twice): the extent differs at least
        found.add("boundary")
    flat = [s for v in versions for s in v]
    if len({s.label for s in flat}) > 1:
        found.add("label")
    if len({s.spans for s in flat}) > 1:
        found.add("boundary")
    if len({s.attributes for s in flat}) > 1:
        found.add("attribute")
    if len({(s.links, s.entity) for s in flat}) > 1:
        found.add("link")
    return tuple(a for a in ASPECTS if a in found)


def version_key(unit: Unit, annotator: str) -> tuple[str, ...]:
    """An annotator's version as something to compare: equal keys, equal versions."""
    return tuple(sorted(repr(unit.signatures[a.id]) for a in unit.versions.get(annotator, [])))


def majority_version(unit: Unit, at_least: int) -> str | None:
    """The annotator whose version at least ``at_least`` annotators share, more than share
    any other version (None: no such version, or a tie). The first of them, in the order of
    the compared layers, stands for the others."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for who, anns in unit.versions.items():
        if anns:
            groups.setdefault(version_key(unit, who), []).append(who)
    ranked = sorted(groups.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < max(1, at_least):
        return None
    if len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
        return None
    return ranked[0][0]


def agreed_version(unit: Unit) -> str | None:
    """The first annotator of an agreed unit (every version the same), else None."""
    if unit.base_state != AGREED:
        return None
    return next(iter(unit.versions), None)


__all__ = [
    "ACCEPTED",
    "AGREED",
    "ASPECTS",
    "DISAGREED",
    "INCOMPLETE",
    "REJECTED",
    "STATES",
    "LayerContent",
    "Signature",
    "Unit",
    "agreed_version",
    "build_units",
    "majority_version",
    "signature",
    "spans_of",
    "version_key",
]
