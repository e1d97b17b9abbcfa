"""The ``rules`` engine: quotes, cues and speakers from quotation marks, a lexicon of cue words
and the shapes attribution takes in news, with no model.

Direct quotes are the quotations (“…,” X said / X said: “…”), also those that run on over
several sentences or paragraphs. Indirect quotes are the reports a cue introduces: "X said
(that) …", "X told Y that …", "…, X said.", "according to X, …" / "…, according to X", "X was
quoted (by Y) as saying …", "…, arguing that …". A speaker is found through appositions and
relative clauses ("Its chairman, Simon Breck, who …, said"); of nested reports only the
innermost counts ("the paper reported that the minister had told …"); a pronoun speaker is
resolved to the speaker or subject it most likely refers to.

Everything works on the normalised text and returns code-point offsets into it. The lexicon
can be extended (a project adds the cues its people accepted).

This module finds the direct quotes and makes the suggestions; the rest is in the modules
``rules_*``: the word lists (``rules_lexicon``), the text shapes (``rules_patterns``),
quotations and sentences (``rules_quotations``), clauses (``rules_clauses``), mentions
(``rules_mentions``), speakers and pronouns (``rules_speakers``) and reported speech
(``rules_reports``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from annotator.core.assist.rules_clauses import is_finite
from annotator.core.assist.rules_lexicon import (
    BARE_CLAUSE_CUES,
    CUE_WORDS,
    MORE_CUE_WORDS,
    NEAR_QUOTE_CUES,
    NOT_NAMES,
    NOUN_LIKE_CUES,
    ORG_WORDS,
    PARTICIPLE_CUES,
    PLACE_PREPOSITIONS,
    ROLES,
    TELLING,
    TITLES,
    words_of,
)
from annotator.core.assist.rules_mentions import Mention, capitalised, name_mention
from annotator.core.assist.rules_patterns import (
    AFTER_MARK,
    AFTER_STOP,
    CAPITAL_BEFORE,
    DATELINE,
    DESCRIPTIVE_RE,
    NAME_IN_LINE,
    NAME_RE,
    NATIONALITY,
    NEXT_WORD,
    POSSESSIVE,
    QUOTATION,
    QUOTED_AS,
    REOPENED,
    SENTENCE_PUNCTUATION,
    SPEAKER,
    TAIL,
    WORD_BEFORE,
)
from annotator.core.assist.rules_quotations import Quotation, Sentences, quotations
from annotator.core.assist.rules_reports import ReportRules
from annotator.core.assist.rules_speakers import resolve
from annotator.core.assist.suggested import Suggested, Suggestions

__all__ = [
    "CUE_WORDS",
    "ENGINE",
    "NOUN_LIKE_CUES",
    "QUOTATION",
    "SPEAKER",
    "TELLING",
    "RulesEngine",
    "words_of",
]

ENGINE = "rules"
MIN_QUOTE_WORDS = 4  # fewer, without a cue, is a scare quote or a title


@dataclass
class _Item:
    """A quote to suggest: its span, the mention of its speaker and its cue."""

    start: int
    end: int
    speaker: Mention | None
    cue: tuple[int, int] | None
    score: float
    direct: bool


class RulesEngine(ReportRules):
    """Suggestions for one text at a time; ``extra_cues``: cue words a project accepted."""

    name = ENGINE

    def __init__(self, extra_cues: Iterable[str] = ()) -> None:
        extras = {c.strip().lower() for c in extra_cues if c.strip()}
        self._words = frozenset(CUE_WORDS | MORE_CUE_WORDS | extras)
        self._bare = frozenset(BARE_CLAUSE_CUES | extras)
        every = self._words | NOUN_LIKE_CUES | PARTICIPLE_CUES | NEAR_QUOTE_CUES
        alternation = "|".join(sorted((re.escape(w) for w in every), key=len, reverse=True))
        # the standard library's engine is much faster than regex's at a long alternation
        self._cue = re.compile(rf"(?<![\w\-’'])(?:{alternation}|[Aa]ccording\s+to)(?![\w\-])")

    def suggest(self, text: str) -> Suggestions:
        sentences = Sentences(text)
        marks = quotations(text)
        items = self._direct(text, sentences, marks)
        direct = dict(zip(marks, items, strict=True))
        found_items = [item for item in items if item is not None]
        attributions = [(i.cue[0], i.speaker) for i in found_items if i.cue is not None]
        for report in self._reports(text, sentences, marks, attributions):
            start, end = report.clause
            inside = [
                q
                for q in marks
                if q.outer_start < end
                and start < q.outer_end
                and len(text[q.start : q.end].split()) >= 2
            ]
            if inside:  # a partial quote in reported speech: the quotation is the quote
                for quotation in inside:
                    item = direct[quotation]
                    if item is None:
                        item = _Item(quotation.start, quotation.end, None, None, 0.9, True)
                        direct[quotation] = item
                        found_items.append(item)
                    if item.cue is None:
                        item.cue, item.score = report.cue, 0.9
                        item.speaker = item.speaker or report.speaker
                continue
            found_items.append(_Item(start, end, report.speaker, report.cue, 0.7, direct=False))
        found_items.sort(key=lambda item: item.start)
        self._carry_speakers(text, found_items)
        return self._suggestions(text, sentences, marks, found_items)

    def suggest_many(self, texts: Iterable[str]) -> Iterator[Suggestions]:
        for text in texts:
            yield self.suggest(text)

    # -- direct quotes ------------------------------------------------------------------

    def _direct(
        self, text: str, sentences: Sentences, marks: list[Quotation]
    ) -> list[_Item | None]:
        items: list[_Item | None] = []
        for quotation in marks:
            body = text[quotation.start : quotation.end]
            speaker, cue = self._after_quotation(text, quotation)
            if cue is None:
                speaker, cue = self._before_quotation(text, quotation, sentences)
            if cue is None and len(body.split()) < MIN_QUOTE_WORDS:
                items.append(None)  # a scare quote or a title
                continue
            items.append(
                _Item(quotation.start, quotation.end, speaker, cue, 0.9 if cue else 0.6, True)
            )
        return items

    def _after_quotation(
        self, text: str, quotation: Quotation
    ) -> tuple[Mention | None, tuple[int, int] | None]:
        """“…,” said X / “…,” X said / “…,” X told reporters."""
        start = quotation.outer_end
        if text[start - 1 : start] not in ("”", '"'):
            return None, None
        lead = AFTER_MARK.match(text, start)
        position = lead.end() if lead is not None else start
        stop = AFTER_STOP.search(text, position)
        limit = stop.start() if stop is not None else len(text)
        if text[quotation.end - 1] in ".!?" and text[limit : limit + 1] in (":", "“", '"'):
            return None, None  # “… ended.” He added: “…” introduces the next quotation
        for index, match in enumerate(self._cue.finditer(text, position, min(limit, start + 90))):
            word = match.group().lower()
            if word in PARTICIPLE_CUES and word != "saying":
                continue
            if index == 0 and match.start() == position:  # “…,” said X
                return self._subject_after(text, match.end(), limit), match.span()
            quoted = QUOTED_AS.search(text, position, match.start())
            begin = quoted.start() if quoted is not None else match.start()
            phrase = text[position:begin]
            if "," in phrase or len(phrase.split()) > 7:
                return None, None
            mention = self._np(text, position, begin)
            if mention is None:
                return None, None
            return mention, (begin, match.end())
        return None, None

    def _before_quotation(
        self, text: str, quotation: Quotation, sentences: Sentences
    ) -> tuple[Mention | None, tuple[int, int] | None]:
        """X said: “…” / X told the council, “…” / X was quoted as saying “…” / X called the
        plan “…”."""
        start = quotation.outer_start
        s = max(sentences.at(start)[0], start - 200)
        if s >= start:
            return None, None
        chosen = None
        for match in self._cue.finditer(text, s, start):
            if TAIL.match(text, match.end(), start) is not None:
                chosen = match
        if chosen is None:
            return None, None
        between = text[chosen.end() : start]
        if SENTENCE_PUNCTUATION.search(between) or any(is_finite(w) for w in between.split()):
            return None, None
        quoted = QUOTED_AS.search(text, s, chosen.start())
        cue_start = quoted.start() if quoted is not None else chosen.start()
        subject = self._subject_before(text, s, cue_start)
        return (subject[0] if subject else None), (cue_start, chosen.end())

    # -- the suggestions ----------------------------------------------------------------

    def _carry_speakers(self, text: str, items: list[_Item]) -> None:
        """A quotation right after an attributed one, in the same paragraph and separated
        only by its attribution (“We will,” she said, “not give up”), has the same speaker
        and cue; a quotation with no cue at all, the speaker of the quote before it in its
        paragraph."""
        for before, after in itertools.pairwise(items):
            if after.speaker is not None or not after.direct:
                continue
            gap = text[before.end : after.start]
            if "\n" in gap or before.speaker is None:
                continue
            attributed = before.cue is not None and before.end <= before.cue[0] < after.start
            if (
                before.direct
                and attributed
                and len(SENTENCE_PUNCTUATION.findall(gap)) <= 1
                and REOPENED.search(gap)
            ):
                after.speaker = before.speaker
                after.cue = after.cue or before.cue
            elif after.cue is None:
                after.speaker = before.speaker
        for item in items:
            if item.direct and item.cue is None and item.speaker is None:
                item.speaker = self._named_in_paragraph(text, item.start)

    def _named_in_paragraph(self, text: str, at: int) -> Mention | None:
        """The last person named in the paragraph before ``at``: who a quotation with no
        attribution most likely comes from ("For Diallo-Reyes, … “My grandfather …”")."""
        begin = text.rfind("\n", 0, at) + 1
        last = None
        for match in NAME_RE.finditer(text, begin, at):
            start = match.start()
            for word in match.group().split():
                if word not in NOT_NAMES:
                    break
                start += len(word) + 1
            if start >= match.end():
                continue
            mention = name_mention(text, start, match.end())
            if mention.group == "person":
                last = mention
        return last

    def _suggestions(
        self, text: str, sentences: Sentences, marks: list[Quotation], items: list[_Item]
    ) -> Suggestions:
        found = Suggestions()
        history: list[tuple[Mention, Mention]] = []  # (mention, what it stands for)
        aliases: list[tuple[int, str, Mention]] | None = None  # made for the first pronoun
        for item in items:
            quote = found.add(
                Suggested(
                    "speech",
                    item.start,
                    item.end,
                    text[item.start : item.end],
                    ENGINE,
                    item.score,
                )
            )
            if item.cue is not None:
                a, b = item.cue
                at = found.add(Suggested("cue", a, b, text[a:b], ENGINE, 0.85))
                found.link("cue", quote, at)
            speaker = item.speaker
            if speaker is None or speaker.kind == "thing":
                continue
            target = _add_actor(found, text, speaker, _SCORES[speaker.kind])
            stands_for = speaker
            if speaker.kind == "pronoun":
                if aliases is None:
                    aliases = self._aliases(text, sentences)
                    history += [(m, m) for m in self._subjects(text, sentences, marks)]
                resolved = resolve(text, speaker, history, aliases)
                if resolved is None:
                    history.append((speaker, speaker))
                    continue
                target = _add_actor(found, text, resolved, 0.6)
                stands_for = resolved
            history.append((speaker, stands_for))
            found.link("speaker", quote, target)
        _add_names(text, sentences, found)
        return found


_SCORES = {"name": 0.8, "descriptive": 0.7, "pronoun": 0.6}


def _add_names(text: str, sentences: Sentences, found: Suggestions) -> None:
    """Actor mentions for the other names of people and organisations, leaving out places
    ("talks in Geneva"), nationality adjectives ("Corvessan fish"), a dateline and
    capitalised words that only begin sentences ("Automation has …"); and descriptions
    ("the union", "Ostrel’s defence ministry")."""
    covered = bytearray(len(text) + 1)  # where an actor mention is already
    for span in found.spans:
        if span.role == "actor":
            covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    starts = {s for s, _ in sentences.spans}
    dateline = DATELINE.match(text)
    begin = dateline.end() if dateline is not None else 0
    for match in NAME_IN_LINE.finditer(text, begin):
        start, end = match.span()
        for word in match.group().split():
            if word not in NOT_NAMES and word not in TITLES:
                break
            start += len(word) + 1
        if start >= end:
            continue
        possessive = POSSESSIVE.search(text, start, end)
        end = start + len(POSSESSIVE.sub("", text[start:end]))
        words = text[start:end].split()
        if any(covered[start:end]):
            continue
        org = any(w in ORG_WORDS for w in words)
        before = WORD_BEFORE.search(text, max(0, start - 20), start)
        if (
            not org
            and possessive is None
            and before is not None
            and before.group(1) in PLACE_PREPOSITIONS
        ):
            continue  # a place: "in Geneva", "from Selmo"
        if len(words) == 1 and possessive is None:
            word = words[0]
            if NATIONALITY.fullmatch(word) and text[end : end + 2].strip()[:1].islower():
                continue  # "Corvessan fish"
            opening = start in starts or text[start - 1 : start] in ("“", '"')
            elsewhere = [
                at
                for at, _ in capitalised(text).get(word, ())
                if at not in starts and text[at - 1 : at] not in ("“", '"')
            ]
            if opening and not elsewhere:
                continue  # "Automation has already cut jobs"
        # a new span (nothing covers its place yet), so no need for Suggestions.add
        found.spans.append(Suggested("actor", start, end, text[start:end], ENGINE, 0.5))
        covered[start:end] = b"\x01" * (end - start)
    for match in DESCRIPTIVE_RE.finditer(text, begin):
        start, end = match.span(1) if match.group(1) else match.span(2)
        following = NEXT_WORD.match(text, end)
        while following is not None and following.group(1) in ROLES:  # "the police chief"
            end = following.end()
            following = NEXT_WORD.match(text, end)
        if any(covered[start:end]):
            continue
        if match.group(2) and not CAPITAL_BEFORE.search(text, max(0, start - 40), start - 3):
            continue  # only after a name: "Ostrel’s defence ministry"
        if any(is_finite(w) for w in text[start:end].split()[1:]):
            continue  # "the delay would give farmers"
        before = WORD_BEFORE.search(text, max(0, start - 20), start)
        if before is not None and before.group(1) in PLACE_PREPOSITIONS:
            continue  # "outside the court", "in parliament"
        found.spans.append(Suggested("actor", start, end, text[start:end], ENGINE, 0.4))
        covered[start:end] = b"\x01" * (end - start)


def _add_actor(found: Suggestions, text: str, mention: Mention, score: float) -> int:
    span = Suggested(
        "actor", mention.start, mention.end, text[mention.start : mention.end], ENGINE, score
    )
    return found.add(span)
