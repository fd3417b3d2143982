"""Slots: a question's content words, as the index spells them, and how much of them a text holds.

A question becomes slots, one per content word; a slot is satisfied by the word's index term, by
a concept token it is part of ('bitcoin' by 'btc') or by a WordNet synonym. A text's coverage is
the idf-weighted share of slots it satisfies; words the corpus lacks weigh as much as its rarest
term, so a question about something absent cannot be covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.answering.question import (
    FRAME_WORDS,
)
from retrieval.analyzer import STOPWORDS, Query, raw_tokens
from retrieval.index import Index

# A sentence that opens with a pronoun needs the sentence before it to say who or what it is.

_TIME_WORD = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|1[5-9]\d\d|20\d\d)$",
    re.I,
)
# Frame words that name what a question asks ('the length?'), looked up when nothing else is.
_ASKED_FRAMES = frozenset(
    "length height depth width temperature mass date year month day time name role purpose meaning "
    "acronym abbreviation boss".split()
)
# A dimension a question names ('the length of the skeleton') is held by a sentence that gives it
# in any of its words ('26 metres long').
_DIMENSION_WORDS = {
    "length": frozenset({"length", "long"}),
    "height": frozenset({"height", "high", "tall"}),
    "depth": frozenset({"depth", "deep"}),
    "width": frozenset({"width", "wide"}),
}
UNKNOWN_WEIGHT = 1.0  # a question word no article contains weighs as much as the rarest term


@dataclass(frozen=True)
class Slot:
    surface: str
    alternatives: frozenset[str]
    weight: float
    known: bool
    proper: bool


def question_slots(index: Index, query: Query, merge_names: bool = False) -> list[Slot]:
    """One slot per content word of the question, with the concept tokens that satisfy it too.

    With `merge_names`, a name of several capitalised words ('El Salvador') weighs as its
    rarest word shared among them: a comparison topic is then not covered by the name alone.
    Answers keep per-word weights, since the names in a question are what it hinges on, and
    match a word by its synonyms too (retrieval.synonyms, WordNet's frequent senses); a
    comparison topic names the measure compared, so its words stay literal."""
    concepts = [t for t in query.terms if t not in {w.term for w in query.words}]
    phrase_of = {c: index.analyzer.equivalences.phrases_of(c) for c in concepts}
    slots: dict[str, Slot] = {}
    names: list[list[str]] = [[]]  # runs of capitalised words: 'El Salvador' is one name
    # A question of frame words alone ('length?', 'what about the height') looks up the ones that
    # name what is asked.
    framed = any(w.surface not in FRAME_WORDS and w.surface not in STOPWORDS for w in query.words)
    for w in query.words:
        # (answers only: a comparison topic's 'length of the contract' may be a duration)
        looked_up = (not framed and w.surface in _ASKED_FRAMES) or (
            not merge_names and w.surface in _DIMENSION_WORDS
        )
        if (
            not looked_up
            and (w.surface in FRAME_WORDS or (not w.known and _misspelt_function_word(w.surface)))
            or w.term in slots
        ):
            names.append([])
            continue
        if w.capitalized:
            names[-1].append(w.term)
        else:
            names.append([])
        alts = {w.term} | index.stats.related(w.term) | _DIMENSION_WORDS.get(w.surface, frozenset())
        if not merge_names:  # an answer's words may be the question's in other words ('wed': 'married')
            alts |= {t for t in index.analyzer.synonyms(w.term) if t in index.stats.df}
        for c, phrases in phrase_of.items():
            if any(w.term in p for p in phrases):
                alts.add(c)
        known = w.known or len(alts) > 1
        weight = (
            index.stats.idf(w.term)
            if w.known
            else (
                max(index.stats.idf(a) for a in alts - {w.term})
                if known
                else UNKNOWN_WEIGHT * index.stats.idf(w.term)
            )
        )
        proper = w.proper and not (len(w.surface) <= 3 and not known)  # 'US', 'UK' qualify, not name
        if _TIME_WORD.match(w.surface):  # held to the question by contrast_conflict, not by coverage
            weight *= 0.5
        slots[w.term] = Slot(w.surface, frozenset(alts), weight, known, proper)
    for run in (r for r in names if len(r) > 1 and merge_names):
        # A name of several words weighs as its rarest word, shared among its words.
        share = max(slots[t].weight for t in run) / len(run)
        for t in run:
            slots[t] = replace(slots[t], weight=share)
    return list(slots.values())


_FUNCTION_WORDS = sorted(w for w in STOPWORDS | FRAME_WORDS if len(w) >= 3)


def _misspelt_function_word(word: str) -> bool:
    """'mutch', 'waht': a typo of a question word, not a content word the corpus lacks. The first
    letter must agree, as for other typos ('bought' is not 'ought')."""
    if len(word) < 3:
        return False
    same_start = [w for w in _FUNCTION_WORDS if w[0] == word[0]]
    return process.extractOne(word, same_start, scorer=OSA.distance, score_cutoff=1) is not None


def coverage(slots: list[Slot], terms: frozenset[str] | set[str]) -> tuple[float, list[str]]:
    total = sum(s.weight for s in slots)
    if not total:
        return 0.0, []
    hit = [s for s in slots if s.alternatives & terms]
    return sum(s.weight for s in hit) / total, [s.surface for s in hit]


def new_words(text: str, slots: list[Slot]) -> bool:
    """True when a fact's words are not all in the question (the fact is new information)."""
    known = set().union(*(s.alternatives for s in slots)) if slots else set()
    terms = {t.term for t in raw_tokens(text)}
    return bool(terms - known) if terms else False
