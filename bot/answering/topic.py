"""Reducing a comparison request to its topic.

People ask for comparisons in sentences: 'how do the papers differ on what the stadium will
cost, according to the sources?', 'funding shortfall for the project - same number
everywhere?', 'when will the line open now? I've seen different dates in different articles'.
The words about sources and agreement are not the topic, and a source that does not repeat
them still addresses it. Clauses made only of such words are dropped, then the framing phrases
at either end of what is left.
"""

from __future__ import annotations

import re
from typing import Literal

from retrieval.analyzer import STOPWORDS
from retrieval.textnorm import fold

_SOURCES = (
    r"(?:sources?|outlets?|papers?|newspapers?|articles?|reports?|reporting|coverage|media|press|"
    r"stories|story|accounts?|publications?|sites?|reporters|journalists)"
)
# Words that frame a comparison without naming what is compared.
FRAME = frozenset(
    (
        "sources source outlets outlet papers paper newspapers articles article reports report reporting "
        "coverage media press stories story accounts account publications reporters journalists differ "
        "differs differed different differently difference differences vary varies agree agrees agreement "
        "disagree disagrees disagreement compare compared comparison contrast say says said give gives "
        "given claim claims state states write writes according each every various individual same "
        "match matches seem seems seen see numbers figures everywhere consistent consistently tell "
        "tells told really actually please anything something don't doesn't dont i've ive me think "
        "thought look looks put puts number figure value values dates estimates everyone everybody "
        "giving saying quoting stating date able"
    ).split()
)
# Framing words that say nothing of what is compared, even inside the topic ('when will passengers
# actually be able to ride'); unlike 'estimates' or 'figure', never a word the statements share.
FILLER = frozenset("actually really able please anything something everyone everybody exactly".split())
_LEAD = re.compile(
    r"^(?:please\s+)?(?:"
    r"(?:how|where|in what ways?)\s+(?:do|does|did)\s+(?:the\s+|all\s+the\s+)?(?:different\s+)?"
    + _SOURCES
    + r"\s+"
    r"(?:differ|compare|vary|disagree|agree|report|describe|cover|portray|present|characteri[sz]e)\s*"
    r"(?:on|about|over|regarding|in|when it comes to|as to)?\s*"
    r"|compare\s+(?:the\s+|(?:what|how)\s+(?:the\s+)?)?(?:"
    + _SOURCES
    + r"\s*)?(?:say\s+|report\s+)?(?:on|about|regarding|over|for)?\s*[:,-]?\s*"
    r"|what\s+(?:the\s+|different\s+)?"
    + _SOURCES
    + r"\s+(?:say|report|write|claim|state)\s*(?:on|about|regarding)?\s*"
    r"|what\s+(?:do|does|did)\s+(?:the\s+|all\s+the\s+)?(?:different\s+|various\s+)?" + _SOURCES + r"\s+"
    r"(?:say|report|write|claim|state)\s*(?:on|about|regarding)?\s*"
    r"|(?:do|did|does)\s+(?:the\s+|all\s+the\s+)?"
    + _SOURCES
    + r"\s+(?:agree|disagree|differ)\s*(?:on|about|over|regarding)?\s*"
    r"|(?:is|are)\s+there\s+(?:any\s+|a\s+)?(?:disagreements?|differences?|agreement|conflicts?|discrepanc(?:y|ies))\s+"
    r"(?:(?:between|among|across)\s+(?:the\s+)?" + _SOURCES + r"\s+)?(?:on|about|over|in|regarding|as to)\s*"
    r"|what\s+(?:figure|number|value|date|amount)s?\s+(?:do|does)\s+(?:each|every|the)\s+(?:different\s+)?"
    + _SOURCES
    + r"\s+"
    r"(?:give|report|state|use|quote)\s*(?:for|on|as)?\s*"
    r"|(?:differences|disagreements|agreements)\s+(?:between|among|across)\s+(?:the\s+)?"
    + _SOURCES
    + r"\s+(?:on|about|over|regarding)\s*"
    r")",
    re.I,
)
_TRAIL = re.compile(
    r"(?:,?\s*(?:and\s+)?(?:according\s+to|per|in|across|by|from|among|between|for)\s+(?:the\s+|each\s+|every\s+|all\s+the\s+|all\s+)?"
    r"(?:(?:different|various|individual|news|other)\s+)*" + _SOURCES + r"(?:\s+(?:say|report|state|give))?"
    r"|,?\s*(?:that|as|which)\s+(?:the\s+|each\s+)?"
    + _SOURCES
    + r"\s+(?:report|reports|say|says|give|gives|state|states|mention)"
    r"|,?\s*(?:and\s+)?(?:how\s+)?(?:do|does|did)\s+(?:the\s+)?"
    + _SOURCES
    + r"\s+(?:agree|differ|disagree)(?:\s+on\s+(?:that|it|this))?"
    r"|,?\s*(?:please\s+)?(?:compare|contrast)\s+(?:the\s+)?" + _SOURCES + r")\s*$",
    re.I,
)


