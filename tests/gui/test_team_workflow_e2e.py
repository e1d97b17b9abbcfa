"""The team workflow from start to end, as a lead and two annotators do it.

The lead distributes the demo to Ana and Ben (every article to both); each tags the first
article in their own file through the window (mouse and keys) and marks it done; the lead
merges the two files, measures agreement (checked against figures worked out by hand below),
adjudicates the disagreements in review mode with the keyboard, accepts what they agreed on
from the menu, and exports gold, which is checked field by field.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import regex
from gui_mouse import click_text, drag_select
from gui_wait import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from annotator.demo import write_demo
from annotator.gui.review_strategy import StrategyDialog

TITLE = "Valdoria and Karsia open first direct talks in Minara"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

#: What each annotator tags in the article: (label key, text, occurrence of that text).
#: Both: the mention "Hálek" (before "told") and the cue "told". Ana: the quote with its comma
#: and "Belotsky"; Ben: the quote without the comma, "Yuri Belotsky", and "reporters".
QUOTE_ANA = "We did not come here to trade villages,"
QUOTE_BEN = "We did not come here to trade villages"


def at(text: str, needle: str, after: str = "") -> tuple[int, int]:
    start = text.index(needle, text.index(after) if after else 0)
    return start, start + len(needle)


def work(qtbot: Any, make_window: Any, path: Path, name: str) -> None:
    """One annotator's session in their own file: tag, link the speaker, mark done."""
    window = make_window(path, name="someone else")  # the file's owner wins (docs/team.md)
    assert window.session.layer.name == name
    doc = next(d for d in window.session.project.documents.all() if d.title == TITLE)
    window.open_document(doc.id)
    window.reader.setFocus()
    text = doc.text

    def tag(key: str, span: tuple[int, int]) -> None:
        drag_select(window.reader, *span)
        qtbot.keyClick(window.reader, key)

    halek = at(text, "Hálek", after="villages")
    tag("A", halek)
    tag("C", at(text, "told", after="villages"))
    quote = QUOTE_ANA if name == "ana" else QUOTE_BEN
    tag("Q", at(text, quote))
    qtbot.keyClick(window.reader, "S")  # the speaker: pick the mention with the mouse
    click_text(window.reader, halek[0] + 2)
    if name == "ana":
        tag("A", at(text, "Belotsky"))
    else:
        tag("A", at(text, "Yuri Belotsky"))
        tag("A", at(text, "reporters"))

    # Tagging a name of the demo's registry links the mention; "reporters" is not in it, so
    # Ben is asked whether to mark the article done with that mention unlinked.
    def mark_done_anyway(box: QMessageBox) -> None:
        (button,) = [b for b in box.findChildren(QPushButton) if b.text() == "Mark done anyway"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    timer = when_modal(mark_done_anyway, QMessageBox)
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, CTRL)
    timer.stop()  # Ana is not asked: her waiter must not answer Ben's question
    assert timer.done == (name == "ben")
    assert window.session.layer.status(doc.id) == "done"
    window.close()


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def kappa(n11: int, n10: int, n01: int, n00: int) -> dict[str, float]:
    """Cohen's κ of two annotators' yes/no decisions (docs/agreement.md)."""
    n = n11 + n10 + n01 + n00
    observed = (n11 + n00) / n
    pa, pb = (n11 + n10) / n, (n11 + n01) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return {"value": (observed - expected) / (1 - expected), "positions": n}


