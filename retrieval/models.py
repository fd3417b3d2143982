"""Typed records that flow through retrieval: documents, passages, sentences and hits."""

from __future__ import annotations

from collections.abc import Callable
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
    """One article. `text` is the text citebot extracted from its file (`retrieval.formats`:
    the file itself for .txt and .md, the main text for HTML, the text layer for PDF); every
    offset, passage and quote indexes into it (`quote == text[start:end]`). `path` is the
    original file, relative to the corpus folder.

    A document loaded from a persisted index does not hold its text: `read` (given by the
    index's tables) fetches it when asked (only quote checks and evaluation ask), so an
    archive's texts stay on disk."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    path: str
    meta: Metadata
    format: str = Field(default="text", description="text, markdown, html or pdf")
    _text: str | None = PrivateAttr(default=None)
    _read: Callable[[], str] | None = PrivateAttr(default=None)

    def __init__(
        self, *, text: str | None = None, read: Callable[[], str] | None = None, **data: Any
    ) -> None:
        super().__init__(**data)
        if text is None and read is None:
            raise ValueError("a document needs its text or a way to read it")
        self._text, self._read = text, read

    @property
    def text(self) -> str:
        if self._text is not None:
            return self._text
        return self._read()  # type: ignore[misc]  # __init__: one of the two is set

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

    @classmethod
    def from_row(cls, source_id: str, row: tuple[int, int, int, str | None, str]) -> Passage:
        """The passage of an (ordinal, start, end, heading, text) row; its id is `<source>#p<ordinal>`."""
        ordinal, start, end, heading, text = row
        return cls(
            id=f"{source_id}#p{ordinal}",
            source_id=source_id,
            ordinal=ordinal,
            start=start,
            end=end,
            text=text,
            heading=heading,
        )


class Hit(BaseModel):
    """A ranked search result: a passage, its document's metadata, score and matched terms."""

    model_config = ConfigDict(frozen=True)

    rank: int
    score: float
    passage: Passage
    meta: Metadata
    matched_terms: list[str]
