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
from functools import cache

import numpy as np
import regex

from annotator.core.agreement.model import DocumentIn, Unit

TOKEN = regex.compile(r"\w+|[^\w\s]")
#: Every whitespace code point (all lie below U+3001), for the char unit.
_WHITESPACE = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


@cache
def _bmp_classes() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane: 1 if it matches ``\\w``, 2 if
    ``\\s``, 0 otherwise (the classes the token pattern is made of)."""
    word, space = regex.compile(r"\w"), regex.compile(r"\s")
    classes = np.zeros(0x10000, dtype=np.int8)
    for cp in range(0x10000):
        ch = chr(cp)
        classes[cp] = 1 if word.match(ch) else 2 if space.match(ch) else 0
    return classes


def _classes(points: np.ndarray) -> np.ndarray:
    table = _bmp_classes()
    classes = table[np.minimum(points, 0xFFFF)]
    astral = points > 0xFFFF
    if astral.any():  # rare (emoji, historic scripts): one by one
        word, space = regex.compile(r"\w"), regex.compile(r"\s")
        for i in np.flatnonzero(astral).tolist():
            ch = chr(int(points[i]))
            classes[i] = 1 if word.match(ch) else 2 if space.match(ch) else 0
    return classes


def token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The starts and ends (code points, end-exclusive) of the text's tokens: the matches of
    ``\\w+|[^\\w\\s]``, found from each code point's class (a run of word characters is
    one token, any other non-space character a token of its own) rather than by running the
    pattern over megabytes of text."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(points) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    classes = _classes(points)
    word = classes == 1
    other = classes == 0
    before = np.concatenate(([False], word[:-1]))
    after = np.concatenate((word[1:], [False]))
    starts = np.flatnonzero((word & ~before) | other)
    ends = np.flatnonzero((word & ~after) | other) + 1
    return starts.astype(np.int64), ends.astype(np.int64)


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
