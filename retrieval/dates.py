"""Dates as news pages write them, read with dateparser, as ISO dates (YYYY-MM-DD).

A line is searched for spans that can be a full date (ISO 8601 with or without a time,
"16 Oct 2025", "October 16, 2025", "15.10.2025", "10/15/2025"). A span whose day, month and
year are plain to see is read directly (dateparser takes about 9 ms a date, which made an
archive's ingestion six times slower); dateparser reads any other span.
Only full dates count: a month and year, or a numeric date whose day and month could be
swapped (12/03/2024), are not guessed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import dateparser

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SPAN = re.compile(
    r"(?P<iso>\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?!\d)"
    r"|(?P<num>\b\d{1,2}[./-]\d{1,2}[./-]\d{4})\b"
    r"|(?P<mdy>\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b"
    r"|(?P<dmy>\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+\d{4})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")
_PARTS = re.compile(r"\d+|[A-Za-z]+\.?")
_SETTINGS = {"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}


def parse_date(text: str) -> str | None:
    """The first full, unambiguous date in `text` as YYYY-MM-DD, or None."""
    if not _YEAR.search(text):  # every form needs a four-digit year; most lines have none
        return None
    for m in _SPAN.finditer(text):
        found = _read(m.group(0), m.lastgroup or "")
        if found:
            return found
    return None


@lru_cache(maxsize=4096)
def _read(span: str, form: str) -> str | None:
    parts = [int(x) if x.isdigit() else x for x in _PARTS.findall(span)]
    if form == "num":
        first, second, year = parts[:3]
        if first > 12 >= second or first == second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        else:
            return None  # 12/03/2024: the 12th of March or the 3rd of December
        return _iso(year, month, day)
    if form == "iso":
        return _iso(*parts[:3])
    words = [p for p in parts if isinstance(p, str) and p.lower().rstrip(".") in MONTHS]
    numbers = [p for p in parts if isinstance(p, int)]
    if len(words) == 1 and len(numbers) == 2:
        day, year = (numbers[1], numbers[0]) if numbers[0] > 31 else (numbers[0], numbers[1])
        return _iso(year, MONTHS[words[0].lower().rstrip(".")], day)
    parsed = dateparser.parse(span, languages=["en"], settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
