"""Times of day in a sentence: '6.15pm', '18:02', 'shortly after 6pm', 'about quarter past six
on Saturday evening'. Each is a value in hours after midnight (6.15pm -> 18.25), of the measure
TIME_OF_DAY, with the qualifier its words give ('about', 'shortly after' -> 'over'), so that
reports of one moment can be aligned however they write it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.models import Fact
from bot.answering.quantities import NUMBER_WORDS, context
from bot.answering.quantities import _clause as clause
from retrieval.analyzer import raw_tokens
from retrieval.textnorm import fold

TIME_OF_DAY = "date (time of day)"
# How words before a time bound it: 'shortly after 6pm' is 6pm or later.
_QUALIFIERS = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "shortly after": "over",
    "just after": "over",
    "soon after": "over",
    "shortly before": "under",
    "just before": "under",
}
_QUAL = r"(?:(?P<qual>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
_HOUR_WORDS = {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 12}
_HOUR_WORD = "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))
# '6.15pm', '6pm', '10.30 a.m.'; '18:02' (a 24-hour clock); 'quarter past six', 'six o'clock'
_CLOCK = re.compile(
    r"(?<![\w.:])" + _QUAL + r"(?:"
    r"(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<m>[0-5]\d))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)(?!\w)"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|(?:(?P<part>quarter|half|ten|twenty|five)\s+(?P<rel>past|to)\s+)(?P<hw>" + _HOUR_WORD + r")\b"
    r"|(?P<hw2>" + _HOUR_WORD + r")\s+o'clock\b"
    r")",
    re.I,
)
_PARTS = {"quarter": 15, "half": 30, "ten": 10, "twenty": 20, "five": 5}
# Words after a time written without am or pm that put it after noon ('six on Saturday evening').
_LATER = re.compile(r"\b(?:evening|afternoon|night|tonight|teatime)\b", re.I)


@lru_cache(maxsize=8192)
def clock_times(sentence: str) -> tuple[Fact, ...]:
    """The times of day a sentence gives, in hours after midnight."""
    text = fold(sentence)
    out = []
    for m in _CLOCK.finditer(text):
        if m["h"]:
            hour, minute = int(m["h"]) % 12, int(m["m"] or 0)
            hour += 12 if m["ap"].lower().startswith("p") else 0
        elif m["h24"]:
            hour, minute = int(m["h24"]), int(m["m24"])
        else:
            hour = _HOUR_WORDS[(m["hw"] or m["hw2"]).lower()] % 12
            minute = 0
            if m["part"]:
                minute = _PARTS[m["part"].lower()]
                if m["rel"].lower() == "to":
                    hour, minute = (hour - 1) % 12, 60 - minute
            if _LATER.search(clause(text, m.start(), m.end())):
                hour += 12
        value = hour + minute / 60
        own = {t.term for t in raw_tokens(m.group(0))}  # 'pm', 'quarter past six': the time, not its subject
        qual = _QUALIFIERS.get((m["qual"] or "").lower(), "")
        out.append(
            Fact(
                kind="quantity",
                text=sentence[m.start() : m.end()] if len(sentence) == len(text) else m.group(0),
                key=(qual + " " if qual else "") + f"{value:g}h",
                about="time",
                measure=TIME_OF_DAY,
                unit="h",
                value=value,
                qualifier=qual,
                clause=clause(text, m.start(), m.end()),
                context=tuple(t for t in context(text, m.start(), m.end()) if t not in own),
            )
        )
    return tuple(out)
