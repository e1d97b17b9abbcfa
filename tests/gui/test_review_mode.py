"""Review mode in the real window: three annotators, the keyboard, the units pane, gold.

What gold holds is read back with plain sqlite3; what the pane shows is read from its model
and labels, as a person reads them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from gui_mouse import drag_select
from gui_wait import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from annotator import Project
from annotator.gui.review_strategy import StrategyDialog
from annotator.gui.settings import Settings

TEXT = "Karamov said talks must resume now. Belotsky demanded a cease-fire."
OTHER = "Moscow stayed silent."


def at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Ana (the window's user), Ben and Cy.

    - Karamov: all three (agreed); the quote: Ana "talks must resume", Ben "talks must resume
      now", both spoken by Karamov, Cy Ana's extent without a speaker (disagreed);
    - Belotsky: Ana and Cy (incomplete); the demand: all three (agreed);
    - the other document: Moscow, all three (agreed).
    """
    path = tmp_path / "team.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Talks").value
        other = p.documents.add(OTHER, title="Quiet").value
        layers = [p.layer(), p.layer(p.annotators.add("Ben").value.id)]
        layers.append(p.layer(p.annotators.add("Cy").value.id))
        for i, who in enumerate(layers):
            actor = who.add_annotation(doc.id, "Actor", [at("Karamov")]).value
            extent = "talks must resume now" if i == 1 else "talks must resume"
            quote = who.add_annotation(doc.id, "Quote", [at(extent)]).value
            if i < 2:
                who.add_relation("speaker", quote.id, actor.id)
            if i != 1:
                who.add_annotation(doc.id, "Actor", [at("Belotsky")])
            who.add_annotation(doc.id, "Demand", [at("a cease-fire")])
            who.add_annotation(other.id, "Actor", [at("Moscow", OTHER)])
    return path


