"""Opening a corpus folder as an index: built in memory when small, persisted when large.

Engines (`retrieval.engines`, `retrieval.tantivy_engine`) rank alike; they differ in cost.
rank-bm25 scores every passage in Python on every query: about 2 ms per 1,000 passages on the
2-core benchmark machine (median search 20-24 ms at 10,000 passages, 165 ms at 100,000), and an
answer adds some 5-7 ms of its own, so a rank-bm25 answer stays under the 20 ms target only
up to about 6,000 passages. tantivy answers in 10-15 ms from 10,000 to a million (BENCHMARKS.md).
`auto` therefore uses rank-bm25, the reference, up to TANTIVY_ABOVE passages and tantivy above.

A rank-bm25 index is built at every start (0.1 s for the seeds) and not saved. A tantivy index
is built once and saved in a cache folder with a fingerprint per file (path, size and
modification time; the sidecar's metadata for it) and one of the analysis code and
FORMAT_VERSION. A later start with the same files loads it in well under a second (documents'
metadata and passages stay in the table until asked for); added, changed and removed files
update it in place (`retrieval.update`: only their passages are indexed or deleted), and a
change of the analysis code rebuilds it. A running service reopening its corpus
(`open_index(previous=...)`) hands the update what it holds and takes the new generation over
from it in memory, so nothing is read back. Building writes a
temporary folder beside the cache and renames it into place; a damaged cache is rebuilt with
one warning.

Cache folder: CITEBOT_INDEX_DIR/<corpus name>-<hash of its path> when set, else
`<corpus>/.citebot-index` when the corpus folder is writable, else
`$XDG_CACHE_HOME/citebot/<corpus name>-<hash>` (default ~/.cache). It holds:

    manifest.json      format, code fingerprint, current generation, counts, skipped files
                       (replaced atomically, last: it is the commit point of a build or update)
    passages.sqlite    documents (metadata, format), passages (text, offsets, heading) and the
                       extracted text of HTML and PDF sources, which quotes are exact against:
                       tables.py. Rows are only appended; a generation reads the ones it names.
    g000001/           one generation of the index, never changed once committed:
      files.json         per article file (columns): path, size, mtime, source id and number,
                         sidecar metadata; files that could not be read (read at every open)
      details.json       per article file: the acronyms it defines, its question headings
                         (read by an update only)
      terms.json         passage count, sorted terms with document frequency, written word forms
      equivalences.json  acronyms learned from the corpus
      layout.npz         per source (corpus order): its number, first and end passage numbers;
                         per passage number: its block ordinal
      questions.json     headings that are questions (example questions)
      tantivy/           the tantivy index (memory-mapped when opened; an update hard-links
                         the previous generation's segment files and adds its own)
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np

from retrieval.analyzer import Analyzer, Equivalences
from retrieval.documents import CorpusError, Skipped, check_folder, list_articles, no_articles, with_sidecar
from retrieval.engines import RankBM25Engine
from retrieval.generation import (
    FileRecords,
    Generation,
    Progress,
    file_states,
    generation_name,
    new_commit,
    read_manifest,
    write_manifest,
)
from retrieval.index import DocumentDict, Index, PassageList, Stats, add_question_headings
from retrieval.ingest import Ingested, ingest
from retrieval.models import Document, Passage
from retrieval.update import Update, UpdateLock, update_index

if TYPE_CHECKING:
    from retrieval.tables import TableWriter

log = logging.getLogger(__name__)

FORMAT_VERSION = 4  # 2: documents keep their format; HTML and PDF texts kept. 3: generations, per-file state.
# 4: per-file records as columns, details apart (retrieval.generation)
ENGINES = ("auto", "rank-bm25", "tantivy")
TANTIVY_ABOVE = 5_000  # passages; see the module docstring and BENCHMARKS.md
INDEX_FOLDER = ".citebot-index"


@dataclass
class Opened:
    """An opened index and how it came to be."""

    index: Index
    skipped: list[Skipped]
    engine: str
    loaded: bool  # read from a persisted index unchanged (True) or built or updated by this call
    seconds: float
    location: Path | None  # the cache folder, when the index is persisted
    update: Update | None = None  # what an incremental update changed, when there was one

    def describe(self) -> str:
        """One line for the log: 'loaded|built|updated index ... in X s'."""
        what = (
            f"index of {len(self.index.passages):,} passages from {len(self.index.documents):,} "
            f"articles ({self.engine})"
        )
        if self.update is not None:
            return f"updated {what} in {self.location} in {self.seconds:.2f} s ({self.update.describe()})"
        where = (
            f" from {self.location}"
            if self.loaded
            else (f", saved in {self.location}" if self.location else ", in memory")
        )
        return f"{'loaded' if self.loaded else 'built'} {what}{where} in {self.seconds:.2f} s"


def open_index(
    folder: Path,
    *,
    engine: str = "auto",
    index_dir: Path | None = None,
    persist: bool = True,
    rebuild: bool = False,
    progress: Progress | None = None,
    previous: Index | None = None,
) -> Opened:
    """The index of `folder`: loaded from its cache when that is current, updated in place when
    only some files changed, else built (and saved when the engine is tantivy and `persist`).
    `previous`, the index a running service opened before, is returned as it is when nothing
    changed, and otherwise lends what did not change (term statistics, file records, layout,
    documents read) so that an update is not followed by reading the whole index back.
    Raises CorpusError, ValueError for an unknown engine."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    check_folder(folder)
    location = None
    if persist and engine != "rank-bm25":
        location = index_location(folder, index_dir)
        if not rebuild:
            with _cyclic_gc_paused():
                found = _load_if_current(folder, location, engine, progress, previous)
            if found is not None:
                index, skipped, update = found
                return Opened(
                    index, skipped, "tantivy", update is None, time.perf_counter() - started, location, update
                )
    log.debug("building the index of %s (engine %s)", folder, engine)
    index, skipped, chosen, saved = _build(folder, engine, location, progress)
    return Opened(index, skipped, chosen, False, time.perf_counter() - started, saved)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector paused while an archive's records are read: they are hundreds of
    thousands of small lists, strings and tuples that make no cycles, and each collection would
    walk all of them again (15-25% of an open at a million passages)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- where and whether ---------------------------------------------------------------------------


