"""Reading a spaCy DocBin (``.spacy``): our own exports in full, other DocBins' spans.

- A Doc of our export (``user_data["annotator"]["format"]`` is
  :data:`~annotator.io.spacy_docbin.FORMAT`) brings back everything the export wrote: the
  document (id, title, source, url, published, metadata), the annotator, each annotation from
  its spans in ``doc.spans["annotator"]`` (fragments joined by their span id), attributes,
  registry links, notes and relations. ``doc.ents`` repeat mentions already in the span group
  and are not read.
- Any other Doc brings its text and, as annotations of whoever imports (no annotator), every
  span of every group in ``doc.spans`` and every entity of ``doc.ents`` (an entity with the
  label and offsets of a span already read is the same annotation, and its kb id links it),
  with its label; a ``kb_id_`` that is a Wikidata id (``Q42``) links the span to the actor of
  that Wikidata id, any other to the actor of that registry id. Its user data is not read.

Offsets are spaCy's character offsets, code points on ``doc.text``; the covered text each
span states is its tokens' text, checked by the import route.

A DocBin is zlib-compressed msgpack, which spaCy reads without running anything from the file
(no pickle; srsly's numpy hook refuses object arrays). It is read whole: files larger than
:data:`MAX_FILE_BYTES`, or unpacking to more than :data:`MAX_UNPACKED_BYTES`, are refused
before spaCy sees them, and anything spaCy cannot read is said as an
:class:`~annotator.core.errors.InputError` naming the file and the Doc.
"""

from __future__ import annotations

import gc
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError
from annotator.core.foreign import ForeignActor, ForeignDocument, ForeignRelation, ForeignSpan
from annotator.core.json_values import lone_surrogate_at, nesting_problem
from annotator.io.spacy_docbin import (
    FORMAT,
    LANGUAGE,
    MISSING,
    SPANS_KEY,
    USER_DATA_KEY,
    import_spacy,
)
from annotator.io.spacy_own import OwnSpan, own_docs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from annotator.io.annotation_import import ImportContext

#: The largest DocBin file read (a DocBin is read whole).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: The most a DocBin may unpack to (zlib can pack a gigabyte of zeros into a megabyte).
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
_WIKIDATA = re.compile(r"Q[1-9][0-9]{0,15}")
_CHUNK = 16 * 1024 * 1024


def read_spacy(path: Path, context: ImportContext) -> Iterator[tuple[ForeignDocument, int]]:
    """Each Doc of the DocBin at ``path`` as a foreign document, with how far the file is
    read (in bytes, in proportion to the Docs read)."""
    spacy = import_spacy()
    if spacy is None:
        raise InputError(f"{path}: {MISSING}")
    from spacy.tokens import DocBin

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {size:,} bytes, more than the {MAX_FILE_BYTES:,} a DocBin may have here"
            )
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    _check_unpacked(path, content)
    try:
        docbin = DocBin().from_bytes(content)
        total = len(docbin)
    except Exception as exc:  # spaCy's reader of an untrusted file: any failure is the file's
        raise InputError(f"{path}: not a spaCy DocBin ({_reason(exc)})") from None
    finally:
        gc.enable()  # srsly turns the collector off while it unpacks, and on only if it succeeds
    own = own_docs(docbin, path.name)
    if own is not None:  # our own export: read without making spaCy Docs
        for number, (text, spans, data, where) in enumerate(own, start=1):
            yield own_document(text, spans, data, where), size * number // total
        return
    vocab = spacy.blank(LANGUAGE).vocab
    docs = docbin.get_docs(vocab)
    for number in range(1, total + 1):
        where = f"{path.name}: Doc {number}"
        try:
            doc = next(docs)
            foreign = _document(doc, where)
        except InputError:
            raise
        except StopIteration:
            return
        except Exception as exc:
            raise InputError(f"{where}: spaCy cannot read it ({_reason(exc)})") from None
        finally:
            gc.enable()
        yield foreign, size * number // total


