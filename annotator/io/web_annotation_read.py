"""Reading W3C Web Annotation (JSON-LD): our exports, and annotations other tools write.

What is read (the compacted shape of the W3C context, ``anno.jsonld``, which is what our
export and the tools that speak the model write):

- the file holds one JSON value: an array of AnnotationCollections (our export), or one
  collection, an AnnotationPage, an array of Annotations or a single Annotation; a collection's
  annotations are in ``first.items`` (pages chained with ``next`` inside the file are
  followed, pages elsewhere are not fetched);
- a span: each ``target`` with a ``source`` is one fragment. Its ``TextPositionSelector``
  gives the offsets (code points, the model's unit) and its ``TextQuoteSelector``'s ``exact``
  the covered text the import route checks; a target with only a TextQuoteSelector is found in
  the document's text by ``exact`` with its ``prefix`` and ``suffix`` (it must match once).
  Bodies: the first ``tagging`` body's value is the label; ``classifying`` and ``describing``
  bodies with a ``label`` are attributes; ``identifying`` bodies link the registry
  (``urn:uuid:<entity id>``) and Wikidata (``…/entity/Q…``); ``commenting`` is the note;
  ``creator.name`` (or a creator given as a string) is the annotator;
- a relation: a ``linking`` annotation whose ``target`` is the source annotation, with the
  relation type as its tagging body and the target annotation as its ``linking`` body (ADR
  0016).

The file does not carry the document's text: a ``source`` of ``urn:uuid:<id>`` names a
project document by id (our exports), any other source a project document by its URL. An
annotation on a source the project does not have is reported by the route.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.foreign import (
    ForeignActor,
    ForeignDocument,
    ForeignProblem,
    ForeignRelation,
    ForeignSpan,
)
from annotator.io.annotation_import import ImportContext
from annotator.io.common import TextFile
from annotator.io.json_stream import JsonText
from annotator.io.web_annotation import WIKIDATA

URN = "urn:uuid:"
WIKIDATA_PREFIXES = (WIKIDATA, WIKIDATA.replace("http:", "https:"), "wd:")
#: A chain of ``next`` pages longer than this is refused (a loop, or a file made to hang us).
MAX_PAGES = 10_000

NOT_FOUND = "an annotation whose quote (exact, prefix, suffix) is not in the document"
AMBIGUOUS = "an annotation whose quote (exact, prefix, suffix) is in the document more than once"
NO_SELECTOR = "an annotation target without a text position or quote selector"
NO_LABEL = "an annotation without a tagging body (its label)"
OTHER_SOURCE = "an annotation whose targets are in different documents"
BAD_LINK = "a linking annotation without a tagging body and one source and one linked target"
LINK_ELSEWHERE = "a linking annotation whose annotations are not in the same part of the file"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: dict[str, Any]) -> set[str]:
    found = node.get("type", node.get("@type"))
    return {t.rpartition(":")[2] for t in _as_list(found) if isinstance(t, str)}


def _iri(value: Any) -> str | None:
    """The IRI of a node given as a string or as an object with ``id``/``source``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("id", "@id", "source"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return None


def _purposes(body: dict[str, Any]) -> set[str]:
    found = body.get("purpose")
    return {p.rpartition(":")[2] for p in _as_list(found) if isinstance(p, str)}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass
class _Part:
    """The annotations of one part of the file (a collection, or the whole file when it holds
    bare annotations), grouped by document as they are read."""

    where: str
    title: str = ""
    docs: dict[str, ForeignDocument] = field(default_factory=dict)
    of: dict[str, str] = field(default_factory=dict)  # annotation id -> its source
    links: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    problems: list[ForeignProblem] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path, context: ImportContext) -> None:
        self.name = path.name
        self.context = context
        self._sources: dict[str, tuple[str | None, str | None]] = {}  # source -> (id, text)

    # -- the value of the file ----------------------------------------------------------

    def parts(self, value: Any, where: str) -> Iterator[_Part]:
        if isinstance(value, list) and all(
            isinstance(v, dict) and "Annotation" in _types(v) for v in value
        ):
            part = _Part(where)
            for i, item in enumerate(value):
                self.annotation(part, item, f"{where}[{i}]")
            yield part
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from self.parts(item, f"{where}[{i}]")
            return
        if not isinstance(value, dict):
            raise InputError(f"{where}: not an annotation, page or collection")
        kinds = _types(value)
        part = _Part(where, _text(value.get("label")) or "")
        if "Annotation" in kinds:
            self.annotation(part, value, where)
        elif "AnnotationPage" in kinds:
            self.pages(part, value, where)
        elif "AnnotationCollection" in kinds:
            first = value.get("first")
            if isinstance(first, dict):
                self.pages(part, first, f"{where}: first")
            elif first is not None and not isinstance(first, str):
                raise InputError(f"{where}: first: not an AnnotationPage")
        else:
            raise InputError(
                f"{where}: type {value.get('type')!r}: not an Annotation, AnnotationPage or "
                "AnnotationCollection"
            )
        yield part

    def pages(self, part: _Part, page: dict[str, Any], where: str) -> None:
        for _ in range(MAX_PAGES):
            items = page.get("items", [])
            if not isinstance(items, list):
                raise InputError(f"{where}: items: not a list")
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    raise InputError(f"{where}: items[{i}]: not an annotation")
                self.annotation(part, item, f"{where}: items[{i}]")
            following = page.get("next")
            if not isinstance(following, dict):
                return
            page, where = following, f"{where}: next"
        raise InputError(f"{where}: more than {MAX_PAGES:,} pages")

    # -- one annotation -----------------------------------------------------------------

    def annotation(self, part: _Part, node: dict[str, Any], where: str) -> None:
        if not isinstance(node, dict) or "Annotation" not in _types(node):
            raise InputError(f"{where}: not an Annotation")
        key = _iri(node.get("id", node.get("@id"))) or where
        motivations = {m.rpartition(":")[2] for m in _as_list(node.get("motivation")) if m}
        if "linking" in motivations:
            part.links.append((node, where))
            return
        bodies = [b for b in _as_list(node.get("body")) if isinstance(b, dict)]
        label = _label(bodies)
        targets = _as_list(node.get("target"))
        sources = [_source(t) for t in targets]
        if not targets or any(s is None for s in sources):
            part.problems.append(ForeignProblem(NO_SELECTOR, where))
            return
        source = str(sources[0])
        if any(s != source for s in sources):
            part.problems.append(ForeignProblem(OTHER_SOURCE, where))
            return
        doc = self.document(part, source)
        if label is None:
            doc.problems.append(ForeignProblem(NO_LABEL, where))
            return
        fragments: list[tuple[int, int]] = []
        quotes: list[str | None] = []
        text = self._resolve(source)[1]
        for target in targets:
            found = self.fragment(doc, text, target, where)
            if found is None:
                return
            fragments.append(found[0])
            quotes.append(found[1])
        attributes, actor, note = _details(bodies)
        stated = None if any(q is None for q in quotes) else " ".join(q or "" for q in quotes)
        doc.spans.append(
            ForeignSpan(
                key,
                label,
                fragments,
                text=stated,
                attributes=attributes,
                actor=actor,
                annotator=_creator(node.get("creator")),
                note=note,
                where=where,
            )
        )
        part.of[key] = source

    def fragment(
        self, doc: ForeignDocument, text: str | None, target: dict[str, Any], where: str
    ) -> tuple[tuple[int, int], str | None] | None:
        position = quote = None
        for selector in _as_list(target.get("selector")):
            kinds = _types(selector) if isinstance(selector, dict) else set()
            if "TextPositionSelector" in kinds and position is None:
                start, end = selector.get("start"), selector.get("end")
                if _integer(start) and _integer(end):
                    position = (start, end)
            elif (
                "TextQuoteSelector" in kinds
                and quote is None
                and isinstance(selector.get("exact"), str)
            ):
                quote = selector
        exact = _text(quote.get("exact")) if quote else None
        if position is not None:
            return position, exact
        if quote is None or not exact:
            doc.problems.append(ForeignProblem(NO_SELECTOR, where))
            return None
        if text is None:  # the route reports the document
            return (0, len(exact)), exact
        found = _find_quote(text, exact, _text(quote.get("prefix")), _text(quote.get("suffix")))
        if isinstance(found, str):
            doc.problems.append(ForeignProblem(found, where))
            return None
        return found, exact

    def links(self, part: _Part) -> None:
        for node, where in part.links:
            bodies = [b for b in _as_list(node.get("body")) if isinstance(b, dict)]
            kind = _label(bodies)
            linked = [_iri(b) for b in bodies if "linking" in _purposes(b)]
            sources = [_iri(t) for t in _as_list(node.get("target"))]
            if kind is None or len(linked) != 1 or len(sources) != 1 or None in linked + sources:
                part.problems.append(ForeignProblem(BAD_LINK, where, relation=True))
                continue
            source, target = str(sources[0]), str(linked[0])
            doc_source = part.of.get(source)
            if doc_source is None or part.of.get(target) != doc_source:
                part.problems.append(ForeignProblem(LINK_ELSEWHERE, where, relation=True))
                continue
            part.docs[doc_source].relations.append(
                ForeignRelation(kind, source, target, _creator(node.get("creator")), where)
            )

    # -- documents ----------------------------------------------------------------------

    def document(self, part: _Part, source: str) -> ForeignDocument:
        if source not in part.docs:
            doc_id, _ = self._resolve(source)
            part.docs[source] = ForeignDocument(
                None, f"{part.where}: source {source}", title=part.title, id=doc_id
            )
        return part.docs[source]

    def _resolve(self, source: str) -> tuple[str | None, str | None]:
        if source not in self._sources:
            doc_id = source[len(URN) :] if source.startswith(URN) else None
            text = self.context.document_text(doc_id) if doc_id else None
            if text is None:
                doc_id = self.context.document_at(source)
                text = self.context.document_text(doc_id) if doc_id else None
            self._sources[source] = (doc_id if text is not None else None, text)
        return self._sources[source]


