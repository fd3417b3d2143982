"""The values a statement gives for comparing, and the sentences that revise them.

`measured` reads the figures, dates, places or organisation names of one sentence that can be
aligned across sources (`measures.align`). A sentence that gives a new value for the figure of
the sentence before it ('That figure was revised to 48.6 million pounds') is read with that
sentence (`with_revisions`), and the earlier value is marked as replaced (`markers.EARLIER`,
`revised`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from bot.answering.clock import clock_times
from bot.answering.evidence import Candidate
from bot.answering.facts import (
    EVENT_HEADS,
    ORG_HEADS,
    PLACE_HEADS,
    TITLE_WORDS,
    clause,
    context,
    entities,
    quantities,
    times,
)
from bot.answering.markers import EARLIER, marker_of, qualified
from bot.answering.measures import calendar
from bot.answering.models import AnswerType, Fact, SourceView
from bot.answering.quantities import as_duration, spelled_durations, vague_counts
from retrieval.passages import sentences
from retrieval.textnorm import fold

# Organisations whose name a topic asking no figure compares ('... Authority', '... Council').
ORG_ABOUTS = {
    "Authority",
    "Council",
    "Office",
    "Fund",
    "Bank",
    "Ministry",
    "Commission",
    "Agency",
    "Reserve",
}
# 'BRENNMOUTH, March 10 (Ostrey Wire) -': a wire story's dateline gives the article's date.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,\s+([^()]{3,24}?)\s+\([^)]{2,40}\)\s*[-–—]")


@lru_cache(maxsize=4096)
def measured(text: str, kind: AnswerType) -> tuple[Fact, ...]:
    """The values a statement gives that can be aligned: amounts, tallies and shares; for a
    'when' topic its dates and years; for a 'where' topic its places; and for a topic asking no
    figure or date, the names of organisations ('... Authority')."""
    facts = [as_duration(f) for f in quantities(text) if f.measure != "number"]
    spelled = spelled_durations(text)  # 'for a day and a half' is no share ('a half')
    facts = [f for f in facts if not any(f.text in d.text and f.measure == "share" for d in spelled)]
    facts += list(vague_counts(text)) + list(spelled)
    if kind == "date":
        facts += list(clock_times(text))  # 'at 6.15pm': compared only on a topic asking a time
        dateline = _DATELINE.match(text)  # 'BRENNMOUTH, March 10 (Ostrey Wire) -': the article's date
        facts += [
            f
            for f in times(text)
            if (f.value is not None or f.high is not None or calendar(f.key) is not None)
            and not (dateline and f.text in dateline[1])
        ]
    facts = _revisions([qualified(f) for f in facts])
    if kind in ("quantity", "date"):
        return tuple(facts)
    if kind == "person":  # 'who was in charge', 'who said ...': the people the sentence names
        facts += _people(text)
    names = [
        f
        for f in entities(text)
        if (f.kind == "place" and kind == "place")
        or (f.kind == "organisation" and f.about in ORG_ABOUTS and kind != "place")
    ]
    folded = fold(text)
    for f in names:
        at = folded.find(fold(f.text))
        if at < 0:
            continue
        measure = "place" if f.kind == "place" else f"name of the {f.about.lower()}"
        verbatim = text[at : at + len(f.text)] if len(text) == len(folded) else f.text
        facts.append(
            f.model_copy(
                update={
                    "text": verbatim,
                    "measure": measure,
                    "context": context(folded, at, at + len(f.text)),
                    "clause": clause(folded, at, at + len(f.text)),
                }
            )
        )
    return tuple(facts)


PERSON = "name of the person"
# Words of the names of services, institutions and places, never of a person's name.
_NOT_NAMES = (
    ORG_HEADS
    | PLACE_HEADS
    | EVENT_HEADS
    | TITLE_WORDS
    | frozenset(
        "fire rescue police ambulance service station hospital school church court street road".split()
    )
)
# Capitalised words of a title written before a name: 'Group Manager', 'Detective Inspector'.
_TITLE_BEFORE = re.compile(r"(?:\b[A-Z][a-z]+\.?\s+){1,3}$")
# What follows a name in its apposition: 'Claire Hebden, the incident commander,'.
_APPOSITION = re.compile(r"\s*,\s*([^,;:.!?\"“”]{3,80})")


def _people(text: str) -> list[Fact]:
    """The people a sentence names, for a topic asking who: each name with the title written
    before it ('Group Manager Claire Hebden'), keyed by the name alone so that 'Claire Hebden'
    is the same person; its context the words of its clause and of an apposition after it ('...,
    the incident commander'), and, when the sentence names one person only, of the whole sentence
    (a speaker's sentence says what they said)."""
    folded = fold(text)
    found = [f for f in entities(text) if f.kind == "person"]
    whole = context(folded, 0, len(folded)) if len(found) == 1 else ()
    out = []
    for f in found:
        at = folded.find(fold(f.text))
        if at < 0:
            continue
        title = _TITLE_BEFORE.search(folded[:at])
        titled = title is not None and title.group(0).split()[-1].lower().strip(".") in TITLE_WORDS
        start = title.start() if title and titled else at  # 'Group Manager', 'Ms', not 'Pennine'
        name = f.text.split()
        name = name[: name.index("of")] if "of" in name else name  # 'Rachel Okafor of Northmoor Police'
        end = at + len(" ".join(name))
        if len(name) < 2 and not titled or any(w.lower() in _NOT_NAMES for w in name):
            continue  # 'Rescue', 'Pennine Fire' are no one's name
        after = _APPOSITION.match(folded, end)
        extra = context(folded, after.start(1), after.end(1)) if after else ()
        verbatim = text[start:end] if len(text) == len(folded) else folded[start:end]
        out.append(
            f.model_copy(
                update={
                    "text": verbatim,
                    "key": " ".join(name).lower(),
                    "about": "person",
                    "measure": PERSON,
                    "context": tuple(dict.fromkeys(context(folded, start, end) + extra + whole)),
                    "clause": clause(folded, start, end),
                }
            )
        )
    return out


def _revisions(facts: list[Fact]) -> list[Fact]:
    """A sentence that gives a value as replaced and then its replacement ('first said $1.2
    million, then raised the figure to about $2 million') says what both are of once: the
    replacement's clause is read with the replaced value's words."""
    replaced = [f for f in facts if marker_of(f.measure) == EARLIER]
    if not replaced:
        return facts
    out = []
    for f in facts:
        words = {t for e in replaced if e.measure == f.measure + EARLIER for t in e.context}
        if words and not marker_of(f.measure):
            f = f.model_copy(update={"context": f.context + tuple(sorted(words - set(f.context)))})
        out.append(f)
    return out


# A sentence giving a new value for the figure of the sentence before it: 'That figure was
# revised to 48.6 million pounds', 'The estimate has since risen to $3m', 'This was later cut to 40'.
_REVISES = re.compile(
    r"^(?:(?:that|this|the|its|their)\s+(?:[a-z]+\s+)?(?:figure|estimate|sum|amount|cost|budget|price|"
    r"forecast|total|number|date|target|projection)|that|this|it)\s+"
    r"(?:(?:was|were|has|had|have|is|been|since|later|now|then|subsequently|itself)\s+)*"
    r"(?:revised|raised|increased|cut|reduced|lowered|updated|risen|rose|grown|grew|climbed|jumped|"
    r"fallen|fell|dropped|pushed back|put back|moved|brought forward|changed)\b[^.;]*?\bto\b",
    re.I,
)


def with_revisions(chosen: list[Candidate], kind: AnswerType) -> tuple[list[Candidate], dict[str, str]]:
    """A source's statements, each followed by the next sentence of its passage when that one
    revises the statement's figure ('At the time the work was put at £41m. That figure was
    revised to 48.6 million pounds'), and the ids of those sentences -> the statement's id."""
    out: list[Candidate] = []
    revising: dict[str, str] = {}
    ids = {c.sentence.id for c in chosen}
    for c in chosen:
        out.append(c)
        following = sentences(c.hit.passage)
        at = next((i for i, s in enumerate(following) if s.id == c.sentence.id), None)
        if at is None or at + 1 >= len(following):
            continue
        nxt = following[at + 1]
        if nxt.id not in ids and _revises(nxt.text, c.sentence.text, kind):
            out.append(replace(c, sentence=nxt))
            ids.add(nxt.id)
            revising[nxt.id] = c.sentence.id
    return out, revising


# A quotation given to a pronoun: '..., she said', '"...," he told the court', 'She added: "..."'.
_PRONOUN_SPEAKS = re.compile(
    r"\b(?:she|he)\s+(?:said|says|told|added|explained|warned|insisted|argued|wrote|replied)\b"
    r"|\b(?:said|says|added)\s+(?:she|he)\b",
    re.I,
)


def with_speakers(chosen: list[Candidate], kind: AnswerType) -> tuple[list[Candidate], dict[str, str]]:
    """For a 'who' topic, a source's statements, each statement that gives a quotation to a
    pronoun ('"...," she said') and names no one preceded by the sentence before it in its
    passage when that one names one person ('Imogen Hale told the court that ...'): the speaker;
    and each statement naming no one followed by the sentence after it when that one introduces
    one person ('We spoke to the harbour master.' 'This is Ana Ruiz.'). Also the ids of those
    sentences -> the statement's id."""
    if kind != "person":
        return chosen, {}
    out: list[Candidate] = []
    speaking: dict[str, str] = {}
    ids = {c.sentence.id for c in chosen}
    for c in chosen:
        text = c.sentence.text
        if _PRONOUN_SPEAKS.search(text) and not _people(text):
            around = sentences(c.hit.passage)
            at = next((i for i, s in enumerate(around) if s.id == c.sentence.id), None)
            before = around[at - 1] if at else None
            if before is not None and before.id not in ids and len(_people(before.text)) == 1:
                out.append(replace(c, sentence=before))
                ids.add(before.id)
                speaking[before.id] = c.sentence.id
        out.append(c)
        if not _people(text):  # 'We spoke to the incident commander.' 'This is Ana Ruiz.'
            around = sentences(c.hit.passage)
            at = next((i for i, s in enumerate(around) if s.id == c.sentence.id), None)
            after = around[at + 1] if at is not None and at + 1 < len(around) else None
            if (
                after is not None
                and after.id not in ids
                and _INTRODUCES.match(after.text)
                and len(_people(after.text)) == 1
            ):
                out.append(replace(c, sentence=after))
                ids.add(after.id)
                speaking[after.id] = c.sentence.id
    return out, speaking


# A sentence introducing the person the one before it spoke of: 'This is Ana Ruiz from the fire
# service.', 'That was Ana Ruiz, speaking to us earlier.'
_INTRODUCES = re.compile(r"^\W*(?:this|that|here)\s+(?:is|was)\s+[A-Z]", re.I)


def spoken(found: list[Fact], view: SourceView, speaking: dict[str, str]) -> list[Fact]:
    """The speaker named in the sentence before a quotation given to a pronoun is read with the
    words of the quotation (what the topic asks who said)."""
    cited = {st.sentence_id: st.n for st in view.statements}
    for named, quoting in speaking.items():
        if named not in cited or quoting not in cited:
            continue
        quote = next(st.quote for st in view.statements if st.sentence_id == quoting)
        words = context(fold(quote), 0, len(fold(quote)))
        found = [
            f.model_copy(update={"context": f.context + tuple(t for t in words if t not in f.context)})
            if f.citation == cited[named] and f.measure == PERSON
            else f
            for f in found
        ]
    return found


def _revises(text: str, before: str, kind: AnswerType) -> bool:
    """Whether a sentence gives a new value of the figure the sentence before it states: it says
    the figure was revised ('That figure was revised to'), and the first value after that is of
    a measure the sentence before states (a price rising after an opening date moved does not
    revise the date)."""
    text = text.strip()
    m = _REVISES.match(text)
    if m is None:
        return False
    at = fold(text)
    new = [(at.find(fold(f.text), m.end() - 2), f) for f in measured(text, kind)]
    new = [(i, f) for i, f in new if i >= 0]
    if not new:
        return False
    first = min(new, key=lambda p: p[0])[1]
    return any(f.measure == first.measure for f in measured(before, kind))


def revised(found: list[Fact], view: SourceView, revising: dict[str, str]) -> list[Fact]:
    """A statement's value that the next sentence revises measures the earlier estimate
    (`markers.EARLIER`); the revising value is read with the words of the statement's clause
    (what the figure is of: 'That figure' is the cost)."""
    cited = {st.sentence_id: st.n for st in view.statements}
    for new, old in revising.items():
        if new not in cited or old not in cited:
            continue
        newer = {f.measure for f in found if f.citation == cited[new] and not marker_of(f.measure)}
        words = tuple(
            dict.fromkeys(
                t for f in found if f.citation == cited[old] and f.measure in newer for t in f.context
            )
        )
        out = []
        for f in found:
            if f.citation == cited[old] and f.measure in newer:
                f = f.model_copy(update={"measure": f.measure + EARLIER})
            elif f.citation == cited[new] and f.measure in newer:
                f = f.model_copy(
                    update={"context": f.context + tuple(t for t in words if t not in f.context)}
                )
            out.append(f)
        found = out
    return found
