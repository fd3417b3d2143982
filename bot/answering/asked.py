"""What kind of measure a comparison topic asks, by its words: cues and units.

'cost' asks a sum ('amount in '), 'how much of' a share, 'vote' a tally, 'how long' a duration,
'the length of' a length in length units, 'the area of' an area in hectares or acres. The kinds
are prefixes of `Fact.measure`, tried in the order of `WANTS`; a kind whose units say what they
measure (`UNIT_KINDS`) and that a topic names by its noun is answered in those units only.
"""

from __future__ import annotations

import re

from bot.answering.models import AnswerType, Fact

# A topic asking how long a state lasted ('how long the divers were underwater'), unlike one asking
# the time from an event ('how long after the call', 'how quickly').
LASTING = re.compile(r"\bhow long\b", re.I)
SINCE = re.compile(r"\b(?:after|since|from|before|until)\b", re.I)

# A topic asking a count: 'how many drivers', 'the number of routes'.
HOW_MANY = re.compile(r"\bhow many\b|\bnumber of\b", re.I)


WANTS = [
    # a pay offer, a rise or a raise: a share first ('a 3% offer'), else a sum ('£1.20 an hour more')
    (
        "share",
        re.compile(
            r"\bhow much of\b|\b(?:share|proportion|percentage|fraction|per ?cent)\b|"
            r"\bpay\s+(?:offer|rise|raise|increase|claim|deal|demand)s?\b|\b(?:wages?|salar(?:y|ies)|offer|offered|rise|raise)\b",
            re.I,
        ),
    ),
    (
        "amount in ",
        re.compile(
            r"\b(?:cost|costs|costing|price|budget|fund|funding|spend|spending|spent|bill|loan|worth|value|"
            r"shortfall|how much|paid|payment|wages?|salar(?:y|ies))\b",
            re.I,
        ),
    ),
    ("vote tally", re.compile(r"\bvot(?:e|es|ed|ing)\b", re.I)),
    ("age", re.compile(r"\bhow old\b|\bage\b", re.I)),
    # 'how long' is a time before it is a length: a duration first, when a source gives one
    ("duration", re.compile(r"\bhow (?:long|quickly|soon)\b|\bduration\b", re.I)),
    (
        "length",
        re.compile(
            r"\b(?:how long|length|how wide|width|how deep|depth|distance|how big|how large|diameter)\b", re.I
        ),
    ),
    ("power", re.compile(r"\b(?:power|megawatts?|electricity)\b", re.I)),
    ("area", re.compile(r"\b(?:area|hectares?|acres?)\b", re.I)),
]


# Kinds of measure whose units say what they measure: a topic naming one by its noun ('the length
# of', 'the width of') is answered by values in those units only, never by a sum of money.
UNIT_KINDS = ("length", "power", "area")
UNIT_WORDS = {
    "length": ("kilometres", "km", "metres", "miles", "centimetres", "cm"),
    "power": ("megawatts", "MW", "kilowatts"),
    "area": ("hectares", "acres"),
    "duration": ("minutes", "hours"),
}
UNIT_NOUNS = re.compile(r"\b(?:length|width|depth|distance|power|megawatts?|electr(?:icity)?|area)\b", re.I)


def unit_kind(topic: str) -> str:
    """The kind of measure a topic names by a noun of its units ('the length of the closed
    footpath' -> 'length'), else ''."""
    if not UNIT_NOUNS.search(topic):
        return ""
    return next((m for m, cue in WANTS if m in UNIT_KINDS and cue.search(topic)), "")


# A topic asking how big a thing is asks its size: a length when sources give one.
_SIZE = re.compile(r"\bhow (?:big|large)\b|\bdiameter\b", re.I)


def asked_unit(topic: str) -> str:
    """The kind of measure whose units a topic asks for: one it names by a noun of its units
    (`unit_kind`), or a duration for 'how long' a state lasted ('how long the flooding lasted':
    minutes or hours)."""
    if found := unit_kind(topic):
        return found
    if _SIZE.search(topic):  # 'how big the hailstones were': their size
        return "length"
    return "duration" if LASTING.search(topic) and not SINCE.search(topic) else ""


def of_kind(fact: Fact, kind: str) -> bool:
    """Whether a value is of the unit kind a topic names ('9km' of a length topic)."""
    return bool(kind) and fact.measure.startswith(kind)


def wanted_kinds(topic: str, kind: AnswerType) -> list[str]:
    """The kinds of measure a topic names, as prefixes of `Fact.measure` ('date' for a 'when'
    topic, 'amount in ' for 'cost', 'vote tally' for 'vote'), in the order they are tried."""
    wants = [m for m, cue in WANTS if cue.search(topic)]
    return ["date", *wants] if kind == "date" else wants
