"""Import speed of the annotation formats against the import of the native JSONL export.

The issue asks each import of 100,000 annotations to take at most 3× the native JSONL import.
Setup: the project of ``bench_export.py`` (3 KB articles with 50 annotations each and their
relations, one annotator) exported once in every format that can be imported with its
annotations. Timed, interleaved, in one process: ``import_paths(new project, [file], F)`` for
F = ``native`` (the JSONL export; the baseline) and every annotation format, until the import's
transaction is committed. Each run imports into a new project with the same schema; for the
annotation formats the registry is copied in first (untimed: the native export carries it,
the other formats only link to it), and for Web Annotation, which does not carry the texts,
the documents too (timed is what the import adds).
"""

from __future__ import annotations

import itertools
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
    ratio,
    remove_project,
)

from annotator.core.model import DocumentInput
from annotator.io.exporting import export_project
from annotator.io.formats import FORMATS, NATIVE
from annotator.io.importing import import_paths
from annotator.store.project import Project

TARGET = 3.0  # × the native JSONL import


#: Formats whose files do not carry the documents' texts: those are copied in first.
WITHOUT_TEXT = ("web-annotation",)


def annotation_formats() -> list[str]:
    return [name for name, f in FORMATS.items() if f.annotations and f.can_export]


def prepare(source: Project, target: Project, documents: bool) -> None:
    """The source's registry (and documents, if asked) copied into ``target``, untimed."""
    with target.transaction():
        for e in source.registry.all():
            target.registry.add(
                e.name, type=e.type, wikidata=e.wikidata, aliases=e.aliases, id=e.id
            )
    if documents:
        target.documents.add_many(
            DocumentInput(d.text, d.title, d.source, d.url, d.published, d.metadata, id=d.id)
            for d in source.documents.all()
        )


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or 3
    counter = itertools.count()
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "export.annotator"
        build_project(path, documents)
        files = {NATIVE: folder / "out.jsonl"}
        with Project.open(path, readonly=True) as project:
            annotations = project.info()["annotations"]
            assert annotations == documents * sum(PER_DOCUMENT.values())
            export_project(project, "jsonl", files[NATIVE])
            for fmt in annotation_formats():
                files[fmt] = folder / f"out-{fmt}{FORMATS[fmt].extensions[0]}"
                export_project(project, fmt, files[fmt])
            schema = project.schema

        def importing(fmt: str) -> Callable[[], float]:
            def run() -> float:
                target = folder / f"in-{next(counter)}.annotator"
                with Project.create(target) as fresh:
                    fresh.set_schema(schema)
                    if fmt != NATIVE:
                        with Project.open(path, readonly=True) as source:
                            prepare(source, fresh, fmt in WITHOUT_TEXT)
                    seconds = clock(lambda: import_paths(fresh, [files[fmt]], fmt))
                    got = fresh.info()["annotations"]
                remove_project(target)
                print(f"    {fmt}: {got:,} annotations imported")
                return seconds

            return run

        results = interleaved({fmt: importing(fmt) for fmt in files}, repeat)
    base: Measure = results[NATIVE]
    print_table(
        f"Import of {documents:,} documents with {annotations:,} annotations "
        f"(target: each ≤ {TARGET:g}× the native JSONL import)",
        [
            Row(results[fmt])
            if fmt == NATIVE
            else Row(results[fmt], f"≤ {TARGET:g}×", ratio(results[fmt], base) <= TARGET)
            for fmt in files
        ],
        [("native", base)],
    )


if __name__ == "__main__":
    main()
