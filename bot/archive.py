"""Adding and removing articles: the steps shared by `citebot add/remove` and the bot's /add.

Adding fetches a page (or copies a file) into the corpus folder (`retrieval.fetch`); removing
deletes an article's file and its entry in the folder's `sources.toml`. The caller then reopens the corpus, which updates a persisted index
incrementally (`retrieval.update`), and reports the article with `added_source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answering.models import SourceInfo
from bot.service import Service
from bot.settings import Settings
from retrieval.fetch import FetchError, FetchLimits, copy_article, fetch_page, is_url, save_page
from retrieval.metadata import SIDECAR_NAME, SidecarError, forget_in_sidecar


def fetch_limits(settings: Settings) -> FetchLimits:
    return FetchLimits(
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        allow_private=settings.fetch_private,
    )


def add_to_corpus(folder: Path, target: str, limits: FetchLimits) -> Path:
    """Fetch the page at `target` (a URL) or copy the file `target` into `folder`; the saved
    file. Raises FetchError."""
    if not folder.is_dir():
        raise FetchError(f"corpus folder not found: {folder}")
    if is_url(target):
        return save_page(folder, fetch_page(target, limits))
    if "://" in target:
        raise FetchError(f"only http and https links can be added: {target}")
    return copy_article(folder, Path(target).expanduser())


def added_source(service: Service, folder: Path, saved: Path) -> SourceInfo | None:
    """The source a saved file became in a reopened service; None when it was skipped."""
    rel = saved.resolve().relative_to(folder.resolve()).as_posix()
    return next((s for s in service.sources() if s.path == rel), None)


@dataclass(frozen=True)
class Removal:
    path: Path  # the article file deleted
    sidecar: Path | None  # the sidecar its metadata entry was taken out of, if it had one


def remove_from_corpus(service: Service, folder: Path, source: SourceInfo) -> Removal:
    """Delete a source's file from `folder`, and its entry in the folder's sidecar (so that no
    later open warns of an entry without an article). Raises FetchError when the file is not
    inside the folder, or the file or the sidecar cannot be changed."""
    root = folder.resolve()
    path = (folder / source.path).resolve()
    if not path.is_relative_to(root):
        raise FetchError(f"{source.path} is not inside the corpus folder {folder}")
    try:
        path.unlink()
    except OSError as exc:
        raise FetchError(f"cannot delete {path}: {exc.strerror or exc}") from None
    try:
        forgotten = forget_in_sidecar(folder, source.source_id)
    except SidecarError as exc:
        raise FetchError(f"deleted {path}, but could not take it out of {SIDECAR_NAME}: {exc}") from None
    return Removal(path, folder / SIDECAR_NAME if forgotten else None)
