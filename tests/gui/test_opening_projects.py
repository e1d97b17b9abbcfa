"""Opening a project file as a desktop does: `annotator PROJECT`, a second start handing its
project to the running window, and Help → About with the version and the paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.app import open_handed_over
from annotator.gui.main_window import MainWindow
from annotator.gui.single_instance import InstanceServer
from annotator.store.project import Project


def test_a_project_file_in_place_of_a_command_opens_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.cli import main, project_commands

    opened: list[Path | None] = []
    monkeypatch.setattr(project_commands, "run_gui", lambda p: opened.append(p) or 0)
    project = tmp_path / "study.annotator"
    Project.create(project).close()

    result = CliRunner().invoke(main, [str(project)])
    assert result.exit_code == 0, result.output
    assert opened == [project]
    missing = CliRunner().invoke(main, [str(tmp_path / "nowhere.annotator")])
    assert missing.exit_code == 4 and "no such project file" in missing.output
    unknown = CliRunner().invoke(main, ["no-such-command"])  # a typo is still a usage error
    assert unknown.exit_code == 2 and "No such command" in unknown.output


HAND_OVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from annotator.gui.single_instance import hand_over
app = QCoreApplication([])
print(hand_over(Path(sys.argv[1]) if sys.argv[1] else None))
"""


def hand_over_from_another_process(project: Path | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", HAND_OVER, str(project or "")],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_second_start_hands_its_project_to_the_running_window(
    qtbot, make_window, tmp_path: Path
) -> None:
    window = make_window()
    other = tmp_path / "other.annotator"
    Project.create(other, name="Other study").close()
    server = InstanceServer()
    assert server.listen()
    handed: list[Path | None] = []
    server.open_requested.connect(handed.append)
    try:
        for count, project in enumerate((other, None), start=1):
            start = hand_over_from_another_process(project)
            qtbot.waitUntil(lambda count=count: len(handed) == count, timeout=10_000)
            assert start.communicate(timeout=10)[0].strip() == "True"
        assert handed == [other.resolve(), None]

        opened = open_handed_over(other.resolve(), window.settings)
        assert opened is not None and opened is not window
        qtbot.addWidget(opened)
        assert opened.windowTitle() == "Other study — Annotator"
        # the same project again: the window that has it comes to the front, no second one
        assert open_handed_over(other.resolve(), window.settings) is opened
        demo = window.session.project.path.resolve()
        assert open_handed_over(demo, window.settings) is window
        assert sum(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets()) >= 2
    finally:
        server.close()
    # nobody listening any more: a start says so and opens its own window
    start = hand_over_from_another_process(other)
    assert start.communicate(timeout=10)[0].strip() == "False"


def test_a_second_server_does_not_steal_the_name(qtbot) -> None:
    first, second = InstanceServer(), InstanceServer()
    try:
        assert first.listen()
        assert not second.listen()
    finally:
        first.close()
        second.close()


def test_about_names_the_version_and_the_paths(qtbot, make_window) -> None:
    window = make_window()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and not seen:
            seen.extend([box.text(), box.informativeText()])
            box.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    try:
        window.actions_by_name["about"].trigger()
    finally:
        timer.stop()

    text, places = seen
    assert text.startswith(f"Annotator {__version__}\n")
    assert __version__ != "0+unknown"  # the installed package's own version
    lines = places.splitlines()
    assert lines[0] == f"Project: {window.session.project.path}"
    assert lines[1] == f"Preferences: {window.settings.path}"
    assert lines[2].startswith("Backups: ") and window.session.project.path.stem in lines[2]
    assert lines[3].startswith("Program: ")
