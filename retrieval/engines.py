"""BM25 engines behind one small interface: build from term lists, score a query's terms.

Every engine scores with the same BM25: k1=1.2, b=0.75 and Lucene's idf
ln(1 + (N - n + 0.5) / (n + 0.5)), which is always positive. (Okapi's idf
ln((N - n + 0.5) / (n + 0.5)) is 0 for a term in one of two passages and negative above half,
so a tiny corpus would find nothing.) These are tantivy's fixed parameters too, so the
scalable engine ranks as the reference does.

`RankBM25Engine` is rank-bm25's BM25Okapi with that idf. It scores every passage in Python
and is the reference ranking; it suits corpora up to some tens of thousands of passages.
"""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np


class Engine(Protocol):
    name: str

    def top(self, terms: list[str], k: int, source: int | None = None) -> list[tuple[int, float]]:
        """The best k (passage number, score) pairs with score > 0, best first, ties in passage
        order; with `source` (a source's number), among that source's passages only."""


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


K1, B = 1.2, 0.75


def lucene_idf(n_passages: int, df: int) -> float:
    return math.log(1 + (n_passages - df + 0.5) / (df + 0.5))


class RankBM25Engine:
    name = "rank-bm25"

    def __init__(self, corpus_terms: list[list[str]], bounds: np.ndarray) -> None:
        """`bounds[s]:bounds[s + 1]` are the passage numbers of source `s`."""
        from rank_bm25 import BM25Okapi  # heavy-ish import only where an index is built

        class LuceneIdfBM25(BM25Okapi):
            """BM25Okapi with Lucene's always-positive idf (rank-bm25's `_calc_idf` hook)."""

            def _calc_idf(self, nd: dict[str, int]) -> None:
                for word, freq in nd.items():
                    self.idf[word] = lucene_idf(self.corpus_size, freq)

        # rank-bm25 divides by zero on an empty corpus; Index.build refuses one before this.
        self._bm25 = LuceneIdfBM25(corpus_terms, k1=K1, b=B)
        self._bounds = bounds

    def scores(self, terms: list[str]) -> np.ndarray:
        """A BM25 score per passage, in passage order (this engine only: it scores them all)."""
        return np.asarray(self._bm25.get_scores(list(dict.fromkeys(terms))), dtype=np.float64)

    def top(self, terms: list[str], k: int, source: int | None = None) -> list[tuple[int, float]]:
        among = None if source is None else np.arange(self._bounds[source], self._bounds[source + 1])
        return top_from_scores(self.scores(terms), k, among)
