"""Close attribute values: "ceasefire" typed where "cease-fire" is already a value.

An editable attribute (a demand's issue) takes any typed value, so one issue can end up
spelled several ways ("cease-fire", "ceasefire", "Cease fire", "ceasfire"), and every count
and network then splits it. Before a new value is added, the window asks whether the close
existing one was meant; this module decides what is close.

Two values are *the same spelling* when their keys are equal: case, diacritics, spaces,
hyphens and every other punctuation mark ignored. Otherwise a value is *close* to a known
one when their keys are similar (rapidfuzz ``ratio``): a typo, a missing or extra letter.
Very short keys are only ever compared for equality ("aid" is not "arid").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

#: The least similarity (0..100) of two keys for a value to be offered as the one meant.
CLOSE = 85.0
#: Keys shorter than this are compared for equality only.
FUZZY_FROM = 5


def value_key(value: str) -> str:
    """The key of a value: its letters and digits, case-folded, without diacritics."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def close_value(typed: str, known: Iterable[str], cutoff: float = CLOSE) -> str | None:
    """The known value that ``typed`` is probably meant to be, or None.

    None when ``typed`` is itself known (exactly as typed, surrounding spaces aside), when it
    has no letters or digits, or when no known value is close. A known value of the same
    spelling comes before a merely similar one; among equals, the first in ``known`` wins, so
    callers list the schema's values before the ones in use.
    """
    typed = typed.strip()
    values = list(dict.fromkeys(v for v in (k.strip() for k in known) if v))
    key = value_key(typed)
    if not key or typed in values:
        return None
    keys = [value_key(v) for v in values]
    for value, other in zip(values, keys, strict=True):
        if other == key:
            return value
    if len(key) < FUZZY_FROM:
        return None
    candidates = {i: other for i, other in enumerate(keys) if len(other) >= FUZZY_FROM}
    found = process.extractOne(
        key, candidates, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff
    )
    return values[found[2]] if found is not None else None
