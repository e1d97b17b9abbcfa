"""Starting the desktop application: QApplication, preferences, the window, a project."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QApplication

from annotator.gui.main_window import MainWindow
from annotator.gui.session import Session
from annotator.gui.settings import Settings
from annotator.gui.single_instance import InstanceServer, hand_over
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
    if hand_over(project):  # a window is running: it opens the project
        where = f"{project}: opened" if project is not None else "Shown"
        print(f"{where} in the Annotator window already running.")
        return 0
    settings = Settings.load()
    apply_theme(app, settings.theme)
    window = build_window(project, settings)
    window.show()
    server = InstanceServer(app)
    server.listen()
    server.open_requested.connect(lambda path: open_handed_over(path, settings))
    return app.exec()


def open_handed_over(project: Path | None, settings: Settings) -> MainWindow | None:
    """Show ``project`` as a later start asked: the window that has it open comes to the
    front, else a new window opens it (None: the last window is shown)."""
    windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    chosen = windows[-1] if windows and project is None else None
    for window in windows:
        open_one = window.session.project
        if project is not None and open_one is not None and open_one.path.resolve() == project:
            chosen = window
    if chosen is None and project is not None:
        chosen = MainWindow(Session(settings.annotator_name), settings)
        if not chosen.open_project(project):
            chosen.deleteLater()
            return None
        chosen.show()
    if chosen is not None:
        if chosen.isMinimized():
            chosen.showNormal()
        chosen.raise_()
        chosen.activateWindow()
    return chosen
