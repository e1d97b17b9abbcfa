"""spaCy DocBin (``.spacy``): one ``Doc`` per document and annotator, for spaCy pipelines.

What a ``Doc`` of the export holds (docs/formats.md has an example):

- its text is the stored text exactly (LF, NFC; ``doc.text`` equals it, checked), in tokens
  of our own (:data:`TOKEN`, not spaCy's tokeniser: a run of word characters, one other
  non-space character, a run of white space other than the space, or a space that does not
  follow a token; a token's ``whitespace_`` is the one space after it, if any), split further
  wherever an annotation starts or ends inside one, so that every fragment covers whole tokens
  and exactly its own characters (a space it starts or ends with becomes a token of its own);
- every fragment of every annotation of the layer is a span of ``doc.spans["annotator"]``
  (:data:`SPANS_KEY`) labelled with the annotation's label, in the order of the annotations;
  its ``id_`` is the annotation's id (a discontinuous annotation is one span per fragment, all
  with the same id), its ``kb_id_`` the linked entity's Wikidata id, else its registry id;
- ``doc.ents`` are the mentions (labels linked to the registry: Actor), those that do not
  overlap another, taken by where they start, the longer first, and that neither start nor
  end with white space (spaCy's entity recogniser refuses those); the rest stay in the span
  group, counted in the user data (``ents_left_out``);
- ``doc.user_data["annotator"]`` (:data:`USER_DATA_KEY`) is what spans cannot hold: the format
  (:data:`FORMAT`), the document (id, title, source, url, published, metadata), the
  annotator's name, attributes, registry links and notes by annotation id, and the relations as
  ``[type, source id, target id]``.

spaCy is an optional extra (``pip install "annotator[spacy]"``), imported only when a DocBin is
written or read.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import re
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import OutputError
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import parse_schema
from annotator.io.native import EXPORT_MODE
from annotator.store.datasets import Datasets

#: The span group holding every fragment of a layer.
SPANS_KEY = "annotator"
#: The key of ``Doc.user_data`` holding what spans cannot.
USER_DATA_KEY = "annotator"
#: ``user_data["annotator"]["format"]`` of our exports: what the reader restores in full.
FORMAT = "annotator-spacy/1"
#: The tokeniser's language: spaCy's multi-language blank pipeline (no model, no download).
LANGUAGE = "xx"
#: The token attributes stored: the words and the entities (no tags, parses or lemmas).
ATTRIBUTES = ("ORTH", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID")
MISSING = 'spaCy is not installed; install the extra: pip install "annotator[spacy]"'


def import_spacy() -> Any:
    """The ``spacy`` module, or None when the extra is not installed (the caller says
    :data:`MISSING` as its own kind of error)."""
    try:
        import spacy
    except ImportError:
        return None
    return spacy


@dataclass
class _Counts:
    """What the export could not carry as spaCy has it, said after it."""

    split: int = 0  # discontinuous annotations
    spans: int = 0  # the spans they became
    left_out: int = 0  # mentions left out of doc.ents (they overlap another)
    spaced: int = 0  # mentions left out of doc.ents (they start or end with white space)
    retokenised: int = 0  # Docs whose tokens were split at annotation edges

    def notes(self) -> list[str]:
        said = []
        if self.split:
            said.append(
                f"{self.split} discontinuous annotation{'s' if self.split != 1 else ''} "
                f"written as {self.spans} spans (one per fragment, the same span id)"
            )
        if self.left_out:
            said.append(
                f"{self.left_out} overlapping mention{'s' if self.left_out != 1 else ''} left "
                f'out of doc.ents (they are in doc.spans["{SPANS_KEY}"])'
            )
        if self.spaced:
            said.append(
                f"{self.spaced} mention{'s' if self.spaced != 1 else ''} starting or ending "
                f"with white space left out of doc.ents (spaCy's entity recogniser refuses "
                f'them; they are in doc.spans["{SPANS_KEY}"])'
            )
        if self.retokenised:
            said.append(
                f"in {self.retokenised} Doc{'s' if self.retokenised != 1 else ''} tokens were "
                "split where an annotation starts or ends inside a word"
            )
        return said


def token_bounds(
    tokens: Iterable[tuple[int, int, bool]], edges: set[int], starts: set[int], ends: set[int]
) -> tuple[list[int], list[bool]]:
    """Tokens ``(start, end, followed by a space)`` split at every ``edges`` offset inside them;
    the space after a token becomes a token of its own where a fragment starts on it
    (``starts``) or ends after it (``ends``).

    Returns where each word starts (and, last, where the text ends) and whether a space follows
    each word: word ``i`` is ``text[bounds[i]:bounds[i + 1] - spaces[i]]``.
    """
    bounds: list[int] = []
    spaces: list[bool] = []
    cuts = sorted(edges)
    last = 0
    for start, end, space in tokens:
        bounds.append(start)
        spaces.append(False)
        for i in range(bisect.bisect_right(cuts, start), bisect.bisect_left(cuts, end)):
            bounds.append(cuts[i])
            spaces.append(False)
        if space and (end in starts or end + 1 in ends):
            bounds.append(end)  # the space is a word: a fragment starts on it or ends after it
            spaces.append(False)
        elif space:
            spaces[-1] = True
        last = end + 1 if space else end
    bounds.append(last)
    return bounds, spaces


#: A token: a run of word characters, one other non-space character, a run of white space
#: other than the space, or one space; with the one space that follows it, if any (spaCy's
#: ``whitespace_``). Every character of a text is in exactly one match.
TOKEN = re.compile(r"(\w+|[^\w\s]|[^\S ]+| )( ?)")
#: ``ENT_IOB`` values: inside, outside, beginning of an entity (spaCy's numbering).
_INSIDE, _OUTSIDE, _BEGIN = 1, 2, 3


def tokenise(text: str) -> tuple[list[str], Any, Any]:
    """The tokens of ``text`` (:data:`TOKEN`): their words, where each starts (and, last, where
    the text ends) and whether a space follows each (numpy arrays)."""
    import numpy

    found = TOKEN.findall(text)
    count = len(found)
    words: list[str] = []
    after: tuple[str, ...] = ()
    if found:
        first, second = zip(*found, strict=True)
        words, after = list(first), second
    lengths = numpy.fromiter(map(len, words), dtype=numpy.int64, count=count)
    spaces = numpy.fromiter(map(len, after), dtype=numpy.int64, count=count).astype(bool)
    starts = numpy.zeros(count + 1, dtype=numpy.int64)
    numpy.cumsum(lengths + spaces, out=starts[1:])
    if starts[-1] != len(text):  # never export a shift
        raise AssertionError("the tokens do not cover the document's text")
    return words, starts, spaces


def _aligned(
    starts: Any, spaces: Any, fragments: list[tuple[dict[str, Any], int, int]]
) -> tuple[list[int], list[int]] | None:
    """The first and end token of each fragment, or None when one does not start where a token
    starts or end where a token's word ends."""
    import numpy

    if not fragments:
        return [], []
    count = len(spaces)
    begins = numpy.asarray([start for _ann, start, _end in fragments], dtype=numpy.int64)
    ends = numpy.asarray([end for _ann, _start, end in fragments], dtype=numpy.int64)
    firsts = numpy.searchsorted(starts, begins)
    lasts = numpy.searchsorted(starts, ends)
    if firsts.max() >= count or lasts.min() < 1 or lasts.max() > count:
        return None
    word_ends = starts[lasts] - spaces[lasts - 1]
    if (starts[firsts] != begins).any() or (word_ends != ends).any() or (lasts <= firsts).any():
        return None
    return firsts.tolist(), lasts.tolist()


