"""Passages and documents of a persisted index, in one SQLite file (stdlib `sqlite3`).

Passages are read by number when an answer needs them, and documents' metadata (one row per
article) by source id, so memory does not grow with the archive and opening it reads neither.

The text a document's quotes are exact against (`Document.text`) is its file for .txt and
.md sources, read again (and decoded as when indexed) when asked. For HTML and PDF sources it
is the extracted text, which differs from the file: the `texts` table keeps it, so
`text[start:end] == quote` stays checkable (`sqlite3 passages.sqlite "SELECT text FROM texts
WHERE num = ..."`, num being the document's row in `documents`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from retrieval.formats import extract
from retrieval.index import Documents
from retrieval.models import Document, Metadata, Passage

SCHEMA = """
CREATE TABLE documents (num INTEGER PRIMARY KEY, source_id TEXT NOT NULL, path TEXT NOT NULL,
                        format TEXT NOT NULL, meta TEXT NOT NULL, passages INTEGER NOT NULL);
CREATE TABLE passages (num INTEGER PRIMARY KEY, source INTEGER NOT NULL, ordinal INTEGER NOT NULL,
                       start INTEGER NOT NULL, end INTEGER NOT NULL, heading TEXT, text TEXT NOT NULL);
CREATE TABLE texts (num INTEGER PRIMARY KEY, text TEXT NOT NULL);
"""
KEPT_FORMATS = ("html", "pdf")  # sources whose quoted text is not their file's text
_CHUNK = 2000
CACHED_DOCUMENTS = 20_000  # documents kept once read (a few MB; an answer reads a handful)


class TableWriter:
    """Writes documents and their passages in corpus order while an index is built, or appends
    them to an existing table (`append`: in one transaction, committed by `close`, numbered from
    `n_documents` and `n_passages`; rows numbered from there on, left by an update that did not
    commit, are deleted first)."""

    def __init__(self, path: Path, append: tuple[int, int] | None = None) -> None:
        if append is None:
            self._db = sqlite3.connect(path)
            self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
            self.n_documents = self.n_passages = 0
            return
        self._db = sqlite3.connect(path, timeout=30)
        self.n_documents, self.n_passages = append
        self._db.execute("DELETE FROM documents WHERE num >= ?", (self.n_documents,))
        self._db.execute("DELETE FROM texts WHERE num >= ?", (self.n_documents,))
        self._db.execute("DELETE FROM passages WHERE num >= ?", (self.n_passages,))

    def add(self, document: Document, rows: list[tuple[int, int, int, str | None, str]]) -> None:
        """A document and its passages as (ordinal, start, end, heading, text) rows."""
        s = self.n_documents
        self._db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
            (
                s,
                document.source_id,
                document.path,
                document.format,
                document.meta.model_dump_json(),
                len(rows),
            ),
        )
        if document.format in KEPT_FORMATS:
            self._db.execute("INSERT INTO texts VALUES (?, ?)", (s, document.text))
        self._db.executemany(
            "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(self.n_passages + i, s, *row) for i, row in enumerate(rows)],
        )
        self.n_documents += 1
        self.n_passages += len(rows)

    def close(self) -> None:
        self._db.commit()
        self._db.close()


class PassageTable:
    """The passages of a persisted index as a read-only sequence, fetched by number on demand.

    One connection shared by the bot's worker threads, each query under a lock (they take
    microseconds)."""

    def __init__(
        self, path: Path, source_ids: dict[int, str], spans: list[tuple[int, int]], chunk: int = _CHUNK
    ) -> None:
        """`source_ids`: each live source's id by its number; `spans`: the live sources' passage
        numbers (start, end) in corpus order (rows of removed sources stay in the table); `chunk`:
        rows read per query when iterating."""
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        self._ids = source_ids
        self._spans = spans
        self._n = sum(end - start for start, end in spans)
        self._numbers: range | list[int] | None = None
        self._chunk = chunk

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> Passage:
        """The i-th passage in corpus order (its number, in a freshly built index)."""
        if not isinstance(i, int):
            raise TypeError("passages are read by number")
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        if self._numbers is None:  # numbers in corpus order, made once, when they are not 0..n-1
            plain = all(a[1] == b[0] for a, b in zip(self._spans, self._spans[1:], strict=False))
            self._numbers = (
                range(self._n)
                if plain and (not self._spans or self._spans[0][0] == 0)
                else [n for start, end in self._spans for n in range(start, end)]
            )
        return self.many([self._numbers[i]])[0]

    def __iter__(self) -> Iterator[Passage]:
        for start, end in self._spans:
            for lo in range(start, end, self._chunk):
                yield from self._rows("num >= ? AND num < ?", (lo, min(end, lo + self._chunk)))

    def many(self, numbers: Iterable[int]) -> list[Passage]:
        """The passages with these numbers, in the order asked."""
        wanted = list(numbers)
        if not wanted:
            return []
        found = {}
        for lo in range(0, len(wanted), 500):  # SQLite's limit on parameters
            chunk = wanted[lo : lo + 500]
            for num, p in zip(*self._numbered(f"num IN ({','.join('?' * len(chunk))})", chunk), strict=False):
                found[num] = p
        return [found[i] for i in wanted]

    def _numbered(self, where: str, params: Iterable[int]) -> tuple[list[int], list[Passage]]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT num, source, ordinal, start, end, heading, text FROM passages "
                f"WHERE {where} ORDER BY num",
                tuple(params),
            ).fetchall()
        nums, out = [], []
        for num, source, ordinal, start, end, heading, text in rows:
            nums.append(num)
            out.append(Passage.from_row(self._ids[source], (ordinal, start, end, heading, text)))
        return nums, out

    def _rows(self, where: str, params: tuple[int, ...]) -> list[Passage]:
        return self._numbered(where, params)[1]


class DocumentTable(Documents):
    """The documents of a persisted index by source id, in corpus order, each read from the
    table when first asked for (its metadata; its text only when `Document.text` is read).
    Opening an archive reads no document; a question reads the few it cites.

    Rows never change once written (an update appends), so read documents are kept in a cache
    keyed by row number that the next generation's table shares (`with_sources`)."""

    def __init__(
        self,
        path: Path,
        corpus: Path,
        ids: list[str],
        numbers: list[int],
        cache: _DocumentCache | None = None,
    ) -> None:
        """`ids[s]`, `numbers[s]`: the s-th document's source id and row number."""
        self._path, self._corpus = path, corpus
        self._numbers = dict(zip(ids, numbers, strict=True))
        if len(self._numbers) != len(ids):
            raise ValueError("two documents of the index have the same source id")
        self._cache = cache if cache is not None else _DocumentCache(path)

    def with_sources(self, corpus: Path, ids: list[str], numbers: list[int]) -> DocumentTable:
        """The documents of a later generation of the same table, sharing what was read."""
        return DocumentTable(self._path, corpus, ids, numbers, self._cache)

    def same_table(self, path: Path) -> bool:
        """Whether `path` is still the file this table reads (not one a rebuild put there)."""
        return self._cache.reads(path)

    def __getitem__(self, source_id: str) -> Document:
        return self._cache.documents([self._numbers[source_id]], self._corpus)[0]

    def fetch(self, source_ids: Iterable[str]) -> None:
        """Read these documents now, in one query (those not read yet)."""
        self._cache.documents([self._numbers[s] for s in source_ids if s in self._numbers], self._corpus)

    def outlets(self) -> dict[str, str | None]:
        by_number = self._cache.outlets()
        return {sid: by_number[n] for sid, n in self._numbers.items()}

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._numbers

    def __iter__(self) -> Iterator[str]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


