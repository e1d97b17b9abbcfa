"""GUI: add one annotation by key, undo it, redo it; in a 3 KB article of the 100k project.

    python bench/bench_gui_edit.py                 # 50 rounds on the 100k project
    python bench/bench_gui_edit.py --articles 10000 --repeat 20 --actor

The real main window (``annotator.app.build_window``), shown with its docks as the window makes
them (Documents on the left; Annotations, with Guidelines, Actors and Problems tabbed behind
it, on the right; ``--raise Problems`` brings another tab to the front), the project's last
document open (a ~3 KB article, in progress), the window active and the reader focused.

Each round, untimed: a different word of the article is selected in the reader with a
QTextCursor, and the event loop is left to become idle. Timed, each from the key press until
the event loop is idle (see ``Stopwatch`` in bench/common.py: every deferred piece of work
done, no event for 50 ms, no single-shot QTimer pending):

- key Q (Quote): one annotation stored, the reader, the panels and the docks updated;
- Ctrl+Z (undo), then Ctrl+Shift+Z (redo) of it; then, untimed, Ctrl+Z again, so that the
  project ends as it was. With ``--actor`` also key A (Actor: matched against the registry).

After each step the project file is read with sqlite3 to check that the annotation is there
(or gone). The baseline, in turn with the rounds: a shown QPlainTextEdit (editable, the
reader's font and size) with the same text: a letter typed into it, Ctrl+Z, Ctrl+Shift+Z,
each until idle. Targets: median <= 16 ms and p95 <= 30 ms for each of ours.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import generate
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
    utf16_offsets,
    wait_idle,
    watch_timers,
)

MEDIAN_TARGET, P95_TARGET = 0.016, 0.030
CTRL = "ctrl"
CTRL_SHIFT = "ctrl+shift"


def key(widget, name: str, modifiers: str = "") -> None:
    """A key press and release as the user makes it (shortcuts included)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    mods = Qt.KeyboardModifier.NoModifier
    if "ctrl" in modifiers:
        mods |= Qt.KeyboardModifier.ControlModifier
    if "shift" in modifiers:
        mods |= Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(widget, getattr(Qt.Key, f"Key_{name}"), mods)


def timed(action, paint_widget, quiet_ms: int) -> tuple[float, float]:
    """(seconds to the first paint of ``paint_widget``, seconds to idle) of ``action()``."""
    with Stopwatch(paint_widget, quiet_ms) as sw:
        action()
    return sw.paint or 0.0, sw.idle


