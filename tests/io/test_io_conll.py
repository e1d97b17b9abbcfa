"""CoNLL IOB2 export: read back with seqeval (strict IOB2), whose entities must be the token
ranges of the annotations written."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from claims_data import TEXT_1, build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities

from annotator import Project
from annotator.core.errors import DuplicateAnnotationError, ValidationError
from annotator.core.reports import Cancelled
from annotator.io.exporting import export_project, layer_named

TOKEN = regex.compile(r"\w+|[^\w\s]")


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def read_conll(out: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, tag), as a CoNLL 2003 reader splits them."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in out.read_text(encoding="utf-8").split("\n"):
        if not line:
            if sentence:
                docs[-1].append(sentence)
            sentence = []
        elif line.startswith("-DOCSTART-"):
            assert regex.fullmatch(r"-DOCSTART-\t[^\t ]+\tO", line), line
            docs.append([])
        else:
            token, tag = line.split("\t")
            sentence.append((token, tag))
    assert not sentence, "the file ends with a blank line"
    return docs


def strict_entities(doc: list[list[tuple[str, str]]]) -> set[tuple[str, int, int]]:
    """(label, first token, last token + 1) over the whole document, by seqeval's strict IOB2
    reading; seqeval's lenient get_entities must find the same (no ill-formed I- runs)."""
    tags = [[t for _w, t in s] for s in doc]
    found = set()
    offset = 0
    for sentence_tags, entities in zip(tags, Entities(tags, IOB2).entities, strict=True):
        lenient = {(t, s, e + 1) for t, s, e in get_entities(sentence_tags)}
        strict = {(e.tag, e.start, e.end) for e in entities}
        assert strict == lenient
        found |= {(t, s + offset, e + offset) for t, s, e in strict}
        offset += len(sentence_tags)
    return found


