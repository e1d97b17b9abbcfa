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
    bounds = np.fromiter(
        (i for m in TOKEN.finditer(text) for i in m.span()), dtype=np.int64
    ).reshape(-1, 2)
    return bounds[:, 0].copy(), bounds[:, 1].copy()


def char_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The offsets of the text's non-whitespace code points (each its own position)."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    starts = np.flatnonzero(~np.isin(points, _WHITESPACE)).astype(np.int64)
    return starts, starts + 1


def document_offsets(documents: Sequence[DocumentIn]) -> np.ndarray:
    """Where each document begins when the texts are laid end to end, one line end between
    them (so that no token or fragment runs from one into the next); the last is the end."""
    offsets = np.zeros(len(documents) + 1, dtype=np.int64)
    np.cumsum([len(doc.text) + 1 for doc in documents], out=offsets[1:])
    return offsets


@dataclass(slots=True)
class PositionIndex:
    """The positions of the documents used, end to end (offsets as in
    :func:`document_offsets`). ``first[d]`` is the number of document d's first position;
    ``first[-1]`` the total."""

    starts: np.ndarray
    ends: np.ndarray
    first: np.ndarray

    @property
    def total(self) -> int:
        return int(self.first[-1])

    def count(self, doc: int) -> int:
        return int(self.first[doc + 1] - self.first[doc])


def index_positions(documents: Sequence[DocumentIn], unit: Unit) -> PositionIndex:
    bounds = token_bounds if unit == "token" else char_bounds
    starts, ends = bounds("\n".join(doc.text for doc in documents))
    offsets = document_offsets(documents)
    first = np.searchsorted(starts, offsets[:-1], side="left")
    return PositionIndex(starts, ends, np.append(first, len(starts)).astype(np.int64))


def marked(index: PositionIndex, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which positions the fragments ``[starts, ends)`` (offsets end to end) touch: a
    boolean vector, through a difference array (+1 at a run's first position, -1 after its
    last)."""
    # positions [i, j) overlap [s, e): their end is after s and their start before e
    i = np.searchsorted(index.ends, starts, side="right")
    j = np.searchsorted(index.starts, ends, side="left")
    keep = i < j
    diff = np.zeros(index.total + 1, dtype=np.int32)
    np.add.at(diff, i[keep], 1)
    np.add.at(diff, j[keep], -1)
    return np.cumsum(diff[:-1]) > 0
