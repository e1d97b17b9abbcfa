"""A small project with astral characters for the UTF-16 exports (doccano, Label Studio).

One document with fixed ids: an emoji ZWJ sequence, a CJK Extension B character, a combining
mark, a discontinuous quote, attributes and relations; gold and one annotator.
Used by the export tests and by ``python tests/io/utf16_data.py`` (regenerates the golden files
on purpose: ``--regenerate``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from annotator import Project
from annotator.core.model import DocumentInput

FIRETRUCKS = "👨🏻‍🚒 firemen drive firetrucks"
# NFC, as the store keeps it; "q\u0307" has no precomposed form, so the mark stays its own
# code point.
TEXT = unicodedata.normalize(
    "NFC",
    "👨🏻‍🚒 firemen drive firetrucks. "
    '"We shall 𠀋 not," Jose\u0301 Karamoq\u0307 said, "leave."\n'
    "Karamov called on Velmar to withdraw.",
)
DOC_ID = "doc-1"
GOLDEN = Path(__file__).parent / "golden"


def at(part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return start, start + len(part)


def build(path: Path) -> None:
    with Project.create(path, annotator="Ana") as p:
        p.documents.add_many([DocumentInput(TEXT, title="Fire 🚒", source="Wire", id=DOC_ID)])
        karamov = p.registry.add("Sergei Karamov", type="person", id="ent-karamov").value
        ana, gold = p.layer(), p.gold
        ana.add_annotation(DOC_ID, "Actor", [at("firetrucks")], id="a-truck")
        ana.add_annotation(
            DOC_ID,
            "Actor",
            [at("Jos\u00e9 Karamoq\u0307")],
            id="a-karamov",
            entity=karamov.id,
            attributes={"type": "person"},
        )
        ana.add_annotation(
            DOC_ID,
            "Quote",
            [at("We shall 𠀋 not,"), at("leave.")],
            id="a-quote",
            attributes={"form": "direct"},
        )
        ana.add_relation("speaker", "a-quote", "a-karamov")
        ana.add_annotation(DOC_ID, "Actor", [at("Karamov")], id="a-k2")
        ana.add_annotation(DOC_ID, "Actor", [at("Velmar")], id="a-velmar")
        ana.add_annotation(
            DOC_ID,
            "Demand",
            [at("withdraw")],
            id="a-demand",
            attributes={"issue": "border talks", "position": "for"},
        )
        ana.add_relation("claimant", "a-demand", "a-k2")
        ana.add_relation("addressee", "a-demand", "a-velmar")
        gold.add_annotation(DOC_ID, "Actor", [at("firemen")], id="g-firemen")


if __name__ == "__main__":
    import sys
    import tempfile

    if "--regenerate" not in sys.argv:
        sys.exit("usage: python tests/io/utf16_data.py --regenerate  (rewrites tests/io/golden)")
    from annotator.io.doccano import write_doccano
    from annotator.io.label_studio import write_label_studio

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "p.annotator")
        with Project.open(Path(tmp) / "p.annotator", readonly=True) as p:
            for name, writer, file in (
                ("doccano", write_doccano, "claims.jsonl"),
                ("label-studio", write_label_studio, "claims.json"),
            ):
                (GOLDEN / name).mkdir(parents=True, exist_ok=True)
                writer(p.datasets(), GOLDEN / name / file)
    print(f"golden files rewritten under {GOLDEN}")
