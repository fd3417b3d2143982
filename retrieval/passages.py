"""Body blocks become passages; passages are split into sentences when they are read.

Sentence splitting (syntok) is the slowest step of ingestion, so it runs per passage on
demand: an answer only ever splits the handful of passages it reads, whatever the corpus size.
"""

from __future__ import annotations

import re
from functools import lru_cache

import syntok.segmenter as segmenter

from retrieval.blocks import Block, Kind, strip_markup
from retrieval.models import Passage, Sentence

_ENUM_START = re.compile(r"^\d{1,2}\)\s")


def build_passages(source_id: str, blocks: list[Block]) -> list[Passage]:
    """One passage per body block, carrying the nearest heading above it as context."""
    return [
        Passage(
            id=f"{source_id}#p{ordinal}",
            source_id=source_id,
            ordinal=ordinal,
            start=start,
            end=end,
            text=text,
            heading=heading,
        )
        for ordinal, start, end, heading, text in passage_rows(blocks)
    ]


def passage_rows(blocks: list[Block]) -> list[tuple[int, int, int, str | None, str]]:
    """The passages as (ordinal, start, end, heading, text) rows, for building an index."""
    rows = []
    heading: str | None = None
    for b in blocks:
        if b.kind is Kind.HEADING:
            heading = strip_markup(b.text)
        elif b.kind is Kind.BODY:
            rows.append((b.ordinal, b.start, b.end, heading, b.text))
    return rows


@lru_cache(maxsize=4096)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            start = sentence[0].offset
            end = sentence[-1].offset + len(sentence[-1].value)
            # syntok splits "1) Energy ..., 2) Regulatory ..." lists; keep them in one sentence.
            if (
                spans
                and _ENUM_START.match(text[start:end])
                and not text[spans[-1][0] : spans[-1][1]].endswith(".")
            ):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return tuple(spans)


def sentences(passage: Passage) -> list[Sentence]:
    """The passage's sentences, ids `<passage id>.s<n>`, offsets into the document text."""
    return [
        Sentence(
            id=f"{passage.id}.s{i}", start=passage.start + a, end=passage.start + b, text=passage.text[a:b]
        )
        for i, (a, b) in enumerate(_sentence_spans(passage.text), start=1)
    ]
