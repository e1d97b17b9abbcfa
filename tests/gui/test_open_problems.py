"""Open problems in the window: the Annotations header counts what the Problems panel lists
for the document (unlinked mentions included), and Ctrl+Return asks before it marks a
document with open problems done."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_mouse import click_text, drag_select
from gui_wait import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from annotator import Project

TEXT = (
    "“We will not,” Karamov said, “give up a single village.” The union demanded that the "
    "government withdraw the decree."
)
SECOND = "Talks resumed on Monday."
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def two_articles(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "two.annotator"
    with Project.create(path) as p:
        first = p.documents.add(TEXT, title="Talks").value
        second = p.documents.add(SECOND, title="Later").value
    return path, first.id, second.id


def tag(qtbot, window, word: str, key: Qt.Key) -> None:
    start = TEXT.index(word)
    drag_select(window.reader, start, start + len(word))
    qtbot.keyClick(window.reader, key)


def done_and_next(qtbot, window) -> None:
    """Ctrl+Return in the reader, as a person does once a dialog has closed."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, CTRL)


def click(qtbot, box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.findChildren(QPushButton) if b.text() == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_header_counts_unlinked_mentions_as_the_problems_panel_does(
    qtbot, make_window, two_articles
) -> None:
    path, first, _ = two_articles
    window = make_window(path)
    tag(qtbot, window, "Karamov", Qt.Key.Key_A)  # no actor in the registry: not linked
    tag(qtbot, window, "We will not", Qt.Key.Key_Q)
    header = window.annotations.findChild(QLabel, "problems")
    assert header.text() == "1 quote without a speaker · 1 actor not linked"
    dock = window.problems
    dock.only_document.setChecked(True)
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.model.loaded, timeout=2000)
    assert dock.summary.text() == "2 problems"
    assert len(window.session.layer.problems(first)) == 2
    karamov = window.session.ordered()[1]
    assert karamov.label == "Actor"
    row = window.annotations.model.row_of(karamov.id)
    assert window.annotations.model.index(row, 0).data().endswith("· not linked")

    window.annotations.raise_()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_S)  # the quote is selected: set its speaker
    click_text(window.reader, TEXT.index("Karamov") + 2)
    assert header.text() == "1 actor not linked"
    assert dock.summary.text() == "1 problem"


def test_ctrl_return_with_open_problems_asks_and_can_show_the_first(
    qtbot, make_window, two_articles
) -> None:
    path, first, second = two_articles
    window = make_window(path)
    tag(qtbot, window, "We will not", Qt.Key.Key_Q)
    tag(qtbot, window, "Karamov", Qt.Key.Key_A)
    quote = window.session.ordered()[0]
    window.session.select(None)
    layer = window.session.layer
    shown: list[str] = []

    def show_first(box: QMessageBox) -> None:
        shown.append(box.informativeText())
        assert box.textFormat() == Qt.TextFormat.PlainText
        click(qtbot, box, "Show the first")

    timer = when_modal(show_first, QMessageBox)
    done_and_next(qtbot, window)
    assert timer.seen == ["This document still has 2 problems. Mark it done anyway?"]
    assert shown == [
        "Quote without a speaker: “We will not”\nActor not linked to the registry: “Karamov”"
    ]
    assert layer.status(first) == "in_progress"  # not done
    assert window.session.document.id == first
    assert window.session.selected == quote.id  # the first problem, selected

    timer = when_modal(lambda box: click(qtbot, box, "Cancel"), QMessageBox)
    done_and_next(qtbot, window)
    assert timer.seen and layer.status(first) == "in_progress"
    assert window.session.document.id == first

    timer = when_modal(lambda box: click(qtbot, box, "Mark done anyway"), QMessageBox)
    done_and_next(qtbot, window)
    assert timer.seen and layer.status(first) == "done"
    assert window.session.document.id == second  # and on to the next one not done

    timer = when_modal(
        lambda box: box.reject(), QMessageBox
    )  # the second has no problems: no question
    done_and_next(qtbot, window)
    assert layer.status(second) == "done"
    qtbot.wait(50)
    timer.stop()
    assert timer.seen == []
