"""Research datasets read from a project: one row per quote, per demand, per registry entity.

Each iterator runs one SQL query and yields rows as it reads them (document order, then text
position), so exports of large projects stay flat in memory. Which labels and relation types
they read comes from the schema's roles (:class:`~annotator.core.schema.Roles`): quotes are the
``speech`` label's annotations with their ``speaker``, demands the ``claim`` label's with their
``claimant`` and ``addressee``. The names are bound parameters, never part of the SQL text. A
schema that names no ``speech`` (``claim``) label has no quotes (demands); without a relation
role, its actor is empty.

An actor is the entity its mention is linked to. A mention not linked to the registry still
names someone: its text stands in for the name, with an empty entity id and type.

With ``annotator`` (an id), only that annotator's annotations count, and a relation only when
the relation and both of its ends are theirs (the same rule as the native export).

With ``documents`` (chosen document ids, as a JSON array bound to one parameter; None: every
document), only the annotations of those documents count: the rows, the counts of the actors'
table, the native documents. The registry stays whole (it is shared by every document, and an
export of chosen documents carries it all, so that it imports like any other).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import NotFoundError
from annotator.core.model import Entity
from annotator.core.schema import Roles
from annotator.store import bundles
from annotator.store.bundles import in_documents
from annotator.store.registry import list_entities

#: How the fragments of a discontinuous quote or demand are joined into one text.
FRAGMENT_JOINER = " … "


@dataclass(frozen=True, slots=True)
class ActorRef:
    """Who a relation points at: an entity, or an unlinked mention's text (``id`` empty)."""

    name: str
    id: str
    type: str

    @property
    def linked(self) -> bool:
        return bool(self.id)


NOBODY = ActorRef("", "", "")


@dataclass(frozen=True, slots=True)
class SpanFacts:
    """What quote and demand rows share: the document, the text and where it is."""

    document_id: str
    document_title: str
    source: str
    published: str
    annotation_id: str
    text: str
    start: int
    end: int
    fragments: str  # "start-end;start-end"
    annotator: str


@dataclass(frozen=True, slots=True)
class QuoteRow:
    span: SpanFacts
    speaker: ActorRef
    form: str


@dataclass(frozen=True, slots=True)
class DemandRow:
    span: SpanFacts
    claimant: ActorRef
    addressee: ActorRef
    issue: str
    position: str


@dataclass(frozen=True, slots=True)
class ActorRow:
    id: str
    name: str
    type: str
    aliases: str  # joined with "; "
    wikidata: str
    note: str
    mentions: int
    quotes: int  # quotes this actor is the speaker of
    demands_made: int  # as claimant
    demands_received: int  # as addressee


def _span_facts(row: tuple[Any, ...]) -> SpanFacts:
    """SpanFacts from the first seven columns of :data:`_SPAN_COLUMNS`."""
    doc_id, title, source, published, ann_id, raw_fragments, who = row[:7]
    fragments = json.loads(raw_fragments)
    return SpanFacts(
        document_id=doc_id,
        document_title=title,
        source=source or "",
        published=published or "",
        annotation_id=ann_id,
        text=FRAGMENT_JOINER.join(f["text"] for f in fragments),
        start=fragments[0]["start"] if fragments else 0,
        end=fragments[-1]["end"] if fragments else 0,
        fragments=";".join(f"{f['start']}-{f['end']}" for f in fragments),
        annotator=who or "",
    )


def _actor(
    mention_fragments: str | None, name: str | None, ent_id: str | None, type_: str | None
) -> ActorRef:
    """The actor a relation's target mention stands for (NOBODY without a relation)."""
    if ent_id is not None:
        return ActorRef(name or "", ent_id, type_ or "")
    if mention_fragments is None:
        return NOBODY
    text = " ".join(f["text"] for f in json.loads(mention_fragments))
    return ActorRef(text, "", "")


_SPAN_COLUMNS = "d.id, d.title, d.source, d.published, x.id, x.fragments, an.name"
_ORDER = 'ORDER BY d.seq, x.start, x."end", x.created, x.id'


def _related(alias: str, annotator_id: str | None) -> tuple[str, str]:
    """(columns, joins) for the target of ``x``'s first relation of the type bound to the
    parameter ``:alias`` (e.g. ``:sp``), as ``alias``; no such relation, no target."""
    who = "" if annotator_id is None else " AND r.annotator = :who AND t.annotator = :who"
    joins = (
        f"LEFT JOIN annotations {alias} ON {alias}.id = ("
        "SELECT r.target FROM relations r JOIN annotations t ON t.id = r.target "
        f"WHERE r.source = x.id AND r.type = :{alias}{who} ORDER BY r.created, r.id LIMIT 1) "
        f"LEFT JOIN entities {alias}_e ON {alias}_e.id = {alias}.entity "
    )
    columns = f"{alias}.fragments, {alias}_e.name, {alias}_e.id, {alias}_e.type"
    return columns, joins


