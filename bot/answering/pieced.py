"""Names a question pieces together from others: 'the Morning Gull' asked where the articles name the
Morning Star and the Evening Gull. No sentence can be about such a name, however many of the
question's words it holds; SQuAD 2.0's crowdworkers wrote many of its unanswerable questions so
(Rajpurkar, Jia and Liang 2018, "Know What You Don't Know")."""

from __future__ import annotations

import re

from bot.answering.facts import ENTITY, NUMBER_WORDS, TITLE_WORDS
from retrieval.analyzer import STOPWORDS, Query
from retrieval.index import Index
from retrieval.models import Hit

# Words a capitalised run in a question may open with that are not part of a name: question words,
# auxiliaries, imperatives, titles ('Councillor Tullett' is written 'Cllr Tullett').
_NOT_NAME = STOPWORDS | TITLE_WORDS | frozenset(NUMBER_WORDS) | frozenset("name list tell give show".split())


# 'awarded Lee the Presidential Medal': 'the' after a name (not after 'of') starts another one.
_NAME_BREAK = re.compile(r"(?<!\bof)\s+the\s+")


def unwritten_names(index: Index, query: Query, hits: list[Hit]) -> list[str]:
    """Names of two words or more the question gives ('Midna of Time', 'Ocarina Princess') that
    none of the passages read (`hits`), their headings or their articles' titles writes, though
    each word is in the corpus: a name pieced together from others (SQuAD 2.0's unanswerable
    questions are often written so). A name is written when its words stand in that order with at
    most two others between each pair, as the analyzer reads them ('Creative Technologies' in
    'Creative Technology', 'the MTV Awards' in 'the MTV Video Music Awards')."""
    if any(w.corrected_from for w in query.words) or query.unknown:
        return []
    terms = index.analyzer.terms
    names = []
    for m in ENTITY.finditer(query.text):
        for run in _NAME_BREAK.split(m.group(0)):
            words = run.split()
            while words and words[0].lower().strip(".") in _NOT_NAME:
                words = words[1:]
            while words and words[-1].lower() in ("of", "the", "and"):
                words = words[:-1]
            if sum(1 for w in words if w[:1].isupper()) >= 2 and len(wanted := terms(" ".join(words))) >= 2:
                names.append((" ".join(words), wanted))
    if not names:
        return []  # most questions: no passage is read again
    texts = [terms(h.passage.text) for h in hits] + [terms(h.passage.heading or "") for h in hits]
    texts += [terms(index.documents[h.passage.source_id].meta.title or "") for h in hits]
    return [name for name, wanted in names if not any(_in_order(wanted, t) for t in texts)]


def _in_order(wanted: list[str], text: list[str], gap: int = 2) -> bool:
    """Whether `wanted` stands in `text` in order, with at most `gap` other terms between each pair."""
    for start, term in enumerate(text):
        if term != wanted[0]:
            continue
        at, ok = start, True
        for w in wanted[1:]:
            window = text[at + 1 : at + 2 + gap]
            if w not in window:
                ok = False
                break
            at = at + 1 + window.index(w)
        if ok:
            return True
    return False
