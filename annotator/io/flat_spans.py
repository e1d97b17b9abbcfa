"""What the flat span formats (doccano, Label Studio) share: layers of a document, and
annotations as spans, one per fragment.

Neither format has discontinuous spans: an annotation of several fragments is written as one
span per fragment, and the writer says how many it split. doccano counts offsets as JavaScript
does, in UTF-16 code units (an emoji outside the BMP takes two); Label Studio counts code points
(see docs/adr/ on the offsets of the interchange formats).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.offsets import Utf16Map


@dataclass(frozen=True)
class FlatSpan:
    """One fragment of an annotation (offsets in the format's units), with its exact text."""

    annotation: str  # the annotation's id
    part: int  # 0 for the first fragment
    label: str
    start: int
    end: int
    text: str


@dataclass
class Losses:
    """What a writer could not carry, counted over the whole export."""

    split: int = 0  # discontinuous annotations
    spans: int = 0  # the spans they became
    attributes: int = 0  # annotations whose attributes were left out
    links: int = 0  # annotations whose registry link was left out
    lines: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        said = list(self.lines)
        if self.split:
            said.append(
                f"{self.split} discontinuous annotation{'s' if self.split != 1 else ''} "
                f"split into {self.spans} spans (relations attach to the first)"
            )
        if self.attributes:
            said.append(f"attributes of {_annotations(self.attributes)} left out")
        if self.links:
            said.append(f"registry links of {_annotations(self.links)} left out")
        return said


def _annotations(count: int) -> str:
    return f"{count} annotation{'' if count == 1 else 's'}"


def layers(doc: dict[str, Any]) -> Iterator[tuple[str | None, list[Any], list[Any]]]:
    """``(annotator id, annotations, relations)`` of each annotator who annotated ``doc``, in
    order of first appearance; one ``(None, [], [])`` if nobody did."""
    order: dict[str, tuple[list[Any], list[Any]]] = {}
    for ann in doc["annotations"]:
        order.setdefault(ann["annotator"], ([], []))[0].append(ann)
    for rel in doc["relations"]:
        order.setdefault(rel["annotator"], ([], []))[1].append(rel)
    if not order:
        yield None, [], []
    for who, (anns, rels) in order.items():
        # relations in the order of their ends (the store orders them by creation time, which
        # ties within a millisecond), so the same project always gives the same file
        place = {a["id"]: i for i, a in enumerate(anns)}
        rels.sort(key=lambda r: (place.get(r["source"], -1), place.get(r["target"], -1), r["type"]))
        yield who, anns, rels


def flat_spans(
    text: str, annotations: list[dict[str, Any]], losses: Losses, *, utf16: bool
) -> list[FlatSpan]:
    """Every fragment of ``annotations`` as a span, in UTF-16 code units (``utf16``) or code
    points; counts the splits in ``losses``."""
    units = Utf16Map(text).to_utf16 if utf16 else int
    out: list[FlatSpan] = []
    for ann in annotations:
        fragments = ann["fragments"]
        if len(fragments) > 1:
            losses.split += 1
            losses.spans += len(fragments)
        for part, frag in enumerate(fragments):
            start, end = frag["start"], frag["end"]
            if text[start:end] != frag["text"]:  # the store checks this; never export a shift
                raise ValueError(f"annotation {ann['id']}: fragment text does not match")
            out.append(
                FlatSpan(
                    ann["id"],
                    part,
                    ann["label"],
                    units(start),
                    units(end),
                    frag["text"],
                )
            )
    return out
