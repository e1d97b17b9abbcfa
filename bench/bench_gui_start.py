"""GUI: start the application on the 100k project with its last document open, each time in a
fresh process (so that the interpreter's start and every import count).

    python bench/bench_gui_start.py                # 5 starts of each kind, in turn
    python bench/bench_gui_start.py --repeat 10 --backup

Each figure is from the spawn of the child (the parent's wall clock) to (1) the end of the
event-loop pass in which the reader (the bare window's editor) was first painted, and (2) the
event loop being idle (see ``Stopwatch`` in bench/common.py). The child reports both on stdout
and exits; its exit is not timed. Children start in turn with the baseline's, after one untimed
round of each (the project's first backup, the file cache, .pyc files).

- ours: what ``annotator gui`` does up to ``app.exec()``: ``import annotator.cli``, the
  QApplication with its names, ``Settings.load()`` (the preferences remember the 100k project
  as the last one, and its last document read, so ``build_window(None, settings)`` opens it
  on that document, as a start without arguments does), the theme, ``build_window``; then
  ``show()``.
- baseline: a bare PySide6 window: import PySide6, QApplication, a QMainWindow with a
  QPlainTextEdit holding the same article, shown.
- ``--backup`` (information): ours when the project changed since its last backup (file time
  touched), so that a backup is due, as after every session of work. The window makes it in a
  background thread once it is up; the figures show whether that still delays the user.

The children import bench/common.py for the stopwatch; that import is timed in the child and
left out of both figures. Targets: ours <= 1.0 s and <= 6x the bare window, to the first paint
and to idle.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import generate
from common import (
    Figure,
    bench_folder,
    fmt_s,
    gui_parser,
    isolate_gui,
    print_figures,
    print_machine,
    read_project,
)

LIMIT, RATIO = 1.0, 6.0
BENCH = Path(__file__).resolve().parent

CHILD = r"""
import sys, time
mode, arg, last_id, bench, quiet_ms = sys.argv[1:6]
started = time.perf_counter()
sys.path.insert(0, bench)
import common  # the stopwatch (its import is left out of the figures)
common_s = time.perf_counter() - started
import json

if mode == "bare":
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(sys.argv)
    app.setCursorFlashTime(0)
    window = QMainWindow()
    editor = QPlainTextEdit()
    editor.setPlainText(Path(arg).read_text(encoding="utf-8"))
    window.setCentralWidget(editor)
    window.resize(1400, 860)
    paint = editor.viewport()
else:  # what `annotator gui` runs (annotator.app.run) up to app.exec()
    import annotator.cli
    from annotator.app import build_window
    from annotator.gui.settings import Settings
    from annotator.gui.theme import apply_theme
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Annotator")
    app.setOrganizationName("annotator")
    app.setCursorFlashTime(0)
    settings = Settings.load()
    apply_theme(app, settings.theme)
    window = build_window(None, settings)  # reopens the last document read
    common.watch_timers(window.session)
    paint = window.reader.viewport()
with common.Stopwatch(paint, int(quiet_ms)) as sw:
    window.show()
ok = mode == "bare" or window.session.document.id == last_id
report = {"paint": sw.start_wall + sw.paint, "idle": sw.start_wall + sw.idle,
          "common": common_s, "ok": ok}
if mode != "bare":
    # the backup runs in a thread of its own once the window is up: was one started?
    report["backup"] = window.session.backup_started
