"""Matching actor names: normalised keys, a name index with fuzzy suggestions, and a finder
for every occurrence of a set of names in a text.

Two different notions of "the same name" are used, on purpose:

* :func:`normalise_name` gives the *key* of a name for exact matching of a mention against the
  registry: case-folded, diacritics removed, punctuation and quotes removed, whitespace
  collapsed, a possessive ending dropped. "SERGEI LAVROV's" and "Sérgei Lavrov" share the key
  of "Sergei Lavrov". Spelling variants ("Sergey") are *not* folded together: they are what
  aliases are for.
* :class:`NameFinder` locates names inside a text and must report offsets into that text, so
  it cannot rewrite the text freely. It folds each character on its own into exactly one
  character (so offsets stay valid) and matches case-insensitively; see its docstring for what
  that leaves out.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from annotator.core.model import Entity

_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"
# A possessive at the end of a word: "Lavrov's", "Lavrov’s", "the ministers'" (the last keeps
# its "s": "ministers'" and "ministers" are one key, "minister" is another).
_POSSESSIVE_RE = regex.compile(rf"(?<=\w)[{_APOSTROPHES}]s(?!\w)|(?<=\ws)[{_APOSTROPHES}](?!\w)")
# Apostrophes and full stops join a word ("O'Neill" = "ONeill", "U.S." = "US"); every other
# punctuation mark or symbol separates words ("Jean-Luc" = "Jean Luc").
_JOINING_RE = regex.compile(rf"[{_APOSTROPHES}.]")
_SEPARATOR_RE = regex.compile(r"[\p{P}\p{S}]+")
_SPACE_RE = regex.compile(r"\s+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(text: str) -> str:
    """The matching key of a name (see the module docstring); "" for a name of punctuation."""
    key = _strip_marks(text).casefold()
    key = _POSSESSIVE_RE.sub("", key)
    key = _JOINING_RE.sub("", key)
    key = _SEPARATOR_RE.sub(" ", key)
    return _SPACE_RE.sub(" ", key).strip()


class NameIndex:
    """Entities' names and aliases, for exact matching by key and fuzzy suggestions.

    Built once from the registry and then read many times (the store caches it and rebuilds it
    when the registry changes).
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._by_key: dict[str, list[str]] = {}
        self._names: dict[str, str] = {}  # entity id -> canonical name
        # Parallel lists for rapidfuzz: one choice per distinct (entity, key).
        self._choices: list[str] = []
        self._owners: list[str] = []
        for entity in entities:
            self._names[entity.id] = entity.name
            seen: set[str] = set()
            for name in (entity.name, *entity.aliases):
                key = normalise_name(name)
                if not key or key in seen:
                    continue
                seen.add(key)
                self._by_key.setdefault(key, []).append(entity.id)
                self._choices.append(key)
                self._owners.append(entity.id)

    def __len__(self) -> int:
        return len(self._names)

    def match(self, text: str) -> list[str]:
        """Ids of the entities with a name or alias of the same key; several = ambiguous."""
        return list(self._by_key.get(normalise_name(text), ()))

    def suggest(
        self, text: str, limit: int = 10, cutoff: float = 50.0
    ) -> list[tuple[str, str, float]]:
        """(entity id, canonical name, score 0..100) of the closest entities, best first.

        Each entity is scored by its best-matching name or alias (rapidfuzz ``WRatio`` on the
        keys), so "Lavrow" finds the entity of "Sergei Lavrov" through its alias "Lavrov".
        Scores below ``cutoff`` are left out; ties keep registry order.
        """
        key = normalise_name(text)
        if not key or limit <= 0:
            return []
        best: dict[str, float] = {}
        for _choice, score, i in process.extract(
            key,
            self._choices,
            scorer=fuzz.WRatio,
            processor=None,
            limit=None,
            score_cutoff=cutoff,
        ):
            owner = self._owners[i]
            if score > best.get(owner, -1.0):
                best[owner] = score
        ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
        return [(entity_id, self._names[entity_id], score) for entity_id, score in ranked]


