"""Golden files of the interchange exports: one small annotated document, exported in each
format and compared byte for byte with tests/io/golden/<format>/.

Regenerate them only on purpose, after a deliberate change of a format:
``python tests/io/golden_interchange.py`` (from the repository root), then read the diff.
A zip is compared by its members, a spaCy DocBin by its decompressed msgpack bytes (the
compressed bytes depend on the zlib version).
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path

from annotator import Project
from annotator.core.model import DocumentInput
from annotator.io.exporting import export_project, layer_named

GOLDEN = Path(__file__).parent / "golden"
#: A firefighter emoji (ZWJ sequence), an astral CJK character, a combining mark, a CRLF, and
#: a quote in two fragments, the second across a line break.
TEXT = (
    '"We will not," said 👨🏻‍🚒 Chief Ama Ofori of 𠀋 Town, "leave the\r\n'
    'valley." Ofori called on the council to restore the cafe\u0301 fund '
    "for the Ko\u0304\u0323 valley."
)
GOLDEN_FORMATS = {"brat": "doc.zip", "conll": "doc.conll", "spacy": "doc.spacy"}


def build(path: Path) -> None:
    with Project.create(path, annotator="Ana") as p:
        p.documents.add_many([DocumentInput(TEXT, "Golden", id="doc-golden")])
        doc = p.documents.get("doc-golden")
        text = doc.text
        ofori = p.registry.add("Ama Ofori", type="person", wikidata="Q999777", id="ent-ofori")
        layer = p.layer()

        def at(part: str, nth: int = 0) -> tuple[int, int]:
            part, start = unicodedata.normalize("NFC", part), -1
            for _ in range(nth + 1):
                start = text.index(part, start + 1)
            return start, start + len(part)

        def add(label: str, frags: list[tuple[int, int]], n: int, **kw: object) -> str:
            return layer.add_annotation(doc.id, label, frags, id=f"ann-{n}", **kw).value.id

        chief = add(
            "Actor",
            [at("Chief Ama Ofori")],
            1,
            entity=ofori.value.id,
            attributes={"type": "person"},
        )
        quote = add(
            "Quote",
            [at("We will not,"), at("leave the\nvalley.")],
            2,
            attributes={"form": "direct"},
            note="two fragments\naround the cue",
        )
        cue = add("Cue", [at("said")], 3)
        council = add("Actor", [at("the council")], 4, attributes={"type": "other"})
        ofori2 = add("Actor", [at("Ofori", 1)], 5, entity=ofori.value.id)
        demand = add(
            "Demand",
            [at("restore the cafe\u0301 fund")],
            6,
            attributes={"issue": "humanitarian access", "position": "for"},
        )
        layer.add_relation("speaker", quote, chief, id="rel-1")
        layer.add_relation("cue", quote, cue, id="rel-2")
        layer.add_relation("claimant", demand, ofori2, id="rel-3")
        layer.add_relation("addressee", demand, council, id="rel-4")


def exported(fmt: str, folder: Path) -> dict[str, bytes]:
    """The files of an export of the golden document in ``fmt`` (a zip: its members)."""
    build(folder / "golden.annotator")
    out = folder / GOLDEN_FORMATS[fmt]
    with Project.open(folder / "golden.annotator", readonly=True) as p:
        export_project(p, fmt, out, layer=layer_named(p, "Ana"))
    if out.suffix == ".zip":
        with zipfile.ZipFile(out) as zf:
            return {name: zf.read(name) for name in zf.namelist()}
    return {out.name: out.read_bytes()}


def comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` as the golden test compares them: a DocBin (zlib-compressed msgpack) by what
    it decompresses to, every other file as it is."""
    return {
        name: zlib.decompress(content) if name.endswith(".spacy") else content
        for name, content in files.items()
    }


def stored(fmt: str) -> dict[str, bytes]:
    base = GOLDEN / fmt
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}


def regenerate() -> None:
    for fmt in GOLDEN_FORMATS:
        with tempfile.TemporaryDirectory() as tmp:
            files = exported(fmt, Path(tmp))
        base = GOLDEN / fmt
        for old in base.rglob("*"):
            if old.is_file():
                old.unlink()
        for name, content in files.items():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_bytes(content)
        print(f"{base}: {len(files)} files", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