def _source(target: Any) -> str | None:
    if isinstance(target, dict) and "selector" in target:
        return _iri(target.get("source"))
    return None


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _label(bodies: list[dict[str, Any]]) -> str | None:
    for body in bodies:
        if "tagging" in _purposes(body) and isinstance(body.get("value"), str):
            return str(body["value"])
    return None


def _details(
    bodies: list[dict[str, Any]],
) -> tuple[dict[str, str], ForeignActor | None, str | None]:
    attributes: dict[str, str] = {}
    entity = wikidata = note = None
    for body in bodies:
        purposes = _purposes(body)
        value = body.get("value")
        if purposes & {"classifying", "describing"} and isinstance(body.get("label"), str):
            if isinstance(value, str):
                attributes.setdefault(body["label"], value)
        elif "identifying" in purposes:
            link = _iri(body)
            if link and link.startswith(URN) and entity is None:
                entity = link[len(URN) :]
            elif link and link.startswith(WIKIDATA_PREFIXES) and wikidata is None:
                wikidata = link.rpartition("/")[2].rpartition(":")[2]
        elif "commenting" in purposes and isinstance(value, str) and note is None:
            note = value
    actor = ForeignActor(id=entity, wikidata=wikidata) if entity or wikidata else None
    return attributes, actor, note


