"""Values of another time than the story's: the figure of a past year beside this one's.

News about one event gives, beside its figures, those of earlier ones: 'a storm in July 2011
damaged 640 hectares', 'the union turned down 3% last year', 'three years ago the line carried
9,000'. Such a value is a different measure from the topic's unless the topic names that time.
A value's own words are its segment of the clause: from the value before it (or a linking word
such as 'before', 'up from', 'compared with') to the next one, so that in 'turned down a 3% offer
last year before accepting 5%' only the 3% is last year's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.answering.models import Fact
from retrieval.textnorm import fold

# 'last year', 'the previous season', 'a year earlier', 'two years ago'
_RELATIVE = re.compile(
    r"\b(?:last|previous|prior|the previous|the prior|the preceding)\s+"
    r"(?:year|season|summer|winter|spring|autumn|vintage|harvest)\b"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|some|\d+)\s+years?\s+"
    r"(?:ago|earlier|before)\b",
    re.I,
)
# A year a value is placed in: 'in 2019', 'in July 2011', 'back in 2018', 'during 2020'; not 'on
# 17 September 2025' (the day of the event reported), 'since 2021' (still so), 'by 2028' (a target)
# or 'the 2019 business case' (a document named by its year).
_YEAR = re.compile(
    r"\b(?:in|during)\s+(?:(?:early|late|mid|the summer of|the spring of|the autumn of|the winter of)\s+)?"
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?"
    r"((?:19|20)\d{2})(?![\w-])",
    re.I,
)
# Words that part one value's words from the next one's in a clause.
_LINK = re.compile(
    r"\b(?:before|after|while|whereas|but|than|compared (?:with|to)|up from|down from|against|versus)\b",
    re.I,
)
# A topic naming a time: 'in 2011', 'last year', 'previous', 'earlier', 'ago'.
_TOPIC_TIME = re.compile(r"\b(?:(?:19|20)\d{2}|last|previous|prior|earlier|ago|past|former|history)\b", re.I)


def segment(fact: Fact, values: list[Fact]) -> str:
    """The words of a value's clause that are its own: from the end of the value before it, or a
    linking word after that ('before accepting'), to the start of the next value or the next
    linking word. Folded text; the whole clause when the value is not found in it."""
    clause = fold(fact.clause)
    low = clause.lower()
    at = low.find(fold(fact.text).lower())
    if at < 0:
        return clause
    end = at + len(fact.text)
    times = [m.span() for m in (*_RELATIVE.finditer(clause), *_YEAR.finditer(clause))]
    spans = [
        (i, i + len(o.text))
        for o in values
        if o is not fact and (i := low.find(fold(o.text).lower())) >= 0 and i != at
    ]
    # a value inside a time's words ('three years' of 'three years ago') is that time's
    spans = [(a, b) for a, b in spans if not any(s <= a and b <= e for s, e in times)]
    starts = sorted(a for a, _ in spans)
    lo = max((b for a, b in spans if a < at), default=0)
    hi = min((i for i in starts if i > at), default=len(clause))
    links_before = [m.end() for m in _LINK.finditer(clause, lo, at)]
    links_after = [m.start() for m in _LINK.finditer(clause, end, hi)]
    lo = max([lo, *links_before])
    hi = min([hi, *links_after])
    return clause[lo:hi]


def another_time(fact: Fact, values: list[Fact], year: int | None) -> str:
    """The other time a value's own words place it in, as written and lower case: a past year
    ('in july 2011' -> '2011', before `year`, the article's year) or a relative one ('last
    year'); '' when they place it in none. `values`: the values of the same sentence (their
    words are theirs)."""
    if fact.kind != "quantity":  # a date is itself a time, the topic's when it asks one
        return ""
    words = segment(fact, values).replace(fold(fact.text), " ")
    if m := _RELATIVE.search(words):
        return " ".join(m.group(0).lower().split())
    if year is None:
        return ""
    return next((m.group(1) for m in _YEAR.finditer(words) if int(m.group(1)) < year), "")


def this_time(
    read: list[Fact], on_topic: list[Fact], topic: str, published: Mapping[str, str | None]
) -> list[Fact]:
    """The values on the topic (`on_topic`, of those `read`) of the story's own time, for a topic
    naming no time: less each value one source alone places in another time (`another_time`,
    judged among the values of its sentence in `read`) when two or more sources give values of
    its measure on the topic that are placed in none. A time two sources place their values in
    is the topic's ('the museum bought it in 2016'). An undated article is read at the latest
    date among the sources."""
    if _TOPIC_TIME.search(topic):
        return on_topic
    years = {sid: int(d[:4]) for sid, d in published.items() if d and d[:4].isdigit()}
    latest = max(years.values(), default=None)
    by_sentence: dict[tuple[str | None, int | None], list[Fact]] = {}
    for f in read:
        by_sentence.setdefault((f.source_id, f.citation), []).append(f)
    when = {
        id(f): another_time(
            f, by_sentence.get((f.source_id, f.citation), [f]), years.get(f.source_id or "", latest)
        )
        for f in on_topic
    }
    placing: dict[tuple[str, str], set[str | None]] = {}
    for f in on_topic:
        placing.setdefault((f.measure, when[id(f)]), set()).add(f.source_id)

    def elsewhen(f: Fact) -> bool:
        t = when[id(f)]
        return bool(t) and len(placing[(f.measure, t)]) < 2 and len(placing.get((f.measure, ""), ())) >= 2

    return [f for f in on_topic if not elsewhen(f)]
