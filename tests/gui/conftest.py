"""Fixtures for GUI tests: the real main window on a real project, and ways to use the mouse.

Preferences and QSettings go to the test's temporary folder; nothing touches the user's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotator import Project


@pytest.fixture(autouse=True)
def _isolated_preferences(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config))
    QCoreApplication.setOrganizationName("annotator-tests")


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., object]]:
    """Build the real main window on a project (the demo project by default)."""
    from annotator.app import build_window
    from annotator.demo import write_demo
    from annotator.gui.settings import Settings

    windows = []

    def factory(project: Path | None = None, name: str = "Tester", **prefs: object):
        if project is None:
            project = tmp_path / "demo.annotator"
            if not project.exists():
                write_demo(project)
        settings = Settings(annotator_name=name, **prefs)  # type: ignore[arg-type]
        settings.save()
        window = build_window(project, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.close()


@pytest.fixture
def article_project(tmp_path: Path) -> Callable[[str], tuple[Path, str]]:
    """A project with one article of the given text; returns (path, document id)."""

    def factory(text: str, title: str = "Article") -> tuple[Path, str]:
        path = tmp_path / "article.annotator"
        with Project.create(path) as p:
            doc = p.add_document(text, title=title)
        return path, doc.id

    return factory


def _mouse(widget, kind: QEvent.Type, point: QPointF, buttons, modifiers) -> None:
    button = Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind, point, widget.mapToGlobal(point), button if kind != QEvent.Type.MouseMove
        else Qt.MouseButton.NoButton, buttons, modifiers,
    )
    QApplication.sendEvent(widget, event)


def drag_select(reader, start: int, end: int,
                modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press the mouse at code-point ``start``, move to ``end`` and release, as a person does."""
    viewport = reader.viewport()
    a = _edge_point(reader, start)
    b = _edge_point(reader, end)
    _mouse(viewport, QEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton, modifiers)
    middle = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
    for point in (middle, b):
        _mouse(viewport, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton, modifiers)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def click_text(reader, offset: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Click in the middle of the character at code-point ``offset``."""
    viewport = reader.viewport()
    a = _edge_point(reader, offset)
    b = _edge_point(reader, offset + 1)
    point = QPointF((a.x() + b.x()) / 2, a.y()) if b.y() == a.y() else QPointF(a.x() + 2, a.y())
    _mouse(viewport, QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton, modifiers)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton, modifiers)
    QApplication.processEvents()


def _edge_point(reader, offset: int) -> QPointF:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.positions.to_qt(offset))
    rect = reader.cursorRect(cursor)
    return QPointF(rect.left() + 0.5, rect.center().y())
