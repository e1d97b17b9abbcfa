"""Mentions of actors for the ``rules`` engine: the :class:`Mention` record, and whether a
name or a description is a person, an organisation or a group."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.assist.rules_lexicon import ORG_NOUNS, ORG_WORDS
from annotator.core.assist.rules_patterns import CAPITALISED_WORD, POSSESSIVE


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "name", "descriptive", "pronoun", "thing" (says something, is nobody)
    group: str = "unknown"  # "person", "org", "group", "unknown"


def capital(word: str) -> bool:
    return word[:1].isupper() or word in ("of", "for", "de", "van", "von", "al", "and", "the")


def name_mention(text: str, a: int, b: int) -> Mention:
    words = text[a:b].split()
    if words[0] == "The" and len(words) > 1:
        a += 4
        words = words[1:]
    org = any(POSSESSIVE.sub("", w.strip(".,")) in ORG_WORDS for w in words)
    if org:
        group = "org"
    elif len(words) >= 2:  # a person if the surname is used alone elsewhere
        last = POSSESSIVE.sub("", words[-1])
        alone = any(at >= b and not glued for at, glued in capitalised(text).get(last, ()))
        group = "person" if alone else "unknown"
    else:
        group = "person" if was_named_before(text, words[0], a) else "unknown"
    return Mention(a, b, "name", group)


def descriptive_mention(text: str, a: int, b: int) -> Mention:
    words = text[a:b].lower().split()
    head = words[-1].rstrip("’'") if words else ""
    if head in ORG_NOUNS:
        group = "org"
    elif head.endswith("s") and not head.endswith("ss"):
        group = "group"
    else:
        group = "person"
    return Mention(a, b, "descriptive", group)


def was_named_before(text: str, surname: str, at: int) -> bool:
    """Whether a lone capitalised word is a surname used earlier with a first name."""
    return any(where < at and glued for where, glued in capitalised(text).get(surname, ()))


_CAPITALISED: dict[str, dict[str, list[tuple[int, bool]]]] = {}


def capitalised(text: str) -> dict[str, list[tuple[int, bool]]]:
    """Each capitalised word of ``text``: where it is, and whether a capitalised word comes
    right before it ("Simon *Breck*"). Kept for the last text only."""
    known = _CAPITALISED.get(text)
    if known is not None:
        return known
    found: dict[str, list[tuple[int, bool]]] = {}
    previous_end, previous_capital = -2, False
    for match in CAPITALISED_WORD.finditer(text):
        glued = previous_capital and text[previous_end : match.start()] == " "
        found.setdefault(POSSESSIVE.sub("", match.group()), []).append((match.start(), glued))
        previous_end, previous_capital = match.end(), True
    _CAPITALISED.clear()
    _CAPITALISED[text] = found
    return found