class _Hashes(dict[str, int]):
    """spaCy's id of each string met (its hash, or a reserved symbol's number, as
    ``StringStore.add`` gives it; ``get_string_id`` computes it without storing the string):
    the keys are the strings of the file."""

    def __init__(self, string_id: Any) -> None:
        super().__init__()
        self._string_id = string_id

    def __missing__(self, key: str) -> int:
        value = self[key] = self.id_of(key)
        return value

    def id_of(self, key: str) -> int:
        """spaCy's id of ``key`` (not kept: ``hashes[key]`` keeps it)."""
        value: int = self._string_id(key)
        return value


class DocBinWriter:
    """The Docs of an export, written as the lists a spaCy ``DocBin`` holds, one document and
    layer at a time, without building spaCy ``Doc`` objects.

    The tokens are ours (:func:`tokenise`, split further at annotation edges by
    :func:`token_bounds`); each Doc's token array (:data:`ATTRIBUTES`: word hash, entity IOB,
    type and kb id) is filled in numpy, its span group packed as ``SpanGroups.to_bytes`` packs
    it, with one msgpack packer for the whole export. :meth:`to_bytes` writes the map
    ``DocBin.to_bytes`` writes, at a faster zlib level; the tests read it back with spaCy's
    own ``DocBin.from_disk``.
    """

    def __init__(self, spacy: Any, mention_labels: set[str]) -> None:
        import numpy
        import srsly
        from spacy.strings import get_string_id
        from spacy.tokens import DocBin

        self._numpy = numpy
        self.mention_labels = mention_labels
        self.attrs: list[int] = list(DocBin(attrs=list(ATTRIBUTES)).attrs)  # type: ignore[arg-type]
        self.version: str = DocBin().version
        self.packer = srsly.msgpack.Packer(use_bin_type=True)
        self.hashes = _Hashes(get_string_id)
        self.tokens: list[Any] = []
        self.spaces: list[Any] = []
        self.span_groups: list[bytes] = []
        self.user_data: list[bytes] = []
        self.counts = _Counts()

    def add(self, text: str, annotations: list[dict[str, Any]], kb_ids: dict[str, str]) -> int:
        """The Doc of ``text``, with every fragment of ``annotations`` in its span group and
        the mentions that do not overlap in its entities; returns how many mentions were left
        out of the ents (call :meth:`store` next)."""
        numpy = self._numpy
        fragments = [(ann, f["start"], f["end"]) for ann in annotations for f in ann["fragments"]]
        words, starts, spaces = tokenise(text)
        aligned = _aligned(starts, spaces, fragments)
        if aligned is None:
            cuts = {start for _ann, start, _end in fragments}
            ends = {end for _ann, _start, end in fragments}
            tokens = zip(
                starts[:-1].tolist(), (starts[1:] - spaces).tolist(), spaces.tolist(), strict=True
            )
            bounds, spaced_after = token_bounds(tokens, cuts | ends, cuts, ends)
            words = [
                text[bounds[i] : bounds[i + 1] - spaced_after[i]] for i in range(len(spaced_after))
            ]
            starts = numpy.asarray(bounds, dtype=numpy.int64)
            spaces = numpy.asarray(spaced_after, dtype=bool)
            self.counts.retokenised += 1
            aligned = _aligned(starts, spaces, fragments)
            if aligned is None:
                raise AssertionError("a span does not align with the tokens")
        firsts, lasts = aligned
        count = len(words)
        hashes = self.hashes
        packed: list[bytes] = []
        mentions: dict[str, list[tuple[int, int, str, str]]] = {}
        spaced: set[str] = set()  # mentions starting or ending with white space
        for (ann, start, end), first, last in zip(fragments, firsts, lasts, strict=True):
            label: str = ann["label"]
            kb_id = kb_ids.get(ann.get("entity") or "", "")
            packed.append(
                struct.pack(
                    ">QQQllll",
                    hashes[ann["id"]],
                    hashes[kb_id] if kb_id else 0,
                    hashes[label],
                    first,
                    last,
                    start,
                    end,
                )
            )
            if label in self.mention_labels:
                mentions.setdefault(ann["id"], []).append((first, last, label, kb_id))
                if text[start:end] != text[start:end].strip():
                    spaced.add(ann["id"])
        for ann in annotations:
            if len(ann["fragments"]) > 1:
                self.counts.split += 1
                self.counts.spans += len(ann["fragments"])
        group = self.packer.pack({"name": SPANS_KEY, "attrs": {}, "spans": packed})
        self.span_groups.append(self.packer.pack({group: [SPANS_KEY]}))
        for ann_id in spaced:  # spaCy's entity recogniser refuses them
            del mentions[ann_id]
        array = numpy.zeros((count, len(ATTRIBUTES)), dtype="uint64")
        for word in set(words):
            if word not in hashes:
                hashes[word] = hashes.id_of(word)  # the lookup below is dict.get, at C speed
        array[:, 0] = numpy.fromiter(map(hashes.get, words), dtype="uint64", count=count)
        array[:, 1] = _OUTSIDE
        left_out = self._set_ents(array, list(mentions.values()))
        self.tokens.append(array)
        self.spaces.append(spaces.reshape((-1, 1)))
        self.counts.left_out += left_out
        self.counts.spaced += len(spaced)
        return left_out + len(spaced)

    def store(self, user_data: dict[str, Any]) -> None:
        """The user data of the Doc :meth:`add` made last."""
        self.user_data.append(self.packer.pack({USER_DATA_KEY: user_data}))

    def to_bytes(self) -> bytes:
        """What ``DocBin.to_bytes`` writes (the msgpack map spaCy 3.x reads back with
        ``DocBin.from_bytes``: version, attrs, tokens, spaces, lengths, strings, cats, flags,
        span groups, user data), compressed by :func:`compress` at :data:`COMPRESSION_LEVEL`
        instead of zlib's default."""
        import srsly

        numpy = self._numpy
        empty = numpy.asarray([])
        message = {
            "version": self.version,
            "attrs": self.attrs,
            "tokens": (numpy.vstack(self.tokens) if self.tokens else empty).tobytes("C"),
            "spaces": (numpy.vstack(self.spaces) if self.spaces else empty).tobytes("C"),
            "lengths": numpy.asarray([len(t) for t in self.tokens], dtype="int32").tobytes("C"),
            "strings": sorted(s for s in self.hashes if s),
            "cats": [{} for _ in self.tokens],
            "flags": [{"has_unknown_spaces": False} for _ in self.tokens],
            "span_groups": self.span_groups,
            "user_data": self.user_data,
        }
        return compress(srsly.msgpack_dumps(message))

    def packs(self, value: Any) -> bool:
        """Whether msgpack can hold ``value`` (not an integer beyond 64 bits)."""
        try:
            self.packer.pack(value)
        except (OverflowError, TypeError, ValueError):
            return False
        return True

    def _set_ents(self, array: Any, mentions: list[list[tuple[int, int, str, str]]]) -> int:
        """Mentions (each a list of ``(first token, end token, label, kb id)``, one per
        fragment) as the entity columns of ``array``: by where they start, the longer first;
        one that shares a token with one already taken is left out whole. Returns how many
        were left out."""
        used = bytearray(len(array))
        left_out = 0

        def order(parts: list[tuple[int, int, str, str]]) -> tuple[int, int]:
            return (min(p[0] for p in parts), -max(p[1] for p in parts))

        for parts in sorted(mentions, key=order):
            if any(any(used[first:end]) for first, end, _label, _kb in parts):
                left_out += 1
                continue
            for first, end, label, kb_id in parts:
                used[first:end] = b"\x01" * (end - first)
                array[first, 1] = _BEGIN
                array[first + 1 : end, 1] = _INSIDE
                array[first:end, 2] = self.hashes[label]
                array[first:end, 3] = self.hashes[kb_id] if kb_id else 0
        return left_out


