"""Facts in a sentence: quantities (with unit and qualifier), dates, and named things.

Every fact keeps its verbatim text. `key` normalises it so that the same value written two
ways ('2,000 MW', '2,000 megawatts') aligns across sources, and `about` says what it
measures or names ('BTC', 'USD', 'Authority'), so that only like is compared with like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from bot.answering.models import Fact, FactKind
from bot.answering.quantities import NUMBER_WORDS, context, quantities
from bot.answering.quantities import _clause as clause
from retrieval.dates import MONTHS, WEEKDAYS
from retrieval.textnorm import fold

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
DATE = re.compile(
    r"\b(?:(?:early|mid|late)[\s\-‑]+\d{4}|(?:(?:early|mid|late)[\s\-‑]+)?(?:(?:"
    + _MONTH_NAMES
    + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}|"
    r"\d{1,2}\s+(?:"
    + _MONTH_NAMES
    + r")(?:\s+\d{4})?|(?:"
    + _MONTH_NAMES
    + r")\.?\s+\d{1,2}(?!\d)(?:st|nd|rd|th)?|"
    r"\d{4}-\d{2}-\d{2}|Q[1-4]\s+\d{4}|"
    r"(?:in|by|through|until|since|from|during|before|after|of)\s+(?:(?:early|mid|late)[\s-]+)?\d{4}))\b",
    re.IGNORECASE,
)

_CAP = r"[A-Z][\w\-‑]*"
ENTITY = re.compile(r"\b" + _CAP + r"(?:\s+(?:(?:of|the|de|del|la|bin|al)\s+)*" + _CAP + r")*")
EVENT_HEADS = frozenset("conference summit forum expo festival congress convention".split())
# The last word of a place's name: a street, a square, a building or a feature of the land.
PLACE_HEADS = frozenset(
    "street road lane avenue square place park bridge tunnel airport station marsh hill hills river "
    "lake valley bay harbour harbor port quay way drive close crescent terrace gardens estate village "
    "county district province region island islands mountain mountains gorge glacier dam reservoir "
    "canal coast beach field fields moor wood forest heath common green cross tramway railway link "
    # venues: where something is shown, kept or held ('at the Dunmarsh Museum of Natural History')
    "museum gallery hall stadium arena theatre theater centre center library cathedral church chapel "
    "abbey castle palace hotel inn".split()
)
ORG_HEADS = frozenset(
    "council authority office fund bank ministry commission agency group inc ltd corp corporation company "
    "financial exchange university association institute board department committee house reserve "
    "bureau organization organisation foundation union network court parliament senate government "
    "administration treasury team trust forum alliance federation coalition foods services holdings "
    "industries systems solutions technologies partners associates airways airlines motors logistics "
    "pharmaceuticals energy media aggregates ceramics geotechnics consortium partnership air "
    "journal magazine newspaper gazette herald chronicle courier".split()
)
PERSON_TITLES = frozenset(
    "president minister ceo director founder chairman chairwoman chair assistant governor secretary "
    "mr mrs ms dr prof chief head spokesperson spokesman spokeswoman adviser advisor ambassador senator "
    "mayor premier commissioner chancellor treasurer manager officer professor judge coach captain "
    "inspector superintendent councillor councilor deputy leader cfo cto coo mp mep msp "
    "king queen prince princess emperor empress duke duchess pope sir lord lady dame".split()
)
# Titles as newspapers abbreviate them ('Cllr Fergus Nantes', 'Supt. Ada Roe'): the post each names.
TITLE_ABBREVIATIONS = {
    "cllr": "councillor",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "sgt": "sergeant",
    "capt": "captain",
    "cmdr": "commander",
    "lt": "lieutenant",
    "col": "colonel",
    "gen": "general",
    "adm": "admiral",
    "pres": "president",
    "rev": "reverend",
}
PERSON_TITLES = PERSON_TITLES | frozenset(TITLE_ABBREVIATIONS)
TITLE_WORDS = PERSON_TITLES | frozenset(
    "special prime vice deputy finance foreign interior general executive "
    "managing acting former first senior official officials".split()
)
_SENTENCE_START_WORDS = frozenset(
    "the a an in on at by for from this that these those it its as while "
    "although though under during with since after before meanwhile still "
    "however despite according both".split()
)


def _verbatim(original: str, folded: str, start: int, end: int) -> str:
    """The span as the article writes it (folding kept the length), else the folded span."""
    source = original if len(original) == len(folded) else folded
    return source[start:end].strip()


def _date_key(text: str) -> str:
    """'14 October', 'October 14th' and 'Oct. 14, 2025' -> '10-14'; 'July 2025' -> '2025-07'; else the words."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    day = next((n for n in numbers if n <= 31), None)
    year = next((n for n in numbers if n > 31), None)
    qualifier = " ".join(w for w in words if w in ("early", "mid", "late"))
    if month and day:
        return f"{month:02d}-{day:02d}"
    if month and year:
        return f"{qualifier + ' ' if qualifier else ''}{year}-{month:02d}"
    return " ".join(words)


