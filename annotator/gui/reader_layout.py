"""Room under every line of the reader for the underline bands of nested annotations.

A span's band is painted below the baseline of its line, one band per nesting level (see
reader.py). The font's descent leaves room for one band at most (at 9 pt, under 3 pixels), so
the layout adds the rest under each line: Qt's plain-text layout packs lines with no gap and
ignores a block's line height, so this layout moves the lines of each block apart itself, the
first time Qt asks for the block's geometry after laying it out. Painting, hit testing and the
cursor all read the lines' positions, so they follow.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout

BAND = 2.0  # height of an underline band, in pixels
BAND_GAP = 1.0  # between two bands, and between the baseline and the first band
BANDS = 3  # nesting levels with a band of their own; deeper levels share the last one


def band_top(baseline: float, depth: int) -> float:
    """The top of the band of nesting level ``depth`` on a line with this baseline."""
    return baseline + BAND_GAP + min(depth, BANDS - 1) * (BAND + BAND_GAP)


def room_below(font: QFont) -> int:
    """Pixels to add under each line so that every band ends above the next line."""
    needed = band_top(0.0, BANDS - 1) + BAND + BAND_GAP
    return max(0, math.ceil(needed - QFontMetricsF(font).descent()))


class BandedLayout(QPlainTextDocumentLayout):
    """Qt's plain-text layout, with ``extra`` pixels under every line."""

    def __init__(self, document: QTextDocument, extra: int = 0) -> None:
        super().__init__(document)
        self.extra = extra

    def set_extra(self, extra: int) -> None:
        if extra != self.extra:
            self.extra = extra
            self.requestUpdate()

    def _space_lines(self, layout: QTextLayout) -> None:
        count = layout.lineCount()
        if count < 2:
            return
        first, second = layout.lineAt(0), layout.lineAt(1)
        if second.y() - first.y() >= first.height() + self.extra - 0.01:
            return  # spaced already (or Qt's own spacing is larger)
        y = first.y()
        for n in range(count):
            line = layout.lineAt(n)
            line.setPosition(QPointF(line.x(), y))
            y += line.height() + self.extra

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the block out if it has to
        layout = block.layout()
        if self.extra <= 0 or layout is None or layout.lineCount() == 0 or rect.isEmpty():
            return rect
        packed_bottom = layout.boundingRect().bottom()
        margin = rect.height() - packed_bottom  # the document margin under the last block
        self._space_lines(layout)
        bottom = layout.boundingRect().bottom() + self.extra
        return QRectF(rect.x(), rect.y(), rect.width(), bottom + margin)