def _select(columns: str, joins: str, annotator_id: str | None, documents: str | None) -> str:
    """The annotations of the label bound to ``:label``, in document order."""
    who = "" if annotator_id is None else " AND x.annotator = :who"
    return (
        f"SELECT {_SPAN_COLUMNS}, {columns} FROM annotations x "
        "JOIN documents d ON d.id = x.document "
        f"LEFT JOIN annotators an ON an.id = x.annotator {joins}"
        f"WHERE x.label = :label{who}{in_documents('d.id', documents)} {_ORDER}"
    )


def iter_quote_rows(
    db: Database, roles: Roles, annotator_id: str | None = None, documents: str | None = None
) -> Iterator[QuoteRow]:
    """The ``speech`` label's annotations with their ``speaker`` (none without a speech label)."""
    if roles.speech is None:
        return
    speaker_columns, speaker_joins = _related("sp", annotator_id)
    sql = _select(
        f"json_extract(x.attributes, '$.form'), {speaker_columns}",
        speaker_joins,
        annotator_id,
        documents,
    )
    params = {"who": annotator_id, "label": roles.speech, "sp": roles.speaker, "docs": documents}
    for row in db.execute(sql, params):
        yield QuoteRow(_span_facts(row), _actor(*row[8:12]), row[7] or "")


def iter_demand_rows(
    db: Database, roles: Roles, annotator_id: str | None = None, documents: str | None = None
) -> Iterator[DemandRow]:
    """The ``claim`` label's annotations with their ``claimant`` and ``addressee``."""
    if roles.claim is None:
        return
    claimant_columns, claimant_joins = _related("cl", annotator_id)
    addressee_columns, addressee_joins = _related("ad", annotator_id)
    sql = _select(
        "json_extract(x.attributes, '$.issue'), json_extract(x.attributes, '$.position'), "
        f"{claimant_columns}, {addressee_columns}",
        claimant_joins + addressee_joins,
        annotator_id,
        documents,
    )
    params = {
        "who": annotator_id,
        "label": roles.claim,
        "cl": roles.claimant,
        "ad": roles.addressee,
        "docs": documents,
    }
    for row in db.execute(sql, params):
        yield DemandRow(
            _span_facts(row),
            claimant=_actor(*row[9:13]),
            addressee=_actor(*row[13:17]),
            issue=row[7] or "",
            position=row[8] or "",
        )


def _role_count(label: str, type_: str, annotator_id: str | None, documents: str | None) -> str:
    """Correlated count of the annotations of the label bound to ``:label`` whose relation of
    the type bound to ``:type_`` points at a mention of entity e (a relation stays in its
    document, so the mention's document is the annotation's)."""
    who = (
        ""
        if annotator_id is None
        else " AND x.annotator = :who AND r.annotator = :who AND m.annotator = :who"
    )
    return (
        "(SELECT count(DISTINCT x.id) FROM annotations m "
        "JOIN relations r ON r.target = m.id "
        f"JOIN annotations x ON x.id = r.source AND x.label = :{label} "
        f"WHERE m.entity = e.id AND r.type = :{type_}{who}"
        f"{in_documents('m.document', documents)})"
    )


def iter_actor_rows(
    db: Database, roles: Roles, annotator_id: str | None = None, documents: str | None = None
) -> Iterator[ActorRow]:
    """The registry, sorted by name, with how often each entity is mentioned and in which role
    (in ``documents``, when given: every entity is listed, with what those documents hold)."""
    mention_who = "" if annotator_id is None else " AND m.annotator = :who"
    mention_who += in_documents("m.document", documents)
    sql = (
        "SELECT e.id, e.name, e.type, e.aliases, e.wikidata, e.note, "
        f"(SELECT count(*) FROM annotations m WHERE m.entity = e.id{mention_who}), "
        f"{_role_count('speech_label', 'speaker_rel', annotator_id, documents)}, "
        f"{_role_count('claim_label', 'claimant_rel', annotator_id, documents)}, "
        f"{_role_count('claim_label', 'addressee_rel', annotator_id, documents)} "
        "FROM entities e ORDER BY e.name COLLATE NOCASE, e.id"
    )
    params = {
        "docs": documents,
        "who": annotator_id,
        "speech_label": roles.speech,
        "claim_label": roles.claim,
        "speaker_rel": roles.speaker,
        "claimant_rel": roles.claimant,
        "addressee_rel": roles.addressee,
    }
    for row in db.execute(sql, params):
        ent_id, name, type_, aliases, wikidata, note, mentions, quotes, made, received = row
        yield ActorRow(
            id=ent_id,
            name=name,
            type=type_ or "",
            aliases="; ".join(json.loads(aliases)),
            wikidata=wikidata or "",
            note=note or "",
            mentions=mentions,
            quotes=quotes,
            demands_made=made,
            demands_received=received,
        )


