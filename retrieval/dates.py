"""Dates as news pages write them, read with dateparser, as ISO dates (YYYY-MM-DD).

A line is searched for spans that can be a full date (ISO 8601 with or without a time,
"16 Oct 2025", "October 16, 2025", "15.10.2025", "10/15/2025"); dateparser reads the span.
Only full dates count: a month and year, or a numeric date whose day and month could be
swapped (12/03/2024), are not guessed.
"""

from __future__ import annotations

import re
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
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SPAN = re.compile(
    r"(?P<iso>\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?!\d)"
    r"|(?P<num>\b\d{1,2}[./-]\d{1,2}[./-]\d{4})\b"
    r"|(?P<mdy>\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b"
    r"|(?P<dmy>\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+\d{4})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")
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
    order = None
    if form == "num":
        first, second = (int(x) for x in re.split(r"[./-]", span)[:2])
        if first > 12 >= second:
            order = "DMY"
        elif second > 12 >= first:
            order = "MDY"
        elif first == second:
            order = "DMY"
        else:
            return None  # 12/03/2024: the 12th of March or the 3rd of December
    elif form == "iso":
        span = span.replace(" ", "T", 1)
        order = "YMD"
    settings = dict(_SETTINGS, **({"DATE_ORDER": order} if order else {}))
    parsed = dateparser.parse(span, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date().isoformat() if parsed else None
