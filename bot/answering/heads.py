"""The counted noun of a compound: '46 collection vehicles' counts vehicles, '44 collection rounds'
counts rounds, so the two are different measures, not one count of 'collection'.

English puts the counted noun last in a compound and the words before it in the singular
('two council contracts', 'six construction workers'): a singular word followed by a plural one
is a modifier and its head.
"""

from __future__ import annotations

import re

from bot.answering.models import Fact
from retrieval.analyzer import raw_tokens
from retrieval.textnorm import fold

_WORD = re.compile(r"[a-z]{4,}")
# Words that are not modifiers of a counted noun: units of time and measure, and words that
# end a noun phrase or begin a clause.
_NOT_MODIFIERS = frozenset(
    "second minute hour week month year decade century metre meter mile kilometre tonne litre gallon "
    "hectare acre foot inch pound euro dollar percent point degree times".split()
)
_NOT_HEADS = frozenset("this thus plus less unless was has does goes across always perhaps".split())
_NEXT = re.compile(r"[\s-]+([a-z]+)\b")


def compound_head(modifier: str, noun: str) -> bool:
    """Whether `noun` is the counted head of `modifier noun` after a number: a plural ('vehicles')
    after a singular word that is no unit ('collection'). Lower-case words only; 'collection',
    'vehicles' -> True; 'hour', 'delays' -> False; 'households', 'and' -> False."""
    if not (_WORD.fullmatch(modifier) and _WORD.fullmatch(noun)):
        return False
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and noun not in _NOT_HEADS
    singular = not modifier.endswith("s") and modifier not in _NOT_MODIFIERS
    return plural and singular


def next_word(text: str, at: int) -> tuple[str, int] | None:
    """The word after position `at` of `text` (separated by spaces or a hyphen) and where it ends."""
    m = _NEXT.match(text, at)
    return (m.group(1), m.end(1)) if m else None


def headed(fact: Fact, sentence: str) -> Fact:
    """A count whose counted word is a modifier ('46 collection' of '46 collection vehicles'), as a
    count of the compound's head ('count of vehicl', its text running to 'vehicles'); any other
    fact as it is. `sentence`: the text the fact was read from."""
    if not fact.measure.startswith("count of ") or not fact.unit:
        return fact
    text = fold(sentence)
    at = text.find(fact.text)
    after = next_word(text, at + len(fact.text)) if at >= 0 else None
    if after is None or not compound_head(fact.unit.lower(), after[0]):
        return fact
    toks = raw_tokens(after[0])
    return fact.model_copy(
        update={
            "text": text[at : after[1]],
            "unit": after[0],
            "about": toks[0].term if toks else after[0],
            "measure": f"count of {toks[0].term if toks else after[0]}",
            "modifier": fact.unit.lower(),
        }
    )
