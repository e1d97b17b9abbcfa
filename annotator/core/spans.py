"""Finding the annotations that touch a range of text, fast enough to run on every repaint.

The reader asks, for the visible part of a long article, which fragments overlap it, and for
a click, which annotations contain the clicked position. :class:`SpanIndex` answers both in
O(log n + k) with intervals sorted by start and a running maximum of their ends.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    key: str  # the annotation id
    fragment: int = 0  # index of the fragment within its annotation


def _order(span: Span) -> tuple[int, int, str, int]:
    return (span.start, -span.end, span.key, span.fragment)


class SpanIndex:
    """Spans sorted by start; build it once per document, then :meth:`replace` per edit."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self._reindex(sorted(spans, key=_order))

    def _reindex(self, ordered: list[Span]) -> None:
        self.spans = ordered
        self._starts = [s.start for s in ordered]
        self._max_end: list[int] = []
        best = -1
        for span in ordered:
            best = max(best, span.end)
            self._max_end.append(best)

    def replace(self, key: str, spans: Iterable[Span]) -> None:
        """Drop the spans of ``key`` and insert ``spans``: one edit costs O(n), not a sort."""
        kept = [s for s in self.spans if s.key != key]
        for span in spans:
            bisect.insort(kept, span, key=_order)
        self._reindex(kept)

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans with ``span.start < end`` and ``span.end > start``, in start order."""
        first = bisect.bisect_right(self._max_end, start)  # earlier spans all end <= start
        last = bisect.bisect_left(self._starts, end)
        return [s for s in self.spans[first:last] if s.end > start]

    def at(self, position: int) -> list[Span]:
        """Spans containing ``position`` (start <= position < end), innermost first."""
        found = self.overlapping(position, position + 1)
        return sorted(found, key=lambda s: (s.end - s.start, s.start))


def nesting_depths(spans: list[Span]) -> dict[tuple[str, int], int]:
    """For spans in start order: how many earlier spans are still open where each begins.

    Depth 0 is drawn as a fill; deeper spans get stacked underline bands so that overlapping
    and nested annotations stay distinguishable.
    """
    depths: dict[tuple[str, int], int] = {}
    open_ends: list[tuple[int, int]] = []  # (end, depth) of spans still open
    for span in spans:
        open_ends = [(e, d) for e, d in open_ends if e > span.start]
        taken = {d for _, d in open_ends}
        depth = next(d for d in range(len(taken) + 1) if d not in taken)
        depths[(span.key, span.fragment)] = depth
        open_ends.append((span.end, depth))
    return depths
