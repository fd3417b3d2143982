"""What a value's clause says about its time, beside its figure: markers that make it another
measure than the current value of the same thing.

- EARLIER: a value given as superseded ('was originally due to open in December 2027', 'in late
  2029 rather than December 2027 as planned', 'moved from December 2027 to October 2029',
  'first said $1.2 million, then raised the figure');
- STILL: a count of what persists ('61 residents remain in temporary housing', '97 were still
  unable to return', 'yet to return'), not of the event that began it ('312 were evacuated');
  a forecast still held ('still expects 48,000 passengers a day') is not one.

- PART: an amount given as one party's share of a total ('will contribute £28.6m of the cost',
  'with the state putting in £20m'), not the total itself.
- CAPACITY: what a thing can hold or take at most ('a capacity of 8,000 tonnes', 'can seat up to
  2,400'), not how much it held or took.
- TARGET: a value set as a goal ('a target of 60% by 2030', 'wants to get to 60% by 2030'), not
  the value now ('the rate stood at 47.2%').

A topic asking for a marker ('originally', 'still out of their homes') is compared on the values
carrying it; any other topic on the values carrying none. `past` tells dates wholly before
their article, which do not answer 'when will ...'.
"""

from __future__ import annotations

import re
from datetime import date

from bot.answering.models import Fact
from bot.answering.quantities import CLAUSE_BREAK
from retrieval.textnorm import fold

_SUPERSEDED = re.compile(
    r"\b(?:originally|initially|previously|formerly|at first(?!\s+(?:light|sight|glance|hand)\b)|was (?:due|supposed|meant|expected|planned|scheduled)|"
    r"had been (?:due|expected|planned|scheduled)|were (?:due|supposed|expected)|"
    r"first (?:said|put|gave|estimated|quoted|reported|announced|promised)|"
    r"(?:earlier|previous|original|initial|former) (?:figure|estimate|forecast|projection|target|budget|"
    r"valuation|price|count|assessment)s?)\b",
    re.I,
)
# What persists, not a forecast that is repeated ('still expects the line to carry 48,000').
_PERSISTING = re.compile(
    r"\b(?:still|remain|remains|remained|remaining|yet to|continue to|continues to|no longer)\b"
    r"(?!\s+(?:be\s+)?(?:expect|forecast|plan|predict|project|aim|hope|estimat|intend|believ|think|say|said|insist)\w*)",
    re.I,
)
# A day something stays so until ('will stay closed until 14 June') is what persists, as with
# 'remain'; a count or length that 'would stay shut' is not thereby a count of what persists.
_STAYING = re.compile(r"\bstay(?:s|ed|ing)?\b", re.I)
# A share of a total: a party's contribution ('will contribute', 'putting in', 'chips in').
_CONTRIBUTING = re.compile(
    r"\b(?:contribut(?:e|es|ed|ing|ion)|put(?:s|ting)? in|chip(?:s|ped|ping)? in|pay(?:s|ing)? for part)\b",
    re.I,
)
# An amount written as part of the whole it names after it ('£28.6m of the cost', '$3m of the bill').
_OF_THE_WHOLE = re.compile(
    r"^\s*(?:of|towards)\s+(?:the|its|their)\s+(?:(?:total|overall|project's|scheme's)\s+)?"
    r"(?:cost|costs|bill|budget|price|funding)\b",
    re.I,
)
# What a thing can hold at most, written before the value ('a working capacity of', 'can hold up
# to', 'room for') or after it ('8,000-tonne capacity'); a topic asks it with the same words.
_CAN_HOLD = (
    r"capacity|can (?:hold|take|carry|seat|store|handle)|could (?:hold|take|carry|seat|store|handle)|"
    r"designed to (?:hold|take|carry|seat|store|handle)|room for"
)
_CAPACITY_BEFORE = re.compile(r"\b(?:" + _CAN_HOLD + r")\s+(?:\w+\s+){0,2}?(?:of\s+)?$", re.I)
_CAPACITY_AFTER = re.compile(r"^[\s-]*(?:[a-z]+[\s-]+)?capacity\b", re.I)
_CAPACITY_TOPIC = re.compile(r"\b(?:" + _CAN_HOLD + r")\b", re.I)
# A value set as a goal ('a target of 60% by 2030', 'the contract targets 60%', 'they want to get
# to 60% by 2030', 'wants it to reach 60%', 'raise the rate from 47.2% to 60% by 2030'), not the value now; a topic asks it
# by its noun ('the recycling target').
_GOAL_BEFORE = re.compile(
    r"\b(?:targets?|targeted|targeting|goal|aims?|aimed|aiming|ambition|(?:want|hope|plan)(?:s|ed)?\s+(?:\w+\s+)?to\s+(?:get|reach|hit))\b"
    r"(?:\s+[\w'’-]+){0,4}?\s+(?:of|at|to|for)?\s*$",
    re.I,
)
_TO_BY_YEAR = (re.compile(r"\bto\s+$", re.I), re.compile(r"^\s+by\s+(?:the\s+end\s+of\s+)?\d{4}\b", re.I))
_DONE = re.compile(r"\b(?:had|has|have|was|were|rose|risen|fell|fallen|grew|grown|climbed|dropped)\b", re.I)
_GOAL_TOPIC = re.compile(r"\b(?:targets?|goals?|aims?|ambitions?)\b", re.I)
EARLIER = " (earlier plan)"
STILL = " (still)"
PART = " (part)"
CAPACITY = " (capacity)"
TARGET = " (target)"
MARKERS = (
    (EARLIER, _SUPERSEDED),
    (STILL, _PERSISTING),
    (PART, _CONTRIBUTING),
    (CAPACITY, _CAPACITY_TOPIC),
    (TARGET, _GOAL_TOPIC),
)


