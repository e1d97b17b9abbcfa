"""Alias matching and propagation preview across 10,000 documents.

Target (issue "Actors across the corpus"): each case takes at most 2 s.

Setup (timed and reported, not part of the target): 10,000 generated articles of ~3 KB, in
which names of a registry of 200 entities (each with a name and three aliases: a spelling
variant, a surname, a description) are sprinkled, a few per article, sometimes with a
possessive; some occurrences are already tagged, as after a first pass of annotation.

Cases, on the project opened read-only, in the layer of the annotator who tagged (``Bench``,
the session's: ``project.layer()``), for the label ``Actor``:

* ``registry.propagation_preview(entity)`` for several entities (a frequent one and rare ones);
* ``registry.propagation_preview(None, text=...)``: the literal-text case ("tag all
  occurrences");
* ``registry.match`` for 1,000 mention texts (variants, possessives, unknown names);
* baseline: a plain Python ``str.find`` scan of all texts for one entity's names (no word
  boundaries, case- or diacritic-folding, nor exclusion of tagged spans), the cheapest scan
  that could answer the question at all.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

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
)

from annotator.core.model import DocumentInput
from annotator.store.project import Project
from annotator.store.propagation import Occurrence

TARGET = 2.0
LABEL = "Actor"
_FIRST = ["Sergei", "Marta", "Ondřej", "Yuri", "Darya", "Tobias", "Selin", "Zoë", "Radek", "Ilona"]
_ROLES = ["foreign minister", "defence minister", "envoy", "spokesperson", "mayor"]
_PLACES = ["Valdoria", "Karsia", "Lindmark", "Qasira", "Orlen", "Minara", "Halvik", "Sarvel"]


def registry(rng: random.Random, size: int) -> list[tuple[str, list[str]]]:
    """(name, aliases) of ``size`` made-up people with distinct surnames."""
    people: list[tuple[str, list[str]]] = []
    surnames: set[str] = set()
    while len(people) < size:
        surname = rng.choice("BKLMNPRSTVZ") + "".join(
            rng.choice("aeiou") + rng.choice("lmnrstvk") for _ in range(rng.randint(2, 3))
        )
        if surname in surnames:
            continue
        surnames.add(surname)
        first = rng.choice(_FIRST)
        variant = f"{first[:-1]}y {surname[:-1]}w"  # a transliteration variant
        role = f"{rng.choice(_PLACES)}’s {rng.choice(_ROLES)} {surname[:3]}"
        people.append((f"{first} {surname}", [variant, surname, role]))
    return people


def build(path: Path, documents: int, entities: int) -> tuple[list[str], list[str]]:
    """The project; returns the entity ids (by frequency rank) and mention texts for matching."""
    rng = random.Random(7)
    people = registry(rng, entities)
    maker = ArticleMaker(seed=3)
    # Zipf-like: a few entities are everywhere, most are rare.
    weights = [1.0 / (rank + 1) for rank in range(len(people))]
    with Project.create(path, annotator="Bench") as project:
        with project.transaction():
            ids = [
                project.registry.add(name, type="person", aliases=aliases).value.id
                for name, aliases in people
            ]
        items = []
        for number in range(documents):
            text = maker.text(3000)
            words = text.split(" ")
            for _ in range(rng.randint(2, 6)):
                name, aliases = rng.choices(people, weights=weights)[0]
                spelled = rng.choice([name, *aliases])
                spelled += rng.choice(["", "", "’s"])
                words.insert(rng.randrange(len(words)), spelled)
            items.append(DocumentInput(" ".join(words), title=f"Article {number}"))
        project.documents.add_many(items)
        # a first pass of tagging: the first occurrence of the top entity in 300 documents
        layer = project.layer()
        with project.transaction():
            found = project.registry.propagation_preview(
                ids[0], label=LABEL, layer=layer, limit=None
            )
            for occ in found[::5][:300]:
                layer.add_mention(occ.document_id, occ.start, occ.end, label=LABEL)
    mentions = []
    for _ in range(1000):
        name, aliases = rng.choice(people)
        mentions.append(rng.choice([name, *aliases, name.upper(), f"{name}'s", "Nobody Known"]))
    return ids, mentions


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    documents, entities = (1000, 50) if args.quick else (10_000, 200)
    repeat = args.repeat or (2 if args.quick else 5)
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        path = folder / "propagation.annotator"
        started = time.perf_counter()
        ids, mentions = build(path, documents, entities)
        print(
            f"setup: {documents:,} documents, {entities} entities in "
            f"{time.perf_counter() - started:.1f} s"
        )
        with Project.open(path, readonly=True) as project:
            registry, layer = project.registry, project.layer()
            assert layer.annotator_id is not None  # the layer that was tagged in build()

            def occurrences(entity_id: str | None, text: str | None = None) -> list[Occurrence]:
                return registry.propagation_preview(entity_id, label=LABEL, layer=layer, text=text)

            texts = [d.text for d in project.documents.all()]
            top = registry.get(ids[0])
            rare = [ids[entities // 2], ids[-1]]
            found = {i: len(occurrences(i)) for i in (ids[0], ids[1], *rare)}
            literal = top.name.split()[-1]
            print(
                "occurrences found: "
                + ", ".join(f"{n:,}" for n in found.values())
                + f"; literal {literal!r}: {len(occurrences(None, text=literal)):,}"
            )

            def scan() -> None:
                names = [top.name, *top.aliases]
                for text in texts:
                    for name in names:
                        pos = text.find(name)
                        while pos >= 0:
                            pos = text.find(name, pos + 1)

            def preview(entity_id: str) -> Callable[[], float]:
                return lambda: clock(lambda: occurrences(entity_id))

            def match_all() -> None:
                for text in mentions:
                    registry.match(text)

            cases: dict[str, Callable[[], float]] = {
                "str.find scan, 1 entity (baseline)": lambda: clock(scan),
                "preview, most frequent entity": preview(ids[0]),
                "preview, 2nd most frequent": preview(ids[1]),
                "preview, rare entity (median)": preview(rare[0]),
                "preview, rarest entity": preview(rare[1]),
                "preview, literal text": lambda: clock(lambda: occurrences(None, text=literal)),
                "registry.match x 1,000": lambda: clock(match_all),
            }
            results = interleaved(cases, repeat)
        baseline: Measure = results["str.find scan, 1 entity (baseline)"]
        rows = [Row(baseline)] + [
            Row(m, f"<= {TARGET:.0f} s", m.best <= TARGET)
            for name, m in results.items()
            if m is not baseline
        ]
        print_table(
            f"Propagation and matching, {documents:,} documents, {entities} entities",
            rows,
            [("str.find", baseline)],
        )


if __name__ == "__main__":
    main()