_DATE_CUE = re.compile(r"^(?:in|by|through|until|since|from|during|before|after|of)\s+", re.I)
_EARLIEST = re.compile(r"^\s*(?:at the earliest|or later)\b", re.I)
_LATEST = re.compile(r"^\s*(?:at the latest|or earlier)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|n't|never|no)\b(?:\s+[\w-]+){0,3}\s*$", re.I)
_PARTS = {"start": "early", "beginning": "early", "middle": "mid", "end": "late", "close": "late"}
_PART_OF = re.compile(r"\b(?:the\s+)?(start|beginning|middle|end|close)\s+$", re.I)
_BARE_YEAR = re.compile(r"(?<![\w,.$€£-])(?:19[5-9]\d|20\d\d)(?![\w%-]|,\d|\.\d)")


def _date_span(words: list[str]) -> tuple[float, float] | None:
    """The stretch of time a date names, in years: 'October 2029' -> (2029.75, 2029.833...),
    'late 2029' -> (2029.667, 2030.0), '2029' -> (2029.0, 2030.0); None without a year."""
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    if year is None:
        return None
    if month:
        return year + (month - 1) / 12, year + month / 12
    third = {"early": 0, "mid": 1, "late": 2}.get(
        next((w for w in words if w in ("early", "mid", "late")), ""), None
    )
    if third is not None:
        return year + third / 3, year + (third + 1) / 3
    return float(year), year + 1.0


def _date(text: str, start: int, end: int, shown: str, key: str, **fields) -> Fact:
    """A date fact as written (`shown`), keyed, with the clause and context around
    text[start:end] (text folded)."""
    return Fact(
        kind="date",
        text=shown,
        key=key,
        about="date",
        measure="date",
        unit="year",
        context=context(text, start, end),
        clause=clause(text, start, end),
        **fields,
    )


def _date_fact(sentence: str, text: str, start: int, end: int) -> Fact:
    span = _verbatim(sentence, text, start, end)
    cue = _DATE_CUE.match(span)
    bare = span[cue.end() :] if cue else span
    words = re.findall(r"[a-z]+|\d+", bare.lower())
    part = _PART_OF.search(text, 0, start) if cue and cue.group(0).split()[0].lower() == "of" else None
    if part:  # 'the end of 2027': late 2027, shown as written
        start, cue = part.start(), None
        span = _verbatim(sentence, text, start, end)
        bare = f"{_PARTS[part[1].lower()]} {bare}"
        words = re.findall(r"[a-z]+|\d+", bare.lower())
    key = _date_key(bare)
    stretch = _date_span(words)
    low = high = None
    qualifier = ""
    if stretch:
        low, high = stretch
        rest = text[end:]
        before = cue.group(0).split()[0].lower() == "before" if cue else False
        if before and _NEGATED.search(text[max(0, start - 30) : start]):  # 'will not reopen before 2028'
            qualifier, high = "at least", None
        elif _EARLIEST.match(rest) or (cue and cue.group(0).split()[0].lower() in ("after", "since")):
            qualifier, high = "at least", None
        elif _LATEST.match(rest) or (cue and cue.group(0).split()[0].lower() in ("by", "before")):
            qualifier, low, high = "under", None, low if before else high  # 'before 2028' ends as 2028 begins
        bound = _EARLIEST.match(rest) or _LATEST.match(rest)
        if bound:
            span = _verbatim(sentence, text, start, end + bound.end())
    return _date(text, start, end, span, key, value=low, high=high, qualifier=qualifier)