def index_location(folder: Path, index_dir: Path | None = None) -> Path:
    """The cache folder for a corpus (see the module docstring)."""
    folder = folder.resolve()
    named = f"{folder.name or 'corpus'}-{hashlib.sha256(str(folder).encode()).hexdigest()[:12]}"
    if index_dir is not None:
        return index_dir.expanduser() / named
    if os.access(folder, os.W_OK):
        return folder / INDEX_FOLDER
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "citebot" / named


# Libraries whose output is indexed: a new version may read the same file differently.
INGESTION_LIBRARIES = ("trafilatura", "python-frontmatter", "pypdf", "dateparser", "syntok", "PyStemmer")


def _code_fingerprint() -> str:
    """The analysis code, its data and the ingestion libraries' versions: a change to any
    changes what would be indexed."""
    h = hashlib.sha256(f"format {FORMAT_VERSION}\n{Analyzer().fingerprint()}\n".encode())
    for library in INGESTION_LIBRARIES:
        h.update(f"{library} {metadata.version(library)}\n".encode())
    package = resources.files("retrieval")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        h.update(package.joinpath(name).read_bytes())
    for name in sorted(p.name for p in package.joinpath("data").iterdir()):
        h.update(package.joinpath("data", name).read_bytes())
    return h.hexdigest()


def _load_if_current(
    folder: Path, location: Path, engine: str, progress: Progress | None, previous: Index | None
) -> tuple[Index, list[Skipped], Update | None] | None:
    """The persisted index, updated first when files changed; None when it must be rebuilt."""
    try:
        with UpdateLock(location):
            manifest = read_manifest(location)
            if manifest is None:
                return None
            if manifest.get("format") != FORMAT_VERSION or manifest.get("code") != _code_fingerprint():
                log.info("the analysis changed since the index in %s was built; rebuilding it", location)
                return None
            base = _committed(previous, location, manifest)
            records = base.files if base is not None else FileRecords.read(location / manifest["generation"])
            update = update_index(folder, location, manifest, records, progress, base)
            if update is not None:
                manifest = update.manifest
            if engine == "auto" and manifest["passages"] <= TANTIVY_ABOVE:
                return None  # small enough for the reference engine
            if update is not None:
                index = _assemble(folder, location, manifest, update.generation, previous)
            elif base is not None and previous is not None:
                index = previous  # nothing changed since it was opened
            else:
                index = load_committed(folder, location, manifest, records)
            return index, [Skipped(p, r) for p, r in manifest["skipped"]], update
    except CorpusError:
        raise
    except Exception as exc:
        log.warning(
            "the index in %s is damaged (%s); rebuilding it", location, f"{type(exc).__name__}: {exc}"
        )
        return None


