"""One generation of a persisted index: its files on disk and the same parts in memory.

A generation folder (`g000001/`, see `retrieval.store`) is written once and never changed. What
opening it needs is kept compact, so that an archive of hundreds of thousands of articles opens
in seconds: per-file fingerprints as columns (files.json), term statistics as two parallel lists
(terms.json), the layout as arrays (layout.npz). What only an update needs (each file's acronyms
and question headings, details.json) is read when an update asks for it. Documents' metadata
stays in the passage table until a question needs it (`retrieval.tables.DocumentTable`).

`Generation` is those parts in memory: read from a folder at start-up, or handed over by an
update (`retrieval.update`), so that a running service takes an update in without reading
back what it has just written.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.analyzer import Analyzer, Equivalences
from retrieval.index import Stats, add_question_headings
from retrieval.ingest import Ingested

AcronymTerms = list[str]  # [concept token, *phrase terms]: what one acronym definition adds


class FileRecords:
    """Per article file, in corpus order: path, size, mtime_ns, source id and number, and the
    sidecar's metadata for it (files.json, read at every open to see what changed); the acronyms
    it defines and its question headings (details.json, read by an update only). Files that
    could not be read are kept as [path, size, mtime_ns, reason] (`unreadable`)."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.sizes: list[int] = []
        self.mtimes: list[int] = []
        self.ids: list[str] = []
        self.numbers: list[int] = []
        self.overrides: dict[str, dict[str, str]] = {}  # by path, only files the sidecar names
        self.unreadable: list[list] = []
        self._acronyms: dict[str, list[AcronymTerms]] = {}  # by path, only files that define some
        self._questions: dict[str, list[str]] = {}  # by path, only files with question headings
        self._details: Path | None = None  # details.json, when it is still to be read
        self._terms_memo: dict[tuple[str, str], AcronymTerms | None] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def add(
        self, item: Ingested, state: tuple[int, int], number: int, overrides: dict[str, dict[str, str]]
    ) -> None:
        """Record an article just read as source `number`."""
        sid, path = item.document.source_id, item.document.path
        self._append(path, state, sid, number, overrides.get(sid))
        defined = []
        for pair in item.acronyms:
            if pair not in self._terms_memo:
                self._terms_memo[pair] = Equivalences.pair_terms(*pair)
            terms = self._terms_memo[pair]
            if terms is not None and terms not in defined:
                defined.append(terms)
        if defined:
            self._acronyms[path] = defined
        questions: dict[str, None] = {}
        add_question_headings((heading for _, _, _, heading, _ in item.rows), questions)
        if questions:
            self._questions[path] = list(questions)

    def keep(self, other: FileRecords, i: int) -> None:
        """Record the `i`-th file of `other` unchanged (`other.read_details()` called first)."""
        path = other.paths[i]
        self.paths.append(path)
        self.sizes.append(other.sizes[i])
        self.mtimes.append(other.mtimes[i])
        self.ids.append(other.ids[i])
        self.numbers.append(other.numbers[i])
        if path in other.overrides:
            self.overrides[path] = other.overrides[path]
        if path in other._acronyms:
            self._acronyms[path] = other._acronyms[path]
        if path in other._questions:
            self._questions[path] = other._questions[path]

    def _append(
        self, path: str, state: tuple[int, int], sid: str, number: int, overrides: dict[str, str] | None
    ) -> None:
        self.paths.append(path)
        self.sizes.append(state[0])
        self.mtimes.append(state[1])
        self.ids.append(sid)
        self.numbers.append(number)
        if overrides is not None:
            self.overrides[path] = overrides

    def acronyms(self, path: str) -> list[AcronymTerms]:
        self.read_details()
        return self._acronyms.get(path, [])

    def questions(self, path: str) -> list[str]:
        self.read_details()
        return self._questions.get(path, [])

    def read_details(self) -> None:
        if self._details is not None:
            data = json.loads(self._details.read_text(encoding="utf-8"))
            self._acronyms, self._questions = data["acronyms"], data["questions"]
            self._details = None

    def write(self, directory: Path) -> None:
        self.read_details()
        write_json(
            directory / "files.json",
            {
                "paths": self.paths,
                "sizes": self.sizes,
                "mtimes": self.mtimes,
                "ids": self.ids,
                "numbers": self.numbers,
                "overrides": self.overrides,
                "unreadable": self.unreadable,
            },
        )
        write_json(directory / "details.json", {"acronyms": self._acronyms, "questions": self._questions})

    @classmethod
    def read(cls, directory: Path) -> FileRecords:
        """The records of a generation folder; details are read when first asked for."""
        data = json.loads((directory / "files.json").read_text(encoding="utf-8"))
        records = cls()
        records.paths, records.sizes, records.mtimes = data["paths"], data["sizes"], data["mtimes"]
        records.ids, records.numbers = data["ids"], data["numbers"]
        records.overrides, records.unreadable = data["overrides"], data["unreadable"]
        if not len(records.paths) == len(records.sizes) == len(records.ids) == len(records.numbers):
            raise ValueError("its file records do not agree")
        records._details = directory / "details.json"
        return records


