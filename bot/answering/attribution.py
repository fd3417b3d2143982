"""Whose figure a value is: the owner a topic asks for, and the speaker a value's clause names.

A topic may ask for one party's figure ('the inquiry's estimate', 'the police count', 'according
to the organisers'); a value whose own clause gives it to another party ('the €64m figure the
regional board gave in April', 'Officials said in April that repairs would cost €64 million')
is that party's figure, not the one asked for, and is not compared with it. A value given to no
one ('The report puts the cost at €86 million') may be anyone's and stays.
"""

from __future__ import annotations

import re

from bot.answering.models import Fact
from retrieval.textnorm import fold

_PARTIES_PLAIN = (
    r"officials?|police|organi[sz]ers|analysts?|critics|insiders|engineers|experts|economists|"
    r"residents|unions?|campaigners|opponents|supporters|ministers?|spokes(?:man|woman|person)"
)
_FIGURE = (
    r"(?:estimate|estimates|figure|figures|forecast|forecasts|count|tally|projection|valuation|calculation)"
)
_OWNER = re.compile(
    r"\b(?:the\s+)?(" + _PARTIES_PLAIN + r")\s+" + _FIGURE + r"\b|"
    r"\b(?:the\s+)?([a-z][\w-]+(?:\s+[a-z][\w-]+)?)(?:'s|s')\s+(?:own\s+|latest\s+|official\s+|initial\s+)?"
    + _FIGURE
    + r"\b"
    r"|\baccording to (?:the\s+)?([a-z][\w-]+(?:\s+[a-z][\w-]+)?)"
    r"|\b"
    + _FIGURE
    + r"\s+(?:given\s+|made\s+|put forward\s+)?by\s+(?:the\s+)?([a-z][\w-]+(?:\s+[a-z][\w-]+)?)",
    re.I,
)
# Verbs by which a party gives a figure.
_GIVES = (
    r"(?:said|says|say|gave|gives|give|estimated|estimates|estimate|put|puts|told|reported|reports|"
    r"forecast|forecasts|predicted|predicts|expect|expects|expected|claimed|claims|announced|announces|quoted|quotes)"
)
# Parties that give figures without a capitalised name.
_PARTIES = r"(?i:" + _PARTIES_PLAIN + r")"
_NAME = r"(?:[A-Z][\w'’-]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]+)*)"
_SPEAKER = re.compile(
    r"(?:\b(?i:the\s+|its\s+|their\s+)?(?P<party>" + _PARTIES + r")|(?P<name>" + _NAME + r"))\s+"
    r"(?:\w+\s+)?(?i:" + _GIVES + r")\b"
    r"|\baccording to (?:the\s+)?(?P<source>" + _NAME + r"|" + _PARTIES + r")"
)
_DETERMINERS = frozenset("the a an its their his her this that these those".split())


def owner(topic: str) -> str:
    """The party whose figure a topic asks for, lower-cased ('the inquiry's estimate' ->
    'inquiry'), or '' when it names none."""
    m = _OWNER.search(fold(topic))
    if not m:
        return ""
    found = next(g for g in m.groups() if g).lower().split()
    words = [
        w
        for w in found
        if w not in _DETERMINERS and not re.fullmatch(_FIGURE, w) and not re.fullmatch(_GIVES, w)
    ]
    return words[-1] if words else ""


def speaker(fact: Fact) -> str:
    """The party a value's clause gives it to ('the regional board gave', 'Officials said',
    'according to the Harbour Office'), lower-cased, or '' when the clause names none."""
    for m in _SPEAKER.finditer(fold(fact.clause)):
        who = m["party"] or m["name"] or m["source"] or ""
        words = [w for w in who.lower().split() if w not in _DETERMINERS]
        if words:
            return " ".join(words)
    return ""


def anothers(fact: Fact, asked: str) -> bool:
    """Whether a value is given to a party other than the one a topic asks for (`owner`)."""
    if not asked:
        return False
    who = speaker(fact)
    return bool(who) and asked not in who.split() and not who.startswith(asked)
