"""A corpus folder: which files are articles, their source ids, and reading one into blocks.

Every file or folder that cannot be used becomes a `Skipped` (one warning line each); the rest
loads. What a file's text is (HTML, PDF, front matter) is `retrieval.formats`' business.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from retrieval.blocks import Block, classify, split_blocks
from retrieval.formats import extract
from retrieval.metadata import SIDECAR_NAME, apply_sidecar, extract_metadata, load_sidecar
from retrieval.models import Document

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
FORMATS_NAMED = ".txt, .md, .html and .pdf"
MAX_FILE_BYTES = 5_000_000


class CorpusError(Exception):
    """The corpus as a whole cannot be used; the message says what to do."""


@dataclass
class Skipped:
    """A file or folder of the corpus that was left out, and why (one line for a person)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"

    @classmethod
    def from_error(cls, path: str, exc: OSError | ValueError) -> Skipped:
        """The skip line for an error met reading `path`: the OS's words, else the message."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return cls(path, reason)


@dataclass
class Article:
    """One readable article: its document (text, metadata) and its classified blocks."""

    document: Document
    blocks: list[Block]


def _walk(folder: str, skipped: list[Skipped], rel: str = "") -> Iterator[tuple[str, bool]]:
    """(relative path, is a link) of every file below `folder` in path order (by name, folder
    by folder), hidden ones and links to folders aside (links to folders are not followed). A
    subfolder that cannot be listed is appended to `skipped` and the walk goes on."""
    try:
        with os.scandir(os.path.join(folder, rel) if rel else folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError as exc:
        if not rel:
            raise CorpusError(f"cannot read the corpus folder {folder}: {exc.strerror or exc}") from exc
        skipped.append(Skipped.from_error(f"{rel}/", exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = f"{rel}/{entry.name}" if rel else entry.name
        try:
            if entry.is_symlink():
                try:
                    if entry.is_dir():  # links to folders are left out, as rglob leaves them
                        continue
                except OSError:  # a loop of links: reported when resolved
                    pass
                yield path, True
            elif entry.is_dir():
                yield from _walk(folder, skipped, path)
            else:
                yield path, False
        except OSError as exc:
            skipped.append(Skipped.from_error(path, exc))


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _article_files(folder: Path, skipped: list[Skipped]) -> list[str]:
    """Relative paths of the article files under `folder`, in path order. Links are followed
    only to files inside the folder."""
    root = None
    out = []
    for rel, is_link in _walk(str(folder), skipped):
        name = rel.rpartition("/")[2]
        if name == SIDECAR_NAME:
            continue
        if is_link:
            root = root or folder.resolve()
            try:
                inside = (folder / rel).resolve().is_relative_to(root)
            except (OSError, RuntimeError):  # a link to itself, or a loop of links
                skipped.append(Skipped(rel, "a link that leads nowhere (a loop)"))
                continue
            if not inside:
                skipped.append(Skipped(rel, "links outside the corpus folder"))
                continue
        suffix = name[name.rfind(".") :] if "." in name else ""  # os.path.splitext's, for names not hidden
        if suffix.lower() not in ARTICLE_SUFFIXES:
            skipped.append(
                Skipped(
                    rel, f"unsupported format ({suffix or 'no extension'}); citebot reads {FORMATS_NAMED}"
                )
            )
            continue
        out.append(rel)
    return out


def _source_ids(files: list[str]) -> dict[str, str]:
    """The file stem, or the relative path without suffix where two stems collide."""
    stems = {rel: rel.rpartition("/")[2].rpartition(".")[0] for rel in files}  # every one has a suffix
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {rel: stem if counts[stem] == 1 else os.path.splitext(rel)[0] for rel, stem in stems.items()}


def read_article(path: Path, source_id: str, rel: str) -> Article:
    """One article file as a document with classified blocks; raises OSError or ValueError
    (the reason to skip it) when it cannot be used."""
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > MAX_FILE_BYTES:
        raise ValueError(f"too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
    extracted = extract(path.read_bytes(), os.path.splitext(rel)[1].lower())
    text = extracted.text
    if not text[extracted.body_start :].strip():
        raise ValueError("no text")
    blocks = classify(split_blocks(text, extracted.body_start))
    meta = extract_metadata(blocks, extracted.stated)
    document = Document(source_id=source_id, path=rel, format=extracted.format, text=text, meta=meta)
    return Article(document, blocks)


def check_folder(folder: Path) -> None:
    """Raise CorpusError unless `folder` is an existing folder."""
    if not folder.exists():
        raise CorpusError(f"corpus folder not found: {folder} (set --corpus DIR or CITEBOT_CORPUS_DIR)")
    if not folder.is_dir():
        raise CorpusError(f"corpus path is not a folder: {folder}")


def list_articles(
    folder: Path, skipped: list[Skipped]
) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """The article files of `folder` as (relative path, source id) in path order, and the
    sidecar's metadata per source id; files and folders that cannot be used are appended to
    `skipped`."""
    check_folder(folder)
    paths = _article_files(folder, skipped)
    overrides = load_sidecar(folder)
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
        f"no readable articles ({FORMATS_NAMED}) in {folder}"
        + (f" ({len(skipped)} file(s) skipped)" if skipped else "")
    )