def expected(text: str, annotations) -> set[tuple[str, int, int]]:
    """Each fragment's token range (tokens with a code point inside it); fragments of one
    annotation that share a token are one range."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    found = set()
    for ann in annotations:
        ranges: list[list[int]] = []
        for f in sorted(ann.fragments, key=lambda f: f.start):
            inside = [i for i, (s, e) in enumerate(tokens) if s < f.end and e > f.start]
            if not inside:
                continue
            if ranges and inside[0] < ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], inside[-1] + 1)
            else:
                ranges.append([inside[0], inside[-1] + 1])
        found |= {(ann.label, a, b) for a, b in ranges}
    return found


def test_one_layer_read_back_by_seqeval(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "ana.conll"
    notes: list[str] = []
    layer = layer_named(p, "Ana")
    assert export_project(p, "conll", out, layer=layer, notes=notes) == 2
    assert notes == []
    docs = read_conll(out)
    assert len(docs) == 2
    for doc, doc_id in zip(docs, (ids["d1"], ids["d2"]), strict=True):
        text = p.documents.get(doc_id).text
        assert [w for s in doc for w, _t in s] == TOKEN.findall(text)
        assert strict_entities(doc) == expected(text, layer.annotations(doc_id))
    # the discontinuous quote: one B- per fragment; a sentence does not end inside it
    first = docs[0]
    assert [w for w, _t in first[0]][:5] == ['"', "We", "will", "not", ","]
    assert ("give", "B-Quote") in first[0] and ("village", "I-Quote") in first[0]
    assert first[0][-1] == ('"', "O")  # the closing quote stays with its sentence
    assert len(first) == len(regex.findall(r"[.!?]", TEXT_1))


def test_every_layer_of_a_team_is_refused(small, tmp_path: Path) -> None:
    p, _ids = small
    out = tmp_path / "all.conll"
    with pytest.raises(ValidationError, match="choose whose with --annotator"):
        export_project(p, "conll", out)
    assert not list(tmp_path.glob("*conll*"))


def test_overlaps_keep_the_outermost_and_are_counted(project, tmp_path: Path) -> None:
    doc = project.documents.add("Lavrov said the Russian foreign minister spoke.").value
    text, layer = doc.text, project.layer()

    def at(part: str) -> tuple[int, int]:
        start = text.index(part)
        return start, start + len(part)

    layer.add_annotation(doc.id, "Actor", [at("Russian")])
    layer.add_annotation(doc.id, "Actor", [at("the Russian foreign minister")])
    layer.add_annotation(doc.id, "Quote", [at("foreign minister spoke")])
    layer.add_annotation(doc.id, "Actor", [at("Lavrov")])
    notes: list[str] = []
    out = tmp_path / "o.conll"
    export_project(project, "conll", out, notes=notes)
    assert notes == [
        "2 overlapping annotations dropped (BIO tags one annotation per token; the outermost "
        "was kept)"
    ]
    (doc_lines,) = read_conll(out)
    assert strict_entities(doc_lines) == {("Actor", 0, 1), ("Actor", 2, 6)}


def test_a_cancelled_export_leaves_nothing(small, tmp_path: Path) -> None:
    p, _ids = small
    out = tmp_path / "o.conll"
    with pytest.raises(Cancelled):
        export_project(p, "conll", out, layer=layer_named(p, "Ana"), progress=lambda d, t: True)
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


PIECES = ["a", "bc", " ", "\n", "\r\n", "é", "e\u0301", "👨🏻‍🚒", "𠀋", "中文", ".", "!", '"', "-"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), data=st.data())
def test_any_text_and_spans_give_strict_iob2(tmp_path_factory, parts, data) -> None:
    folder = tmp_path_factory.mktemp("conll")
    with Project.create(folder / "p.annotator", annotator="Ana") as p:
        doc = p.documents.add("x" + "".join(parts)).value
        layer = p.layer()
        for _ in range(data.draw(st.integers(0, 5))):
            cuts = sorted(set(data.draw(st.lists(st.integers(0, len(doc.text)), max_size=6))))
            frags = [(s, e) for s, e in zip(cuts[::2], cuts[1::2], strict=False) if s < e]
            if not frags or not all(doc.text[s:e].strip() for s, e in frags):
                continue
            label = data.draw(st.sampled_from(["Quote", "Actor", "Demand"]))
            try:
                layer.add_annotation(doc.id, label, frags)
            except (ValidationError, DuplicateAnnotationError):
                continue
        notes: list[str] = []
        out = folder / "o.conll"
        export_project(p, "conll", out, notes=notes)
        annotations = layer.annotations(doc.id)
    (lines,) = read_conll(out) or [[]]
    assert [w for s in lines for w, _t in s] == TOKEN.findall(doc.text)
    got = strict_entities(lines)
    dropped = int(notes[0].split()[0]) if notes else 0
    wanted = expected(doc.text, annotations)
    # every entity read back is a fragment written; only whole dropped annotations are missing
    assert got <= wanted
    kept = [a for a in annotations if expected(doc.text, [a]) <= got]
    assert len(annotations) - len(kept) <= dropped


def test_two_fragments_in_one_word_are_one_entity(project, tmp_path: Path) -> None:
    doc = project.documents.add("Firetrucks drive.").value
    project.layer().add_annotation(doc.id, "Actor", [(0, 4), (5, 10)])
    out = tmp_path / "o.conll"
    export_project(project, "conll", out)
    (lines,) = read_conll(out)
    assert lines == [[("Firetrucks", "B-Actor"), ("drive", "O"), (".", "O")]]


def test_of_two_overlapping_spans_of_the_same_extent_the_lower_id_is_kept(
    project, tmp_path: Path
) -> None:
    """Which one is kept must not depend on the order the layer lists them in (a case
    Hypothesis found: two Actors over both words, one in two pieces)."""
    doc = project.documents.add("Anasaid Zoë Ana").value
    layer = project.layer()
    pieces = layer.add_annotation(doc.id, "Actor", [(0, 7), (12, 15)]).value
    whole = layer.add_annotation(doc.id, "Actor", [(0, 1), (4, 15)]).value
    out = tmp_path / "o.conll"
    export_project(project, "conll", out)
    (lines,) = read_conll(out)
    if pieces.id < whole.id:  # two entities, one a piece
        assert lines == [[("Anasaid", "B-Actor"), ("Zoë", "O"), ("Ana", "B-Actor")]]
    else:  # one entity over the three words
        assert lines == [[("Anasaid", "B-Actor"), ("Zoë", "I-Actor"), ("Ana", "I-Actor")]]
