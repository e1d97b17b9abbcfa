"""Team work in the window: File → Distribute…, a distributed file (owner, blind), and
File → Merge projects… with its progress, summary and same-name offer (docs/team.md)."""

from __future__ import annotations

import importlib.util
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from gui_mouse import drag_select
from gui_wait import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from annotator import Project
from annotator.gui import workers
from annotator.gui.distribute_dialog import DistributeDialog
from annotator.gui.team_merge_dialog import MergeDialog, SameNameDialog
from annotator.store.distribute import distribute

_FILES = Path(__file__).resolve().parents[1] / "store" / "team_files.py"
_spec = importlib.util.spec_from_file_location("gui_team_files", _FILES)
assert _spec is not None and _spec.loader is not None
team_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(team_files)


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(str(path))) as conn:
        return conn.execute(sql).fetchall()


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def click_ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def open_file_menu_entry(qtbot, window, text: str) -> None:
    """File menu, then the entry, as a person picks it (the menu's own action)."""
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    entry = next(a for a in file_menu.actions() if a.text().replace("&", "") == text)
    assert entry.isEnabled()
    entry.trigger()


def test_distribute_through_the_dialog(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    lead = window.session.project.path
    folder = tmp_path / "team"
    seen: dict[str, str] = {}

    def fill(dialog: DistributeDialog) -> None:
        preview = dialog.preview
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no names yet
        type_into(qtbot, dialog.names, "ana, gold")
        seen["refused"] = preview.text()
        assert not ok.isEnabled()
        type_into(qtbot, dialog.names, "ana, ben")
        dialog.overlap.setFocus()
        dialog.overlap.selectAll()
        qtbot.keyClicks(dialog.overlap, "50")
        type_into(qtbot, dialog.folder, str(folder))
        qtbot.mouseClick(dialog.blind, Qt.MouseButton.LeftButton)
        seen["preview"] = preview.text()
        click_ok(qtbot, dialog)

    def summary(box: QMessageBox) -> None:
        seen["summary"] = box.text() + "\n" + box.informativeText()
        box.accept()

    waiters = [when_modal(fill, DistributeDialog), when_modal(summary, QMessageBox)]
    open_file_menu_entry(qtbot, window, "Distribute…")
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)
    assert "reserved" in seen["refused"]
    assert seen["preview"].startswith("12 documents: 6 for everyone")
    assert "then 3 more each" in seen["preview"]
    assert "overlap 50% = 6 document(s)" in seen["summary"] and "blind" in seen["summary"]
    for name in ("ana", "ben"):
        path = folder / f"{name}.annotator"
        assert query(path, "SELECT count(*) FROM documents") == [(9,)]
        assert dict(query(path, "SELECT key, value FROM settings"))["blind"] == "1"
    assigned = query(
        lead,
        "SELECT an.name, count(*) FROM assignments s JOIN annotators an ON an.id = s.annotator "
        "GROUP BY an.name ORDER BY an.name",
    )
    assert assigned == [("ana", 9), ("ben", 9)]
    # the documents list says to whom each document went
    model = window.documents.model
    qtbot.waitUntil(lambda: "assigned" in model.columns)
    column = model.columns.index("assigned")
    shown = {model.index(r, column).data() for r in range(model.rowCount())}
    assert shown == {"ana, ben", "ana", "ben"}
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Assigned to"


@pytest.fixture
def handed_out(tmp_path: Path):
    """A lead's demo project distributed to ana and ben (blind or not)."""

    def make(blind: bool) -> dict[str, Path]:
        from annotator.demo import write_demo

        kind = "blind" if blind else "open"
        lead = tmp_path / f"lead-{kind}.annotator"
        write_demo(lead, annotator="Lead")
        folder = tmp_path / kind
        folder.mkdir()
        with Project.open(lead, backup=False) as p:
            distribute(p, ["ana", "ben"], folder, overlap=100, blind=blind)
        files = {n: folder / f"{n}.annotator" for n in ("ana", "ben")}
        # ben's work merged into ana's file (as a lead may send back a review file)
        with Project.open(files["ana"], annotator="ben", backup=False) as p:
            doc = next(iter(p.documents.all()))
            p.layer().add_annotation(doc.id, "Actor", [(0, 3)])
        return files

    return make


