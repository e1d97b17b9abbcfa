"""GUI: switch documents in the 100k project, each until the event loop is idle.

    python bench/bench_gui_switch.py               # 30 switches of each kind
    python bench/bench_gui_switch.py --repeat 60 --articles 10000

The real main window (``build_window``), shown with its docks, active, the reader focused.
Three ways to go to another document, each timed from the call (or key press) until the event
loop is idle (see ``Stopwatch`` in bench/common.py), with the first paint of the reader as
information:

- next document, Ctrl+PgDown (the shortcut of gui/shortcuts.py), from the article at position
  20,000 onwards; then previous document, Ctrl+PgUp, back again;
- ``window.open_document(id)`` of a document far from the one open (at least a quarter of the
  list away), as a click in a search result or the Problems dock does: the Documents dock
  must find and show that row too.

Each switch is checked: the session's document is the one expected (read with sqlite3 from the
project file, in import order). Baseline, in turn with ours: ``setPlainText`` of the same texts
in a shown QPlainTextEdit with the reader's font and size, until idle. Target: median <= 50 ms
to idle, each way.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import generate
from bench_gui_edit import CTRL, key
from common import (
    Figure,
    Stopwatch,
    fmt_s,
    gui_bench,
    gui_parser,
    make_active,
    print_figures,
    profiled,
    read_project,
    show_and_wait,
    wait_idle,
    watch_timers,
)

TARGET = 0.050
START_AT = 20_000


def ids_in_order(path: Path, first: int, count: int) -> list[str]:
    return [
        r[0]
        for r in read_project(
            path, "SELECT id FROM documents ORDER BY seq LIMIT ? OFFSET ?", (count, first)
        )
    ]


def far_apart(total: int, count: int, rng: random.Random) -> list[int]:
    """Positions in the list, each at least a quarter of the list away from the one before."""
    positions = [rng.randrange(total)]
    while len(positions) <= count:
        candidate = rng.randrange(total)
        if abs(candidate - positions[-1]) >= total // 4:
            positions.append(candidate)
    return positions


def bench(args) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    from annotator.app import build_window
    from annotator.gui.settings import Settings

    manifest = generate.ensure(args.articles)
    path, total = Path(manifest["path"]), manifest["documents"]
    n = args.repeat
    start = min(START_AT, total // 5)
    chain = ids_in_order(path, start, n + 1)  # next: chain[0] -> chain[n]; previous: back
    long_id = manifest.get("long_id")
    far = [
        p for p in far_apart(total, 3 * n, random.Random(11)) if p != manifest.get("long_position")
    ][: n + 1]
    far_ids = [ids_in_order(path, p, 1)[0] for p in far]
    texts = {
        doc_id: read_project(path, "SELECT text FROM documents WHERE id = ?", (doc_id,))[0][0]
        for doc_id in {*chain, *far_ids}
    }
    assert long_id not in texts
    print(f"project: {path.name} ({total:,} documents); next/previous from position {start:,}")

    window = build_window(path, Settings(annotator_name="Bench"))
    watch_timers(window.session)
    show_and_wait(window)
    reader = window.reader
    plain = QPlainTextEdit()
    plain.setFont(reader.font())
    plain.resize(reader.size())
    show_and_wait(plain)

    base = Figure("baseline: QPlainTextEdit.setPlainText -> idle")
    figs = {
        "next": Figure("next document (Ctrl+PgDown) -> idle", baseline=base, limit=TARGET),
        "previous": Figure("previous document (Ctrl+PgUp) -> idle", baseline=base, limit=TARGET),
        "far": Figure("open_document(far document) -> idle", baseline=base, limit=TARGET),
    }
    paints = {k: Figure(f"{k}: first paint of the reader (info)", baseline=base) for k in figs}

    def baseline(doc_id: str) -> None:
        with Stopwatch(plain.viewport(), args.quiet_ms) as sw:
            plain.setPlainText(texts[doc_id])
        base.times.append(sw.idle)

    def switch(kind: str, action, expected: str) -> None:
        with Stopwatch(reader.viewport(), args.quiet_ms) as sw:
            action()
        assert window.session.document.id == expected, f"{kind}: not the expected document"
        figs[kind].times.append(sw.idle)
        paints[kind].times.append(sw.paint or 0.0)

    window.open_document(chain[0])
    make_active(window, reader)
    for i in range(1, n + 1):  # next, next, ...
        baseline(chain[i])
        make_active(window, reader)
        switch("next", lambda: key(reader, "PageDown", CTRL), chain[i])
    print(f"  next: median {fmt_s(figs['next'].median)}", file=sys.stderr)
    for i in range(n - 1, -1, -1):  # ... and back
        baseline(chain[i])
        make_active(window, reader)
        switch("previous", lambda: key(reader, "PageUp", CTRL), chain[i])
    print(f"  previous: median {fmt_s(figs['previous'].median)}", file=sys.stderr)
    window.open_document(far_ids[0])
    wait_idle()
    for doc_id in far_ids[1:]:
        baseline(doc_id)
        switch("far", lambda d=doc_id: window.open_document(d), doc_id)
    print(f"  far: median {fmt_s(figs['far'].median)}", file=sys.stderr)
    if args.profile:
        window.open_document(chain[0])
        wait_idle()

        def run() -> None:
            with Stopwatch(reader.viewport(), args.quiet_ms):
                window.open_document(far_ids[1])

        print("\ncProfile of one open_document(far document) until idle:")
        print(profiled(run))
    plain.close()
    window.close()
    wait_idle()
    print_figures(
        f"Switch documents in {path.name} ({n} switches each way)",
        [base, figs["next"], figs["previous"], figs["far"], *paints.values()],
    )


def main() -> None:
    p = gui_parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000, choices=(10_000, 100_000))
    args = p.parse_args()
    args.repeat = args.repeat or (8 if args.quick else 30)
    with gui_bench(args):
        bench(args)


if __name__ == "__main__":
    main()
