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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from annotator.core.assist import rules_patterns as rp
from annotator.core.assist.rules_patterns import (
    CUE_WORDS,
    NOUN_LIKE_CUES,
    QUOTATION,
    SPEAKER,
    TELLING,
    Mention,
    Quotation,
    Sentences,
    words_of,
)
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
class _Report:
    """A cue with what it attributes: the clause it reports (or a quotation)."""

    clause: tuple[int, int]
    cue: tuple[int, int]
    speaker: Mention | None
    subject: int  # where the speaker (or the attribution) starts
    head: int  # where the attribution starts, with the "and" or "," before it
    after: bool  # the report follows its cue ("X said that …"), not "…, X said."
    word: str  # the cue word, in lower case


@dataclass
class _Item:
    """A quote to suggest: its span, the mention of its speaker and its cue."""

    start: int
    end: int
    speaker: Mention | None
    cue: tuple[int, int] | None
    score: float
    direct: bool


class RulesEngine:
    """Suggestions for one text at a time; ``extra_cues``: cue words a project accepted."""

    name = ENGINE

    def __init__(self, extra_cues: Iterable[str] = ()) -> None:
        extras = {c.strip().lower() for c in extra_cues if c.strip()}
        self._words = frozenset(CUE_WORDS | rp.MORE_CUE_WORDS | extras)
        self._bare = frozenset(rp.BARE_CLAUSE_CUES | extras)
        every = self._words | NOUN_LIKE_CUES | rp.PARTICIPLE_CUES | rp.NEAR_QUOTE_CUES
        alternation = "|".join(sorted((re.escape(w) for w in every), key=len, reverse=True))
        # the standard library's engine is much faster than regex's at a long alternation
        self._cue = re.compile(rf"(?<![\w\-’'])(?:{alternation}|[Aa]ccording\s+to)(?![\w\-])")

    def suggest(self, text: str) -> Suggestions:
        sentences = Sentences(text)
        marks = rp.quotations(text)
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
        lead = rp.AFTER_MARK.match(text, start)
        position = lead.end() if lead is not None else start
        stop = rp.AFTER_STOP.search(text, position)
        limit = stop.start() if stop is not None else len(text)
        if text[quotation.end - 1] in ".!?" and text[limit : limit + 1] in (":", "“", '"'):
            return None, None  # “… ended.” He added: “…” introduces the next quotation
        for index, match in enumerate(self._cue.finditer(text, position, min(limit, start + 90))):
            word = match.group().lower()
            if word in rp.PARTICIPLE_CUES and word != "saying":
                continue
            if index == 0 and match.start() == position:  # “…,” said X
                return self._subject_after(text, match.end(), limit), match.span()
            quoted = rp.QUOTED_AS.search(text, position, match.start())
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
            if rp.TAIL.match(text, match.end(), start) is not None:
                chosen = match
        if chosen is None:
            return None, None
        between = text[chosen.end() : start]
        if rp.SENTENCE_PUNCTUATION.search(between) or any(rp.is_finite(w) for w in between.split()):
            return None, None
        quoted = rp.QUOTED_AS.search(text, s, chosen.start())
        cue_start = quoted.start() if quoted is not None else chosen.start()
        subject = self._subject_before(text, s, cue_start)
        return (subject[0] if subject else None), (cue_start, chosen.end())

    # -- reports (indirect quotes) ----------------------------------------------------

    def _reports(
        self,
        text: str,
        sentences: Sentences,
        marks: list[Quotation],
        attributions: list[tuple[int, Mention | None]],
    ) -> list[_Report]:
        """The reports of every sentence; ``attributions``: where the cues of direct quotes
        are, and their speakers (what a participle after them refers to)."""
        inside = bytearray(len(text) + 1)  # the speakers' own words
        for quotation in marks:
            inside[quotation.start : quotation.end] = b"\x01" * (quotation.end - quotation.start)
        reports: list[_Report] = []
        for s, e in sentences.spans:
            here: list[_Report] = []
            attributed = [(c, m) for c, m in attributions if s <= c < e]
            for match in self._cue.finditer(text, s, e):
                if inside[match.start()]:
                    continue
                before = [(c, m) for c, m in attributed if c < match.start()]
                before += [(r.cue[0], r.speaker) for r in here]
                report = self._report(text, s, e, match, sorted(before, key=lambda p: p[0]))
                if report is not None:
                    here.append(report)
            reports.extend(_settle(text, here))
        return reports

    def _report(
        self,
        text: str,
        s: int,
        e: int,
        match: re.Match[str],
        earlier: list[tuple[int, Mention | None]],
    ) -> _Report | None:
        """The report of the cue ``match`` in the sentence [s, e); ``earlier``: the cues
        before it in the sentence, with their speakers."""
        word = match.group().lower()
        cue_start, cue_end = match.span()
        if word.startswith("according"):
            return self._according(text, s, e, match)
        if word in rp.PARTICIPLE_CUES:
            quoted = rp.QUOTED_AS.search(text, s, cue_start)
            if quoted is not None:  # X was quoted (by Y) as saying (that) …
                clause = self._clause_after(text, cue_end, e, "said")
                subject = self._subject_before(text, s, quoted.start())
                if clause is None or subject is None:
                    return None
                speaker, at, head = subject
                return _Report(
                    (clause, e), (quoted.start(), cue_end), speaker, at, head, True, word
                )
            return self._participle(text, s, e, match, earlier)
        if word in rp.NEAR_QUOTE_CUES:
            return None
        if word in NOUN_LIKE_CUES and (
            not rp.THAT.match(text, cue_end, e) or rp.NOUN_BEFORE.search(text, s, cue_start)
        ):
            return None  # "the union’s demands that …"
        rest = rp.ADVERBIAL.match(text, cue_end)
        if rest is not None and text[rest.end() : e].strip() == "":
            return self._postposed(text, s, e, match)
        before = text[s:cue_start].rstrip()
        if before.endswith(",") and not rp.starts_clause(text, cue_end + 1, e):
            postposed = self._postposed(text, s, e, match)  # …, said X, a spokesman.
            if postposed is not None:
                return postposed
        clause = self._clause_after(text, cue_end, e, word)
        if clause is None:
            return None
        subject = self._subject_before(text, s, cue_start)
        if subject is None:
            if rp.COORDINATION.search(text, s, cue_start) is None:
                return None
            speaker = earlier[-1][1] if earlier else self._leading_np(text, s, cue_start)[0]
            at = head = text.rfind(" ", s, cue_start - 1)
        else:
            speaker, at, head = subject
        return _Report((clause, e), (cue_start, cue_end), speaker, at, head, True, word)

    def _clause_after(self, text: str, position: int, e: int, word: str) -> int | None:
        """Where the report a cue at ``position`` introduces starts, if it does."""
        if word in rp.LISTENER_CUES:  # told reporters (at a briefing) that …
            told = rp.TOLD_THAT.match(text, position, e)
            if told is not None:
                between = text[position : told.end()].split()[:-1]
                first = between[0].lower()
                if (first not in rp.PREPOSITIONS or first in rp.ADVERB_STARTS) and not any(
                    w.lower() in ("which", "who") or w.lower() in self._words for w in between
                ):
                    return told.end() if rp.clause_ok(text, told.end(), e) else None
            if word in TELLING:  # told council members (that) the budget was exhausted
                return self._after_listener(text, position, e)
        rest = rp.ADVERBIAL.match(text, position, e)
        after = rest.end() if rest is not None else position
        that = rp.THAT.match(text, after, e)
        if that is not None:
            return that.end() if rp.clause_ok(text, that.end(), e) else None
        for begin in (position, after):
            scan = rp.THAT_LATER.match(text, begin, e)
            if scan is not None and scan.group(1) in rp.ADVERB_STARTS:
                between = text[begin : scan.end()].split()[:-1]
                if not any(rp.is_finite(w) or w in self._words for w in between):
                    return scan.end() if rp.clause_ok(text, scan.end(), e) else None
        if word in self._bare or word in rp.BARE_PARTICIPLES:
            begin = after
            while begin < e and text[begin] in " ,":
                begin += 1
            if rp.starts_clause(text, begin, e, strict=word in rp.NOUN_OBJECT_CUES):
                return begin
        return None

    def _after_listener(self, text: str, position: int, e: int) -> int | None:
        """Where the report starts after "told" and a listener of one to three words, when
        no "that" comes: at a pronoun, a determiner, a name or a number that opens a clause."""
        words = list(itertools.islice(rp.words_in(text, position, e), 5))
        if not words or words[0].group().lower() in rp.PREPOSITIONS:
            return None
        colon = text.find(":", position, words[-1].end())
        if colon >= 0:
            words = [w for w in words if w.start() < colon]  # told the Ledger: …
        for word in words[1:4]:
            w = word.group()
            if rp.is_finite(w) or w.lower() in rp.PREPOSITIONS:
                return None
            opens = w.lower() in rp.SUBJECT_PRONOUNS or w.lower() in rp.DETERMINERS
            if (opens or w[:1].isupper() or w[:1].isdigit()) and rp.starts_clause(
                text, word.start(), e
            ):
                return word.start()
        return None

    def _postposed(self, text: str, s: int, e: int, match: re.Match[str]) -> _Report | None:
        """…, X said (on Monday). / …, said X(, a spokesman)."""
        cue_start, cue_end = match.span()
        before = text[s:cue_start].rstrip()
        if before.endswith(","):  # inverted: …, said X
            comma = s + len(before) - 1
            speaker = self._subject_after(text, cue_end, e)
            if speaker is None:
                return None
            at = comma
        else:
            comma = text.rfind(",", s, cue_start)
            if comma < 0 or not text[comma + 1 : comma + 2].isspace():
                return None
            phrase_end = rp.strip_aux(text, comma + 1, cue_start)
            if rp.MARKS.search(text, comma, cue_start):
                return None
            words = text[comma + 1 : phrase_end].split()
            if not words or len(words) > 7:
                return None
            speaker = self._np(text, comma + 1, phrase_end)
            if speaker is None:
                return None
            at = comma
        clause = rp.trim(text, s, comma)
        words = [w.group() for w in rp.words_in(text, clause[0], clause[1])]
        if len(words) < 3 or not any(rp.is_finite(w) for w in words):
            return None
        return _Report(clause, (cue_start, cue_end), speaker, at, at, False, match.group().lower())

    def _according(self, text: str, s: int, e: int, match: re.Match[str]) -> _Report | None:
        """According to X, … / …, according to X."""
        cue_start, cue_end = match.span()
        before = text[s:cue_start].rstrip()
        if before == "":  # According to X, …
            comma = rp.COMMA.search(text, cue_end, e)
            if comma is None:
                return None
            speaker = self._np(text, cue_end, comma.start())
            after = comma.end()
            while True:  # According to X, who …, / According to the speaker, Giulia Marchi,
                skip = rp.NAME_COMMA.match(text, after, e)
                if skip is not None and speaker is not None and speaker.kind != "name":
                    speaker = self._np(text, skip.start(1), skip.end(1))
                elif skip is None:
                    skip = rp.RELATIVE_COMMA.match(text, after, e)
                if skip is None:
                    break
                after = skip.end()
            begin, end = rp.trim(text, after, e)
            if end - begin < 8:
                return None
            return _Report((begin, end), match.span(), speaker, cue_start, cue_start, True, "")
        speaker = self._subject_after(text, cue_end, e)
        stop = rp.SUBJECT_STOP.search(text, cue_end, e)
        if (
            stop is not None
            and text[stop.start() : e].strip(" ,") != ""
            and rp.COMMA_NAME_END.match(text, stop.start(), e) is None  # …, Giulia Marchi.
        ):
            if not before.endswith(",") or text[stop.start()] != ",":
                return None
            # "The government, according to the paper, had been warned": the whole sentence
            return _Report((s, e), match.span(), speaker, cue_start, cue_start, False, "")
        clause = rp.trim(text, s, s + len(before))  # …, according to X.
        if clause[1] - clause[0] < 8 or not any(
            rp.is_finite(w.group()) for w in rp.words_in(text, clause[0], clause[1])
        ):
            return None
        return _Report(clause, match.span(), speaker, clause[1], clause[1], False, "")

    def _participle(
        self,
        text: str,
        s: int,
        e: int,
        match: re.Match[str],
        earlier: list[tuple[int, Mention | None]],
    ) -> _Report | None:
        """…, arguing that … : the report of the subject of the clause before."""
        cue_start, cue_end = match.span()
        lead = rp.PARTICIPLE_LEAD.search(text, s, cue_start)
        if lead is None:
            return None
        word = match.group().lower()
        clause = self._clause_after(text, cue_end, e, word)
        if clause is None:
            return None
        head = lead.start()
        speaker = earlier[-1][1] if earlier else self._participle_subject(text, s, head)
        return _Report((clause, e), (cue_start, cue_end), speaker, head, head, True, word)

    def _participle_subject(self, text: str, s: int, end: int) -> Mention | None:
        cuts = [s] + [m.end() for m in rp.COMMA.finditer(text, s, end)]
        bounds = list(zip(cuts, [*[c - 1 for c in cuts[1:]], end], strict=True))
        candidate: Mention | None = None
        for a, b in reversed(bounds):
            mention, verb = self._leading_np(text, a, b)
            if mention is not None and verb:
                return mention
            if mention is not None and (candidate is None or mention.kind == "name"):
                candidate = mention
        return candidate

    # -- speakers -----------------------------------------------------------------------

    def _subject_before(
        self, text: str, s: int, cue: int
    ) -> tuple[Mention | None, int, int] | None:
        """The speaker before a cue at ``cue``: (mention, where it starts, where the
        attribution starts); None when what is there is no subject (a clause, nothing)."""
        end = rp.strip_aux(text, s, cue)
        if text[s:end].rstrip().endswith(","):
            return self._apposition(text, s, s + len(text[s:end].rstrip()) - 1)
        start = s
        head = s
        for boundary in rp.BOUNDARY.finditer(text, s, cue):
            start, head = min(boundary.end(), end), boundary.start()
        for verb in self._cue.finditer(text, start, end):  # "reports say X told …"
            if verb.group().islower() and verb.group() in self._words:
                start = head = verb.end()
        if start > s and text[head:start].strip() == "and":
            joined = [b.end() for b in rp.BOUNDARY.finditer(text, s, head)]
            first = joined[-1] if joined else s
            if not self._has_verb(text, first, head) and head - first < 60:
                start = first  # "Tarvania and Corvessa said"
        if text[start:end].strip() == "":
            return None
        mention = self._np(text, start, end)
        if mention is None:
            return None
        return mention, start, head

    def _apposition(self, text: str, s: int, comma: int) -> tuple[Mention | None, int, int] | None:
        """X, Y(, who …), said: the name of the two, else the first."""
        cuts = [s] + [m.end() for m in rp.COMMA.finditer(text, s, comma)]
        bounds = list(zip(cuts, [*[c - 1 for c in cuts[1:]], comma], strict=True))
        chain: list[tuple[int, int]] = []
        for a, b in reversed(bounds):
            relative = rp.RELATIVE.search(text, a, b)
            if relative is not None:  # "a lorry driver who had been waiting …"
                b = relative.start()
            words = text[a:b].split()
            if not words:
                continue
            first = words[0].lower()
            if first in rp.APPOSITION_SKIPS or words[0].isdigit():
                if chain:
                    break
                continue
            if first in rp.PREPOSITIONS or self._has_verb(text, a, b) or len(words) > 10:
                break
            chain.append((a, b))
            if len(chain) == 2:
                break
        mentions = [(m, a) for a, b in chain if (m := self._np(text, a, b)) is not None]
        if not mentions:
            return None
        named = [mention for mention, _ in mentions if mention.kind == "name"]
        start = min(a for a, _ in chain)
        return (named[0] if named else mentions[-1][0]), start, start

    def _subject_after(self, text: str, position: int, e: int) -> Mention | None:
        """The speaker after an inverted cue: "said Ola Berg, the union leader", "said the
        federation's president, Mihai Lorant"."""
        stop = rp.SUBJECT_STOP.search(text, position, e)
        end = stop.start() if stop is not None else e
        mention = self._np(text, position, end)
        if mention is not None and mention.kind != "name" and stop is not None:
            apposition = rp.COMMA_NAME.match(text, end, e)
            if apposition is not None:
                named = self._np(text, apposition.start(1), apposition.end(1))
                if named is not None and named.kind == "name":
                    return named
        return mention

    def _leading_np(self, text: str, a: int, b: int) -> tuple[Mention | None, bool]:
        """The noun phrase a clause starts with, and whether a verb follows it."""
        lead = rp.SUBORDINATOR.match(text, a, b)
        start = lead.end() if lead is not None else a
        first = rp.FIRST_WORD.match(text, start, b)
        if first is None:
            return None, False
        if first.group(1).lower() in rp.PREPOSITIONS:
            comma = rp.COMMA.search(text, start, b)
            if comma is None:
                return None, False
            start = comma.end()
        comma = rp.COMMA.search(text, start, min(b, start + 60))
        if comma is not None:  # "The bank’s deputy governor, Ingrid Sahl, will …"
            apposition = self._apposition_at(text, start, comma.start(), b)
            if apposition is not None:
                return apposition, True
        end = None
        for word in rp.words_in(text, start, b):
            w = word.group()
            verb = w.islower() and (rp.is_finite(w) or w in self._words)
            if verb or w.lower() in ("who", "which"):
                end = word.start()
                break
            if w.lower() in rp.FINITE_FIRST and word.start() == first.start(1):
                return None, False
        mention = self._np(text, start, end if end is not None else b)
        return mention, end is not None

    def _apposition_at(self, text: str, start: int, comma: int, b: int) -> Mention | None:
        """The subject "X, Y," a sentence starts with, by its name if one of the two is."""
        second = rp.SECOND_PART.match(text, comma + 1, b)
        if second is None:
            return None
        first = self._np(text, start, comma)
        other = self._np(text, second.start(1), second.end(1))
        if first is None or other is None or self._has_verb(text, start, second.end(1)):
            return None
        return other if other.kind == "name" and first.kind != "name" else first

    def _has_verb(self, text: str, a: int, b: int) -> bool:
        return any(
            w.group().islower() and (w.group() in rp.FINITE_FIRST or w.group() in self._words)
            for w in rp.words_in(text, a, b)
        )

    def _np(self, text: str, a: int, b: int) -> Mention | None:
        """The mention a subject phrase makes, or None if it is no noun phrase."""
        while a < b and text[a] in " ,;:—–(":
            a += 1
        while b > a and text[b - 1] in " ,;:—–)":
            b -= 1
        if a >= b or rp.MARKS_OR_BREAK.search(text, a, b):
            return None
        phrase = text[a:b]
        if rp.PRONOUN_RE.fullmatch(phrase):
            lower = phrase.lower()
            group = "person" if lower in ("he", "she") else ("org" if lower == "it" else "group")
            return Mention(a, b, "pronoun", group)
        whole = b
        for cut in rp.POSTMODIFIER.finditer(text, a, b):
            left = text[a : cut.start()].split()[-1:]
            right = text[cut.end() : b].split()[:1]
            if (
                cut.group().strip() == "of"
                and left
                and left[0] in rp.ORG_WORDS
                and right
                and right[0][:1].isupper()
            ):
                continue  # "Union of Northern States", "Ministry of Finance"
            b = cut.start()
            break
        phrase = text[a:b]
        words = phrase.split()
        if not words or len(words) > 8 or words[0].lower() in rp.PREPOSITIONS:
            return None
        if any(w.lower() in rp.PERSONAL for w in words):
            return None  # "We", "Soon they": no mention of a speaker
        if words[-1].lower() in rp.NOT_CLAUSE_STARTS and words[-1].lower() not in rp.DETERMINERS:
            return None  # "… to talks and"
        if words[0].lower() in rp.NOT_CLAUSE_STARTS and words[0].lower() not in rp.DETERMINERS:
            return None
        if any(w.islower() and (w in rp.FINITE_FIRST or w in self._words) for w in words):
            return None
        head = words[-1].lower()
        if head in rp.INANIMATE or (head.endswith("s") and head[:-1] in rp.INANIMATE):
            source = rp.FROM.match(text, b, whole)  # "A statement from the ministry"
            if source is not None:
                mention = self._np(text, source.end(), whole)
                if mention is not None:
                    return mention
            return Mention(a, b, "thing")
        possessor = rp.POSSESSOR.match(text, a, b)
        if possessor is not None and possessor.end() < b:  # Ostrel’s agriculture ministry
            return rp.descriptive_mention(text, possessor.end(), b)
        if words[0] in rp.NOT_NAMES or words[0].islower():
            glued = rp.TRAILING_NAME.search(text[a:b])
            if (
                glued is not None
                and glued.group(2).split()[0] not in rp.NOT_NAMES
                and glued.group(1) not in rp.PARTICLES
            ):
                # "the charity Red Lantern Relief"
                named = rp.name_mention(text, a + glued.start(2), b)
                if glued.group(1).lower() in rp.ORG_NOUNS:
                    return replace(named, group="org")
                return named
            if words[0] == "The" and len(words) > 1 and all(rp.capital(w) for w in words[1:]):
                return rp.name_mention(text, a + 4, b)
            return rp.descriptive_mention(text, a, b)
        if len(words) == 1 and rp.PLURAL_ROLE.fullmatch(words[0].lower()):
            return rp.descriptive_mention(text, a, b)  # "Economists said", "Traders said"
        if all(rp.capital(w) for w in words):
            titled = [i for i, w in enumerate(words[:-1]) if w in rp.TITLES]
            if titled:
                skip = len(" ".join(words[: titled[-1] + 1])) + 1
                return replace(rp.name_mention(text, a + skip, b), group="person")
            return rp.name_mention(text, a, b)
        glued = rp.TRAILING_NAME.search(phrase)  # "Opposition leader Lars Ekdal"
        if glued is not None and glued.group(1) not in rp.PARTICLES:
            return replace(rp.name_mention(text, a + glued.start(2), b), group="person")
        return rp.descriptive_mention(text, a, b)

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
                and len(rp.SENTENCE_PUNCTUATION.findall(gap)) <= 1
                and rp.REOPENED.search(gap)
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
        for match in rp.NAME_RE.finditer(text, begin, at):
            start = match.start()
            for word in match.group().split():
                if word not in rp.NOT_NAMES:
                    break
                start += len(word) + 1
            if start >= match.end():
                continue
            mention = rp.name_mention(text, start, match.end())
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
                resolved = _resolve(text, speaker, history, aliases)
                if resolved is None:
                    history.append((speaker, speaker))
                    continue
                target = _add_actor(found, text, resolved, 0.6)
                stands_for = resolved
            history.append((speaker, stands_for))
            found.link("speaker", quote, target)
        _add_names(text, sentences, found)
        return found

    def _subjects(self, text: str, sentences: Sentences, marks: list[Quotation]) -> list[Mention]:
        """The named subjects of sentences ("Agriculture Minister Sabina Rota met …"): what
        a later "she" may refer to."""
        out = []
        for s, e in sentences.spans:
            first = text[s : s + 12].split()[:1]
            if not first or not first[0][:1].isupper() or first[0] in rp.NOT_SUBJECTS:
                continue
            if any(q.start <= s < q.end for q in marks):
                continue  # a sentence of someone's own words
            mention, verb = self._leading_np(text, s, min(e, s + 120))
            if mention is None or not verb:
                continue
            head = text[mention.start : mention.end].split()[-1].lower()
            if mention.kind == "name" or (mention.kind == "descriptive" and head in rp.ROLES):
                out.append(mention)
        return out

    def _aliases(self, text: str, sentences: Sentences) -> list[tuple[int, str, Mention]]:
        """Descriptions that a name in apposition or a title names: (where, the head noun,
        the name), as in "Its chairman, Simon Breck," or "Education Minister Vera Halasz"."""
        out = []
        for match in rp.ALIAS.finditer(text):
            if match.group(1):
                noun, name_span = match.group(1), match.span(2)
            else:
                if match.group(3) not in rp.TITLES:
                    continue
                noun, name_span = match.group(3).lower(), match.span(4)
            out.append((match.start(), noun, Mention(*name_span, "name", "person")))
        return out


