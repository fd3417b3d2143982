"""Reading a corpus folder into documents, skipping (and naming) every file that cannot be used."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.blocks import Block, classify, split_blocks
from retrieval.metadata import SIDECAR_NAME, apply_sidecar, extract_metadata, load_sidecar
from retrieval.models import Document

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 5_000_000
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, newlines and form feed


class CorpusError(Exception):
    """The corpus as a whole cannot be used; the message says what to do."""


@dataclass
class Skipped:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass
class LoadedDocument:
    document: Document
    blocks: list[Block]


@dataclass
class LoadResult:
    folder: Path
    documents: list[LoadedDocument] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every article file read, for fingerprinting


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that read it; raises ValueError for binary data."""
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROLS.findall(text))
        if controls > max(8, len(text) // 100):
            raise ValueError("binary file (control characters)")
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
    raise ValueError("not text in UTF-8, cp1252 or Latin-1")  # unreachable: latin-1 decodes anything


def _article_files(folder: Path, skipped: list[Skipped]) -> list[Path]:
    root = folder.resolve()
    files = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_dir() or path.name == SIDECAR_NAME:
            continue
        if not path.resolve().is_relative_to(root):
            skipped.append(Skipped(rel, "links outside the corpus folder"))
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            skipped.append(Skipped(rel, f"unsupported format ({path.suffix or 'no extension'}); "
                                        "citebot reads .txt and .md"))
            continue
        files.append(path)
    return files


def _source_ids(folder: Path, files: list[Path]) -> dict[Path, str]:
    """The file stem, or the relative path without suffix where two stems collide."""
    stems: dict[str, int] = {}
    for p in files:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {p: p.stem if stems[p.stem] == 1 else p.relative_to(folder).with_suffix("").as_posix()
            for p in files}


def read_document(path: Path, source_id: str, rel: str) -> LoadedDocument:
    """One article file as a document with classified blocks; raises ValueError when unusable."""
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > MAX_FILE_BYTES:
        raise ValueError(f"too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
    text, _ = decode(path.read_bytes())
    if not text.strip():
        raise ValueError("no text")
    blocks = classify(split_blocks(text))
    document = Document(source_id=source_id, path=rel, text=text, meta=extract_metadata(blocks))
    return LoadedDocument(document, blocks)


def check_folder(folder: Path) -> None:
    """Raise CorpusError unless `folder` is an existing folder."""
    if not folder.exists():
        raise CorpusError(f"corpus folder not found: {folder} (set --corpus DIR or CITEBOT_CORPUS_DIR)")
    if not folder.is_dir():
        raise CorpusError(f"corpus path is not a folder: {folder}")


def iter_folder(folder: Path, skipped: list[Skipped], *, use_sidecar: bool = True,
                files: list[Path] | None = None) -> Iterator[LoadedDocument]:
    """The readable articles of `folder` one at a time, in path order (an archive does not fit
    in memory at once); unusable files are appended to `skipped`, and the files read to `files`.
    Raises CorpusError when the folder is missing or has no readable article."""
    check_folder(folder)
    paths = _article_files(folder, skipped)
    overrides = load_sidecar(folder) if use_sidecar else {}
    ids = _source_ids(folder, paths)
    for source_id in sorted(set(overrides) - set(ids.values())):
        log.warning("%s names %s, which is not an article in %s", SIDECAR_NAME, source_id, folder)
    read = 0
    for path in paths:
        rel = path.relative_to(folder).as_posix()
        try:
            loaded = read_document(path, ids[path], rel)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            skipped.append(Skipped(rel, reason))
            continue
        if files is not None:
            files.append(path)
        read += 1
        if overrides:
            meta = apply_sidecar(loaded.document.meta, overrides.get(ids[path]))
            loaded.document = loaded.document.model_copy(update={"meta": meta})
        yield loaded
    if not read:
        raise CorpusError(f"no readable .txt or .md articles in {folder}"
                          + (f" ({len(skipped)} file(s) skipped)" if skipped else ""))


def load_folder(folder: Path, *, use_sidecar: bool = True) -> LoadResult:
    """Every readable article of `folder`; unusable files are listed in `skipped`, not raised."""
    result = LoadResult(folder=folder)
    result.documents = list(iter_folder(folder, result.skipped, use_sidecar=use_sidecar, files=result.files))
    return result
