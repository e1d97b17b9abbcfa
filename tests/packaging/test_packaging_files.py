"""The packaging files agree with the program: the file type's magic is the project's
application id, the desktop files validate, and the frozen entry point answers for Python."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.store.migrations import APPLICATION_ID

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
LINUX = PACKAGING / "linux"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_the_file_type_is_recognised_by_the_projects_application_id(tmp_path: Path) -> None:
    root = ET.parse(LINUX / "org.annotator.Annotator.mime.xml").getroot()
    kind = root.find(f"{MIME}mime-type")
    assert kind is not None and kind.get("type") == "application/x-annotator-project"
    sqlite = kind.find(f"{MIME}magic/{MIME}match")
    assert sqlite is not None and sqlite.get("value") == "SQLite format 3"
    app_id = sqlite.find(f"{MIME}match")
    assert app_id is not None
    assert (
        app_id.get("type"),
        int(app_id.get("offset", "")),
        int(app_id.get("value", ""), 16),
    ) == (
        "big32",
        68,
        APPLICATION_ID,
    )
    # and a real project file has those bytes there
    from annotator.store.project import Project

    path = tmp_path / "p.annotator"
    Project.create(path).close()
    head = path.read_bytes()[:72]
    assert (
        head.startswith(b"SQLite format 3") and int.from_bytes(head[68:72], "big") == APPLICATION_ID
    )


def test_the_desktop_entry_opens_projects_with_the_program() -> None:
    entry = (LINUX / "org.annotator.Annotator.desktop").read_text(encoding="utf-8")
    assert "Exec=annotator %f" in entry.splitlines()
    assert "MimeType=application/x-annotator-project;" in entry.splitlines()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(LINUX / "org.annotator.Annotator.desktop")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_validates_once_filled_in(tmp_path: Path) -> None:
    text = (LINUX / "org.annotator.Annotator.metainfo.xml").read_text(encoding="utf-8")
    for shot in ET.fromstring(text).iter("image"):
        name = (shot.text or "").removeprefix("@SCREENSHOTS@/")
        assert (PACKAGING.parent / "docs" / "screenshots" / name).is_file(), name
    if not shutil.which("appstreamcli"):
        pytest.skip("appstreamcli is not installed (CI's packaging step runs it)")
    filled = tmp_path / "org.annotator.Annotator.metainfo.xml"
    filled.write_text(
        text.replace("@SCREENSHOTS@", "https://example.org/s")
        .replace("@VERSION@", "0.1.0")
        .replace("@DATE@", "2026-12-03"),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(filled)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def run_launcher(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PACKAGING / "launcher.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_frozen_entry_point_is_the_command_line_and_answers_for_python() -> None:
    from annotator import __version__

    assert run_launcher("--version").stdout.strip() == f"annotator, version {__version__}"
    ran = run_launcher("-c", "import sys; print('code', sys.argv[1:])", "x")
    assert ran.stdout.strip() == "code ['x']", ran.stderr
    module = run_launcher("-m", "annotator", "--version")
    assert module.stdout.strip() == f"annotator, version {__version__}", module.stderr
    # -m runs only Annotator's own modules; anything else is the command line's usage error
    other = run_launcher("-m", "http.server")
    assert other.returncode == 2 and "No such option '-m'" in other.stderr
