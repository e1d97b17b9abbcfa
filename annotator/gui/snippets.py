"""The Match column of a search: the snippet cut to its column around the match, so that the
match itself is what shows, not the words before it.

A snippet from the store reads "…the two delegations agreed on [humanitarian] access to the
valley…" (the match between [ and ]). Elided at the right in a narrow column, it would show
"…the two delega…". Here the words before the match give way first: "…agreed on [humanitar…"
at worst "[humanitarian] acc…", and only a match wider than the column is cut itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

ELLIPSIS = "…"
#: At most this share of the room goes to the words before the match.
BEFORE_SHARE = 0.35


def fit_snippet(
    text: str,
    width: int,
    measure: Callable[[str], int],
    elide_right: Callable[[str, int], str],
) -> str:
    """``text`` cut to ``width`` (as ``measure`` counts it) with its first [match] in view."""
    if measure(text) <= width:
        return text
    start = text.find("[")
    end = text.find("]", start + 1) + 1 if start >= 0 else 0
    if start <= 0 or end <= 0:
        return elide_right(text, width)
    before, rest = text[:start], text[start:]
    # The words before get their share of the room, or all of it that the rest leaves.
    share = (width - measure(ELLIPSIS + text[start:end])) * BEFORE_SHARE
    budget = max(share, width - measure(rest))
    kept = before
    while kept and measure(ELLIPSIS + kept) > budget:  # drop words from the start
        space = kept.find(" ", 1)
        kept = kept[space + 1 :] if space >= 0 else ""
    lead = kept if kept == before else ELLIPSIS + kept
    return elide_right(lead + rest, width)


class SnippetDelegate(QStyledItemDelegate):
    """Draws the Match column's snippets cut around their match (see :func:`fit_snippet`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def displayed(self, option: QStyleOptionViewItem, text: str) -> str:
        """What fits of ``text`` in the cell of ``option`` (the style's text margins off)."""
        metrics = QFontMetrics(option.font)
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = 0
        if style is not None:
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        width = option.rect.width() - 2 * margin
        return fit_snippet(
            text,
            width,
            metrics.horizontalAdvance,
            lambda s, w: metrics.elidedText(s, Qt.TextElideMode.ElideRight, w),
        )

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = self.displayed(option, option.text)
