"""The window backs its project up in the background once it is open, not before painting."""

from __future__ import annotations

from pathlib import Path

from annotator import Project
from annotator.store.backup import list_backups


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