def qualified(fact: Fact) -> Fact:
    """A value the sentence gives as superseded ('was originally due to open in December 2027')
    measures the earlier plan, not the current one; a count of those still in a state ('61
    residents remain in temporary housing', '97 were still unable to return') measures what
    persists, not the event that began it ('312 residents were evacuated'): other measures."""
    own = _own_clause(fact)
    if _replaced(fact):
        return fact.model_copy(update={"measure": fact.measure + EARLIER})
    if _part(fact, own):
        return fact.model_copy(update={"measure": fact.measure + PART})
    if _capacity(fact):
        return fact.model_copy(update={"measure": fact.measure + CAPACITY})
    if _goal(fact, own):
        return fact.model_copy(update={"measure": fact.measure + TARGET})
    for marker, cue in MARKERS[:2]:
        found = cue.search(own) or (marker == STILL and fact.kind == "date" and _STAYING.search(own))
        if found and not (
            marker == EARLIER
            and (
                _other_replaced(fact, own, found.start())
                or _backshifted(own, found)
                # 'the recall it first announced on 12 March': the day a thing was first done
                or (fact.kind == "date" and found.group(0).lower().startswith("first "))
            )
        ):
            return fact.model_copy(update={"measure": fact.measure + marker})
    return fact


def around(fact: Fact) -> tuple[str, str] | None:
    """A value's clause, folded, before and after the value ('the contract targets ', ' by
    2030'); None when the clause does not hold the value as written."""
    clause = fold(fact.clause)
    at = clause.lower().find(fold(fact.text).lower())
    if at < 0:
        return None
    return clause[:at], clause[at + len(fact.text) :]


def _part(fact: Fact, own: str) -> bool:
    """Whether an amount is given as a share of a total ('£28.6m of the cost'; 'the state is
    contributing $5m'), not as the total: an amount whose clause has a contributing verb, or
    that the words after it make part of a cost or a bill."""
    if not fact.is_money:
        return False
    split = around(fact)
    return bool(_CONTRIBUTING.search(own) or _OF_THE_WHOLE.match(split[1] if split else ""))


def _capacity(fact: Fact) -> bool:
    """Whether a value is given as what a thing can hold at most ('had a working capacity of
    45,000 litres', 'can seat up to 2,400', 'a 9,000-seat capacity'), not what it held."""
    if fact.kind != "quantity" or (split := around(fact)) is None:
        return False
    before, after = split
    return bool(_CAPACITY_BEFORE.search(before) or _CAPACITY_AFTER.match(after))


def _goal(fact: Fact, own: str) -> bool:
    """Whether a value is set as a goal: after 'a target of', 'targets', 'aims to', 'want to get
    to' ('the contract targets 60% by 2030'), or as what a figure is to reach by a year ('raise
    the rate from 47.2% to 60% by 2030') in a clause saying nothing done."""
    if fact.kind != "quantity" or (split := around(fact)) is None:
        return False
    before, after = split
    if _GOAL_BEFORE.search(before):
        return True
    to, by_year = _TO_BY_YEAR
    return bool(to.search(before) and by_year.match(after)) and not _DONE.search(own)


