"""The reader: an article's text, read-only, with annotations painted over it.

Highlights are painted, not written into the document (no character formats), and only for
the blocks on screen, so a 1 MB article with 10,000 annotations opens and scrolls as fast as
plain text. Every span gets a translucent fill in its label's colour (overlaps darken) and an
underline band below the baseline, one per nesting depth, so nested and overlapping
annotations stay distinguishable; the layout leaves room for the bands under every line
(reader_layout.py). The selected annotation is outlined (solid, all its fragments), the
annotations it links to (speaker, claimant, addressee) get a dashed outline, and the one under
the mouse a thin solid outline in its label's colour with a stronger fill.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Annotation
from annotator.core.schema import Schema
from annotator.core.spans import Span, SpanIndex, nesting_depths
from annotator.gui.plain import plain_tooltip
from annotator.gui.positions import TextPositions
from annotator.gui.reader_layout import BAND, BandedLayout, band_top, room_below

#: Fill opacity (0..255) of a highlight: plain, under the mouse, selected.
FILL_ALPHA = 48
HOVER_ALPHA = 80
SELECTED_ALPHA = 110


class Outline(NamedTuple):
    """How an annotation is outlined: pen width, style and how much darker than its label."""

    width: float
    style: Qt.PenStyle
    darker: int  # QColor.darker factor (100: the label's own colour)


OUTLINES = {
    "selected": Outline(2.0, Qt.PenStyle.SolidLine, 140),
    "linked": Outline(1.5, Qt.PenStyle.DashLine, 140),
    # Thin and solid in the label's own colour: never mistaken for a linked actor's dashes.
    "hovered": Outline(1.0, Qt.PenStyle.SolidLine, 100),
}


def band_rect(text: QRectF, baseline: float, depth: int) -> QRectF:
    """The underline band of nesting level ``depth`` under a span's text on one line."""
    return QRectF(text.left(), band_top(baseline, depth), text.width(), BAND)


