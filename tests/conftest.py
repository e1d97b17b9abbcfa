"""Shared fixtures. Every test runs with its own backup folder and annotator name, so nothing
touches the user's data folder; GUI tests (later) run on the offscreen Qt platform. Commands
wait for their background backup (ANNOTATOR_BACKUP_WAIT), so that no backup process outlives
its test; tests/e2e/test_cli_backups.py checks that they do not wait without it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANNOTATOR_BACKUP_DIR", str(tmp_path_factory.mktemp("backups")))
    monkeypatch.setenv("ANNOTATOR_NAME", "Tester")
    monkeypatch.setenv("ANNOTATOR_BACKUP_WAIT", "1")
    # the user's own files (news-export layouts, preferences) never reach a test
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[object]:
    """A new, empty project with the default schema, open for writing."""
    from annotator import Project

    p = Project.create(tmp_path / "test.annotator", annotator="Tester")
    yield p
    p.close()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """The demo project written to a fresh file (closed)."""
    from annotator.demo import write_demo

    path = tmp_path / "demo.annotator"
    write_demo(path)
    return path


def run_cli(
    *args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m annotator ARGS`` in a subprocess, as a user would from a shell."""
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def cli() -> object:
    return run_cli
