"""Starting the desktop application: QApplication, preferences, the window, a project."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QApplication

from annotator.gui.main_window import MainWindow
from annotator.gui.session import Session
from annotator.gui.settings import Settings
from annotator.gui.theme import apply_theme


def demo_project_path() -> Path:
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "demo.annotator"


def ensure_demo(annotator_name: str) -> Path:
    """The demo project in the user's data folder, its annotations in their layer."""
    from annotator.demo import write_demo

    path = demo_project_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path, annotator=annotator_name)
    return path


def build_window(project: Path | None, settings: Settings | None = None) -> MainWindow:
    """The window with ``project`` (or the last project, or the demo) open.

    Asks for the annotator's name first when it is not known yet.
    """
    settings = settings or Settings.load()
    if not settings.annotator_name:
        from annotator.gui.dialogs import ask_annotator_name
        from annotator.store.project import default_annotator_name

        name = ask_annotator_name(None, default_annotator_name())
        settings.annotator_name = name or default_annotator_name()
        settings.save()
    window = MainWindow(Session(settings.annotator_name), settings)
    target = project or settings.last_project or ensure_demo(settings.annotator_name)
    window.open_project(target)
    return window


def run(project: Path | None = None) -> int:
    if QApplication.instance() is None:
        from annotator.gui.xcb_check import xcb_problem

        problem = xcb_problem()  # Qt would abort without saying which library is missing
        if problem is not None:
            print(f"Error: {problem}", file=sys.stderr)
            return 8
    app = QApplication.instance() or QApplication(sys.argv)
    if not isinstance(app, QApplication):  # a bare QCoreApplication has no styles or windows
        raise RuntimeError("Annotator needs a QApplication, not a QCoreApplication")
    app.setApplicationName("Annotator")
    app.setOrganizationName("annotator")
    settings = Settings.load()
    apply_theme(app, settings.theme)
    window = build_window(project, settings)
    window.show()
    return app.exec()
