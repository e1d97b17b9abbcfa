"""The ``rules`` engine: quotes, cues and speakers from quotation marks, a lexicon of cue words
and the shapes attribution takes in news ("…,” X said", "X said that …", "according to X"),
with no model.

Everything works on the normalised text and returns code-point offsets into it. The lexicon
can be extended (a project adds the cues its people accepted).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from annotator.core.assist.suggested import Suggested, Suggestions

ENGINE = "rules"


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Reporting verbs in the forms news uses. Forms that are also common nouns ("claims",
#: "demands", "reports", "notes", "states", "promises") are in :data:`NOUN_LIKE_CUES`: they
#: count only right next to a quotation.
CUE_WORDS = words_of(
    """
    said says say saying told tells tell telling added adds warned warns warning insisted
    insists argued argues claimed stated announced announces declared declares explained
    explains noted stressed stresses urged urges demanded accused denied denies admitted
    admits confirmed confirms replied replies responded responds wrote writes asked asks
    suggested suggests vowed vows pledged pledges promised threatened threatens acknowledged
    acknowledges conceded concedes complained complains predicted predicts recalled
    reported emphasised emphasized emphasises emphasizes maintained maintains asserted
    asserts alleged alleges cautioned cautions countered counters concluded agreed agrees
    observed remarked commented tweeted posted underlined reiterated reiterates
    """
)
#: Cues that take a listener before what was said ("told reporters that …").
TELLING = words_of("told tells tell telling")
NOUN_LIKE_CUES = words_of("claims demands reports notes states promises")

#: Words that end a descriptive mention of a speaker ("the foreign minister").
ROLE_NOUNS = (
    "minister|spokesman|spokeswoman|spokesperson|official|officials|president|chairman|"
    "chairwoman|chair|leader|secretary|mayor|governor|ambassador|diplomat|source|sources|"
    "analyst|analysts|director|head|chief|commander|negotiator|envoy|activist|activists|"
    "lawyer|representative|member|officer|premier|chancellor|senator|mp|deputy|general|"
    "economist|expert|experts|union|ministry|government|police|army|court|council|committee|"
    "statement|organisers|organizers|protesters|residents|workers|teachers|doctors"
)
#: Capitalised words that begin sentences but name nobody.
NOT_NAMES = words_of(
    """
    The A An But And Or In On At For With From By To Of As If When While After Before Since
    This That These Those It He She They We I You His Her Their Our Its There Here Then
    Yet So Still However Meanwhile Also Asked Speaking Mr Mrs Ms Dr Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December
    """
)
#: Words whose presence makes a name an organisation (what "it" and "they" resolve to).
ORG_WORDS = words_of(
    """
    Ministry Union Council Party Bank Company Association Committee Agency Group Commission
    Government Federation Office Court Parliament Assembly Institute Foundation Corporation
    Inc Ltd Alliance Movement Front Coalition Board Authority Police Army Service Fund
    Organisation Organization League Network Centre Center University Department
    """
)

_CAP = r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\.?)"
_JOIN = r"(?:de|da|del|van|von|der|al|bin|la|le|du|el|of|for)"
#: A name: capitalised words, with the particles of names between them.
NAME = rf"{_CAP}(?:\s+(?:{_JOIN}\s+)?{_CAP}){{0,4}}"
#: A descriptive mention: "the (Russian) foreign minister", "a union spokeswoman".
DESCRIPTIVE = (
    rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\p{{L}}\-’']+\s+){{0,3}}?(?:{ROLE_NOUNS})\b"
)
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
SPEAKER = rf"(?:{DESCRIPTIVE}|{PRONOUN}\b|{NAME})"

#: A quotation in typographic or straight marks, within one paragraph.
QUOTATION = regex.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
MIN_QUOTE_WORDS = 4  # fewer, without a cue, is a scare quote or a title


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # "name", "descriptive", "pronoun"


class RulesEngine:
    """Suggestions for one text at a time; ``extra_cues``: cue words a project accepted."""

    name = ENGINE

    def __init__(self, extra_cues: Iterable[str] = ()) -> None:
        words = set(CUE_WORDS) | {c.strip().lower() for c in extra_cues if c.strip()}
        cue = "|".join(sorted((regex.escape(w) for w in words), key=len, reverse=True))
        self._cue = rf"(?:{cue})"
        loose = "|".join(sorted(NOUN_LIKE_CUES | words, key=len, reverse=True))
        self._any_cue = rf"(?:{loose})"
        self._after = regex.compile(  # “…,” said X / “…,” X said
            rf"\G[,.!?]?[”\"]\s*,?\s+(?:(?P<cue1>{self._any_cue})\s+(?P<sp1>{SPEAKER})"
            rf"|(?P<sp2>{SPEAKER})\s+(?P<cue2>{self._any_cue}))\b",
        )
        quoted_as = r"was\s+quoted\s+(?:by\s+[^,.“”\"\n]{1,60}?\s+)?as\s+"
        self._before = (
            regex.compile(  # X said: “…” / X told reporters, “…” / X was quoted as saying “…”
                rf"(?P<sp>{SPEAKER})\s+(?:{quoted_as})?(?P<cue>{self._any_cue})"
                rf"(?:\s+[\p{{L}}\-]+){{0,3}}?\s*[:,]?\s*[“\"]$"
            )
        )
        self._quoted_as = regex.compile(  # X was quoted (by Y) as saying (that) …
            rf"(?P<sp>{SPEAKER})\s+{quoted_as}(?P<cue>saying)\s+(?:that\s+)?"
            rf"(?P<clause>[^“”\"\n]+?)(?=[.!?](?:\s|$))"
        )
        self._indirect = regex.compile(  # X said (that) …
            rf"(?P<sp>{SPEAKER})\s+(?:(?P<cue>{self._cue})|(?P<loose>{'|'.join(NOUN_LIKE_CUES)})"
            rf"(?=\s+that\b))(?:\s+(?:on|last|this)\s+\p{{L}}+)?,?\s+(?:that\s+)?(?P<clause>[^“”\"\n]+?)"
            rf"(?=[.!?](?:\s|$))"
        )
        self._told = regex.compile(  # X told reporters (on Monday) that …
            rf"(?P<sp>{SPEAKER})\s+(?P<cue>{'|'.join(sorted(TELLING))})\s+"
            rf"(?:[\p{{L}}’'\-]+,?\s+){{1,5}}?that\s+(?P<clause>[^“”\"\n]+?)(?=[.!?](?:\s|$))"
        )
        self._according = regex.compile(
            rf"\b(?P<cue>[Aa]ccording\s+to)\s+(?P<sp>{DESCRIPTIVE}|{NAME}),\s+(?P<clause>[^“”\"\n]+?)"
            rf"(?=[.!?](?:\s|$))"
        )

    def suggest(self, text: str) -> Suggestions:
        found = Suggestions()
        names = self._names(text)
        covered: list[tuple[int, int]] = []
        for match in QUOTATION.finditer(text):
            group = 1 if match.group(1) is not None else 2
            start, end = match.span(group)
            body = text[start:end]
            speaker, cue = self._attribution(text, match.start(), match.end(), names)
            if speaker is None and cue is None and len(body.split()) < MIN_QUOTE_WORDS:
                continue  # a scare quote
            quote = found.add(Suggested("speech", start, end, body, ENGINE, 0.9 if cue else 0.6))
            covered.append((match.start(), match.end()))
            self._attach(found, quote, text, speaker, cue, names)
        for pattern in (self._according, self._quoted_as, self._told, self._indirect):
            for match in pattern.finditer(text):
                start, end = match.span("clause")
                if any(s < end and start < e for s, e in covered) or end - start < 12:
                    continue
                if regex.search(
                    r"[”\"][,.!?]?\s*$", text[max(0, match.start() - 4) : match.start()]
                ):
                    continue  # the attribution of the quotation before it
                verb = (match.group("cue") or "").lower()
                if pattern is self._indirect and verb in TELLING:
                    continue  # "told reporters": the _told pattern takes "told X that …"
                cue_group = "cue" if match.group("cue") else "loose"
                quote = found.add(Suggested("speech", start, end, text[start:end], ENGINE, 0.7))
                covered.append((start, end))
                speaker = self._mention(match, "sp")
                self._attach(found, quote, text, speaker, match.span(cue_group), names)
        self._carry_speakers(found, text)
        return found

    def suggest_many(self, texts: Iterable[str]) -> Iterator[Suggestions]:
        for text in texts:
            yield self.suggest(text)

    # -- attribution --------------------------------------------------------------------

    def _attribution(
        self, text: str, start: int, end: int, names: list[_Mention]
    ) -> tuple[_Mention | None, tuple[int, int] | None]:
        """The speaker mention and cue attributing the quotation at [start, end)."""
        after = self._after.match(text, end - 1)
        if after is not None:
            number = "1" if after.group("sp1") else "2"
            return self._mention(after, f"sp{number}"), after.span(f"cue{number}")
        head = text[max(0, start - 160) : start + 1]
        before = self._before.search(head)
        if before is not None:
            offset = max(0, start - 160)
            mention = self._mention(before, "sp", offset)
            cue_start, cue_end = before.span("cue")
            return mention, (cue_start + offset, cue_end + offset)
        return None, None

    def _mention(self, match: regex.Match[str], group: str, offset: int = 0) -> _Mention | None:
        start, end = match.span(group)
        if start < 0:
            return None
        words = match.group(group)
        if regex.fullmatch(PRONOUN, words):
            kind = "pronoun"
        elif regex.match(DESCRIPTIVE, words):
            kind = "descriptive"
        else:
            first = words.split()[0]
            if first in NOT_NAMES:
                return None
            kind = "name"
        return _Mention(start + offset, end + offset, kind)

    @staticmethod
    def _trimmed(text: str, mention: _Mention) -> _Mention:
        """A name without the "The" a sentence gave it ("The Ministry of Finance")."""
        words = text[mention.start : mention.end]
        if mention.kind == "name" and words.startswith("The "):
            return _Mention(mention.start + 4, mention.end, mention.kind)
        return mention

    def _attach(
        self,
        found: Suggestions,
        quote: int,
        text: str,
        speaker: _Mention | None,
        cue: tuple[int, int] | None,
        names: list[_Mention],
    ) -> None:
        if cue is not None and cue[0] >= 0:
            at = found.add(Suggested("cue", cue[0], cue[1], text[cue[0] : cue[1]], ENGINE, 0.85))
            found.link("cue", quote, at)
        if speaker is None:
            return
        speaker = self._trimmed(text, speaker)
        score = {"name": 0.8, "descriptive": 0.7, "pronoun": 0.6}[speaker.kind]
        target = _add_actor(found, text, speaker, score)
        if speaker.kind == "pronoun":
            resolved = self._resolve(text, speaker, names, found)
            if resolved is not None:
                target = _add_actor(found, text, resolved, 0.6)
        found.link("speaker", quote, target)

    def _carry_speakers(self, found: Suggestions, text: str) -> None:
        """A quotation right after an attributed one, in the same paragraph and separated
        only by its attribution (“We will,” she said, “not give up”), has the same speaker."""
        speeches = sorted(
            (i for i, s in enumerate(found.spans) if s.role == "speech"),
            key=lambda i: found.spans[i].start,
        )
        for before, after in itertools.pairwise(speeches):
            if found.linked("speaker", after) is not None:
                continue
            speaker = found.linked("speaker", before)
            gap = text[found.spans[before].end : found.spans[after].start]
            if (
                speaker is not None
                and "\n" not in gap
                and len(gap) <= 60
                and regex.search(r"[,.]\s*[“\"]$", gap)
            ):
                found.link("speaker", after, found.spans.index(speaker))
                cue = found.linked("cue", before)
                if cue is not None:
                    found.link("cue", after, found.spans.index(cue))

    # -- names and pronouns -------------------------------------------------------------

    def _names(self, text: str) -> list[_Mention]:
        mentions = []
        for match in regex.finditer(NAME, text):
            first = match.group().split()[0]
            if first in NOT_NAMES and len(match.group().split()) == 1:
                continue
            mentions.append(self._trimmed(text, _Mention(match.start(), match.end(), "name")))
        return mentions

    def _resolve(
        self, text: str, pronoun: _Mention, names: list[_Mention], found: Suggestions
    ) -> _Mention | None:
        """The named mention a pronoun most likely refers to: the last speaker named before
        it of the same kind, else the last person (he/she) or organisation (it/they)."""
        word = text[pronoun.start : pronoun.end].lower()
        wants_org = word in ("it", "they")
        for span in sorted(found.of_role("actor"), key=lambda s: s.start, reverse=True):
            words = span.text.split()
            if span.end > pronoun.start or regex.fullmatch(PRONOUN, span.text):
                continue
            if regex.match(DESCRIPTIVE, span.text) or words[0] in NOT_NAMES:
                continue
            if any(w.strip(".,") in ORG_WORDS for w in words) == wants_org:
                return _Mention(span.start, span.end, "name")
        for mention in reversed([n for n in names if n.end <= pronoun.start]):
            words = text[mention.start : mention.end].split()
            if words[0] in NOT_NAMES:
                words = words[1:]
            if not words:
                continue
            is_org = any(w.strip(".,") in ORG_WORDS for w in words)
            if wants_org == is_org and (wants_org or len(words) >= 2 or words[0] not in NOT_NAMES):
                if (
                    not wants_org
                    and len(words) < 2
                    and not _was_named_before(text, words[0], mention.start)
                ):
                    continue
                return mention
        return None


def _add_actor(found: Suggestions, text: str, mention: _Mention, score: float) -> int:
    span = Suggested(
        "actor", mention.start, mention.end, text[mention.start : mention.end], ENGINE, score
    )
    return found.add(span)


def _was_named_before(text: str, surname: str, at: int) -> bool:
    """Whether a lone capitalised word is a surname used earlier with a first name."""
    return regex.search(rf"{_CAP}\s+{regex.escape(surname)}\b", text[:at]) is not None
