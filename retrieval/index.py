"""The searchable corpus: passages, their analyzer, a BM25 engine and term statistics.

Each source's passages are numbered consecutively: `starts[s]:ends[s]` are the numbers of
the `s`-th source's passages (sources in corpus order). A fresh index numbers them in corpus
order; an incrementally updated one (`retrieval.update`) appends new sources' passages at the
end and leaves gaps where removed ones were, so ties are broken by corpus order, not number. They are held in a list (a corpus built in memory,
rank-bm25) or in a table on disk (a persisted tantivy index); both are read by number, so an
answer only ever touches the passages it reads. `retrieval.store` builds and opens indexes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from retrieval.analyzer import Analyzer, Query, Speller, analyze_query
from retrieval.engines import Engine, lucene_idf
from retrieval.models import Document, Hit, Passage

MAX_QUESTION_HEADINGS = 1000  # kept for example questions; an archive has far more
TIE_MARGIN = 8  # hits asked of the engine beyond k, so that ties at the cut are settled in corpus order


def passage_text(passage: Passage) -> str:
    """What is indexed for a passage: its heading as context, then its text."""
    return f"{passage.heading}\n{passage.text}" if passage.heading else passage.text


@dataclass
class Stats:
    """Corpus-wide term statistics shared by the engines' callers."""

    n_passages: int
    df: dict[str, int]  # passages containing each term
    surfaces: dict[str, str]  # each written word -> its index term, for typo correction
    _sorted: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Sorted once, when loaded (cheap when `df` comes sorted, as from a persisted index).
        self._sorted = sorted(t for t in self.df if t[:1].isalpha())

    def related(self, term: str) -> set[str]:
        """Corpus terms that extend or shorten `term` by a few letters ('chair' ~ 'chairman',
        'pakistan' ~ 'pakistani'): a light second stemming for matching question words."""
        if len(term) < 5 or term[0].isdigit():
            return set()
        out = {term[:i] for i in range(5, len(term)) if len(term) - i <= 3 and term[:i] in self.df}
        i = bisect.bisect_left(self._sorted, term)
        while i < len(self._sorted) and self._sorted[i].startswith(term):
            if 0 < len(self._sorted[i]) - len(term) <= 3:
                out.add(self._sorted[i])
            i += 1
        return out

    def idf(self, term: str) -> float:
        """Lucene's always-positive idf; a term the corpus lacks gets the rarest term's weight."""
        return lucene_idf(self.n_passages, self.df.get(term, 0))


def add_question_headings(headings: Iterable[str | None], found: dict[str, None]) -> None:
    """Collect passages' headings that are questions (for example questions), up to a limit."""
    for h in headings:
        if h and h.endswith("?") and 3 <= len(h.split()) <= 12 and len(found) < MAX_QUESTION_HEADINGS:
            found.setdefault(h, None)


class Passages(Protocol):
    """Passages read by number (0 .. len - 1, corpus order): a PassageList in memory, or a
    persisted table (`retrieval.tables.PassageTable`) that reads many in one query."""

    def __len__(self) -> int: ...

    def __getitem__(self, number: int, /) -> Passage: ...

    def __iter__(self) -> Iterator[Passage]: ...

    def many(self, numbers: Iterable[int]) -> list[Passage]:
        """The passages with these numbers, in the order given."""
        ...


class PassageList(list[Passage]):
    """Passages held in memory, read by number like a persisted passage table."""

    def many(self, numbers: Iterable[int]) -> list[Passage]:
        return [self[i] for i in numbers]


class Documents(Mapping[str, Document]):
    """Documents by source id, in corpus order: a DocumentDict in memory, or a persisted table
    (`retrieval.tables.DocumentTable`) that reads them when asked."""

    def fetch(self, source_ids: Iterable[str]) -> None:
        """Have these documents at hand (a persisted table reads them in one query)."""

    def outlets(self) -> dict[str, str | None]:
        """Every document's outlet by source id (a persisted table reads the column, not the
        documents)."""
        raise NotImplementedError


class DocumentDict(dict[str, Document]):
    """Documents held in memory, by source id."""

    def fetch(self, source_ids: Iterable[str]) -> None:
        return None

    def outlets(self) -> dict[str, str | None]:
        return {sid: d.meta.outlet for sid, d in self.items()}


