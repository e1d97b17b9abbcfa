"""GUI speed: run the four window benchmarks in turn, each in its own process.

    python bench/bench_gui.py                      # all four (about 40 minutes on 2 cores)
    python bench/bench_gui.py --only edit --only open --quick

- bench_gui_edit.py: add one annotation by key (Q), undo, redo, in a 3 KB article of the
  100k project: median <= 16 ms, p95 <= 30 ms, until idle;
- bench_gui_start.py: start on the 100k project with its last document open, in a fresh
  process: <= 1.0 s and <= 6x a bare PySide6 window, to the first paint and to idle;
- bench_gui_open.py: open the 1 MB article with 10,000 annotations: first paint <= 3x
  ``setPlainText``, idle <= 8x;
- bench_gui_switch.py: switch documents in the 100k project: median <= 50 ms until idle.

The projects come from bench/generate.py (made on first use, then cached in bench/data/).
Options other than --only are passed on to each script (see their --help).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

SCRIPTS = {
    "edit": "bench_gui_edit.py",
    "start": "bench_gui_start.py",
    "open": "bench_gui_open.py",
    "switch": "bench_gui_switch.py",
}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", choices=SCRIPTS, action="append", help="run only these (repeatable)")
    args, rest = p.parse_known_args()
    here = Path(__file__).resolve().parent
    failed = []
    for name in args.only or SCRIPTS:
        print(f"\n=== {SCRIPTS[name]} {' '.join(rest)}", flush=True)
        done = subprocess.run([sys.executable, str(here / SCRIPTS[name]), *rest], cwd=here)
        if done.returncode != 0:
            failed.append(name)
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
