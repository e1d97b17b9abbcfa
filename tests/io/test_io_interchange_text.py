"""Hard text through both exports: emoji, ZWJ sequences, CJK Ext-B, combining marks, CRLF.

Random documents are built from pieces whose code-point lengths differ from their UTF-16
lengths; spans (overlapping, discontinuous) fall on piece boundaries. Each export is read back
by the format's reader: dkpro-cassis's covered text (it converts UTF-16 offsets back) and the
Web Annotation selectors, expanded by pyld, must point at the same characters.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_checks import OA, annotations_of, expand, read_cases, read_collections

from annotator import Project
from annotator.io.cas_json import write_cas_json
from annotator.io.web_annotation import write_web_annotation

PIECES = [
    "👨🏻‍🚒",  # ZWJ sequence with a skin-tone modifier
    " firemen drive firetrucks",
    "𠀋𠀌",  # CJK Ext-B, outside the BMP
    "a\u20dd",  # a combining mark with no precomposed form (stable under NFC)
    "Ünïcödé",
    "\r\nline two",  # CRLF in the source: stored as LF
    "🇺🇦",
    " said ",
]

documents = st.lists(st.sampled_from(PIECES), min_size=2, max_size=8)


def build(path: Path, pieces: list[str], picks: list[tuple[int, int]]) -> None:
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add("".join(pieces), title="hard").value
        text = doc.text
        bounds = [0]
        for piece in pieces:  # boundaries in the stored (LF) text
            bounds.append(bounds[-1] + len(piece.replace("\r\n", "\n")))
        assert bounds[-1] == len(text)
        layer = p.layer()
        made = []
        chosen = {tuple(sorted((a % len(pieces), b % len(pieces)))) for a, b in picks}
        for i, j in sorted(chosen):  # overlapping spans, some discontinuous
            fragments = [(bounds[i], bounds[i + 1])]
            if j > i + 1:  # discontinuous: skip the pieces between
                fragments.append((bounds[j], bounds[j + 1]))
            elif j == i + 1:
                fragments = [(bounds[i], bounds[j + 1])]
            made.append(layer.add_annotation(doc.id, "Actor", fragments).value.id)
        if len(made) >= 2:
            quote = layer.add_annotation(doc.id, "Quote", [(bounds[0], bounds[-1])]).value.id
            layer.add_relation("speaker", quote, made[0])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=documents, picks=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=5)
)
def test_both_exports_point_at_the_same_characters(pieces, picks) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        build(tmp / "p.annotator", pieces, picks)
        with Project.open(tmp / "p.annotator", readonly=True) as p:
            (doc,) = p.documents.all()
            anns = [a for layer in p.layers() for a in layer.annotations(doc.id)]
            write_cas_json(p.datasets(), tmp / "c.zip")
            write_web_annotation(p.datasets(), tmp / "w.jsonld")
        expected = sorted((a.label, f.text) for a in anns for f in a.fragments)
        assert all(doc.text[f.start : f.end] == f.text for a in anns for f in a.fragments)

        (cas,) = read_cases(tmp / "c.zip").values()
        assert cas.sofa_string == doc.text
        covered = sorted(
            (fs.type.name.rsplit(".", 1)[1], fs.get_covered_text())
            for label in ("Actor", "Quote")
            for fs in cas.select(f"webanno.custom.{label}")
        )
        assert covered == expected

        (collection,) = read_collections(tmp / "w.jsonld")
        found = []
        for node in annotations_of(expand(collection)):
            bodies = node[f"{OA}hasBody"]
            tags = [b for b in bodies if b.get(f"{OA}hasPurpose") == [{"@id": f"{OA}tagging"}]]
            if node.get(f"{OA}motivatedBy") == [{"@id": f"{OA}linking"}]:
                continue
            label = tags[0]["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"][0]["@value"]
            for target in node[f"{OA}hasTarget"]:
                selectors = {s["@type"][0]: s for s in target[f"{OA}hasSelector"]}
                position = selectors[f"{OA}TextPositionSelector"]
                start = int(position[f"{OA}start"][0]["@value"])
                end = int(position[f"{OA}end"][0]["@value"])
                exact = selectors[f"{OA}TextQuoteSelector"][f"{OA}exact"][0]["@value"]
                assert doc.text[start:end] == exact
                found.append((label, exact))
        assert sorted(found) == expected