class Index:
    """Search over a corpus. Built once, then only read: safe to share between requests."""

    def __init__(
        self,
        documents: Documents | DocumentDict,
        passages: Passages,
        analyzer: Analyzer,
        engine: Engine,
        stats: Stats,
        *,
        starts: np.ndarray,
        ends: np.ndarray,
        ordinals: np.ndarray,
        question_headings: list[str],
        engine_sources: np.ndarray | None = None,
        origin: object | None = None,
    ) -> None:
        """`documents`: by source id, in corpus order; `starts[s]:ends[s]`: the passage numbers
        of the s-th document; `ordinals[i]`: passage i's block ordinal; `engine_sources[s]`: the
        number the engine knows the s-th document by (default s); `origin`: the persisted
        generation it was opened from (a retrieval.generation.Generation, opaque here), which an
        update of the running service starts from."""
        self.documents = documents
        self.origin = origin
        self.passages = passages
        self.analyzer = analyzer
        self.engine = engine
        self.stats = stats
        self._speller = Speller(stats.surfaces)
        self._source_ids = list(self.documents)
        self._numbers = {sid: i for i, sid in enumerate(self._source_ids)}
        self._starts, self._ends = starts, ends  # passage numbers of source s: starts[s]:ends[s]
        self._engine_sources = engine_sources
        self._by_start = np.argsort(starts, kind="stable")  # sources in passage-number order
        self._sorted_starts = starts[self._by_start]
        self._ordinals = ordinals  # each passage's block ordinal, increasing within a source
        self._question_headings = question_headings

    # -- reading -------------------------------------------------------------------------

    def query(self, text: str) -> Query:
        """The analyzed query: terms to search, with typo corrections and unknown words flagged."""
        return analyze_query(text, self.analyzer, self.stats.df, self._speller)

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError if there is none."""
        source_id, _, ordinal = passage_id.rpartition("#p")
        s = self._numbers.get(source_id)
        if s is None or not ordinal.isdigit():
            raise KeyError(passage_id)
        lo, hi = int(self._starts[s]), int(self._ends[s])
        i = lo + int(np.searchsorted(self._ordinals[lo:hi], int(ordinal)))
        if i >= hi or self._ordinals[i] != int(ordinal):
            raise KeyError(passage_id)
        return self.passages[i]

    def source_ids(self) -> list[str]:
        return list(self._source_ids)

    def passages_of(self, source_id: str) -> list[Passage]:
        s = self._numbers.get(source_id)
        if s is None:
            return []
        return self.passages.many(range(int(self._starts[s]), int(self._ends[s])))

    def passage_count(self, source_id: str) -> int:
        s = self._numbers.get(source_id)
        return 0 if s is None else int(self._ends[s] - self._starts[s])

    def question_headings(self) -> list[str]:
        """Distinct headings that are questions, in corpus order (at most MAX_QUESTION_HEADINGS)."""
        return list(self._question_headings)

    def search(self, query: str | Query, k: int = 10) -> list[Hit]:
        """The k best passages for a query, best first."""
        q = self.query(query) if isinstance(query, str) else query
        return self._hits(q, self._top(q.terms, k) if q.terms else [])

    def search_in(self, source_id: str, query: str | Query, k: int = 3) -> list[Hit]:
        """The k best passages of one source, for comparing sources."""
        q = self.query(query) if isinstance(query, str) else query
        s = self._numbers.get(source_id)
        if s is None or not q.terms:
            return []
        engine_source = s if self._engine_sources is None else int(self._engine_sources[s])
        return self._hits(q, self._top(q.terms, k, engine_source))

    def _top(self, terms: list[str], k: int, source: int | None = None) -> list[tuple[int, float]]:
        """The engine's best k, ties in corpus order (source order, then passage order) whatever
        the passage numbers: an updated index ranks as a rebuilt one does."""
        ranked = self.engine.top(terms, k + TIE_MARGIN, source)
        if len(ranked) > 1:
            places = self._by_start[np.searchsorted(self._sorted_starts, [i for i, _ in ranked], "right") - 1]
            ranked = [
                r
                for _, _, r in sorted(
                    zip(places.tolist(), range(len(ranked)), ranked, strict=True),
                    key=lambda x: (-x[2][1], x[0], x[2][0]),
                )
            ]
        return ranked[:k]

    def _hits(self, q: Query, ranked: list[tuple[int, float]]) -> list[Hit]:
        wanted = set(q.terms)
        hits = []
        passages = self.passages.many(i for i, _ in ranked)
        self.documents.fetch(p.source_id for p in passages)  # one read for a persisted index
        for rank, ((_, score), p) in enumerate(zip(ranked, passages, strict=False), start=1):
            present = set(self.analyzer.terms(passage_text(p)))
            matched = [t for t in dict.fromkeys(q.terms) if t in present and t in wanted]
            hits.append(
                Hit(
                    rank=rank,
                    score=round(score, 4),
                    passage=p,
                    meta=self.documents[p.source_id].meta,
                    matched_terms=matched,
                )
            )
        return hits
