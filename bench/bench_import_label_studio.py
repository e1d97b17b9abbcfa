"""Import speed of Label Studio JSON tasks against the native JSONL import of the same project.

The issue asks each import of 100,000 annotations to take at most 3× the native JSONL import.
Setup: the project of ``bench_export.py`` (3 KB articles with 50 annotations each, a quarter of
the Quotes discontinuous, Demands with attributes, and their relations, one annotator),
exported once as native JSONL (the baseline) and as Label Studio tasks. Timed, interleaved, in
one process: ``import_paths(new project, [file])`` of each into a new empty project (made
untimed). What each import stored is checked to be the same numbers of annotations and
relations, less the registry links Label Studio cannot carry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
    remove_project,
)

from annotator.io.exporting import export_project
from annotator.io.importing import import_paths
from annotator.store.project import Project

FILES = {"jsonl": "tasks.jsonl", "label-studio": "tasks.json"}
#: the import format of each file (a JSONL export is the native format on the way in)
IMPORT_AS = {"jsonl": "native", "label-studio": "label-studio"}
TARGET = 3.0  # × the native JSONL import


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or (2 if args.quick else 3)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        source = folder / "source.annotator"
        build_project(source, documents)
        with Project.open(source, readonly=True) as project:
            annotations = project.info()["annotations"]
            assert annotations == documents * sum(PER_DOCUMENT.values())
            for fmt, name in FILES.items():
                export_project(project, fmt, folder / name)
        counts: dict[str, tuple[int, int]] = {}

        def load(fmt: str) -> Callable[[], float]:
            def run() -> float:
                target = folder / f"into-{fmt}.annotator"
                remove_project(target)
                with Project.create(target) as into:
                    path: Path = folder / FILES[fmt]
                    seconds = clock(
                        lambda: report.append(import_paths(into, [path], fmt=IMPORT_AS[fmt]))
                    )
                counts[fmt] = (report[-1].annotations, report[-1].relations)
                remove_project(target)
                return seconds

            report: list = []
            return run

        results = interleaved({fmt: load(fmt) for fmt in FILES}, repeat)
    print(f"stored (annotations, relations): {counts}")
    assert counts["label-studio"] == counts["jsonl"], counts
    sizes = ", ".join(f"{fmt} {name}" for fmt, name in FILES.items())
    base: Measure = results["jsonl"]
    ratio = results["label-studio"].best / base.best
    print_table(
        f"Import of {documents:,} documents with {annotations:,} annotations ({sizes}; "
        f"target: ≤ {TARGET:g}× jsonl)",
        [
            Row(base),
            Row(results["label-studio"], f"≤ {TARGET:g}× jsonl", ratio <= TARGET),
        ],
        [("jsonl", base)],
    )


if __name__ == "__main__":
    main()