@dataclass
class Generation:
    """A committed generation's parts in memory. `sources[s]`, `starts[s]:ends[s]`: the s-th
    article's (corpus order) number and passage numbers; `ordinals[i]`: passage i's block
    ordinal; `files`: the per-file records, whose order and numbers match `sources`."""

    location: Path  # the cache folder
    name: str  # the generation folder's name, as the manifest names it
    commit: str  # the manifest's commit id (a rebuild starts again at g000001)
    stats: Stats
    equivalences: Equivalences
    questions: list[str]
    sources: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    ordinals: np.ndarray
    files: FileRecords

    @property
    def directory(self) -> Path:
        return self.location / self.name

    def analyzer(self) -> Analyzer:
        return Analyzer(self.equivalences)

    def write(self) -> None:
        """Everything but the tantivy index, into `directory` (which exists)."""
        directory = self.directory
        terms = list(self.stats.df)
        number = {t: i for i, t in enumerate(terms)}
        write_json(
            directory / "terms.json",
            {
                "passages": self.stats.n_passages,
                "terms": terms,
                "df": list(self.stats.df.values()),
                "surfaces": [[s, number[t]] for s, t in self.stats.surfaces.items() if t in number],
            },
        )
        write_json(
            directory / "equivalences.json",
            [[list(p), c] for p, c in sorted(self.equivalences.phrases.items())],
        )
        write_json(directory / "questions.json", self.questions)
        self.files.write(directory)
        np.savez(
            directory / "layout.npz",
            sources=self.sources,
            starts=self.starts,
            ends=self.ends,
            ordinals=self.ordinals,
        )

    @classmethod
    def read(cls, location: Path, manifest: dict, files: FileRecords | None = None) -> Generation:
        """The generation a manifest of the cache folder `location` commits (`files` when
        already read)."""
        name = manifest["generation"]
        directory = location / name
        with np.load(directory / "layout.npz") as layout:
            sources, starts, ends = layout["sources"], layout["starts"], layout["ends"]
            ordinals = layout["ordinals"]
        data = json.loads((directory / "terms.json").read_text(encoding="utf-8"))
        terms = data["terms"]
        stats = Stats(
            data["passages"],
            dict(zip(terms, data["df"], strict=True)),
            {s: terms[i] for s, i in data["surfaces"]},
        )
        phrases = json.loads((directory / "equivalences.json").read_text(encoding="utf-8"))
        return cls(
            location=location,
            name=name,
            commit=manifest.get("commit", ""),
            stats=stats,
            equivalences=Equivalences({tuple(p): c for p, c in phrases}),
            questions=json.loads((directory / "questions.json").read_text(encoding="utf-8")),
            sources=sources,
            starts=starts,
            ends=ends,
            ordinals=ordinals,
            files=files if files is not None else FileRecords.read(directory),
        )


def new_commit() -> str:
    """A commit id for a manifest: unique to one build or update."""
    return uuid.uuid4().hex


def generation_name(number: int) -> str:
    return f"g{number:06d}"


def write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


Progress = Callable[[str, int, int], None]  # (phase, done, total)


def file_states(folder: Path, rels: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of each file: what says whether it changed since it was indexed."""
    out = {}
    root = os.path.join(folder, "")
    for rel in rels:
        path = root + rel  # plain strings: an archive has hundreds of thousands of files
        try:
            st = os.stat(path)
        except OSError:  # a link that leads nowhere (reading it reports it)
            st = os.lstat(path)
        out[rel] = (st.st_size, st.st_mtime_ns)
    return out


def read_manifest(location: Path) -> dict | None:
    """The committed manifest of a cache folder; None when there is none."""
    try:
        return json.loads((location / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def write_manifest(location: Path, manifest: dict) -> None:
    """Replace the manifest atomically: the commit point of a build or an update."""
    scratch = location / f"manifest.json.tmp-{os.getpid()}"
    write_json(scratch, manifest)
    with open(scratch, "rb") as f:
        os.fsync(f.fileno())
    os.replace(scratch, location / "manifest.json")
