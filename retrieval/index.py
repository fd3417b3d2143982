"""The searchable corpus: passages, their analyzer, a BM25 engine and term statistics."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

import numpy as np

from retrieval.analyzer import Analyzer, Equivalences, Query, Speller, analyze_query, learn_acronyms, raw_tokens
from retrieval.blocks import Kind
from retrieval.documents import CorpusError, LoadedDocument
from retrieval.engines import Engine, RankBM25Engine, lucene_idf
from retrieval.models import Document, Hit, Passage
from retrieval.passages import build_passages


def passage_text(passage: Passage) -> str:
    """What is indexed for a passage: its heading as context, then its text."""
    return f"{passage.heading}\n{passage.text}" if passage.heading else passage.text


@dataclass
class Stats:
    """Corpus-wide term statistics shared by the engines' callers."""

    n_passages: int
    df: dict[str, int]  # passages containing each term
    surfaces: dict[str, str]  # each written word -> its index term, for typo correction

    def related(self, term: str) -> set[str]:
        """Corpus terms that extend or shorten `term` by a few letters ('chair' ~ 'chairman',
        'pakistan' ~ 'pakistani'): a light second stemming for matching question words."""
        if len(term) < 5 or term[0].isdigit():
            return set()
        if not hasattr(self, "_sorted"):
            self._sorted = sorted(t for t in self.df if t[:1].isalpha())
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


class Index:
    """Search over a corpus. Built once, then only read: safe to share between requests."""

    def __init__(self, documents: list[Document], passages: list[Passage], analyzer: Analyzer,
                 engine: Engine, stats: Stats) -> None:
        self.documents = {d.source_id: d for d in documents}
        self.passages = passages
        self.analyzer = analyzer
        self.engine = engine
        self.stats = stats
        self._speller = Speller(stats.surfaces)
        self._by_id = {p.id: i for i, p in enumerate(passages)}
        self._by_source: dict[str, np.ndarray] = {}
        for i, p in enumerate(passages):
            self._by_source.setdefault(p.source_id, []).append(i)  # type: ignore[arg-type]
        self._by_source = {k: np.asarray(v, dtype=np.int64) for k, v in self._by_source.items()}

    @classmethod
    def build(cls, loaded: list[LoadedDocument]) -> "Index":
        """Learn the corpus's acronyms, analyze every passage and build the engine."""
        equivalences = Equivalences.builtin()
        passages: list[Passage] = []
        for item in loaded:
            for block in item.blocks:
                if block.kind in (Kind.BODY, Kind.HEADING, Kind.TITLE):
                    learn_acronyms(block.text, equivalences)
            passages.extend(build_passages(item.document.source_id, item.blocks))
        analyzer = Analyzer(equivalences)
        corpus_terms: list[list[str]] = []
        df: Counter[str] = Counter()
        surfaces: dict[str, str] = {}
        for p in passages:
            tokens = raw_tokens(passage_text(p))
            for t in tokens:
                surfaces.setdefault(t.surface, t.term)
            terms = analyzer.with_concepts(tokens)
            corpus_terms.append(terms)
            df.update(set(terms))
        if not passages:
            raise CorpusError("the corpus has articles but no body text to index (only headings and page furniture)")
        built = RankBM25Engine(corpus_terms)
        return cls([i.document for i in loaded], passages, analyzer, built,
                   Stats(len(passages), dict(df), surfaces))

    # -- reading -------------------------------------------------------------------------

    def query(self, text: str) -> Query:
        """The analyzed query: terms to search, with typo corrections and unknown words flagged."""
        return analyze_query(text, self.analyzer, self.stats.df, self._speller)

    def passage(self, passage_id: str) -> Passage:
        return self.passages[self._by_id[passage_id]]

    def source_ids(self) -> list[str]:
        return list(self.documents)

    def passages_of(self, source_id: str) -> list[Passage]:
        return [self.passages[i] for i in self._by_source.get(source_id, [])]

    def search(self, query: str | Query, k: int = 10) -> list[Hit]:
        """The k best passages for a query, best first."""
        q = self.query(query) if isinstance(query, str) else query
        return self._hits(q, self.engine.top(q.terms, k) if q.terms else [])

    def search_in(self, source_id: str, query: str | Query, k: int = 3) -> list[Hit]:
        """The k best passages of one source, for comparing sources."""
        q = self.query(query) if isinstance(query, str) else query
        among = self._by_source.get(source_id)
        if among is None or not q.terms:
            return []
        return self._hits(q, self.engine.top(q.terms, k, among))

    def _hits(self, q: Query, ranked: list[tuple[int, float]]) -> list[Hit]:
        wanted = set(q.terms)
        hits = []
        for rank, (i, score) in enumerate(ranked, start=1):
            p = self.passages[i]
            present = set(self.analyzer.terms(passage_text(p)))
            matched = [t for t in dict.fromkeys(q.terms) if t in present and t in wanted]
            hits.append(Hit(rank=rank, score=round(score, 4), passage=p,
                            meta=self.documents[p.source_id].meta, matched_terms=matched))
        return hits
