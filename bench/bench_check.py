"""Speed and memory of ``annotator check`` against SQLite's ``PRAGMA integrity_check`` alone on
the same file.

Target (issue 8, item 13): the check takes at most 2x ``integrity_check`` and its memory stays
flat. Make the project first (``bench/generate.py``: ``news-100000``, or ``news-10000`` when
time is short). Each case runs in a fresh process, in turn, ``--repeat`` times after one warm-up
read of the file (so all start from the page cache):

- *integrity_check*: ``python -c`` that opens the file read-only and runs the pragma, as
  ``sqlite3 FILE 'PRAGMA integrity_check'`` would;
- *annotator check*: ``python -m annotator check FILE``, the whole command (interpreter start,
  imports, opening, the report printed).

For each: wall time, CPU time (user + system, of all its threads: the check runs SQLite's
pragma beside its own work, see store/checking.py) and peak resident memory, from ``wait4``.
The ratio is of best wall times. ``--in-process`` also times ``Project.check()`` in this
process, with the peak of Python's own allocations (``tracemalloc``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

DEFAULT = Path(__file__).parent / "data" / "news-100000.annotator"
INTEGRITY = (
    "import sqlite3, sys; from urllib.parse import quote; "
    "c = sqlite3.connect('file:' + quote(sys.argv[1]) + '?mode=ro', uri=True); "
    "rows = c.execute('PRAGMA integrity_check').fetchall(); print(rows[0][0])"
)


def run(args: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{args[:4]} failed ({proc.returncode}): {err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-process", action="store_true")
    options = parser.parse_args()
    path = options.project.resolve()
    if not path.exists():
        raise SystemExit(f"{path}: no such project; make it with bench/generate.py")
    with path.open("rb") as fh:  # warm the page cache
        while fh.read(1 << 24):
            pass
    cases = {
        "PRAGMA integrity_check alone": [sys.executable, "-c", INTEGRITY, str(path)],
        "annotator check": [sys.executable, "-m", "annotator", "check", str(path)],
    }
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for i in range(options.repeat):
        for name, args in cases.items():
            results[name].append(run(args))
            wall, cpu, rss = results[name][-1]
            print(f"run {i + 1} {name}: {wall:.2f} s, CPU {cpu:.2f} s, {rss:.0f} MB", flush=True)
    load = os.getloadavg()
    print(f"\n{path.name}: {path.stat().st_size / 1e6:,.0f} MB; load average {load[0]:.1f}")
    print(f"{'case':<30} {'best s':>7} {'median s':>8} {'CPU s':>6} {'peak RSS MB':>11}")
    best = {}
    for name, runs in results.items():
        walls = [r[0] for r in runs]
        best[name] = min(walls)
        cpu = min(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        median = statistics.median(walls)
        print(f"{name:<30} {min(walls):7.2f} {median:8.2f} {cpu:6.2f} {rss:11.0f}")
    base, ours = best["PRAGMA integrity_check alone"], best["annotator check"]
    print(f"ratio (best wall): {ours / base:.2f}x (target <= 2x)")
    cpu_base = min(r[1] for r in results["PRAGMA integrity_check alone"])
    cpu_ours = min(r[1] for r in results["annotator check"])
    print(f"ratio (CPU time):  {cpu_ours / cpu_base:.2f}x (information)")
    if options.in_process:
        in_process(path)


def in_process(path: Path) -> None:
    from annotator import Project

    with Project.open(path, readonly=True) as project:
        start = time.perf_counter()
        report = project.check()
        checked = time.perf_counter() - start
        tracemalloc.start()  # a second run: tracing slows Python down, so it is not timed
        project.check()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"Project.check() in process: {checked:.2f} s ({len(report.errors)} errors)")
    print(f"peak Python allocations during a second check: {peak / 1e3:,.0f} kB")


if __name__ == "__main__":
    main()