def test_a_distributed_file_annotates_under_its_owner(qtbot, make_window, handed_out) -> None:
    files = handed_out(False)
    window = make_window(files["ana"], name="Tester")
    assert "Annotator: ana (this file's owner)" in window.status_line.who.text()
    assert "saved in ana's name" in window.status_line.currentMessage()
    assert "assigned" not in window.documents.model.columns  # all of them are ana's
    doc = window.session.document
    text = doc.text
    start = next(i for i in range(len(text) - 6) if text[i : i + 6].isalpha())
    drag_select(window.reader, start, start + 6)
    qtbot.keyClick(window.reader, Qt.Key.Key_A)
    who = query(
        files["ana"],
        "SELECT an.name, a.label FROM annotations a JOIN annotators an ON an.id = a.annotator "
        "ORDER BY an.name",
    )
    assert who == [("ana", "Actor"), ("ben", "Actor")]  # ben's was there before
    assert query(files["ana"], "SELECT count(*) FROM annotators WHERE name = 'Tester'") == [(0,)]


def layer_entries(window) -> list[str]:
    menu = window.findChild(QMenu, "layers-menu")
    menu.aboutToShow.emit()
    return [a.text().replace("&&", "&") for a in menu.actions()]


def test_other_layers_are_shown_in_an_open_file_and_hidden_in_a_blind_one(
    qtbot, make_window, handed_out
) -> None:
    open_files = handed_out(False)
    window = make_window(open_files["ana"], name="ana")
    assert layer_entries(window) == ["ben"]
    menu = window.findChild(QMenu, "layers-menu")
    menu.actions()[0].trigger()  # show ben's layer beside ana's
    assert len(window.session.other_annotations) == 1
    window.close()

    blind_files = handed_out(True)
    blind = make_window(blind_files["ana"], name="ana")
    assert "blind" in blind.status_line.who.text()
    assert layer_entries(blind) == ["(hidden: this file is blind)"]
    ben = blind.session.project.annotators.named("ben")
    blind.session.show_layer(ben.id, True)  # whatever asks, other layers stay hidden
    assert blind.session.other_annotations == {} and blind.session.shown_layers == {}
    qtbot.keyClick(
        blind.reader, "R", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not blind.review.active  # nor does review mode show them
    assert "blind" in blind.statusBar().currentMessage()


def test_merge_projects_with_progress_summary_and_same_name_offer(
    qtbot, make_window, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)
    files = team_files.make_team(tmp_path)
    window = make_window()
    out = tmp_path / "review.annotator"
    seen: dict[str, object] = {}

    def fill(dialog: MergeDialog) -> None:
        dialog.add_paths(list(files.values()))  # what Add files… feeds it
        type_into(qtbot, dialog.out, str(out))
        click_ok(qtbot, dialog)

    def progress(dialog: QProgressDialog) -> None:
        seen["progress"] = dialog.labelText()

    def summary(box: QMessageBox) -> None:
        seen["summary"] = box.text() + "\n" + box.informativeText()
        box.accept()

    def offer(dialog: SameNameDialog) -> None:
        pairs = dialog.list
        seen["pairs"] = [pairs.item(i).text() for i in range(pairs.count())]
        pairs.setFocus()
        pairs.setCurrentRow(0)
        qtbot.keyClick(pairs, Qt.Key.Key_Space)  # check the pair
        assert pairs.item(0).checkState() == Qt.CheckState.Checked
        click_ok(qtbot, dialog)

    waiters = [
        when_modal(fill, MergeDialog),
        when_modal(progress, QProgressDialog),
        when_modal(summary, QMessageBox),
        when_modal(offer, SameNameDialog),
    ]
    open_file_menu_entry(qtbot, window, "Merge projects…")
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)
    assert "Merging 3 file(s)" in str(seen["progress"])
    assert "3 input(s) created" in str(seen["summary"])
    assert "ana: " in str(seen["summary"]) and "cem: " in str(seen["summary"])
    assert len(seen["pairs"]) == 1 and "Sergey Lavrov" in seen["pairs"][0]
    # the review project is open, with the two actors merged into one, undoably
    assert window.session.project.path == out
    lavrov = "SELECT count(*) FROM entities WHERE lower(name) = 'sergey lavrov'"
    assert query(out, lavrov) == [(1,)]
    window.session.undo()
    assert query(out, lavrov) == [(2,)]
    window.session.redo()
    assert query(out, lavrov) == [(1,)]
    assert QApplication.activeModalWidget() is None


