"""The suggestions layer: what the engines propose, stored as the reserved annotator
``suggestions`` (docs/assist.md).

``project.suggestions`` writes an engine's :class:`~annotator.core.assist.suggested.Suggestions`
for a document into the layer (their roles mapped to the schema's labels and relations), with
each annotation's engine and score in ``suggestion_info``; it reads the *open* suggestions of a
document (those nobody has decided on yet); and it runs an engine over many documents with
progress and cancel. Deciding (accept, reject, undo) is store/suggestion_review.py.

**Verdicts.** A span of a label in a document that somebody accepted or rejected is recorded in
``suggestion_verdicts`` and never suggested again. A rejected suggestion is removed from the
layer; an accepted one stays in it (hidden, as decided), so that a quote accepted later still
finds the speaker it was suggested with, and the layer keeps what the engine proposed for
``annotator agreement --annotators suggestions,NAME``. The layer marks every document an engine
ran over as done, so that agreement compares them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.assist.engines import Engine, Knowledge, link_to_registry
from annotator.core.assist.suggested import Suggestions
from annotator.core.changes import Changes, Written
from annotator.core.errors import ValidationError
from annotator.core.model import Annotation, Fragment, Relation, new_id, now
from annotator.core.reports import ProgressCallback
from annotator.core.schema import Schema
from annotator.store import annotations as ann_sql
from annotator.store import registry as reg_sql
from annotator.store.annotators import SUGGESTIONS_ID
from annotator.store.rows import INSERT_ANNOTATION, annotation_params
from annotator.store.suggestion_review import Decision, Review

if TYPE_CHECKING:
    from annotator.store.layer import Layer
    from annotator.store.project import Project

#: Documents an engine reads at a time in a corpus run (each batch is committed).
BATCH = 100
#: Link role (core/assist) -> the schema's relation role (core/schema ``Roles``).
_ROLE_LINKS = {"speaker": "speaker", "cue": "cue_relation"}
#: Accepted cue texts longer than this many words are not cue words.
_CUE_WORDS_MAX = 4
#: How many of the cues people tagged last extend the lexicon.
_CUES_READ = 5000


@dataclass(frozen=True)
class Suggestion:
    """An open suggestion: its annotation in the suggestions layer, engine and score."""

    annotation: Annotation
    engine: str
    score: float

    @property
    def id(self) -> str:
        return self.annotation.id


@dataclass
class RunReport:
    """What a run wrote: documents read, suggestions per label, and what was left out."""

    engine: str = ""
    documents: int = 0
    suggested: Counter[str] = field(default_factory=Counter)
    skipped_decided: int = 0  # spans somebody accepted or rejected before
    cancelled: bool = False

    @property
    def total(self) -> int:
        return sum(self.suggested.values())


@dataclass(frozen=True)
class LabelCounts:
    open: int = 0
    accepted: int = 0
    rejected: int = 0


class SuggestionStore:
    """``project.suggestions``: the suggestions layer, its verdicts and runs."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._db = project.db

    @property
    def layer(self) -> Layer:
        return self._project.layer(SUGGESTIONS_ID)

    # -- deciding (store/suggestion_review.py) -----------------------------------------------

    def accept(self, ann_ids: Iterable[str], person: Layer) -> Written[Decision]:
        """Accept suggestions into ``person``'s layer, with their speakers and cues."""
        return Review(self._project).accept(ann_ids, person)

    def accept_label(self, doc_id: str, label: str, person: Layer) -> Written[Decision]:
        """Accept every open suggestion of ``label`` in a document."""
        return Review(self._project).accept_label(doc_id, label, person)

    def reject(self, ann_ids: Iterable[str], person: Layer | None = None) -> Written[Decision]:
        """Remove suggestions; their spans are never suggested again."""
        return Review(self._project).reject(ann_ids, person)

    def undo(self, decision: Decision) -> Written[None]:
        return Review(self._project).undo(decision)

    def redo(self, decision: Decision) -> Written[None]:
        return Review(self._project).redo(decision)

    # -- what a project tells its engines ---------------------------------------------------

    def knowledge(self) -> Knowledge:
        """The registry's names and aliases, and the cue words people accepted or tagged
        (of the last 5,000 cues written)."""
        names = tuple(
            (name, entity.id)
            for entity in reg_sql.list_entities(self._db)
            for name in (entity.name, *entity.aliases)
            if name.strip()
        )
        cue = self._project.schema.roles.cue
        cues: set[str] = set()
        if cue is not None:
            # the cues written last (by insertion, through the label's index): a project's
            # cue vocabulary is small, and reading all of 160,000 cues takes seconds
            rows = self._db.execute(
                "SELECT DISTINCT lower(json_extract(fragments, '$[0].text')) FROM (SELECT "
                "fragments FROM annotations WHERE label = ? AND +annotator IS NOT ? "
                "ORDER BY rowid DESC LIMIT ?) WHERE json_array_length(fragments) = 1",
                [cue, SUGGESTIONS_ID, _CUES_READ],
            )
            cues = {r[0].strip() for r in rows if r[0] and r[0].strip()}
        cues = {c for c in cues if len(c.split()) <= _CUE_WORDS_MAX}
        return Knowledge(names, frozenset(cues))

    # -- reading ------------------------------------------------------------------------------

    def open_in(self, doc_id: str, person: Layer | None = None) -> list[Suggestion]:
        """The document's suggestions nobody decided on, in text order; with ``person``,
        without those their layer already holds (same label, same fragments)."""
        if self.layer.annotator_id is None:
            return []
        decided = self.decided_spans(doc_id)
        info = self.info_of(doc_id)
        found = []
        for ann in ann_sql.annotations_of(self._db, doc_id, SUGGESTIONS_ID):
            if (ann.label, ann.start, ann.end) in decided:
                continue
            engine, score = info.get(ann.id, ("", 0.0))
            found.append(Suggestion(ann, engine, score))
        if person is not None and person.annotator_id != SUGGESTIONS_ID:
            return without_taken(found, person.annotations(doc_id))
        return found

    def relations_in(self, doc_id: str) -> list[Relation]:
        return self.layer.relations(doc_id)

    def info_of(self, doc_id: str) -> dict[str, tuple[str, float]]:
        rows = self._db.execute(
            "SELECT s.annotation, s.engine, s.score FROM suggestion_info s "
            "JOIN annotations a ON a.id = s.annotation WHERE a.document = ?",
            [doc_id],
        )
        return {ann_id: (engine, score) for ann_id, engine, score in rows}

    def decided_spans(self, doc_id: str) -> dict[tuple[str, int, int], str]:
        """(label, start, end) -> "accepted" or "rejected", for one document."""
        rows = self._db.execute(
            'SELECT label, start, "end", verdict FROM suggestion_verdicts WHERE document = ?',
            [doc_id],
        )
        return {(label, start, end): verdict for label, start, end, verdict in rows}

    def counts(self, doc_id: str | None = None) -> dict[str, LabelCounts]:
        """Per label: open suggestions, and how many were accepted and rejected (of one
        document, or of the project)."""
        where = "" if doc_id is None else " WHERE document = ?"
        params = [] if doc_id is None else [doc_id]
        tally: dict[str, dict[str, int]] = {}
        for label, verdict, n in self._db.execute(
            f"SELECT label, verdict, count(*) FROM suggestion_verdicts{where} "
            "GROUP BY label, verdict",
            params,
        ):
            tally.setdefault(label, {})[verdict] = n
        open_sql = (
            "SELECT a.label, count(*) FROM annotations a LEFT JOIN suggestion_verdicts v "
            'ON v.document = a.document AND v.label = a.label AND v.start = a.start AND v."end" '
            '= a."end" WHERE a.annotator = ? AND v.verdict IS NULL'
        )
        open_params: list[str] = [SUGGESTIONS_ID]
        if doc_id is not None:
            open_sql += " AND a.document = ?"
            open_params.append(doc_id)
        for label, n in self._db.execute(open_sql + " GROUP BY a.label", open_params):
            tally.setdefault(label, {})["open"] = n
        return {
            label: LabelCounts(t.get("open", 0), t.get("accepted", 0), t.get("rejected", 0))
            for label, t in sorted(tally.items())
        }

    # -- writing an engine's suggestions ----------------------------------------------------

    def store(
        self,
        doc_id: str,
        found: Suggestions,
        labels: Iterable[str] | None = None,
        report: RunReport | None = None,
    ) -> Written[RunReport]:
        """Replace the document's open suggestions (of ``labels``; default every label an
        engine can suggest) with ``found``. Spans somebody decided on are left out."""
        report = report if report is not None else RunReport()
        schema = self._project.schema
        chosen = _labels_for(schema, labels)
        text = self._project.documents.text(doc_id)
        with self._project.transaction() as changes:
            who = self.layer.writer_id()
            kept = self._clear_open(doc_id, set(chosen.values()), changes)
            decided = self.decided_spans(doc_id)
            ids: dict[int, str] = {}
            rows, info = [], []
            stamp = now()
            entities = reg_sql.entity_ids(self._db, {s.entity for s in found.spans if s.entity})
            for index, span in enumerate(found.spans):
                label = chosen.get(span.role)
                if label is None or text[span.start : span.end] != span.text:
                    continue
                key = (label, span.start, span.end)
                if key in decided:
                    report.skipped_decided += 1
                    if decided[key] == "accepted" and key in kept:
                        ids[index] = kept[key]  # links may still point at it
                    continue
                if key in kept:
                    ids[index] = kept[key]
                    continue
                spec = schema.label(label)
                entity = span.entity if spec and spec.entity and span.entity in entities else None
                ann = Annotation(
                    new_id(), doc_id, label, [Fragment(span.start, span.end, span.text)],
                    entity=entity, annotator=who, origin="suggestion", created=stamp,
                    modified=stamp,
                )  # fmt: skip
                rows.append(annotation_params(ann))
                info.append((ann.id, span.engine, float(span.score)))
                ids[index] = ann.id
                kept[key] = ann.id
                report.suggested[label] += 1
            self._db.conn.executemany(INSERT_ANNOTATION, rows)
            self._db.conn.executemany(
                "INSERT INTO suggestion_info (annotation, engine, score) VALUES (?, ?, ?)", info
            )
            changes.added_many("annotation", ((r[0], doc_id, who) for r in rows))
            self._link(found, ids, schema, who, doc_id, stamp, changes)
            reg_sql.set_status(self._db, doc_id, who, "done", stamp)
            changes.status(doc_id, who)
        report.documents += 1
        return Written(report, changes)

    def _clear_open(
        self, doc_id: str, labels: set[str], changes: Changes
    ) -> dict[tuple[str, int, int], str]:
        """Delete the document's open suggestions of ``labels``; the rest, by span."""
        decided = self.decided_spans(doc_id)
        kept: dict[tuple[str, int, int], str] = {}
        gone = []
        for ann in ann_sql.annotations_of(self._db, doc_id, SUGGESTIONS_ID):
            key = (ann.label, ann.start, ann.end)
            if key in decided or ann.label not in labels:
                kept[key] = ann.id
            else:
                gone.append(ann.id)
        for rel in self.layer.relations(doc_id):
            if rel.source in gone or rel.target in gone:
                changes.relation("removed", rel.id, doc_id, SUGGESTIONS_ID)
        self._db.conn.executemany("DELETE FROM annotations WHERE id = ?", [(i,) for i in gone])
        for ann_id in gone:
            changes.annotation("removed", ann_id, doc_id, SUGGESTIONS_ID)
        return kept

    def _link(
        self,
        found: Suggestions,
        ids: dict[int, str],
        schema: Schema,
        who: str,
        doc_id: str,
        stamp: str,
        changes: Changes,
    ) -> None:
        roles = schema.roles
        done: set[tuple[str, str, str]] = set()
        per_source: Counter[tuple[str, str]] = Counter()
        for rel in self.layer.relations(doc_id):
            done.add((rel.type, rel.source, rel.target))
            per_source[(rel.source, rel.type)] += 1
        rows = []
        for link in found.links:
            name = getattr(roles, _ROLE_LINKS.get(link.role, ""), None)
            source, target = ids.get(link.source), ids.get(link.target)
            spec = schema.relation(name) if name else None
            if spec is None or source is None or target is None or source == target:
                continue
            if (spec.name, source, target) in done:
                continue
            if spec.max is not None and per_source[(source, spec.name)] >= spec.max:
                continue
            done.add((spec.name, source, target))
            per_source[(source, spec.name)] += 1
            rows.append((new_id(), spec.name, source, target, who, stamp))
        self._db.conn.executemany(
            "INSERT INTO relations (id, type, source, target, annotator, created) "
            "VALUES (?,?,?,?,?,?)",
            rows,
        )
        changes.added_many("relation", ((r[0], doc_id, who) for r in rows))

    # -- runs -----------------------------------------------------------------------------------

    def run(
        self,
        engine: Engine,
        documents: Sequence[str] | None = None,
        labels: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> RunReport:
        """Suggest over ``documents`` (default: all), a batch committed at a time; a
        cancelled progress keeps the batches done (``report.cancelled``)."""
        ids = list(documents) if documents is not None else self._project.documents.ids()
        wanted = list(labels) if labels is not None else None
        _labels_for(self._project.schema, wanted)  # an unknown label is refused up front
        knowledge = self.knowledge()
        report = RunReport(engine=engine.name)
        for first in range(0, len(ids), BATCH):
            if progress is not None and progress(first, len(ids)):
                report.cancelled = True
                return report
            batch = ids[first : first + BATCH]
            texts = [self._project.documents.text(doc_id) for doc_id in batch]
            with self._project.transaction():
                for doc_id, found in zip(batch, engine.suggest_many(texts), strict=True):
                    self.store(doc_id, link_to_registry(found, knowledge), wanted, report)
        if progress is not None:
            progress(len(ids), len(ids))
        return report


def _extent(fragments: Sequence[Fragment]) -> tuple[tuple[int, int], ...]:
    return tuple((f.start, f.end) for f in fragments)


def without_taken(found: list[Suggestion], theirs: Iterable[Annotation]) -> list[Suggestion]:
    """The suggestions a person's annotations do not hold already (same label, same
    fragments); the window passes the annotations it has in memory."""
    taken = {(a.label, _extent(a.fragments)) for a in theirs}
    return [s for s in found if (s.annotation.label, _extent(s.annotation.fragments)) not in taken]


def _labels_for(schema: Schema, labels: Iterable[str] | None) -> dict[str, str]:
    """Engine role -> the schema's label for it, limited to ``labels`` (names)."""
    roles = schema.roles
    by_role = {
        role: name
        for role, name in (("speech", roles.speech), ("actor", roles.actor), ("cue", roles.cue))
        if name is not None
    }
    if labels is None:
        if not by_role:
            raise ValidationError(
                "the schema has no label for quotes, actor mentions or cues (roles speech, "
                "actor, cue): there is nothing an engine could suggest"
            )
        return by_role
    wanted = list(labels)
    for name in wanted:
        if schema.label(name) is None:
            known = ", ".join(x.name for x in schema.labels)
            raise ValidationError(f"the schema has no label {name!r} (labels: {known})")
        if name not in by_role.values():
            suggestible = ", ".join(by_role.values()) or "none"
            raise ValidationError(
                f"no engine suggests {name!r} (labels with suggestions: {suggestible})"
            )
    return {role: name for role, name in by_role.items() if name in wanted}
