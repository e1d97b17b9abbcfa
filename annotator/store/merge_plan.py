"""Planning the bulk merge of one native-shape document (store/merge_bulk.py): its rows made
and checked as they are read, nothing written.

A document is checked with the same pure checks the layer runs before each write
(``core/validation.py``: the label, fragments against the text, attributes, the entity's
label, the origin, each relation against the schema) and turned into the rows the bulk path
writes. Whatever is not plain makes :meth:`Planner.plan` give up (``None``, or an exception:
a value a check refuses), and the document then takes the careful path, which says what, if
anything, is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import ORIGINS, DocumentInput, now
from annotator.core.reports import ImportReport
from annotator.core.schema import LabelSpec, Schema
from annotator.core.text import normalise_text
from annotator.core.validation import (
    build_fragments,
    check_attributes,
    check_entity_allowed,
    check_fragment_list,
    check_origin,
    check_relation,
    check_state,
    require_label,
)
from annotator.store.rows import dumps, fragments_json, one_fragment_json, prepare
from annotator.store.suggestion_merge import InfoRow, info_row

#: The layer key of annotations without an annotator while the session's annotator has no
#: row yet (then no incoming annotator can be them).
_MINE = "\0mine"

_ORIGINS = frozenset(ORIGINS)


class Unusual(Exception):
    """This document needs the careful path (which says what, if anything, is wrong)."""


@dataclass
class Plan:
    """A document checked and made ready to write; ``None`` annotators are the session's."""

    where: str
    #: The document as read; None when it was planned in another process, which does not
    #: send it back: ``document_source`` then reads it again (the careful path needs it).
    doc: dict[str, Any] | None
    row: tuple[Any, ...]  # the documents row (store/documents.py, prepare)
    sha: str
    annotations: list[list[Any]] = field(default_factory=list)  # rows (store/rows.py)
    #: The engine and score of each suggestion among them (store/suggestion_merge.py).
    suggestions: list[InfoRow] = field(default_factory=list)
    relations: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # id, type,
    # source, target, created
    statuses: dict[str, str] = field(default_factory=dict)
    #: The project's document with this text, when it has one: the annotations go to it and
    #: no document is written (see :meth:`attach`).
    present: str | None = None
    document_source: Callable[[str], dict[str, Any]] | None = None

    def document_data(self) -> dict[str, Any]:
        """The document as read (read again from where it is, when not kept)."""
        if self.doc is None:
            assert self.document_source is not None, "a plan without its document or source"
            self.doc = self.document_source(self.where)
        return self.doc

    @property
    def id(self) -> str:
        doc_id: str = self.row[0]
        return doc_id

    @property
    def document(self) -> str:
        """The id of the document the annotations are written to."""
        return self.present or self.id

    def attach(self, present: str, statuses: set[str]) -> None:
        """Annotate the project's document ``present`` (the same text) instead of adding one;
        the annotators of ``statuses`` have a status there already, which is kept."""
        self.present = present
        for ann in self.annotations:
            ann[1] = present
        for person in statuses:
            self.statuses.pop(person, None)

    @property
    def layers(self) -> set[str | None]:
        """The annotators whose layers the plan writes (``None``: the session's, no row yet)."""
        return {ann[8] for ann in self.annotations}


def document_input(doc: dict[str, Any], text: str, where: str, doc_id: str | None) -> DocumentInput:
    """What adding the native-shape document ``doc`` (its normalised ``text``, read at
    ``where``) under ``doc_id`` (None: a new id) writes."""
    return DocumentInput(
        text=text,
        title=doc.get("title") or "",
        source=doc.get("source"),
        url=doc.get("url"),
        published=doc.get("published"),
        metadata=doc.get("metadata") or {},
        origin=where,
        id=doc_id,
    )