def _check_unpacked(path: Path, content: bytes) -> None:
    """Refuse what is not zlib data, is cut short, or unpacks to too much (without keeping
    what it unpacks to)."""
    if not content:
        raise InputError(f"{path}: an empty file, not a spaCy DocBin")
    unpacker = zlib.decompressobj()
    total = 0
    pending = content
    try:
        while not unpacker.eof:
            produced = len(unpacker.decompress(pending, _CHUNK))
            total += produced
            if total > MAX_UNPACKED_BYTES:
                raise InputError(
                    f"{path}: unpacks to more than {MAX_UNPACKED_BYTES:,} bytes, more than a "
                    "DocBin may have here"
                )
            pending = unpacker.unconsumed_tail
            if not produced and not pending:  # the input ended before the data did
                break
    except zlib.error:
        raise InputError(
            f"{path}: not a spaCy DocBin (a .spacy file is zlib-compressed msgpack)"
        ) from None
    if not unpacker.eof:
        raise InputError(f"{path}: the DocBin is cut short (its compressed data does not end)")


def _reason(exc: BaseException) -> str:
    said = str(exc).strip().splitlines()
    text = said[0] if said else type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def _document(doc: Doc, where: str) -> ForeignDocument:
    ours = doc.user_data.get(USER_DATA_KEY)
    if isinstance(ours, dict) and isinstance(ours.get("format"), str):
        if ours["format"] == FORMAT:
            return _ours(doc, ours, where)
        if ours["format"].startswith(FORMAT.partition("/")[0] + "/"):
            raise InputError(
                f"{where}: written in {ours['format']!r}, a newer form than this version of "
                f"Annotator reads ({FORMAT!r})"
            )
    return _theirs(doc, where)


# -- other DocBins ------------------------------------------------------------------------


def _theirs(doc: Doc, where: str) -> ForeignDocument:
    found = ForeignDocument(doc.text, where)
    seen: dict[tuple[str, int, int], ForeignSpan] = {}
    for key, group in doc.spans.items():
        for i, span in enumerate(group):
            place = f"doc.spans[{key!r}][{i}]"
            foreign = _foreign_span(span, f"{key}[{i}]", f"{where}, {place}")
            found.spans.append(foreign)
            seen.setdefault((span.label_, span.start_char, span.end_char), foreign)
    for i, ent in enumerate(doc.ents):
        entity = _foreign_span(ent, f"ents[{i}]", f"{where}, doc.ents[{i}]")
        same = seen.get((ent.label_, ent.start_char, ent.end_char))
        if same is None:
            found.spans.append(entity)
        elif same.actor is None:  # the entity's kb id links the span it repeats
            same.actor = entity.actor
    return found


def _foreign_span(span: Span, key: str, where: str) -> ForeignSpan:
    kb_id = span.kb_id_
    actor = None
    if kb_id:
        is_wikidata = _WIKIDATA.fullmatch(kb_id)
        actor = ForeignActor(wikidata=kb_id) if is_wikidata else ForeignActor(id=kb_id)
    return ForeignSpan(
        key,
        span.label_,
        [(span.start_char, span.end_char)],
        text=span.text,
        actor=actor,
        where=where,
    )


# -- our own exports ----------------------------------------------------------------------


def _ours(doc: Doc, data: dict[str, Any], where: str) -> ForeignDocument:
    spans = (
        OwnSpan(span.id_, span.label_, span.start_char, span.end_char, span.text)
        for span in doc.spans.get(SPANS_KEY, [])
    )
    return own_document(doc.text, spans, data, where)


