"""Whether something has happened, as each source states it: the facts of a yes/no topic.

'Is there a criminal investigation into the collapse?' asks for a status, not a figure. A
statement naming the topic's thing ('criminal investigation') says it is done ('Prosecutors have
opened a criminal investigation'), still undecided ('reviewing the report to decide whether to
open a criminal investigation') or denied ('no criminal investigation has been opened'). Done
conflicts with undecided and denied; undecided and denied can both be true (see
`measures.compatible`). A statement whose wording says none of these gives no status.
"""

from __future__ import annotations

import re

from bot.answering.models import Fact
from bot.answering.quantities import CLAUSE_BREAK, context
from retrieval.analyzer import STOPWORDS, raw_tokens
from retrieval.textnorm import fold

DONE, UNDECIDED, DENIED = "done", "undecided", "denied"
MEASURE = "status"
_AUX = re.compile(
    r"^(?:is|are|was|were|has|have|had|did|does|do|will|can|could|would|should)\s+(?:there\s+)?"
    r"(?:(?:been|be|already|yet|now|ever)\s+)*(?:an?\s+|the\s+|any\s+)?",
    re.I,
)
_NOUN_END = re.compile(r"\s+(?:into|of|on|in|at|for|about|over|against|by|from|with|to|after|before)\s")
_UNDECIDED = re.compile(
    r"\b(?:whether|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|may|might|could|would|plan(?:s|ned|ning)? to|"
    r"expected to|likely to|decide|deciding|call(?:s|ed|ing)? for|urg(?:es|ed|ing)|demand(?:s|ed|ing)?|"
    r"pending|possible|potential)\b",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:no|not|never|n't|yet to|declined to|refused to|ruled out|rules out|without)\b", re.I
)
_DONE = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?\w+(?:ed|en|un|t)\b|\b\w+ed\b|\b(?:under\s?way|ongoing|begun|began)\b",
    re.I,
)
_WINDOW = 5  # words either side of the thing named that carry its status
# Other index terms allowed among the thing's words ('police were weighing whether to open an inquiry').
_GAP = 3


def topic_thing(topic: str) -> str | None:
    """The thing a yes/no topic asks about: 'Is there a criminal investigation into the
    collapse' -> 'criminal investigation'; 'has the museum reopened' -> 'museum reopened'."""
    rest = _AUX.sub("", fold(topic).strip(" ?"), count=1)
    if rest == fold(topic).strip(" ?"):
        return None
    thing = _NOUN_END.split(" " + rest + " ", maxsplit=1)[0].strip()
    words = [w for w in thing.split() if w.lower() not in STOPWORDS]
    return " ".join(words) if words else None


def status_facts(sentence: str, thing: str) -> tuple[Fact, ...]:
    """The status a sentence gives the thing: one fact (key done/undecided/denied; text the
    thing with up to _WINDOW words of its clause either side, which carry the status), or none
    when the sentence does not name the thing together or says no status."""
    wanted = [t.term for t in raw_tokens(thing)]
    text = fold(sentence)
    tokens = raw_tokens(text)
    terms = [t.term for t in tokens]
    if not wanted or not set(wanted) <= set(terms):
        return ()
    last = max(terms.index(w) for w in wanted)
    first = min(terms.index(w) for w in wanted)
    if last - first > len(wanted) + _GAP:  # the thing's words scattered over the sentence
        return ()
    start, end = tokens[first].start, tokens[last].end
    cut = 0
    for m in CLAUSE_BREAK.finditer(text, 0, start):
        cut = m.end()
    after = CLAUSE_BREAK.search(text, end)
    stop = after.start() if after else len(text)
    words_before = [m.start() for m in re.finditer(r"\S+", text[cut:start])][-_WINDOW:]
    words_after = [m.end() for m in re.finditer(r"\S+", text[end:stop])][:_WINDOW]
    begin = cut + words_before[0] if words_before else start
    finish = end + words_after[-1] if words_after else end
    before, following = text[begin:start], text[end:finish]
    near = " | ".join((before, text[start:end], following))
    if _UNDECIDED.search(near):
        key = UNDECIDED
    elif _DENIED.search(near):
        key = DENIED
    elif _DONE.search(near):
        key = DONE
    else:
        return ()
    source = sentence if len(sentence) == len(text) else text
    return (
        Fact(
            kind="status",
            text=source[begin:finish].strip(" ,;."),
            key=key,
            about=thing,
            measure=MEASURE,
            context=context(text, start, end),
            clause=text[cut:stop],
        ),
    )