def test_distribute_annotate_merge_measure_adjudicate_export(
    qtbot: Any, make_window: Any, tmp_path: Path, cli: Any, monkeypatch: Any
) -> None:
    import annotator.gui.workers as workers

    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)
    lead = tmp_path / "lead.annotator"
    write_demo(lead, annotator="Lead")
    team = tmp_path / "team"
    result = cli("distribute", lead, "--annotators", "ana,ben", "--overlap", "100", "-o", team)
    assert result.returncode == 0, result.stderr
    for name in ("ana", "ben"):
        work(qtbot, make_window, team / f"{name}.annotator", name)

    review = tmp_path / "review.annotator"
    inputs = [team / "ana.annotator", team / "ben.annotator"]
    before = [p.read_bytes() for p in inputs]
    result = cli("merge", review, *inputs)
    assert result.returncode == 0, result.stderr
    assert [p.read_bytes() for p in inputs] == before  # the annotators' files are only read
    again = cli("merge", review, *inputs)  # idempotent
    assert again.returncode == 0, again.stderr
    people = dict(rows(review, "SELECT name, id FROM annotators"))
    assert rows(
        review,
        "SELECT n.name, count(*) FROM annotations a JOIN annotators n ON n.id = a.annotator "
        "GROUP BY n.name ORDER BY n.name",
    ) == [("ana", 4), ("ben", 5)]  # fmt: skip

    # -- agreement, against the figures worked out by hand ---------------------------------
    result = cli("agreement", review, "--annotators", "ana,ben", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # Only the article both marked done is used; the other eleven are left out.
    assert report["documents"] == {"used": 1, "left_out": 11}
    pairs = {r["label"]: r for r in report["pairs"]}
    # Actor: Ana {Hálek, Belotsky}, Ben {Hálek, Yuri Belotsky, reporters}. Exact: Hálek only:
    # P = 1/3, R = 1/2, F1 = 2·1/(2+3) = 0.4. Overlap: Belotsky ~ Yuri Belotsky too: 0.8.
    assert pairs["Actor"]["exact"]["f1"] == 0.4 and pairs["Actor"]["exact"]["matched"] == 1
    assert pairs["Actor"]["overlap"]["f1"] == 0.8
    assert (pairs["Actor"]["exact"]["precision"], pairs["Actor"]["exact"]["recall"]) == (
        0.3333,
        0.5,
    )
    # Quote: the comma differs (exact 0 of 1 and 1), the extents overlap (overlap 1 of 1).
    assert pairs["Quote"]["exact"]["f1"] == 0.0 and pairs["Quote"]["overlap"]["f1"] == 1.0
    assert pairs["Cue"]["exact"]["f1"] == 1.0  # "told", both
    # All labels pooled (micro): exact 2 of 4 and 5 → 4/9; overlap 4 of 4 and 5 → 8/9.
    assert pairs["*"]["exact"] == {
        "matched": 2, "a_count": 4, "b_count": 5, "precision": 0.4, "recall": 0.5, "f1": 0.4444,
    }  # fmt: skip
    assert pairs["*"]["overlap"]["f1"] == 0.8889
    # Cohen's κ of Actor over the article's tokens (\w+|[^\w\s]): both mark "Hálek" and
    # "Belotsky" (n11 = 2), only Ben "Yuri" and "reporters" (n01 = 2), the rest neither.
    ((text,),) = rows(review, "SELECT text FROM documents WHERE title = ?", TITLE)
    tokens = len(regex.findall(r"\w+|[^\w\s]", text))
    want = kappa(2, 0, 2, tokens - 4)
    got = pairs["Actor"]["kappa"]
    assert got["positions"] == tokens
    assert abs(got["value"] - want["value"]) < 1e-3
    # The speaker relation: its quotes do not match exactly, so no relation does (exact mode).
    (speaker,) = [r for r in report["relations"] if r["type"] == "speaker"]
    assert (speaker["matched"], speaker["a_count"], speaker["b_count"]) == (0, 1, 1)

    # -- review mode: adjudicate the disagreements with the keyboard -----------------------
    window = make_window(review, name="Lead")
    doc = next(d for d in window.session.project.documents.all() if d.title == TITLE)
    window.open_document(doc.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, "R", CTRL | SHIFT)
    assert window.review.active
    assert window.review.compared == [people["ana"], people["ben"]]
    numbers = {people["ana"]: "1", people["ben"]: "2"}
    seen = set()
    while True:  # each disagreement in turn, as the pane shows it
        unit = window.review.units[window.review.current]
        if unit.is_disagreement and unit.state not in ("accepted", "rejected"):
            fragments = {
                who: [(f.start, f.end) for f in ann.fragments]
                for who, anns in unit.versions.items()
                for ann in anns
            }
            seen.add(unit.label)
            if unit.label == "Quote":  # Ana's, with the comma (and her speaker link)
                qtbot.keyClick(window.reader, numbers[people["ana"]])
            elif fragments.get(people["ben"]) == [at(text, "Yuri Belotsky")]:
                qtbot.keyClick(window.reader, numbers[people["ben"]])  # the full name
            else:  # "reporters", Ben's alone: not an actor here
                assert fragments == {people["ben"]: [at(text, "reporters")]}, fragments
                qtbot.keyClick(window.reader, "X")
        before_step = window.review.current
        qtbot.keyClick(window.reader, "N")
        if window.review.current == before_step:
            break
    assert seen == {"Quote", "Actor"}

    # the rest: what both agreed on ("told"), from the menu, previewed, one step
    (review_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Review"]
    (entry,) = [a for a in review_menu.actions() if a.objectName() == "review_accept_agreed"]

    said: list[str] = []

    def this_document(dialog: StrategyDialog) -> None:  # the scope: this article
        dialog.findChild(QPushButton, "strategy-preview").click()

    def accept(box: QMessageBox) -> None:
        said.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == "Accept"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    first = when_modal(this_document, StrategyDialog)
    second = when_modal(accept, QMessageBox)
    entry.trigger()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=10000)
    assert said and "would accept 1 unit(s) in 1 document(s): Cue 1" in said[0]
    window.close()

    # -- gold, exported like any annotator ----------------------------------------------------
    out = tmp_path / "gold.json"
    result = cli("export", review, "--format", "native", "--annotator", "Gold", "-o", out)
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    (article,) = [d for d in exported["documents"] if d["title"] == TITLE]
    gold = {
        (a["label"], tuple((f["start"], f["end"]) for f in a["fragments"])): a
        for a in article["annotations"]
    }
    assert set(gold) == {
        ("Actor", (at(text, "Hálek", after="villages"),)),
        ("Cue", (at(text, "told", after="villages"),)),
        ("Quote", (at(text, QUOTE_ANA),)),
        ("Actor", (at(text, "Yuri Belotsky"),)),
    }
    assert {a["origin"] for a in gold.values()} == {"adjudication"}
    quote = gold[("Quote", (at(text, QUOTE_ANA),))]
    halek = gold[("Actor", (at(text, "Hálek", after="villages"),))]
    assert [(r["type"], r["source"], r["target"]) for r in article["relations"]] == [
        ("speaker", quote["id"], halek["id"])
    ]
    # the snippets are the document's own characters
    for ann in gold.values():
        for f in ann["fragments"]:
            assert text[f["start"] : f["end"]] == f["text"]
    assert rows(review, "SELECT count(*) FROM rejections") == [(1,)]  # Ben's "reporters"
