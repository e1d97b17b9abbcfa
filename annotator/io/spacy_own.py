"""Reading the Docs of our own spaCy exports without making spaCy Docs.

A DocBin (unpacked by spaCy's ``DocBin.from_bytes``) holds, per Doc, a token array, the
spaces after the tokens, its span groups and its user data, each span group and the user data
as msgpack of their own. When every Doc's user data says it is ours
(``user_data["annotator"]["format"]`` is :data:`~annotator.io.spacy_docbin.FORMAT`), what the
import reads of them (the text, the spans of the group ``"annotator"``, the user data) is
taken from those parts directly: making a spaCy Doc of each costs more than the rest of the
import (a lexeme for every new word; srsly looking up its msgpack extensions among the
installed packages for every msgpack read, three times per Doc). Any other DocBin is read
through spaCy's Docs (io/spacy_read.py); ``tests/io/test_io_spacy_own.py`` checks that both
ways read our exports alike.

Spans are read as spaCy reads them (``SpanGroup.from_bytes``: id, kb id and label hashes,
first and end token, first and end character); a span's text is that of its tokens, as
spaCy's ``Span.text``, so that the import route still compares it with the stated offsets.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from itertools import accumulate
from typing import Any, NamedTuple

from annotator.core.errors import InputError
from annotator.io.spacy_docbin import FORMAT, SPANS_KEY, USER_DATA_KEY

_SPAN = struct.Struct(">QQQllll")


class OwnSpan(NamedTuple):
    """What the import reads of a span of our group: as spaCy's ``id_``, ``label_``,
    ``start_char``, ``end_char`` and ``text``."""

    id: str
    label: str
    start_char: int
    end_char: int
    text: str


#: One Doc of our export: its text, its spans, our user data, where it is (for messages).
OwnDoc = tuple[str, list[OwnSpan], dict[str, Any], str]


def _unpack(data: bytes) -> Any:
    """msgpack as spaCy reads a Doc's parts (``use_list=False``), without srsly's extension
    hooks (our parts hold no numpy arrays)."""
    import srsly

    return srsly.msgpack.unpackb(data, raw=False, use_list=False, object_pairs_hook=dict)


def own_docs(docbin: Any, name: str) -> Iterator[OwnDoc] | None:
    """The Docs of ``docbin`` (read from the file ``name``) when every one is of our export,
    else None (then spaCy's Docs are read)."""
    count = len(docbin.tokens)
    if count == 0 or len(docbin.user_data) < count or len(docbin.span_groups) < count:
        return None
    found: list[dict[str, Any]] = []
    for i in range(count):
        raw = docbin.user_data[i]
        if not raw or (docbin.flags[i] or {}).get("has_unknown_spaces"):
            return None
        try:
            user_data = _unpack(raw)
        except Exception:  # spaCy's way says what is wrong with it
            return None
        ours = user_data.get(USER_DATA_KEY) if isinstance(user_data, dict) else None
        if not isinstance(ours, dict) or ours.get("format") != FORMAT:
            return None
        found.append(ours)
    try:
        orth = docbin.attrs.index(_orth_id())
    except ValueError:
        return None
    return _docs(docbin, name, found, orth)


def _orth_id() -> int:
    from spacy.attrs import ORTH

    return int(ORTH)


def _docs(docbin: Any, name: str, found: list[dict[str, Any]], orth: int) -> Iterator[OwnDoc]:
    from spacy.strings import StringStore

    store = StringStore()
    strings = {store.add(s): s for s in docbin.strings}
    strings[0] = ""
    for i, data in enumerate(found):
        where = f"{name}: Doc {i + 1}"
        try:
            text, spans = _read(
                docbin.tokens[i], docbin.spaces[i], docbin.span_groups[i], strings, orth
            )
        except InputError as exc:
            raise InputError(f"{where}: the Doc cannot be read ({exc})") from None
        except Exception as exc:  # an untrusted file: any failure is the file's
            raise InputError(f"{where}: the Doc cannot be read ({type(exc).__name__})") from None
        yield text, spans, data, where


def _read(
    tokens: Any, spaces: Any, groups: bytes, strings: dict[int, str], orth: int
) -> tuple[str, list[OwnSpan]]:
    try:
        words = [strings[h] for h in tokens[:, orth].tolist()]
    except KeyError:
        raise InputError("a token's text is not among the DocBin's strings") from None
    spaced = [bool(s) for s in spaces.reshape(-1).tolist()]
    if len(spaced) != len(words):
        raise InputError("its spaces do not match its tokens")
    pieces = [w + " " if s else w for w, s in zip(words, spaced, strict=True)]
    starts = [0, *accumulate(map(len, pieces))]
    text = "".join(pieces)
    spans: list[OwnSpan] = []
    for packed in _group(groups):
        ids = _SPAN.unpack(packed)
        first, end, start_char, end_char = ids[3], ids[4], ids[5], ids[6]
        if not 0 <= first <= end <= len(words):
            raise InputError(f"a span's tokens {first}..{end} are not in the Doc")
        try:
            span_id, label = strings[ids[0]], strings[ids[2]]
        except KeyError:
            raise InputError("a span's label or id is not among the DocBin's strings") from None
        covered = text[starts[first] : starts[end - 1] + len(words[end - 1])] if end > first else ""
        spans.append(OwnSpan(span_id, label, start_char, end_char, covered))
    return text, spans


def _group(groups: bytes) -> list[bytes]:
    """The packed spans of our group in a Doc's span groups (spaCy's list or map form)."""
    if not groups:
        return []
    message = _unpack(groups)
    if isinstance(message, dict):
        values = [group for group, keys in message.items() if SPANS_KEY in keys]
    else:
        values = list(message)
    for value in values:
        group = _unpack(value)
        if isinstance(group, dict) and (isinstance(message, dict) or group["name"] == SPANS_KEY):
            return list(group["spans"])
    return []