def _committed(previous: Index | None, location: Path, manifest: dict) -> Generation | None:
    """The generation `previous` was opened from, when it is the one committed in `location`
    (by its commit id: a rebuild's first generation has the same name as the one before)."""
    origin = previous.origin if previous is not None else None
    if (
        not isinstance(origin, Generation)
        or origin.location != location
        or origin.commit != manifest.get("commit")
    ):
        return None
    return origin


# -- building ------------------------------------------------------------------------------------


class _Sink:
    """Ingested articles as they come: in memory while the corpus is small enough for rank-bm25,
    on disk (spilled) once it has more passages than `spill_above`: documents and passages in a
    table, each passage's terms a line of a scratch file for the indexing pass."""

    def __init__(self, spill_above: float, make_dir: Callable[[], Path]) -> None:
        self.spill_above = spill_above
        self.make_dir = make_dir
        self.documents: list[Document] = []
        self.passages = PassageList()
        self.terms: list[str] = []
        self.counts: list[int] = []
        self.questions: dict[str, None] = {}
        self.dir: Path | None = None
        self._table: TableWriter | None = None
        self._terms_file: TextIO | None = None

    def add(self, item: Ingested) -> None:
        sid = item.document.source_id
        passages = [Passage.from_row(sid, row) for row in item.rows] if self._table is None else []
        add_question_headings((heading for _, _, _, heading, _ in item.rows), self.questions)
        self.counts.append(len(item.rows))
        if self._table is None:
            self.documents.append(item.document)
            self.passages.extend(passages)
            self.terms.extend(item.terms)
            if len(self.passages) > self.spill_above:
                self._spill()
            return
        self._table.add(item.document, item.rows)
        self._terms_file.write("".join(f"{len(self.counts) - 1}\t{t}\n" for t in item.terms))  # type: ignore[union-attr]

    def _spill(self) -> None:
        from retrieval.tables import TableWriter

        self.dir = self.make_dir()
        self._table = TableWriter(self.dir / "passages.sqlite")
        self._terms_file = open(self.dir / "terms.tmp", "w", encoding="utf-8")
        lo = 0
        for s, (d, n) in enumerate(zip(self.documents, self.counts, strict=False)):
            self._table.add(
                d, [(p.ordinal, p.start, p.end, p.heading, p.text) for p in self.passages[lo : lo + n]]
            )
            self._terms_file.write("".join(f"{s}\t{t}\n" for t in self.terms[lo : lo + n]))
            lo += n
        self.documents, self.passages, self.terms = [], PassageList(), []

    def close(self) -> None:
        if self._table is not None and self._terms_file is not None and not self._terms_file.closed:
            self._table.close()
            self._terms_file.close()

    def spilled(self) -> bool:
        return self._table is not None

    def n_passages(self) -> int:
        return int(sum(self.counts))


