"""What the round-trip tests of the annotation importers compare (tests/io): a realistic
project (emoji, ZWJ sequences, CJK Ext-B, combining marks, CRLF in the source, overlapping and
discontinuous annotations, relations, attributes, registry links, two annotators and gold),
and a project's annotations as plain tuples, independent of ids and timestamps."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from annotator import Project
from annotator.store.annotators import GOLD_ID

#: Sources as another tool saved them: CRLF line ends, decomposed accents.
SOURCE_1 = (
    "Karamov said:\r\n“We will not 👨🏻‍🚒 retreat,” he added, “not from 𠀋 Town.”\r\n"
    "Karamov called on Velmar to restore the cafe\u0301 fund for Ko\u0304\u0323."
)
SOURCE_2 = "👩‍👩‍👧 Velmar said 中文 𠀋𠀌 talks\r\nwill go on, e\u0301cole aside."

#: brat's folder names of these annotators (the export writes ``_`` for a space)
FOLDERS = {"Ana": "Ana", "Ben Ode": "Ben_Ode", "Gold": "Gold"}

Fragments = tuple[tuple[int, int, str], ...]
Key = tuple[str, Fragments]


def build_realistic(path: Path) -> dict[str, str]:
    """The project at ``path`` (closed afterwards); returns its document ids."""
    with Project.create(path, annotator="Ana") as p:
        ben = p.annotators.add("Ben Ode").value
        karamov = p.registry.add(
            "Sergei Karamov", type="person", wikidata="Q999001", id="ent-karamov"
        ).value
        velmar = p.registry.add("Velmar", type="government", id="ent-velmar").value
        d1 = p.documents.add(SOURCE_1, title="Talks").value
        d2 = p.documents.add(SOURCE_2, title="Family").value
        t1, t2 = d1.text, d2.text

        def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
            part, start = unicodedata.normalize("NFC", part), -1
            for _ in range(nth + 1):
                start = text.index(part, start + 1)
            return start, start + len(part)

        ana, gold, bens = p.layer(), p.layer(GOLD_ID), p.layer(ben.id)
        actor = ana.add_annotation(d1.id, "Actor", [at(t1, "Karamov")], entity=karamov.id).value
        quote = ana.add_annotation(
            d1.id,
            "Quote",
            [at(t1, "“We will not 👨🏻‍🚒 retreat,”"), at(t1, "“not from 𠀋 Town.”")],
            attributes={"form": "direct"},
            note="split by\nthe cue",
        ).value
        cue = ana.add_annotation(d1.id, "Cue", [at(t1, "said")]).value
        ana.add_relation("speaker", quote.id, actor.id)
        ana.add_relation("cue", quote.id, cue.id)
        ana.add_annotation(d1.id, "Actor", [at(t1, "𠀋 Town")])  # inside the quote
        claimant = ana.add_annotation(
            d1.id, "Actor", [at(t1, "Karamov", 1)], entity=karamov.id
        ).value
        addressee = ana.add_annotation(d1.id, "Actor", [at(t1, "Velmar")], entity=velmar.id)
        demand = ana.add_annotation(
            d1.id,
            "Demand",
            [at(t1, "restore the café fund for Kọ̄")],
            attributes={"issue": "troop withdrawal", "position": "for"},
        ).value
        ana.add_relation("claimant", demand.id, claimant.id)
        ana.add_relation("addressee", demand.id, addressee.value.id)
        ana.add_annotation(d2.id, "Actor", [at(t2, "👩‍👩‍👧 Velmar")], note="a family")
        # Ben: a quote across a line break, an actor overlapping it
        said = bens.add_annotation(d1.id, "Quote", [at(t1, "said:\n“We will")]).value
        who = bens.add_annotation(d1.id, "Actor", [at(t1, "Karamov said")]).value
        bens.add_relation("speaker", said.id, who.id)
        bens.add_annotation(d2.id, "Quote", [at(t2, "𠀋𠀌 talks\nwill go on, école")])
        # gold
        g_actor = gold.add_annotation(d1.id, "Actor", [at(t1, "Karamov")], entity=karamov.id)
        g_quote = gold.add_annotation(d1.id, "Quote", [at(t1, "“not from 𠀋 Town.”")]).value
        gold.add_relation("speaker", g_quote.id, g_actor.value.id)
        return {"d1": d1.id, "d2": d2.id}


def fragments_of(ann: Any) -> Fragments:
    return tuple((f.start, f.end, f.text) for f in ann.fragments)


def snapshot(project: Project) -> dict[tuple[str, str], dict[str, Any]]:
    """(document id, layer name) -> its annotations (label, fragments, attributes, entity,
    note) and relations (type, source, target as (label, fragments)); empty layers left out."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for doc in project.documents.all():
        for layer in project.layers():
            anns = layer.annotations(doc.id)
            if not anns:
                continue
            keys = {a.id: (a.label, fragments_of(a)) for a in anns}
            out[(doc.id, layer.name)] = {
                "annotations": sorted(
                    (
                        a.label,
                        fragments_of(a),
                        tuple(sorted(a.attributes.items())),
                        a.entity,
                        a.note,
                    )
                    for a in anns
                ),
                "relations": sorted(
                    (r.type, keys[r.source], keys[r.target]) for r in layer.relations(doc.id)
                ),
            }
    return out
