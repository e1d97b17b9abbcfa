"""Annotations read from another tool's file, before they are checked against a project.

The readers of the interchange formats (brat, doccano, Label Studio, ...) each turn their files
into :class:`ForeignDocument` records: the document's text as the file has it, and its spans and
relations with the offsets converted to **code points on that text** (the reader knows whether
its format counts UTF-16 units or bytes). Everything else is done once, for every format, by the
import route (``annotator.io.annotation_import``): the text is normalised and the offsets mapped
through the normalisation (:class:`OffsetMap`), labels are mapped (``--map OLD=NEW``) and checked
against the project's schema, every span's stated text is compared with the document, and the
documents already in the project receive the annotations.

Nothing here reads files or the project: it is plain data and arithmetic.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.schema import LabelSpec
from annotator.core.text import normalise_text


@dataclass(frozen=True)
class ForeignActor:
    """Who a span names, as the file says it: a registry id (our own exports), a Wikidata id,
    or a name. The import route links the span to the registry actor that matches, first by
    id, then by Wikidata id, then by name or alias; an actor it cannot find is added (when the
    file names it)."""

    id: str | None = None
    name: str | None = None
    wikidata: str | None = None
    type: str | None = None


@dataclass
class ForeignSpan:
    """One annotation as a file has it."""

    #: The span's id in the file, unique in its document (``T3``, an entity id, a region id);
    #: relations name their ends by it.
    key: str
    label: str
    #: ``(start, end)`` in code points on :attr:`ForeignDocument.text`, in order.
    fragments: list[tuple[int, int]]
    #: The covered text as the file states it (fragments joined by one space), checked against
    #: the document; None when the format does not state it.
    text: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    actor: ForeignActor | None = None
    #: The annotator's name; None: the layer of whoever imports the file.
    annotator: str | None = None
    note: str | None = None
    #: Where it is, for messages: ``file.ann:12``.
    where: str = ""


@dataclass
class ForeignRelation:
    type: str
    source: str  # a ForeignSpan.key
    target: str
    annotator: str | None = None
    where: str = ""


@dataclass(frozen=True)
class ForeignProblem:
    """Something a reader found it cannot bring in (a span whose offsets split a character,
    a result type the format reader does not know): reported by the import route with the
    others, counted by reason."""

    reason: str
    where: str
    #: What is left out: a span (False) or a relation (True), for the counts.
    relation: bool = False


@dataclass
class ForeignDocument:
    """One document of a file and what is annotated in it."""

    #: The text as the file has it (CRLF, a byte-order mark and non-NFC forms allowed); None
    #: when the format does not carry it, in which case :attr:`id` names a project document.
    text: str | None
    where: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: The document's id in the project it came from (our exports keep it), if the file has it.
    id: str | None = None
    spans: list[ForeignSpan] = field(default_factory=list)
    relations: list[ForeignRelation] = field(default_factory=list)
    #: What the reader left out of this document, and why.
    problems: list[ForeignProblem] = field(default_factory=list)
    #: What the reader did that the user should know, as ``(remark, where)``, counted in the
    #: warnings ("2 span(s) read with UTF-16 offsets ...: places").
    remarks: list[tuple[str, str]] = field(default_factory=list)


def parse_label_map(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["PER=Actor", "said=speaker"]`` -> ``{"PER": "Actor", "said": "speaker"}``.

    The map applies to span labels and relation types alike (``--map OLD=NEW``).
    """
    mapping: dict[str, str] = {}
    for item in items:
        old, sep, new = item.partition("=")
        old, new = old.strip(), new.strip()
        if not sep or not old or not new:
            raise ValidationError(f"--map {item!r}: write it as OLD=NEW, for example PER=Actor")
        if old in mapping and mapping[old] != new:
            raise ValidationError(f"--map {old!r} is given twice ({mapping[old]!r}, {new!r})")
        mapping[old] = new
    return mapping


class OffsetMap:
    """Code-point offsets on a file's text -> offsets on its normalised (stored) text.

    :func:`~annotator.core.text.normalise_text` drops leading byte-order marks, turns CRLF and
    CR into LF and composes to NFC. An offset that falls inside something the normalisation
    joined (between CR and LF, inside a sequence NFC composed) has no place in the stored text:
    :meth:`to_stored` gives None, and the span is reported rather than moved.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.stored = normalise_text(raw)
        self._identity = self.stored == raw
        if self._identity:
            return
        self._bom = len(raw) - len(raw.lstrip("\ufeff")) if raw.startswith("\ufeff") else 0
        body = raw[self._bom :]
        # positions (in body) of each CR that was followed by LF: dropped by the normalisation
        self._dropped = [i for i in range(len(body) - 1) if body[i] == "\r" and body[i + 1] == "\n"]
        lf = body.replace("\r\n", "\n").replace("\r", "\n")
        self._lf = lf
        self._nfc = not unicodedata.is_normalized("NFC", lf)

    def to_stored(self, offset: int) -> int | None:
        if self._identity:
            return offset if 0 <= offset <= len(self.raw) else None
        if offset < self._bom or offset > len(self.raw):
            return None
        at = offset - self._bom
        before = bisect.bisect_left(self._dropped, at)  # CRs of CRLF strictly before ``at``
        if at > 0 and before > 0 and self._dropped[before - 1] == at - 1:
            return None  # between CR and LF
        lf_offset = at - before
        if not self._nfc:
            return lf_offset
        head = unicodedata.normalize("NFC", self._lf[:lf_offset])
        if not self.stored.startswith(head):
            return None  # inside a sequence that NFC composed with what follows
        return len(head)


def schema_attributes(
    spec: LabelSpec, attributes: dict[str, Any]
) -> tuple[dict[str, str], list[str]]:
    """The ``attributes`` of a foreign span that ``spec`` allows, and why each other one is
    left out (the span is imported without it): a name the label lacks, a value that is not one
    of its values, or one that is not a text."""
    kept: dict[str, str] = {}
    dropped: list[str] = []
    for name, value in attributes.items():
        if value is None:
            continue
        attr = spec.attribute(name)
        lead = f"imported without attribute {name!r} of {spec.name}"
        if attr is None:
            dropped.append(f"{lead}, which the schema lacks")
        elif not isinstance(value, str) or not value.strip():
            dropped.append(f"{lead}: its value is not a non-empty text")
        elif value not in attr.values and not attr.editable:
            allowed = ", ".join(attr.values)
            dropped.append(f"{lead}: {_short(value)} is not one of its values ({allowed})")
        else:
            kept[name] = value
    return kept, dropped


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")
