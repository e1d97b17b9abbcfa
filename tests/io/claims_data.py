"""A small hand-built project with known quotes, demands and actor counts (tests/io).

Two documents, two annotators (Ana and Ben), three registry entities (one never mentioned)
and one mention that is not linked to the registry. The numbers the dataset exports must
produce are spelled out in EXPECTED_* below, counted by hand.

``build(path, schema, names)`` makes the same project under another schema: ``names`` maps the
default schema's label and relation names to that schema's (see test_io_schema_roles.py).
Annotation and entity ids are fixed (``ann-…``, ``ent-…``), so two builds can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator import Annotation, Project, Relation
from annotator.core.schema import Schema

TEXT_1 = (
    '"We will not," Karamov said, "give up a village." Karamov called on Velmar to withdraw '
    "its troops. Velmar rejected any cease-fire. A spokesman said it was over."
)
TEXT_2 = (
    "Karamov urged Velmar to agree to a cease-fire. Later Karamov told Velmar it must not sign "
    "a cease-fire deal."
)


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def annotations_of(p: Project, doc_id: str) -> list[Annotation]:
    """A document's annotations in every layer."""
    return [a for layer in p.layers() for a in layer.annotations(doc_id)]


def relations_of(p: Project, doc_id: str) -> list[Relation]:
    """A document's relations in every layer."""
    return [r for layer in p.layers() for r in layer.relations(doc_id)]


def build(
    path: Path, schema: Schema | None = None, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Write the project to ``path`` (closed afterwards); returns the ids tests refer to."""
    ids: dict[str, Any] = {}

    def n(name: str) -> str:
        return (names or {}).get(name, name)

    counter = iter(range(1, 1000))
    with Project.create(path, annotator="Ana", schema=schema) as p:
        ben = p.annotators.add("Ben").value
        karamov = p.registry.add(
            "Sergei Karamov",
            type="person",
            aliases=["Karamov", "Sergey Karamov"],
            wikidata="Q999001",
            note="Foreign minister, fictional",
            id="ent-karamov",
        ).value
        velmar = p.registry.add(
            "Government of Valdoria", type="government", aliases=["Velmar"], id="ent-velmar"
        ).value
        unused = p.registry.add(
            "Concord of Nations", type="international organisation", id="ent-unused"
        ).value
        ids.update(karamov=karamov.id, velmar=velmar.id, unused=unused.id, ben=ben.id)

        d1 = p.documents.add(
            TEXT_1, title="Talks stall", source="Wire", published="2026-03-01"
        ).value
        d2 = p.documents.add(TEXT_2, title="Über cease-fire", source="Bote").value
        ids.update(d1=d1.id, d2=d2.id)
        ana_layer, ben_layer = p.layer(), p.layer(ben.id)

        def add(layer: Any, doc: str, label: str, fragments: list[Any], **kw: Any) -> str:
            ann = layer.add_annotation(doc, n(label), fragments, id=f"ann-{next(counter)}", **kw)
            return str(ann.value.id)

        def link(layer: Any, type_: str, source: str, target: str) -> None:
            layer.add_relation(n(type_), source, target)

        def actor(doc: str, text: str, part: str, nth: int, entity: str | None, layer=ana_layer):
            return add(layer, doc, "Actor", [span(text, part, nth)], entity=entity)

        k1 = actor(d1.id, TEXT_1, "Karamov", 0, karamov.id)
        k2 = actor(d1.id, TEXT_1, "Karamov", 1, karamov.id)
        v1 = actor(d1.id, TEXT_1, "Velmar", 0, velmar.id)
        v2 = actor(d1.id, TEXT_1, "Velmar", 1, velmar.id)
        spokesman = actor(d1.id, TEXT_1, "A spokesman", 0, None)
        ids["ana"] = ana_layer.annotator_id  # created by Ana's first write
        q1 = add(
            ana_layer,
            d1.id,
            "Quote",
            [span(TEXT_1, "We will not,"), span(TEXT_1, "give up a village.")],
            attributes={"form": "direct"},
        )
        q2 = add(
            ana_layer,
            d1.id,
            "Quote",
            [span(TEXT_1, "it was over")],
            attributes={"form": "indirect"},
        )
        link(ana_layer, "speaker", q1, k1)
        link(ana_layer, "speaker", q2, spokesman)
        dem1 = add(
            ana_layer,
            d1.id,
            "Demand",
            [span(TEXT_1, "withdraw its troops")],
            attributes={"issue": "troop withdrawal", "position": "for"},
        )
        link(ana_layer, "claimant", dem1, k2)
        link(ana_layer, "addressee", dem1, v1)
        dem2 = add(
            ana_layer,
            d1.id,
            "Demand",
            [span(TEXT_1, "any cease-fire")],
            attributes={"issue": "cease-fire", "position": "against"},
        )
        link(ana_layer, "claimant", dem2, v2)

        k3 = actor(d2.id, TEXT_2, "Karamov", 0, karamov.id)
        k4 = actor(d2.id, TEXT_2, "Karamov", 1, karamov.id)
        v3 = actor(d2.id, TEXT_2, "Velmar", 0, velmar.id)
        v4 = actor(d2.id, TEXT_2, "Velmar", 1, velmar.id)
        dem3 = add(
            ana_layer,
            d2.id,
            "Demand",
            [span(TEXT_2, "agree to a cease-fire")],
            attributes={"issue": "cease-fire", "position": "for"},
        )
        link(ana_layer, "claimant", dem3, k3)
        link(ana_layer, "addressee", dem3, v3)
        dem4 = add(
            ana_layer,
            d2.id,
            "Demand",
            [span(TEXT_2, "must not sign a cease-fire deal")],
            attributes={"issue": "cease-fire", "position": "against"},
        )
        link(ana_layer, "claimant", dem4, k4)
        link(ana_layer, "addressee", dem4, v4)

        # Ben's layer: his own mention of Karamov, a demand, and a quote without a speaker
        kb = actor(d2.id, TEXT_2, "Karamov", 0, karamov.id, ben_layer)
        dem5 = add(
            ben_layer,
            d2.id,
            "Demand",
            [span(TEXT_2, "agree to a cease-fire")],
            attributes={"issue": "cease-fire", "position": "for"},
        )
        link(ben_layer, "claimant", dem5, kb)
        q3 = add(ben_layer, d2.id, "Quote", [span(TEXT_2, "it must not sign")])
        ids.update(q1=q1, q2=q2, q3=q3, dem1=dem1, dem2=dem2, dem3=dem3, dem4=dem4, dem5=dem5)
    return ids


#: entity name -> (mentions, quotes, demands made, demands received), all annotators
EXPECTED_COUNTS = {
    "Sergei Karamov": (5, 1, 4, 0),
    "Government of Valdoria": (4, 0, 1, 3),
    "Concord of Nations": (0, 0, 0, 0),
}
#: the same, Ben's annotations only
EXPECTED_COUNTS_BEN = {
    "Sergei Karamov": (1, 0, 1, 0),
    "Government of Valdoria": (0, 0, 0, 0),
    "Concord of Nations": (0, 0, 0, 0),
}
