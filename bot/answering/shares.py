"""What a share is a share of: the whole a topic asks about and the whole a stated share names.

'18 percent of capacity' (a reservoir's level) and 'a quarter of what the city consumes' are
both shares, but of different wholes; a topic asking 'what share of the city's water' or 'how
much of the tunnel' names its whole, and a share of another whole ('of capacity') is another
measure. A share that names no whole ('Turnout was 63 percent') may be of anything and stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answering.models import Fact
from retrieval.textnorm import fold

_ASKED = re.compile(
    r"\b(?:share|proportion|percentage|fraction|part|per ?cent)\s+of\s+(?P<whole>[^?,.;]+)"
    r"|\bhow much of\s+(?P<whole2>[^?,.;]+)",
    re.I,
)
_OF = re.compile(
    r"\s*(?:\w+\s+){0,1}?of\s+(?:(?:the|its|their|his|her|what|a|an)\s+)?(?P<whole>[\w.'’-]+(?:\s+[\w.'’-]+){0,2})",
    re.I,
)
_WHOLE_WORDS = 3  # words of the whole read after 'of' in a topic
_VERBS = frozenset("will would is are was were has have had be been supply supplies provide provides".split())


def asked_whole(topic: str, terms: Callable[[str], list[str]]) -> set[str]:
    """Index terms of the whole a topic asks a share of ('What share of Calvera's water will
    the plant supply' -> {'calvera', 'water'}); empty when it names none."""
    m = _ASKED.search(fold(topic))
    if not m:
        return set()
    words = []
    for w in (m["whole"] or m["whole2"]).split():
        if w.lower() in _VERBS:
            break
        words.append(w)
    return set(terms(" ".join(words[:_WHOLE_WORDS])))


def whole_of(fact: Fact, terms: Callable[[str], list[str]]) -> set[str]:
    """Index terms of the whole a share names right after it ('18 percent of capacity' ->
    {'capac'}); empty when it names none."""
    clause = fold(fact.clause)
    at = clause.lower().find(fold(fact.text).lower())
    if at < 0:
        return set()
    m = _OF.match(clause, at + len(fact.text))
    return {t for t in terms(m["whole"]) if not t[:1].isdigit()} if m else set()


def other_whole(fact: Fact, asked: set[str], terms: Callable[[str], list[str]]) -> bool:
    """Whether a share is of another whole than the one asked about (no word in common)."""
    if fact.measure != "share" or not asked:
        return False
    whole = whole_of(fact, terms)
    return bool(whole) and not whole & asked