# A verb reporting speech in the past: what it reports moves into the past tense with it ('said
# repairs were expected to cost £14m' reports that they are expected to).
_REPORTED = re.compile(
    r"\b(?:said|told\s+\w+|announced|confirmed|added|stated|estimated|warned|admitted|explained|"
    r"insisted|believed|thought|reported)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,4}$",
    re.I,
)


def _backshifted(own: str, cue: re.Match[str]) -> bool:
    """Whether a cue of the past tense ('were expected', 'was due') stands in speech a past verb
    reports ('she said the repairs were expected to cost'): the plan as it stood when said, not
    one since replaced. 'Originally' or 'at first' say replaced whatever reports them."""
    return cue.group(0).lower().startswith(("was ", "were ", "had ")) and bool(
        _REPORTED.search(own[: cue.start()])
    )


_INSTEAD = re.compile(r"\b(?:rather than|instead of)\b", re.I)


def _other_replaced(fact: Fact, own: str, cue_at: int) -> bool:
    """Whether the cue stands after 'rather than <the other value>' ('opens on October 3 rather
    than in April as originally planned'): it says the other value was the plan, not this one."""
    at = fold(own).lower().find(fold(fact.text).lower())
    return at >= 0 and bool(_INSTEAD.search(own, at + len(fact.text), cue_at))


_REPLACED_BEFORE = re.compile(
    r"(?:\b(?:rather than|instead of)\s+(?:in\s+|on\s+)?|\b(?:moved|pushed back|put back|delayed|postponed|slipped|"
    r"shifted|changed|brought forward|cut|raised|revised|rose|risen|rises|climbed|grew|grown|increased|jumped|"
    r"fell|fallen|dropped|decreased|went up|gone up|went down|up|down)\s+(?:\w+\s+){0,3}?from\s+)$",
    re.I,
)
_REPLACED_AFTER = re.compile(
    r"^\s*as (?:originally |first |previously )?(?:planned|scheduled|promised|intended)\b", re.I
)


def _replaced(fact: Fact) -> bool:
    """Whether the sentence gives the value as the one replaced: 'in late 2029 rather than
    December 2027 as planned', 'has moved from December 2027 to October 2029', 'about 43
    percent, up sharply from 31.9 percent'."""
    if (split := around(fact)) is None:
        return False
    before, after = split
    return bool(_REPLACED_BEFORE.search(before) or _REPLACED_AFTER.match(after))


# A value given as the new one of a figure changed ('revised the damage estimate to $2.7 million',
# 'the toll has since risen to 14'): the verb of change, a few words, then 'to' just before it.
_UP = r"raised|increased|upgraded|rose|risen|grew|grown|climbed|jumped|went up|gone up"
_DOWN = r"cut|reduced|lowered|downgraded|fell|fallen|dropped|decreased|went down|gone down"
_CHANGED_TO = re.compile(
    r"\b(?:(?P<up>" + _UP + r")|(?P<down>" + _DOWN + r")|revised|updated|changed)\s+"
    r"(?:[\w'’]+\s+){0,4}?to\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|roughly\s+)?$",
    re.I,
)
UP, DOWN, EITHER = "up", "down", "either"


def revision(fact: Fact) -> str:
    """How the sentence gives the value as the new one of a figure that changed: UP ('the toll
    has risen to 14'), DOWN ('cut to 40'), EITHER ('the owner revised the damage estimate to $2.7
    million'), or '' when it does not (no earlier, other figure is implied)."""
    split = around(fact)
    change = _CHANGED_TO.search(split[0]) if split else None
    if change is None:
        return ""
    return UP if change["up"] else DOWN if change["down"] else EITHER


def _own_clause(fact: Fact) -> str:
    """The fact's clause up to the first break after the value: 'Four workers were injured', not
    ', one of whom remains in hospital' (a clause read on past a short one says more than the
    value's own predicate)."""
    at = fold(fact.clause).lower().find(fold(fact.text).lower())
    if at < 0:
        return fact.clause
    after = CLAUSE_BREAK.search(fact.clause, at + len(fact.text))
    return fact.clause[: after.start()] if after else fact.clause


def topic_marker(topic: str) -> str:
    """The marker a topic asks for: EARLIER for 'originally', STILL for 'still', CAPACITY for
    'capacity' or 'can hold', else ''."""
    return next((m for m, cue in MARKERS if cue.search(topic)), "")


