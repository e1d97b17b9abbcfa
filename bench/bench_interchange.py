"""Interchange exports: W3C Web Annotation and UIMA CAS JSON against the native JSONL export.

No target is set by the issue; this records what the two writers cost relative to the native
JSONL export of the same project (the reference, measured in the same process, interleaved).
The project: documents of ~3 KB with 50 annotations each (distinct word spans; Actors linked
to the registry, a quarter of the Quotes discontinuous, Demands with attributes) and their
relations, one annotator, opened read-only, all layers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from common import (
    ArticleMaker,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    word_spans,
)

from annotator.core.model import DocumentInput
from annotator.io.exporting import export_project
from annotator.store.project import Project

PER_DOCUMENT = {"Actor": 20, "Quote": 16, "Demand": 14}


def build_project(path: Path, documents: int) -> None:
    rng = random.Random(3)
    with Project.create(path) as project:
        project.documents.add_many(
            DocumentInput(a["text"], a["title"], a["source"], a["url"], a["published"], {})
            for a in ArticleMaker(seed=2).articles(documents)
        )
        layer = project.layer()
        with project.transaction():
            entities = [
                project.registry.add(f"Actor {i}", type="person", wikidata=f"Q{i + 1}").value.id
                for i in range(40)
            ]
            for doc in project.documents.all():
                words = word_spans(doc.text)
                picks = iter(rng.sample(range(len(words) - 2), sum(PER_DOCUMENT.values())))
                actors = [
                    layer.add_annotation(
                        doc.id, "Actor", [words[next(picks)]], entity=rng.choice(entities)
                    ).value.id
                    for _ in range(PER_DOCUMENT["Actor"])
                ]
                for i in range(PER_DOCUMENT["Quote"]):
                    w = next(picks)
                    fragments = [words[w]] + ([words[w + 2]] if i % 4 == 0 else [])
                    quote = layer.add_annotation(
                        doc.id, "Quote", fragments, attributes={"form": "direct"}
                    ).value.id
                    layer.add_relation("speaker", quote, rng.choice(actors))
                for _ in range(PER_DOCUMENT["Demand"]):
                    demand = layer.add_annotation(
                        doc.id,
                        "Demand",
                        [words[next(picks)]],
                        attributes={"issue": "cease-fire", "position": "for"},
                    ).value.id
                    layer.add_relation("claimant", demand, rng.choice(actors))


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or (2 if args.quick else 3)
    annotations = documents * sum(PER_DOCUMENT.values())
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "interchange.annotator"
        build_project(path, documents)
        sizes: dict[str, int] = {}
        with Project.open(path, readonly=True) as project:

            def run(fmt: str, name: str) -> Callable[[], float]:
                out = folder / name

                def export() -> None:
                    export_project(project, fmt, out)
                    sizes[fmt] = out.stat().st_size

                return lambda: clock(export)

            cases = {
                "baseline: native jsonl export": run("jsonl", "out.jsonl"),
                "web-annotation (JSON-LD)": run("web-annotation", "out.jsonld"),
                "cas-json (zip of CASes)": run("cas-json", "out.zip"),
            }
            results = interleaved(cases, repeat)
    print(", ".join(f"{fmt}: {size / 1e6:.1f} MB" for fmt, size in sizes.items()))
    base = results["baseline: native jsonl export"]
    print_table(
        f"Interchange export of {documents:,} documents with {annotations:,} annotations",
        [
            Row(base),
            Row(results["web-annotation (JSON-LD)"]),
            Row(results["cas-json (zip of CASes)"]),
        ],
        [("baseline", base)],
    )


if __name__ == "__main__":
    main()
