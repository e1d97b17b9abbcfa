"""How a lead's documents are handed out: an overlap sample for everyone, the rest split.

Pure and deterministic: the same documents, names, overlap and seed give the same plan. The
documents are shuffled with the seed (so the overlap sample and the shares are chosen at
random, not by import order), the first ``round(P% of n)`` go to everyone, and the rest are
dealt out in turn, so that the shares differ by at most one document.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.errors import ValidationError

#: The seed used when none is given (printed, so a plan can be made again).
DEFAULT_SEED = 20261202


@dataclass(frozen=True)
class Plan:
    """``overlap``: the documents everyone gets; ``shares[name]``: one annotator's own."""

    overlap: tuple[str, ...]
    shares: dict[str, tuple[str, ...]]
    percent: float
    seed: int

    def documents_of(self, name: str) -> tuple[str, ...]:
        """Everything one annotator gets: the overlap sample, then their share."""
        return self.overlap + self.shares[name]


def overlap_count(total: int, percent: float) -> int:
    """``percent`` of ``total`` documents, rounded half up (20% of 7 is 1; 50% of 3 is 2)."""
    return int(total * percent / 100 + 0.5)


def check_names(names: Sequence[str], reserved: Sequence[str] = ()) -> list[str]:
    """The names, stripped; refused when empty, repeated (ignoring case) or reserved."""
    cleaned = [n.strip() for n in names]
    if len(cleaned) < 1 or any(not n for n in cleaned):
        raise ValidationError("give at least one annotator name, none of them empty")
    seen: set[str] = set()
    for name in cleaned:
        key = name.casefold()
        if key in {r.casefold() for r in reserved}:
            raise ValidationError(f"{name!r} is reserved (for the gold and suggestions layers)")
        if key in seen:
            raise ValidationError(f"the annotator {name!r} is named twice")
        if any(c in name for c in '/\\:*?"<>|') or name.startswith("."):
            raise ValidationError(
                f'{name!r} cannot be a file name (no / \\ : * ? " < > |, no leading dot)'
            )
        seen.add(key)
    return cleaned


def plan(documents: Sequence[str], names: Sequence[str], percent: float, seed: int) -> Plan:
    """Hand ``documents`` (ids, in project order) to ``names``; see the module docstring."""
    if not 0 <= percent <= 100:
        raise ValidationError(f"the overlap must be between 0 and 100 percent, not {percent}")
    if not names:
        raise ValidationError("give at least one annotator name")
    order = list(documents)
    random.Random(seed).shuffle(order)
    k = overlap_count(len(order), percent)
    overlap, rest = tuple(order[:k]), order[k:]
    shares = {name: tuple(rest[i :: len(names)]) for i, name in enumerate(names)}
    return Plan(overlap, shares, percent, seed)
