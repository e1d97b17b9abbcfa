"""Reading CoNLL 2003-style BIO (IOB2) files into the import route of the annotation formats
(``annotator.io.annotation_import``): our export (``annotator.io.conll``) and other tools'.

- A line is a token and its tag, in columns split by white space (tabs as we write them, or
  spaces as CoNLL 2003 does): the first column is the token, the last its tag (the columns
  between, part-of-speech or chunk tags, are not read). A blank line ends a sentence.
- ``-DOCSTART-`` starts a document; a file without one is one document. Our export puts the
  document's id in the middle column (``-DOCSTART-<TAB>id<TAB>O``); a line of three columns is
  read that way (CoNLL 2003's ``-DOCSTART- -X- -X- O`` has four).
- ``B-X`` starts a span of label ``X``, ``I-X`` continues it, ``O`` is outside. An ``I-X``
  that does not follow a ``B-X`` or ``I-X`` in the same sentence starts a span, as seqeval's
  lenient reading does, and is reported. A tag is a label with white space written as ``_``
  (what our export does); the project's schema turns it back into the label's name.
- The file has no text: each document's text is made from its tokens, joined by one space,
  and its sentences, one a line. The spans point into that text and state their tokens.
  Whitespace the tokens came with cannot come back, so the documents are new ones (matched
  only with documents of the same made-up text, such as those of an earlier import of the same
  file) -- unless the ``-DOCSTART-`` line names a project document whose tokens are the
  file's: then the spans go on that document's text, from their first token's start to their
  last token's end. A discontinuous annotation's fragments are separate spans, and
  attributes, relations, registry links and notes are not in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import InputError
from annotator.core.foreign import ForeignDocument, ForeignSpan
from annotator.io.common import MAX_RAW_DOCUMENT_CHARS, TextFile
from annotator.io.conll import DOCSTART, TOKEN, tag_name

if TYPE_CHECKING:
    from annotator.io.annotation_import import ImportContext

NO_BEGINNING = "I- tags without a B- before them, read as the start of a span"


@dataclass
class _Open:
    """The span being read: its tag's label, where it starts and ends, its tokens."""

    label: str
    start: int
    end: int
    tokens: list[str]
    where: str


@dataclass
class _Document:
    """One document as its lines are read."""

    where: str
    title: str
    #: The project document the ``-DOCSTART-`` line names, if it does.
    named: str | None = None
    parts: list[str] = field(default_factory=list)
    #: ``(start, end)`` of each token in the made-up text, in order.
    tokens: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0
    spans: list[ForeignSpan] = field(default_factory=list)
    open: _Open | None = None
    sentence_ended: bool = False

    def add(self, token: str) -> tuple[int, int]:
        if self.parts:
            sep = "\n" if self.sentence_ended else " "
            self.parts.append(sep)
            self.length += 1
        self.sentence_ended = False
        start = self.length
        self.parts.append(token)
        self.length += len(token)
        self.tokens.append((start, self.length))
        return start, self.length

    def close(self) -> None:
        if self.open is not None:
            span = self.open
            self.spans.append(
                ForeignSpan(
                    str(len(self.spans) + 1),
                    span.label,
                    [(span.start, span.end)],
                    text=" ".join(span.tokens),
                    where=span.where,
                )
            )
            self.open = None

    def finished(self, context: ImportContext) -> ForeignDocument:
        self.close()
        made = "".join(self.parts)
        original = context.document_text(self.named) if self.named else None
        if original is not None:
            found = _on_original(made, self.tokens, original, self.spans)
            if found is not None:
                return ForeignDocument(
                    original, self.where, title=self.title, id=self.named, spans=found
                )
        return ForeignDocument(made, self.where, title=self.title, spans=self.spans)


def _on_original(
    made: str, tokens: list[tuple[int, int]], original: str, spans: list[ForeignSpan]
) -> list[ForeignSpan] | None:
    """``spans`` (on the text made from the tokens) moved onto ``original``, the text of the
    document they came from; None if its tokens are not the file's."""
    theirs = [(m.start(), m.end()) for m in TOKEN.finditer(original)]
    if len(theirs) != len(tokens) or any(
        original[a:b] != made[c:d] for (a, b), (c, d) in zip(theirs, tokens, strict=True)
    ):
        return None
    first = {start: i for i, (start, _end) in enumerate(tokens)}
    last = {end: i for i, (_start, end) in enumerate(tokens)}
    moved = []
    for span in spans:
        ((start, end),) = span.fragments
        begin, finish = theirs[first[start]][0], theirs[last[end]][1]
        moved.append(
            ForeignSpan(
                span.key,
                span.label,
                [(begin, finish)],
                text=original[begin:finish],
                where=span.where,
            )
        )
    return moved


def read_conll(path: Path, context: ImportContext) -> Iterator[tuple[ForeignDocument, int]]:
    """Each document of the IOB2 file ``path``, with the bytes read so far."""
    labels = {tag_name(spec.name): spec.name for spec in context.schema.labels}
    source = TextFile(path)
    count = 0

    def new(number: int, named: str | None = None) -> _Document:
        return _Document(f"{path}:{number}", f"{path.stem} {count + 1}", named)

    doc = new(1)
    for number, line in source.lines():
        columns = line.split()
        if not columns:
            doc.close()
            doc.sentence_ended = bool(doc.parts)
            continue
        if columns[0] == DOCSTART:
            if doc.parts:
                yield doc.finished(context), source.position()
                count += 1
            doc = new(number, columns[1] if len(columns) == 3 else None)
            continue
        if len(columns) < 2:
            raise InputError(
                f"{path}:{number}: a token without a tag (IOB2 lines are TOKEN TAG, e.g. "
                "'Ofori<TAB>B-Actor')"
            )
        token, tag = columns[0], columns[-1]
        begin, dash, name = tag.partition("-")
        if not (tag == "O" or (dash and name and begin in ("B", "I"))):
            raise InputError(
                f"{path}:{number}: the tag {_show(tag)} is not IOB2 (O, B-LABEL or I-LABEL)"
            )
        start, end = doc.add(token)
        if doc.length > MAX_RAW_DOCUMENT_CHARS:
            raise InputError(
                f"{path}:{number}: the document is longer than {MAX_RAW_DOCUMENT_CHARS:,} "
                "characters; split it with -DOCSTART- lines"
            )
        label = labels.get(name, name)
        where = f"{path}:{number}"
        if begin == "I" and doc.open is not None and doc.open.label == label:
            doc.open.end = end
            doc.open.tokens.append(token)
            continue
        doc.close()
        if tag == "O":
            continue
        if begin == "I":
            context.notice(NO_BEGINNING, where)
        doc.open = _Open(label, start, end, [token], where)
    if doc.parts:
        yield doc.finished(context), source.position()


def _show(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")
