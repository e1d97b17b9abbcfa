"""The window backs its project up in the background once it is open, not before painting."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import Project
from annotator.store.backup import list_backups


@pytest.fixture(autouse=True)
def _no_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window waits for a pause in the user's edits; these tests make none."""
    monkeypatch.setattr("annotator.gui.main_window.BACKUP_WHEN_IDLE_MS", 0)


def test_opening_a_changed_project_writes_a_backup_in_the_background(
    qtbot, make_window, tmp_path: Path
) -> None:
    path = tmp_path / "backed.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said the talks would resume.", title="Talks")
    assert list_backups(path) == []
    window = make_window(path)
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=5000)
    qtbot.waitUntil(lambda: "Backup written" in window.status_line.currentMessage(), timeout=5000)
    (backup,) = list_backups(path)
    with Project.open(backup, readonly=True) as copy:
        assert [d.title for d in copy.documents.all()] == ["Talks"]


def test_the_backup_waits_for_a_pause_in_the_edits(
    qtbot, make_window, tmp_path: Path, monkeypatch
) -> None:
    from gui_mouse import drag_select
    from PySide6.QtCore import Qt

    monkeypatch.setattr("annotator.gui.main_window.BACKUP_WHEN_IDLE_MS", 400)
    path = tmp_path / "busy.annotator"
    with Project.create(path) as p:
        p.documents.add("Karamov said the talks would resume.", title="Talks")
    window = make_window(path)
    # an edit every 200 ms keeps postponing it (each on another word: the same one twice
    # would be refused, and no edit)
    for start, end in ((0, 7), (8, 12), (13, 16), (17, 22)):
        drag_select(window.reader, start, end)
        qtbot.keyClick(window.reader, Qt.Key.Key_A)
        qtbot.wait(200)
        assert list_backups(path) == []
        assert not window.session.backup_started
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=5000)


def test_a_failed_backup_is_said_and_the_work_goes_on(
    qtbot, make_window, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    monkeypatch.setenv("ANNOTATOR_BACKUP_DIR", str(blocker))
    path = tmp_path / "unbacked.annotator"
    with Project.create(path) as p:
        p.documents.add("Belotsky called for a cease-fire.", title="Cease-fire")
    window = make_window(path)
    qtbot.waitUntil(
        lambda: "Could not write a backup" in window.status_line.currentMessage(), timeout=5000
    )
    assert window.session.document is not None
    assert window.reader.toPlainText() == "Belotsky called for a cease-fire."