def own_document(
    text: str, group: Iterable[OwnSpan], data: dict[str, Any], where: str
) -> ForeignDocument:
    """A Doc of our export: its text, the spans of its group :data:`SPANS_KEY` and its user
    data ``data`` (``user_data[USER_DATA_KEY]``)."""
    document = _field(data, "document", dict, where)
    metadata = _metadata(document, where)
    found = ForeignDocument(
        text,
        where,
        title=_text(document, "title", where) or "",
        source=_text(document, "source", where),
        url=_text(document, "url", where),
        published=_text(document, "published", where),
        metadata=metadata,
        id=_text(document, "id", where),
    )
    annotator = _text(data, "annotator", where)
    attributes = _field(data, "attributes", dict, where)
    links = _field(data, "links", dict, where)
    notes = _field(data, "notes", dict, where)
    spans: dict[str, ForeignSpan] = {}
    for i, span in enumerate(group):
        place = f"{where}, doc.spans[{SPANS_KEY!r}][{i}]"
        key = span.id or f"{SPANS_KEY}[{i}]"
        fragment = (span.start_char, span.end_char)
        if key in spans and spans[key].label == span.label:  # the next fragment
            known = spans[key]
            known.fragments.append(fragment)
            known.text = f"{known.text} {span.text}"
            continue
        if key in spans:  # the same id on another label: a span of its own
            key = f"{SPANS_KEY}[{i}]"
        spans[key] = ForeignSpan(
            key,
            span.label,
            [fragment],
            text=span.text,
            attributes=_attributes(attributes.get(key), place),
            actor=_link(links.get(key), place),
            annotator=annotator,
            note=_note(notes.get(key), place),
            where=place,
        )
    found.spans = list(spans.values())
    relations = _field(data, "relations", (list, tuple), where)
    for i, rel in enumerate(relations):
        place = f"{where}, relations[{i}]"
        if not (
            isinstance(rel, list | tuple) and len(rel) == 3 and all(isinstance(x, str) for x in rel)
        ):
            raise InputError(f"{place}: a relation is [type, source id, target id]")
        found.relations.append(ForeignRelation(rel[0], rel[1], rel[2], annotator, place))
    return found


def _field(data: dict[str, Any], name: str, kind: Any, where: str) -> Any:
    value = data.get(name)
    if value is None:
        return kind[0]() if isinstance(kind, tuple) else kind()
    if not isinstance(value, kind):
        raise InputError(f"{where}: user_data[{USER_DATA_KEY!r}][{name!r}] has the wrong type")
    return value


def _text(data: dict[str, Any], name: str, where: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{where}: {name!r} is not a string")
    return value


def _lists(value: Any) -> Any:
    """``value`` with the tuples spaCy reads msgpack arrays as turned back into lists."""
    if isinstance(value, tuple | list):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _metadata(document: dict[str, Any], where: str) -> dict[str, Any]:
    if "metadata_json" in document:  # an integer beyond 64 bits, which msgpack cannot hold
        text = _text(document, "metadata_json", where) or "{}"
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            raise InputError(f"{where}: metadata_json is not JSON") from None
    else:
        value = document.get("metadata") or {}
    problem = nesting_problem(value, "metadata")  # msgpack itself stops at 1024 levels
    if problem is None and not isinstance(value, dict):
        problem = "the metadata is not an object"
    if problem is None and lone_surrogate_at(value) is not None:
        problem = "the metadata holds a lone surrogate"
    if problem is not None:
        raise InputError(f"{where}: {problem}")
    metadata: dict[str, Any] = _lists(value)
    return metadata


def _attributes(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise InputError(f"{where}: its attributes are not an object")
    if nesting_problem(value, "attributes") is not None:
        raise InputError(f"{where}: its attributes nest too deeply")
    attributes: dict[str, Any] = _lists(value)
    return attributes


def _link(value: Any, where: str) -> ForeignActor | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        v is None or isinstance(v, str) for v in value.values()
    ):
        raise InputError(f"{where}: its registry link is not an object of strings")
    return ForeignActor(
        id=value.get("id"),
        name=value.get("name"),
        wikidata=value.get("wikidata"),
        type=value.get("type"),
    )


def _note(value: Any, where: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InputError(f"{where}: its note is not a string")
    return value