def test_a_cancelled_merge_leaves_nothing(qtbot, make_window, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)
    files = team_files.make_team(tmp_path, documents=60)
    window = make_window()
    out = tmp_path / "review.annotator"

    def fill(dialog: MergeDialog) -> None:
        dialog.add_paths(list(files.values()))
        type_into(qtbot, dialog.out, str(out))
        click_ok(qtbot, dialog)

    def cancel(dialog: QProgressDialog) -> None:
        button = dialog.findChild(QPushButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    waiters = [when_modal(fill, MergeDialog), when_modal(cancel, QProgressDialog)]
    from annotator.store import team_merge

    real = team_merge.merge_into

    def slow(*args, **kwargs):  # each document takes a moment, so Cancel comes in time
        progress = args[4] if len(args) > 4 else kwargs.get("progress")

        def slowly(done: int, total: int | None) -> bool | None:
            import time

            time.sleep(0.02)
            return progress(done, total) if progress else None

        return real(*args[:4], slowly, *args[5:], **kwargs)

    monkeypatch.setattr(team_merge, "merge_into", slow)
    open_file_menu_entry(qtbot, window, "Merge projects…")
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)
    qtbot.waitUntil(lambda: "cancelled" in window.status_line.currentMessage(), timeout=20000)
    assert not out.exists() and list(tmp_path.glob(".review*")) == []


def test_merging_into_the_open_review_project_updates_the_window(
    qtbot, make_window, tmp_path: Path
) -> None:
    files = team_files.make_team(tmp_path)
    out = tmp_path / "review.annotator"
    from annotator.io.team_inputs import open_inputs
    from annotator.store.team_merge import merge_team

    merge_team(out, lambda: open_inputs([files["ana"]]))
    window = make_window(out, name="Lead")
    listed = window.documents.model.total
    seen: dict[str, str] = {}

    def fill(dialog: MergeDialog) -> None:
        dialog.add_paths([files["ben"], files["cem"]])
        type_into(qtbot, dialog.out, str(out))
        click_ok(qtbot, dialog)

    def summary(box: QMessageBox) -> None:
        seen["summary"] = box.text() + "\n" + box.informativeText()
        box.accept()

    def keep_apart(dialog: SameNameDialog) -> None:
        dialog.reject()

    waiters = [
        when_modal(fill, MergeDialog),
        when_modal(summary, QMessageBox),
        when_modal(keep_apart, SameNameDialog),
    ]
    open_file_menu_entry(qtbot, window, "Merge projects…")
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)
    assert "2 input(s) merged into" in seen["summary"]
    total = query(out, "SELECT count(*) FROM documents")[0][0]
    assert total > listed and window.documents.model.total == total  # the list read it again
    assert window.session.project.path == out  # still open, never locked out
    lavrov = "SELECT count(*) FROM entities WHERE lower(name) = 'sergey lavrov'"
    assert query(out, lavrov) == [(2,)]  # kept apart, as asked
