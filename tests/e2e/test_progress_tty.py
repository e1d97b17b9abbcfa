"""On a terminal, long commands show a progress bar; when output is redirected, they do not."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def run_on_terminal(*args: str) -> tuple[int, str]:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_import_shows_progress_on_a_terminal(tmp_path: Path, cli) -> None:
    project = tmp_path / "p.annotator"
    assert cli("new", project).returncode == 0
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            f'{{"text": "Article number {i} about the talks.", "title": "T{i}"}}\n'
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    code, screen = run_on_terminal("import", str(project), str(feed))
    assert code == 0, screen
    assert "Importing" in screen and "100%" in screen
    assert "3000 document(s) added" in screen


def test_no_progress_bar_when_redirected(tmp_path: Path, cli) -> None:
    project = tmp_path / "p.annotator"
    cli("new", project)
    article = tmp_path / "a.txt"
    article.write_text("The minister said talks would resume.", encoding="utf-8")
    result = cli("import", project, article)
    assert result.returncode == 0
    assert "Importing" not in result.stderr and "%" not in result.stderr