#: zlib level of the file: at level 1 a news export is about 8% larger than at
#: ``DocBin.to_bytes``'s default level, compressed in a fifth of the time (docs/benchmarks.md)
COMPRESSION_LEVEL = 1


def compress(data: bytes) -> bytes:
    """``data`` as a zlib stream (what spaCy's ``DocBin.from_bytes`` decompresses) at
    :data:`COMPRESSION_LEVEL`: by ISA-L (the ``isal`` package of the ``[spacy]`` extra), four
    times as fast as zlib at this level and no larger, or by zlib where isal is missing."""
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib.compress(data, COMPRESSION_LEVEL)
    packed: bytes = isal_zlib.compress(data, COMPRESSION_LEVEL)
    return packed


def _layers(doc: dict[str, Any], layer: str | None) -> list[str | None]:
    """Whose Docs a document gets: the layer's, or everyone who annotated it, in order of
    their first annotation (or relation); one Doc without an annotator if nobody did."""
    if layer is not None:
        return [layer]
    seen: dict[str, None] = {}
    for item in (*doc["annotations"], *doc["relations"]):
        seen.setdefault(item["annotator"], None)
    return list(seen) or [None]


def _user_data(
    doc: dict[str, Any],
    annotator: str | None,
    annotations: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    entities: dict[str, dict[str, Any]],
    left_out: int,
) -> dict[str, Any]:
    document = {
        "id": doc["id"],
        "title": doc.get("title") or "",
        "source": doc.get("source"),
        "url": doc.get("url"),
        "published": doc.get("published"),
        "metadata": doc.get("metadata") or {},
    }
    links = {}
    for ann in annotations:
        entity = entities.get(ann.get("entity") or "")
        if entity is not None:
            links[ann["id"]] = {
                "id": entity["id"],
                "name": entity["name"],
                "type": entity.get("type"),
                "wikidata": entity.get("wikidata"),
            }
    return {
        "format": FORMAT,
        "document": document,
        "annotator": annotator,
        "attributes": {a["id"]: a["attributes"] for a in annotations if a.get("attributes")},
        "links": links,
        "notes": {a["id"]: a["note"] for a in annotations if a.get("note")},
        "relations": [[r["type"], r["source"], r["target"]] for r in relations],
        "ents_left_out": left_out,
    }