def stored(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def gold(path: Path) -> list[tuple[Any, ...]]:
    return stored(
        path,
        "SELECT label, start, \"end\", origin FROM annotations WHERE annotator = 'gold' "
        "ORDER BY start, label",
    )


def open_talks(make_window: Any, team: Path) -> Any:
    window = make_window(team, name="Ana")
    doc = next(d for d in window.session.project.documents.all() if d.title == "Talks")
    window.open_document(doc.id)
    window.reader.setFocus()
    return window


def states(window: Any) -> list[tuple[str, str]]:
    model = window.review.dock.model
    return [
        (model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())
    ]


def key(qtbot: Any, window: Any, text: str, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.reader, text, modifier)


def test_review_with_the_keyboard(make_window: Any, team: Path, qtbot: Any) -> None:
    window = open_talks(make_window, team)
    ana_before = stored(team, "SELECT count(*) FROM annotations WHERE annotator != 'gold'")
    qtbot.keyClick(
        window.reader, "R", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dock = window.review.dock
    assert window.review.active and dock.isVisible()
    assert states(window) == [
        ("agreed", "Actor"),
        ("disagreed", "Quote"),
        ("incomplete", "Actor"),
        ("agreed", "Demand"),
    ]
    assert window.session.annotations == {}  # the reader shows gold, empty so far
    # it starts at the first disagreement; N and P step through them
    assert window.review.current == 1
    assert "1  Ana: Quote “talks must resume”" in dock.details.text()
    assert "speaker → Karamov" in dock.details.text()
    key(qtbot, window, "N")
    assert window.review.current == 2
    key(qtbot, window, "P")
    assert window.review.current == 1

    key(qtbot, window, "2")  # Ben's version
    assert gold(team) == [
        ("Actor", *at("Karamov"), "adjudication"),
        ("Quote", *at("talks must resume now"), "adjudication"),
    ]
    assert stored(team, "SELECT type FROM relations WHERE annotator = 'gold'") == [("speaker",)]
    assert states(window)[1] == ("accepted (was disagreed)", "Quote")
    assert states(window)[0] == ("accepted", "Actor")  # the speaker's mention came along
    assert len(window.session.annotations) == 2  # and the reader shows them

    key(qtbot, window, "N")
    assert window.review.current == 2
    key(qtbot, window, "X")
    rejected = stored(team, "SELECT count(*) FROM rejections")
    assert rejected == [(2,)]  # Ana's and Cy's Belotsky
    assert states(window)[2] == ("rejected (was incomplete)", "Actor")
    key(qtbot, window, "N")  # nothing left to review after it: it stays
    assert window.review.current == 2
    assert "No disagreement after this one" in window.statusBar().currentMessage()

    # the tagging keys edit gold
    drag_select(window.reader, *at("cease-fire"))
    key(qtbot, window, "A")
    assert ("Actor", *at("cease-fire"), "manual") in gold(team)
    assert stored(team, "SELECT count(*) FROM annotations WHERE annotator != 'gold'") == ana_before
    key(qtbot, window, "Z", Qt.KeyboardModifier.ControlModifier)
    assert ("Actor", *at("cease-fire"), "manual") not in gold(team)
    key(qtbot, window, "Z", Qt.KeyboardModifier.ControlModifier)  # the rejection
    assert stored(team, "SELECT count(*) FROM rejections") == [(0,)]
    assert states(window)[2] == ("incomplete", "Actor")

    # leaving gives the reader Ana's layer back; an undo then still undoes in gold
    qtbot.keyClick(
        window.reader, "R", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not window.review.active and not dock.isVisible()
    assert {a.annotator for a in window.session.annotations.values()} == {
        window.session.layer.annotator_id
    }
    assert len(window.session.annotations) == 4
    key(qtbot, window, "Z", Qt.KeyboardModifier.ControlModifier)  # the accepted version
    assert gold(team) == []
    assert len(window.session.annotations) == 4  # Ana's own are untouched


def test_comparing_two_and_an_annotator_with_nothing(
    make_window: Any, team: Path, qtbot: Any
) -> None:
    window = open_talks(make_window, team)
    project = window.session.project
    dee = project.annotators.add("<b>Dee</b> & Co").value.id  # has nothing; markup stays text
    ana, ben = (project.annotators.named(n).id for n in ("Ana", "Ben"))
    doc = window.session.document.id
    assert window.open_review(doc, [ana, dee], label="Demand")
    assert window.review.units[window.review.current].label == "Demand"
    assert {s for s, _label in states(window)} == {"incomplete"}
    assert "2  <b>Dee</b> & Co: —" in window.review.dock.details.text()
    assert window.review.dock.details.textFormat() == Qt.TextFormat.PlainText
    names = [window.review.dock.selector.item(i).text() for i in range(3)]
    assert "2  <b>Dee</b> & Co" in names
    key(qtbot, window, "2")
    assert "<b>Dee</b> & Co has no version here" in window.statusBar().currentMessage()
    key(qtbot, window, "3")
    assert "Only 2 annotators are compared" in window.statusBar().currentMessage()
    assert gold(team) == []
    # the selector: check Ben instead of Dee
    selector = window.review.dock.selector
    for row in range(selector.count()):
        item = selector.item(row)
        who = item.data(Qt.ItemDataRole.UserRole)
        item.setCheckState(Qt.CheckState.Checked if who in (ana, ben) else Qt.CheckState.Unchecked)
    assert window.review.compared == [ana, ben]
    assert ("disagreed", "Quote") in states(window)


def test_accept_agreed_from_the_menu_is_one_undo_step(
    make_window: Any, team: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.gui.workers as workers

    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)
    window = open_talks(make_window, team)
    (review_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Review"]
    (entry,) = [a for a in review_menu.actions() if a.objectName() == "review_accept_agreed"]
    seen: list[str] = []

    def choose_corpus(dialog: StrategyDialog) -> None:
        dialog.corpus.setChecked(True)
        dialog.findChild(QPushButton, "strategy-preview").click()

    def accept(box: QMessageBox) -> None:
        seen.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == "Accept"]
        button.click()

    first = when_modal(choose_corpus, StrategyDialog)
    second = when_modal(accept, QMessageBox)
    entry.trigger()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=10000)
    assert seen == [
        "“Accept agreed” would accept 3 unit(s) in 2 document(s): Actor 2, Demand 1. "
        "Accept them into gold? (One undo step undoes it all.)"
    ]
    assert sorted(row[0] for row in gold(team)) == ["Actor", "Actor", "Demand"]
    assert window.review.active  # it entered review mode to show it
    assert window.session.undo_stack.count() == 1
    window.activateWindow()  # the dialogs had the focus
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.reader.setFocus()
    key(qtbot, window, "Z", Qt.KeyboardModifier.ControlModifier)
    assert gold(team) == []


def test_the_review_keys_are_in_preferences(make_window: Any, team: Path) -> None:
    from annotator.gui.shortcuts import REVIEW_ACTIONS, current_keys

    settings = Settings(annotator_name="Ana", shortcuts={"reject_unit": ["Ctrl+J"]})
    assert current_keys(settings.shortcuts)["reject_unit"] == ("Ctrl+J",)
    window = open_talks(make_window, team)
    for name in (*REVIEW_ACTIONS, "review_mode"):
        assert name in window.actions_by_name
    assert not window.actions_by_name["accept_1"].isEnabled()  # outside review mode


def test_the_tooltip_over_a_unit_names_each_lane(make_window: Any, team: Path, qtbot: Any) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window = open_talks(make_window, team)
    assert window.open_review(window.session.document.id)
    viewport = window.reader.viewport()
    point = window.reader.point_of(at("must")[0] + 1).toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    shown = QToolTip.text()
    for line in ("Quote: disagreed (boundary, link)", "1  Ana: Quote", "3  Cy: Quote"):
        assert line in shown
    window.review.leave()
    assert window.review.lanes.paint not in window.reader.overlays
    assert window.reader.extra_room == 0


def test_accept_agreed_on_the_documents_the_list_shows(
    make_window: Any, team: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A selection of documents: the list's search finds "Quiet" only; accepting what all
    agree on in the listed documents leaves "Talks" alone."""
    import annotator.gui.workers as workers

    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)
    window = open_talks(make_window, team)
    dock = window.documents
    qtbot.keyClicks(dock.search, "Moscow")
    qtbot.keyClick(dock.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.model.total == 1, timeout=5000)
    (review_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Review"]
    (entry,) = [a for a in review_menu.actions() if a.objectName() == "review_accept_agreed"]
    seen: list[str] = []

    def choose_listed(dialog: StrategyDialog) -> None:
        seen.append(dialog.listed.text())
        dialog.listed.click()
        dialog.findChild(QPushButton, "strategy-preview").click()

    def accept(box: QMessageBox) -> None:
        seen.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == "Accept"]
        button.click()

    first = when_modal(choose_listed, StrategyDialog)
    second = when_modal(accept, QMessageBox)
    entry.trigger()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=10000)
    assert seen[0].startswith("The documents in the list (1")
    assert "would accept 1 unit(s) in 1 document(s): Actor 1" in seen[1]
    assert gold(team) == [("Actor", *at("Moscow", OTHER), "adjudication")]
