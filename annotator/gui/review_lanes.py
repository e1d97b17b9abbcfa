"""The review mode's lanes: under every line, a state bar and one thin lane per compared
annotator, painted over the reader (which shows the gold layer as its normal highlights).

Under the gold layer's own bands come, for every unit, a **state bar** in the colour of its
state (agreed, disagreed, incomplete, accepted, rejected; see STATE_COLORS) and then lane 1,
2, 3… one per compared
annotator in the order of the selector, each painted where that annotator tagged, in the
colour of the label they gave. The number of a lane is the key that accepts its version. The
current unit gets an outline in its state's colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip

from annotator.core.spans import Span, SpanIndex
from annotator.core.units import ACCEPTED, AGREED, DISAGREED, INCOMPLETE, REJECTED, Unit
from annotator.gui.plain import plain_tooltip
from annotator.gui.reader import ReaderView
from annotator.gui.reader_layout import BAND, BAND_GAP, BANDS, band_top

#: State colours, apart from the default schema's label colours (which take the blue, orange,
#: green and pink of Okabe & Ito's palette): Okabe–Ito's sky blue and vermillion, Paul Tol's
#: yellow (painted hollow), ink (the page's text colour: settled) and a dotted grey, so the
#: states differ in shape as well as colour and stay apart
#: for the common colour-vision deficiencies and on the light and the dark page.
STATE_COLORS = {
    AGREED: "#56B4E9",  # sky blue
    DISAGREED: "#D55E00",  # vermillion
    INCOMPLETE: "#DDAA33",  # yellow
    ACCEPTED: "#222222",  # ink; on the dark page see state_color
    REJECTED: "#999999",  # grey, painted dashed
}
DARK_INK = "#EEEEEE"


def state_color(state: str, dark: bool = False) -> QColor:
    """The colour of a state on a light (or dark) page."""
    if state == ACCEPTED and dark:
        return QColor(DARK_INK)
    return QColor(STATE_COLORS.get(state, "#999999"))


STATE_TEXT = {
    AGREED: "agreed",
    DISAGREED: "disagreed",
    INCOMPLETE: "incomplete",
    ACCEPTED: "accepted",
    REJECTED: "rejected",
}
LANE = 3.0  # height of an annotator's lane, pixels
STATE_BAR = 4.0  # height of the state bar above the lanes
LANE_GAP = 1.0


def lanes_top(baseline: float) -> float:
    """Where the state bar starts: under the gold layer's deepest band."""
    return band_top(baseline, BANDS - 1) + BAND + BAND_GAP + 1.0


def lane_top(baseline: float, lane: int) -> float:
    """The top of annotator lane ``lane`` (1, 2, …) under a line with this baseline."""
    return lanes_top(baseline) + STATE_BAR + 2 * LANE_GAP + (lane - 1) * (LANE + LANE_GAP)


def room_for(lanes: int) -> int:
    """Pixels the lanes (state bar included) need under every line."""
    return int(STATE_BAR + 2 * LANE_GAP + lanes * (LANE + LANE_GAP) + 4)