@lru_cache(maxsize=8192)
def dates(sentence: str) -> tuple[Fact, ...]:
    """Dates a sentence names, each with the stretch of time it covers (`value` to `high`, years)."""
    text = fold(sentence)
    return tuple(_date_fact(sentence, text, m.start(), m.end()) for m in DATE.finditer(text))


# A month or a season without a year, after a word that makes it a time ('until October',
# 'in the spring', 'this autumn'); 'last autumn' is a past one and 'May' must be capitalised.
_SEASON_NAMES = {
    "spring": "spring",
    "summer": "summer",
    "autumn": "autumn",
    "fall": "autumn",
    "winter": "winter",
}
_VAGUE = re.compile(
    r"\b(?:in|by|until|till|to|from|during|before|after|for|this|next|(?:in|by|until|till|to|from|during|before|after)"
    r"\s+(?:the\s+)?(?:early|late|mid)|(?:in|by|until|till|to|from|during|before|after|for)\s+the)\s+"
    r"(?P<word>" + _MONTH_NAMES + r"|spring|summer|autumn|winter|(?<=the )fall)\b(?!\s*,?\s*(?:of\s+)?\d)",
    re.IGNORECASE,
)


def _vague_fact(sentence: str, text: str, start: int, end: int, word: str) -> Fact:
    """A month or season without a year: keyed 'MM' ('10' for October) or by the season
    ('autumn'), with no stretch in years (`value` None), like a day without a year."""
    lowered = word.lower()
    key = _SEASON_NAMES.get(lowered) or f"{MONTHS[lowered]:02d}"
    return _date(text, start, end, _verbatim(sentence, text, start, end), key)


@lru_cache(maxsize=8192)
def times(sentence: str) -> tuple[Fact, ...]:
    """Dates, bare years ('now says 2029'), and months or seasons without a year ('until
    October', 'to the autumn'), for comparing when something happens."""
    text = fold(sentence)
    found = dates(sentence)
    spans = [(m.start(), m.end()) for m in DATE.finditer(text)]
    extra = tuple(
        _date_fact(sentence, text, m.start(), m.end())
        for m in _BARE_YEAR.finditer(text)
        if not any(s <= m.start() < e for s, e in spans)
    )
    vague = tuple(
        _vague_fact(sentence, text, m.start("word"), m.end("word"), m["word"])
        for m in _VAGUE.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e in spans)
        and (m["word"].lower() != "may" or m["word"][0] == "M")
    )
    return found + extra + vague


