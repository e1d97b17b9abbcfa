"""A realistic project for the spaCy DocBin tests, and what of a project a round trip compares.

Two documents read from text with CRLF line ends and decomposed accents (stored as LF and
NFC), a firefighter emoji (a ZWJ sequence), an astral CJK character (Ext-B), combining marks;
two annotators (Ana, Ben) and gold; overlapping and discontinuous annotations, a fragment
that starts inside a word and one that ends with a space, attributes, notes, registry links
(with and without a Wikidata id) and relations.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from annotator import Project
from annotator.core.model import DocumentInput

TEXT_1 = (
    "Chief 👨🏻‍🚒 Ama Ofori said:\r\n“We will not leave 𠀋 Town,” she said, "
    "“nor the Ko\u0304\u0323 valley.”\r\nThe council must restore the cafe\u0301 fund, "
    "Ofori demanded of the firetrucks brigade."
)
TEXT_2 = "The council\u00a0rejected it.\r\nOfori-led talks end;  nothing was said."
METADATA_1 = {"tags": ["politics", ["nested", 1]], "n": 3, "ok": True, "none": None}
#: An integer beyond 64 bits (msgpack cannot hold it: the export writes the metadata as JSON).
METADATA_2 = {"big": 2**70, "f": 1.5}


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``part`` (NFC) in the stored ``text``."""
    part, start = unicodedata.normalize("NFC", part), -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build(path: Path) -> dict[str, str]:
    """Write the project (closed afterwards); returns the document ids."""
    with Project.create(path, annotator="Ana") as p:
        p.documents.add_many(
            [
                DocumentInput(
                    TEXT_1,
                    "One",
                    source="Wire",
                    url="https://example.org/1",
                    published="2024-03-01",
                    metadata=METADATA_1,
                    id="doc-1",
                ),
                DocumentInput(TEXT_2, "Two", metadata=METADATA_2, id="doc-2"),
                DocumentInput("Nobody annotated this.", "Three", id="doc-3"),
            ]
        )
        one, two = p.documents.text("doc-1"), p.documents.text("doc-2")
        ofori = p.registry.add("Ama Ofori", type="person", wikidata="Q999777", id="ent-ofori")
        council = p.registry.add("The council", type="other", id="ent-council")
        ana = p.layer()
        ben = p.layer(p.annotators.add("Ben").value.id)
        gold = p.gold

        def add(layer: Any, doc: str, label: str, frags: list[tuple[int, int]], **kw: Any) -> str:
            return str(layer.add_annotation(doc, label, frags, **kw).value.id)

        # Ana, document 1: overlapping actors, a discontinuous quote, a demand
        chief = add(
            ana,
            "doc-1",
            "Actor",
            [at(one, "Chief 👨🏻‍🚒 Ama Ofori")],
            entity=ofori.value.id,
            attributes={"type": "person"},
        )
        add(ana, "doc-1", "Actor", [at(one, "Ama Ofori")], entity=ofori.value.id)
        quote = add(
            ana,
            "doc-1",
            "Quote",
            [at(one, "We will not leave 𠀋 Town,"), at(one, "nor the Ko\u0304\u0323 valley.")],
            attributes={"form": "direct"},
            note="two fragments\naround the cue",
        )
        cue = add(ana, "doc-1", "Cue", [at(one, "said", 1)])
        council_1 = add(ana, "doc-1", "Actor", [at(one, "The council")], entity=council.value.id)
        ofori_2 = add(ana, "doc-1", "Actor", [at(one, "Ofori", 1)], entity=ofori.value.id)
        demand = add(
            ana,
            "doc-1",
            "Demand",
            [at(one, "restore the cafe\u0301 fund")],
            attributes={"issue": "humanitarian access", "position": "for"},
        )
        add(ana, "doc-1", "Actor", [at(one, "trucks")])  # starts inside "firetrucks"
        ana.add_relation("speaker", quote, chief)
        ana.add_relation("cue", quote, cue)
        ana.add_relation("claimant", demand, ofori_2)
        ana.add_relation("addressee", demand, council_1)
        # Ana, document 2: a mention across a no-break space, one inside a hyphenated word
        add(ana, "doc-2", "Actor", [at(two, "The council\u00a0")], entity=council.value.id)
        add(ana, "doc-2", "Actor", [at(two, "Ofori")], entity=ofori.value.id)
        # Ben: the same quote in one fragment, an unlinked actor, a span ending with a space
        b_actor = add(ben, "doc-1", "Actor", [at(one, "Ama Ofori")])
        b_quote = add(
            ben,
            "doc-1",
            "Quote",
            [at(one, "We will not leave 𠀋 Town,” she said, “nor the Ko\u0304\u0323 valley.")],
            attributes={"form": "mixed"},
        )
        ben.add_relation("speaker", b_quote, b_actor)
        add(ben, "doc-1", "Cue", [at(one, "said, ")])  # ends with the space after a word
        add(ben, "doc-2", "Cue", [at(two, "said")])
        add(ben, "doc-2", "Demand", [at(two, "talks end;  ")])
        # gold
        g_actor = add(gold, "doc-1", "Actor", [at(one, "Ama Ofori")], entity=ofori.value.id)
        g_quote = add(
            gold,
            "doc-1",
            "Quote",
            [at(one, "We will not leave 𠀋 Town,"), at(one, "nor the Ko\u0304\u0323 valley.")],
            attributes={"form": "direct"},
        )
        gold.add_relation("speaker", g_quote, g_actor)
    return {"one": "doc-1", "two": "doc-2", "three": "doc-3"}