# -- finding names in a text ---------------------------------------------------------------


class _FoldTable(dict[int, int]):
    """str.translate table: each character to one character without diacritics (computed on
    first sight, then cached). Characters that do not decompose into one base letter plus marks
    ("ł", "ß", "Æ") stay as they are, so that offsets into the folded text are offsets into
    the original."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char in _APOSTROPHES:
            folded = "'"
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
            folded = base if len(base) == 1 else char
        self[code] = ord(folded)
        return self[code]


_FOLD = _FoldTable()


def fold_text(text: str) -> str:
    """``text`` with diacritics removed and apostrophes unified, character by character: the
    result has the same length, so its offsets are the original's."""
    return text if text.isascii() else text.translate(_FOLD)


def _name_key(text: str) -> str:
    # What identifies a matched piece of text as one of the names: folding as in the text,
    # case-insensitive, whitespace collapsed (a name can run over a line break).
    return _SPACE_RE.sub(" ", fold_text(text).lower()).strip()


# Word characters include combining marks, so a name never ends inside a decomposed letter.
_WORD = r"[\w\p{M}]"


class NameFinder:
    """Finds whole-word occurrences of any of a set of names in texts.

    Matching is case-insensitive and diacritic-insensitive ("Halek" finds "Hálek" and the
    reverse), treats ' and ’ alike, and lets a space in a name match any run of whitespace.
    A name followed by a possessive ("Lavrov's") is found; the occurrence covers the name only.
    Limits: letters that do not decompose ("Łódź" vs "Lodz", "ß" vs "ss") and spelling variants
    are not folded (use aliases). Where names overlap, the longest occurrence wins (the earlier
    one among equally long), so occurrences never overlap.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names: dict[str, str] = {}  # key -> the name as given (the first of equal keys)
        for name in names:
            key = _name_key(name)
            if key:
                self.names.setdefault(key, name.strip())
        # Longest first, so that "Sergei Lavrov" is preferred to "Lavrov" at the same place.
        alternatives = sorted(self.names, key=lambda k: (-len(k), k))
        body = "|".join(r"\s+".join(regex.escape(w) for w in k.split(" ")) for k in alternatives)
        self.pattern: regex.Pattern[str] | None = (
            regex.compile(rf"(?<!{_WORD})(?:{body})(?!{_WORD})", regex.IGNORECASE | regex.V0)
            if alternatives
            else None
        )

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, matched name) of each occurrence, in text order (code points)."""
        if self.pattern is None:
            return []
        # At each position the longest name that fits (alternatives are longest first); then
        # the longest of overlapping candidates wins, so "The Concord of Nations" yields
        # "Concord of Nations" rather than the alias "The Concord".
        candidates = sorted(
            (m.span() for m in self.pattern.finditer(fold_text(text), overlapped=True)),
            key=lambda span: (span[0] - span[1], span[0]),
        )
        starts: list[int] = []  # accepted spans, sorted by start (they never overlap)
        ends: list[int] = []
        for start, end in candidates:
            i = bisect_right(starts, start)
            if (i and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
                continue
            starts.insert(i, start)
            ends.insert(i, end)
        return [
            (start, end, self.names.get(_name_key(text[start:end]), text[start:end]))
            for start, end in zip(starts, ends, strict=True)
        ]


def compile_pattern(names: Iterable[str]) -> regex.Pattern[str] | None:
    """The pattern :class:`NameFinder` uses: run it on :func:`fold_text` of a text (not on the
    text itself). None for no usable names."""
    return NameFinder(names).pattern


@lru_cache(maxsize=64)
def _finder(names: tuple[str, ...]) -> NameFinder:
    return NameFinder(names)


def find_occurrences(text: str, names: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of any of ``names`` in ``text``: (start, end, name)."""
    return _finder(tuple(names)).find(text)


__all__ = [
    "NameFinder",
    "NameIndex",
    "compile_pattern",
    "find_occurrences",
    "fold_text",
    "normalise_name",
]
