"""Passages and documents of a persisted index, in one SQLite file (stdlib `sqlite3`).

Passages are read by number when an answer needs them, so memory does not grow with the
archive; documents' metadata (one row per article) is read whole when the index is opened.

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


class TableWriter:
    """Writes documents and their passages in corpus order while an index is built."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.n_documents = 0
        self.n_passages = 0

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

    def __init__(self, path: Path, source_ids: list[str], n_passages: int) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._ids = source_ids
        self._n = n_passages

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> Passage:
        if not isinstance(i, int):
            raise TypeError("passages are read by number")
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self.many([i])[0]

    def __iter__(self) -> Iterator[Passage]:
        for lo in range(0, self._n, _CHUNK):
            yield from self._rows("num >= ? AND num < ?", (lo, lo + _CHUNK))

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


def read_documents(path: Path, corpus: Path) -> tuple[list[Document], list[int]]:
    """Every document (its text read when asked: from the `texts` table, else from its file in
    `corpus`) and its passage count, in order."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        docs, counts = [], []
        for num, source_id, rel, fmt, meta, n in db.execute(
            "SELECT num, source_id, path, format, meta, passages FROM documents ORDER BY num"
        ):
            read = (
                partial(_kept_text, path, num) if fmt in KEPT_FORMATS else partial(_file_text, corpus / rel)
            )
            docs.append(
                Document(
                    source_id=source_id,
                    path=rel,
                    format=fmt,
                    read=read,
                    meta=Metadata.model_validate_json(meta),
                )
            )
            counts.append(n)
        return docs, counts
    finally:
        db.close()


def _kept_text(path: Path, num: int) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (text,) = db.execute("SELECT text FROM texts WHERE num = ?", (num,)).fetchone()
        return text
    finally:
        db.close()


def _file_text(file: Path) -> str:
    return extract(file.read_bytes(), file.suffix.lower()).text
