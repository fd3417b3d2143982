"""Opening a corpus folder as an index: built in memory when small, persisted when large.

Engines (`retrieval.engines`, `retrieval.tantivy_engine`) rank alike; they differ in cost.
rank-bm25 scores every passage in Python on every query: about 2 ms per 1,000 passages on the
2-core benchmark machine (median search 20-24 ms at 10,000 passages, 165 ms at 100,000), and an
answer adds some 5-7 ms of its own, so a rank-bm25 answer stays under the 20 ms target only
up to about 6,000 passages. tantivy answers in 10-15 ms from 10,000 to a million (BENCHMARKS.md).
`auto` therefore uses rank-bm25, the reference, up to TANTIVY_ABOVE passages and tantivy above.

A rank-bm25 index is built at every start (0.1 s for the seeds) and not saved. A tantivy index
is built once and saved in a cache folder, keyed by a fingerprint of the corpus files (path,
size and modification time of each), of the analysis code and of FORMAT_VERSION; a later start
with the same fingerprint loads it in well under a second, and any change rebuilds it. Building
writes a temporary folder beside the cache and renames it into place; a damaged cache is
rebuilt with one warning.

Cache folder: CITEBOT_INDEX_DIR/<corpus name>-<hash of its path> when set, else
`<corpus>/.citebot-index` when the corpus folder is writable, else
`$XDG_CACHE_HOME/citebot/<corpus name>-<hash>` (default ~/.cache). It holds:

    manifest.json      format, fingerprint, engine, counts, skipped files (written last)
    passages.sqlite    documents (metadata, format), passages (text, offsets, heading) and the
                       extracted text of HTML and PDF sources, which quotes are exact against: tables.py
    terms.json         passage count, sorted terms with document frequency, written word forms
    equivalences.json  acronyms learned from the corpus
    layout.npz         each source's first passage number, each passage's block ordinal
    questions.json     headings that are questions (example questions)
    tantivy/           the tantivy index (memory-mapped when opened)
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np

from retrieval.analyzer import Analyzer, Equivalences
from retrieval.documents import CorpusError, Skipped, check_folder, list_articles, no_articles, with_sidecar
from retrieval.engines import RankBM25Engine
from retrieval.index import Index, PassageList, Stats, add_question_headings
from retrieval.ingest import Ingested, ingest
from retrieval.models import Document, Passage

if TYPE_CHECKING:
    from retrieval.tables import TableWriter

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: documents keep their format; extracted HTML and PDF texts kept
ENGINES = ("auto", "rank-bm25", "tantivy")
TANTIVY_ABOVE = 5_000  # passages; see the module docstring and BENCHMARKS.md
INDEX_FOLDER = ".citebot-index"

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class Opened:
    """An opened index and how it came to be."""

    index: Index
    skipped: list[Skipped]
    engine: str
    loaded: bool  # read from a persisted index (True) or built by this call (False)
    seconds: float
    location: Path | None  # the cache folder, when the index is persisted

    def describe(self) -> str:
        """One line for the log: 'loaded index ... in X s' or 'built index ... in X s'."""
        what = (
            f"index of {len(self.index.passages):,} passages from {len(self.index.documents):,} "
            f"articles ({self.engine})"
        )
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
) -> Opened:
    """The index of `folder`: loaded from its cache when that is current, else built (and saved
    when the engine is tantivy and `persist`). Raises CorpusError, ValueError for an unknown engine."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    check_folder(folder)
    location = fingerprint = None
    if persist and engine != "rank-bm25":
        location = index_location(folder, index_dir)
        fingerprint = corpus_fingerprint(folder)
        if not rebuild:
            index, skipped = _load_if_current(folder, location, fingerprint, engine)
            if index is not None:
                return Opened(index, skipped, "tantivy", True, time.perf_counter() - started, location)
    log.debug("building the index of %s (engine %s)", folder, engine)
    index, skipped, chosen, saved = _build(folder, engine, location, fingerprint, progress)
    return Opened(index, skipped, chosen, False, time.perf_counter() - started, saved)


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


