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

HEAP_BYTES = 256_000_000  # the writer's memory budget; it flushes a segment when full
WRITER_THREADS = 1  # one indexing thread beside the Python process that feeds it: 2 cores busy


def _schema(tantivy: Any) -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    sb.add_unsigned_field("pid", stored=False, indexed=False, fast=True)  # passage number
    sb.add_unsigned_field("source", stored=False, indexed=True, fast=False)  # source number
    return sb.build()


class TantivyWriter:
    """Adds analysed passages to a new tantivy index in `path` (an empty or missing folder)."""

    def __init__(self, path: Path) -> None:
        import tantivy

        path.mkdir(parents=True, exist_ok=True)
        self._tantivy = tantivy
        self._index = tantivy.Index(_schema(tantivy), path=str(path))
        self._writer = self._index.writer(heap_size=HEAP_BYTES, num_threads=WRITER_THREADS)

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

    def __init__(self, path: Path) -> None:
        import tantivy

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

    def top(self, terms: list[str], k: int, source: int | None = None) -> list[tuple[int, float]]:
        unique = list(dict.fromkeys(terms))
        if not unique or k <= 0:
            return []
        t = self._tantivy
        query = t.Query.boolean_query(
            [
                (t.Occur.Should, t.Query.term_query(self._schema, "body", term, index_option="freq"))
                for term in unique
            ]
        )
        if source is not None:  # a filter that adds nothing to the score
            only = t.Query.const_score_query(t.Query.term_query(self._schema, "source", source), 0.0)
            query = t.Query.boolean_query([(t.Occur.Must, only), (t.Occur.Must, query)])
        hits = self._searcher.search(query, k, count=False).hits
        if not hits:
            return []
        pids = self._searcher.fast_field_values("pid", [address for _, address in hits])
        ranked = sorted(
            zip(pids, (float(score) for score, _ in hits), strict=False), key=lambda h: (-h[1], h[0])
        )
        return [(int(pid), score) for pid, score in ranked if score > 0 and pid is not None]
