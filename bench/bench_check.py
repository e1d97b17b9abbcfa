"""Speed and memory of ``Project.check()`` (what ``annotator check`` runs) against SQLite's
``PRAGMA integrity_check`` alone on the same file.

Target (issue): the check takes at most 2x ``integrity_check`` and its memory stays flat.
Make the project first (``bench/generate.py --articles 100000``, or ``--articles 10000`` when
time is short); this script prints both times, their ratio, and the peak of Python's own
allocations during the check (``tracemalloc``), each measured once after a warm-up read of
the file (so both start from the page cache).
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import time
import tracemalloc
from pathlib import Path

from annotator import Project

DEFAULT = Path(__file__).parent / "data" / "news-100000.annotator"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=DEFAULT)
    path = parser.parse_args().project
    if not path.exists():
        raise SystemExit(f"{path}: no such project; make it with bench/generate.py")
    path.read_bytes() if path.stat().st_size < 2**31 else None  # warm the page cache
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        start = time.perf_counter()
        conn.execute("PRAGMA integrity_check").fetchall()
        integrity = time.perf_counter() - start
    with Project.open(path, readonly=True) as project:
        start = time.perf_counter()
        report = project.check()
        checked = time.perf_counter() - start
        tracemalloc.start()  # a second run: tracing slows Python down, so it is not timed
        project.check()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    size = path.stat().st_size / 1e6
    print(f"{path.name}: {size:,.0f} MB, checked {report.checked}")
    print(f"PRAGMA integrity_check alone: {integrity:.2f} s")
    print(f"Project.check():              {checked:.2f} s ({len(report.errors)} errors)")
    print(f"ratio: {checked / integrity:.2f}x (target <= 2x)")
    print(f"peak Python allocations during a second check: {peak / 1e3:,.0f} kB")


if __name__ == "__main__":
    main()
