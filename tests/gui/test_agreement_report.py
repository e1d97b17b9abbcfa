"""Review → Agreement report… in the real window, on a project two annotators worked on.

The figures shown are checked against the ones worked out in tests/e2e/test_cli_agreement.py
(the same project); clicks on a heat-map cell and double-clicks on a document ask for the
units behind them, and a document opens in the reader.
"""

from __future__ import annotations

from pathlib import Path

from gui_wait import when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget

from annotator import Project
from annotator.gui.agreement_report import AgreementReport

TEXT = "Karamov said talks would resume. The minister agreed, the ministry said."
HOSTILE = "Ben <b>bold</b>"


def build(path: Path, ben: str = HOSTILE) -> dict[str, str]:
    with Project.create(path, annotator="Ana") as p:
        d1 = p.documents.add(TEXT, title="Talks").value.id
        d2 = p.documents.add("Lavrov spoke to the press.", title="Other").value.id
        ana = p.layer()
        ana.add_annotation(d1, "Actor", [(0, 7)])
        ana.add_annotation(d1, "Actor", [(33, 45)])
        ana.add_annotation(d1, "Quote", [(13, 31)])
        ana.set_status(d1, "done")
        ana.set_status(d2, "done")
    with Project.open(path, annotator=ben) as p:
        layer = p.layer()
        layer.add_annotation(d1, "Actor", [(0, 7)])
        layer.add_annotation(d1, "Quote", [(13, 31)])
        layer.set_status(d1, "done")
    return {"d1": d1, "d2": d2}


def open_report(qtbot, window) -> AgreementReport:
    review = next(m for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
                  if m.title() == "&Review")  # fmt: skip
    action = next(a for a in review.actions() if a.objectName() == "agreement_report")
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AgreementReport) is not None, timeout=20_000)
    dialog = window.findChild(AgreementReport)
    qtbot.waitExposed(dialog)
    return dialog


def cells(table: QTableWidget, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def row_of(table: QTableWidget, **wanted: str) -> list[str]:
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    for r in range(table.rowCount()):
        row = dict(zip(headers, cells(table, r), strict=True))
        if all(row[k] == v for k, v in wanted.items()):
            return cells(table, r)
    raise AssertionError(f"no row with {wanted}")


def double_click(qtbot, table: QTableWidget, row: int) -> None:
    # a press first, as a hand gives: the view opens what the double click's press was on
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_report_shows_the_figures_and_counts(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    build(path)
    window = make_window(path, name="Ana")
    dialog = open_report(qtbot, window)
    summary = dialog.summary.text()
    assert "1 document(s) used" in summary and "1 left out" in summary
    assert HOSTILE in summary and dialog.summary.textFormat() == Qt.TextFormat.PlainText
    # Actor: Ana 2, Ben 1, one identical; κ over 14 tokens = 0.44 (worked out in the CLI test)
    actor = row_of(dialog.pairs, Label="Actor")
    assert actor[:7] == ["Ana", HOSTILE, "Actor", "0.667", "1", "2", "1"]
    assert actor[9] == "0.440" and actor[12] == "14"
    demand = row_of(dialog.pairs, Label="Demand")
    assert demand[3] == "undefined" and demand[9] == "undefined"
    assert "expected agreement is 1" in dialog.notes.text()
    assert dialog.documents.rowCount() == 1  # Ben has not finished "Other"
    assert cells(dialog.documents, 0)[:4] == ["Talks", "Ana", HOSTILE, "0.800"]
    # two charts drawn
    canvases = [w.objectName() for w in dialog.overview.children() if hasattr(w, "figure")]
    assert canvases == ["agreement-matrix", "agreement-bars"]


def test_char_positions_recompute(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    build(path)
    window = make_window(path, name="Ana")
    dialog = open_report(qtbot, window)
    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)  # Tokens → Characters
    qtbot.waitUntil(lambda: row_of(dialog.pairs, Label="Actor")[12] == "62", timeout=20_000)


def test_a_document_row_opens_it_and_asks_for_its_units(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    ids = build(path)
    window = make_window(path, name="Ana")
    window.open_document(ids["d2"])
    dialog = open_report(qtbot, window)
    dialog.tabs.setCurrentWidget(dialog.documents)
    qtbot.waitExposed(dialog.documents)
    with qtbot.waitSignal(dialog.drill_down, timeout=5000) as signal:
        double_click(qtbot, dialog.documents, 0)
    assert signal.args == [ids["d1"], "*", ["Ana", HOSTILE]]
    qtbot.waitUntil(lambda: window.session.document.id == ids["d1"], timeout=5000)
    assert window.heading.text() == "Talks"
    # in review mode, comparing the two, at the units behind the row
    project = window.session.project
    assert window.review.active
    assert window.review.compared == [project.annotators.named(n).id for n in ("Ana", HOSTILE)]
    assert {u.label for u in window.review.units} == {"Actor", "Quote"}


def test_a_heat_map_cell_asks_for_the_pair(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    build(path)
    window = make_window(path, name="Ana")
    dialog = open_report(qtbot, window)
    canvas = next(w for w in dialog.overview.children() if w.objectName() == "agreement-matrix")
    qtbot.waitExposed(canvas)
    ax = canvas.figure.axes[0]  # exact F1
    x, y = ax.transData.transform((1, 0))  # column 1 (Ben), row 0 (Ana), in device pixels
    ratio = canvas.devicePixelRatioF()
    point = QPoint(round(x / ratio), round(canvas.height() - y / ratio))
    with qtbot.waitSignal(dialog.drill_down, timeout=5000) as signal:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == ["", "*", ["Ana", HOSTILE]]
    # over all documents: review mode opens the one where they agreed least (the only one)
    assert window.review.active and window.heading.text() == "Talks"


def test_a_project_with_one_annotator_says_why_there_is_no_report(
    qtbot, make_window, tmp_path: Path
) -> None:
    path = tmp_path / "alone.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Talks").value.id
        p.layer().add_annotation(doc, "Actor", [(0, 7)])
    window = make_window(path, name="Ana")
    timer = when_modal(lambda box: box.accept(), QMessageBox)
    review = next(m for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
                  if m.title() == "&Review")  # fmt: skip
    next(a for a in review.actions() if a.objectName() == "agreement_report").trigger()
    qtbot.waitUntil(lambda: timer.done, timeout=20_000)
    assert "at least two annotators" in timer.seen[0]
    assert (
        window.findChild(AgreementReport) is None
        or not window.findChild(AgreementReport).isVisible()
    )
