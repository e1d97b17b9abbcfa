"""GUI: open the 1 MB article with 10,000 annotations, to the first paint and until idle.

    python bench/bench_gui_open.py                 # 7 opens each, in the small project and
                                                   # in the 100k project
    python bench/bench_gui_open.py --no-100k --repeat 15

The real main window (``build_window``), shown with its docks, another (~3 KB) article open
and the event loop idle before each run; the clock times ``window.open_document(long)`` until
(1) the end of the event-loop pass in which the reader was first painted and (2) the event loop
is idle: every annotation loaded, the panels and docks filled (see ``Stopwatch`` in
bench/common.py). Each open is checked: the session's document is the long one.

Baseline, in turn with ours: a shown top-level QPlainTextEdit with the reader's font and size,
holding the same small article; the clock times ``setPlainText(long text)`` to its first paint
and to idle. Targets (in ``long-article.annotator``, the article and two small ones): first
paint <= 3x the baseline's first paint; idle <= 8x the baseline's idle. The same in the 100k
project (the article at position 50,001) is information.
"""

from __future__ import annotations

import sys
from pathlib import Path

import generate
from common import (
    Figure,
    Stopwatch,
    fmt_s,
    gui_bench,
    gui_parser,
    print_figures,
    profiled,
    read_project,
    show_and_wait,
    wait_idle,
    watch_timers,
)

PAINT_RATIO, IDLE_RATIO = 3.0, 8.0


def open_window(path: Path):
    from annotator.app import build_window
    from annotator.gui.settings import Settings

    window = build_window(path, Settings(annotator_name="Bench"))
    watch_timers(window.session)
    show_and_wait(window)
    return window


def bench_project(kind, args, info: bool) -> list[Figure]:
    from PySide6.QtWidgets import QPlainTextEdit

    manifest = generate.ensure(kind)
    path, long_id = Path(manifest["path"]), manifest["long_id"]
    small_id = manifest["first_id"]
    text = read_project(path, "SELECT text FROM documents WHERE id = ?", (long_id,))[0][0]
    small = read_project(path, "SELECT text FROM documents WHERE id = ?", (small_id,))[0][0]
    print(
        f"{path.name}: {manifest['documents']:,} documents; the long article: {len(text):,} "
        f"characters ({len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8, {text.count(chr(10)) + 1:,}"
        f" lines), {manifest['long_annotations']:,} annotations, "
        f"{manifest['long_fragments']:,} fragments"
    )
    window = open_window(path)
    reader = window.reader
    plain = QPlainTextEdit()
    plain.setFont(reader.font())
    plain.resize(reader.size())
    plain.setPlainText(small)
    show_and_wait(plain)

    where = "" if not info else f" in {path.name} (info)"
    base_paint = Figure(f"baseline: setPlainText -> first paint{where}")
    base_idle = Figure(f"baseline: setPlainText -> idle{where}")
    paint = Figure(
        f"open_document(1 MB article) -> first paint{where}",
        baseline=base_paint,
        ratio=None if info else PAINT_RATIO,
    )
    idle = Figure(
        f"open_document(1 MB article) -> idle{where}",
        baseline=base_idle,
        ratio=None if info else IDLE_RATIO,
    )

    def ours() -> tuple[float, float]:
        window.open_document(small_id)
        wait_idle()
        with Stopwatch(reader.viewport(), args.quiet_ms) as sw:
            window.open_document(long_id)
        assert window.session.document.id == long_id
        return sw.paint or 0.0, sw.idle

    def base() -> tuple[float, float]:
        plain.setPlainText(small)
        wait_idle()
        with Stopwatch(plain.viewport(), args.quiet_ms) as sw:
            plain.setPlainText(text)
        return sw.paint or 0.0, sw.idle

    ours()  # untimed: fonts, glyph caches, the file cache, the statements
    base()
    for i in range(args.repeat):
        for (p, d), (fp, fd) in ((base(), (base_paint, base_idle)), (ours(), (paint, idle))):
            fp.times.append(p)
            fd.times.append(d)
        print(
            f"  run {i + 1}/{args.repeat}: ours {fmt_s(paint.times[-1])} to paint, "
            f"{fmt_s(idle.times[-1])} to idle",
            file=sys.stderr,
        )
    if args.profile:
        window.open_document(small_id)
        wait_idle()

        def run() -> None:
            with Stopwatch(reader.viewport(), args.quiet_ms):
                window.open_document(long_id)

        print(f"\ncProfile of one open of the 1 MB article in {path.name}, until idle:")
        print(profiled(run))
    plain.close()
    window.close()
    wait_idle()
    return [base_paint, base_idle, paint, idle]


def main() -> None:
    p = gui_parser(__doc__.splitlines()[0])
    p.add_argument("--no-100k", action="store_true", help="only the small project")
    args = p.parse_args()
    args.repeat = args.repeat or (3 if args.quick else 7)
    with gui_bench(args):
        rows = bench_project("long", args, info=False)
        if not args.no_100k:
            rows += bench_project(100_000, args, info=True)
        print_figures("Open the 1 MB article with 10,000 annotations", rows)


if __name__ == "__main__":
    main()