@dataclass
class _Span:
    """A capitalised run, or part of one split at a title word inside it."""

    text: str
    begin: int

    def group(self, _: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self.begin


def _segments(text: str) -> list[_Span]:
    """Capitalised runs, split where a title stands inside one: 'Pakistan Crypto Council CEO Bilal
    Bin Saqib' is a council, then a person with the title CEO."""
    spans = []
    for m in ENTITY.finditer(text):
        pos = m.start()
        current: list[str] = []
        start = pos
        for word in m.group(0).split(" "):
            if word.lower() in PERSON_TITLES and current:
                spans.append(_Span(" ".join(current), start))
                current, start = [], pos
            if not current:
                start = pos
            current.append(word)
            pos += len(word) + 1
        if current:
            spans.append(_Span(" ".join(current), start))
    return spans


# What follows a name and makes it an organisation: 'which' (people take 'who'), an apposition
# naming a kind of organisation, or the plural possessive of a longer name ('Tenants' Union').
_ORGANISATION_AFTER = re.compile(
    r"\s*,\s*which\b|\s*,\s*(?:the|a|an|its)\s+(?:[a-z-]+\s+){0,2}(?:company|firm|contractor|"
    r"subcontractor|operator|group|builder|developer|consortium|insurer|lender|bank|union|agency|"
    r"authority|maker|manufacturer|retailer|chain|owner|supplier|charity|club|council|body|regulator|"
    r"business|producer|publisher|broadcaster|utility|university|school|hospital|trust|fund|"
    r"partnership|association|society|party|airline|carrier)\b(?!['’]s)|['’]\s+[A-Z]"
)  # (not 'Lionel Strand, the university's vice-chancellor': a post held, of a possessive)
_NUMBERED = re.compile(r"\s+\d")
_PLACE_KINDS = frozenset(
    "village town city county district parish island port borough region province state republic kingdom "
    "hamlet suburb municipality".split()
)
_PLACE_PREPOSITIONS = frozenset("beneath below under near outside inside".split())
_MOTION_BEFORE = frozenset(
    "travelled traveled went moved fled flew sailed returned emigrated relocated headed drove came "
    "then first back later".split()
)
# A lower-case noun naming a kind of place after a name ('the Brackley car park', 'the Owl Rock
# trig point'): the name is that place's.
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?!(?:who|whom|which|that|and|but|was|were|is|are|has|had|said|says|with|for|from|the)\b)"
    r"(?:[a-z]+\s+)?[a-z]{3,}\b(?![\w'’-])"
)