def write_spacy(data: Datasets, out: Path, progress: ProgressCallback | None = None) -> int:
    """One spaCy Doc per document and annotator in a DocBin at ``out``; returns how many
    Docs."""
    spacy = import_spacy()
    if spacy is None:
        raise OutputError(MISSING)
    header = data.header()
    schema = parse_schema(header["schema"])
    entities = {e["id"]: e for e in header["entities"]}
    names = {a["id"]: a["name"] for a in header["annotators"]}
    kb_ids = {e["id"]: e.get("wikidata") or e["id"] for e in header["entities"]}
    if not out.parent.is_dir():
        raise OutputError(f"{out.parent}: no such folder")
    writer = DocBinWriter(spacy, {label.name for label in schema.labels if label.entity})
    total, count = data.count_documents(), 0
    for done, doc in enumerate(data.document_dicts(), start=1):
        for who in _layers(doc, data.annotator_id):
            annotations = [a for a in doc["annotations"] if a["annotator"] == who]
            relations = [r for r in doc["relations"] if r["annotator"] == who]
            left_out = writer.add(doc["text"], annotations, kb_ids)
            name = None if who is None else names.get(who, who)
            user_data = _user_data(doc, name, annotations, relations, entities, left_out)
            if not writer.packs(user_data["document"].get("metadata")):
                metadata = user_data["document"].pop("metadata")
                user_data["document"]["metadata_json"] = json.dumps(metadata, ensure_ascii=False)
            writer.store(user_data)
            count += 1
        if progress is not None and progress(done, total):
            raise Cancelled()
    _write_bytes(out, writer.to_bytes())
    data.notes.extend(writer.counts.notes())
    return count


def _write_bytes(out: Path, content: bytes) -> None:
    """``content`` at ``out``, appearing only when it is all written (owner-only if new)."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, EXPORT_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        partial.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise OutputError(f"{out}: cannot be written ({exc.strerror or exc})") from None
