"""The one place where Qt positions (UTF-16 code units) meet stored offsets (code points).

Every widget that turns a cursor or a selection into offsets, or an annotation into a Qt
range, goes through :class:`TextPositions`; nothing else in the GUI does arithmetic on
positions. A selection is snapped outward to grapheme clusters (and optionally to words), so
that a span never splits an emoji, a flag or a letter and its combining mark.
"""

from __future__ import annotations

from typing import Literal

from annotator.core.offsets import Utf16Map, snap_span_to_graphemes, snap_span_to_words


class TextPositions:
    def __init__(self, text: str) -> None:
        self.text = text
        self._map = Utf16Map(text)

    def to_qt(self, offset: int) -> int:
        return self._map.to_utf16(offset)

    def to_offset(
        self, qt_position: int, *, snap: Literal["left", "right", "error"] = "left"
    ) -> int:
        return self._map.from_utf16(qt_position, snap=snap)

    def selection_to_span(
        self, qt_start: int, qt_end: int, *, words: bool
    ) -> tuple[int, int] | None:
        """A Qt selection as a code-point span, snapped; None when nothing is left."""
        lo, hi = sorted((qt_start, qt_end))
        start = self.to_offset(lo, snap="left")
        end = self.to_offset(hi, snap="right")
        start, end = snap_span_to_graphemes(self.text, start, end)
        if words:
            start, end = snap_span_to_words(self.text, start, end)
        else:
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
        return (start, end) if start < end else None
