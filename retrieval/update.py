"""Incremental updates of a persisted index: only the files that changed are read and indexed.

An update compares each article file's fingerprint (size, mtime_ns, source id, sidecar metadata)
with the one recorded by the last generation (`files.json`, see `retrieval.store`). Files that
are new or changed are ingested and their passages added; files that changed or went away have
their passages deleted from tantivy by source number. Term statistics are adjusted by what the
deleted and added passages held. When the corpus's acronyms change (an added file defines a new
one, or the file that defined one goes away), the passages whose concept tokens change are
indexed again, source by source; the counts say how many.

What stays identical to a rebuild: passages, ids, documents and their order, term statistics
(df, passage count), learned acronyms, example questions and every score. One caveat: tantivy
keeps a deleted passage in its own statistics (idf, mean passage length) until its segments
merge, which tantivy-py cannot ask for. So when an update deletes passages (a file removed or
changed, or an acronym's meaning changed) and the corpus has at most REWRITE_BELOW passages,
the new generation's tantivy index is written afresh from the passage table (about 1 s per
20,000 passages); above that, deletions are applied in place and scores may differ from a
rebuild's in the third digit (for one article among a million, in the sixth) until
`citebot index --rebuild`. Written word forms (typo correction) are kept while their term is
in the corpus.

Crash safety: an update writes a new generation folder (hard links to the previous tantivy
segments, which tantivy never changes, plus its own), appends rows to the passage table in one
SQLite transaction, and commits by replacing manifest.json. Killed at any point before that, the
previous generation is what a start loads; rows it does not name are deleted by the next update.
One update at a time per cache folder (an advisory lock).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from retrieval.analyzer import Analyzer, Equivalences, TermCache
from retrieval.documents import CorpusError, Skipped, list_articles, no_articles, with_sidecar
from retrieval.generation import (
    FileRecords,
    Generation,
    Progress,
    file_states,
    generation_name,
    new_commit,
    write_manifest,
)
from retrieval.index import MAX_QUESTION_HEADINGS, Stats
from retrieval.ingest import Ingested, ingest

log = logging.getLogger(__name__)

REWRITE_BELOW = 50_000  # passages; see the module docstring
KEEP_GENERATIONS = 2  # the current one and the one before (a process may still be reading it)


@dataclass
class Update:
    """What one incremental update changed."""

    added: int  # article files indexed (new or changed)
    removed: int  # article files taken out (removed or changed)
    passages_added: int
    passages_removed: int
    reindexed: int  # passages of unchanged articles indexed again (their acronyms changed meaning)
    unchanged: int  # passages left as they were
    seconds: float
    manifest: dict
    generation: Generation  # the committed generation, in memory
    rewritten: bool = False  # the tantivy index was written afresh (deletions in a small corpus)

    def describe(self) -> str:
        """'2 articles in (31 passages), 1 out (12 passages), 0 passages re-indexed, 59 untouched'."""
        return (
            f"{self.added} article(s) in ({self.passages_added} passages), {self.removed} out "
            f"({self.passages_removed} passages), {self.reindexed} passages re-indexed, "
            f"{self.unchanged} untouched" + ("; the search index written afresh" if self.rewritten else "")
        )


class UpdateLock:
    """An exclusive advisory lock on a cache folder for the time of an update (or a load that
    may update). Does nothing when the folder does not exist yet."""

    def __init__(self, location: Path) -> None:
        self._path = location / "update.lock"
        self._fd: int | None = None

    def __enter__(self) -> UpdateLock:
        if self._path.parent.is_dir():
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)


def _base_terms(passage_row: tuple[str | None, str], cache: TermCache) -> list[str]:
    """A stored passage's terms before concept tokens, as ingestion made them."""
    heading, text = passage_row
    return cache.index_terms(f"{heading}\n{text}" if heading else text, {}).split()


