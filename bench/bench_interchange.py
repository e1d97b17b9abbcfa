"""Export speed of the interchange formats against the native JSONL export of the same project.

The issue asks each export of 100,000 annotations to take at most 3× the native JSONL export.
Setup: the project of ``bench_export.py`` (3 KB articles with 50 annotations each and their
relations, one annotator), opened read-only as the command does. Timed, interleaved, in one
process: ``export_project(project, F, out)`` for F = ``jsonl`` (the baseline) and every
interchange format (or those given with ``--formats``). The spaCy DocBin export needs the
``[spacy]`` extra. In CoNLL most annotations overlap a Quote or a Demand, so most are dropped
(the export counts them).
"""

from __future__ import annotations

from collections.abc import Callable

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

from annotator.io.exporting import export_project
from annotator.store.project import Project

#: format -> the file it is written to
FORMATS = {
    "jsonl": "out.jsonl",
    "doccano": "out-doccano.jsonl",
    "label-studio": "out-ls.json",
    "web-annotation": "out.jsonld",
    "cas-json": "out-cas.zip",
    "brat": "out-brat.zip",
    "conll": "out.conll",
    "spacy": "out.spacy",
}
TARGET = 3.0  # × the jsonl export


def main() -> None:
    cli = parser(__doc__.splitlines()[0])
    cli.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help="comma-separated formats to time besides jsonl (default: all)",
    )
    args = cli.parse_args()
    chosen = ["jsonl", *(f for f in args.formats.split(",") if f in FORMATS and f != "jsonl")]
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or (2 if args.quick else 3)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "export.annotator"
        build_project(path, documents)
        with Project.open(path, readonly=True) as project:
            annotations = project.info()["annotations"]
            assert annotations == documents * sum(PER_DOCUMENT.values())

            def export(fmt: str) -> Callable[[], float]:
                return lambda: clock(lambda: export_project(project, fmt, folder / FORMATS[fmt]))

            results = interleaved({fmt: export(fmt) for fmt in chosen}, repeat)
        sizes = {fmt: (folder / FORMATS[fmt]).stat().st_size / 1e6 for fmt in chosen}
    print("sizes (MB): " + ", ".join(f"{fmt} {size:.1f}" for fmt, size in sizes.items()))
    base: Measure = results["jsonl"]
    print_table(
        f"Export of {documents:,} documents with {annotations:,} annotations "
        f"(target: each ≤ {TARGET:g}× jsonl)",
        [Row(results[fmt]) for fmt in chosen],
        [("jsonl", base)],
    )


if __name__ == "__main__":
    main()
