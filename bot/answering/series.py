"""Things named by their place in a series: 'the ARDEN-3 trial', 'Apollo-11', 'phase 2', 'stage 3'.

A story on one of a series tells of the others too ('an earlier trial, ARDEN-2, enrolled 212
patients'), and the words of such a value are the topic's but its number: a value given to
another of the series the topic names measures that one, not the topic's. A value belongs to
the series name nearest before it in its sentence ('ARDEN-3 follows the ARDEN-2 study, which
enrolled 212 patients'), else the first after it in its clause ('212 took part in ARDEN-2').
"""

from __future__ import annotations

import re

from bot.answering.models import Fact
from retrieval.textnorm import fold

# Nouns that number the things of a series: the figure after one says which, not how many.
SERIES_NOUNS = (
    "phase stage grade level tier category class type round step part section chapter article "
    "clause version series season week day group"
).split()

# Where a word that names one of a series by a hyphen and a number may start: not inside
# another word, and not a time word before a year ('Mid-2025', 'Pre-2020').
SERIES_NAME_START = r"(?<![\w'’-])(?!(?:Mid|Early|Late|Pre|Post|Circa)-)"

# 'ARDEN-3', 'Covid-19' (a capitalised word joined to the number by a hyphen; not 'Mid-2025'),
# and 'phase 2', 'Stage 3' (a series noun before the number).
_NAMED = re.compile(
    SERIES_NAME_START + r"(?P<name>[A-Z][A-Za-z]*)-(?P<num>\d+)(?![\d,.]\d)"
    r"|\b(?P<noun>" + "|".join(SERIES_NOUNS) + r")\s+(?P<n>\d+)(?![\d,.]\d)",
    re.I,
)


def series_names(text: str) -> list[tuple[str, str, int, int]]:
    """The series names of a text: (stem in lower case, number, start, end)."""
    out = []
    for m in _NAMED.finditer(fold(text)):
        if m["name"] is not None:
            if not m["name"][:1].isupper():  # 'ARDEN-3', not 'pre-2020' read without case
                continue
            out.append((m["name"].lower(), m["num"], m.start(), m.end()))
        else:
            out.append((m["noun"].lower(), m["n"], m.start(), m.end()))
    return out


def asked_members(topic: str) -> dict[str, set[str]]:
    """The numbers of each series the topic names ('the ARDEN-3 trial' -> {'arden': {'3'}})."""
    out: dict[str, set[str]] = {}
    for stem, num, _, _ in series_names(topic):
        out.setdefault(stem, set()).add(num)
    return out


def another_member(fact: Fact, sentence: str, asked: dict[str, set[str]]) -> bool:
    """Whether a value's sentence gives it to another of a series the topic names (`asked`, from
    `asked_members`): the nearest name of that series before the value, else the first after it
    in its clause, has another number ('an earlier trial, ARDEN-2, enrolled 212' on ARDEN-3)."""
    if not asked or not sentence:
        return False
    text = fold(sentence)
    clause = fold(fact.clause)
    start = text.find(clause) if clause else -1
    at = text.find(fold(fact.text), max(start, 0))
    if at < 0:
        return False
    named = [(stem, num, a, b) for stem, num, a, b in series_names(text) if stem in asked]
    before = [n for n in named if n[3] <= at]
    end = start + len(clause) if start >= 0 else len(text)
    after = [n for n in named if n[2] >= at + len(fact.text) and n[3] <= end]
    owner = before[-1] if before else after[0] if after else None
    return owner is not None and owner[1] not in asked[owner[0]]
