"""spaCy DocBin export, read back by spaCy itself (a fresh blank vocab): text, spans, ents,
user data; one layer or all; without spaCy installed; ``spacy debug data`` on the export."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin
from spacy_data import build

from annotator import Project
from annotator.core.errors import InputError, OutputError
from annotator.core.reports import Cancelled
from annotator.io.exporting import export_project, layer_named
from annotator.io.spacy_docbin import (
    FORMAT,
    SPANS_KEY,
    USER_DATA_KEY,
    token_bounds,
    tokenise,
    write_spacy,
)
from annotator.io.spacy_read import read_spacy

MISSING = 'spaCy is not installed; install the extra: pip install "annotator[spacy]"'


@pytest.fixture
def realistic(tmp_path: Path):
    path = tmp_path / "a.annotator"
    build(path)
    with Project.open(path, readonly=True) as p:
        yield p


def read_back(out: Path) -> list[Doc]:
    """The Docs of a DocBin, as spaCy reads them into a vocab that knows nothing of ours."""
    return list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))


def test_each_document_and_annotator_is_one_doc_with_every_fragment(realistic, tmp_path) -> None:
    p = realistic
    out = tmp_path / "out.spacy"
    notes: list[str] = []
    count = export_project(p, "spacy", out, notes=notes)
    docs = read_back(out)
    assert count == len(docs) == 6  # doc-1: Ana, Ben, Gold; doc-2: Ana, Ben; doc-3: nobody
    names = {layer.annotator_id: layer.name for layer in p.layers()}
    seen = []
    for doc in docs:
        data = doc.user_data[USER_DATA_KEY]
        assert data["format"] == FORMAT
        stored = p.documents.get(data["document"]["id"])
        assert doc.text == stored.text  # the very same characters, LF and NFC
        seen.append((stored.id, data["annotator"]))
        layer = next((x for x in p.layers() if x.name == data["annotator"]), None)
        mine = layer.annotations(stored.id) if layer else []
        group = doc.spans[SPANS_KEY]
        expected = [(a.id, a.label, f.start, f.end, f.text) for a in mine for f in a.fragments]
        found = [(s.id_, s.label_, s.start_char, s.end_char, s.text) for s in group]
        assert sorted(found) == sorted(expected)
        for span in group:  # spans are token-based: their tokens cover exactly the fragment
            assert "".join(t.text_with_ws for t in span)[: len(span.text)] == span.text
    assert sorted(seen) == sorted(
        [
            ("doc-1", "Ana"),
            ("doc-1", "Ben"),
            ("doc-1", "Gold"),
            ("doc-2", "Ana"),
            ("doc-2", "Ben"),
            ("doc-3", None),
        ]
    )
    assert set(names.values()) == {"Ana", "Ben", "Gold"}
    assert notes == [
        "2 discontinuous annotations written as 4 spans (one per fragment, the same span id)",
        '1 overlapping mention left out of doc.ents (they are in doc.spans["annotator"])',
        "1 mention starting or ending with white space left out of doc.ents (spaCy's entity "
        'recogniser refuses them; they are in doc.spans["annotator"])',
        "in 2 Docs tokens were split where an annotation starts or ends inside a word",
    ]


def _doc(docs: list[Doc], doc_id: str, annotator: str | None) -> Doc:
    (found,) = [
        d
        for d in docs
        if d.user_data[USER_DATA_KEY]["document"]["id"] == doc_id
        and d.user_data[USER_DATA_KEY]["annotator"] == annotator
    ]
    return found


def test_ents_are_the_mentions_that_do_not_overlap(realistic, tmp_path) -> None:
    out = tmp_path / "out.spacy"
    write_spacy(realistic.datasets(), out)
    docs = read_back(out)
    ana = _doc(docs, "doc-1", "Ana")
    # "Ama Ofori" lies inside "Chief 👨🏻‍🚒 Ama Ofori": the longer one is the entity
    assert [(e.text, e.label_, e.kb_id_) for e in ana.ents] == [
        ("Chief 👨🏻‍🚒 Ama Ofori", "Actor", "Q999777"),
        ("The council", "Actor", "ent-council"),  # no Wikidata id: the registry id
        ("Ofori", "Actor", "Q999777"),
        ("trucks", "Actor", ""),
    ]
    assert ana.user_data[USER_DATA_KEY]["ents_left_out"] == 1
    two = _doc(docs, "doc-2", "Ana")
    # "The council<NBSP>" ends with white space: spaCy's recogniser refuses such entities
    assert [e.text for e in two.ents] == ["Ofori"]
    assert two.user_data[USER_DATA_KEY]["ents_left_out"] == 1
    for doc in docs:
        tokens = [i for e in doc.ents for i in range(e.start, e.end)]
        assert len(tokens) == len(set(tokens))
        assert all(e.label_ == "Actor" for e in doc.ents)
    # a fragment starting inside "firetrucks" splits that token, and only in Ana's Doc
    assert [t.text for t in ana][-4:-1] == ["fire", "trucks", "brigade"]
    assert "firetrucks" in [t.text for t in _doc(docs, "doc-1", "Ben")]


def test_user_data_carries_what_spans_cannot(realistic, tmp_path) -> None:
    out = tmp_path / "out.spacy"
    write_spacy(realistic.datasets(), out)
    docs = read_back(out)
    ana = _doc(docs, "doc-1", "Ana")
    data = ana.user_data[USER_DATA_KEY]
    doc = data["document"]
    assert (doc["title"], doc["source"], doc["url"], doc["published"]) == (
        "One",
        "Wire",
        "https://example.org/1",
        "2024-03-01",
    )
    # spaCy reads msgpack arrays as tuples
    assert doc["metadata"] == {
        "tags": ("politics", ("nested", 1)),
        "n": 3,
        "ok": True,
        "none": None,
    }
    anns = layer_named(realistic, "Ana").annotations("doc-1")
    by_text = {a.fragments[0].text: a.id for a in anns}
    quote = by_text["We will not leave 𠀋 Town,"]
    assert data["attributes"][quote] == {"form": "direct"}
    assert data["notes"] == {quote: "two fragments\naround the cue"}
    chief = by_text["Chief 👨🏻‍🚒 Ama Ofori"]
    assert data["links"][chief] == {
        "id": "ent-ofori",
        "name": "Ama Ofori",
        "type": "person",
        "wikidata": "Q999777",
    }
    relations = {tuple(r) for r in data["relations"]}
    assert ("speaker", quote, chief) in relations and len(relations) == 4
    # the metadata of doc-2 holds an integer msgpack cannot: it is written as JSON text
    two = _doc(docs, "doc-2", "Ana").user_data[USER_DATA_KEY]["document"]
    assert two["metadata_json"] == '{"big": 1180591620717411303424, "f": 1.5}'
    assert "metadata" not in two


def test_one_layer_gets_one_doc_per_document(realistic, tmp_path) -> None:
    out = tmp_path / "ben.spacy"
    assert export_project(realistic, "spacy", out, layer=layer_named(realistic, "Ben")) == 3
    docs = read_back(out)
    assert [d.user_data[USER_DATA_KEY]["annotator"] for d in docs] == ["Ben"] * 3
    assert [len(d.spans[SPANS_KEY]) for d in docs] == [3, 2, 0]


def test_same_project_same_bytes(realistic, tmp_path) -> None:
    write_spacy(realistic.datasets(), tmp_path / "a.spacy")
    write_spacy(realistic.datasets(), tmp_path / "b.spacy")
    assert (tmp_path / "a.spacy").read_bytes() == (tmp_path / "b.spacy").read_bytes()


def test_cancel_leaves_nothing(realistic, tmp_path) -> None:
    with pytest.raises(Cancelled):
        write_spacy(realistic.datasets(), tmp_path / "c.spacy", lambda done, total: True)
    assert [x.name for x in tmp_path.iterdir() if "c.spacy" in x.name] == []


def test_without_spacy_export_and_import_say_how_to_install_it(
    realistic, tmp_path, monkeypatch
) -> None:
    out = tmp_path / "out.spacy"
    write_spacy(realistic.datasets(), out)
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if the extra were not installed
    with pytest.raises(OutputError) as raised:
        write_spacy(realistic.datasets(), tmp_path / "none.spacy")
    assert str(raised.value) == MISSING
    assert not (tmp_path / "none.spacy").exists()
    with pytest.raises(InputError) as read:
        list(read_spacy(out, None))  # type: ignore[arg-type]
    assert str(read.value) == f"{out}: {MISSING}"


def test_without_spacy_the_command_says_so(realistic, tmp_path) -> None:
    # a Python that cannot import spacy (a module of that name that raises ImportError)
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "spacy.py").write_text("raise ImportError('hidden by the test')\n")
    env = {**os.environ, "PYTHONPATH": str(hide), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "export", realistic.path, "--format", "spacy",
         "-o", tmp_path / "out.spacy"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert MISSING in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.spacy").exists()


def test_the_command_exports_and_counts_docs(realistic, cli, tmp_path) -> None:
    out = tmp_path / "out.spacy"
    result = cli("export", realistic.path, "--format", "spacy", "-o", out, "--annotator", "Ana")
    assert result.returncode == 0, result.stderr
    assert f"Exported 3 spaCy Docs to {out}." in result.stdout + result.stderr
    assert len(read_back(out)) == 3


@pytest.mark.parametrize(
    ("starts", "ends", "bounds", "spaces"),
    [
        # "ab cd": nothing to cut
        (set(), set(), [0, 3, 5], [True, False]),
        # a fragment "b c" cuts both words
        ({1}, {4}, [0, 1, 3, 4, 5], [False, True, False, False]),
        # a fragment " cd" starts on the space: the space becomes a word
        ({2}, {5}, [0, 2, 3, 5], [False, False, False]),
        # a fragment "ab " ends after the space
        ({0}, {3}, [0, 2, 3, 5], [False, False, False]),
    ],
)
def test_token_bounds(starts, ends, bounds, spaces) -> None:
    tokens = [(0, 2, True), (3, 5, False)]  # "ab cd" as spaCy tokenises it
    assert token_bounds(tokens, starts | ends, starts, ends) == (bounds, spaces)
    text = "ab cd"
    words = [text[bounds[i] : bounds[i + 1] - spaces[i]] for i in range(len(spaces))]
    doc = Doc(spacy.blank("xx").vocab, words=words, spaces=spaces)
    assert doc.text == text


def test_spacy_debug_data_finds_no_problem_in_the_export(realistic, tmp_path) -> None:
    out = tmp_path / "ana.spacy"
    export_project(realistic, "spacy", out, layer=layer_named(realistic, "Ana"))
    config = tmp_path / "config.cfg"
    spacy_cli = [sys.executable, "-m", "spacy"]
    made = subprocess.run(
        [*spacy_cli, "init", "config", config, "--lang", "xx", "--pipeline", "ner,spancat"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"spacy init config failed offline: {made.stderr[-300:]}")
    result = subprocess.run(
        [*spacy_cli, "debug", "data", config, "--paths.train", out, "--paths.dev", out,
         "--components.spancat.spans_key", SPANS_KEY],
        capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    errors = [line for line in output.splitlines() if line.startswith("✘")]
    # the only complaint (and why it exits with 1): three Docs are too few to train on
    assert errors == ["✘ Low number of examples to train a new pipeline (3)", "✘ 1 error"], output
    assert result.returncode == 1
    assert "✔ No entities consisting of or starting/ending with whitespace" in output
    assert "invalid whitespace" not in output
    assert "Spans are distinct from the rest of the corpus" in output


def test_the_file_holds_what_spacys_own_to_bytes_would_hold(realistic, tmp_path) -> None:
    """The export writes DocBin's map itself (at a faster zlib level): the same map, field
    for field, as ``DocBin.to_bytes`` of what it read back, and more compressed by zlib's
    default level only."""
    import zlib

    import srsly

    out = tmp_path / "out.spacy"
    export_project(realistic, "spacy", out)
    ours = out.read_bytes()
    again = DocBin(store_user_data=True).from_bytes(ours).to_bytes()
    assert srsly.msgpack_loads(zlib.decompress(ours)) == srsly.msgpack_loads(zlib.decompress(again))
    assert len(zlib.compress(zlib.decompress(ours))) <= len(ours)


@pytest.mark.parametrize(
    ("text", "words", "spaces"),
    [
        ("Mr. Ofori's  car", ["Mr", ".", "Ofori", "'", "s", " ", "car"], [0, 1, 0, 0, 1, 0, 0]),
        ("  a\n\n b\t", [" ", "a", "\n\n", "b", "\t"], [1, 0, 1, 0, 0]),
        (
            "x\u00a0y 👨🏻‍🚒",
            ["x", "\u00a0", "y", "👨", "🏻", "\u200d", "🚒"],
            [0, 0, 1, 0, 0, 0, 0],
        ),
        ("", [], []),
    ],
)
def test_tokens_are_documented_and_spacy_reads_the_text_back(text, words, spaces) -> None:
    found, starts, after = tokenise(text)
    assert (found, after.tolist()) == (words, [bool(s) for s in spaces])
    assert starts.tolist()[-1] == len(text)
    doc = Doc(spacy.blank("xx").vocab, words=found, spaces=after.tolist())
    assert doc.text == text


def test_spacy_reads_our_tokens_and_entities_back(realistic, tmp_path) -> None:
    """The token arrays are ours: spaCy's reader gives the words of our tokeniser, one space
    at most after each, and entities whose IOB tags begin where each entity begins."""
    out = tmp_path / "out.spacy"
    write_spacy(realistic.datasets(), out)
    for doc in read_back(out):
        assert all(t.whitespace_ in ("", " ") for t in doc)
        assert "".join(t.text_with_ws for t in doc) == doc.text
        iob = [t.ent_iob_ for t in doc]
        assert set(iob) <= {"B", "I", "O"}  # every token tagged, none missing
        for ent in doc.ents:
            assert iob[ent.start : ent.end] == ["B"] + ["I"] * (len(ent) - 1)
            assert all(t.ent_type_ == ent.label_ and t.ent_kb_id_ == ent.kb_id_ for t in ent)
        # our tokens, cut only at fragment edges (or before a space a fragment ends after)
        ours = set(tokenise(doc.text)[1].tolist()[:-1])
        starts = {t.idx for t in doc}
        edges = {x for s in doc.spans[SPANS_KEY] for x in (s.start_char, s.end_char)}
        assert ours <= starts
        assert starts - ours <= edges | {x - 1 for x in edges}


def test_the_file_is_a_zlib_stream_with_isal_or_without(realistic, tmp_path, monkeypatch) -> None:
    """ISA-L compresses it when installed (the [spacy] extra), zlib where it is not; spaCy
    reads either."""
    import builtins
    import zlib

    from annotator.io.spacy_docbin import compress

    data = b"Karamov said no. " * 5000 + bytes(range(256)) * 50
    with_isal = compress(data)
    real_import = builtins.__import__

    def without_isal(name: str, *args: object, **kwargs: object) -> object:
        if name == "isal" or name.startswith("isal."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", without_isal)
    by_zlib = compress(data)
    monkeypatch.undo()
    assert zlib.decompress(with_isal) == zlib.decompress(by_zlib) == data
    assert by_zlib == zlib.compress(data, 1)
    assert with_isal != by_zlib  # isal was used: its bytes are its own
    out = tmp_path / "out.spacy"
    export_project(realistic, "spacy", out)
    assert len(list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))) > 0
