"""Positions: the units κ counts, and which of them each annotator gave each label.

A *position* is a token (``--unit token``: a match of ``\\w+|[^\\w\\s]`` on the text, so a
word or one punctuation mark) or a non-whitespace code point (``--unit char``). A position
is labelled X by an annotator when any of its code points lies in one of their X fragments.

All documents used are laid end to end (position numbers run on from one document to the
next), so that each annotator's positions of a label are one boolean vector and counts per
document are sums over slices of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from annotator.core.agreement.model import DocumentIn, Unit

TOKEN = regex.compile(r"\w+|[^\w\s]")
#: Every whitespace code point (all lie below U+3001), for the char unit.
_WHITESPACE = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


def token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The starts and ends (code points, end-exclusive) of the text's tokens."""
    spans = [m.span() for m in TOKEN.finditer(text)]
    if not spans:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    bounds = np.array(spans, dtype=np.int64)
    return bounds[:, 0], bounds[:, 1]


def char_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The offsets of the text's non-whitespace code points (each its own position)."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    starts = np.flatnonzero(~np.isin(points, _WHITESPACE)).astype(np.int64)
    return starts, starts + 1


@dataclass(slots=True)
class PositionIndex:
    """The positions of the documents used, end to end. ``first[d]`` is the number of
    document d's first position; ``first[-1]`` the total."""

    starts: list[np.ndarray]
    ends: list[np.ndarray]
    first: np.ndarray

    @property
    def total(self) -> int:
        return int(self.first[-1])

    def count(self, doc: int) -> int:
        return int(self.first[doc + 1] - self.first[doc])


def index_positions(documents: Sequence[DocumentIn], unit: Unit) -> PositionIndex:
    bounds = token_bounds if unit == "token" else char_bounds
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    for doc in documents:
        s, e = bounds(doc.text)
        starts.append(s)
        ends.append(e)
    first = np.zeros(len(documents) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in starts], out=first[1:])
    return PositionIndex(starts, ends, first)


class Marks:
    """Collects the fragments of one annotator and label, then gives the boolean vector of
    the positions they touch (through a difference array: +1 at a run's first position, -1
    after its last)."""

    def __init__(self, total: int) -> None:
        self._total = total
        self._begin: list[np.ndarray] = []
        self._stop: list[np.ndarray] = []

    def add(self, index: PositionIndex, doc: int, fragments: Sequence[tuple[int, int]]) -> None:
        if not fragments:
            return
        frags = np.asarray(fragments, dtype=np.int64)
        ends = index.ends[doc]
        # positions [i, j) overlap [s, e): their end is after s and their start before e
        i = np.searchsorted(ends, frags[:, 0], side="right")
        j = np.searchsorted(index.starts[doc], frags[:, 1], side="left")
        keep = i < j
        offset = index.first[doc]
        self._begin.append(i[keep] + offset)
        self._stop.append(j[keep] + offset)

    def vector(self) -> np.ndarray:
        diff = np.zeros(self._total + 1, dtype=np.int32)
        if self._begin:
            np.add.at(diff, np.concatenate(self._begin), 1)
            np.add.at(diff, np.concatenate(self._stop), -1)
        return np.cumsum(diff[:-1]) > 0
