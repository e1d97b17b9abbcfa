"""Clauses for the ``rules`` engine: whether a word is a finite verb, whether a report (a
finite clause) starts at a position, and the trimming of spans."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import regex

from annotator.core.assist.rules_lexicon import (
    DETERMINERS,
    FINITE,
    IRREGULAR_PAST,
    NOT_CLAUSE_STARTS,
    SUBJECT_PRONOUNS,
)
from annotator.core.assist.rules_patterns import TRAILING_AUX, WORD


def words_in(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    return WORD.finditer(text, start, end)


def is_finite(word: str) -> bool:
    """Whether ``word`` is most likely the finite verb of a clause."""
    lower = word.lower()
    if lower in FINITE or lower in IRREGULAR_PAST:
        return True
    return word.islower() and len(word) > 4 and word.endswith("ed")


_CLAUSE_STOP = regex.compile(r"[;:()—–“”\"]|,\s+(?:and|but|while|whereas|which|who)\s")


def starts_clause(text: str, start: int, end: int, strict: bool = False) -> bool:
    """Whether a finite clause (a report) starts at ``start``: a subject pronoun, or a
    subject and a finite verb within the next words, before any punctuation; ``strict``: a
    finite verb that is an auxiliary ("had", "would"), not only a past tense ("made")."""
    stop = _CLAUSE_STOP.search(text, start, end)
    limit = stop.start() if stop is not None else end
    words = [m.group() for m in itertools.islice(words_in(text, start, limit), 12)]
    if len(words) < 2:
        return False
    first = words[0].lower()
    if first in NOT_CLAUSE_STARTS or (first == "about" and not words[1][0].isdigit()):
        return False
    if first in SUBJECT_PRONOUNS:
        return True
    for index, word in enumerate(words[1:], 1):
        lower = word.lower()
        if lower in ("that", "which", "who"):
            return False
        if lower == "to" and index + 1 < len(words):
            after = words[index + 1]
            if after.islower() and after not in DETERMINERS:
                return False  # an infinitive: "urged both sides to return"
        if lower in FINITE or (not strict and is_finite(word)):
            return True
    return False


def clause_ok(text: str, start: int, e: int) -> bool:
    """Whether what follows "that" is a clause, not a relative ("a statement that was …")."""
    first = next(iter(words_in(text, start, e)), None)
    return first is not None and not is_finite(first.group())


def strip_aux(text: str, s: int, end: int) -> int:
    aux = TRAILING_AUX.search(text, s, end)
    return aux.start() if aux is not None else end


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return a, b
