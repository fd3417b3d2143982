"""The part a figure plays in a negotiation: offered, demanded, agreed or voted.

A pay dispute gives several percentages of one kind: the employer's offer ('rejected a 3%
offer'), the union's demand ('is holding out for 8%'), a settlement ('accepted 4.5%') and a
ballot ('81% voted for the strike'). A topic naming one part ('the rise the union wants') is not
answered by a figure whose own words give it another ('Harbour Holdings had offered them 3.5%').
"""

from __future__ import annotations

import re

_ROLES = (
    (
        "offered",
        re.compile(r"\b(?:offers?|offered|offering|propos(?:e|ed|es|al)|tabled|put forward)\b", re.I),
    ),
    (
        "demanded",
        re.compile(
            r"\b(?:demands?|demanded|demanding|wants?|wanted|seeks?|seeking|sought|claims?|claimed|"
            r"(?:ask|asks|asked|asking|call|calls|called|calling|hold|holds|holding|push|pushing|"
            r"pushed)(?: out)? for)\b",
            re.I,
        ),
    ),
    ("agreed", re.compile(r"\b(?:accepts?|accepted|agreed|agrees|settled?|settles|settlement)\b", re.I)),
    ("voted", re.compile(r"\b(?:votes?|voted|voting|ballot(?:ed)?|backed|turnout)\b", re.I)),
)


def roles(text: str) -> frozenset[str]:
    """The parts a text names ('the rise the union wants' -> {'demanded'}), empty when none."""
    return frozenset(name for name, cue in _ROLES if cue.search(text))


def other_role(own_words: str, asked: frozenset[str]) -> bool:
    """Whether a value's own words give it a part, and none the topic asks (`asked`, from
    `roles`): '3.5% ... offered' for 'the rise the union wants'."""
    found = roles(own_words)
    return bool(asked and found and not found & asked)
