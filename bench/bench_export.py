"""Export speed: 100,000 annotations as native JSONL, against ``json.dumps`` of prebuilt dicts.

Target (issue): ``annotator export --format jsonl`` takes at most twice as long as merely
serialising the same data, i.e. reading it from SQLite and shaping it costs at most as much
again as writing it.

Setup (timed and reported, not part of the target): 2,000 articles of ~3 KB, each with 50
annotations (Actors, some linked to the registry; Quotes, some of two fragments; Demands;
Cues; all with attributes) and relations (every Quote has a speaker, some a cue; every Demand a
claimant, some an addressee), added through the public API (``project.layer()``, the session
annotator's layer) in one ``project.transaction()``.

Measured on the project opened read-only, as the command does, all layers (no ``--annotator``):

* baseline: the document dicts are materialised first
  (``list(project.datasets().document_dicts())``), then the clock times writing the header and
  ``json.dumps`` of each dict, one per line, to a file in the same way the export does
  (``atomic_output``: temp file, fsync, rename);
* ``export_project(project, "jsonl", out)``: the whole export, as ``annotator export`` runs it
  (the ``jsonl`` writer, ``annotator.io.native.write_jsonl``, on ``project.datasets()``);
* for information, ``list(project.datasets().document_dicts())`` alone (the reading and shaping
  part).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    ArticleMaker,
    Measure,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    ratio,
    word_spans,
)

from annotator.core.model import DocumentInput, now
from annotator.io.exporting import export_project
from annotator.io.native import FORMAT, atomic_output
from annotator.store.layer import Layer
from annotator.store.project import Project

TARGET = 2.0
PER_DOCUMENT = {"Actor": 18, "Quote": 14, "Demand": 12, "Cue": 6}  # 50 annotations
ACTOR_TYPES = ["person", "government", "state", "party", "NGO", "media"]
ISSUES = ["cease-fire", "troop withdrawal", "humanitarian access", "negotiations", "sanctions"]


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def annotate(layer: Layer, doc_id: str, text: str, rng: random.Random, entities: list[str]) -> int:
    """Add 50 annotations and their relations to one document; returns the relations added."""
    words = word_spans(text)
    last = len(words) - 1

    taken: set[tuple[int, int]] = set()  # the layer refuses the same span twice (per label;
    # kept across labels here, which costs nothing)

    def span(length: int) -> tuple[int, int]:
        while True:
            first = rng.randrange(0, last - length)
            found = words[first][0], words[first + length - 1][1]
            if found not in taken:
                taken.add(found)
                return found

    actors = [
        layer.add_annotation(
            doc_id,
            "Actor",
            [span(rng.randint(1, 2))],
            attributes={"type": rng.choice(ACTOR_TYPES)},
            entity=rng.choice(entities) if rng.random() < 0.5 else None,
        ).value.id
        for _ in range(PER_DOCUMENT["Actor"])
    ]
    cues = [
        layer.add_annotation(doc_id, "Cue", [span(1)]).value.id for _ in range(PER_DOCUMENT["Cue"])
    ]
    relations = 0
    for i in range(PER_DOCUMENT["Quote"]):
        if i % 4 == 0:  # a discontinuous quote: two fragments around "she said"
            while True:
                first = rng.randrange(0, last - 20)
                fragments = [
                    (words[first][0], words[first + 6][1]),
                    (words[first + 10][0], words[first + 18][1]),
                ]
                if fragments[0] not in taken:
                    taken.add(fragments[0])
                    break
        else:
            fragments = [span(rng.randint(5, 15))]
        quote = layer.add_annotation(
            doc_id,
            "Quote",
            fragments,
            attributes={"form": rng.choice(["direct", "indirect", "mixed"])},
            note="check the attribution" if i == 0 else None,
        ).value
        layer.add_relation("speaker", quote.id, rng.choice(actors))
        relations += 1
        if i < len(cues):
            layer.add_relation("cue", quote.id, cues[i])
            relations += 1
    for i in range(PER_DOCUMENT["Demand"]):
        demand = layer.add_annotation(
            doc_id,
            "Demand",
            [span(rng.randint(4, 10))],
            attributes={"issue": rng.choice(ISSUES), "position": rng.choice(["for", "against"])},
        ).value
        claimant, addressee = rng.sample(actors, 2)
        layer.add_relation("claimant", demand.id, claimant)
        relations += 1
        if i % 2 == 0:
            layer.add_relation("addressee", demand.id, addressee)
            relations += 1
    return relations


def build_project(path: Path, documents: int) -> dict[str, float | int]:
    """The project to export; returns how long each part of the setup took."""
    articles = ArticleMaker(seed=2).articles(documents)
    rng = random.Random(3)
    started = time.perf_counter()
    with Project.create(path) as project:
        project.documents.add_many(
            DocumentInput(
                a["text"], a["title"], a["source"], a["url"], a["published"], {"lang": "en"}
            )
            for a in articles
        )
        imported = time.perf_counter()
        relations = 0
        layer = project.layer()
        with project.transaction():
            entities = [
                project.registry.add(f"Actor {i}", type="person", aliases=[f"A{i}"]).value.id
                for i in range(40)
            ]
            for n, doc in enumerate(project.documents.all()):
                relations += annotate(layer, doc.id, doc.text, rng, entities)
                if n % 2 == 0:
                    layer.set_status(doc.id, "done")
        annotated = time.perf_counter()
    return {
        "import": imported - started,
        "annotate": annotated - imported,
        "relations": relations,
    }


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents = 100 if args.quick else 2_000
    repeat = args.repeat or (2 if args.quick else 5)
    annotations = documents * sum(PER_DOCUMENT.values())
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "export.annotator"
        setup = build_project(path, documents)
        print(
            f"setup: {documents:,} documents imported in {setup['import']:.1f} s; "
            f"{annotations:,} annotations and {setup['relations']:,} relations added through "
            f"the public API in one transaction in {setup['annotate']:.1f} s"
        )
        with Project.open(path, readonly=True) as project:
            data = project.datasets()  # every layer, as the command without --annotator
            docs = list(data.document_dicts())
            header = {"format": FORMAT, "exported": now(), **data.header()}
            assert sum(len(d["annotations"]) for d in docs) == annotations
            out = folder / "out.jsonl"
            base_out = folder / "baseline.jsonl"

            def baseline() -> None:
                with atomic_output(base_out) as fh:
                    fh.write(dumps(header) + "\n")
                    write = fh.write
                    for d in docs:
                        write(dumps(d) + "\n")

            def export() -> None:
                assert export_project(project, "jsonl", out) == documents

            def read_only() -> None:
                list(project.datasets().document_dicts())

            cases: dict[str, Callable[[], float]] = {
                "baseline: json.dumps of prebuilt dicts": lambda: clock(baseline),
                "write_jsonl (the export)": lambda: clock(export),
                "document_dicts() only (info)": lambda: clock(read_only),
            }
            results = interleaved(cases, repeat)
            size = out.stat().st_size
            same = out.read_bytes().split(b"\n", 1)[1] == base_out.read_bytes().split(b"\n", 1)[1]
        print(f"JSONL file: {size / 1e6:.1f} MB; identical to the baseline's documents: {same}")
    base: Measure = results["baseline: json.dumps of prebuilt dicts"]
    ours = results["write_jsonl (the export)"]
    print_table(
        f"Export of {documents:,} documents with {annotations:,} annotations as JSONL",
        [
            Row(base),
            Row(ours, f"<= {TARGET:g}x baseline", ratio(ours, base) <= TARGET),
            Row(results["document_dicts() only (info)"]),
        ],
        [("baseline", base)],
    )


if __name__ == "__main__":
    main()
