"""Offsets into a document's text: UTF-16 conversion, grapheme clusters and word snapping.

Canonical offsets are Python string indices (code points), end-exclusive. Qt and some file
formats count UTF-16 code units instead, where every astral (non-BMP) character takes two units
(a surrogate pair). Selections made in a GUI are snapped so that an annotation never splits a
user-perceived character (an extended grapheme cluster: emoji ZWJ sequences, flags, a base
letter with its combining marks, an Indic conjunct), as segmented by the ``regex`` module's
``\\X``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Literal

import regex

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")

_CLUSTER_RE = regex.compile(r"\X")

# A pair of characters (a, b) between which UAX #29 always breaks, whatever precedes a: this
# lets grapheme snapping start scanning just before ``pos`` instead of at the start of the text.
# Rules GB4/GB5 (breaks around controls and line ends, except CR LF); otherwise a break before
# b is certain if b is an ordinary character ("Other") that no rule can attach to what precedes
# (not an emoji that could follow a ZWJ, not an Indic consonant that could follow a virama), and
# a is not a Prepend character. Regional indicators, Hangul jamo, marks and ZWJ never qualify.
_SAFE_PAIR_RE = regex.compile(
    r"(?rsV1)(?:"
    r"[\p{GCB=Control}\n]."
    r"|\r[^\n]"
    r"|.[\p{GCB=Control}\r]"
    r"|[^\r]\n"
    r"|[^\p{GCB=Prepend}][\p{GCB=Other}--\p{Extended_Pictographic}--\p{InCB=Consonant}]"
    r")"
)

# Words: letters, marks, digits and connector punctuation (regex's Unicode \w), joined by inner
# apostrophes and hyphens ("Karamov's", "cease-fire"). Scripts written without spaces (Chinese,
# Japanese, Thai, ...) are left out, or a selection would grow to a whole clause; there a
# selection snaps to grapheme clusters only.
_WORD_CHAR = r"[\w--[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]]"
_JOINER = r"['\u2019\-\u2010\u2011\u00ad]"
_RUN_BACK_RE = regex.compile(rf"(?rV1)(?:{_WORD_CHAR}|{_JOINER})*")
_RUN_FORWARD_RE = regex.compile(rf"(?V1)(?:{_WORD_CHAR}|{_JOINER})*")
_TOKEN_RE = regex.compile(rf"(?V1){_WORD_CHAR}+(?:{_JOINER}{_WORD_CHAR}+)*")

Direction = Literal["left", "right"]


def _check_position(text: str, pos: int) -> None:
    if not 0 <= pos <= len(text):
        raise ValueError(f"offset {pos} is outside the text (0..{len(text)})")


def _check_span(text: str, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} is not within the text (0..{len(text)})")


def _check_direction(direction: str, allowed: tuple[str, ...]) -> None:
    if direction not in allowed:
        raise ValueError(f"direction must be one of {', '.join(allowed)}, not {direction!r}")


class Utf16Map:
    """Converts between code-point offsets and UTF-16 offsets of one text, in O(log n) per call,
    using a sorted table of the code-point positions of astral (non-BMP) characters built once
    (a prefix table, not a scan per call). Texts without astral characters take an O(1) path."""

    __slots__ = ("_astral", "_astral16", "_length")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code-point positions of astral characters, ascending (finditer keeps the scan in C).
        self._astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
        # UTF-16 position of each one's high surrogate: every earlier astral adds one unit.
        self._astral16 = [cp + i for i, cp in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units."""
        return self._length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset ``cp`` (``0 <= cp <= len(text)``)."""
        if not 0 <= cp <= self._length:
            raise ValueError(f"code-point offset {cp} is outside the text (0..{self._length})")
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def from_utf16(self, u: int, *, snap: Literal["left", "right", "error"] = "left") -> int:
        """Code-point offset of UTF-16 offset ``u`` (``0 <= u <= utf16_length``).

        An offset between the two halves of a surrogate pair is moved to the start ("left") or
        the end ("right") of that character, or raises ValueError ("error").
        """
        _check_direction(snap, ("left", "right", "error"))
        if not 0 <= u <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u} is outside the text (0..{self.utf16_length})")
        if not self._astral:
            return u
        before = bisect_left(self._astral16, u)  # astral characters starting before u
        if before and self._astral16[before - 1] + 1 == u:
            cp = self._astral[before - 1]
            if snap == "error":
                raise ValueError(f"UTF-16 offset {u} falls inside the surrogate pair of {cp}")
            return cp if snap == "left" else cp + 1
        return u - before


def _safe_start(text: str, pos: int) -> int:
    """A grapheme boundary at or before ``pos``, usually within a character or two."""
    if pos == 0 or pos == len(text):
        return pos
    # Reverse search: the pair ending nearest to pos + 1, so its break lies at or before pos.
    match = _SAFE_PAIR_RE.search(text, 0, pos + 1)
    return match.start() + 1 if match else 0


def grapheme_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Ascending extended grapheme cluster boundaries ``b`` with ``start <= b <= end``.

    ``start`` and ``end`` appear in the list only if they are boundaries themselves. Only the
    region from a safe point near ``start`` up to ``end`` is scanned.
    """
    if end is None:
        end = len(text)
    _check_span(text, start, end)
    pos = _safe_start(text, start)
    found = [pos] if pos == start else []
    for match in _CLUSTER_RE.finditer(text, pos):
        pos = match.end()
        if pos > end:
            break
        if pos >= start:
            found.append(pos)
    return found


