"""Naming the missing system libraries when Qt's xcb platform plugin cannot load.

Without them Qt only says "could not load the Qt platform plugin xcb" and aborts the process
(which Python cannot catch). So before the QApplication is made, :func:`xcb_problem` tries to
load the plugin itself (one ``dlopen``); only when that fails does it run ``ldd`` on the plugin
to list every missing library, and the start stops with that list and the Debian packages.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: What Qt's xcb plugin needs on Debian/Ubuntu beyond a base system (see README.md).
XCB_PACKAGES = (
    "libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6 "
    "libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 "
    "libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 "
    "libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1"
)

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``not found``, each once, in its order."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def xcb_plugin() -> Path | None:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def _uses_xcb() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return not os.environ.get("WAYLAND_DISPLAY")


def xcb_problem() -> str | None:
    """None when the xcb plugin loads (or is not used); else a message naming what is missing."""
    if not _uses_xcb():
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin))
        return None
    except OSError as exc:
        first = str(exc)
    missing: list[str] = []
    if shutil.which("ldd"):
        result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True)
        missing = missing_libraries(result.stdout)
    named = ", ".join(missing) if missing else first
    return (
        f"Qt's display plugin (xcb) cannot be loaded: missing system libraries: {named}. "
        f"On Debian or Ubuntu: sudo apt-get install {XCB_PACKAGES}"
    )