def _rows_of(db: object, start: int, end: int) -> list[tuple[str | None, str]]:
    return db.execute(  # type: ignore[attr-defined]
        "SELECT heading, text FROM passages WHERE num >= ? AND num < ? ORDER BY num", (start, end)
    ).fetchall()


def update_index(
    folder: Path,
    location: Path,
    manifest: dict,
    records: FileRecords,
    progress: Progress | None,
    base: Generation | None = None,
) -> Update | None:
    """Bring the index in `location` up to date with `folder`; None when it already is. The
    caller holds the UpdateLock and has read the committed generation's file `records`; `base`
    is that generation in memory when a running service has it (nothing else is read back
    then). Raises CorpusError when no article is left."""
    import sqlite3

    from retrieval.tables import TableWriter
    from retrieval.tantivy_engine import TantivyEngine, TantivyWriter

    started = time.perf_counter()
    previous = location / manifest["generation"]
    skipped: list[Skipped] = []
    articles, overrides = list_articles(folder, skipped)
    states = file_states(folder, (rel for rel, _ in articles))
    if _unchanged(articles, overrides, states, records):
        if [[s.path, s.reason] for s in skipped] == manifest["skipped"]:
            return None
    old = {path: i for i, path in enumerate(records.paths)}
    old_unreadable = {r[0]: r for r in records.unreadable}
    kept: dict[str, int] = {}  # path -> its place in `records`
    still_unreadable: dict[str, list] = {}
    to_read: list[tuple[str, str]] = []
    for rel, sid in articles:
        i, bad = old.get(rel), old_unreadable.get(rel)
        if (
            i is not None
            and (records.sizes[i], records.mtimes[i]) == states[rel]
            and records.ids[i] == sid
            and records.overrides.get(rel) == overrides.get(sid)
        ):
            kept[rel] = i
        elif bad is not None and tuple(bad[1:3]) == states[rel]:
            still_unreadable[rel] = bad
        else:
            to_read.append((rel, sid))
    gone = [i for rel, i in old.items() if rel not in kept]
    if not to_read and not gone and len(still_unreadable) == len(old_unreadable):
        folder_skips = [[s.path, s.reason] for s in skipped]
        if folder_skips + [[r[0], r[3]] for r in records.unreadable] == manifest["skipped"]:
            return None

    # -- read what is new --------------------------------------------------------------------
    new_items: dict[str, Ingested] = {}
    new_unreadable: dict[str, list] = {}
    surfaces: dict[str, str] = {}
    for chunk in ingest(folder, to_read):
        for item in chunk.items:
            if isinstance(item, Skipped):
                new_unreadable[item.path] = [item.path, *states[item.path], item.reason]
            else:
                item.document = with_sidecar(item.document, overrides)
                new_items[item.document.path] = item
        surfaces.update(chunk.surfaces)
    order = [rel for rel, _ in articles if rel in kept or rel in new_items]
    if not order:
        raise no_articles(
            folder, skipped + [Skipped(r[0], r[3]) for r in (still_unreadable | new_unreadable).values()]
        )
    records.read_details()
    files = FileRecords()
    next_source, next_passage = int(manifest["next_source"]), int(manifest["next_passage"])
    numbering = {rel: next_source + k for k, rel in enumerate(r for r in order if r in new_items)}
    for rel in order:
        if rel in kept:
            files.keep(records, kept[rel])
        else:
            files.add(new_items[rel], states[rel], numbering[rel], overrides)

    # -- the corpus's acronyms, first definition first, as a build learns them ---------------
    equivalences = Equivalences.builtin()
    for rel in order:
        for terms in files.acronyms(rel):
            equivalences.phrases.setdefault(tuple(terms[1:]), terms[0])
    analyzer = Analyzer(equivalences)
    if base is not None:
        phrases = base.equivalences.phrases
    else:
        phrases = {tuple(p): c for p, c in _read_json(previous / "equivalences.json")}
    old_analyzer = Analyzer(Equivalences(phrases))
    changed = [
        p
        for p in phrases.keys() | equivalences.phrases.keys()
        if phrases.get(p) != equivalences.phrases.get(p)
    ]

    # -- which kept sources must be indexed again --------------------------------------------
    if base is not None:
        sources, starts, ends, ordinals = base.sources, base.starts, base.ends, base.ordinals
    else:
        with np.load(previous / "layout.npz") as layout:
            sources, starts, ends, ordinals = (layout[k] for k in ("sources", "starts", "ends", "ordinals"))
    span = dict(zip(sources.tolist(), zip(starts.tolist(), ends.tolist(), strict=True), strict=True))
    kept_numbers = {records.numbers[i] for i in kept.values()}
    again: set[int] = set()
    if changed:
        engine = TantivyEngine(previous / "tantivy")
        by_start = np.argsort(starts)
        for phrase in changed:
            pids = engine.passages_with_all(list(phrase))
            if pids:
                owners = sources[by_start[np.searchsorted(starts[by_start], pids, "right") - 1]]
                again.update(int(n) for n in set(owners.tolist()) if int(n) in kept_numbers)
        del engine

    # -- the new generation ------------------------------------------------------------------
    number = int(manifest["generation"][1:]) + 1
    scratch = location / f"{generation_name(number)}.tmp-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "tantivy").mkdir(parents=True)
    live_estimate = manifest["passages"] + sum(len(i.rows) for i in new_items.values())
    rewrite = bool(gone or again) and live_estimate <= REWRITE_BELOW
    if not rewrite:
        for f in (previous / "tantivy").iterdir():
            if f.is_file() and not f.name.endswith(".lock"):
                os.link(f, scratch / "tantivy" / f.name)
    try:
        df: Counter[str] = Counter(base.stats.df if base is not None else _read_terms_df(previous))
        writer = TantivyWriter(scratch / "tantivy", existing=not rewrite, heap_bytes=64_000_000)
        table = location / "passages.sqlite"
        db = sqlite3.connect(f"file:{table}?mode=ro", uri=True, timeout=30)
        cache = TermCache()
        passages_removed = reindexed = 0
        try:
            for i in gone:
                n = records.numbers[i]
                start, end = span[n]
                if not rewrite:
                    writer.delete_source(n)
                for row in _rows_of(db, start, end):
                    df.subtract(set(old_analyzer.concepts(_base_terms(row, cache))))
                passages_removed += end - start
            for n in sorted(again):
                start, end = span[n]
                if not rewrite:
                    writer.delete_source(n)
                for pid, row in enumerate(_rows_of(db, start, end), start=start):
                    base_terms = _base_terms(row, cache)
                    df.subtract(set(old_analyzer.concepts(base_terms)))
                    terms = analyzer.concepts(base_terms)
                    df.update(set(terms))
                    writer.add(pid, n, terms)
                reindexed += end - start
            if rewrite:  # the kept sources' passages as they were (their terms did not change)
                for i in kept.values():
                    n = records.numbers[i]
                    if n not in again:
                        start, end = span[n]
                        for pid, row in enumerate(_rows_of(db, start, end), start=start):
                            writer.add(pid, n, analyzer.concepts(_base_terms(row, cache)))
        finally:
            db.close()
        tables = TableWriter(table, append=(next_source, next_passage))
        new_ordinals: list[int] = []
        for rel in order:
            if rel not in new_items:
                continue
            item = new_items[rel]
            n, first = tables.n_documents, tables.n_passages
            if n != numbering[rel]:
                raise RuntimeError("the passage table numbered a new article differently")
            for pid, line in enumerate(item.terms, start=first):
                terms = analyzer.concepts(line.split())
                df.update(set(terms))
                writer.add(pid, n, terms)
            new_ordinals.extend(row[0] for row in item.rows)
            tables.add(item.document, item.rows)
            span[n] = (first, tables.n_passages)
        if progress:
            progress("committing the index", 1, 1)
        writer.commit()
        tables.close()  # rows beyond what the manifest names are invisible until it is replaced
        files.unreadable = [
            (still_unreadable | new_unreadable)[rel]
            for rel, _ in articles
            if rel in still_unreadable or rel in new_unreadable
        ]
        live = files.numbers
        n_passages = sum(span[n][1] - span[n][0] for n in live)
        df_kept = {t: c for t, c in sorted(df.items()) if c > 0}
        old_surfaces = base.stats.surfaces if base is not None else _read_terms(previous)
        surfaces = {s: t for s, t in (old_surfaces | surfaces).items() if t in df_kept}
        questions: dict[str, None] = {}
        for rel in order:
            for q in files.questions(rel):
                if len(questions) < MAX_QUESTION_HEADINGS:
                    questions.setdefault(q, None)
        generation = Generation(
            location=location,
            name=scratch.name,
            commit=new_commit(),
            stats=Stats(n_passages, df_kept, surfaces),
            equivalences=equivalences,
            questions=list(questions),
            sources=np.asarray(live, dtype=np.int64),
            starts=np.asarray([span[n][0] for n in live], dtype=np.int64),
            ends=np.asarray([span[n][1] for n in live], dtype=np.int64),
            ordinals=np.concatenate([ordinals[:next_passage], np.asarray(new_ordinals, dtype=np.int32)]),
            files=files,
        )
        generation.write()
        done = location / generation_name(number)
        scratch.rename(done)
        generation.name = done.name
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    committed = {
        **manifest,
        "generation": done.name,
        "commit": generation.commit,
        "passages": n_passages,
        "documents": len(live),
        "next_source": tables.n_documents,
        "next_passage": tables.n_passages,
        "skipped": [[s.path, s.reason] for s in skipped] + [[r[0], r[3]] for r in files.unreadable],
        "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    write_manifest(location, committed)
    _drop_old_generations(location, number)
    update = Update(
        added=len(new_items),
        removed=len(gone),
        passages_added=sum(len(i.rows) for i in new_items.values()),
        passages_removed=passages_removed,
        reindexed=reindexed,
        unchanged=n_passages - reindexed - sum(len(i.rows) for i in new_items.values()),
        seconds=time.perf_counter() - started,
        manifest=committed,
        generation=generation,
        rewritten=rewrite,
    )
    log.info("updated the index in %s: %s", location, update.describe())
    return update


def _unchanged(
    articles: list[tuple[str, str]],
    overrides: dict[str, dict[str, str]],
    states: dict[str, tuple[int, int]],
    records: FileRecords,
) -> bool:
    """Whether every article file is the one recorded, compared list to list (what every open
    of an unchanged archive asks: a few hundred milliseconds for 400,000 files, not seconds).
    False also when some file could not be read (the file-by-file comparison handles those)."""
    if records.unreadable or len(articles) != len(records.paths):
        return False
    if [rel for rel, _ in articles] != records.paths or [sid for _, sid in articles] != records.ids:
        return False
    if [size for size, _ in states.values()] != records.sizes:  # `states` is in `articles` order
        return False
    if [mtime for _, mtime in states.values()] != records.mtimes:
        return False
    ids = dict(articles)
    return {rel: overrides[ids[rel]] for rel in ids if ids[rel] in overrides} == records.overrides


def _drop_old_generations(location: Path, current: int) -> None:
    for d in location.iterdir():
        if d.is_dir() and d.name.startswith("g") and d.name[1:7].isdigit():
            if int(d.name[1:7]) <= current - KEEP_GENERATIONS or ".tmp-" in d.name:
                shutil.rmtree(d, ignore_errors=True)


def _read_json(path: Path) -> Any:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _read_terms_df(generation: Path) -> dict[str, int]:
    data = _read_json(generation / "terms.json")
    return dict(zip(data["terms"], data["df"], strict=True))


def _read_terms(generation: Path) -> dict[str, str]:
    data = _read_json(generation / "terms.json")
    terms = data["terms"]
    return {s: terms[i] for s, i in data["surfaces"]}


__all__ = ["CorpusError", "Update", "UpdateLock", "update_index"]