def _creator(value: Any) -> str | None:
    for creator in _as_list(value):
        if isinstance(creator, dict):
            for key in ("name", "nickname"):
                if isinstance(creator.get(key), str) and creator[key].strip():
                    return str(creator[key])
        elif isinstance(creator, str) and creator.strip():
            return creator
    return None


def _find_quote(
    text: str, exact: str, prefix: str | None, suffix: str | None
) -> tuple[int, int] | str:
    """Where ``exact`` is in ``text`` after ``prefix`` and before ``suffix``: the one place, or
    why there is none."""
    found: tuple[int, int] | None = None
    start = text.find(exact)
    while start >= 0:
        end = start + len(exact)
        if (not prefix or text.endswith(prefix, 0, start)) and (
            not suffix or text.startswith(suffix, end)
        ):
            if found is not None:
                return AMBIGUOUS
            found = (start, end)
        start = text.find(exact, start + 1)
    return found if found is not None else NOT_FOUND


def read_web_annotation(
    path: Path, context: ImportContext
) -> Iterator[tuple[ForeignDocument, int]]:
    """Each document annotated in a Web Annotation file, with the bytes read so far."""
    file = TextFile(path)
    stream = JsonText(file)
    reader = _Reader(path, context)

    def values() -> Iterator[tuple[Any, str]]:
        if stream.peek() == "[":
            for i, item in enumerate(stream.items(reader.name)):
                yield item, f"{reader.name}[{i}]"
        else:
            yield stream.value(reader.name), reader.name
        stream.end()

    pending: list[tuple[Any, str]] = []
    for value, where in values():
        if isinstance(value, dict) and "Annotation" in _types(value):
            pending.append((value, where))  # bare annotations: one part, the whole file
            continue
        for part in reader.parts(value, where):
            yield from _documents(reader, part, file.position())
    if pending:
        part = _Part(reader.name)
        for value, where in pending:
            reader.annotation(part, value, where)
        yield from _documents(reader, part, file.position())


def _documents(
    reader: _Reader, part: _Part, position: int
) -> Iterator[tuple[ForeignDocument, int]]:
    reader.links(part)
    docs = list(part.docs.values())
    if part.problems:
        if not docs:  # nothing but what went wrong: the route reports it and adds nothing
            docs = [ForeignDocument(None, part.where)]
        docs[0].problems[:0] = part.problems
    for doc in docs:
        yield doc, position


def is_web_annotation(path: Path) -> bool:
    """Whether a file starts like Web Annotation JSON-LD (the W3C context or its types)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "ignore")
    except OSError:
        return False
    return "w3.org/ns/anno.jsonld" in head or '"AnnotationCollection"' in head
