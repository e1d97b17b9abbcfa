"""Round trips of the annotation formats: a project A exported, imported into a project B.

``build_realistic`` writes A: two documents (one with CRLF in its source, a combining mark,
emoji with ZWJ sequences, CJK Ext-B; one with a URL), a registry (one entry with a Wikidata
id), overlapping and discontinuous spans with attributes, actor links and notes, relations, in
three layers (Ana, Ben, gold). ``base_copy`` writes B with A's schema and registry (and, when
asked, A's documents and annotators under the same ids) and nothing annotated;
``build_random`` writes a one-document project from random pieces of hard text (the
hypothesis round trips).
``contents`` is what both are compared by: every annotation and relation, by annotator name,
independent of the ids the import gives them.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from annotator import Project
from annotator.core.model import DocumentInput
from annotator.store.annotators import GOLD_ID

TEXT_1 = (
    "Karamov 👨🏻‍🚒 said:\r\n“We will not 𠀋 retreat,” cafe\u0301 chief "
    "👩‍👩‍👧 Ofori.\r\nVelmar rejected any cease-fire. 🇺🇦 a\u20dd"
)
TEXT_2 = "Ofori urged Velmar to withdraw its troops, 𠀋𠀌 again."
URL_2 = "https://example.org/news/2"

Span = tuple[str, tuple[tuple[int, int, str], ...]]  # label, fragments
Contents = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build_realistic(path: Path) -> dict[str, str]:
    """Project A (closed afterwards); returns the ids tests refer to."""
    with Project.create(path, annotator="Ana") as p:
        ben = p.annotators.add("Ben").value
        karamov = p.registry.add("Sergei Karamov", type="person", wikidata="Q999001").value
        velmar = p.registry.add("Government of Velmar", type="government").value
        p.documents.add_many(
            [
                DocumentInput(TEXT_1, "Talks", id="doc-1"),
                DocumentInput(TEXT_2, "Troops", id="doc-2", url=URL_2),
            ]
        )
        one, two = p.documents.text("doc-1"), p.documents.text("doc-2")
        ana, bens, gold = p.layer(), p.layer(ben.id), p.layer(GOLD_ID)

        def add(layer: Any, doc: str, label: str, frags: list[tuple[int, int]], **kw: Any) -> str:
            return str(layer.add_annotation(doc, label, frags, **kw).value.id)

        k = add(ana, "doc-1", "Actor", [at(one, "Karamov")], entity=karamov.id)
        chief = add(
            ana, "doc-1", "Actor", [at(one, "chief 👩‍👩‍👧 Ofori")], attributes={"type": "person"}
        )
        add(ana, "doc-1", "Actor", [at(one, "Ofori")])  # inside the one before
        quote = add(
            ana,
            "doc-1",
            "Quote",
            [at(one, "We will not 𠀋"), at(one, "retreat,”")],
            attributes={"form": "direct"},
            note="two fragments\naround 𠀋",
        )
        cue = add(ana, "doc-1", "Cue", [at(one, "said")])
        ana.add_relation("speaker", quote, k)
        ana.add_relation("cue", quote, cue)
        v = add(ana, "doc-1", "Actor", [at(one, "Velmar")], entity=velmar.id)
        demand = add(
            ana,
            "doc-1",
            "Demand",
            [at(one, "any cease-fire. 🇺🇦")],
            attributes={"issue": "an issue of its own", "position": "against"},
        )
        ana.add_relation("claimant", demand, v)
        add(ana, "doc-1", "Actor", [at(one, "café chief")])  # overlaps the chief

        o2 = add(bens, "doc-2", "Actor", [at(two, "Ofori")], entity=karamov.id)
        d2 = add(
            bens,
            "doc-2",
            "Demand",
            [at(two, "withdraw its troops"), at(two, "𠀋𠀌")],
            attributes={"issue": "troop withdrawal", "position": "for"},
        )
        bens.add_relation("claimant", d2, o2)
        g1 = add(gold, "doc-1", "Actor", [at(one, "Karamov")], entity=karamov.id)
        g2 = add(gold, "doc-1", "Quote", [at(one, "We will not 𠀋 retreat,”")])
        gold.add_relation("speaker", g2, g1)
        add(gold, "doc-1", "Actor", [at(one, "chief 👩‍👩‍👧 Ofori")], attributes={"type": "other"})
        return {"ben": ben.id, "ana": ana.annotator_id or "", "chief": chief}


PIECES = ["👨🏻‍🚒", " said ", "𠀋𠀌", "a\u20dd", "e\u0301t", "\r\nline", "🇺🇦", "Ünï"]
LABELS = {"Actor": ("type", ["person", "other"]), "Quote": ("form", ["direct", "mixed"])}


def build_random(path: Path, pieces: list[str], picks: list[tuple[int, int, int, int]]) -> None:
    """A project of one document made of ``pieces``, with spans on piece boundaries chosen by
    ``picks`` (overlapping, discontinuous) in three layers, and speaker relations."""
    with Project.create(path, annotator="Ana") as p:
        ben = p.annotators.add("Ben").value
        p.documents.add_many([DocumentInput("".join(pieces), "random", id="doc")])
        text = p.documents.text("doc")
        bounds = [0]
        for piece in pieces:
            bounds.append(
                bounds[-1] + len(unicodedata.normalize("NFC", piece.replace("\r\n", "\n")))
            )
        layers = [p.layer(), p.layer(ben.id), p.layer("gold")]
        made: dict[tuple[int, str], list[str]] = {}
        seen = set()
        for i, j, who, extra in picks:
            i, j = sorted((i % len(pieces), j % len(pieces)))
            frags = [(bounds[i], bounds[i + 1])]
            if j > i + 1:
                frags.append((bounds[j], bounds[j + 1]))  # discontinuous
            label = "Actor" if extra % 2 else "Quote"
            layer = who % 3
            if (layer, label, tuple(frags)) in seen or not text[frags[0][0] : frags[0][1]].strip():
                continue
            seen.add((layer, label, tuple(frags)))
            name, values = LABELS[label]
            attrs = {name: values[extra % 2]} if extra % 3 else {}
            ann = layers[layer].add_annotation("doc", label, frags, attributes=attrs)
            made.setdefault((layer, label), []).append(ann.value.id)
        for layer in range(3):
            quotes, actors = made.get((layer, "Quote"), []), made.get((layer, "Actor"), [])
            for quote, actor in zip(quotes, actors, strict=False):
                layers[layer].add_relation("speaker", quote, actor)


def base_copy(a: Path, b: Path, documents: bool = True, annotators: bool = False) -> None:
    """Project B: A's schema and registry (same ids); A's documents and annotators if asked."""
    with Project.open(a, readonly=True) as p, Project.create(b, schema=p.schema) as q:
        for entity in p.registry.all():
            q.registry.add(
                entity.name,
                type=entity.type,
                wikidata=entity.wikidata,
                aliases=entity.aliases,
                id=entity.id,
            )
        if documents:
            q.documents.add_many(
                [DocumentInput(d.text, d.title, id=d.id, url=d.url) for d in p.documents.all()]
            )
        if annotators:
            for person in p.annotators.all():
                if person.id != GOLD_ID:
                    q.annotators.add(person.name, id=person.id)


def contents(path: Path) -> Contents:
    """(annotations, relations) of a project, comparable across projects.

    An annotation: (annotator name, document id, label, fragments, attributes, entity, note);
    a relation: (annotator name, document id, type, source span, target span).
    """
    annotations, relations = [], []
    with Project.open(path, readonly=True) as p:
        for doc in p.documents.all():
            for layer in p.layers():
                name = layer.name
                spans: dict[str, Span] = {}
                for a in layer.annotations(doc.id):
                    frags = tuple((f.start, f.end, f.text) for f in a.fragments)
                    spans[a.id] = (a.label, frags)
                    attrs = tuple(sorted(a.attributes.items()))
                    annotations.append((name, doc.id, a.label, frags, attrs, a.entity, a.note))
                for r in layer.relations(doc.id):
                    relations.append((name, doc.id, r.type, spans[r.source], spans[r.target]))
    return sorted(annotations), sorted(relations)
