"""Hostile .spacy files: refused with a message naming the file (and the Doc), never a
traceback, nothing stored, nothing from the file run, the garbage collector left on."""

from __future__ import annotations

import gc
import pickle
import struct
import zlib
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin

from annotator.core.errors import InputError
from annotator.io import spacy_read
from annotator.io.importing import import_paths
from annotator.io.spacy_docbin import FORMAT, SPANS_KEY, USER_DATA_KEY


def refused(project, path: Path) -> str:
    before = len(list(project.documents.all()))
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    assert len(list(project.documents.all())) == before
    assert gc.isenabled()  # srsly turns it off while it unpacks
    return str(caught.value)


NESTED_20: object = 1
for _ in range(20):
    NESTED_20 = [NESTED_20]


def docbin_bytes(user_data: object = None, text: str = "Karamov said no.") -> bytes:
    doc = spacy.blank("xx").make_doc(text)
    if user_data is not None:
        doc.user_data[USER_DATA_KEY] = user_data
    return DocBin(store_user_data=True, docs=[doc]).to_bytes()


def unpacked(message: dict) -> bytes:
    return zlib.compress(srsly.msgpack_dumps(message))


def ours(**fields: object) -> dict:
    data = {"format": FORMAT, "document": {"id": "d", "title": "T"}, "annotator": "Ana"}
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "an empty file, not a spaCy DocBin"),
        (b"PK\x03\x04 not a docbin", "not a spaCy DocBin (a .spacy file is zlib-compressed"),
        (b"Karamov said no.\n", "not a spaCy DocBin (a .spacy file is zlib-compressed"),
        (zlib.compress(b"\xc1\xc1\xc1 junk"), "not a spaCy DocBin ("),
        (zlib.compress(srsly.msgpack_dumps(42)), "not a spaCy DocBin ("),
        (unpacked({"attrs": "nope"}), "not a spaCy DocBin ("),
        (docbin_bytes()[:-20], "cut short"),
    ],
)
def test_what_is_not_a_docbin_is_refused(project, tmp_path, content, said) -> None:
    path = tmp_path / "bad.spacy"
    path.write_bytes(content)
    message = refused(project, path)
    assert message.startswith(f"{path}: ") and said in message, message


def test_a_deep_nesting_in_msgpack_is_refused(project, tmp_path) -> None:
    deep = b"\x91" * 5000 + b"\xc0"  # a list in a list ... 5000 deep
    path = tmp_path / "deep.spacy"
    path.write_bytes(zlib.compress(b"\x81\xa5attrs" + deep))
    assert "not a spaCy DocBin" in refused(project, path)


def test_a_pickle_in_the_file_is_never_run(project, tmp_path) -> None:
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):  # what pickle would call on loading
            return (Path.touch, (marker,))

    data = pickle.dumps(Payload())
    evil = {b"nd": True, b"type": "|O", b"kind": b"", b"shape": [1], b"data": data}
    good = DocBin().from_bytes(docbin_bytes())
    message = {
        "version": "0.1",
        "attrs": good.attrs,
        "tokens": evil,
        "spaces": evil,
        "lengths": evil,
        "strings": ["x"],
        "cats": [{}],
        "flags": [{}],
        "span_groups": [b""],
        "user_data": [srsly.msgpack_dumps({"x": evil})],
    }
    path = tmp_path / "evil.spacy"
    path.write_bytes(unpacked(message))
    assert "not a spaCy DocBin" in refused(project, path)
    assert not marker.exists()


def test_size_caps(project, tmp_path, monkeypatch) -> None:
    path = tmp_path / "zeros.spacy"
    path.write_bytes(zlib.compress(b"\0" * 5_000_000))  # 5 MB of zeros in a few kilobytes
    monkeypatch.setattr(spacy_read, "MAX_UNPACKED_BYTES", 1_000_000)
    assert "unpacks to more than 1,000,000 bytes" in refused(project, path)
    monkeypatch.setattr(spacy_read, "MAX_FILE_BYTES", 100)
    assert "more than the 100 a DocBin may have here" in refused(project, path)


def _with_group(spans: list[bytes], strings: list[str]) -> bytes:
    docbin = DocBin().from_bytes(docbin_bytes(ours()))
    group = srsly.msgpack_dumps({"name": SPANS_KEY, "attrs": {}, "spans": spans})
    docbin.span_groups[0] = srsly.msgpack_dumps({group: [SPANS_KEY]})
    docbin.strings.update(strings)
    return docbin.to_bytes()