class _DocumentCache:
    """Documents read from a table by row number, the most recent CACHED_DOCUMENTS kept."""

    def __init__(self, path: Path) -> None:
        self._path = path
        # Opened now, so that the file read is the one the index was opened with, even once a
        # rebuild has put another in its place.
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
        self._file = _identity(path)
        self._lock = threading.Lock()
        self._read: dict[int, Document] = {}

    def reads(self, path: Path) -> bool:
        try:
            return path == self._path and _identity(path) == self._file
        except OSError:
            return False

    def outlets(self) -> dict[int, str | None]:
        """Every row's outlet by row number (one pass over the table; no document is made)."""
        with self._lock:
            rows = self._db.execute("SELECT num, json_extract(meta, '$.outlet') FROM documents").fetchall()
        return dict(rows)

    def documents(self, nums: list[int], corpus: Path) -> list[Document]:
        """The documents with these row numbers, in the order given."""
        read = self._read
        with self._lock:
            found = {n: read[n] for n in nums if n in read}
        missing = [n for n in dict.fromkeys(nums) if n not in found]
        if missing:
            rows = []
            for lo in range(0, len(missing), 500):  # SQLite's limit on parameters
                chunk = missing[lo : lo + 500]
                with self._lock:
                    rows += self._db.execute(
                        f"SELECT num, source_id, path, format, meta FROM documents "
                        f"WHERE num IN ({','.join('?' * len(chunk))})",
                        chunk,
                    ).fetchall()
            made = {num: self._document(num, row, corpus) for num, *row in rows}
            if len(made) != len(missing):
                raise ValueError("documents named by the index are missing from its table")
            found.update(made)
            with self._lock:
                for num, document in made.items():
                    if len(read) >= CACHED_DOCUMENTS:
                        read.pop(next(iter(read)))  # the oldest read
                    read[num] = document
        return [found[n] for n in nums]

    def _document(self, num: int, row: list[str], corpus: Path) -> Document:
        source_id, rel, fmt, meta = row
        read = (
            partial(_kept_text, self._path, num) if fmt in KEPT_FORMATS else partial(_file_text, corpus / rel)
        )
        return Document(
            source_id=source_id, path=rel, format=fmt, read=read, meta=Metadata.model_validate_json(meta)
        )


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def check_table(path: Path, n_documents: int, n_passages: int) -> None:
    """Raise ValueError unless the table holds at least the rows an index names (a quick look:
    it is read row by row later)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        (documents,) = db.execute("SELECT coalesce(max(num) + 1, 0) FROM documents").fetchone()
        (passages,) = db.execute("SELECT coalesce(max(num) + 1, 0) FROM passages").fetchone()
    finally:
        db.close()
    if documents < n_documents or passages < n_passages:
        raise ValueError("documents or passages named by the index are missing from its table")


def _kept_text(path: Path, num: int) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (text,) = db.execute("SELECT text FROM texts WHERE num = ?", (num,)).fetchone()
        return text
    finally:
        db.close()


def _file_text(file: Path) -> str:
    return extract(file.read_bytes(), file.suffix.lower()).text
