"""Round trips of the interchange formats: random projects, exported and imported again.

``projects()`` draws the content of a project — documents whose source text has emoji, ZWJ
sequences, CJK Extension B, combining marks and CRLF line ends; overlapping and discontinuous
spans; attributes, actor links and relations; two annotators and gold — and :func:`build`
writes it through the store as the window would. :func:`round_trip` exports a project in a
format, imports the file into a new project with the same schema, and returns both projects'
:func:`contents`: what each layer holds, in terms that do not depend on ids, so that the test
of a format asserts ``imported == carried(original)`` where ``carried`` removes exactly what
the format cannot carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator import Project
from annotator.io.exporting import export_project, layer_named
from annotator.io.importing import import_paths

# Emoji with skin tone and ZWJ, a flag, CJK Extension B, combining marks (one composes under
# NFC, one has no precomposed form), Latin, no-break space, CRLF and LF.
PIECES = [
    "👨🏻‍🚒",
    "🇺🇦",
    "𠀋",
    "e\u0301",
    "q\u0307",
    "Ana",
    "said",
    "Zoë",
    "\u00a0",
    " ",
    " ",
    "\r\n",
    "\n",
    "—",
    "字",
    ".",
]
PEOPLE = ("Ana", "Bo", "Gold")

#: A fragment: (start, end, text); an annotation: (annotator, label, fragments, attributes,
#: actor name); a relation: (annotator, type, source annotation, target annotation), ends
#: written as (label, fragments).
Fragments = tuple[tuple[int, int, str], ...]
Key = tuple[str, Fragments]


@dataclass
class Contents:
    """What a project holds, per document text (ids left out, so that two projects compare)."""

    annotations: set[tuple[str, str, str, Fragments, tuple[tuple[str, str], ...], str | None]] = (
        field(default_factory=set)
    )
    relations: set[tuple[str, str, str, Key, Key]] = field(default_factory=set)


@dataclass
class DrawnDocument:
    source: str  # with CRLF, as a file would have it
    spans: list[tuple[str, str, list[tuple[int, int]], dict[str, str], bool]]
    relations: list[tuple[int, int]]  # (quote index, actor index) into spans, same annotator


@st.composite
def documents(draw: Any, discontinuous: bool = True) -> DrawnDocument:
    words = [p for p in PIECES if p.strip()]
    source = draw(st.sampled_from(words)) + "".join(
        draw(st.lists(st.sampled_from(PIECES), min_size=2, max_size=30))
    )
    from annotator.core.text import normalise_text

    text = normalise_text(source)
    n = len(text)
    spans: list[tuple[str, str, list[tuple[int, int]], dict[str, str], bool]] = []
    for _ in range(draw(st.integers(0, 6))):
        most = 4 if discontinuous else 2
        cuts = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=most, unique=True)))
        pairs = [(cuts[j], cuts[j + 1]) for j in range(0, len(cuts) - 1, 2)]
        label = draw(st.sampled_from(["Actor", "Quote", "Demand"]))
        attributes: dict[str, str] = {}
        if label == "Quote" and draw(st.booleans()):
            attributes["form"] = draw(st.sampled_from(["direct", "indirect"]))
        if label == "Actor" and draw(st.booleans()):
            attributes["type"] = "person"
        linked = label == "Actor" and draw(st.booleans())
        spans.append((draw(st.sampled_from(PEOPLE)), label, pairs, attributes, linked))
    relations = []
    for q, quote in enumerate(spans):
        if quote[1] != "Quote":
            continue
        actors = [a for a, s in enumerate(spans) if s[1] == "Actor" and s[0] == quote[0]]
        if actors and draw(st.booleans()):
            relations.append((q, draw(st.sampled_from(actors))))
    return DrawnDocument(source, spans, relations)


def projects(discontinuous: bool = True) -> st.SearchStrategy[list[DrawnDocument]]:
    """One to three documents with different texts."""
    return st.lists(
        documents(discontinuous), min_size=1, max_size=3, unique_by=lambda d: d.source
    ).filter(lambda docs: len({_normal(d.source) for d in docs}) == len(docs))


def _normal(text: str) -> str:
    from annotator.core.text import normalise_text

    return normalise_text(text)


def build(path: Path, docs: list[DrawnDocument]) -> Project:
    """A project (open for writing) with ``docs`` stored through its layers; spans the store
    refuses (the same label on the same fragments twice in a layer) are left out."""
    from annotator.core.errors import DuplicateAnnotationError

    p = Project.create(path, annotator="Ana")
    actor = p.registry.add("Sergei Karamov", type="person", wikidata="Q4115189").value
    for d in docs:
        doc = p.documents.add(d.source, title="t").value
        ids: dict[int, str] = {}
        for index, (who, label, pairs, attributes, linked) in enumerate(d.spans):
            layer = p.gold if who == "Gold" else p.layer(p.annotators.ensure(who).id)
            try:
                ann = layer.add_annotation(
                    doc.id,
                    label,
                    pairs,
                    attributes=attributes,
                    entity=actor.id if linked else None,
                ).value
            except DuplicateAnnotationError:
                continue
            ids[index] = ann.id
        for quote, speaker in d.relations:
            if quote in ids and speaker in ids:
                who = d.spans[quote][0]
                layer = p.gold if who == "Gold" else p.layer(p.annotators.ensure(who).id)
                layer.add_relation("speaker", ids[quote], ids[speaker])
    return p


def contents(p: Project) -> dict[str, Contents]:
    """Per document text: every layer's annotations and relations, without ids."""
    out: dict[str, Contents] = {}
    names = {a.id: a.name for a in p.annotators.all()}
    entities = {e.id: e.name for e in p.registry.all()}
    for doc in p.documents.all():
        held = out.setdefault(doc.text, Contents())
        for layer in p.layers():
            who = names.get(layer.annotator_id or "", layer.name)
            keys: dict[str, Key] = {}
            for a in layer.annotations(doc.id):
                fragments = tuple((f.start, f.end, f.text) for f in a.fragments)
                keys[a.id] = (a.label, fragments)
                held.annotations.add(
                    (
                        who,
                        a.label,
                        doc.text,
                        fragments,
                        tuple(sorted(a.attributes.items())),
                        entities.get(a.entity) if a.entity else None,
                    )
                )
            for r in layer.relations(doc.id):
                held.relations.add((who, r.type, doc.text, keys[r.source], keys[r.target]))
    return out


def round_trip(
    original: Project,
    fmt: str,
    out: Path,
    annotator: str | None = None,
    import_format: str | None = None,
) -> tuple[dict[str, Contents], dict[str, Contents], list[str]]:
    """``original`` exported in ``fmt`` (one layer, or all) and imported (as ``import_format``,
    by default ``fmt``) into a new project beside ``out``: (original contents, imported
    contents, the import's warnings)."""
    export_project(original, fmt, out, layer_named(original, annotator))
    target = out.with_name(out.stem + "-imported.annotator")
    with Project.create(target, annotator="Importer") as imported:
        imported.set_schema(original.schema)
        report = import_paths(imported, [out], import_format or fmt)
        return contents(original), contents(imported), report.warnings