# Where a request's clauses part: sentences, dashes, and ', and' before a second question
# ('How many jobs will it create, and are the numbers consistent?').
_CLAUSES = re.compile(
    r"\?+\s*|\s+[-–—]+\s+|;\s*|(?<=[a-z])\.\s+|!\s*|,\s*and\s+(?=(?:are|is|do|does|did|were|was|have|has)\b)",
    re.I,
)


def _content(clause: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", clause.lower())
    return [w for w in words if w not in STOPWORDS and w not in FRAME and not w.isdigit() or w[:1].isdigit()]


def reduce_topic(text: str) -> str:
    """The topic of a comparison request: 'How do the outlets differ on the total cost of the
    line?' -> 'the total cost of the line'. Returns '' when nothing but framing is left."""
    t = " ".join(fold(text).split())
    clauses = [c for c in _CLAUSES.split(t) if c.strip()]
    kept = [c for c in clauses if _content(_TRAIL.sub("", _LEAD.sub("", c.strip())))]
    out = []
    for c in kept or clauses:
        c = c.strip(" ,.:")
        for _ in range(2):
            c = _LEAD.sub("", c).strip(" ,.:")
            c = _TRAIL.sub("", c).strip(" ,.:")
        out.append(c)
    return " ".join(c for c in out if c).strip(" ,.?!:")


# Nouns that say a measure is asked, not what it is of: 'the size of the fine' asks the fine's
# amount, 'the scale of the losses' the losses; an article giving the figure rarely says 'size'.
_MEASURE_FRAMES = re.compile(r"\b(size|scale|extent|magnitude|level|amount|area)\s+of\b", re.I)


def measure_frames(topic: str) -> set[str]:
    """The nouns of a topic that only frame the measure it asks ('the size of the fine' ->
    {'size'}), lower case."""
    return {m.group(1).lower() for m in _MEASURE_FRAMES.finditer(topic)}


# Words that name one measure of a project or a purchase: 'what will the line cost' is answered
# by 'the project's budget rose to £268.5m' and 'the price has risen to £268.5m' alike.
SAME_MEASURE = (frozenset("cost price bill budget".split()),)
# Words that answer a measure, and cover the topic's word that asks it: 'when will the pool
# reopen' is answered by 'will stay closed until 4 May' (one way: the day a pool closed is not
# when it reopens); what a thing is worth by what it is valued at ('valued at £3.4m').
IMPLIED = {"reopen": frozenset("close shut".split()), "worth": frozenset("valu valuat".split())}


def same_measure(words: set[str]) -> set[str]:
    """The words naming the same measure as any of `words` ({'cost'} -> cost, price, bill,
    budget; {'reopen'} -> close, shut); `words` and the result are analyzer terms (stems:
    'valu' for 'value') when the tables' words are."""
    return ({w for group in SAME_MEASURE if group & words for w in group} | implied(words)) - words


def implied(words: set[str] | frozenset[str]) -> set[str]:
    """The words that answer any of `words` one way only ({'reopen'} -> close, shut)."""
    return {w for word in words for w in IMPLIED.get(word, ())}


# Where a topic's noun phrase ends: a preposition, a relative word or a break.
_PHRASE_END = re.compile(
    r"\s(?:of|over|in|on|for|at|by|from|to|with|between|among|during|after|before|since|under|"
    r"that|which|who|whom|when|where|as|per|across)\s|\s[-–—:]\s|,",
    re.I,
)
_QUESTION_LEAD = re.compile(
    r"^(?:what|how|when|who|whom|whose|where|which|why|whether|is|are|was|were|do|does|did|by|has|have|will|can)\b",
    re.I,
)
_DETERMINERS = re.compile(r"^(?:(?:the|a|an|each|every|any)\s+)+", re.I)
# Nouns that only say a figure is asked: 'the number of votes' asks the votes.
_AUXILIARIES = frozenset("was is were are be been will would has have had".split())
_FIGURE_NOUNS = frozenset("number amount size total figure figures count scale extent level levels".split())


# Words that open a clause after a noun: 'lifeboats the charity launched', 'seats they won'.
_CLAUSE_OPENERS = frozenset(
    "the a an its their his her this these those my our your she he they it we you i".split()
)


def _opens_clause(word: str, before: str) -> bool:
    """Whether `word`, after `before` inside a noun phrase, starts a clause: a determiner or a
    pronoun, or a name after a lower-case noun ('votes Imogen Farthing received')."""
    return word.lower() in _CLAUSE_OPENERS or (word[:1].isupper() and before[:1].islower())


def topic_head(topic: str) -> str | None:
    """The head noun of a topic written as a noun phrase: the last word before the phrase ends
    ('farthing's winning margin over okafor-reid' -> 'margin', 'rejected ballots in the mayoral
    count' -> 'ballots'), past a noun that only asks a figure ('the number of votes she got' ->
    'votes'); None for a topic written as a question ('what the campaign spent')."""
    t = " ".join(topic.split())
    for _ in range(2):
        if not t or _QUESTION_LEAD.match(t):
            return None
        t = _DETERMINERS.sub("", t)
        end = _PHRASE_END.search(f" {t} ")
        phrase = t[: end.start()] if end else t
        words = re.findall(r"[\w'’-]+", phrase)
        # a clause after the noun: 'votes Imogen Farthing received', 'the turnout was'
        cut = next((i for i in range(1, len(words)) if _opens_clause(words[i], words[i - 1])), None)
        words = words[:cut]
        while words and words[-1].lower() in _AUXILIARIES:
            words.pop()
        if not words:
            return None
        head = words[-1]
        if head.lower() not in _FIGURE_NOUNS:
            return None if head.lower() in STOPWORDS else head
        if end is None or not f" {t} "[end.start() : end.end()].strip().lower() == "of":
            return None
        t = f" {t} "[end.end() :].strip()
    return None


# A topic naming a count or a day as a noun phrase, whatever clause follows: 'the number of
# patients who were hospitalised' asks a count, not a person; 'the day the storm struck' a date.
_COUNT_PHRASE = re.compile(r"^(?:the\s+)?(?:total\s+)?(?:number|count|tally)\s+of\b", re.I)
_DAY_PHRASE = re.compile(
    r"^(?:the\s+)?(?:day|date|year|month|week)\s+(?:when|that|on which|in which|of|the|a|an|it|they|its|their)\b",
    re.I,
)


def phrase_kind(topic: str) -> Literal["quantity", "date"] | None:
    """'quantity' or 'date' for a topic written as a noun phrase naming a count or a day, else
    None (the topic's wording decides, `question.answer_type`)."""
    if _COUNT_PHRASE.match(topic):
        return "quantity"
    if _DAY_PHRASE.match(topic):
        return "date"
    return None