def snap_to_grapheme(text: str, pos: int, direction: Direction) -> int:
    """The nearest grapheme cluster boundary at or to the ``direction`` of ``pos``."""
    _check_position(text, pos)
    _check_direction(direction, ("left", "right"))
    previous = _safe_start(text, pos)
    if previous == pos:
        return pos
    for match in _CLUSTER_RE.finditer(text, previous):
        boundary = match.end()
        if boundary == pos:
            return pos
        if boundary > pos:
            return previous if direction == "left" else boundary
        previous = boundary
    return len(text)  # not reached: the end of the text is a boundary


def snap_span_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start..end`` to grapheme boundaries (start left, end right).

    An empty span stays empty, moved left to a boundary.
    """
    _check_span(text, start, end)
    if start == end:
        pos = snap_to_grapheme(text, start, "left")
        return pos, pos
    return snap_to_grapheme(text, start, "left"), snap_to_grapheme(text, end, "right")


def _word_around(text: str, pos: int) -> tuple[int, int] | None:
    """The word that strictly contains ``pos`` (pos is neither its start nor its end)."""
    if pos == 0 or pos == len(text):
        return None
    back = _RUN_BACK_RE.match(text, 0, pos)
    forward = _RUN_FORWARD_RE.match(text, pos)
    assert back is not None and forward is not None  # both patterns match the empty string
    run_start, run_end = back.start(), forward.end()
    if run_start == pos or run_end == pos:
        return None
    for token in _TOKEN_RE.finditer(text, run_start, run_end):
        if token.start() < pos < token.end():
            return token.span()
        if token.start() >= pos:
            break
    return None


def snap_span_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words, as a GUI does after a mouse selection.

    Whitespace at both ends is dropped; then an end that lies inside a word moves out to that
    word's edge (start left, end right). Words are letters, marks and digits with inner
    apostrophes or hyphens ("Karamov's", "cease-fire"), so expansion never crosses whitespace,
    and punctuation the user included stays. The result never splits a grapheme cluster and
    never starts or ends with whitespace. A selection of whitespace only becomes an empty span
    at ``start`` (snapped left to a grapheme boundary); an empty selection inside a word becomes
    that word.
    """
    _check_span(text, start, end)
    selected = text[start:end]
    if selected and not selected.strip():
        pos = snap_to_grapheme(text, start, "left")
        return pos, pos
    s = start + len(selected) - len(selected.lstrip())
    e = end - (len(selected) - len(selected.rstrip()))
    word = _word_around(text, s)
    if word:
        s = word[0]
    word = _word_around(text, e)
    if word:
        e = word[1]
    s, e = snap_span_to_graphemes(text, s, e)
    # Snapping can pull whitespace back in (a space carrying a combining mark, a Prepend
    # character before a space): give up those clusters rather than split them.
    while s < e and text[s].isspace():
        s = snap_to_grapheme(text, s + 1, "right")
    while e > s and text[e - 1].isspace():
        e = snap_to_grapheme(text, e - 1, "left")
    if s == e and start < end:
        pos = snap_to_grapheme(text, start, "left")
        return pos, pos
    return s, e