class Lanes(QObject):
    """Paints the units and versions of one document (install with :meth:`attach`); the
    tooltip over a unit names each lane's annotator and label."""

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.reader = reader
        self.units: dict[str, Unit] = {}
        self.names: list[str] = []  # the lanes' annotators' names, in lane order
        self.annotators: list[str] = []
        self.lanes: list[SpanIndex] = []
        self.lane_labels: dict[str, str] = {}
        self.states = SpanIndex([])
        self.state_of: dict[str, str] = {}
        self.current: Unit | None = None

    def attach(self, lane_count: int) -> None:
        if self.paint not in self.reader.overlays:
            self.reader.overlays.append(self.paint)
            self.reader.viewport().installEventFilter(self)
        self.reader.set_extra_room(room_for(lane_count))

    def detach(self) -> None:
        if self.paint in self.reader.overlays:
            self.reader.overlays.remove(self.paint)
            self.reader.viewport().removeEventFilter(self)
        self.reader.set_extra_room(0)

    def set_units(
        self, units: list[Unit], annotators: list[str], names: list[str] | None = None
    ) -> None:
        to_qt = self.reader.positions.to_qt
        self.units = {u.key: u for u in units}
        self.annotators, self.names = annotators, names or annotators
        per_lane: list[list[Span]] = [[] for _ in annotators]
        states: list[Span] = []
        self.lane_labels, self.state_of = {}, {}
        for unit in units:
            states.append(Span(to_qt(unit.start), to_qt(unit.end), unit.key))
            self.state_of[unit.key] = unit.state
            for lane, who in enumerate(annotators):
                for ann in unit.versions.get(who, []):
                    self.lane_labels[ann.id] = ann.label
                    per_lane[lane].extend(
                        Span(to_qt(f.start), to_qt(f.end), ann.id, i)
                        for i, f in enumerate(ann.fragments)
                    )
        self.lanes = [SpanIndex(spans) for spans in per_lane]
        self.states = SpanIndex(states)
        self.reader.viewport().update()

    def tooltip_at(self, qt_position: int) -> str:
        """Each unit at a position: its state, then lane by lane who tagged what."""
        lines = []
        for span in self.states.at(qt_position):
            unit = self.units.get(span.key)
            if unit is None:
                continue
            differs = f" ({', '.join(unit.aspects)})" if unit.aspects else ""
            lines.append(f"{unit.label}: {unit.state}{differs}")
            for k, (who, name) in enumerate(zip(self.annotators, self.names, strict=False), 1):
                labels = ", ".join(a.label for a in unit.versions.get(who, [])) or "—"
                lines.append(f"  {k}  {name}: {labels}")
        return "\n".join(lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.reader.cursorForPosition(event.pos()).position()
            text = self.tooltip_at(position)
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self.reader)
                return True
        return False

    def set_current(self, unit: Unit | None) -> None:
        self.current = unit
        self.reader.viewport().update()

    def paint(self, painter: QPainter, blocks: list) -> None:
        if not blocks:
            return
        reader = self.reader
        first, last = blocks[0][0], blocks[-1][0]
        lo, hi = first.position(), last.position() + last.length()
        dark = reader.palette().color(QPalette.ColorRole.Base).lightness() < 128
        for span in self.states.overlapping(lo, hi):
            state = self.state_of.get(span.key, "")
            color = state_color(state, dark)
            for rect, baseline in reader._rects(span.start, span.end, blocks):
                bar = QRectF(rect.left(), lanes_top(baseline), rect.width(), STATE_BAR)
                if state == REJECTED:  # dotted: grey alone could pass for a faint lane
                    painter.fillRect(bar, QBrush(color, Qt.BrushStyle.Dense4Pattern))
                elif state == INCOMPLETE:  # hollow: a shape, not only a colour, says "partial"
                    painter.setPen(QPen(color, 1.0))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(bar.adjusted(0.5, 0.5, -0.5, -0.5))
                else:
                    painter.fillRect(bar, color)
        for lane, index in enumerate(self.lanes, start=1):
            for span in index.overlapping(lo, hi):
                label = self.lane_labels.get(span.key, "")
                color = reader.colors.get(label, QColor("#888888"))
                for rect, baseline in reader._rects(span.start, span.end, blocks):
                    top = lane_top(baseline, lane)
                    painter.fillRect(QRectF(rect.left(), top, rect.width(), LANE), color)
        unit = self.current
        if unit is not None:
            to_qt = reader.positions.to_qt
            painter.setPen(QPen(state_color(unit.state, dark), 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect, baseline in reader._rects(to_qt(unit.start), to_qt(unit.end), blocks):
                box = QRectF(rect.left() - 2, rect.top() - 1, rect.width() + 4, 0)
                box.setBottom(lane_top(baseline, len(self.lanes)) + LANE + 1)
                painter.drawRect(box)
