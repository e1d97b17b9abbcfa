"""Files that hold the user's data are owner-only whatever the umask: exports (0600; a file
being replaced keeps its permissions), lock files (0600), backups (0600 in 0700 folders)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project
from annotator.io import native
from annotator.store.backup import backup_folder, backup_root, list_backups

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.documents.add("The envoy said talks would resume.", title="Talks")
    return path


def test_new_export_is_owner_only(project: Path, tmp_path: Path, open_umask: None) -> None:
    out = tmp_path / "out.jsonl"
    with Project.open(project, readonly=True) as p:
        native.write_jsonl(p.datasets(), out)
    assert mode(out) == 0o600


def test_replaced_export_keeps_its_permissions(
    project: Path, tmp_path: Path, open_umask: None
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    with Project.open(project, readonly=True) as p:
        native.write_json(p.datasets(), out)
    assert mode(out) == 0o644
    assert out.read_text(encoding="utf-8") != "old"


def test_backups_are_owner_only(
    project: Path, tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANNOTATOR_BACKUP_DIR", str(tmp_path / "data" / "backups"))
    with Project.open(project) as p:
        p.documents.add("A second article.")
    with Project.open(project) as p:  # changed since the last backup: a new one
        assert p.backup_path is not None
    backups = list_backups(project)
    assert backups
    assert {mode(b) for b in backups} == {0o600}
    assert mode(backup_folder(project)) == 0o700
    assert mode(backup_root()) == 0o700
