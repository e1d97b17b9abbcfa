"""Quotations (also those that run on over several paragraphs) and sentences, as the
``rules`` engine finds them in the normalised text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from annotator.core.assist.rules_lexicon import ABBREVIATIONS
from annotator.core.assist.rules_patterns import DATELINE


@dataclass(frozen=True)
class Quotation:
    """A quotation: ``start``/``end`` of its body, ``outer_start``/``outer_end`` with its
    marks."""

    outer_start: int
    start: int
    end: int
    outer_end: int


def quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``: in “ ” or straight marks, within a paragraph or running
    on over paragraphs that each open with a quotation mark (the news convention for a long
    quotation: no closing mark until its last paragraph)."""
    found: list[Quotation] = []
    opened: int | None = None  # where the open quotation's mark is
    straight = False
    begin = last = 0
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            begin += len(paragraph) + 1
            continue
        lead = begin + len(paragraph) - len(paragraph.lstrip())  # the paragraph's first mark
        if opened is not None and (lead >= len(text) or text[lead] not in '“"'):
            # the open quotation ended with its paragraph, with no closing mark
            found.append(_quotation(text, opened, last))
            opened = None
        for index in range(begin, begin + len(paragraph)):
            char = text[index]
            if char not in '“”"':
                continue
            if opened is None:
                if char != "”":
                    opened, straight = index, char == '"'
            elif index == lead and opened < begin:
                pass  # the mark that reopens a quotation running on from the paragraph before
            elif char == ('"' if straight else "”"):
                found.append(_quotation(text, opened, index + 1))
                opened = None
            elif char == "“" and not straight:
                opened = index  # a mark left open earlier in the paragraph: start again
        begin += len(paragraph) + 1
        last = begin - 1
    if opened is not None:
        found.append(_quotation(text, opened, last))
    return [q for q in found if q.end > q.start]


def _quotation(text: str, opened: int, closed: int) -> Quotation:
    closes = closed - 1 > opened and text[closed - 1] in '”"'
    end = closed - 1 if closes else closed
    end = opened + 1 + len(text[opened + 1 : end].rstrip())
    return Quotation(opened, opened + 1, end, closed)


_LAST_WORD = regex.compile(r"(\p{L}+)$")


class Sentences:
    """The sentences of a text as ``(start, end)``: ``end`` is where the final ".", "!" or
    "?" is (or the end of the paragraph). A dateline ("PORT LISLE — ") is not part of the
    first sentence."""

    _END = regex.compile(r"[.!?]+[”\"’')]*(?=\s|$)|\n")

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        start = 0
        dateline = DATELINE.match(text)
        if dateline is not None and dateline.end() < 80:
            start = dateline.end()
        for match in self._END.finditer(text):
            end = match.start()
            if match.group().startswith(".") and len(match.group()) == 1:
                word = _LAST_WORD.search(text, max(0, end - 6), end)
                if word is not None and (
                    word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1  # an initial, "p.m."
                ):
                    continue
            self._add(text, start, end)
            start = match.end()
        self._add(text, start, len(text))
        self._starts = [s for s, _ in self.spans]

    def _add(self, text: str, start: int, end: int) -> None:
        while start < end and text[start] in " \t\n":
            start += 1
        if end > start:
            self.spans.append((start, end))

    def at(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position`` (or the one before it)."""
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        return self.spans[index] if self.spans else (0, 0)
