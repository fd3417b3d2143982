"""The ingestion pipeline, the only one: article files -> documents, passages and their terms.

Used by every index build (`retrieval.store.open_index`), and so by the CLI, the bot and the
tests. Each file is read (`retrieval.formats`: HTML, PDF, front matter or text), split into
blocks, classified, its metadata and passages taken and every passage analysed into its
words' terms (`TermCache.index_terms`); it also reports the acronyms it defines. None of that
depends on other files, so an archive is read by a process pool, in
order. What does depend on the whole corpus is added afterwards by the build: the learned
acronyms (replayed in corpus order, so the first definition wins as before) and the concept
tokens they add to passages (`Analyzer.concepts`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.analyzer import TermCache, learn_acronyms
from retrieval.blocks import Kind
from retrieval.documents import Skipped, read_article
from retrieval.models import Document
from retrieval.passages import passage_rows

CHUNK_FILES = 64  # files per task sent to a worker
PARALLEL_ABOVE = 400  # files; a pool costs more than it saves below this


@dataclass
class Ingested:
    """One readable article: its document, passages as rows, their terms, acronyms it defines."""

    document: Document
    rows: list[tuple[int, int, int, str | None, str]]  # (ordinal, start, end, heading, text)
    terms: list[str]  # per passage: its words' terms, space-separated (no concept tokens yet)
    acronyms: list[tuple[str, str]]  # (short, long) in the order the text defines them


@dataclass
class Chunk:
    """What a worker returns for a run of files: per file an article or a reason to skip it,
    and the written forms of the chunk's words with their terms."""

    items: list[Ingested | Skipped] = field(default_factory=list)
    surfaces: dict[str, str] = field(default_factory=dict)


class _Recorder:
    """Stands in for Equivalences while a worker learns acronyms: keeps them in order."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def add(self, short: str, long: str) -> None:
        self.pairs.append((short, long))


_terms_in_worker = TermCache()  # what this worker's words analyse to, and which it has reported


def _start_worker() -> None:
    global _terms_in_worker
    _terms_in_worker = TermCache()


def ingest_chunk(folder: Path, files: list[tuple[str, str]], cache: TermCache | None = None) -> Chunk:
    """Read and analyse (relative path, source id) files of `folder`. Word forms are reported
    once per `cache` (in a worker process: once per worker and build)."""
    chunk = Chunk()
    cache = _terms_in_worker if cache is None else cache
    for rel, source_id in files:
        try:
            loaded = read_article(folder / rel, source_id, rel)
        except (OSError, ValueError) as exc:
            chunk.items.append(Skipped.from_error(rel, exc))
            continue
        recorder = _Recorder()
        for block in loaded.blocks:
            if block.kind in (Kind.BODY, Kind.HEADING, Kind.TITLE):
                learn_acronyms(block.text, recorder)
        rows = passage_rows(loaded.blocks)
        # A word's term depends on the word only, so one occurrence of each is enough for `surfaces`.
        terms = [
            cache.index_terms(f"{heading}\n{text}" if heading else text, chunk.surfaces)  # index.passage_text
            for _, _, _, heading, text in rows
        ]
        chunk.items.append(Ingested(loaded.document, rows, terms, recorder.pairs))
    return chunk


def ingest(folder: Path, files: list[tuple[str, str]], workers: int | None = None) -> Iterator[Chunk]:
    """Chunks of ingested files, in file order; in a process pool when there are many files."""
    chunks = [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(files) <= PARALLEL_ABOVE:
        cache = TermCache()
        for c in chunks:
            yield ingest_chunk(folder, c, cache)
        return
    from concurrent.futures import ProcessPoolExecutor  # only an archive needs it: `ask` starts faster

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        yield from pool.map(ingest_chunk, [folder] * len(chunks), chunks)