def _fragments(ann: Any) -> tuple[tuple[int, int, str], ...]:
    return tuple((f.start, f.end, f.text) for f in ann.fragments)


def contents(p: Project) -> dict[str, Any]:
    """What a round trip keeps, by document text and annotator name: documents (with their
    fields), annotations (label, fragments, attributes, linked entity, note) and relations
    (type and both ends), each as a sorted list."""
    documents = sorted(
        (d.text, d.id, d.title, d.source, d.url, d.published, repr(d.metadata))
        for d in p.documents.all()
    )
    entities = {e.id: (e.name, e.type, e.wikidata) for e in p.registry.all()}
    annotations, relations = [], []
    for doc in p.documents.all():
        for layer in p.layers():
            anns = {a.id: a for a in layer.annotations(doc.id)}
            for a in anns.values():
                annotations.append(
                    (
                        doc.text,
                        layer.name,
                        a.label,
                        _fragments(a),
                        tuple(sorted(a.attributes.items())),
                        entities.get(a.entity) if a.entity else None,
                        a.note,
                    )
                )
            for r in layer.relations(doc.id):
                ends = [(anns[x].label, _fragments(anns[x])) for x in (r.source, r.target)]
                relations.append((doc.text, layer.name, r.type, *ends))
    return {
        "documents": documents,
        "annotations": sorted(annotations, key=repr),
        "relations": sorted(relations, key=repr),
    }


def read_both_ways(path: Path) -> list[Any]:
    """The Docs of the DocBin at ``path`` (our export) as the import reads them without making
    spaCy Docs; asserted to be what it reads through spaCy's Docs, and the first way taken."""
    from unittest import mock

    from annotator.io import spacy_read

    taken: list[bool] = []
    real = spacy_read.own_docs

    def noting(docbin: Any, name: str) -> Any:
        own = real(docbin, name)
        taken.append(own is not None)
        return own

    with mock.patch.object(spacy_read, "own_docs", noting):
        direct = [doc for doc, _ in spacy_read.read_spacy(path, None)]  # type: ignore[arg-type]
    with mock.patch.object(spacy_read, "own_docs", lambda docbin, name: None):
        through_spacy = [doc for doc, _ in spacy_read.read_spacy(path, None)]  # type: ignore[arg-type]
    assert taken == [True]
    assert direct == through_spacy
    return direct
