"""Bylines: the authors (and a date) of lines such as

    By ABBY HOLLOWAY, TOMAS KRAL and ROBYN PEAKE
    By Amir Haddad, Staff Writer
    Written by Lena Ortiz and Tomas Kral
    By Linda Osei | June 14, 2025
    By Lena Ortiz · 16 Oct 2025 · 6 min read

A line is a byline only when every part of its first segment is a name (capitalised words,
with particles such as "van" or "bin") or a role ("Staff Writer", "in London"), so "By the end
of the year, ..." is a sentence, not a byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.dates import parse_date

_LEAD = re.compile(
    r"^(?:(?:written|words|reporting|reported|story|text|posted)\s+by|by)\s*:?\s+(?=\S)", re.IGNORECASE
)
_LABEL_LEAD = re.compile(r"^(?:authors?|by(?:line)?|written by|reporters?)\s*:\s*(?=\S)", re.IGNORECASE)
_SEGMENTS = re.compile(r"\s+[|·•—–]\s+|\s+-\s+|\s{3,}")
_COMMA = re.compile(r"\s*,\s*")
_NAMES = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*", re.IGNORECASE)
_PLACE = re.compile(r"\s+(?:in|from|for)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*$")
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|journalist|producer|"
    r"analyst|photographer|intern|desk|bureau|chief|senior|special|political|business|science|"
    r"health|reporting|contributing)\b",
    re.IGNORECASE,
)
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "del",
    "la",
    "le",
    "bin",
    "al",
    "el",
    "ibn",
    "dos",
}
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
_READING_TIME = re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?(?:\s+read)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...]
    published: str | None  # ISO date when the byline carries one

    def author(self) -> str:
        """The authors as one field: 'A', 'A and B', 'A, B and C'."""
        names = list(self.authors)
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def parse_byline(line: str, *, labelled: bool = False) -> Byline | None:
    """The byline of `line` ("By ..."; with `labelled`, also "Author: ..."), or None when the
    line is not one."""
    line = line.strip().strip("*_").strip()
    lead = _LEAD.match(line) or (_LABEL_LEAD.match(line) if labelled else None)
    if lead is None or len(line) > 160:
        return None
    segments = [s.strip() for s in _SEGMENTS.split(line[lead.end() :]) if s.strip()]
    if not segments:
        return None
    authors = names(segments[0])
    if not authors:
        return None
    published = None
    for segment in segments[1:]:
        published = published or parse_date(segment)
    return Byline(tuple(authors), published)


def names(text: str) -> list[str]:
    """The person (or agency) names of a list such as 'A, B and C' or 'A, Staff Writer';
    [] when a part is neither a name nor a role."""
    out = []
    # 'A, Arts and Heritage Reporter': a role between commas goes whole, 'and' included.
    listed = [p for p in _COMMA.split(text.strip().rstrip(".")) if not _ROLE.search(p)]
    for part in _NAMES.split(", ".join(listed)):
        part = _PLACE.sub("", part.strip())
        if not part:
            continue
        if _ROLE.search(part):
            continue
        words = part.split()
        if not 1 <= len(words) <= 5:
            return []
        if not all(_NAME_WORD.match(w) or w.lower() in _PARTICLES for w in words):
            return []
        if not _NAME_WORD.match(words[0]) or _READING_TIME.match(part):
            return []
        out.append(part.title() if part.isupper() and len(part) > 3 else part)  # 'ABBY HOLLOWAY'
    return out
