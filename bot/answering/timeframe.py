"""Times that are no answer to a topic asking no time: the span another value is counted over
('pain fell 31% over 24 weeks', 'a 38% reduction at 52 weeks') and how often something is done
('injected every three months').

A duration answers a topic asking how long something lasted or took; on any other topic, one
that frames another value of its clause, or follows 'at', 'after', 'within' or 'over' (the point
or span a measure is taken at), or 'every' (an interval: how often), measures no thing the topic
names. A topic asking how often is answered by intervals and rates ('every three months', 'four
times a year'), never by a share or a count.
"""

from __future__ import annotations

import re

from bot.answering.markers import around
from bot.answering.models import AnswerType, Fact

# A topic asking a time that lasts: 'how long', 'the duration of', 'the length of the contract'.
_ASKS_SPAN = re.compile(
    r"\bhow (?:long|quickly|soon)\b|\b(?:duration|length|lasted|lasting|lasts|term|spell|period)\b", re.I
)
# A topic asking how often: 'how often the injection is given', 'the frequency of the checks'.
HOW_OFTEN = re.compile(r"\bhow often\b|\bfrequen(?:cy|t|tly)\b|\binterval\b", re.I)
# The words before a duration that make it a point or span another measure is taken at, or an interval.
_AT_SPAN = re.compile(
    r"\b(?:at|after|within|over|across)\s+(?:the\s+|a\s+|an\s+)?(?:first\s+|next\s+|full\s+)?\Z", re.I
)
_EVERY = re.compile(r"\b(?:every|each)\s+\Z", re.I)


def interval(fact: Fact) -> bool:
    """Whether a duration is an interval: 'every three months', 'once every 12 weeks'."""
    split = around(fact) if fact.measure == "duration" else None
    return split is not None and bool(_EVERY.search(split[0]))


def framing(fact: Fact, values: list[Fact]) -> bool:
    """Whether a duration is the point or span another measure is taken at: it follows 'at',
    'after', 'within', 'over' ('over 24 weeks' as written), or its clause holds a value of
    another measure ('reported a 31% fall in pain scores over 24 weeks'). `values`: the values
    of its sentence."""
    if fact.measure != "duration" or (split := around(fact)) is None:
        return False
    if _AT_SPAN.search(split[0]) or fact.qualifier == "over" and fact.text.lower().startswith("over"):
        return True
    return any(o.measure != "duration" and o.kind == "quantity" and o.text in fact.clause for o in values)


def answering_time(facts: list[Fact], topic: str, kind: AnswerType) -> list[Fact]:
    """The values that may answer a topic, as far as time goes: on a topic asking how often, no
    span another value is taken at; on one asking no time, no such span and no interval either;
    a topic asking how long or when keeps every duration."""
    if kind == "date" or _ASKS_SPAN.search(topic) and not HOW_OFTEN.search(topic):
        return facts
    by_sentence: dict[tuple[str | None, int | None], list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault((f.source_id, f.citation), []).append(f)
    often = bool(HOW_OFTEN.search(topic))
    return [
        f
        for f in facts
        if not (interval(f) and not often)
        and not (not interval(f) and framing(f, by_sentence[(f.source_id, f.citation)]))
    ]


def how_often(measure: str) -> bool:
    """Whether a measure can say how often: an interval (a duration) or a rate ('per year')."""
    return measure == "duration" or " per " in measure


# A topic asking an amount per period: 'how much it will raise each year', 'the annual saving'.
_ASKS_RATE = re.compile(
    r"\b(?:each|every|a|per)\s+(?:year|month|week|day|hour)\b|\b(?:annual|annually|yearly|monthly|weekly|daily|hourly)\b",
    re.I,
)


def by_rate(sizes: dict[str, int], topic: str) -> set[str]:
    """The measures a topic leaves out as far as rates go: a topic asking an amount per period
    ('raise each year') leaves out totals of what a rate is given for; any other topic (not
    'how often') leaves out a rate given by no more sources than a total of what it counts ('the
    cost of the extension', six sources: not the levy's '£3.9m a year', four). `sizes`: each
    measure ('amount in GBP per year', `Fact.measure`) and how many sources give it."""
    rates = {m for m in sizes if " per " in m}
    totals = {m for m in sizes if " per " not in m}
    if HOW_OFTEN.search(topic):
        return set()
    if _ASKS_RATE.search(topic):
        return {m for m in totals if any(r.split(" per ")[0] == m for r in rates)}
    return {m for m in rates if (base := m.split(" per ")[0]) in totals and sizes[base] >= sizes[m]}
