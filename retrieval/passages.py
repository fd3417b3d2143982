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
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# A dotted abbreviation ending a sentence ('... born in the U.S.A. He moved ...'): syntok keeps
# the two sentences together, so they are split where a word that starts sentences follows.
_DOTTED_END = re.compile(
    r"\b(?:[A-Za-z]\.){2,}(?=\s+(?:He|She|It|They|We|I|You|The|This|That|These|Those|There|Then|"
    r"But|And|However|In|On|At|After|Before|When|While|A|An|His|Her|Their|Its|Our|Mr|Mrs|Ms|Dr)\b)"
)

# A title before a name ('the Rev. John Ashby', 'Sgt. Kay Fox') does not end a sentence, though
# syntok splits after the titles it does not know.
_TITLE_END = re.compile(
    r"\b(?:Rev|Revd|Sgt|Gov|Lt|Hon|Maj|Supt|Insp|Cllr|Det|Gen|Col|Capt|Cpl|Pte|Adm|Cmdr|Cdr|Brig|Fr|Msgr|"
    r"Sen|Rep|Atty|Prof|Dr|Mr|Mrs|Ms|Pres|Const)\.$"
)


def passage_rows(blocks: list[Block]) -> list[tuple[int, int, int, str | None, str]]:
    """The passages as (ordinal, start, end, heading, text) rows: one per body block, with the
    nearest heading above it as context; a list item's context is the sentence that introduces
    its list ('The measures include:')."""
    rows = []
    heading: str | None = None
    intro: str | None = None
    for b in blocks:
        if b.kind is Kind.HEADING:
            heading, intro = strip_markup(b.text), None
        elif b.kind is Kind.BODY:
            rows.append((b.ordinal, b.start, b.end, intro if b.item and intro else heading, b.text))
            if b.text.endswith(":"):
                intro = _LAST_SENTENCE.split(b.text)[-1]
            elif not b.item:
                intro = None
    return rows


# Where syntok may end a sentence inside a text: closing punctuation, a colon or semicolon, a
# line break, a bracket ("(aside) The ...", "2) Mining"). Checked against syntok on every passage
# of the repository's corpora and on generated and cut texts (tests/test_passages.py).
_BREAK = re.compile(r"[.!?…:;\n\r()[\]]")
_CLOSING = ".!?…:;\"'”’)]"


@lru_cache(maxsize=4096)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    if (
        text
        and text == text.strip()
        and (text[-1].isalnum() or text[-1] in _CLOSING)
        and _BREAK.search(text.rstrip(_CLOSING)) is None
    ):
        # Nothing inside the text can end a sentence (a passage of one sentence): the whole text,
        # as syntok gives it, without running syntok (a fifth of an answer's time at 1M).
        return ((0, len(text)),)
    return _syntok_spans(text)


def _syntok_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each sentence of `text` as syntok splits it, with the repairs below."""
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
            elif (
                spans
                and _TITLE_END.search(text[spans[-1][0] : spans[-1][1]])
                and text[start : start + 1].isupper()
            ):
                first, *rest = _split_dotted(text, start, end)
                spans[-1] = (spans[-1][0], first[1])
                spans.extend(rest)
            else:
                spans.extend(_split_dotted(text, start, end))
    return tuple(spans)


def _split_dotted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentence, split after dotted abbreviations that end a sentence."""
    out = []
    for m in _DOTTED_END.finditer(text, start, end):
        out.append((start, m.end()))
        start = m.end() + len(text[m.end() : end]) - len(text[m.end() : end].lstrip())
    out.append((start, end))
    return out


def sentences(passage: Passage) -> list[Sentence]:
    """The passage's sentences, ids `<passage id>.s<n>`, offsets into the document text."""
    return [
        Sentence(
            id=f"{passage.id}.s{i}", start=passage.start + a, end=passage.start + b, text=passage.text[a:b]
        )
        for i, (a, b) in enumerate(_sentence_spans(passage.text), start=1)
    ]
