"""Speakers for the ``rules`` engine: the mention a phrase before or after a cue makes (through
appositions, relative clauses and titles: "Its chairman, Simon Breck, who …, said"), and what
a pronoun speaker most likely refers to."""

from __future__ import annotations

import re
from dataclasses import replace

from annotator.core.assist.rules_clauses import is_finite, strip_aux, words_in
from annotator.core.assist.rules_lexicon import (
    APPOSITION_SKIPS,
    DETERMINERS,
    FINITE_FIRST,
    INANIMATE,
    NOT_CLAUSE_STARTS,
    NOT_NAMES,
    NOT_SUBJECTS,
    ORG_NOUNS,
    ORG_WORDS,
    PARTICLES,
    PERSONAL,
    PREPOSITIONS,
    ROLES,
    TITLES,
)
from annotator.core.assist.rules_mentions import Mention, capital, descriptive_mention, name_mention
from annotator.core.assist.rules_patterns import (
    ALIAS,
    BOUNDARY,
    COMMA,
    COMMA_NAME,
    FIRST_WORD,
    FROM,
    MARKS_OR_BREAK,
    PLURAL_ROLE,
    POSSESSOR,
    POSTMODIFIER,
    PRONOUN_RE,
    RELATIVE,
    SECOND_PART,
    SUBJECT_STOP,
    SUBORDINATOR,
    TRAILING_NAME,
)
from annotator.core.assist.rules_quotations import Quotation, Sentences