def _build(
    folder: Path, engine: str, location: Path | None, progress: Progress | None
) -> tuple[Index, list[Skipped], str, Path | None]:
    spill_above = {"rank-bm25": float("inf"), "tantivy": -1}.get(engine, TANTIVY_ABOVE)
    beside: list[Path] = []  # unfinished build folders beside the cache, removed if the build fails

    def make_dir() -> Path:
        if location is not None:
            try:
                location.parent.mkdir(parents=True, exist_ok=True)
                beside.append(Path(tempfile.mkdtemp(prefix=f"{location.name}.tmp-", dir=location.parent)))
                return beside[-1]
            except OSError as exc:
                log.warning(
                    "cannot write the index to %s (%s); building it in a temporary folder", location, exc
                )
        directory = Path(tempfile.mkdtemp(prefix="citebot-index-"))
        atexit.register(shutil.rmtree, directory, True)
        return directory

    skipped: list[Skipped] = []
    articles, overrides = list_articles(folder, skipped)
    states = file_states(folder, (rel for rel, _ in articles))
    files = FileRecords()
    sink = _Sink(spill_above, make_dir)
    equivalences = Equivalences.builtin()
    defined: set[tuple[str, str]] = set()
    surfaces: dict[str, str] = {}
    done = 0
    try:
        for chunk in ingest(folder, articles):
            for item in chunk.items:
                if isinstance(item, Skipped):
                    skipped.append(item)
                    files.unreadable.append([item.path, *states[item.path], item.reason])
                    continue
                files.add(item, states[item.document.path], len(sink.counts), overrides)
                for pair in item.acronyms:
                    if pair not in defined:  # the first definition counts; articles repeat them
                        defined.add(pair)
                        equivalences.add(*pair)
                item.document = with_sidecar(item.document, overrides)
                sink.add(item)
            surfaces.update(chunk.surfaces)  # the same word always has the same term
            done += len(chunk.items)
            if progress:
                progress("reading articles", done, len(articles))
        sink.close()
        if not sink.counts:
            raise no_articles(folder, skipped)
        if not sink.n_passages():
            raise CorpusError(
                "the corpus has articles but no body text to index (only headings and page furniture)"
            )
        analyzer = Analyzer(equivalences)
        if not sink.spilled() or sink.dir is None:
            return _in_memory(sink, analyzer, surfaces), skipped, "rank-bm25", None
        directory = sink.dir
        _finish_on_disk(directory, sink, analyzer, surfaces, skipped, files, progress)
        saved = None
        if location is not None and directory in beside:
            try:
                replace_index(directory, location)
            except OSError as exc:  # another process put its build in place at the same moment: use that
                log.info("another build of %s finished first (%s); using it", location, exc)
            beside.remove(directory)
            shutil.rmtree(directory, ignore_errors=True)
            directory = saved = location
        manifest = read_manifest(directory)
        return load_committed(folder, directory, manifest or {}), skipped, "tantivy", saved
    finally:
        sink.close()
        for unfinished in beside:
            shutil.rmtree(unfinished, ignore_errors=True)


def _with_concepts(analyzer: Analyzer, line: str, df: Counter[str]) -> list[str]:
    """A passage's terms with the concept tokens of the corpus's acronyms, counted into `df`."""
    terms = analyzer.concepts(line.split())
    df.update(set(terms))
    return terms


def _in_memory(sink: _Sink, analyzer: Analyzer, surfaces: dict[str, str]) -> Index:
    df: Counter[str] = Counter()
    corpus_terms = [_with_concepts(analyzer, line, df) for line in sink.terms]
    bounds = np.concatenate([[0], np.cumsum(sink.counts)]).astype(np.int64)
    ordinals = np.asarray([p.ordinal for p in sink.passages], dtype=np.int32)
    stats = Stats(len(corpus_terms), dict(sorted(df.items())), surfaces)
    return Index(
        DocumentDict((d.source_id, d) for d in sink.documents),
        sink.passages,
        analyzer,
        RankBM25Engine(corpus_terms, bounds),
        stats,
        starts=bounds[:-1],
        ends=bounds[1:],
        ordinals=ordinals,
        question_headings=list(sink.questions),
    )


