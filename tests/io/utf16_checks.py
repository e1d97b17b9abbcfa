"""Checks shared by the doccano and Label Studio tests: UTF-16 slicing done independently of
the code under test (by encoding the text), and random documents for property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def utf16_slice(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with offsets in UTF-16 code units, as JavaScript's ``slice``."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


# Emoji with skin tone and ZWJ, a flag, CJK Extension B, combining marks, Latin, spaces, LF.
PIECES = [
    "👨🏻‍🚒",
    "🇺🇦",
    "𠀋",
    "𪜀",
    "q\u0307",
    "e\u0301\u0323",
    "a",
    "Z",
    "ß",
    " ",
    "\n",
    "—",
    "字",
]


@st.composite
def native_documents(draw: Any) -> dict[str, Any]:
    """A native document dict with overlapping and discontinuous spans, attributes and
    relations, over a text made of the PIECES (offsets in code points)."""
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40)))
    n = len(text)
    annotations = []
    for i in range(draw(st.integers(0, 6))):
        cuts = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=6, unique=True)))
        pairs = [(cuts[j], cuts[j + 1]) for j in range(0, len(cuts) - 1, 2)]
        label = draw(st.sampled_from(["Actor", "Quote", "Demand"]))
        attributes = {"form": "direct"} if label == "Quote" and draw(st.booleans()) else {}
        annotations.append(
            {
                "id": f"ann-{i}",
                "label": label,
                "fragments": [{"start": s, "end": e, "text": text[s:e]} for s, e in pairs],
                "attributes": attributes,
                "entity": None,
                "annotator": draw(st.sampled_from(["ana", "gold"])),
            }
        )
    relations = []
    for j in range(draw(st.integers(0, 4)) if len(annotations) > 1 else 0):
        source, target = draw(st.permutations(annotations))[:2]
        if source["annotator"] == target["annotator"]:
            relations.append(
                {
                    "id": f"rel-{j}",
                    "type": "speaker",
                    "source": source["id"],
                    "target": target["id"],
                    "annotator": source["annotator"],
                }
            )
    return {
        "id": "doc",
        "title": "t",
        "source": None,
        "url": None,
        "published": None,
        "metadata": {},
        "text": text,
        "annotations": annotations,
        "relations": relations,
    }
