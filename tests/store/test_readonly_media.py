"""A project on a read-only mount can be read (info, check, export elsewhere) and says so; on
a 100% full disk writers get the disk-full error (exit 6) and readers still read.

Needs root to mount (CI runs as root); skipped cleanly where mounting is not allowed.
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

from annotator import Project


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mount(*args: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root and mount(8)")
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")


@contextlib.contextmanager
def mounted(target: Path, *args: str) -> Iterator[Path]:
    target.mkdir()
    _mount(*args, str(target))
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def make_project(path: Path) -> None:
    with Project.create(path) as p:
        p.documents.add("The envoy said talks would resume.", title="Talks")


def test_project_on_a_read_only_mount_is_readable(tmp_path: Path, cli) -> None:
    source = tmp_path / "src"
    source.mkdir()
    make_project(source / "p.annotator")
    before = digest(source / "p.annotator")
    with mounted(tmp_path / "ro", "--bind", str(source)) as ro:
        _mount("-o", "remount,ro,bind", str(ro))
        path = ro / "p.annotator"
        info = cli("info", path, "--json")
        assert info.returncode == 0, info.stderr
        assert '"documents": 1' in info.stdout
        assert "read-only" in info.stderr
        check = cli("check", path)
        assert check.returncode == 0, check.stderr
        out = tmp_path / "out.jsonl"
        export = cli("export", path, "--format", "jsonl", "-o", out)
        assert export.returncode == 0, export.stderr
        assert out.exists()
        # into the read-only folder itself: a message naming the file, no traceback
        inside = cli("export", path, "-o", ro / "out.json")
        assert inside.returncode == 7
        assert f"{ro / 'out.json'}: cannot be written" in inside.stderr
        assert "Traceback" not in inside.stderr
        article = tmp_path / "a.txt"
        article.write_text("Another article.", encoding="utf-8")
        refused = cli("import", path, article)
        assert refused.returncode == 4 and "read-only" in refused.stderr
        with Project.open(path, readonly=True) as p:
            assert p.documents.count() == 1
            assert any("read-only" in w for w in p.warnings)
        assert sorted(f.name for f in ro.iterdir()) == ["p.annotator"]
    assert digest(source / "p.annotator") == before


def test_full_disk_gives_the_disk_full_error(tmp_path: Path, cli) -> None:
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=2M", "tmpfs") as small:
        path = small / "p.annotator"
        make_project(path)
        before = digest(path)
        with (small / "fill").open("wb") as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        article = tmp_path / "a.txt"
        article.write_text("Another article entirely. " * 200, encoding="utf-8")
        result = cli("import", path, article)
        assert result.returncode == 6, result.stderr
        assert "disk is full" in result.stderr
        assert "Traceback" not in result.stderr
        info = cli("info", path, "--json")
        assert info.returncode == 0, info.stderr
        assert '"documents": 1' in info.stdout
        assert "disk" in info.stderr and "full" in info.stderr
        assert digest(path) == before
