"""Tagging in the real window, the way a person does it: mouse drags, label keys, clicks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from gui_mouse import click_text, drag_select
from gui_wait import when_popup
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

TEXT = (
    "“We will not,” Karamov said, “give up a single village.” The union demanded that the "
    "government withdraw the decree. Karamov's deputy agreed."
)


def stored(path: Path) -> list[tuple[str, str]]:
    """(label, fragments JSON) read through a separate connection: what a crash would keep."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT label, fragments FROM annotations ORDER BY start, "end"'
        ).fetchall()


def stored_texts(path: Path) -> list[tuple[str, str]]:
    """(label, covered text) as stored."""
    return [
        (label, " … ".join(f["text"] for f in json.loads(fragments)))
        for label, fragments in stored(path)
    ]


def annotations(window) -> list:
    return window.session.layer.annotations(window.session.document.id)


def test_drag_then_label_key_tags_whole_words_and_commits_at_once(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    start = TEXT.index("ill not")  # starts inside "will": snapping takes the whole word
    drag_select(reader, start, start + len("ill no"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    (ann,) = annotations(window)
    assert ann.label == "Quote"
    assert ann.text == "will not"
    assert stored(path) and stored(path)[0][0] == "Quote"  # committed before we looked


def test_alt_drag_does_not_snap(qtbot, make_window, article_project) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    start = TEXT.index("aramov")
    drag_select(window.reader, start, start + 4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_A)
    (ann,) = annotations(window)
    assert ann.text == "aram"


def test_spans_after_astral_characters_store_what_was_selected(
    qtbot, make_window, article_project
) -> None:
    text = "Post 👨‍👩‍👧 by 𠀀 envoy Zoe\u0308 said: cafe\u0301 talks resume 🇺🇳 today."
    path, _ = article_project(text)
    window = make_window(path)
    doc_text = window.session.document.text  # NFC: "Zoë", "café"
    reader = window.reader
    for word, key in (("envoy", Qt.Key.Key_A), ("café", Qt.Key.Key_Q), ("today", Qt.Key.Key_D)):
        start = doc_text.index(word)
        drag_select(reader, start, start + len(word))
        qtbot.keyClick(reader, key)
    texts = sorted(a.text for a in annotations(window))
    assert texts == ["café", "envoy", "today"]
    # Shift+Right from just before the family emoji selects the whole grapheme cluster.
    family = doc_text.index("👨")
    click_text(reader, family - 1)  # the space before it: the cursor lands at a boundary
    cursor = reader.textCursor()
    assert reader.positions.to_offset(cursor.position()) in (family - 1, family)
    if reader.positions.to_offset(cursor.position()) == family - 1:
        qtbot.keyClick(reader, Qt.Key.Key_Right)
    qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reader, Qt.Key.Key_C)
    assert "👨‍👩‍👧" in [a.text for a in annotations(window)]
    for ann in annotations(window):
        for f in ann.fragments:
            assert doc_text[f.start : f.end] == f.text


def test_ctrl_drag_adds_a_fragment_for_a_discontinuous_quote(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    first = TEXT.index("We will not")
    drag_select(reader, first, first + len("We will not"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    second = TEXT.index("give up")
    end = TEXT.index(" village") + len(" village")
    drag_select(reader, second, end, Qt.KeyboardModifier.ControlModifier)
    (quote,) = annotations(window)
    assert [f.text for f in quote.fragments] == ["We will not", "give up a single village"]
    window.session.undo()
    (quote,) = annotations(window)
    assert [f.text for f in quote.fragments] == ["We will not"]


def test_delete_undo_redo_keep_the_same_annotation(qtbot, make_window, article_project) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    start = TEXT.index("Karamov")
    drag_select(reader, start, start + 7)
    qtbot.keyClick(reader, Qt.Key.Key_A)
    (actor,) = annotations(window)
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert annotations(window) == []
    qtbot.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (back,) = annotations(window)
    assert back.id == actor.id and back.text == "Karamov"
    qtbot.keyClick(
        reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert annotations(window) == []


def test_label_key_on_a_selected_annotation_changes_its_label(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    start = TEXT.index("said")
    drag_select(window.reader, start, start + 4)
    qtbot.keyClick(window.reader, Qt.Key.Key_A)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    (ann,) = annotations(window)
    assert (ann.label, ann.text) == ("Cue", "said")


def test_shift_arrows_move_the_end_and_alt_shift_arrows_the_start(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    start = TEXT.index("single")
    drag_select(reader, start, start + len("single"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    ctrl, shift, alt = (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.AltModifier,
    )
    qtbot.keyClick(reader, Qt.Key.Key_Right, ctrl | shift)
    assert annotations(window)[0].text == "single village"
    qtbot.keyClick(reader, Qt.Key.Key_Left, shift)
    assert annotations(window)[0].text == "single villag"
    qtbot.keyClick(reader, Qt.Key.Key_Left, ctrl | alt | shift)
    assert annotations(window)[0].text == "a single villag"
    qtbot.keyClick(reader, Qt.Key.Key_Right, alt | shift)
    assert annotations(window)[0].text == " single villag"
    for _ in range(4):
        qtbot.keyClick(reader, Qt.Key.Key_Z, ctrl)
    assert annotations(window)[0].text == "single"


def test_clicks_select_and_cycle_through_overlapping_annotations(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    start = TEXT.index("The union")
    end = TEXT.index("decree") + len("decree")
    drag_select(reader, start, end)
    qtbot.keyClick(reader, Qt.Key.Key_D)
    union = TEXT.index("union")
    drag_select(reader, union - 4, union + 5)
    qtbot.keyClick(reader, Qt.Key.Key_A)
    window.session.select(None)
    click_text(reader, union + 1)
    first = window.session.selected_annotation()
    click_text(reader, union + 1)
    second = window.session.selected_annotation()
    assert {first.label, second.label} == {"Actor", "Demand"}
    assert first.label == "Actor"  # innermost first
    click_text(reader, TEXT.index("agreed"))
    assert window.session.selected is None


def test_speaker_by_key_then_click_and_by_list(qtbot, make_window, article_project) -> None:
    path, doc_id = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    k = TEXT.index("Karamov")
    drag_select(reader, k, k + 7)
    qtbot.keyClick(reader, Qt.Key.Key_A)
    q = TEXT.index("We will not")
    drag_select(reader, q, q + len("We will not"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    quote = window.session.selected
    qtbot.keyClick(reader, Qt.Key.Key_S)
    click_text(reader, k + 2)
    (rel,) = window.session.layer.relations(doc_id)
    assert (rel.type, rel.source) == ("speaker", quote)
    assert window.session.layer.annotation(rel.target).text == "Karamov"
    # Undo, then pick the same speaker from the list (S twice, Enter on the only entry).
    window.session.undo()
    assert window.session.layer.relations(doc_id) == []
    window.session.select(quote)

    def choose(menu: QMenu) -> None:
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    qtbot.keyClick(reader, Qt.Key.Key_S)
    when_popup(choose)
    qtbot.keyClick(reader, Qt.Key.Key_S)
    (rel,) = window.session.layer.relations(doc_id)
    assert rel.type == "speaker" and rel.source == quote


def test_j_and_k_walk_through_annotations(qtbot, make_window) -> None:
    window = make_window()
    ordered = window.session.ordered()
    assert len(ordered) > 3
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.session.selected == ordered[0].id
    qtbot.keyClick(window.reader, Qt.Key.Key_J)
    assert window.session.selected == ordered[1].id
    qtbot.keyClick(window.reader, Qt.Key.Key_K)
    assert window.session.selected == ordered[0].id
    qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
    assert window.session.selected == ordered[1].id
    qtbot.keyClick(window.reader, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.selected == ordered[0].id


def test_hovering_one_fragment_marks_the_whole_discontinuous_quote(
    qtbot, make_window, article_project
) -> None:
    from gui_mouse import hover_text

    path, _ = article_project(TEXT)
    window = make_window(path)
    reader = window.reader
    first = TEXT.index("We will not")
    drag_select(reader, first, first + len("We will not"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    second = TEXT.index("give up")
    drag_select(reader, second, second + len("give up"), Qt.KeyboardModifier.ControlModifier)
    quote = window.session.selected
    window.session.select(None)
    hover_text(reader, second + 2)
    assert reader.hovered == quote
    hover_text(reader, TEXT.index("agreed"))
    assert reader.hovered is None


def test_tagging_the_same_span_again_with_the_same_label_is_refused(
    qtbot, make_window, article_project
) -> None:
    path, _ = article_project(TEXT)
    window = make_window(path)
    reader, stack = window.reader, window.session.undo_stack
    for word, key in (("Karamov", Qt.Key.Key_A), ("the government withdraw", Qt.Key.Key_D)):
        start = TEXT.index(word)
        drag_select(reader, start, start + len(word))
        qtbot.keyClick(reader, key)
    assert stack.count() == 2 and len(stored(path)) == 2
    start = TEXT.index("Karamov")
    drag_select(reader, start, start + len("Karamov"))
    qtbot.keyClick(reader, Qt.Key.Key_A)  # a mention: the path that links it
    assert window.status_line.currentMessage() == ("Not done: “Karamov” is already tagged as Actor")
    start = TEXT.index("the government withdraw")
    drag_select(reader, start, start + len("the government withdraw"))
    qtbot.keyClick(reader, Qt.Key.Key_D)
    assert "“the government withdraw” is already tagged as Demand" in (
        window.status_line.currentMessage()
    )
    assert len(stored(path)) == 2 and len(annotations(window)) == 2
    assert stack.count() == 2  # nothing to undo
    qtbot.keyClick(reader, Qt.Key.Key_Q)  # the selection was kept: another label is fine
    assert sorted(label for label, _ in stored(path)) == ["Actor", "Demand", "Quote"]


def test_word_moves_of_both_edges_land_on_words_never_on_spaces(
    qtbot, make_window, article_project
) -> None:
    text = "Foreign Minister Dmytro Kuleba said on Monday:\n“We will not,”  he added."
    path, _ = article_project(text)
    window = make_window(path)
    reader = window.reader
    start = text.index("Dmytro")
    drag_select(reader, start, start + len("Dmytro Kuleba said"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    ctrl, shift, alt = (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.AltModifier,
    )
    end_left = (Qt.Key.Key_Left, ctrl | shift)
    end_right = (Qt.Key.Key_Right, ctrl | shift)
    start_left = (Qt.Key.Key_Left, ctrl | alt | shift)
    start_right = (Qt.Key.Key_Right, ctrl | alt | shift)
    steps = [
        (end_left, "Dmytro Kuleba"),  # the report: "Dmytro Kuleba " with a trailing space
        (start_right, "Kuleba"),
        (start_left, "Dmytro Kuleba"),
        (end_right, "Dmytro Kuleba said"),
        (end_right, "Dmytro Kuleba said on"),
        (end_right, "Dmytro Kuleba said on Monday"),  # not the colon after it
        (end_right, "Dmytro Kuleba said on Monday:\n“We"),  # across the line break
        (end_left, "Dmytro Kuleba said on Monday"),
        (start_left, "Minister Dmytro Kuleba said on Monday"),
        (start_left, "Foreign Minister Dmytro Kuleba said on Monday"),
        (start_left, "Foreign Minister Dmytro Kuleba said on Monday"),  # the start of the text
    ]
    for (key, modifiers), expected in steps:
        qtbot.keyClick(reader, key, modifiers)
        assert [text for _label, text in stored_texts(path)] == [expected]
    assert window.session.undo_stack.count() == 1 + len(steps) - 1  # the last one did nothing


def test_a_word_move_that_would_leave_nothing_is_refused_with_a_hint(
    qtbot, make_window, article_project
) -> None:
    text = "Dmytro Kuleba said. Then the end  "
    path, _ = article_project(text)
    window = make_window(path)
    reader = window.reader
    start = text.index("Kuleba")
    drag_select(reader, start, start + len("Kuleba"))
    qtbot.keyClick(reader, Qt.Key.Key_Q)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(reader, Qt.Key.Key_Left, ctrl | shift)
    assert stored_texts(path) == [("Quote", "Kuleba")]
    assert "press Delete" in window.status_line.currentMessage()
    start = text.index("end")
    drag_select(reader, start, start + len("end"))
    qtbot.keyClick(reader, Qt.Key.Key_D)
    qtbot.keyClick(reader, Qt.Key.Key_Right, ctrl | shift)  # only spaces after it: it stays
    assert ("Demand", "end") in stored_texts(path)
