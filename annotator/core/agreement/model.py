"""The plain data the agreement measures read and the figures they give back.

The store turns a project's layers into :class:`AgreementInput` (store/agreement_input.py), so
nothing here touches SQL or files. A *position* is a token or a non-whitespace code point of a
text (see positions.py); a *matched pair* is one annotation of each of two annotators paired
by the span matching (see spans.py).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Unit = Literal["token", "char"]
UNITS: tuple[str, ...] = ("token", "char")
#: The label (or relation type) that stands for all of them pooled.
POOLED = "*"
#: Why no document was used, said wherever a figure is undefined for that reason.
NO_DOCUMENTS = "no document was marked done by every compared annotator"


@dataclass(slots=True)
class SpanIn:
    """One annotation as the measures see it: fragments are ``(start, end)`` code points."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    attributes: Mapping[str, Any] = field(default_factory=dict)
    entity: str | None = None


@dataclass(slots=True)
class RelationIn:
    type: str
    source: str  # annotation ids of the same annotator and document
    target: str


@dataclass(slots=True)
class LayerIn:
    """One annotator's work on one document."""

    status: str = "new"
    spans: list[SpanIn] = field(default_factory=list)
    relations: list[RelationIn] = field(default_factory=list)


@dataclass(slots=True)
class DocumentIn:
    id: str
    text: str
    layers: dict[str, LayerIn] = field(default_factory=dict)  # annotator name -> their work
    title: str = ""


@dataclass(slots=True)
class AgreementInput:
    """What to compare: the annotators (names, in order), the labels with the attributes each
    has, the relation types, the label of actor mentions (``Schema.roles.actor``) and the
    documents."""

    annotators: list[str]
    labels: list[str]
    documents: list[DocumentIn]
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    relation_types: list[str] = field(default_factory=list)
    mention_label: str | None = None


@dataclass(slots=True)
class Ratio:
    """matched of a_count and b_count; precision = matched / b, recall = matched / a."""

    matched: int = 0
    a_count: int = 0
    b_count: int = 0

    def add(self, other: Ratio) -> None:
        self.matched += other.matched
        self.a_count += other.a_count
        self.b_count += other.b_count

    @property
    def f1(self) -> float | None:
        total = self.a_count + self.b_count
        return 2 * self.matched / total if total else None

    def as_dict(self, a: str, b: str, what: str) -> dict[str, Any]:
        precision = self.matched / self.b_count if self.b_count else None
        recall = self.matched / self.a_count if self.a_count else None
        out: dict[str, Any] = {
            "matched": self.matched,
            "a_count": self.a_count,
            "b_count": self.b_count,
            "precision": _round(precision),
            "recall": _round(recall),
            "f1": _round(self.f1),
        }
        reasons = []
        if not self.a_count and not self.b_count:
            reasons.append(f"neither {a} nor {b} marked any {what}")
        else:
            if not self.b_count:
                reasons.append(f"precision: {b} marked no {what}")
            if not self.a_count:
                reasons.append(f"recall: {a} marked no {what}")
        if reasons:
            out["reason"] = "; ".join(reasons)
        return out


@dataclass(slots=True)
class Coefficient:
    """A chance-corrected coefficient: (observed - expected) / (1 - expected), or undefined
    with the reason."""

    value: float | None
    observed: float | None
    expected: float | None
    positions: int
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": _round(self.value),
            "observed": _round(self.observed),
            "expected": _round(self.expected),
            "positions": self.positions,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


def chance_corrected(observed: float, expected: float, positions: int, why: str) -> Coefficient:
    """κ from observed and expected agreement; undefined when expected agreement is 1 (every
    position got the same category from everyone: there is no disagreement to correct for).
    ``why`` says what was constant, for the reason."""
    if expected >= 1.0 - 1e-12:
        return Coefficient(
            None, observed, expected, positions, f"expected agreement is 1 ({why}); κ is 0/0"
        )
    return Coefficient((observed - expected) / (1 - expected), observed, expected, positions)


def no_positions(reason: str) -> Coefficient:
    return Coefficient(None, None, None, 0, reason)


#: Figures are rounded in the output only (never before pooling).
DIGITS = 4


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def pairs_of(annotators: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair of annotators, in their order (a before b)."""
    return [(a, b) for i, a in enumerate(annotators) for b in annotators[i + 1 :]]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile. Reading and comparing 150,000 annotations
    makes hundreds of thousands of small objects, none of them in a cycle; each automatic
    collection would walk them all again (a third of the time, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
