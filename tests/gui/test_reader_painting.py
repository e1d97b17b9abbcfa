"""What the reader paints, read back from its pixels and its geometry: the hover outline is not
the linked actor's, and the bands of nested annotations stay under the letters."""

from __future__ import annotations

from gui_mouse import click_text, drag_select, hover_text
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

TEXT = (
    "Karamov met Lindqvist and Olsen on Monday. The union demanded that Minister Olsen "
    "withdraw the decree before any talks could resume between the two delegations, and "
    "Lindqvist agreed."
)


def tag(qtbot, window, needle: str, key: Qt.Key) -> str:
    start = TEXT.index(needle)
    drag_select(window.reader, start, start + len(needle))
    qtbot.keyClick(window.reader, key)
    return window.session.selected


def rendered(reader) -> QImage:
    reader.viewport().repaint()
    QApplication.processEvents()
    return reader.viewport().grab().toImage()


def text_rect(reader, needle: str) -> QRectF:
    """Where ``needle`` (on one line) is on screen, from the text cursor's positions."""
    start = TEXT.index(needle)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.positions.to_qt(start))
    a = reader.cursorRect(cursor)
    cursor.setPosition(reader.positions.to_qt(start + len(needle)))
    b = reader.cursorRect(cursor)
    assert a.top() == b.top(), f"{needle!r} is not on one line"
    return QRectF(a.left(), a.top(), b.left() - a.left(), a.height())


def top_edge_coverage(plain: QImage, outlined: QImage, rect: QRectF) -> float:
    """How much of the top edge of ``rect`` an outline covers: the largest share of one row's
    pixels that changed between a rendering without the outline and one with it (a solid line
    covers all of it, dashes leave gaps)."""
    left, right = int(rect.left()) + 3, int(rect.right()) - 3
    best = 0.0
    for y in range(int(rect.top()) - 1, int(rect.top()) + 3):
        changed = sum(plain.pixel(x, y) != outlined.pixel(x, y) for x in range(left, right))
        best = max(best, changed / (right - left))
    return best


def test_the_hovered_annotation_is_outlined_unlike_a_linked_actor(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    karamov = tag(qtbot, window, "Karamov", Qt.Key.Key_A)
    lindqvist = tag(qtbot, window, "Lindqvist", Qt.Key.Key_A)
    demand = tag(qtbot, window, "withdraw the decree", Qt.Key.Key_D)
    qtbot.keyClick(reader, Qt.Key.Key_L)  # the claimant: Karamov, clicked
    click_text(reader, TEXT.index("Karamov") + 2)
    assert window.session.selected == demand
    assert reader.linked == {karamov}
    linked_rect = text_rect(reader, "Karamov")
    hovered_rect = text_rect(reader, "Lindqvist")
    hover_text(reader, TEXT.index("Monday") + 2)  # nothing annotated there
    assert reader.hovered is None
    plain = rendered(reader)
    hover_text(reader, TEXT.index("Lindqvist") + 2)
    assert reader.hovered == lindqvist
    hovered = rendered(reader)
    assert top_edge_coverage(plain, hovered, hovered_rect) == 1.0  # solid: under the mouse
    window.session.select(None)
    unlinked = rendered(reader)
    window.session.select(demand)
    linked = rendered(reader)
    assert 0.2 < top_edge_coverage(unlinked, linked, linked_rect) < 0.9  # dashed: linked


def test_nested_bands_stay_below_the_baseline_at_9_points(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path, font_size=9.0)
    reader = window.reader
    assert reader.font().pointSizeF() == 9.0
    window.resize(700, 600)  # the demand wraps onto a second line
    QApplication.processEvents()
    demand = tag(
        qtbot, window, "The union demanded that Minister Olsen withdraw the decree", Qt.Key.Key_D
    )
    cue = tag(qtbot, window, "demanded", Qt.Key.Key_C)
    actor = tag(qtbot, window, "Minister Olsen", Qt.Key.Key_A)
    inner = tag(qtbot, window, "Olsen withdraw", Qt.Key.Key_Q)  # overlaps the actor: depth 2
    metrics = QFontMetricsF(reader.font())
    lines = reader.bands_of(demand)
    assert len(lines) >= 2, "the demand should wrap"
    pitch = lines[1][1].top() - lines[0][1].top()  # from one line's top to the next one's
    assert pitch > metrics.height()  # room under every line
    seen_depths = set()
    for ann in (demand, cue, actor, inner):
        for band, text_rect, baseline in reader.bands_of(ann):
            assert abs(baseline - (text_rect.top() + metrics.ascent())) < 1.0
            assert band.top() > baseline, "a band runs through the letters"
            assert band.bottom() <= text_rect.top() + pitch, "a band runs into the next line"
            seen_depths.add(round(band.top() - baseline))
    assert len(seen_depths) == 3  # depths 0, 1 and 2: three bands, one under the other


def test_more_room_under_lines_keeps_clicks_and_selection_on_the_right_words(
    qtbot, make_window, article_project
) -> None:
    path, doc_id = article_project(TEXT)
    window = make_window(path, font_size=9.0)
    window.resize(700, 600)
    QApplication.processEvents()
    needle = "Lindqvist agreed"  # on the last line: every line above it moved down
    start = TEXT.index(needle)
    drag_select(window.reader, start, start + len(needle))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    (ann,) = window.session.layer.annotations(doc_id)
    assert ann.text == needle