def count_label(
    db: Database, label: str | None, annotator_id: str | None = None, documents: str | None = None
) -> int:
    """How many annotations of ``label`` there are (0 for None, a role nothing plays)."""
    if label is None:
        return 0
    who = "" if annotator_id is None else " AND annotator = :who"
    who += in_documents("document", documents)
    params = {"label": label, "who": annotator_id, "docs": documents}
    found = db.execute(f"SELECT count(*) FROM annotations WHERE label = :label{who}", params)
    return found.fetchone()[0]


#: How many unknown ids an error names before "and N more".
NAMED_UNKNOWN = 10


def chosen_documents(db: Database, ids: Iterable[str]) -> list[str]:
    """``ids`` without repeats, in their order; an id no document has is a NotFoundError
    naming it (the first :data:`NAMED_UNKNOWN` of them)."""
    chosen = list(dict.fromkeys(ids))
    known = {
        row[0]
        for row in db.execute(
            "SELECT d.id FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))",
            [json.dumps(chosen)],
        )
    }
    unknown = [doc_id for doc_id in chosen if doc_id not in known]
    if unknown:
        named = ", ".join(repr(doc_id) for doc_id in unknown[:NAMED_UNKNOWN])
        more = f" and {len(unknown) - NAMED_UNKNOWN} more" if len(unknown) > NAMED_UNKNOWN else ""
        noun = "document" if len(unknown) == 1 else "documents"
        raise NotFoundError(f"no {noun} with id {named}{more}")
    return chosen


class Datasets:
    """``project.datasets(layer, documents)``: what exports read, for one layer or
    (``layer=None``) all, of chosen documents or (``documents=None``) all.

    Research rows (quotes, demands, actors) and the native shape (header, documents), all
    streamed. With a layer, only its annotations, relations and statuses are read; with
    documents (ids, checked by :func:`chosen_documents`), only those documents, in the
    project's order. The header (schema, annotators, registry) is the project's either way.
    """

    def __init__(
        self,
        db: Database,
        roles: Roles,
        annotator_id: str | None,
        header: dict[str, Any],
        documents: Sequence[str] | None = None,
    ) -> None:
        self._db = db
        self._roles = roles  # which labels and relations are quotes, demands, speakers...
        self.annotator_id = annotator_id  # None: every layer
        #: The chosen documents' ids (None: every document).
        self.document_ids: tuple[str, ...] | None = None if documents is None else tuple(documents)
        self._docs = None if documents is None else json.dumps(list(documents))  # bound as one
        self._header = header
        #: What a writer could not carry in its format (dropped or changed), one line each,
        #: said after the export (e.g. "3 discontinuous spans split into their fragments").
        self.notes: list[str] = []

    def quote_rows(self) -> Iterator[QuoteRow]:
        """Every quote with its document and speaker, in document order (streamed)."""
        return iter_quote_rows(self._db, self._roles, self.annotator_id, self._docs)

    def demand_rows(self) -> Iterator[DemandRow]:
        """Every demand with claimant, addressee, issue and position (streamed)."""
        return iter_demand_rows(self._db, self._roles, self.annotator_id, self._docs)

    def actor_rows(self) -> Iterator[ActorRow]:
        """The registry with counts (in the chosen documents): mentions, quotes spoken, demands
        made and received."""
        return iter_actor_rows(self._db, self._roles, self.annotator_id, self._docs)

    def count_quotes(self) -> int:
        return count_label(self._db, self._roles.speech, self.annotator_id, self._docs)

    def count_demands(self) -> int:
        return count_label(self._db, self._roles.claim, self.annotator_id, self._docs)

    def count_entities(self) -> int:
        return self._db.execute("SELECT count(*) FROM entities").fetchone()[0]

    def entities(self) -> list[Entity]:
        """The registry (shared by every layer), by name."""
        return list_entities(self._db)

    # -- the native shape ---------------------------------------------------------------------

    def header(self) -> dict[str, Any]:
        """Project, schema, annotators (of this selection) and registry."""
        return {
            **self._header,
            "annotators": bundles.annotator_dicts(self._db, self.annotator_id),
            "entities": bundles.entity_dicts(self._db),
        }

    def document_dicts(self) -> Iterator[dict[str, Any]]:
        """Every document with its annotations, relations and status as native-export dicts."""
        return bundles.iter_document_dicts(self._db, self.annotator_id, self._docs)

    def document_json(self) -> Iterator[str]:
        """The same documents as compact JSON text, one string per document (fast)."""
        return bundles.iter_document_json(self._db, self.annotator_id, self._docs)

    def count_documents(self) -> int:
        return bundles.count_documents(self._db, self._docs)