def corpus_fingerprint(folder: Path) -> str:
    """A hash of every file of the corpus (relative path, size, mtime_ns; hidden ones aside,
    the sidecar included) and of the analysis code."""
    h = hashlib.sha256(_code_fingerprint().encode())
    entries = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:  # a link that leads nowhere (reading the corpus reports it)
                    st = os.lstat(path)
                entries.append(f"{os.path.relpath(path, folder)}\t{st.st_size}\t{st.st_mtime_ns}\n")
    for line in sorted(entries):
        h.update(line.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _load_if_current(
    folder: Path, location: Path, fingerprint: str, engine: str
) -> tuple[Index | None, list[Skipped]]:
    manifest_path = location / "manifest.json"
    if not manifest_path.exists():
        return None, []
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION or manifest.get("fingerprint") != fingerprint:
            log.info(
                "the corpus or the analysis changed since the index in %s was built; rebuilding it", location
            )
            return None, []
        if engine == "auto" and manifest["passages"] <= TANTIVY_ABOVE:
            return None, []  # small enough for the reference engine
        return _load(folder, location, manifest), [Skipped(p, r) for p, r in manifest["skipped"]]
    except Exception as exc:
        log.warning(
            "the index in %s is damaged (%s); rebuilding it", location, f"{type(exc).__name__}: {exc}"
        )
        return None, []


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
    folder: Path, engine: str, location: Path | None, fingerprint: str | None, progress: Progress | None
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
                    continue
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
        _finish_on_disk(directory, sink, analyzer, surfaces, skipped, fingerprint, progress)
        saved = None
        if location is not None and directory in beside:
            try:
                _replace(directory, location)
            except OSError as exc:  # another process put its build in place at the same moment: use that
                log.info("another build of %s finished first (%s); using it", location, exc)
            beside.remove(directory)
            shutil.rmtree(directory, ignore_errors=True)
            directory = saved = location
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        return _load(folder, directory, manifest), skipped, "tantivy", saved
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
        sink.documents,
        sink.passages,
        analyzer,
        RankBM25Engine(corpus_terms, bounds),
        stats,
        bounds=bounds,
        ordinals=ordinals,
        question_headings=list(sink.questions),
    )


def _finish_on_disk(
    directory: Path,
    sink: _Sink,
    analyzer: Analyzer,
    surfaces: dict[str, str],
    skipped: list[Skipped],
    fingerprint: str | None,
    progress: Progress | None,
) -> None:
    """Index the spilled passages' terms with tantivy and save the rest of the index."""
    from retrieval.tantivy_engine import TantivyEngine, TantivyWriter

    total = sink.n_passages()
    writer = TantivyWriter(directory / "tantivy")
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
    df = TantivyEngine(directory / "tantivy").document_frequencies(vocabulary)
    stats = Stats(total, dict(sorted(df.items())), surfaces)
    terms = list(stats.df)
    number = {t: i for i, t in enumerate(terms)}
    _write_json(
        directory / "terms.json",
        {
            "passages": stats.n_passages,
            "terms": terms,
            "df": list(stats.df.values()),
            "surfaces": [[s, number[t]] for s, t in stats.surfaces.items()],
        },
    )
    _write_json(
        directory / "equivalences.json",
        [[list(p), c] for p, c in sorted(analyzer.equivalences.phrases.items())],
    )
    _write_json(directory / "questions.json", list(sink.questions))
    np.savez(
        directory / "layout.npz",
        bounds=np.concatenate([[0], np.cumsum(sink.counts)]).astype(np.int64),
        ordinals=ordinals,
    )
    _write_json(
        directory / "manifest.json",
        {
            "format": FORMAT_VERSION,
            "fingerprint": fingerprint,
            "engine": "tantivy",
            "passages": total,
            "documents": len(sink.counts),
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


def _write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _replace(built: Path, location: Path) -> None:
    """Put a finished index in place; an older one is moved aside first, then deleted."""
    old = None
    if location.exists():
        old = location.with_name(f"{location.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        location.rename(old)
    built.rename(location)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- loading -------------------------------------------------------------------------------------


def _load(folder: Path, directory: Path, manifest: dict) -> Index:
    from retrieval.tables import PassageTable, read_documents
    from retrieval.tantivy_engine import TantivyEngine

    documents, counts = read_documents(directory / "passages.sqlite", folder)
    with np.load(directory / "layout.npz") as layout:
        bounds, ordinals = layout["bounds"], layout["ordinals"]
    data = json.loads((directory / "terms.json").read_text(encoding="utf-8"))
    terms = data["terms"]
    stats = Stats(
        data["passages"],
        dict(zip(terms, data["df"], strict=False)),
        {s: terms[i] for s, i in data["surfaces"]},
    )
    phrases = json.loads((directory / "equivalences.json").read_text(encoding="utf-8"))
    analyzer = Analyzer(Equivalences({tuple(p): c for p, c in phrases}))
    engine = TantivyEngine(directory / "tantivy")
    n = manifest["passages"]
    if not (
        n == stats.n_passages == engine.n_passages == len(ordinals) == bounds[-1] == sum(counts)
        and len(documents) == manifest["documents"] == len(bounds) - 1
    ):
        raise ValueError("its parts do not agree on the number of passages")
    questions = json.loads((directory / "questions.json").read_text(encoding="utf-8"))
    passages = PassageTable(directory / "passages.sqlite", [d.source_id for d in documents], n)
    return Index(
        documents,
        passages,
        analyzer,
        engine,
        stats,
        bounds=bounds,
        ordinals=ordinals,
        question_headings=questions,
    )
