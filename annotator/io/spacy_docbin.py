"""spaCy DocBin (``.spacy``): one ``Doc`` per document and annotator, for spaCy pipelines.

What a ``Doc`` of the export holds (docs/formats.md has an example):

- its text is the stored text exactly (LF, NFC; ``doc.text`` equals it, checked), tokenised by
  a blank spaCy pipeline (``spacy.blank("xx")``, no model), with tokens split further wherever an
  annotation starts or ends inside one, so that every fragment covers whole tokens and exactly
  its own characters (a space it starts or ends with becomes a token of its own);
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
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import OutputError
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import parse_schema
from annotator.io.native import EXPORT_MODE
from annotator.store.datasets import Datasets

if TYPE_CHECKING:
    from spacy.tokens import Doc, DocBin, Span
    from spacy.vocab import Vocab

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


class DocBinWriter:
    """The Docs of an export, added to a spaCy ``DocBin`` one document and layer at a time.

    The DocBin's lists are filled as ``DocBin.add`` fills them, without its loop over every
    token's nine string attributes (only words and entities are stored here) and with one
    msgpack packer for the whole export (srsly looks its encoders up again for every packer:
    milliseconds each). :func:`docbin_bytes` then writes the map ``DocBin.to_bytes`` writes, at
    a faster zlib level; the tests read it back with spaCy's own ``DocBin.from_disk``.
    """

    def __init__(self, spacy: Any, mention_labels: set[str]) -> None:
        import srsly
        from spacy.tokens import Doc, DocBin, Span

        self.nlp = spacy.blank(LANGUAGE)
        self.vocab: Vocab = self.nlp.vocab
        self.mention_labels = mention_labels
        self.docbin = DocBin(attrs=list(ATTRIBUTES), store_user_data=True)
        self.packer = srsly.msgpack.Packer(use_bin_type=True)
        self._doc = Doc
        self._span = Span
        self._hashes: set[int] = set()  # of the words and entity strings the tokens hold
        self._named: list[str] = []  # the span ids, labels and kb ids the span groups hold
        self.counts = _Counts()

    def add(
        self, text: str, annotations: list[dict[str, Any]], kb_ids: dict[str, str]
    ) -> tuple[Doc, bytes, int]:
        """The Doc of ``text``, with every fragment of ``annotations`` in its span group and
        the mentions that do not overlap in ``doc.ents``; returns it, the span group's bytes
        and how many mentions were left out of the ents (call :meth:`store` next)."""
        doc = self.nlp.make_doc(text)
        fragments = [(ann, f["start"], f["end"]) for ann in annotations for f in ann["fragments"]]
        spans = [doc.char_span(start, end) for _ann, start, end in fragments]
        if any(span is None for span in spans):
            doc = self._retokenised(doc, fragments)
            self.counts.retokenised += 1
            spans = [doc.char_span(start, end) for _ann, start, end in fragments]
            # spaCy's tokeniser keeps every character (doc.text is the text it was given);
            # words cut here must too: never export a shift
            if doc.text != text:
                raise AssertionError("the spaCy Doc's text differs from the document's")
        named = self._named
        packed: list[bytes] = []
        mentions: dict[str, list[tuple[int, int, str, str]]] = {}
        spaced: set[str] = set()  # mentions starting or ending with white space
        for (ann, start, end), span in zip(fragments, spans, strict=True):
            if span is None or span.start_char != start or span.end_char != end:
                raise AssertionError(f"annotation {ann['id']}: a span does not align")
            label: str = ann["label"]
            kb_id = kb_ids.get(ann.get("entity") or "", "")
            named.append(ann["id"])
            named.append(label)
            if kb_id:
                named.append(kb_id)
            packed.append(
                struct.pack(
                    ">QQQllll",
                    self.vocab.strings.add(ann["id"]),
                    self.vocab.strings.add(kb_id) if kb_id else 0,
                    self.vocab.strings.add(label),
                    span.start,
                    span.end,
                    start,
                    end,
                )
            )
            if label in self.mention_labels:
                mentions.setdefault(ann["id"], []).append((span.start, span.end, label, kb_id))
                if text[start:end] != text[start:end].strip():
                    spaced.add(ann["id"])
        for ann in annotations:
            if len(ann["fragments"]) > 1:
                self.counts.split += 1
                self.counts.spans += len(ann["fragments"])
        group = self.packer.pack({"name": SPANS_KEY, "attrs": {}, "spans": packed})
        for ann_id in spaced:  # spaCy's entity recogniser refuses them
            del mentions[ann_id]
        left_out = self._set_ents(doc, list(mentions.values()))
        self.counts.left_out += left_out
        self.counts.spaced += len(spaced)
        left_out += len(spaced)
        return doc, self.packer.pack({group: [SPANS_KEY]}), left_out

    def store(self, doc: Doc, span_groups: bytes, user_data: dict[str, Any]) -> None:
        """Add ``doc`` to the DocBin with its span groups and ``user_data``."""
        from spacy.attrs import SPACY

        docbin = self.docbin
        tokens = doc.to_array(list(docbin.attrs))
        docbin.tokens.append(tokens)
        docbin.spaces.append(doc.to_array(SPACY).reshape((-1, 1)).astype(bool))
        docbin.flags.append({"has_unknown_spaces": False})
        docbin.cats.append({})
        docbin.span_groups.append(span_groups)
        docbin.user_data.append(self.packer.pack({USER_DATA_KEY: user_data}))
        columns = tokens[:, [0, *self._entity_columns()]].astype("uint64")
        self._hashes.update(int(h) for h in set(columns.ravel().tolist()))

    def to_bytes(self) -> bytes:
        self._hashes.discard(0)
        self.docbin.strings.update(self.vocab.strings[h] for h in self._hashes)
        self.docbin.strings.update(self._named)
        return docbin_bytes(self.docbin)

    def packs(self, value: Any) -> bool:
        """Whether msgpack can hold ``value`` (not an integer beyond 64 bits)."""
        try:
            self.packer.pack(value)
        except (OverflowError, TypeError, ValueError):
            return False
        return True

    def _entity_columns(self) -> list[int]:
        from spacy.attrs import ENT_KB_ID, ENT_TYPE

        return [self.docbin.attrs.index(ENT_TYPE), self.docbin.attrs.index(ENT_KB_ID)]

    def _retokenised(self, doc: Doc, fragments: list[tuple[dict[str, Any], int, int]]) -> Doc:
        starts = {start for _ann, start, _end in fragments}
        ends = {end for _ann, _start, end in fragments}
        tokens = [(t.idx, t.idx + len(t), bool(t.whitespace_)) for t in doc]
        bounds, spaces = token_bounds(tokens, starts | ends, starts, ends)
        text = doc.text
        words = [text[bounds[i] : bounds[i + 1] - spaces[i]] for i in range(len(spaces))]
        return self._doc(self.vocab, words=words, spaces=spaces)

    def _set_ents(self, doc: Doc, mentions: list[list[tuple[int, int, str, str]]]) -> int:
        """Mentions (each a list of ``(first token, end token, label, kb id)``, one per
        fragment) as ``doc.ents``: by where they start, the longer first; one that shares a
        token with one already taken is left out whole. Returns how many were left out."""
        taken: list[Span] = []
        used = bytearray(len(doc))
        left_out = 0

        def order(parts: list[tuple[int, int, str, str]]) -> tuple[int, int]:
            return (min(p[0] for p in parts), -max(p[1] for p in parts))

        for parts in sorted(mentions, key=order):
            if any(any(used[first:end]) for first, end, _label, _kb in parts):
                left_out += 1
                continue
            for first, end, label, kb_id in parts:
                used[first:end] = b"\x01" * (end - first)
                taken.append(self._span(doc, first, end, label=label, kb_id=kb_id))
        doc.ents = sorted(taken, key=lambda s: s.start)
        return left_out


#: zlib level of the file: at level 1 a news export is about 8% larger than at
#: ``DocBin.to_bytes``'s default level, compressed in a fifth of the time (docs/benchmarks.md)
COMPRESSION_LEVEL = 1


def docbin_bytes(docbin: DocBin) -> bytes:
    """What ``DocBin.to_bytes`` writes (the msgpack map spaCy 3.x reads back with
    ``DocBin.from_bytes``: version, attrs, tokens, spaces, lengths, strings, cats, flags,
    span groups, user data), compressed at :data:`COMPRESSION_LEVEL` instead of zlib's
    default."""
    import numpy
    import srsly

    lengths = [len(tokens) for tokens in docbin.tokens]
    tokens = numpy.vstack(docbin.tokens) if docbin.tokens else numpy.asarray([])
    spaces = numpy.vstack(docbin.spaces) if docbin.spaces else numpy.asarray([])
    message = {
        "version": docbin.version,
        "attrs": docbin.attrs,
        "tokens": tokens.tobytes("C"),
        "spaces": spaces.tobytes("C"),
        "lengths": numpy.asarray(lengths, dtype="int32").tobytes("C"),
        "strings": sorted(docbin.strings),
        "cats": docbin.cats,
        "flags": docbin.flags,
        "span_groups": docbin.span_groups,
        "user_data": docbin.user_data,
    }
    return zlib.compress(srsly.msgpack_dumps(message), COMPRESSION_LEVEL)


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
            spacy_doc, groups, left_out = writer.add(doc["text"], annotations, kb_ids)
            name = None if who is None else names.get(who, who)
            user_data = _user_data(doc, name, annotations, relations, entities, left_out)
            if not writer.packs(user_data["document"].get("metadata")):
                metadata = user_data["document"].pop("metadata")
                user_data["document"]["metadata_json"] = json.dumps(metadata, ensure_ascii=False)
            writer.store(spacy_doc, groups, user_data)
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
