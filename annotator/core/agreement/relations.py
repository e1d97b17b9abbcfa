"""Relation F1 and entity-link agreement, both over exactly matched annotations.

- **Relation F1**, per relation type: a relation of a and one of b match when they have the
  same type and both their ends are exactly matched to each other (the same label and
  fragments at the source, and at the target). An annotator's relation counted twice through
  a duplicate end is counted once. F1 = 2·matched / (a_count + b_count).
- **Entity-link agreement**, on the mentions (the label of role ``actor``) that both
  annotators made identically and at least one of them linked to the registry: the share
  that both linked to the same entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.agreement.model import NO_DOCUMENTS, DocumentIn, Ratio, _round
from annotator.core.agreement.spans import Key, Prepared

RelationKey = tuple[str, Key, Key]


def relation_keys(
    documents: Sequence[DocumentIn],
    prepared: Prepared,
    types: Sequence[str],
    numbers: dict[RelationKey, int],
) -> list[dict[str, set[int]]]:
    """Per document and type: the annotator's relations, each (type, source key, target key)
    numbered through ``numbers`` (shared by all annotators: equal numbers, equal keys)."""
    wanted = set(types)
    out = []
    for d, doc in enumerate(documents):
        layer = doc.layers.get(prepared.name)
        keys = prepared.keys[d]
        by_type: dict[str, set[int]] = {t: set() for t in types}
        for rel in layer.relations if layer is not None else ():
            if rel.type in wanted and rel.source in keys and rel.target in keys:
                key = (rel.type, keys[rel.source], keys[rel.target])
                by_type[rel.type].add(numbers.setdefault(key, len(numbers)))
        out.append(by_type)
    return out


def relation_counts(
    a: list[dict[str, set[int]]], b: list[dict[str, set[int]]], type_: str
) -> list[Ratio]:
    return [
        Ratio(len(ra[type_] & rb[type_]), len(ra[type_]), len(rb[type_]))
        for ra, rb in zip(a, b, strict=True)
    ]


@dataclass(slots=True)
class LinkAgreement:
    a: str
    b: str
    label: str
    mentions: int  # exactly matched mentions
    linked: int  # of them, linked by at least one of the two
    same: int  # linked by both to the same entity
    reason: str | None = None

    @property
    def value(self) -> float | None:
        return self.same / self.linked if self.linked else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "a": self.a,
            "b": self.b,
            "label": self.label,
            "mentions": self.mentions,
            "linked": self.linked,
            "same": self.same,
            "value": _round(self.value),
        }
        if self.value is None:
            out["reason"] = self.reason or (
                f"no {self.label} matched exactly between {self.a} and {self.b} is linked"
            )
        return out


def link_agreement(a: Prepared, b: Prepared, label: str, documents: int) -> LinkAgreement:
    result = LinkAgreement(a.name, b.name, label, 0, 0, 0, None if documents else NO_DOCUMENTS)
    for spans_a, spans_b in zip(a.spans, b.spans, strict=True):
        sa, sb = spans_a[label], spans_b[label]
        for frags in sa.keys() & sb.keys():
            ea, eb = sa[frags].entity, sb[frags].entity
            result.mentions += 1
            if ea is not None or eb is not None:
                result.linked += 1
                result.same += ea == eb
    return result
