"""Values outside a topic's scope: another time's figure, a rival's, or another part in a
negotiation (`roles.py`: an offer beside a demand), beside the story's own.

News about one event gives, beside its figures, those of earlier ones ('a storm in July 2011
damaged 640 hectares', 'the union turned down 3% last year', 'three years ago the line carried
9,000') and those of other parties of the same kind ('at rival Coldharbour Terminals dockers were
given 5%', 'another operator agreed 6%') or the whole country's ('a national target of 65%').
Such a value is a different measure from the topic's unless the topic names that time or party.
A value's own words are its segment of the clause: from the value before it (or a linking word
such as 'before', 'up from', 'compared with') to the next one, so that in 'turned down a 3%
offer last year before accepting 5%' only the 3% is last year's; the first value of a sentence
also owns the sentence's opening ('At rival X, ...').
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.answering.models import Fact
from bot.answering.roles import other_role, roles
from bot.answering.series import another_member, asked_members
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
    r"\b(?:and|before|after|while|whereas|but|than|compared (?:with|to)|up from|down from|against|versus)\b",
    re.I,
)
# Another party of the same kind: 'a rival firm', 'at rival Coldharbour', 'another operator', 'a
# competitor', 'neighbouring councils' (not 'neighbouring streets': a party, not a place nearby).
_RIVAL = re.compile(
    r"\b(?:rivals?|competitors?|competing)\b"
    r"|\b(?:another|other|neighbou?ring)\s+(?:[a-z]+\s+)?(?:firms?|compan(?:y|ies)|operators?|employers?|unions?|"
    r"airlines?|carriers?|ports?|councils?|hospitals?|schools?|clubs?|teams?|networks?|plants?|sites?|"
    r"cit(?:y|ies)|towns?|countr(?:y|ies)|regions?|providers?|suppliers?|manufacturers?)\b",
    re.I,
)
# A figure of the whole country beside a local story: 'a national target of 65%', 'the nationwide
# average'; a topic asking it names it so.
_WIDER = re.compile(r"\b(?:national|nationally|nationwide|country-wide|countrywide)\b", re.I)
_TOPIC_RIVAL = re.compile(
    r"\b(?:rivals?|competitors?|competing|neighbou?ring|another|other|elsewhere)\b", re.I
)
# An earlier one of the thing the story is about: 'its previous contract was worth £61m', 'the
# former owner paid £2m', 'the outgoing operator ran 38 buses'; and, for a topic asking about the
# new one ('the new contract'), the one it replaces: 'the current contract', 'the existing fleet'.
# 'An earlier, smaller trial' too, not 'earlier this year' nor an earlier figure of the topic's own
# ('an earlier estimate': a revision, `markers.EARLIER`).
_EARLIER_ONE = re.compile(
    r"\b(?:previous|former|outgoing|prior|preceding)\s+(?!years?\b)[a-z]"
    r"|\bearlier,?\s+(?!(?:this|that|today|in|on|at|than|the|a|an|years?|months?|weeks?|days?|"
    r"figures?|estimates?|forecasts?|projections?|targets?|budgets?|valuations?|prices?|counts?|"
    r"assessments?|plans?|reports?|versions?)\b)[a-z]",
    re.I,
)
# A clause that opens with its verb ('... and reported a 31% fall') has the sentence's subject.
_VERB_FIRST = re.compile(r"\s*(?:then\s+|also\s+|later\s+)?[a-z]+ed\b")
_REPLACED_ONE = re.compile(r"\b(?:current|existing|incumbent|present|old)\s+(?!years?\b)[a-z]", re.I)
_TOPIC_NEW = re.compile(r"\bnew\b", re.I)
# A topic naming a time: 'in 2011', 'last year', 'previous', 'earlier', 'ago'.
TOPIC_TIME = re.compile(r"\b(?:(?:19|20)\d{2}|last|previous|prior|earlier|ago|past|former|history)\b", re.I)


def segment(fact: Fact, values: list[Fact], sentence: str = "") -> str:
    """The words of a value's clause that are its own: from the end of the value before it, or a
    linking word after that ('before accepting'), to the start of the next value or the next
    linking word; for the first value of its `sentence`, from the sentence's start ('At rival X,
    dockers were given 5%'). Folded text; the whole clause when the value is not found in it."""
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
    opening = ""
    if lo == 0 and sentence:
        whole = fold(sentence)
        start = whole.find(clause.strip())
        before = whole[:start] if start > 0 else ""
        if before and not any(fold(o.text) in before for o in values if o is not fact):
            opening = before
    return opening + clause[lo:hi]


def of_a_rival(fact: Fact, values: list[Fact], sentence: str = "") -> bool:
    """Whether a value's own words give it to another party of the kind the story is about ('at
    rival Coldharbour Terminals', 'another operator agreed'). `values`: the values of the same
    sentence; `sentence`: its text."""
    return fact.kind == "quantity" and bool(_RIVAL.search(segment(fact, values, sentence)))