@lru_cache(maxsize=8192)
def entities(sentence: str) -> tuple[Fact, ...]:
    """Capitalised names, typed by their last word or a title before them."""
    out = []
    text = fold(sentence)
    for m in _segments(text):
        name = m.group(0).strip("'’-‑ ")
        words = name.split()
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", ":", "•", '"')):
            while words and words[0].lower() in _SENTENCE_START_WORDS:
                words = words[1:]
            if len(words) == 1 and not words[0].isupper() and words[0].lower() not in ORG_HEADS:
                continue
        led_by_title = bool(words) and words[0].lower() in PERSON_TITLES
        while words and (words[0].lower() in PERSON_TITLES or words[0].lower() in ("of", "the")):
            led_by_title = led_by_title and words[0].lower() in PERSON_TITLES
            words = words[1:]  # 'CEO of the Pakistan Crypto Council' names the council
        if (
            not words
            or words[0].lower() in MONTHS
            or words[0].lower() in WEEKDAYS
            or all(w.lower() in TITLE_WORDS for w in words)
        ):
            continue  # a month, or a title alone ('Special Assistant', 'Prime Minister')
        name = " ".join(words)
        core = words[: words.index("of")] if "of" in words[1:] else words
        head = core[-1].lower()
        preceding = [w.lower().strip(",") for w in text[: m.start()].split()[-2:]]
        before = preceding[-1:]
        possessive = text[m.start() + len(m.group(0)) :].startswith(("'s", "’s"))  # 'in Bitcoin's potential'
        located = (
            bool(preceding)
            and not possessive
            and (
                preceding[-1] in ("in", "at")
                or preceding == ["in", "the"]
                or preceding == ["at", "the"]
                # a single name after a preposition of place: 'beneath Brennholm', 'near Kessfeld'
                or (len(words) == 1 and preceding[-1] in _PLACE_PREPOSITIONS)
                # where someone went or came from: 'travelled first to Barcelona, then to Marseilles'
                or (
                    len(words) <= 3
                    and len(preceding) == 2
                    and preceding[1] in ("to", "from")
                    and preceding[0] in _MOTION_BEFORE
                )
                # 'the village of Tressick', 'the port of Maldrun'
                or (len(preceding) == 2 and preceding[1] == "of" and preceding[0] in _PLACE_KINDS)
                # a name before a place noun: 'near the Brackley car park', 'beside the Owl Rock cairn'
                or (
                    len(preceding) == 2
                    and preceding[0] in _PLACE_PREPOSITIONS
                    and preceding[1] == "the"
                    and bool(_PLACE_NOUN_AFTER.match(text, m.start() + len(m.group(0))))
                )
            )
        )
        after = text[m.start() + len(m.group(0)) :]
        if _NUMBERED.match(after):
            continue  # 'Route 9', 'Gate 4': a numbered thing, not a name
        kind: FactKind
        if _ORGANISATION_AFTER.match(
            after
        ):  # 'Greystone Aggregates, which ...', 'Korvald Bygg, the contractor'
            kind, about = "organisation", "name"
        elif (
            led_by_title
            and "of" not in words
            and head not in ORG_HEADS
            and head not in EVENT_HEADS
            and not (located and head in PLACE_HEADS)
        ):
            kind, about = "person", "person"  # 'Mayor Fernando Wood', though a wood is a place
        elif head in EVENT_HEADS or head in PLACE_HEADS or (located and len(words) <= 3):
            kind, about = "place", "place"
        elif head in ORG_HEADS or (name.isupper() and len(name) >= 2):
            kind, about = "organisation", head.title() if head in ORG_HEADS else "acronym"
        elif before and before[0] in PERSON_TITLES and len(words) >= 2:
            kind, about = "person", "person"
        elif len(core) >= 2 and all(w[:1].isupper() for w in core):  # 'Harald IV of Vestmark' too
            kind, about = "person" if len(core) <= 3 else "organisation", "name"
        elif len(words) == 1 and len(name) > 2 and not name.isupper():
            kind, about = "person", "single name"  # 'Saqib praised Bukele': a name, kind unknown
        else:
            continue
        out.append(Fact(kind=kind, text=name, key=name.lower(), about=about))
    return tuple(out)


def extract_facts(sentence: str) -> tuple[Fact, ...]:
    """All quantities, dates and names in a sentence. Each extractor remembers recent sentences:
    the answerer, the comparison and the type checks read the same ones several times."""
    return quantities(sentence) + dates(sentence) + entities(sentence)


def describe(fact: Fact) -> str:
    """What a fact measures or names, for people: 'the figure in BTC', 'the amount in EUR',
    'the number of workers', 'the vote', 'the number of passengers a day'."""
    if fact.measure.endswith(" (still)"):
        return describe(fact.model_copy(update={"measure": fact.measure[: -len(" (still)")]})) + ", still"
    if fact.measure.endswith(" (capacity)"):
        return (
            describe(fact.model_copy(update={"measure": fact.measure[: -len(" (capacity)")]})) + ", capacity"
        )
    if fact.measure == "duration":
        return "the duration in hours"
    if fact.measure.endswith("(time of day)"):
        return "the time of day"
    if fact.measure.endswith(" (part)"):
        return describe(fact.model_copy(update={"measure": fact.measure[: -len(" (part)")]})) + ", a share"
    if fact.kind == "quantity" and " per " in fact.measure:
        base, per = fact.measure.rsplit(" per ", 1)
        return f"{describe(fact.model_copy(update={'measure': base}))} a {per}"
    if fact.kind == "quantity":
        if fact.unit == "%" or fact.about == "share":
            return "the share"
        if fact.is_money:
            return f"the {fact.measure}"
        if fact.unit == "vote":
            return "the vote"
        if fact.measure in ("length", "power"):
            return f"the {fact.measure} in {fact.unit}"
        if fact.measure.startswith("count of ") and fact.unit and fact.unit.isupper():
            return f"the figure in {fact.unit}"
        if fact.measure.startswith("count of "):
            return f"the number of {fact.unit or fact.measure[len('count of ') :]}"
        return "the figure"
    if fact.kind == "date":
        return "the date" + (", as first planned" if fact.measure.endswith("(earlier plan)") else "")
    if fact.kind == "organisation":
        return f"the name of the {fact.about.lower()}"
    if fact.kind == "status":
        return f"whether it happened: {fact.about}"
    return f"the {fact.kind}"