def test_a_span_beyond_its_doc_or_of_an_unknown_label_is_refused(project, tmp_path) -> None:
    vocab = spacy.blank("xx").vocab
    label = vocab.strings.add("Actor")
    path = tmp_path / "span.spacy"
    path.write_bytes(_with_group([struct.pack(">QQQllll", 0, 0, label, 0, 999, 0, 7)], ["Actor"]))
    message = refused(project, path)
    assert message.startswith(f"{path.name}: Doc 1: spaCy cannot read it"), message
    unknown = vocab.strings.add("never stored")
    path.write_bytes(_with_group([struct.pack(">QQQllll", 0, 0, unknown, 0, 1, 0, 7)], []))
    assert "Doc 1: spaCy cannot read it" in refused(project, path)


def _ours_with_group(spans: list[bytes], strings: list[str], drop: str = "") -> bytes:
    """A Doc of our export (read without spaCy Docs) with these spans in our group."""
    docbin = DocBin(store_user_data=True).from_bytes(docbin_bytes(ours()))
    group = srsly.msgpack_dumps({"name": SPANS_KEY, "attrs": {}, "spans": spans})
    docbin.span_groups[0] = srsly.msgpack_dumps({group: [SPANS_KEY]})
    docbin.strings.update(strings)
    docbin.strings.discard(drop)
    return docbin.to_bytes()


@pytest.mark.parametrize(
    ("tokens", "label", "drop", "said"),
    [
        ((0, 999), "Actor", "", "a span's tokens 0..999 are not in the Doc"),
        ((2, 1), "Actor", "", "a span's tokens 2..1 are not in the Doc"),
        ((0, 1), "never stored", "never stored", "a span's label or id is not among"),
        ((0, 1), "Actor", "Karamov", "a token's text is not among the DocBin's strings"),
    ],
)
def test_a_bad_span_or_token_of_our_export_is_refused(
    project, tmp_path, tokens, label, drop, said
) -> None:
    hashed = spacy.blank("xx").vocab.strings.add(label)
    span = struct.pack(">QQQllll", 0, 0, hashed, *tokens, 0, 7)
    path = tmp_path / "ours.spacy"
    path.write_bytes(_ours_with_group([span], [label], drop))
    message = refused(project, path)
    assert message.startswith(f"{path.name}: Doc 1: the Doc cannot be read ({said}"), message


def test_offsets_outside_the_text_are_reported_by_the_route(project, tmp_path) -> None:
    label = spacy.blank("xx").vocab.strings.add("Actor")
    path = tmp_path / "far.spacy"
    path.write_bytes(_with_group([struct.pack(">QQQllll", 0, 0, label, 0, 1, 500, 507)], ["Actor"]))
    report = import_paths(project, [path])
    assert report.spans_skipped == 1
    assert any("offsets fall outside its text" in w for w in report.warnings), report.warnings


@pytest.mark.parametrize(
    ("user_data", "said"),
    [
        (ours(document="d"), "user_data['annotator']['document'] has the wrong type"),
        (ours(document={"id": 7}), "'id' is not a string"),
        (ours(annotator=["Ana"]), "'annotator' is not a string"),
        (ours(relations=[["speaker", "a"]]), "relations[0]: a relation is [type, source id"),
        (ours(relations="speaker"), "['relations'] has the wrong type"),
        (ours(document={"id": "d", "metadata": [1]}), "the metadata is not an object"),
        (ours(document={"id": "d", "metadata_json": "{"}), "metadata_json is not JSON"),
        (ours(document={"id": "d", "metadata": {"a": NESTED_20}}), None),  # fine
        (ours(format="annotator-spacy/9"), "a newer form than this version of Annotator reads"),
    ],
)
def test_our_user_data_of_the_wrong_shape_is_refused(project, tmp_path, user_data, said) -> None:
    path = tmp_path / "ours.spacy"
    path.write_bytes(docbin_bytes(user_data))
    if said is None:
        assert import_paths(project, [path]).added == 1
        return
    message = refused(project, path)
    assert message.startswith(f"{path.name}: Doc 1") and said in message, message


def test_deep_metadata_is_refused(project, tmp_path) -> None:
    deep: object = 1
    for _ in range(150):
        deep = {"a": deep}
    path = tmp_path / "deep.spacy"
    path.write_bytes(docbin_bytes(ours(document={"id": "d", "metadata": deep})))
    assert "nests lists or objects more than 100 levels deep" in refused(project, path)


def test_user_data_of_another_tool_is_ignored(project, tmp_path) -> None:
    path = tmp_path / "other.spacy"
    path.write_bytes(docbin_bytes({"format": 3, "document": "whatever"}))
    report = import_paths(project, [path])
    assert report.added == 1 and report.warnings == []
    (doc,) = list(project.documents.all())
    assert (doc.title, doc.metadata) == ("", {})


def test_a_docbin_unpacking_to_many_chunks_is_read(project, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(spacy_read, "_CHUNK", 64)  # the size check unpacks 64 bytes at a time
    path = tmp_path / "long.spacy"
    path.write_bytes(docbin_bytes(ours(), text="Karamov said no. " * 2000))
    assert import_paths(project, [path]).added == 1