def utf16_slice_matches(text: str, start16: int, end16: int, expected: str) -> bool:
    """True if UTF-16 units ``start16..end16`` of ``text`` spell exactly ``expected``.

    False for a span outside the text or one that cuts a surrogate pair. Encodes the whole text;
    to check many spans of one text, convert with a :class:`Utf16Map` instead.
    """
    if not 0 <= start16 <= end16:
        return False
    encoded = text.encode("utf-16-le", "surrogatepass")
    if 2 * end16 > len(encoded):
        return False
    try:
        return encoded[2 * start16 : 2 * end16].decode("utf-16-le") == expected
    except UnicodeDecodeError:
        return False


# Words for moving an edge by a word: like the snapping words above (inner apostrophes and
# hyphens join), but any \w counts, so a run of Chinese is a word rather than nothing.
_STEP_WORD_RE = regex.compile(rf"(?V1)\w+(?:{_JOINER}\w+)*")
#: How far back the first search for the previous word looks (it widens when that is not far
#: enough), so that a step near the end of a long text does not scan all of it.
_STEP_BACK_WINDOW = 256

Edge = Literal["start", "end"]


def step_grapheme(text: str, pos: int, direction: Direction) -> int:
    """The grapheme-cluster boundary one cluster to the left or right of boundary ``pos``."""
    _check_position(text, pos)
    if direction == "right":
        return pos if pos >= len(text) else snap_to_grapheme(text, pos + 1, "right")
    return pos if pos <= 0 else snap_to_grapheme(text, pos - 1, "left")


def _run_start(text: str, pos: int) -> int:
    """The start of the run of non-space characters that ends at or contains ``pos``: no word
    crosses whitespace, so words found from there are the text's own words, not pieces."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def step_word(text: str, pos: int, direction: Direction, edge: Edge) -> int:
    """Where an annotation's ``edge`` at ``pos`` goes when moved one word left or right.

    An end moves to the next word end to the right, or the previous word end to the left; a
    start to the next or previous word start. So an edge lands on a word, never on the
    whitespace or punctuation between words ("Dmytro Kuleba said" with its end moved one word
    left is "Dmytro Kuleba", without the space). Words are letters, marks and digits, joined
    by inner apostrophes and hyphens; punctuation is stepped over. With no word that way the
    edge stays at ``pos``. The result is a grapheme cluster boundary.
    """
    _check_position(text, pos)
    _check_direction(direction, ("left", "right"))
    _check_direction(edge, ("start", "end"))
    if direction == "right":
        marks: Iterable[int] = (
            m.end() if edge == "end" else m.start()
            for m in _STEP_WORD_RE.finditer(text, _run_start(text, pos))
        )
        return _first_word_edge(text, pos, direction, edge, marks)
    window = _STEP_BACK_WINDOW
    while True:
        lo = _run_start(text, max(0, pos - window))
        found = []
        for match in _STEP_WORD_RE.finditer(text, lo):
            if match.start() >= pos:
                break
            found.append(match.end() if edge == "end" else match.start())
        to = _first_word_edge(text, pos, direction, edge, reversed(found))
        if to != pos or lo == 0:
            return to
        window *= 4


def _first_word_edge(
    text: str, pos: int, direction: Direction, edge: Edge, marks: Iterable[int]
) -> int:
    """The first of ``marks`` (word ends or starts, nearest first) beyond ``pos``, snapped to a
    grapheme boundary, that has a word character on its inner side (a combining mark on a
    space is a word character of its own, but the cluster it makes is whitespace)."""
    for mark in marks:
        if edge == "end":
            to = snap_to_grapheme(text, mark, "right")
            inside = to > 0 and not text[to - 1].isspace()
        else:
            to = snap_to_grapheme(text, mark, "left")
            inside = to < len(text) and not text[to].isspace()
        if inside and (to > pos if direction == "right" else to < pos):
            return to
    return pos


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def split_at_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``start..end`` as one span per paragraph it covers (split at blank lines, the spaces
    around each piece trimmed), so that a quote selected across two paragraphs becomes one
    annotation in two fragments instead of a fragment with a blank line inside."""
    spans: list[tuple[int, int]] = []
    at = start
    for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
        spans.append((at, brk.start()))
        at = brk.end()
    spans.append((at, end))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed or [(start, end)]


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """(which paragraph ``offset`` is in, counted from 1; how many the text has), paragraphs
    being separated by blank lines as in :func:`split_at_paragraphs`."""
    breaks = [brk.end() for brk in _PARAGRAPH_BREAK.finditer(text.strip())]
    lead = len(text) - len(text.lstrip())
    before = sum(1 for end in breaks if end + lead <= offset)
    return before + 1, len(breaks) + 1
