"""Krippendorff's α (nominal) for each attribute, over exactly matched annotations.

A *unit* is one annotation that at least two annotators made identically (the same document,
label and fragments); each annotator who made it gives the attribute's value there, or none
(a value not set is missing, not a category of its own). Units with fewer than two values are
dropped (and counted); the α over the rest comes from the ``krippendorff`` package
(Krippendorff 2011, 2013): α = 1 - Do / De. When every value is the same, De = 0 and α is
undefined.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import krippendorff
import numpy as np

from annotator.core.agreement.model import NO_DOCUMENTS, SpanIn, _round
from annotator.core.agreement.spans import Frags, Prepared


@dataclass(slots=True)
class Alpha:
    label: str
    attribute: str
    value: float | None
    units: int  # units used (two values or more)
    dropped: int  # matched units with fewer than two values
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "attribute": self.attribute,
            "alpha": _round(self.value),
            "units": self.units,
            "dropped": self.dropped,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


def _value(raw: Any) -> str | None:
    if type(raw) is str:
        return raw or None
    if raw is None or raw == []:
        return None
    return json.dumps(raw, sort_keys=True, ensure_ascii=False)


def matched_units(prepared: Sequence[Prepared], label: str) -> list[list[SpanIn | None]]:
    """The annotations of ``label`` that two annotators or more made identically: per unit,
    each annotator's annotation there (None where they made none)."""
    units: list[list[SpanIn | None]] = []
    coders = len(prepared)
    for d in range(len(prepared[0].spans) if prepared else 0):
        seen: dict[Frags, list[SpanIn | None]] = {}
        for who, p in enumerate(prepared):
            for frags, span in p.spans[d][label].items():
                row = seen.get(frags)
                if row is None:
                    row = seen[frags] = [None] * coders
                row[who] = span
        units.extend(row for row in seen.values() if row.count(None) <= coders - 2)
    return units


def attribute_alpha(
    units: Sequence[Sequence[SpanIn | None]], label: str, attribute: str, documents: int
) -> Alpha:
    """α of one attribute of ``label`` over its matched units (:func:`matched_units`)."""
    if documents == 0:
        return Alpha(label, attribute, None, 0, 0, NO_DOCUMENTS)
    values: list[list[str | None]] = []
    dropped = 0
    for unit in units:
        row = [None if x is None else _value(x.attributes.get(attribute)) for x in unit]
        if len(row) - row.count(None) < 2:
            dropped += 1
        else:
            values.append(row)
    coders = len(units[0]) if units else 0
    return _alpha(label, attribute, values, dropped, coders)


def _alpha(
    label: str, attribute: str, units: list[list[str | None]], dropped: int, coders: int
) -> Alpha:
    if not units:
        return Alpha(
            label,
            attribute,
            None,
            0,
            dropped,
            f"no {label} matched exactly by two annotators has two values of {attribute}",
        )
    categories = sorted({v for unit in units for v in unit if v is not None})
    if len(categories) < 2:
        return Alpha(
            label,
            attribute,
            None,
            len(units),
            dropped,
            f"every value is {categories[0]!r}: expected disagreement is 0, α is 0/0",
        )
    code = {c: float(i) for i, c in enumerate(categories)}
    data = np.full((coders, len(units)), np.nan)
    for u, unit in enumerate(units):
        for who, v in enumerate(unit):
            if v is not None:
                data[who, u] = code[v]
    value = krippendorff.alpha(
        reliability_data=data,
        level_of_measurement="nominal",
        value_domain=list(code.values()),
    )
    return Alpha(label, attribute, float(value), len(units), dropped)
