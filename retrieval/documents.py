"""Reading a corpus folder into documents, skipping (and naming) every file that cannot be used."""

from __future__ import annotations

import logging
import os
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


def _walk(folder: str, rel: str = "") -> Iterator[tuple[str, bool]]:
    """(relative path, is a link) of every file below `folder`, hidden ones and links to
    folders aside (links to folders are not followed)."""
    with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_symlink():
                try:
                    if entry.is_dir():  # links to folders are left out, as rglob leaves them
                        continue
                except OSError:  # a loop of links: reported when resolved
                    pass
                yield path, True
            elif entry.is_dir():
                yield from _walk(folder, path)
            else:
                yield path, False


def _article_files(folder: Path, skipped: list[Skipped]) -> list[str]:
    """Relative paths of the article files under `folder`, in path order. Links are followed
    only to files inside the folder."""
    root = folder.resolve()
    out = []
    for rel, is_link in sorted(_walk(str(folder)), key=lambda f: f[0].split("/")):
        name = rel.rpartition("/")[2]
        if name == SIDECAR_NAME:
            continue
        if is_link:
            try:
                inside = (folder / rel).resolve().is_relative_to(root)
            except (OSError, RuntimeError):  # a link to itself, or a loop of links
                skipped.append(Skipped(rel, "a link that leads nowhere (a loop)"))
                continue
            if not inside:
                skipped.append(Skipped(rel, "links outside the corpus folder"))
                continue
        suffix = os.path.splitext(name)[1]
        if suffix.lower() not in ARTICLE_SUFFIXES:
            skipped.append(
                Skipped(rel, f"unsupported format ({suffix or 'no extension'}); citebot reads .txt and .md")
            )
            continue
        out.append(rel)
    return out


def _source_ids(files: list[str]) -> dict[str, str]:
    """The file stem, or the relative path without suffix where two stems collide."""
    stems = {rel: os.path.splitext(rel.rpartition("/")[2])[0] for rel in files}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {rel: stem if counts[stem] == 1 else os.path.splitext(rel)[0] for rel, stem in stems.items()}


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


def list_articles(
    folder: Path, skipped: list[Skipped], *, use_sidecar: bool = True
) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """The article files of `folder` as (relative path, source id) in path order, and the
    sidecar's metadata per source id; files that are not articles are appended to `skipped`."""
    check_folder(folder)
    paths = _article_files(folder, skipped)
    overrides = load_sidecar(folder) if use_sidecar else {}
    ids = _source_ids(paths)
    for source_id in sorted(set(overrides) - set(ids.values())):
        log.warning("%s names %s, which is not an article in %s", SIDECAR_NAME, source_id, folder)
    return [(rel, ids[rel]) for rel in paths], overrides


def with_sidecar(document: Document, overrides: dict[str, dict[str, str]]) -> Document:
    """The document with the operator's metadata for it laid over what the page states."""
    extra = overrides.get(document.source_id)
    return document.model_copy(update={"meta": apply_sidecar(document.meta, extra)}) if extra else document


def no_articles(folder: Path, skipped: list[Skipped]) -> CorpusError:
    return CorpusError(
        f"no readable .txt or .md articles in {folder}"
        + (f" ({len(skipped)} file(s) skipped)" if skipped else "")
    )


def iter_folder(
    folder: Path, skipped: list[Skipped], *, use_sidecar: bool = True, files: list[Path] | None = None
) -> Iterator[LoadedDocument]:
    """The readable articles of `folder` one at a time, in path order; unusable files are
    appended to `skipped`, and the files read to `files`. Raises CorpusError when the folder
    is missing or has no readable article."""
    articles, overrides = list_articles(folder, skipped, use_sidecar=use_sidecar)
    read = 0
    for rel, source_id in articles:
        try:
            loaded = read_document(folder / rel, source_id, rel)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            skipped.append(Skipped(rel, reason))
            continue
        if files is not None:
            files.append(folder / rel)
        read += 1
        loaded.document = with_sidecar(loaded.document, overrides)
        yield loaded
    if not read:
        raise no_articles(folder, skipped)


def load_folder(folder: Path, *, use_sidecar: bool = True) -> LoadResult:
    """Every readable article of `folder`; unusable files are listed in `skipped`, not raised."""
    result = LoadResult(folder=folder)
    result.documents = list(iter_folder(folder, result.skipped, use_sidecar=use_sidecar, files=result.files))
    return result