class ReaderView(QPlainTextEdit):
    annotationClicked = Signal(object)  # an annotation id, or None for a click on bare text
    fragmentSelected = Signal(int, int)  # Ctrl+selection: a code-point span to add as a fragment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCursorWidth(2)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setViewportMargins(24, 16, 24, 16)
        self.banded = BandedLayout(self.document(), room_below(self.font()))
        self.document().setDocumentLayout(self.banded)
        self.positions = TextPositions("")
        self.index = SpanIndex([])
        self.colors: dict[str, QColor] = {}
        self.labels: dict[str, str] = {}  # annotation id -> label
        self.selected: str | None = None
        self.linked: set[str] = set()
        self._press: tuple[int, bool] | None = None
        self._cycle: tuple[int, int] = (-1, 0)  # last clicked position, how many clicks there
        self.alt_selection = False  # the current mouse selection was made with Alt held
        #: Whether a Ctrl+drag (another fragment) snaps to words: the word-snapping preference,
        #: asked at the time (the tagging controller sets it); Alt turns it off for one drag.
        self.snapping: Callable[[], bool] = lambda: True
        self.hovered: str | None = None  # the annotation under the mouse: all its fragments show
        # Other annotators' layers shown beside this one: painted, never editable here.
        self.other_index = SpanIndex([])
        self.other_labels: dict[str, str] = {}
        self.other_owners: dict[str, str] = {}
        self._after_paint: list[Callable[[], None]] = []
        #: Painted over the highlights with the visible blocks (the review mode's lanes).
        self.overlays: list[Callable[[QPainter, list], None]] = []
        self.extra_room = 0  # pixels under every line beyond the bands' (the lanes')
        self.viewport().setMouseTracking(True)

    # -- content ------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self.positions = TextPositions(text)
        self.index = SpanIndex([])
        self.other_index = SpanIndex([])
        self.other_labels, self.other_owners = {}, {}
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_schema(self, schema: Schema) -> None:
        self.colors = {label.name: QColor(label.color) for label in schema.labels}

    def set_selection(self, selected: str | None, linked: set[str]) -> None:
        self.selected = selected
        self.linked = linked
        self.viewport().update()

    def set_annotations(self, annotations: dict[str, Annotation]) -> None:
        """Rebuild the span index (in Qt positions) and repaint."""
        to_qt = self.positions.to_qt
        spans = []
        labels = {}
        for ann in annotations.values():
            labels[ann.id] = ann.label
            for i, f in enumerate(ann.fragments):
                spans.append(Span(to_qt(f.start), to_qt(f.end), ann.id, i))
        self.index = SpanIndex(spans)
        self.labels = labels
        self.viewport().update()

    def _spans_of(self, ann: Annotation) -> list[Span]:
        to_qt = self.positions.to_qt
        return [Span(to_qt(f.start), to_qt(f.end), ann.id, i) for i, f in enumerate(ann.fragments)]

    def update_annotation(self, ann: Annotation) -> None:
        """One annotation added or changed: patch the index instead of rebuilding it."""
        self.index.replace(ann.id, self._spans_of(ann))
        self.labels[ann.id] = ann.label
        self.viewport().update()

    def remove_annotation(self, ann_id: str) -> None:
        self.index.replace(ann_id, [])
        self.labels.pop(ann_id, None)
        self.other_index.replace(ann_id, [])
        self.other_labels.pop(ann_id, None)
        self.viewport().update()

    def set_others(
        self, annotations: dict[str, Annotation], owner_of: Callable[[Annotation], str]
    ) -> None:
        """Other layers' annotations, painted as dashed, hatched outlines (read-only)."""
        spans = [s for ann in annotations.values() for s in self._spans_of(ann)]
        self.other_index = SpanIndex(spans)
        self.other_labels = {a.id: a.label for a in annotations.values()}
        self.other_owners = {a.id: owner_of(a) for a in annotations.values()}
        self.viewport().update()

    def update_other(self, ann: Annotation) -> None:
        self.other_index.replace(ann.id, self._spans_of(ann))
        self.other_labels[ann.id] = ann.label
        self.viewport().update()

    def other_at(self, qt_position: int) -> list[str]:
        """Ids of other layers' annotations under a Qt position."""
        seen: list[str] = []
        for span in self.other_index.at(qt_position):
            if span.key not in seen:
                seen.append(span.key)
        return seen

    def set_font_size(self, points: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.banded.set_extra(room_below(font) + self.extra_room)  # before the layout
        self.setFont(font)

    def set_extra_room(self, pixels: int) -> None:
        """Leave ``pixels`` more under every line (for lanes painted by an overlay)."""
        self.extra_room = pixels
        self.banded.set_extra(room_below(self.font()) + pixels)
        self.viewport().update()

    # -- geometry -------------------------------------------------------------------------

    def _visible_blocks(self, rect: QRectF) -> list:
        blocks = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > rect.bottom():
                break
            if block.isVisible() and geometry.bottom() >= rect.top():
                blocks.append((block, geometry))
            block = block.next()
        return blocks

    def _rects(self, start: int, end: int, blocks: list) -> list[tuple[QRectF, float]]:
        """Per line a span covers: the rectangle of its text there, and the line's baseline."""
        rects = []
        for block, geometry in blocks:
            b_start = block.position()
            b_end = b_start + block.length() - 1
            if end <= b_start or start > b_end:
                continue
            layout = block.layout()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                l_start = b_start + line.textStart()
                l_end = l_start + line.textLength()
                lo, hi = max(start, l_start), min(end, l_end)
                if lo >= hi and not (lo == hi == l_end and start < l_end):
                    continue
                x1 = line.cursorToX(lo - b_start)[0]
                x2 = line.cursorToX(hi - b_start)[0]
                top = geometry.top() + line.y()
                rect = QRectF(geometry.left() + x1, top, max(x2 - x1, 2.0), line.height())
                rects.append((rect, top + line.ascent()))
        return rects

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.index) or len(self.other_index) or self.overlays:
            painter = QPainter(self.viewport())
            try:
                if len(self.index):
                    self._paint_highlights(painter, QRectF(event.rect()))
                if len(self.other_index):
                    self._paint_others(painter, QRectF(event.rect()))
                for overlay in self.overlays:
                    overlay(painter, self._visible_blocks(QRectF(event.rect())))
            finally:
                painter.end()
        super().paintEvent(event)
        if self._after_paint:
            for work in self._after_paint:
                QTimer.singleShot(0, self, work)
            self._after_paint = []

    def after_paint(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the text has been painted (for what can wait until it shows)."""
        self._after_paint.append(work)
        self.viewport().update()

    def _paint_others(self, painter: QPainter, area: QRectF) -> None:
        blocks = self._visible_blocks(area)
        if not blocks:
            return
        first, last = blocks[0][0], blocks[-1][0]
        spans = self.other_index.overlapping(first.position(), last.position() + last.length())
        for span in spans:
            color = self.colors.get(self.other_labels.get(span.key, ""), QColor("#888888"))
            hatch = QColor(color)
            hatch.setAlpha(90)
            pen = QPen(color.darker(120), 1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            for rect, _baseline in self._rects(span.start, span.end, blocks):
                painter.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                painter.setPen(pen)
                # just outside the text's own outlines, so both stay visible where they meet
                painter.drawRect(rect.adjusted(-1.5, -1.0, 1.5, 1.0))

    def _paint_highlights(self, painter: QPainter, area: QRectF) -> None:
        blocks = self._visible_blocks(area)
        if not blocks:
            return
        first, last = blocks[0][0], blocks[-1][0]
        spans = self.index.overlapping(first.position(), last.position() + last.length())
        depths = nesting_depths(spans)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        outlines: list[tuple[QRectF, QColor, Outline]] = []
        for span in spans:
            color = self.colors.get(self.labels.get(span.key, ""), QColor("#888888"))
            depth = depths[(span.key, span.fragment)]
            kind = self._outline_kind(span.key)
            fill = QColor(color)
            fill.setAlpha(
                SELECTED_ALPHA
                if kind == "selected"
                else HOVER_ALPHA
                if kind == "hovered"
                else FILL_ALPHA
            )
            for rect, baseline in self._rects(span.start, span.end, blocks):
                painter.fillRect(rect, fill)
                painter.fillRect(band_rect(rect, baseline, depth), color)
                if kind is not None:
                    outlines.append((rect, color, OUTLINES[kind]))
        # Outlines a shade darker than the label on a light page, lighter on a dark one.
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for rect, color, outline in outlines:
            shade = color.lighter(outline.darker) if dark else color.darker(outline.darker)
            pen = QPen(shade, outline.width)
            pen.setStyle(outline.style)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))

    def _outline_kind(self, key: str) -> str | None:
        if key == self.selected:
            return "selected"
        if key in self.linked:
            return "linked"
        if key == self.hovered:
            return "hovered"
        return None

    def bands_of(self, ann_id: str) -> list[tuple[QRectF, QRectF, float]]:
        """Where the bands of an annotation's visible fragments are painted: per line, (band,
        text rectangle, baseline), in viewport coordinates."""
        blocks = self._visible_blocks(QRectF(self.viewport().rect()))
        if not blocks:
            return []
        first, last = blocks[0][0], blocks[-1][0]
        spans = self.index.overlapping(first.position(), last.position() + last.length())
        depths = nesting_depths(spans)
        return [
            (band_rect(rect, baseline, depths[(span.key, span.fragment)]), rect, baseline)
            for span in spans
            if span.key == ann_id
            for rect, baseline in self._rects(span.start, span.end, blocks)
        ]

    # -- mouse ----------------------------------------------------------------------------

    def annotations_at(self, qt_position: int) -> list[str]:
        """Ids of the annotations under a Qt position, innermost first, without repeats."""
        seen: list[str] = []
        for span in self.index.at(qt_position):
            if span.key not in seen:
                seen.append(span.key)
        return seen

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pos = self.cursorForPosition(event.position().toPoint()).position()
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._press = (pos, ctrl)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        pos = self.cursorForPosition(event.position().toPoint()).position()
        found = self.annotations_at(pos)
        hovered = found[0] if found else None
        if hovered != self.hovered:  # outline every fragment of the annotation under the mouse
            self.hovered = hovered
            self.viewport().update()
        theirs = self.other_at(pos) if len(self.other_index) else []
        if theirs:
            lines = [
                f"{self.other_owners.get(i, '?')}'s layer (read-only): {self.other_labels.get(i)}"
                for i in theirs
            ]
            QToolTip.showText(event.globalPosition().toPoint(), plain_tooltip("\n".join(lines)))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        press, ctrl = self._press
        self._press = None
        self.alt_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        cursor = self.textCursor()
        if cursor.hasSelection():
            if ctrl:
                span = self.positions.selection_to_span(
                    cursor.selectionStart(),
                    cursor.selectionEnd(),
                    words=self.snapping() and not self.alt_selection,
                )
                if span is not None:
                    self.fragmentSelected.emit(*span)
            return
        self._click(press)

    def _click(self, qt_position: int) -> None:
        found = self.annotations_at(qt_position)
        if not found:
            self._cycle = (-1, 0)
            self.annotationClicked.emit(None)
            return
        last, count = self._cycle
        count = count + 1 if last == qt_position else 0
        self._cycle = (qt_position, count)
        self.annotationClicked.emit(found[count % len(found)])

    # -- helpers for the tagging controller ---------------------------------------------------

    def selection_span(self, words: bool) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.positions.selection_to_span(
            cursor.selectionStart(), cursor.selectionEnd(), words=words
        )

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self.alt_selection = False

    def reveal(self, offset: int) -> None:
        """Scroll so that the code-point ``offset`` is visible (the text cursor moves there)."""
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(offset))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def point_of(self, offset: int) -> QPointF:
        """Where the code-point ``offset`` is on screen (viewport coordinates)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(offset))
        return QPointF(self.cursorRect(cursor).center())
