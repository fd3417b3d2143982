"""BM25 engines behind one small interface: build from term lists, score a query's terms.

`RankBM25Engine` is rank-bm25's BM25Okapi with k1=1.5, b=0.75, epsilon=0.25 (the library's
defaults, the classic Robertson/Sparck Jones formulation): idf = ln((N - n + 0.5) / (n + 0.5)),
floored at epsilon times the mean idf so that terms in more than half the passages still count
a little instead of subtracting. It scores every passage in Python and is the reference
ranking; it suits corpora up to some tens of thousands of passages.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Engine(Protocol):
    name: str

    def scores(self, terms: list[str]) -> np.ndarray:
        """A BM25 score per passage, in passage order."""

    def top(self, terms: list[str], k: int, among: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The best k (passage number, score) pairs with score > 0, among some passages if given."""


def top_from_scores(scores: np.ndarray, k: int, among: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The k highest positive scores, ties broken by passage order for stable rankings."""
    if among is not None:
        sub = scores[among]
        order = np.lexsort((among, -sub))[:k]
        return [(int(among[i]), float(sub[i])) for i in order if sub[i] > 0]
    k = min(k, len(scores))
    if k <= 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    part = part[np.lexsort((part, -scores[part]))]
    return [(int(i), float(scores[i])) for i in part if scores[i] > 0]


class RankBM25Engine:
    name = "rank-bm25"
    K1, B, EPSILON = 1.5, 0.75, 0.25

    def __init__(self, corpus_terms: list[list[str]]) -> None:
        from rank_bm25 import BM25Okapi  # heavy-ish import only where an index is built

        # rank-bm25 divides by zero on an empty corpus; a corpus always has passages here.
        self._bm25 = BM25Okapi(corpus_terms, k1=self.K1, b=self.B, epsilon=self.EPSILON)

    def scores(self, terms: list[str]) -> np.ndarray:
        return np.asarray(self._bm25.get_scores(list(dict.fromkeys(terms))), dtype=np.float64)

    def top(self, terms: list[str], k: int, among: np.ndarray | None = None) -> list[tuple[int, float]]:
        return top_from_scores(self.scores(terms), k, among)
