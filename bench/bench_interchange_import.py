"""Import speed of the Web Annotation and CAS JSON readers against the native JSONL import.

The issue asks each import of 100,000 annotations to take at most 3× the native JSONL time.
Setup: the project of ``bench_export.py`` (3 KB articles with 50 annotations each and their
relations, one annotator), exported once as ``jsonl``, ``web-annotation`` and ``cas-json``.
Timed, interleaved, in one process, each into a fresh project: ``import_paths`` of the JSONL
export (the baseline: documents, annotations, relations, registry), of the CAS JSON zip (it
carries the texts: documents and annotations; the registry is copied first, untimed, so that
the links resolve), and of the Web Annotation file (it does not carry the texts: the
documents and the registry are copied first, untimed; timed is what the import adds).
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

from annotator.core.model import DocumentInput
from annotator.io.exporting import export_project
from annotator.io.importing import import_paths
from annotator.store.project import Project

FORMATS = {"jsonl": "in.jsonl", "cas-json": "in-cas.zip", "web-annotation": "in.jsonld"}
TARGET = 3.0  # × the jsonl import


def prepared(source: Path, target: Path, documents: bool) -> None:
    """A fresh project with the source's schema and registry (and documents, if asked)."""
    remove_project(target)
    with Project.open(source, readonly=True) as p, Project.create(target, schema=p.schema) as q:
        with q.transaction():
            for e in p.registry.all():
                q.registry.add(e.name, type=e.type, wikidata=e.wikidata, aliases=e.aliases, id=e.id)
        if documents:
            q.documents.add_many(
                DocumentInput(d.text, d.title, d.source, d.url, d.published, d.metadata, id=d.id)
                for d in p.documents.all()
            )


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or (2 if args.quick else 3)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "source.annotator"
        build_project(path, documents)
        with Project.open(path, readonly=True) as project:
            annotations = project.info()["annotations"]
            assert annotations == documents * sum(PER_DOCUMENT.values())
            for fmt, name in FORMATS.items():
                export_project(project, fmt, folder / name)
        target = folder / "target.annotator"

        def case(fmt: str) -> Callable[[], float]:
            def run() -> float:
                if fmt == "jsonl":
                    remove_project(target)
                    Project.create(target).close()
                else:
                    prepared(path, target, documents=fmt == "web-annotation")
                with Project.open(target) as q:
                    seconds = clock(lambda: import_paths(q, [folder / FORMATS[fmt]], fmt_of(fmt)))
                    got = q.info()["annotations"]
                assert got >= annotations, (fmt, got)  # CAS JSON splits discontinuous ones
                return seconds

            return run

        results = interleaved({fmt: case(fmt) for fmt in FORMATS}, repeat)
        sizes = {fmt: (folder / name).stat().st_size / 1e6 for fmt, name in FORMATS.items()}
    print("sizes (MB): " + ", ".join(f"{fmt} {size:.1f}" for fmt, size in sizes.items()))
    base: Measure = results["jsonl"]
    print_table(
        f"Import of {documents:,} documents with {annotations:,} annotations "
        f"(target: each ≤ {TARGET:g}× the jsonl import)",
        [Row(results[fmt]) for fmt in FORMATS],
        [("jsonl", base)],
    )


def fmt_of(fmt: str) -> str:
    return "native" if fmt == "jsonl" else fmt


if __name__ == "__main__":
    main()