_SCORES = {"name": 0.8, "descriptive": 0.7, "pronoun": 0.6}


def _settle(text: str, reports: list[_Report]) -> list[_Report]:
    """The reports of one sentence as quotes: a report stops where the next begins ("said
    …, though it noted that …"), and of nested ones only the innermost counts ("the paper
    reported that the minister had told …")."""
    kept: list[_Report] = []
    for index, report in enumerate(reports):
        start, end = report.clause
        nested = False
        for later in reports[index + 1 :]:
            if not report.after or not later.after:
                continue
            if start - 1 <= later.subject <= start + 1 and later.word in rp.NESTING_CUES:
                nested = True  # the inner report is the one to annotate
                break
            if start < later.head < end:
                end = later.head
        if nested:
            continue
        outside = rp.OUTSIDE_REPORT.search(text, start, end)
        if outside is not None and report.after:
            end = outside.start()
        cut = rp.TRAILING_CONNECTOR.search(text, start, end)
        if cut is not None:
            end = cut.start()
        if len(text[start:end].split()) < 2:
            continue
        if any(k.clause[0] < end and start < k.clause[1] for k in kept):
            continue
        kept.append(replace(report, clause=(start, end)))
    return kept


def _resolve(
    text: str,
    pronoun: Mention,
    history: list[tuple[Mention, Mention]],
    aliases: list[tuple[int, str, Mention]],
) -> Mention | None:
    """The mention a pronoun speaker most likely stands for: the latest speaker or named
    subject before it of the same sort (a person for "he"/"she", an organisation for "it"),
    by its name when a description of it was named ("The rector … Anna Weller")."""
    wants = {"person": ("person",), "org": ("org", "unknown"), "group": ("group", "org")}
    ordered = sorted(history, key=lambda pair: pair[0].start)
    for mention, stands_for in reversed(ordered):
        if mention.end > pronoun.start or (mention.kind == "pronoun" and mention == stands_for):
            continue
        if stands_for.group not in wants[pronoun.group] and not (
            pronoun.group == "person"
            and stands_for.group == "unknown"
            and len(text[stands_for.start : stands_for.end].split()) >= 2
        ):
            continue
        if stands_for.kind == "descriptive":
            noun = text[stands_for.start : stands_for.end].split()[-1].lower()
            named = [m for at, n, m in aliases if n == noun and at <= stands_for.start]
            if named:
                return named[-1]
        return stands_for
    return None


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
    dateline = rp.DATELINE.match(text)
    begin = dateline.end() if dateline is not None else 0
    for match in rp.NAME_IN_LINE.finditer(text, begin):
        start, end = match.span()
        for word in match.group().split():
            if word not in rp.NOT_NAMES and word not in rp.TITLES:
                break
            start += len(word) + 1
        if start >= end:
            continue
        possessive = rp.POSSESSIVE.search(text, start, end)
        end = start + len(rp.POSSESSIVE.sub("", text[start:end]))
        words = text[start:end].split()
        if any(covered[start:end]):
            continue
        org = any(w in rp.ORG_WORDS for w in words)
        before = rp.WORD_BEFORE.search(text, max(0, start - 20), start)
        if (
            not org
            and possessive is None
            and before is not None
            and before.group(1) in rp.PLACE_PREPOSITIONS
        ):
            continue  # a place: "in Geneva", "from Selmo"
        if len(words) == 1 and possessive is None:
            word = words[0]
            if rp.NATIONALITY.fullmatch(word) and text[end : end + 2].strip()[:1].islower():
                continue  # "Corvessan fish"
            opening = start in starts or text[start - 1 : start] in ("“", '"')
            elsewhere = [
                at
                for at, _ in rp.capitalised(text).get(word, ())
                if at not in starts and text[at - 1 : at] not in ("“", '"')
            ]
            if opening and not elsewhere:
                continue  # "Automation has already cut jobs"
        # a new span (nothing covers its place yet), so no need for Suggestions.add
        found.spans.append(Suggested("actor", start, end, text[start:end], ENGINE, 0.5))
        covered[start:end] = b"\x01" * (end - start)
    for match in rp.DESCRIPTIVE_RE.finditer(text, begin):
        start, end = match.span(1) if match.group(1) else match.span(2)
        following = rp.NEXT_WORD.match(text, end)
        while following is not None and following.group(1) in rp.ROLES:  # "the police chief"
            end = following.end()
            following = rp.NEXT_WORD.match(text, end)
        if any(covered[start:end]):
            continue
        if match.group(2) and not rp.CAPITAL_BEFORE.search(text, max(0, start - 40), start - 3):
            continue  # only after a name: "Ostrel’s defence ministry"
        if any(rp.is_finite(w) for w in text[start:end].split()[1:]):
            continue  # "the delay would give farmers"
        before = rp.WORD_BEFORE.search(text, max(0, start - 20), start)
        if before is not None and before.group(1) in rp.PLACE_PREPOSITIONS:
            continue  # "outside the court", "in parliament"
        found.spans.append(Suggested("actor", start, end, text[start:end], ENGINE, 0.4))
        covered[start:end] = b"\x01" * (end - start)


def _add_actor(found: Suggestions, text: str, mention: Mention, score: float) -> int:
    span = Suggested(
        "actor", mention.start, mention.end, text[mention.start : mention.end], ENGINE, score
    )
    return found.add(span)
