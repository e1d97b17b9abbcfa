"""Export speed of brat standoff and CoNLL IOB2, against the native JSONL export of the same
project (no target in the issue; figures for information).

Setup: the project of ``bench_export.py`` (3 KB articles with 50 annotations each and their
relations, one annotator), opened read-only as the command does. Timed, interleaved:
``export_project(project, F, out)`` for F = ``jsonl`` (the baseline), ``brat`` (a zip of
.txt/.ann per document and the configuration) and ``conll`` (token lines; most annotations
overlap a Quote or a Demand here, so most are dropped, which the export counts).
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import bench_export
from bench_export import PER_DOCUMENT, build_project
from common import (
    Measure,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
)

from annotator.core.errors import DuplicateAnnotationError, ValidationError
from annotator.io.exporting import export_project
from annotator.store.project import Project


class _TwinsTolerated:
    """The layer ``bench_export.annotate`` writes to, where a random span drawn twice (which
    the store now refuses) stands for the annotation already there, and a relation the schema
    then refuses (a second speaker) is left out."""

    def __init__(self, layer: Any) -> None:
        self._layer = layer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._layer, name)

    def add_annotation(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._layer.add_annotation(*args, **kwargs)
        except DuplicateAnnotationError as exc:
            return SimpleNamespace(value=SimpleNamespace(id=exc.existing))

    def add_relation(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._layer.add_relation(*args, **kwargs)
        except ValidationError:  # a second speaker for a twin quote: left out
            return None


_annotate = bench_export.annotate
bench_export.annotate = lambda layer, *rest: _annotate(_TwinsTolerated(layer), *rest)


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or (2 if args.quick else 5)
    most = documents * sum(PER_DOCUMENT.values())
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "export.annotator"
        build_project(path, documents)
        with Project.open(path, readonly=True) as project:
            annotations = project.info()["annotations"]  # a few of the `most` drawn were twins
        assert annotations <= most
        notes: list[str] = []
        with Project.open(path, readonly=True) as project:

            def export(fmt: str, name: str) -> Callable[[], float]:
                def run() -> None:
                    notes.clear()
                    assert export_project(project, fmt, folder / name, notes=notes) == documents

                return lambda: clock(run)

            cases = {
                "baseline: jsonl export": export("jsonl", "out.jsonl"),
                "brat export (zip)": export("brat", "out.zip"),
                "conll export": export("conll", "out.conll"),
            }
            results = interleaved(cases, repeat)
            sizes = {
                n: (folder / n).stat().st_size / 1e6 for n in ("out.jsonl", "out.zip", "out.conll")
            }
        print("sizes (MB): " + ", ".join(f"{n} {s:.1f}" for n, s in sizes.items()))
        print("last conll notes: " + "; ".join(notes))
    base: Measure = results["baseline: jsonl export"]
    print_table(
        f"Export of {documents:,} documents with {annotations:,} annotations",
        [Row(base), Row(results["brat export (zip)"]), Row(results["conll export"])],
        [("jsonl", base)],
    )


if __name__ == "__main__":
    main()