def select(editor, to_qt, start: int, end: int) -> None:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(editor.document())
    cursor.setPosition(to_qt(start))
    cursor.setPosition(to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


def open_window(path: Path, doc_id: str, raise_docks: list[str]):
    from PySide6.QtWidgets import QDockWidget

    from annotator.app import build_window
    from annotator.gui.settings import Settings

    window = build_window(path, Settings(annotator_name="Bench"))
    watch_timers(window.session)
    show_and_wait(window)
    window.open_document(doc_id)
    docks = {d.windowTitle(): d for d in window.findChildren(QDockWidget)}
    for name in raise_docks:
        docks[name].raise_()
    wait_idle()
    shown = [n for n, d in docks.items() if d.isVisible() and not d.visibleRegion().isEmpty()]
    print(f"docks: {', '.join(docks)}; visible: {', '.join(shown)}")
    viewport = window.reader.viewport().size()
    print(f"reader viewport: {viewport.width()}x{viewport.height()} pixels")
    return window


def count(path: Path, doc_id: str, label: str, start: int, end: int) -> int:
    return read_project(
        path,
        "SELECT count(*) FROM annotations WHERE document = ? AND label = ? AND start = ? "
        'AND "end" = ?',
        (doc_id, label, start, end),
    )[0][0]


def bench(args) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    manifest = generate.ensure(args.articles)
    path, doc_id = Path(manifest["path"]), manifest["last_id"]
    text = read_project(path, "SELECT text FROM documents WHERE id = ?", (doc_id,))[0][0]
    to_qt = utf16_offsets(text)
    words = [m.span() for m in re.finditer(r"\b[a-z]{4,}\b", text)]
    labels = [("Q", "Quote")] + ([("A", "Actor")] if args.actor else [])
    picks = random.Random(5).sample(words, min(len(words), args.repeat * len(labels) + 1))
    print(
        f"project: {path.name} ({manifest['documents']:,} documents, "
        f"{manifest['annotations']:,} annotations); article {doc_id}: {len(text):,} "
        f"characters, {len(words):,} candidate words"
    )

    window = open_window(path, doc_id, args.raise_dock or [])
    reader = window.reader
    plain = QPlainTextEdit()
    plain.setFont(reader.font())
    plain.resize(reader.size())
    plain.setPlainText(text)
    show_and_wait(plain)

    fig = {
        name: Figure(name)
        for name in (
            "baseline: type a letter into a QPlainTextEdit",
            "baseline: Ctrl+Z in the QPlainTextEdit",
            "baseline: Ctrl+Shift+Z in the QPlainTextEdit",
        )
    }
    base_add, base_undo, base_redo = fig.values()
    ours: dict[str, list[Figure]] = {}
    for letter, label in labels:
        add = Figure(
            f"key {letter} ({label}) -> idle",
            baseline=base_add,
            limit=MEDIAN_TARGET,
            p95_limit=P95_TARGET,
        )
        paint = Figure(f"key {letter} -> reader repainted (info)", baseline=base_add)
        undo = Figure(
            f"Ctrl+Z (undo {label}) -> idle",
            baseline=base_undo,
            limit=MEDIAN_TARGET,
            p95_limit=P95_TARGET,
        )
        redo = Figure(
            f"Ctrl+Shift+Z (redo {label}) -> idle",
            baseline=base_redo,
            limit=MEDIAN_TARGET,
            p95_limit=P95_TARGET,
        )
        ours[letter] = [add, paint, undo, redo]

    def baseline_round(start: int) -> None:
        make_active(plain, plain)
        select(plain, to_qt, start, start)
        wait_idle()
        base_add.times.append(timed(lambda: key(plain, "Q"), plain.viewport(), args.quiet_ms)[1])
        base_undo.times.append(
            timed(lambda: key(plain, "Z", CTRL), plain.viewport(), args.quiet_ms)[1]
        )
        base_redo.times.append(
            timed(lambda: key(plain, "Z", CTRL_SHIFT), plain.viewport(), args.quiet_ms)[1]
        )
        key(plain, "Z", CTRL)  # untimed: back to the original text
        wait_idle()

    def our_round(letter: str, label: str, start: int, end: int) -> None:
        add, paint, undo, redo = ours[letter]
        make_active(window, reader)
        select(reader, to_qt, start, end)
        wait_idle()
        before = count(path, doc_id, label, start, end)
        first_paint, idle = timed(lambda: key(reader, letter), reader.viewport(), args.quiet_ms)
        assert count(path, doc_id, label, start, end) == before + 1, "the key stored nothing"
        add.times.append(idle)
        paint.times.append(first_paint)
        undo.times.append(
            timed(lambda: key(reader, "Z", CTRL), reader.viewport(), args.quiet_ms)[1]
        )
        assert count(path, doc_id, label, start, end) == before, "undo left the annotation"
        redo.times.append(
            timed(lambda: key(reader, "Z", CTRL_SHIFT), reader.viewport(), args.quiet_ms)[1]
        )
        assert count(path, doc_id, label, start, end) == before + 1, "redo did not restore it"
        key(reader, "Z", CTRL)  # untimed: leave the project as it was
        wait_idle()
        assert count(path, doc_id, label, start, end) == before

    # one untimed round first (fonts, caches, the first write's statements)
    baseline_round(picks[-1][0])
    our_round("Q", "Quote", *picks[-1])
    for figure in [*fig.values(), *ours["Q"]]:
        figure.times.clear()
    n = 0
    for i in range(args.repeat):
        baseline_round(picks[i][0])
        for letter, label in labels:
            our_round(letter, label, *picks[n])
            n += 1
        if (i + 1) % 10 == 0:
            add = ours["Q"][0]
            print(
                f"  round {i + 1}/{args.repeat}: key Q median so far {fmt_s(add.median)}",
                file=sys.stderr,
            )

    if args.profile:
        start, end = picks[n]
        make_active(window, reader)
        select(reader, to_qt, start, end)
        wait_idle()
        print("\ncProfile of one key Q until idle:")
        print(profiled(lambda: timed(lambda: key(reader, "Q"), reader.viewport(), 50)))
        key(reader, "Z", CTRL)
        wait_idle()
    plain.close()
    window.close()
    wait_idle()
    rows = [*fig.values()]
    for letter, _label in labels:
        rows += ours[letter]
    print_figures(
        f"Add one annotation by key, undo, redo ({args.repeat} rounds) in a "
        f"{len(text):,}-character article of {path.name}; until idle",
        rows,
    )


def main() -> None:
    p = gui_parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000, choices=(10_000, 100_000))
    p.add_argument("--actor", action="store_true", help="also key A (Actor)")
    p.add_argument(
        "--raise",
        dest="raise_dock",
        action="append",
        help="bring this dock's tab to the front (Actors, Problems, Guidelines)",
    )
    args = p.parse_args()
    args.repeat = args.repeat or (10 if args.quick else 50)
    with gui_bench(args):
        bench(args)


if __name__ == "__main__":
    main()