class SpeakerRules:
    """The speakers around cues; ``_words`` are the cue words (verbs, so no part of a
    subject) and ``_cue`` finds any cue."""

    _words: frozenset[str]
    _cue: re.Pattern[str]

    def _subject_before(
        self, text: str, s: int, cue: int
    ) -> tuple[Mention | None, int, int] | None:
        """The speaker before a cue at ``cue``: (mention, where it starts, where the
        attribution starts); None when what is there is no subject (a clause, nothing)."""
        end = strip_aux(text, s, cue)
        if text[s:end].rstrip().endswith(","):
            return self._apposition(text, s, s + len(text[s:end].rstrip()) - 1)
        start = s
        head = s
        for boundary in BOUNDARY.finditer(text, s, cue):
            start, head = min(boundary.end(), end), boundary.start()
        for verb in self._cue.finditer(text, start, end):  # "reports say X told …"
            if verb.group().islower() and verb.group() in self._words:
                start = head = verb.end()
        if start > s and text[head:start].strip() == "and":
            joined = [b.end() for b in BOUNDARY.finditer(text, s, head)]
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
        cuts = [s] + [m.end() for m in COMMA.finditer(text, s, comma)]
        bounds = list(zip(cuts, [*[c - 1 for c in cuts[1:]], comma], strict=True))
        chain: list[tuple[int, int]] = []
        for a, b in reversed(bounds):
            relative = RELATIVE.search(text, a, b)
            if relative is not None:  # "a lorry driver who had been waiting …"
                b = relative.start()
            words = text[a:b].split()
            if not words:
                continue
            first = words[0].lower()
            if first in APPOSITION_SKIPS or words[0].isdigit():
                if chain:
                    break
                continue
            if first in PREPOSITIONS or self._has_verb(text, a, b) or len(words) > 10:
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
        stop = SUBJECT_STOP.search(text, position, e)
        end = stop.start() if stop is not None else e
        mention = self._np(text, position, end)
        if mention is not None and mention.kind != "name" and stop is not None:
            apposition = COMMA_NAME.match(text, end, e)
            if apposition is not None:
                named = self._np(text, apposition.start(1), apposition.end(1))
                if named is not None and named.kind == "name":
                    return named
        return mention

    def _leading_np(self, text: str, a: int, b: int) -> tuple[Mention | None, bool]:
        """The noun phrase a clause starts with, and whether a verb follows it."""
        lead = SUBORDINATOR.match(text, a, b)
        start = lead.end() if lead is not None else a
        first = FIRST_WORD.match(text, start, b)
        if first is None:
            return None, False
        if first.group(1).lower() in PREPOSITIONS:
            comma = COMMA.search(text, start, b)
            if comma is None:
                return None, False
            start = comma.end()
        comma = COMMA.search(text, start, min(b, start + 60))
        if comma is not None:  # "The bank’s deputy governor, Ingrid Sahl, will …"
            apposition = self._apposition_at(text, start, comma.start(), b)
            if apposition is not None:
                return apposition, True
        end = None
        for word in words_in(text, start, b):
            w = word.group()
            verb = w.islower() and (is_finite(w) or w in self._words)
            if verb or w.lower() in ("who", "which"):
                end = word.start()
                break
            if w.lower() in FINITE_FIRST and word.start() == first.start(1):
                return None, False
        mention = self._np(text, start, end if end is not None else b)
        return mention, end is not None

    def _apposition_at(self, text: str, start: int, comma: int, b: int) -> Mention | None:
        """The subject "X, Y," a sentence starts with, by its name if one of the two is."""
        second = SECOND_PART.match(text, comma + 1, b)
        if second is None:
            return None
        first = self._np(text, start, comma)
        other = self._np(text, second.start(1), second.end(1))
        if first is None or other is None or self._has_verb(text, start, second.end(1)):
            return None
        return other if other.kind == "name" and first.kind != "name" else first

    def _has_verb(self, text: str, a: int, b: int) -> bool:
        return any(
            w.group().islower() and (w.group() in FINITE_FIRST or w.group() in self._words)
            for w in words_in(text, a, b)
        )

    def _np(self, text: str, a: int, b: int) -> Mention | None:
        """The mention a subject phrase makes, or None if it is no noun phrase."""
        while a < b and text[a] in " ,;:—–(":
            a += 1
        while b > a and text[b - 1] in " ,;:—–)":
            b -= 1
        if a >= b or MARKS_OR_BREAK.search(text, a, b):
            return None
        phrase = text[a:b]
        if PRONOUN_RE.fullmatch(phrase):
            lower = phrase.lower()
            group = "person" if lower in ("he", "she") else ("org" if lower == "it" else "group")
            return Mention(a, b, "pronoun", group)
        whole = b
        for cut in POSTMODIFIER.finditer(text, a, b):
            left = text[a : cut.start()].split()[-1:]
            right = text[cut.end() : b].split()[:1]
            if (
                cut.group().strip() == "of"
                and left
                and left[0] in ORG_WORDS
                and right
                and right[0][:1].isupper()
            ):
                continue  # "Union of Northern States", "Ministry of Finance"
            b = cut.start()
            break
        phrase = text[a:b]
        words = phrase.split()
        if not words or len(words) > 8 or words[0].lower() in PREPOSITIONS:
            return None
        if any(w.lower() in PERSONAL for w in words):
            return None  # "We", "Soon they": no mention of a speaker
        if words[-1].lower() in NOT_CLAUSE_STARTS and words[-1].lower() not in DETERMINERS:
            return None  # "… to talks and"
        if words[0].lower() in NOT_CLAUSE_STARTS and words[0].lower() not in DETERMINERS:
            return None
        if any(w.islower() and (w in FINITE_FIRST or w in self._words) for w in words):
            return None
        head = words[-1].lower()
        if head in INANIMATE or (head.endswith("s") and head[:-1] in INANIMATE):
            source = FROM.match(text, b, whole)  # "A statement from the ministry"
            if source is not None:
                mention = self._np(text, source.end(), whole)
                if mention is not None:
                    return mention
            return Mention(a, b, "thing")
        possessor = POSSESSOR.match(text, a, b)
        if possessor is not None and possessor.end() < b:  # Ostrel’s agriculture ministry
            return descriptive_mention(text, possessor.end(), b)
        if words[0] in NOT_NAMES or words[0].islower():
            glued = TRAILING_NAME.search(text[a:b])
            if (
                glued is not None
                and glued.group(2).split()[0] not in NOT_NAMES
                and glued.group(1) not in PARTICLES
            ):
                # "the charity Red Lantern Relief"
                named = name_mention(text, a + glued.start(2), b)
                if glued.group(1).lower() in ORG_NOUNS:
                    return replace(named, group="org")
                return named
            if words[0] == "The" and len(words) > 1 and all(capital(w) for w in words[1:]):
                return name_mention(text, a + 4, b)
            return descriptive_mention(text, a, b)
        if len(words) == 1 and PLURAL_ROLE.fullmatch(words[0].lower()):
            return descriptive_mention(text, a, b)  # "Economists said", "Traders said"
        if all(capital(w) for w in words):
            titled = [i for i, w in enumerate(words[:-1]) if w in TITLES]
            if titled:
                skip = len(" ".join(words[: titled[-1] + 1])) + 1
                return replace(name_mention(text, a + skip, b), group="person")
            return name_mention(text, a, b)
        glued = TRAILING_NAME.search(phrase)  # "Opposition leader Lars Ekdal"
        if glued is not None and glued.group(1) not in PARTICLES:
            return replace(name_mention(text, a + glued.start(2), b), group="person")
        return descriptive_mention(text, a, b)

    # -- pronouns -----------------------------------------------------------------------

    def _subjects(self, text: str, sentences: Sentences, marks: list[Quotation]) -> list[Mention]:
        """The named subjects of sentences ("Agriculture Minister Sabina Rota met …"): what
        a later "she" may refer to."""
        out = []
        for s, e in sentences.spans:
            first = text[s : s + 12].split()[:1]
            if not first or not first[0][:1].isupper() or first[0] in NOT_SUBJECTS:
                continue
            if any(q.start <= s < q.end for q in marks):
                continue  # a sentence of someone's own words
            mention, verb = self._leading_np(text, s, min(e, s + 120))
            if mention is None or not verb:
                continue
            head = text[mention.start : mention.end].split()[-1].lower()
            if mention.kind == "name" or (mention.kind == "descriptive" and head in ROLES):
                out.append(mention)
        return out

    def _aliases(self, text: str, sentences: Sentences) -> list[tuple[int, str, Mention]]:
        """Descriptions that a name in apposition or a title names: (where, the head noun,
        the name), as in "Its chairman, Simon Breck," or "Education Minister Vera Halasz"."""
        out = []
        for match in ALIAS.finditer(text):
            if match.group(1):
                noun, name_span = match.group(1), match.span(2)
            else:
                if match.group(3) not in TITLES:
                    continue
                noun, name_span = match.group(3).lower(), match.span(4)
            out.append((match.start(), noun, Mention(*name_span, "name", "person")))
        return out


def resolve(
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
