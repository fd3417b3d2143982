"""Opening a corpus folder as an index."""

from __future__ import annotations

from pathlib import Path

from retrieval.documents import Skipped, load_folder
from retrieval.index import Index


def open_index(folder: Path) -> tuple[Index, list[Skipped]]:
    """The index of `folder` and the files that were skipped. Raises CorpusError."""
    result = load_folder(folder)
    return Index.build(result.documents), result.skipped