def marker_of(measure: str) -> str:
    """The marker a measure carries ('date (earlier plan)' -> EARLIER), else ''."""
    return next((m for m, _ in MARKERS if measure.endswith(m)), "")


# A topic asking when something will happen: 'when will the line open', 'the date residents can
# go home', 'the day the bridge could reopen' ('can' and 'could' of what is yet to happen).
FUTURE = re.compile(
    r"\bwhen\b.*\b(?:will|shall|is due|are due|is expected|are expected|is set to|are set to)\b"
    r"|^(?:the\s+)?(?:\w+\s+)?(?:date|day)\b.*\b(?:will|shall|can|could|is due|are due|is expected|are expected)\b",
    re.I,
)


def past(fact: Fact, published: str | None) -> bool:
    """Whether a date lies wholly before its article ('since 2012' in an article of 2025): not
    the answer to 'when will ...'."""
    if fact.kind != "date" or not published:
        return False
    if fact.value is None:
        return _day_before(fact.key, published)
    month = int(published[5:7]) if len(published) >= 7 else 1
    now = int(published[:4]) + (month - 1) / 12
    return fact.value < now and (fact.high is None or fact.high <= now)


DAY_KEY = re.compile(r"(\d\d)-(\d\d)")  # a day without a year, keyed 'MM-DD'


RECENT_DAYS = 62  # a day without a year this close before its article is a past one


def day_offsets(key: str, published: str | None, years: tuple[int, ...] = (-1, 0, 1)) -> list[int]:
    """Days from an article's date ('YYYY-MM-DD') to a day without a year ('MM-DD'), the day read
    in each of `years` relative to the article's year; [] for another key, an undated article or
    a day some of those years lack."""
    day = DAY_KEY.fullmatch(key)
    if not day or not published:
        return []
    try:
        now = date.fromisoformat(published[:10])
        return [(date(now.year + k, int(day[1]), int(day[2])) - now).days for k in years]
    except ValueError:
        return []


def _day_before(key: str, published: str) -> bool:
    """Whether a day without a year ('02-10') lies before an article's date: within RECENT_DAYS
    before it ('10 February' in an article of 12 February). Further back it may as well be the
    next one ('3 October' in a March article: the coming October), and is not judged past."""
    return any(0 < -days <= RECENT_DAYS for days in day_offsets(key, published, (-1, 0)))


# A topic counting those an event happened to: 'how many pieces were stolen', 'how many
# residents were evacuated' (a form of 'be' and a participle after 'how many').
_EVENT_COUNT = re.compile(
    r"\bhow many\b.*\b(?:is|are|was|were|been|be|get|got)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ut|id|un)\b", re.I
)
# A count of what a whole comprises, after a verb of composition ('it comprises 26 pieces')...
_COMPRISING = re.compile(
    r"\b(?:compris(?:e|es|ed|ing)|consist(?:s|ed|ing)?\s+of|made\s+up\s+of|contain(?:s|ed|ing)?)\s+"
    r"(?:\w+\s+){0,2}?$",
    re.I,
)
# ... or written as the whole's modifier ('the 26-piece hoard', 'a 40-strong crew').
_MODIFIER = re.compile(r"^[\d.,]+-[a-z]+$|^[a-z]+-[a-z]+$", re.I)
# An event denied of what is counted ('three pieces were not taken').
_DENIED = re.compile(
    r"\b(?:was|were|is|are|been|be)\s+(?:not|never)\b|\b(?:wasn't|weren't|isn't|aren't)\b", re.I
)


def counts_event(topic: str) -> bool:
    """Whether a topic counts those an event happened to ('how many pieces were stolen')."""
    return bool(_EVENT_COUNT.search(topic))


def not_of_event(fact: Fact) -> bool:
    """Whether a count is of a whole or of what an event spared, not of those it happened to:
    the whole's modifier ('the 26-piece hoard', before a noun), a verb of composition before it
    ('the set comprises 26 pieces'), or its clause denying the event ('three were not taken')."""
    if not fact.measure.startswith("count of ") or (split := around(fact)) is None:
        return False
    before, after = split
    modifier = bool(_MODIFIER.match(fact.text)) and bool(re.match(r"\s+[a-z]", after, re.I))
    return modifier or bool(_COMPRISING.search(before) or _DENIED.search(_own_clause(fact)))