def _text_id(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise Unusual()
    return value


def _optional_text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise Unusual()
    return value


class Planner:
    """Turns native-shape documents into checked rows; remembers what the checks found for
    the labels, attribute sets and relations seen so far."""

    def __init__(
        self,
        schema: Schema,
        annotator_ids: dict[str, str],
        session_annotator: Callable[[], str | None],
    ) -> None:
        self._ids = annotator_ids
        self._schema = schema
        # the id of the session's annotator, None while it has no row (it may get one as the
        # merge writes): the layer of annotations without an annotator
        self._session_annotator = session_annotator
        self._labels: dict[str, LabelSpec] = {}
        self._attribute_json: dict[tuple[Any, ...], str] = {}
        self._relation_fits: set[tuple[str, str, str, int]] = set()

    def plan(self, where: str, doc: dict[str, Any]) -> Plan | None:
        """``doc`` as rows, or None. Checked within the document only: whether another
        document uses its text or ids is for the caller to find (store/merge_bulk.py)."""
        text = normalise_text(doc["text"])
        doc_id = _text_id(doc["id"])
        item = document_input(doc, text, where, doc_id)
        scratch = ImportReport()
        row = prepare(item, scratch)  # what writing it would refuse, refused now
        sha = row[7]
        if scratch.warnings or row[0] != doc_id or row[6] != text:
            return None  # e.g. markup removed from the title: said by the careful path
        if doc.get("sha256") and doc["sha256"] != sha:
            return None
        plan = Plan(where, doc, row, sha)
        mine = self._session_annotator() or _MINE
        stamp = now()
        shapes: set[tuple[Any, ...]] = set()
        by_id: dict[str, list[Any]] = {}
        for a in doc["annotations"]:
            ann, spans = self._annotation(a, text, doc_id, mine, stamp)
            if ann[0] in by_id:
                return None
            shape = (ann[8], ann[2], spans)
            if shape in shapes:
                return None  # a twin: one is kept, and its relations follow (careful path)
            shapes.add(shape)
            by_id[ann[0]] = ann
            plan.annotations.append(ann)
            if "suggestion" in a:
                try:
                    info = info_row(ann[0], ann[8], a["suggestion"])
                except ValidationError:
                    return None  # said, with where it is, by the careful path
                if info is not None:
                    plan.suggestions.append(info)
        self._relations(doc["relations"], by_id, plan)
        for person, state in doc.get("status", {}).items():
            if person is None:
                continue
            check_state(state)
            plan.statuses[self._who(person, mine)] = state
        for ann in plan.annotations:
            if ann[8] == _MINE:
                ann[8] = None  # the session's annotator, who has no row yet
        return plan

    def _who(self, person: Any, mine: str) -> str:
        if person is None:
            return mine
        if not isinstance(person, str) or person not in self._ids:
            raise Unusual()  # the careful path names the annotator
        return self._ids[person]

    def _label(self, label: Any) -> LabelSpec:
        spec = self._labels.get(label) if isinstance(label, str) else None
        if spec is None:
            spec = self._labels[label] = require_label(self._schema, label)
        return spec

    def _attributes(self, spec: LabelSpec, attributes: dict[str, Any]) -> str:
        """The attributes as stored (checked, JSON), worked out once for each distinct set."""
        key = (spec.name, tuple(attributes.items()))
        try:
            stored = self._attribute_json.get(key)
        except TypeError:  # an unhashable value: checked (and refused) without the memo
            return dumps(check_attributes(spec, attributes))
        if stored is None:
            stored = self._attribute_json[key] = dumps(check_attributes(spec, attributes))
        return stored

    def _annotation(
        self, a: dict[str, Any], text: str, doc_id: str, mine: str, stamp: str
    ) -> tuple[list[Any], tuple[tuple[int, int], ...]]:
        """One annotation's row (its annotator the layer's key) and its spans, checked as
        ``Layer.add_annotation`` checks it."""
        fragments = a["fragments"]
        if type(fragments) is not list:  # a list is the usual case, and fine
            check_fragment_list(fragments)
        attributes = a["attributes"]
        if attributes is not None and not isinstance(attributes, dict):
            raise Unusual()
        label = a["label"]
        spec = self._labels.get(label) if type(label) is str else None
        if spec is None:
            spec = self._label(label)
        entity = a["entity"]
        if entity is not None:
            _optional_text(entity)
            check_entity_allowed(spec, entity)
        origin = a["origin"]
        if origin not in _ORIGINS:
            check_origin(origin)
        stored = one_fragment_json(text, fragments[0]) if len(fragments) == 1 else None
        if stored is not None:  # the usual case, made without fragment objects
            spans: tuple[tuple[int, int], ...] = ((fragments[0]["start"], fragments[0]["end"]),)
        else:
            built = build_fragments(text, fragments)
            stored = fragments_json(built)
            spans = tuple((f.start, f.end) for f in built)
        created = a["created"] or stamp
        modified = a["modified"] or created
        note = a["note"]
        if type(created) is not str or type(modified) is not str:
            created, modified = _optional_text(created) or stamp, _optional_text(modified) or stamp
        if note is not None and type(note) is not str:
            raise Unusual()
        person = a["annotator"]
        row = [
            _text_id(a["id"]),
            doc_id,
            label,
            spans[0][0],
            spans[-1][1],
            stored,
            self._attributes(spec, attributes or {}),
            entity,
            self._ids.get(person) or self._who(person, mine),
            origin,
            note,
            created,
            modified,
        ]
        return row, spans

    def _relations(
        self,
        relations: Iterable[dict[str, Any]],
        by_id: dict[str, list[Any]],
        plan: Plan,
    ) -> None:
        """The relations, checked as ``Layer.add_relation`` checks them; both ends must be
        annotations of this document in one layer."""
        seen: set[str] = set()
        links: set[tuple[str, str, str]] = set()
        of_type: dict[tuple[str, str], int] = {}
        for r in relations:
            rel_id, kind = _text_id(r["id"]), _text_id(r["type"])
            source, target = by_id.get(r["source"]), by_id.get(r["target"])
            if source is None or target is None or source is target:
                raise Unusual()
            if source[8] != target[8] or rel_id in seen:
                raise Unusual()
            existing = of_type.get((source[0], kind), 0)
            fits = (kind, source[2], target[2], existing)
            if fits not in self._relation_fits:
                check_relation(self._schema, kind, source[2], target[2], True, existing)
                self._relation_fits.add(fits)
            if (source[0], target[0], kind) in links:
                raise Unusual()  # "this relation already exists"
            seen.add(rel_id)
            links.add((source[0], target[0], kind))
            of_type[(source[0], kind)] = existing + 1
            created = _optional_text(r["created"]) or now()
            plan.relations.append((rel_id, kind, source[0], target[0], created))


__all__ = ["Plan", "Planner", "Unusual", "document_input"]
