"""GUI: open review mode on a document with 3 layers × 500 annotations, to the first paint.

    python bench/bench_review.py              # 9 runs of each case
    python bench/bench_review.py --repeat 15

The real main window (``build_window``), as annotator Ana, on a project with one 40,000-character
article that Ana, Ben and Cy each annotated with 500 annotations (Actor, Quote, Demand over
word spans; Ben drops every ninth and shortens every fifth, Cy relabels every seventh, so that
the units are a mix of agreed, disagreed and incomplete), and a small article.

Ours: with the article open in the normal reader, the clock times ``window.review.enter()``
(gold into the reader, the units of the three layers built, the lanes and the units pane
filled) until (1) the end of the event-loop pass in which the reader was first painted and
(2) the event loop is idle; then ``review.leave()`` (untimed). Baseline, in turn with ours:
opening the same article in the normal reader from the small one (``window.open_document``),
to its first paint and idle. Target: review mode's first paint <= 100 ms (the issue's figure).
Also printed: building the units alone (``Adjudication.units``), the pure part.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from common import (
    ArticleMaker,
    Figure,
    Stopwatch,
    fmt_s,
    gui_bench,
    gui_parser,
    print_figures,
    profiled,
    show_and_wait,
    wait_idle,
    word_spans,
)

PAINT_LIMIT = 0.100
PER_LAYER = 500


def make_project(path: Path) -> tuple[str, str]:
    from annotator.store.project import Project

    maker = ArticleMaker(seed=9)
    text = maker.text(40_000)
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(text, title="Long").value
        small = p.documents.add(maker.text(2_000), title="Small").value
        words = word_spans(text)
        step = max(3, len(words) // PER_LAYER)
        spans = [
            (words[i][0], words[min(i + 2, len(words) - 1)][1])
            for i in range(0, len(words) - 3, step)
        ]
        spans = spans[:PER_LAYER]
        labels = ("Actor", "Quote", "Demand")
        with p.transaction():
            layers = [p.layer(), p.layer(p.annotators.add("Ben").value.id)]
            layers.append(p.layer(p.annotators.add("Cy").value.id))
            for n, layer in enumerate(layers):
                for i, (start, end) in enumerate(spans):
                    label = labels[i % 3]
                    if n == 1 and i % 9 == 4:
                        continue
                    if n == 1 and i % 5 == 2:
                        end = words[next(k for k, w in enumerate(words) if w[0] == start) + 1][1]
                    if n == 2 and i % 7 == 3:
                        label = labels[(i + 1) % 3]
                    layer.add_annotation(doc.id, label, [(start, end)])
    return doc.id, small.id


def main() -> None:
    p = gui_parser(__doc__.splitlines()[0])
    args = p.parse_args()
    args.repeat = args.repeat or (3 if args.quick else 9)
    with gui_bench(args) as folder:
        from annotator.app import build_window
        from annotator.gui.settings import Settings
        from annotator.store.gold import Adjudication
        from annotator.store.project import Project

        path = folder / "review.annotator"
        long_id, small_id = make_project(path)
        with Project.open(path, readonly=True) as project:
            units = Adjudication(project).units(long_id)
            counts = {
                s: sum(1 for u in units if u.state == s)
                for s in ("agreed", "disagreed", "incomplete")
            }
            print(f"{path.name}: 3 layers × {PER_LAYER} annotations, {len(units)} units {counts}")
        window = build_window(path, Settings(annotator_name="Ana"))
        show_and_wait(window)
        reader = window.reader

        base_paint = Figure("baseline: open the article in the reader -> first paint")
        base_idle = Figure("baseline: open the article in the reader -> idle")
        paint = Figure("review mode -> first paint", baseline=base_paint, limit=PAINT_LIMIT)
        idle = Figure("review mode -> idle", baseline=base_idle)
        build = Figure("units of the document (Adjudication.units)")

        def ours() -> tuple[float, float]:
            window.open_document(long_id)
            wait_idle()
            with Stopwatch(reader.viewport(), args.quiet_ms) as sw:
                window.review.enter()
            assert window.review.active and len(window.review.units) == len(units)
            window.review.leave()
            wait_idle()
            return sw.paint or 0.0, sw.idle

        def base() -> tuple[float, float]:
            window.open_document(small_id)
            wait_idle()
            with Stopwatch(reader.viewport(), args.quiet_ms) as sw:
                window.open_document(long_id)
            assert window.session.document.id == long_id
            return sw.paint or 0.0, sw.idle

        def units_only() -> float:
            start = time.perf_counter()
            Adjudication(window.session.project).units(long_id)
            return time.perf_counter() - start

        ours()  # untimed: fonts, caches, statements
        base()
        for i in range(args.repeat):
            for (pt, it), (fp, fi) in ((base(), (base_paint, base_idle)), (ours(), (paint, idle))):
                fp.times.append(pt)
                fi.times.append(it)
            build.times.append(units_only())
            print(
                f"  run {i + 1}/{args.repeat}: review mode {fmt_s(paint.times[-1])} to paint, "
                f"{fmt_s(idle.times[-1])} to idle",
                file=sys.stderr,
            )
        if args.profile:
            window.open_document(long_id)
            wait_idle()

            def run() -> None:
                with Stopwatch(reader.viewport(), args.quiet_ms):
                    window.review.enter()

            print("\ncProfile of entering review mode, until idle:")
            print(profiled(run))
            window.review.leave()
        window.close()
        wait_idle()
        print_figures(
            "Review mode on 3 layers × 500 annotations",
            [base_paint, base_idle, paint, idle, build],
        )


if __name__ == "__main__":
    main()
