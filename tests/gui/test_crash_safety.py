"""An edit the window has shown is on disk: killing the process loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator import Project

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from annotator.app import build_window
    from annotator.gui.settings import Settings

    app = QApplication([])
    window = build_window(Path(sys.argv[1]), Settings(annotator_name="Crash"))
    window.show()
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)  # "Karamov"
    reader.setTextCursor(cursor)
    window.tagging.tag("Actor")
    app.processEvents()
    print(len(window.session.annotations), flush=True)  # what the window shows
    time.sleep(60)
    """
)


def test_killing_the_process_after_an_edit_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.documents.add("Karamov said the talks would resume.", title="Talks").value
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_CONFIG_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        shown = proc.stdout.readline().strip()
        assert shown == "1"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    with Project.open(path, readonly=True) as reopened:
        crash = reopened.annotators.named("Crash")
        assert crash is not None
        (ann,) = reopened.layer(crash.id).annotations(doc.id)
        assert (ann.label, ann.text) == ("Actor", "Karamov")
        assert [layer.name for layer in reopened.layers()] == ["Crash"]  # nobody else wrote
        assert reopened.check().ok


def test_the_windows_edits_reach_the_project_file_itself_from_the_background(
    qtbot, make_window, tmp_path: Path
) -> None:
    """The write-ahead log is copied into the file by a thread once the window is quiet
    (store/checkpoints.py): a copy of the file alone then holds the edit."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said the talks would resume.", title="Talks")
    window = make_window(path)
    checkpoints = window.session.checkpoints
    assert checkpoints is not None and checkpoints.running
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)  # "Karamov"
    window.reader.setTextCursor(cursor)
    window.tagging.tag("Actor")
    qtbot.waitUntil(lambda: checkpoints.checkpoints >= 1, timeout=10_000)
    alone = tmp_path / "alone.annotator"
    shutil.copyfile(path, alone)  # without its -wal
    with sqlite3.connect(alone) as conn:
        stored = conn.execute("SELECT label, start, end FROM annotations").fetchall()
    assert stored == [("Actor", 0, 7)]
    window.session.close_project()
    assert window.session.checkpoints is None and not checkpoints.running
