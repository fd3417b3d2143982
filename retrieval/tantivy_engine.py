"""The scalable engine: a tantivy index of the analyzer's terms, on disk and memory-mapped.

tantivy's BM25 is the reference's: k1=1.2, b=0.75 and idf ln(1 + (N - n + 0.5) / (n + 0.5))
(see `retrieval.engines`). The one difference is that tantivy keeps each passage's length in
one byte (field-norm quantisation), so scores differ in the third digit and near-ties may swap.

Passages are indexed already analysed: the `body` field uses tantivy's whitespace tokenizer
over the analyzer's terms joined by spaces, and a query is a disjunction of term queries built
directly (no query parser), so both engines see exactly the terms of the one analyzer.
`tantivy` is imported only here, when an index is built or opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from retrieval.engines import K1, lucene_idf

COMMON_SHARE = (
    0.01  # a query term in more of the passages than this is searched for last (see TantivyEngine.rare_first)
)
BOUND_MARGIN = 1.05  # on the best score of passages holding only common terms
HEAP_BYTES = 256_000_000  # the writer's memory budget; it flushes a segment when full
WRITER_THREADS = 1  # one indexing thread beside the Python process that feeds it: 2 cores busy


def _schema(tantivy: Any) -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    sb.add_unsigned_field("pid", stored=False, indexed=False, fast=True)  # passage number
    sb.add_unsigned_field("source", stored=False, indexed=True, fast=False)  # source number
    return sb.build()


class TantivyWriter:
    """Adds analysed passages to a new tantivy index in `path` (an empty or missing folder), or
    with `existing`, adds to and deletes from the index there; nothing shows until `commit`."""

    def __init__(self, path: Path, *, existing: bool = False, heap_bytes: int = HEAP_BYTES) -> None:
        import tantivy

        self._tantivy = tantivy
        if existing:
            self._index = tantivy.Index.open(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(_schema(tantivy), path=str(path))
        self._writer = self._index.writer(heap_size=heap_bytes, num_threads=WRITER_THREADS)

    def delete_source(self, source: int) -> None:
        """Delete every passage of one source (by its number)."""
        t = self._tantivy
        self._writer.delete_documents_by_query(t.Query.term_query(self._index.schema, "source", source))

    def add(self, pid: int, source: int, terms: list[str]) -> None:
        doc = self._tantivy.Document()
        doc.add_unsigned("pid", pid)  # Document(pid=...) would make an i64, which a u64 field rejects
        doc.add_unsigned("source", source)
        doc.add_text("body", " ".join(terms))
        self._writer.add_document(doc)

    def commit(self) -> None:
        self._writer.commit()
        self._writer.wait_merging_threads()


class TantivyEngine:
    name = "tantivy"

    def __init__(self, path: Path, *, common_share: float = COMMON_SHARE) -> None:
        """The index in `path`. `common_share`: a query term in more of the passages than this
        share is searched for last (`rare_first`); 1.0 searches every query as one plain
        disjunction."""
        import tantivy

        self.path = path
        self.common_share = common_share
        self._tantivy = tantivy
        self._index = tantivy.Index.open(str(path))
        self._schema = self._index.schema
        self._searcher = self._index.searcher()

    @property
    def n_passages(self) -> int:
        return int(self._searcher.num_docs)

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages hold each of `terms` that any passage holds."""
        df = {t: int(self._searcher.doc_freq("body", t)) for t in terms}
        return {t: n for t, n in df.items() if n}

    def passages_with_all(self, terms: list[str]) -> list[int]:
        """The numbers of the passages that hold every one of `terms` (any order)."""
        t = self._tantivy
        query = t.Query.boolean_query(
            [(t.Occur.Must, t.Query.term_query(self._schema, "body", term)) for term in dict.fromkeys(terms)]
        )
        n = self._searcher.search(query, 1, count=True).count  # type: ignore[attr-defined]
        if not n:
            return []
        hits = self._searcher.search(query, n, count=False).hits
        pids = self._searcher.fast_field_values("pid", [a for _, a in hits])
        return [int(pid) for pid in pids if pid is not None]

    def top(self, terms: list[str], k: int, source: int | None = None) -> list[tuple[int, float]]:
        unique = list(dict.fromkeys(terms))
        if not unique or k <= 0:
            return []
        t = self._tantivy
        hits: list[tuple[float, Any]] | None
        if source is not None:  # a filter that adds nothing to the score
            only = t.Query.const_score_query(t.Query.term_query(self._schema, "source", source), 0.0)
            query = t.Query.boolean_query([(t.Occur.Must, only), (t.Occur.Must, self._any_of(unique))])
            hits = self._searcher.search(query, k, count=False).hits
        else:
            hits = self.rare_first(unique, k)
            if hits is None:
                hits = self._searcher.search(self._any_of(unique), k, count=False).hits
        if not hits:
            return []
        pids = self._searcher.fast_field_values("pid", [address for _, address in hits])
        ranked = sorted(
            zip(pids, (float(score) for score, _ in hits), strict=False), key=lambda h: (-h[1], h[0])
        )
        return [(int(pid), score) for pid, score in ranked if score > 0 and pid is not None]

    def _any_of(self, terms: list[str]) -> Any:
        """A disjunction of term queries: each matched term adds its BM25 score."""
        t = self._tantivy
        return t.Query.boolean_query(
            [
                (t.Occur.Should, t.Query.term_query(self._schema, "body", term, index_option="freq"))
                for term in terms
            ]
        )

    def rare_first(self, terms: list[str], k: int) -> list[tuple[float, Any]] | None:
        """The disjunction's best k found among the passages that hold one of its rarer terms;
        None when that may differ from the disjunction's own best k.

        A term held by more than `common_share` of the passages ('spend' in a third of a news
        archive) makes a plain disjunction visit its every passage to rank the passages that
        hold nothing else, about 24 ms at 10M passages. Here the common terms only add their
        scores to passages that hold a rarer term. A passage holding common terms alone scores
        at most the sum of their idf x (k1 + 1) (BM25's limit as the term frequency grows), so
        when the k-th passage found scores above that (with a margin for tantivy counting
        deleted passages), no such passage belongs in the best k and the answer is exact."""
        n = self.n_passages
        df = {term: int(self._searcher.doc_freq("body", term)) for term in terms}
        common = [term for term in terms if df[term] > self.common_share * n]
        rare = [term for term in terms if 0 < df[term] <= self.common_share * n]
        if not common or not rare:
            return None
        t = self._tantivy
        query = t.Query.boolean_query(
            [(t.Occur.Must, self._any_of(rare))]
            + [
                (t.Occur.Should, t.Query.term_query(self._schema, "body", term, index_option="freq"))
                for term in common
            ]
        )
        hits = self._searcher.search(query, k, count=False).hits
        limit = BOUND_MARGIN * sum((K1 + 1) * lucene_idf(n, df[term]) for term in common)
        if len(hits) < k or float(hits[k - 1][0]) <= limit:
            return None
        return hits
