"""Fixtures for GUI tests: the real main window on a real project, and ways to use the mouse.

Preferences and QSettings go to the test's temporary folder; nothing touches the user's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from annotator import Project


@pytest.fixture(autouse=True)
def _isolated_preferences(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(config))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    QCoreApplication.setOrganizationName("annotator-tests")


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., object]]:
    """Build the real main window on a project (the demo project by default).

    The window shows and edits only the layer of the annotator it is opened as (``name``); the
    demo is written in that annotator's layer, statuses included, as the app writes its own.
    """
    from annotator.app import build_window
    from annotator.demo import write_demo
    from annotator.gui.settings import Settings

    windows = []

    def factory(project: Path | None = None, name: str = "Tester", **prefs: object):
        if project is None:
            project = tmp_path / "demo.annotator"
            if not project.exists():
                write_demo(project, annotator=name)  # the demo's layer is theirs
        # Suggestions (made and stored as a document opens) only where a test asks for them:
        # the other tests count what the file holds.
        prefs.setdefault("show_suggestions", False)
        settings = Settings(annotator_name=name, **prefs)  # type: ignore[arg-type]
        settings.save()
        window = build_window(project, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # keys go to the focused widget of the active window
        qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
        window.reader.setFocus()
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
            doc = p.documents.add(text, title=title).value
        return path, doc.id

    return factory
