"""The start names the system libraries Qt's xcb plugin is missing (parsed from ldd)."""

from __future__ import annotations

import pytest

from annotator.gui import xcb_check

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd6b3f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1c2a000000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb1.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f1c29e00000)
\tlibxcb-cursor.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
"""


def test_missing_libraries_are_read_from_ldd_output() -> None:
    assert xcb_check.missing_libraries(LDD) == [
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxkbcommon-x11.so.0",
    ]
    assert xcb_check.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_no_check_for_other_platforms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert xcb_check.xcb_problem() is None


def test_a_plugin_that_cannot_load_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    monkeypatch.setattr(xcb_check.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(xcb_check, "xcb_plugin", lambda: broken)
    monkeypatch.setattr(xcb_check.shutil, "which", lambda _name: None)  # no ldd
    problem = xcb_check.xcb_problem()
    assert problem is not None
    assert "cannot be loaded" in problem and "libxcb-cursor0" in problem


def test_the_installed_plugin_loads_here(monkeypatch: pytest.MonkeyPatch) -> None:
    if xcb_check.xcb_plugin() is None:
        pytest.skip("no xcb plugin in this PySide6")
    monkeypatch.setattr(xcb_check.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    # this machine has the libraries (CI installs them): nothing to report
    problem = xcb_check.xcb_problem()
    if problem is not None:
        pytest.skip(problem)