__all__ = ["NUMBER_WORDS", "dates", "describe", "entities", "extract_facts", "quantities", "times"]


_RELATIVE_YEAR = re.compile(
    r"\b(?:(?:the\s+)?(start|beginning|middle|end|close)\s+of\s+|(early|mid|late)[\s-]+)?(next|this|last)\s+year\b",
    re.I,
)
_YEAR_OFFSET = {"next": 1, "this": 0, "last": -1}
_ON_WEEKDAY = re.compile(r"\b(?:on|last|this past)\s+(" + "|".join(WEEKDAYS) + r")\b", re.I)


# What is yet to happen, in the clause before a weekday: 'will be allowed home on Wednesday',
# 'is due to reopen on Friday'.
_AHEAD = re.compile(
    r"\b(?:will|shall|won't|wo n't|(?:is|are)\s+(?:due|set|expected|scheduled)\s+to)\b|'ll\b", re.I
)
_BREAK = re.compile(r"[.;:]|,\s+(?:and|but|while|whereas|which|who)\b|\s(?:but|while|whereas)\s")


def _clause_before(text: str, at: int) -> str:
    """The words of `text` from the last clause break before `at` up to it."""
    breaks = [m.end() for m in _BREAK.finditer(text, 0, at)]
    return text[breaks[-1] if breaks else 0 : at]


def relative_dates(sentence: str, published: str | None) -> tuple[Fact, ...]:
    """Times given relative to the article's date ('YYYY-MM-DD'), as the time they name: a day
    by its weekday ('the council on Tuesday approved') is the latest such weekday on or before
    the article's date, or, in a clause of what is yet to happen ('will reopen on Friday'), the
    first on or after it, keyed 'MM-DD' like the days `times` finds (not when the sentence gives a
    day itself); 'next year', 'the end of next year' the year (or part) after the article's.
    Nothing for an undated article."""
    if not published or len(published) < 10:
        return ()
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return ()
    text = fold(sentence)
    out = []
    for m in _RELATIVE_YEAR.finditer(text):
        year = day.year + _YEAR_OFFSET[m[3].lower()]
        part = _PARTS[m[1].lower()] if m[1] else (m[2] or "").lower()
        words = [part, str(year)] if part else [str(year)]
        low, high = _date_span(words) or (None, None)
        shown = _verbatim(sentence, text, m.start(), m.end())
        out.append(_date(text, m.start(), m.end(), shown, " ".join(words), value=low, high=high))
    if any(_DAY_KEY.fullmatch(f.key) for f in times(sentence)):
        return tuple(out)
    for m in _ON_WEEKDAY.finditer(text):
        weekday = WEEKDAYS.index(m[1].lower())
        if _AHEAD.search(_clause_before(text, m.start())) and m[0].lower().startswith("on"):
            when = day + timedelta(days=(weekday - day.weekday()) % 7)  # 'will reopen on Wednesday'
        else:
            when = day - timedelta(days=(day.weekday() - weekday) % 7)
        shown = sentence[m.start(1) : m.end(1)] if len(text) == len(sentence) else m[1]
        out.append(_date(text, m.start(1), m.end(1), shown, f"{when.month:02d}-{when.day:02d}"))
    return tuple(out)


_DAY_KEY = re.compile(r"\d\d-\d\d")