def _finish_on_disk(
    directory: Path,
    sink: _Sink,
    analyzer: Analyzer,
    surfaces: dict[str, str],
    skipped: list[Skipped],
    files: FileRecords,
    progress: Progress | None,
) -> None:
    """Index the spilled passages' terms with tantivy and save the rest of the index."""
    from retrieval.tantivy_engine import TantivyEngine, TantivyWriter

    total = sink.n_passages()
    generation = directory / generation_name(1)
    writer = TantivyWriter(generation / "tantivy")
    with open(directory / "terms.tmp", encoding="utf-8") as lines:
        for pid, line in enumerate(lines):
            source, _, words = line.partition("\t")
            writer.add(pid, int(source), analyzer.concepts(words.split()))
            if progress and (pid % 5000 == 0 or pid == total - 1):
                progress("indexing passages", pid + 1, total)
    if progress:
        progress("committing the index", total, total)
    writer.commit()
    (directory / "terms.tmp").unlink()
    ordinals = _ordinals(directory / "passages.sqlite", total)
    # Every term is a word's term (in `surfaces`) or a concept token: tantivy counts them.
    vocabulary = set(surfaces.values()) | set(analyzer.equivalences.phrases.values())
    df = TantivyEngine(generation / "tantivy").document_frequencies(vocabulary)
    bounds = np.concatenate([[0], np.cumsum(sink.counts)]).astype(np.int64)
    commit = new_commit()
    Generation(
        location=directory,
        name=generation.name,
        commit=commit,
        stats=Stats(total, dict(sorted(df.items())), surfaces),
        equivalences=analyzer.equivalences,
        questions=list(sink.questions),
        sources=np.arange(len(sink.counts), dtype=np.int64),
        starts=bounds[:-1],
        ends=bounds[1:],
        ordinals=ordinals,
        files=files,
    ).write()
    write_manifest(
        directory,
        {
            "format": FORMAT_VERSION,
            "code": _code_fingerprint(),
            "generation": generation.name,
            "commit": commit,
            "engine": "tantivy",
            "passages": total,
            "documents": len(sink.counts),
            "next_source": len(sink.counts),
            "next_passage": total,
            "skipped": [[s.path, s.reason] for s in skipped],
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        },
    )


def _ordinals(table: Path, n: int) -> np.ndarray:
    import sqlite3

    db = sqlite3.connect(table)
    try:
        ordinals = np.fromiter(
            (o for (o,) in db.execute("SELECT ordinal FROM passages ORDER BY num")), dtype=np.int32, count=n
        )
    finally:
        db.close()
    return ordinals


def replace_index(built: Path, location: Path) -> None:
    """Put a finished index in place; an older one is moved aside first, then deleted. Raises
    OSError when another build has put its index there first (the caller then uses that one)."""
    old = None
    if location.exists():
        old = location.with_name(f"{location.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        location.rename(old)
    built.rename(location)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- loading -------------------------------------------------------------------------------------


def load_committed(folder: Path, location: Path, manifest: dict, files: FileRecords | None = None) -> Index:
    """The generation of the index in `location` that `manifest` names, as committed: nothing is
    read from `folder` but the documents' text when asked for (`files`: its records, when read).
    After a crash, what the next start serves until its update is done."""
    return _assemble(folder, location, manifest, Generation.read(location, manifest, files))


def _assemble(
    folder: Path, location: Path, manifest: dict, generation: Generation, previous: Index | None = None
) -> Index:
    """An index of `generation`, read from its folder or handed over by an update; documents
    already read by `previous` (an index of the same cache folder) are not read again."""
    from retrieval.tables import DocumentTable, PassageTable, check_table
    from retrieval.tantivy_engine import TantivyEngine

    g = generation
    table = location / "passages.sqlite"
    if (location / "passages.sqlite-journal").exists() and os.access(location, os.W_OK):
        import sqlite3  # an update was killed mid-transaction: roll it back before reading

        db = sqlite3.connect(table, timeout=30)
        db.execute("SELECT count(*) FROM documents").fetchone()
        db.close()
    engine = TantivyEngine(g.directory / "tantivy")
    n = manifest["passages"]
    if not (
        n == g.stats.n_passages == engine.n_passages == int((g.ends - g.starts).sum())
        and len(g.files) == manifest["documents"] == len(g.sources) == len(g.starts)
        and g.files.numbers == g.sources.tolist()
    ):
        raise ValueError("its parts do not agree on the number of passages")
    check_table(table, int(manifest["next_source"]), int(manifest["next_passage"]))
    numbers = g.sources.tolist()
    if (
        previous is not None
        and isinstance(previous.documents, DocumentTable)
        and previous.documents.same_table(table)
    ):
        documents = previous.documents.with_sources(folder, g.files.ids, numbers)
    else:
        documents = DocumentTable(table, folder, g.files.ids, numbers)
    ids = dict(zip(numbers, g.files.ids, strict=True))
    passages = PassageTable(table, ids, list(zip(g.starts.tolist(), g.ends.tolist(), strict=True)))
    return Index(
        documents,
        passages,
        g.analyzer(),
        engine,
        g.stats,
        starts=g.starts,
        ends=g.ends,
        ordinals=g.ordinals,
        question_headings=g.questions,
        engine_sources=g.sources,
        origin=g,
    )