def an_earlier_one(fact: Fact, values: list[Fact], topic: str, sentence: str = "") -> bool:
    """Whether a value's own words give it to an earlier one of the thing the story is about ('its
    previous contract was valued at £61m'), or, for a `topic` asking about a new one, to the one
    it replaces ('operated 38 vehicles on the current contract'). `values`: the values of the
    same sentence; `sentence`: its text."""
    if fact.kind != "quantity":
        return False
    words = segment(fact, values, sentence)
    first = min(values, key=lambda o: _position(o, sentence), default=fact)
    if first is not fact and _VERB_FIRST.match(words):  # '... and reported 31%': the sentence's subject
        words = segment(first, values, sentence) + " " + words
    return bool(_EARLIER_ONE.search(words) or _TOPIC_NEW.search(topic) and _REPLACED_ONE.search(words))


def _position(fact: Fact, sentence: str) -> int:
    """Where a value stands in its sentence (its clause's place, then its own in the clause)."""
    text, clause = fold(sentence).lower(), fold(fact.clause).lower()
    start = max(text.find(clause), 0)
    at = text.find(fold(fact.text).lower(), start)
    return at if at >= 0 else len(text)


def another_time(fact: Fact, values: list[Fact], year: int | None, sentence: str = "") -> str:
    """The other time a value's own words place it in, as written and lower case: a past year
    ('in july 2011' -> '2011', before `year`, the article's year) or a relative one ('last
    year'); '' when they place it in none. `values`: the values of the same sentence (their
    words are theirs); `sentence`: its text."""
    if fact.kind != "quantity":  # a date is itself a time, the topic's when it asks one
        return ""
    words = segment(fact, values, sentence).replace(fold(fact.text), " ")
    if m := _RELATIVE.search(words):
        return " ".join(m.group(0).lower().split())
    if year is None:
        return ""
    return next((m.group(1) for m in _YEAR.finditer(words) if int(m.group(1)) < year), "")


def in_scope(
    read: list[Fact],
    on_topic: list[Fact],
    topic: str,
    published: Mapping[str, str | None],
    sentences: Mapping[int, str] | None = None,
) -> list[Fact]:
    """The values on the topic (`on_topic`, of those `read`) that are the story's own, when two
    or more sources give values of their measure on the topic that are: less a rival's
    (`of_a_rival`) for a topic naming no other party, and the country's ('a national target of
    65%') for a topic not asking it, those given to another of a series the topic names
    (`series.another_member`: ARDEN-2's figure on ARDEN-3), those whose own words give them another
    part in a negotiation than the topic names (`roles.other_role`), and, for a topic naming no time,
    those given to an earlier one of the thing (`an_earlier_one`: 'its previous contract'), and each value
    one source alone places in another time (`another_time`; a time two sources place their
    values in is the topic's: 'the museum bought it in 2016'). Each value is judged among the
    values of its sentence in `read`; `sentences`: citation number -> sentence text. An undated
    article is read at the latest date among the sources."""
    sentences = sentences or {}
    years = {sid: int(d[:4]) for sid, d in published.items() if d and d[:4].isdigit()}
    latest = max(years.values(), default=None)
    by_sentence: dict[tuple[str | None, int | None], list[Fact]] = {}
    for f in read:
        by_sentence.setdefault((f.source_id, f.citation), []).append(f)
    timed = not TOPIC_TIME.search(topic)
    rivals = not _TOPIC_RIVAL.search(topic)
    asked = roles(topic)
    members = asked_members(topic)
    where: dict[int, str] = {}
    for f in on_topic:
        values = by_sentence.get((f.source_id, f.citation), [f])
        text = sentences.get(f.citation or 0, "")
        if another_member(f, text, members):  # 'an earlier trial, ARDEN-2, enrolled 212' on ARDEN-3
            where[id(f)] = "member"
        elif rivals and of_a_rival(f, values, text):
            where[id(f)] = "rival"
        elif f.kind == "quantity" and not _WIDER.search(topic) and _WIDER.search(segment(f, values, text)):
            where[id(f)] = "rival"  # the country's figure, not the story's: another party's
        elif f.kind == "quantity" and other_role(segment(f, values, text), asked):
            where[id(f)] = "role"
        elif timed and an_earlier_one(f, values, topic, text):
            where[id(f)] = "earlier"
        elif timed:
            where[id(f)] = another_time(f, values, years.get(f.source_id or "", latest), text)
        else:
            where[id(f)] = ""
    placing: dict[tuple[str, str], set[str | None]] = {}
    for f in on_topic:
        placing.setdefault((f.measure, where[id(f)]), set()).add(f.source_id)

    new = bool(_TOPIC_NEW.search(topic))

    def outside(f: Fact) -> bool:
        w = where[id(f)]
        if not w or len(placing.get((f.measure, ""), ())) < 2:
            return False
        # a topic on the new one: 'last year' is before it, however many sources say so
        return (
            w in ("member", "rival", "role", "earlier")
            or new
            and bool(_RELATIVE.fullmatch(w))
            or len(placing[(f.measure, w)]) < 2
        )

    return [f for f in on_topic if not outside(f)]
