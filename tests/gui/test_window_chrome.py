"""First start, the tag bar, zoom, the shortcut sheet, the status bar and `annotator gui`."""

from __future__ import annotations

from pathlib import Path

from gui_mouse import drag_select
from gui_wait import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from annotator.gui.settings import Settings


def test_first_start_asks_the_name_and_opens_the_demo(qtbot, tmp_path: Path) -> None:
    from annotator.app import build_window, demo_project_path

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        field = dialog.findChild(QLineEdit)
        field.selectAll()
        qtbot.keyClicks(field, "Ana Ruiz")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    when_modal(lambda _dialog: answer(), QDialog)
    window = build_window(None, Settings())
    qtbot.addWidget(window)
    assert window.session.annotator_name == "Ana Ruiz"
    assert Settings.load().annotator_name == "Ana Ruiz"
    assert window.session.project.path == demo_project_path()
    assert window.session.project.documents.count() == 12
    assert window.session.annotations  # the demo was written in her layer: she sees it
    assert window.session.layer.name == "Ana Ruiz"
    window.close()
    # The next start opens the last project without asking.
    again = build_window(None, Settings.load())
    qtbot.addWidget(again)
    assert again.session.project.path.resolve() == demo_project_path().resolve()
    again.close()


def test_tag_bar_buttons_tag_the_selection(qtbot, make_window, article_project) -> None:
    text = "The envoy said talks would resume on Monday."
    path, doc_id = article_project(text)
    window = make_window(path)
    button_texts = [a.text() for a in window.tagbar.actions()]
    assert button_texts == ["Actor (A)", "Quote (Q)", "Demand (D)", "Cue (C)"]
    assert "speaks, demands or is addressed" in window.tagbar.actions()[0].toolTip()
    start = text.index("talks")
    drag_select(window.reader, start, start + len("talks would resume"))
    widget = window.tagbar.widgetForAction(window.tagbar.actions()[1])
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    (ann,) = window.session.layer.annotations(doc_id)
    assert (ann.label, ann.text) == ("Quote", "talks would resume")


def test_zoom_changes_the_reader_font_and_is_remembered(qtbot, make_window) -> None:
    window = make_window()
    before = window.reader.font().pointSizeF()
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() == before + 2
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() == before + 1
    assert Settings.load().font_size == before + 1


def test_f1_opens_the_shortcut_sheet(qtbot, make_window) -> None:
    window = make_window()
    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(lambda _dialog: close_it())
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    assert seen and "hortcut" in seen[0]


def test_status_bar_shows_who_progress_and_saved(qtbot, make_window, article_project) -> None:
    path, _ = article_project("The envoy said talks would resume.")
    window = make_window(path, name="Ana")
    status = window.status_line
    assert status.who.text() == "Annotator: Ana"
    assert status.progress.text() == "0 of 1 documents done"
    drag_select(window.reader, 4, 9)
    qtbot.keyClick(window.reader, Qt.Key.Key_A)
    assert status.saved.text() == "Saved ✓"


def test_gui_command_refuses_a_missing_project(cli, tmp_path: Path) -> None:
    result = cli("gui", tmp_path / "missing.annotator")
    assert result.returncode == 4
    assert "no such project file" in result.stderr


def test_a_project_opens_on_the_document_last_read(qtbot, make_window, tmp_path) -> None:
    from annotator import Project
    from annotator.app import build_window
    from annotator.gui.settings import Settings

    path = tmp_path / "three.annotator"
    with Project.create(path) as p:
        ids = [p.documents.add(f"Article number {i}.", title=f"A{i}").value.id for i in range(3)]
    window = make_window(path)
    assert window.session.document.id == ids[0]
    window.step_document(1)
    window.step_document(1)
    assert window.session.document.id == ids[2]
    window.close()
    settings = Settings.load()  # what the next start finds
    assert settings.last_document(path) == ids[2]
    again = build_window(path, settings)
    qtbot.addWidget(again)
    assert again.session.document.id == ids[2]
    assert again.heading.text() == "A2"
    again.close()


def test_the_reader_gets_the_largest_share_of_the_width(make_window) -> None:
    from annotator.gui.main_window import dock_widths

    for width in (1024, 1280, 1400, 1920):
        documents, annotations = dock_widths(width)
        reader = width - documents - annotations
        assert reader > max(documents, annotations), width
    window = make_window()
    assert window.minimumSizeHint().width() <= 800  # fits a 1024-pixel screen with room
    window.resize(1024, 640)
    window.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert window.width() == 1024
    assert window.reader.width() >= 300
    assert window.reader.width() > window.annotations.width() * 3 // 4


def _settle(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    for _ in range(3):  # the resize, then the docks' own layout passes
        QApplication.processEvents()


def _side_docks(window) -> list:
    return [window.documents, window.annotations]


def test_first_start_at_1024_gives_the_reader_half_the_width(qtbot, make_window, monkeypatch):
    from annotator.gui import main_window

    monkeypatch.setattr(main_window, "initial_size", lambda _window: (1024, 640))
    window = make_window()
    QApplication.processEvents()
    assert window.width() == 1024
    assert window.reader.width() >= 1024 // 2
    assert window.reader.width() > max(d.width() for d in _side_docks(window))


def test_the_reader_keeps_half_when_the_window_shrinks_and_takes_what_it_gains(
    qtbot, make_window, monkeypatch
) -> None:
    from annotator.gui import main_window

    # Opened on a large screen, then snapped to a small window and grown again.
    monkeypatch.setattr(main_window, "initial_size", lambda _window: (1400, 860))
    window = make_window()
    QApplication.processEvents()
    _settle(qtbot, window, 1024, 640)
    assert window.width() == 1024
    assert window.reader.width() >= 1024 // 2  # usable: half the window, the docks share the rest
    docks = [d.width() for d in _side_docks(window)]
    reader = window.reader.width()
    _settle(qtbot, window, 1600, 900)
    assert [d.width() for d in _side_docks(window)] == docks  # the docks keep their widths
    assert window.reader.width() == reader + 576  # the reader gets all the new room
    _settle(qtbot, window, 600, 600)  # below the minimum: the window stops at it
    assert window.width() == window.minimumWidth() <= 800
    for dock in _side_docks(window):  # every dock keeps the width its contents need
        group = [dock, *window.tabifiedDockWidgets(dock)]
        needed = max(d.minimumSizeHint().width() for d in group)
        assert dock.width() >= needed >= 130, dock.objectName()
    assert window.reader.width() >= 200
