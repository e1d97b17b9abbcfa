"""Cohen's κ (two annotators) and Fleiss' κ (all of them), per label, over positions.

Each label is its own yes/no decision at every position: an annotator says "X" at a position
when one of their X fragments touches it (positions.py). Counts are kept per document and
summed, so that the pooled figure of a label, and of all labels (``*``, every position ×
label decision), is computed over the pooled counts (micro), never averaged.

- Cohen (1960): with n11 (both X), n10, n01, n00 over N positions, observed agreement
  Po = (n11 + n00) / N, expected Pe = pa·pb + (1 - pa)(1 - pb) where pa = (n11 + n10) / N and
  pb = (n11 + n01) / N, and κ = (Po - Pe) / (1 - Pe).
- Fleiss (1971): with n annotators and k of them saying X at a position, that position's
  agreement is (k(k-1) + (n-k)(n-k-1)) / (n(n-1)); Po is its mean over the N positions,
  p = Σk / (N n), Pe = p² + (1-p)², κ = (Po - Pe) / (1 - Pe).

When Pe = 1 (everyone said "X" everywhere, or nobody anywhere) κ is undefined, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.model import (
    NO_DOCUMENTS,
    Coefficient,
    chance_corrected,
    no_positions,
)


def per_document(vector: np.ndarray, first: np.ndarray) -> np.ndarray:
    """How many positions of each document are True (documents laid end to end)."""
    sums = np.zeros(len(vector) + 1, dtype=np.int64)
    np.cumsum(vector, out=sums[1:])
    return sums[first[1:]] - sums[first[:-1]]


@dataclass(slots=True)
class Confusion:
    """Positions where both (n11), only a (n10), only b (n01) or neither (n00) said X."""

    n11: int = 0
    n10: int = 0
    n01: int = 0
    n00: int = 0

    @property
    def total(self) -> int:
        return self.n11 + self.n10 + self.n01 + self.n00

    def add(self, other: Confusion) -> None:
        self.n11 += other.n11
        self.n10 += other.n10
        self.n01 += other.n01
        self.n00 += other.n00

    def kappa(self, a: str, b: str, label: str) -> Coefficient:
        n = self.total
        if n == 0:
            return no_positions(NO_DOCUMENTS)
        observed = (self.n11 + self.n00) / n
        pa = (self.n11 + self.n10) / n
        pb = (self.n11 + self.n01) / n
        expected = pa * pb + (1 - pa) * (1 - pb)
        what = (
            f"neither {a} nor {b} marked any {label}"
            if pa + pb < 1
            else f"{a} and {b} marked every position {label}"
        )
        return chance_corrected(observed, expected, n, what)


def confusions(a: np.ndarray, b: np.ndarray, first: np.ndarray) -> list[Confusion]:
    """The confusion counts of two annotators' vectors of one label, per document."""
    both = per_document(a & b, first)
    only_a = per_document(a, first) - both
    only_b = per_document(b, first) - both
    sizes = first[1:] - first[:-1]
    neither = sizes - both - only_a - only_b
    columns = (both.tolist(), only_a.tolist(), only_b.tolist(), neither.tolist())
    return [Confusion(w, x, y, z) for w, x, y, z in zip(*columns, strict=True)]


@dataclass(slots=True)
class Votes:
    """For Fleiss: how many positions had k of the n annotators saying X (``counts[k]``)."""

    raters: int
    counts: np.ndarray

    @classmethod
    def of(cls, vectors: list[np.ndarray]) -> Votes:
        raters = len(vectors)
        if not vectors or len(vectors[0]) == 0:
            return cls(raters, np.zeros(raters + 1, dtype=np.int64))
        k = np.sum(np.stack(vectors), axis=0)
        return cls(raters, np.bincount(k, minlength=raters + 1).astype(np.int64))

    def add(self, other: Votes) -> None:
        self.counts = self.counts + other.counts

    def kappa(self, label: str) -> Coefficient:
        n = self.raters
        positions = int(self.counts.sum())
        if n < 2:
            return no_positions("Fleiss' κ needs at least two annotators")
        if positions == 0:
            return no_positions(NO_DOCUMENTS)
        k = np.arange(n + 1)
        agree = (k * (k - 1) + (n - k) * (n - k - 1)) / (n * (n - 1))
        observed = float(np.dot(self.counts, agree) / positions)
        p = float(np.dot(self.counts, k) / (positions * n))
        expected = p * p + (1 - p) * (1 - p)
        what = (
            f"no annotator marked any {label}"
            if p < 0.5
            else f"every annotator marked every position {label}"
        )
        return chance_corrected(observed, expected, positions, what)
