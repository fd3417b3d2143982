"""Typed records that flow through retrieval: documents, passages, sentences and hits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr


class Metadata(BaseModel):
    """What an article says about itself; a field is None when the text does not show it."""

    model_config = ConfigDict(frozen=True)

    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO date, YYYY-MM-DD")
    author: str | None = None
    category: str | None = None
    url: str | None = None


class Document(BaseModel):
    """One article file. `text` is the decoded file text; every offset indexes into it.

    A document loaded from a persisted index does not hold its text: `text` reads the file
    again when asked (only quote checks and evaluation ask), so an archive's texts stay on disk."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    path: str
    meta: Metadata
    _text: str | None = PrivateAttr(default=None)
    _file: Path | None = PrivateAttr(default=None)

    def __init__(self, *, text: str | None = None, file: Path | None = None, **data: Any) -> None:
        super().__init__(**data)
        if text is None and file is None:
            raise ValueError("a document needs its text or the file to read it from")
        self._text, self._file = text, file

    @property
    def text(self) -> str:
        if self._text is not None:
            return self._text
        from retrieval.documents import decode  # documents.py builds on this module

        return decode(Path(self._file).read_bytes())[0]  # type: ignore[arg-type]  # __init__: one of the two

    def label(self) -> str:
        """A short human name: outlet and title when known, else the source id."""
        parts = [p for p in (self.meta.outlet, self.meta.title) if p]
        return " — ".join(parts) if parts else self.source_id


class Sentence(BaseModel):
    """A sentence of a passage; `text == document.text[start:end]`."""

    model_config = ConfigDict(frozen=True)

    id: str
    start: int
    end: int
    text: str


class Passage(BaseModel):
    """A paragraph of body text, with the heading it sits under as context."""

    model_config = ConfigDict(frozen=True)

    id: str
    source_id: str
    ordinal: int
    start: int
    end: int
    text: str
    heading: str | None = None


class Hit(BaseModel):
    """A ranked search result: a passage, its document's metadata, score and matched terms."""

    model_config = ConfigDict(frozen=True)

    rank: int
    score: float
    passage: Passage
    meta: Metadata
    matched_terms: list[str]
