"""A read-only project file is refused for writing with a clear message and left untouched.

As root, permission bits do not stop writes, so the file is made immutable with chattr +i
(which stops root too); as another user, chmod is enough.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project, ProjectFileError


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("this file system does not support immutable files")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_read_only_project_is_refused_for_writing_and_readable(tmp_path: Path, cli) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.documents.add("The envoy said talks would resume.", title="Talks")
    before = digest(path)
    with read_only(path):
        with pytest.raises(ProjectFileError, match="read-only"):
            Project.open(path)
        article = tmp_path / "a.txt"
        article.write_text("Another article entirely.", encoding="utf-8")
        result = cli("import", path, article)
        assert result.returncode == 4
        assert "read-only" in result.stderr
        info = cli("info", path, "--json")
        assert info.returncode == 0, info.stderr
        assert '"documents": 1' in info.stdout
        assert digest(path) == before
    assert not (tmp_path / "p.annotator.lock").exists()
