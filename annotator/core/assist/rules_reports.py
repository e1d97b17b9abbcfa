"""Reported speech for the ``rules`` engine: the indirect quotes a cue introduces in a
sentence ("X said (that) …", "X told Y that …", "…, X said.", "according to X, …", "X was
quoted as saying …", "…, arguing that …"), and of nested reports only the innermost."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from annotator.core.assist.rules_clauses import (
    clause_ok,
    is_finite,
    starts_clause,
    strip_aux,
    trim,
    words_in,
)
from annotator.core.assist.rules_lexicon import (
    ADVERB_STARTS,
    BARE_PARTICIPLES,
    DETERMINERS,
    LISTENER_CUES,
    NEAR_QUOTE_CUES,
    NESTING_CUES,
    NOUN_LIKE_CUES,
    NOUN_OBJECT_CUES,
    PARTICIPLE_CUES,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    TELLING,
)
from annotator.core.assist.rules_mentions import Mention
from annotator.core.assist.rules_patterns import (
    ADVERBIAL,
    COMMA,
    COMMA_NAME_END,
    COORDINATION,
    MARKS,
    NAME_COMMA,
    NOUN_BEFORE,
    OUTSIDE_REPORT,
    PARTICIPLE_LEAD,
    QUOTED_AS,
    RELATIVE_COMMA,
    SUBJECT_STOP,
    THAT,
    THAT_LATER,
    TOLD_THAT,
    TRAILING_CONNECTOR,
)
from annotator.core.assist.rules_quotations import Quotation, Sentences
from annotator.core.assist.rules_speakers import SpeakerRules


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


class ReportRules(SpeakerRules):
    """The reports of a text's sentences: what a cue attributes, and to whom; the cue
    words without "that" come from ``_bare``."""

    _bare: frozenset[str]

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
        if word in PARTICIPLE_CUES:
            quoted = QUOTED_AS.search(text, s, cue_start)
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
        if word in NEAR_QUOTE_CUES:
            return None
        if word in NOUN_LIKE_CUES and (
            not THAT.match(text, cue_end, e) or NOUN_BEFORE.search(text, s, cue_start)
        ):
            return None  # "the union’s demands that …"
        rest = ADVERBIAL.match(text, cue_end)
        if rest is not None and text[rest.end() : e].strip() == "":
            return self._postposed(text, s, e, match)
        before = text[s:cue_start].rstrip()
        if before.endswith(",") and not starts_clause(text, cue_end + 1, e):
            postposed = self._postposed(text, s, e, match)  # …, said X, a spokesman.
            if postposed is not None:
                return postposed
        clause = self._clause_after(text, cue_end, e, word)
        if clause is None:
            return None
        subject = self._subject_before(text, s, cue_start)
        if subject is None:
            if COORDINATION.search(text, s, cue_start) is None:
                return None
            speaker = earlier[-1][1] if earlier else self._leading_np(text, s, cue_start)[0]
            at = head = text.rfind(" ", s, cue_start - 1)
        else:
            speaker, at, head = subject
        return _Report((clause, e), (cue_start, cue_end), speaker, at, head, True, word)

    def _clause_after(self, text: str, position: int, e: int, word: str) -> int | None:
        """Where the report a cue at ``position`` introduces starts, if it does."""
        if word in LISTENER_CUES:  # told reporters (at a briefing) that …
            told = TOLD_THAT.match(text, position, e)
            if told is not None:
                between = text[position : told.end()].split()[:-1]
                first = between[0].lower()
                if (first not in PREPOSITIONS or first in ADVERB_STARTS) and not any(
                    w.lower() in ("which", "who") or w.lower() in self._words for w in between
                ):
                    return told.end() if clause_ok(text, told.end(), e) else None
            if word in TELLING:  # told council members (that) the budget was exhausted
                return self._after_listener(text, position, e)
        rest = ADVERBIAL.match(text, position, e)
        after = rest.end() if rest is not None else position
        that = THAT.match(text, after, e)
        if that is not None:
            return that.end() if clause_ok(text, that.end(), e) else None
        for begin in (position, after):
            scan = THAT_LATER.match(text, begin, e)
            if scan is not None and scan.group(1) in ADVERB_STARTS:
                between = text[begin : scan.end()].split()[:-1]
                if not any(is_finite(w) or w in self._words for w in between):
                    return scan.end() if clause_ok(text, scan.end(), e) else None
        if word in self._bare or word in BARE_PARTICIPLES:
            begin = after
            while begin < e and text[begin] in " ,":
                begin += 1
            if starts_clause(text, begin, e, strict=word in NOUN_OBJECT_CUES):
                return begin
        return None

    def _after_listener(self, text: str, position: int, e: int) -> int | None:
        """Where the report starts after "told" and a listener of one to three words, when
        no "that" comes: at a pronoun, a determiner, a name or a number that opens a clause."""
        words = list(itertools.islice(words_in(text, position, e), 5))
        if not words or words[0].group().lower() in PREPOSITIONS:
            return None
        colon = text.find(":", position, words[-1].end())
        if colon >= 0:
            words = [w for w in words if w.start() < colon]  # told the Ledger: …
        for word in words[1:4]:
            w = word.group()
            if is_finite(w) or w.lower() in PREPOSITIONS:
                return None
            opens = w.lower() in SUBJECT_PRONOUNS or w.lower() in DETERMINERS
            if (opens or w[:1].isupper() or w[:1].isdigit()) and starts_clause(
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
            phrase_end = strip_aux(text, comma + 1, cue_start)
            if MARKS.search(text, comma, cue_start):
                return None
            words = text[comma + 1 : phrase_end].split()
            if not words or len(words) > 7:
                return None
            speaker = self._np(text, comma + 1, phrase_end)
            if speaker is None:
                return None
            at = comma
        clause = trim(text, s, comma)
        words = [w.group() for w in words_in(text, clause[0], clause[1])]
        if len(words) < 3 or not any(is_finite(w) for w in words):
            return None
        return _Report(clause, (cue_start, cue_end), speaker, at, at, False, match.group().lower())

    def _according(self, text: str, s: int, e: int, match: re.Match[str]) -> _Report | None:
        """According to X, … / …, according to X."""
        cue_start, cue_end = match.span()
        before = text[s:cue_start].rstrip()
        if before == "":  # According to X, …
            comma = COMMA.search(text, cue_end, e)
            if comma is None:
                return None
            speaker = self._np(text, cue_end, comma.start())
            after = comma.end()
            while True:  # According to X, who …, / According to the speaker, Giulia Marchi,
                skip = NAME_COMMA.match(text, after, e)
                if skip is not None and speaker is not None and speaker.kind != "name":
                    speaker = self._np(text, skip.start(1), skip.end(1))
                elif skip is None:
                    skip = RELATIVE_COMMA.match(text, after, e)
                if skip is None:
                    break
                after = skip.end()
            begin, end = trim(text, after, e)
            if end - begin < 8:
                return None
            return _Report((begin, end), match.span(), speaker, cue_start, cue_start, True, "")
        speaker = self._subject_after(text, cue_end, e)
        stop = SUBJECT_STOP.search(text, cue_end, e)
        if (
            stop is not None
            and text[stop.start() : e].strip(" ,") != ""
            and COMMA_NAME_END.match(text, stop.start(), e) is None  # …, Giulia Marchi.
        ):
            if not before.endswith(",") or text[stop.start()] != ",":
                return None
            # "The government, according to the paper, had been warned": the whole sentence
            return _Report((s, e), match.span(), speaker, cue_start, cue_start, False, "")
        clause = trim(text, s, s + len(before))  # …, according to X.
        if clause[1] - clause[0] < 8 or not any(
            is_finite(w.group()) for w in words_in(text, clause[0], clause[1])
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
        lead = PARTICIPLE_LEAD.search(text, s, cue_start)
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
        cuts = [s] + [m.end() for m in COMMA.finditer(text, s, end)]
        bounds = list(zip(cuts, [*[c - 1 for c in cuts[1:]], end], strict=True))
        candidate: Mention | None = None
        for a, b in reversed(bounds):
            mention, verb = self._leading_np(text, a, b)
            if mention is not None and verb:
                return mention
            if mention is not None and (candidate is None or mention.kind == "name"):
                candidate = mention
        return candidate


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
            if start - 1 <= later.subject <= start + 1 and later.word in NESTING_CUES:
                nested = True  # the inner report is the one to annotate
                break
            if start < later.head < end:
                end = later.head
        if nested:
            continue
        outside = OUTSIDE_REPORT.search(text, start, end)
        if outside is not None and report.after:
            end = outside.start()
        cut = TRAILING_CONNECTOR.search(text, start, end)
        if cut is not None:
            end = cut.start()
        if len(text[start:end].split()) < 2:
            continue
        if any(k.clause[0] < end and start < k.clause[1] for k in kept):
            continue
        kept.append(replace(report, clause=(start, end)))
    return kept
