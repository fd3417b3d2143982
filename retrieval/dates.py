"""Recognising dates written the ways news pages write them, as ISO dates."""

from __future__ import annotations

import re
from datetime import date

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
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
]


_YEAR = re.compile(r"\d{4}")


def parse_date(text: str) -> str | None:
    """The first full date in `text` as YYYY-MM-DD, or None. Partial dates are not guessed."""
    if not _YEAR.search(text):  # every pattern needs a four-digit year; most lines have none
        return None
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
        try:
            return date(int(parts["year"]), month, int(parts["day"])).isoformat()
        except ValueError:
            continue
    return None