print(json.dumps(report), flush=True)
window.close()
"""


def spawn(script: Path, *args: str) -> dict:
    """Start the child; its report with times made relative to the spawn (in seconds)."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, env=os.environ
    )
    if done.returncode != 0:
        raise SystemExit(f"the start-up child failed ({done.returncode}):\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if not report["ok"]:
        raise SystemExit("the child's window did not show the last document")
    report["paint"] -= start + report["common"]
    report["idle"] -= start + report["common"]
    return report


def bench(args, folder: Path) -> None:
    from annotator.gui.settings import Settings

    manifest = generate.ensure(args.articles)
    path, last_id = Path(manifest["path"]), manifest["last_id"]
    print(
        f"project: {path.name} ({manifest['documents']:,} documents, "
        f"{manifest['annotations']:,} annotations, {path.stat().st_size / 1e6:,.0f} MB); "
        f"last document {last_id}"
    )
    # What Settings.load() finds in the child: the annotator's name, the last project.
    Settings(
        annotator_name="Bench",
        recent_projects=[str(path.resolve())],
        last_documents={str(path.resolve()): last_id},
    ).save()
    script = folder / "start_child.py"
    script.write_text(CHILD, encoding="utf-8")
    text_file = folder / "last.txt"
    text = read_project(path, "SELECT text FROM documents WHERE id = ?", (last_id,))[0][0]
    text_file.write_text(text, encoding="utf-8")
    bare = [str(text_file), last_id, str(BENCH), str(args.quiet_ms)]
    app = [str(path), last_id, str(BENCH), str(args.quiet_ms)]

    base_paint = Figure("baseline: bare PySide6 window -> first paint")
    base_idle = Figure("baseline: bare PySide6 window -> idle")
    paint = Figure(
        "annotator gui, last document -> first paint", baseline=base_paint, limit=LIMIT, ratio=RATIO
    )
    idle = Figure(
        "annotator gui, last document -> idle", baseline=base_idle, limit=LIMIT, ratio=RATIO
    )
    backup_paint = Figure(
        "same, project changed since its backup -> paint (info)", baseline=base_paint
    )
    backup_idle = Figure(
        "same, project changed since its backup -> idle (info)", baseline=base_idle
    )
    started = time.perf_counter()
    first = spawn(script, "app", *app)  # untimed: takes the first backup of the project
    spawn(script, "bare", *bare)
    print(
        f"untimed first start: {fmt_s(first['idle'])} (backup taken: {first['backup']}); "
        f"setup {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    backups = 0
    for i in range(args.repeat):
        r = spawn(script, "bare", *bare)
        base_paint.times.append(r["paint"])
        base_idle.times.append(r["idle"])
        r = spawn(script, "app", *app)
        backups += r["backup"]
        paint.times.append(r["paint"])
        idle.times.append(r["idle"])
        if args.backup:
            os.utime(path)  # as after a session of work: changed since the last backup
            r = spawn(script, "app", *app)
            assert r["backup"], "no backup was taken"
            backup_paint.times.append(r["paint"])
            backup_idle.times.append(r["idle"])
        print(
            f"  round {i + 1}/{args.repeat}: bare {fmt_s(base_idle.times[-1])}, ours "
            f"{fmt_s(paint.times[-1])} to paint, {fmt_s(idle.times[-1])} to idle",
            file=sys.stderr,
        )
    if backups:
        print(f"WARNING: {backups} of the timed starts took a backup", file=sys.stderr)
    if args.profile:
        done = subprocess.run(
            [sys.executable, "-m", "cProfile", "-s", "cumulative", str(script), "app", *app],
            capture_output=True,
            text=True,
            env=os.environ,
            check=True,
        )
        lines = done.stdout.splitlines()
        print("\ncProfile of one start (the child, by cumulative time):")
        print("\n".join(lines[1:45]))
    rows = [base_paint, base_idle, paint, idle]
    if args.backup:
        rows += [backup_paint, backup_idle]
    print_figures(f"Start on {path.name} with its last document open (fresh process each)", rows)


def main() -> None:
    p = gui_parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000, choices=(10_000, 100_000))
    p.add_argument(
        "--backup",
        action="store_true",
        help="also start after the project changed (a backup is taken)",
    )
    args = p.parse_args()
    args.repeat = args.repeat or (2 if args.quick else 5)
    with bench_folder(args.tmp) as folder:
        isolate_gui(folder, args.platform)
        print_machine(folder)
        print(f"Qt platform: {args.platform}")
        bench(args, folder)


if __name__ == "__main__":
    main()
