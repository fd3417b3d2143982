"""Amounts in a sentence, normalised: value, unit, scale, qualifier, the time they refer to.

'€1.18bn', '1.18 billion euro' and '€1,180 million' are all 1.18e9 EUR; 'about 1.2 billion
euros' is the same unit with the qualifier 'about'; 'Four workers', 'injured four workers' and
'Six construction workers' are counts of workers; 'voted 5-2' and 'five votes to two' are one
tally. Every fact keeps its verbatim text and the index terms of its clause (`context`), which
say what it measures ('repairs', 'cost' against 'fund').
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.models import Fact
from bot.answering.series import SERIES_NAME_START, SERIES_NOUNS
from retrieval.analyzer import raw_tokens
from retrieval.dates import MONTHS, WEEKDAYS
from retrieval.textnorm import fold

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"dozen": 12, "hundred": 100, "thousand": 1000}
_TENS = {
    w: 10 * i
    for i, w in enumerate("x x twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
_WORD_VALUES = NUMBER_WORDS | _TENS
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SIGNS = {
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "rs": "PKR",
    "rs.": "PKR",
    "pkr": "PKR",
}
_CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "rupee": "PKR",
    "rupees": "PKR",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "pkr": "PKR",
    # other and historical currencies, by name (codes where one exists, else the name)
    "franc": "FRANC",
    "francs": "FRANC",
    "mark": "MARK",
    "marks": "MARK",
    "florin": "FLORIN",
    "florins": "FLORIN",
    "ducat": "DUCAT",
    "ducats": "DUCAT",
    "guilder": "NLG",
    "guilders": "NLG",
    "shilling": "SHILLING",
    "shillings": "SHILLING",
    "kronor": "SEK",
    "krona": "SEK",
    "kroner": "KRONE",
    "krone": "KRONE",
    "lira": "LIRA",
    "lire": "LIRA",
    "pesos": "PESO",
    "yen": "JPY",
    "yuan": "CNY",
    "roubles": "RUB",
    "rubles": "RUB",
    "zloty": "PLN",
}
_SHARE_WORDS = {"%", "percent", "per cent", "pct"}
_LENGTHS = {
    "m": ("m", 1.0),
    "metre": ("m", 1.0),
    "metres": ("m", 1.0),
    "meter": ("m", 1.0),
    "meters": ("m", 1.0),
    "km": ("m", 1e3),
    "kilometre": ("m", 1e3),
    "kilometres": ("m", 1e3),
    "kilometer": ("m", 1e3),
    "kilometers": ("m", 1e3),
    "mm": ("m", 1e-3),
    "millimetre": ("m", 1e-3),
    "millimetres": ("m", 1e-3),
    "millimeter": ("m", 1e-3),
    "millimeters": ("m", 1e-3),
    "cm": ("m", 1e-2),
    "centimetre": ("m", 1e-2),
    "centimetres": ("m", 1e-2),
    "centimeter": ("m", 1e-2),
    "centimeters": ("m", 1e-2),
    "inch": ("m", 0.0254),
    "inches": ("m", 0.0254),
}
_AREAS = {
    "ha": ("ha", 1.0),
    "hectare": ("ha", 1.0),
    "hectares": ("ha", 1.0),
    "acre": ("ha", 0.404686),
    "acres": ("ha", 0.404686),
}
_POWERS = {
    "mw": ("MW", 1.0),
    "megawatt": ("MW", 1.0),
    "megawatts": ("MW", 1.0),
    "gw": ("MW", 1e3),
    "gigawatts": ("MW", 1e3),
    "kw": ("MW", 1e-3),
}
# Units converted to one unit of their measure: (measure, {unit: (normal unit, factor)}).
_SCALED = (("length", _LENGTHS), ("area", _AREAS), ("power", _POWERS))
# How a qualifier bounds the truth, by its normal form.
QUALIFIERS = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",  # "close to £3 million" holds with £3.1 million
    "≈": "about",
    "~": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "just under": "nearly",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "over": "over",
    "more than": "over",
    "exceeds": "over",
    "exceed": "over",
    "exceeding": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "well over": "over",
    "just over": "over",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
    "at most": "under",
    "well below": "under",
    "well under": "under",
}
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_NUMWORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
# A part of a scale word: 'half a million pounds' is 500,000, 'a quarter of a billion' 250 million.
_PARTS = {"half": 0.5, "quarter": 0.25, "quarters": 0.75, "third": 1 / 3, "thirds": 2 / 3}
_PART_OF_SCALE = (
    r"(?:half\s+an?|(?:(?:a|one)[\s-](?:quarter|third)|three[\s-]quarters|two[\s-]thirds)\s+of\s+an?)"
)
_PART_WORD = re.compile(r"\b(half|quarters?|thirds?)\b", re.I)
_NUM = (
    _PART_OF_SCALE + r"(?=\s+(?:billion|million|thousand)\b)|"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:" + _NUMWORD + r")(?:[- ](?:" + _NUMWORD + r"))?\b"
    r"|an?(?=\s+(?:billion|million|thousand|dozen|hundred)\b)"
)
QUANTITY = re.compile(
    r"(?<![\w.,:/])(?:(?P<qual>" + _QUAL + r")\s+)?"
    r"(?P<cur>usd\s?\\?\$|us\\?\$|usd|eur|gbp|pkr|rs\.?|\\?\$|[€£¥])?\s?"
    r"(?P<num>" + _NUM + r")"
    r"(?:\s*(?:-|to|and)\s*(?P<cur2>[€$£])?(?P<num2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![-\d]))?"
    r"(?:[\s-]?(?P<scale>trillion|billion|million|thousand|bn|mn|tn|m|k)\b\+?)?"
    r"(?:[\s-]?(?P<unit>%|per cent|percent|pct\b|m3\b|cubic met(?:re|er)s|[A-Z]{2,5}\b|[a-z]{2,}))?"
    r"(?:[\s-](?P<unit2>[a-z]{3,}))?",
    re.IGNORECASE,
)
# A vote tally: 'voted 5-2', '31 to 12', 'by 29 votes to 14', 'five votes to two'.
TALLY = re.compile(
    r"\b(?P<a>\d{1,3}|"
    + _NUMWORD
    + r")(?:\s+votes?)?\s*(?:-|to)\s*(?P<b>\d{1,3}|"
    + _NUMWORD
    + r")\b(?!\s*(?:%|per|million|billion))",
    re.IGNORECASE,
)
_VOTE_CUE = re.compile(
    r"\bvot(?:e|es|ed|ing)\b|\bmajority\b|\bballot|\b(?:backed|approved|passed|carried|rejected|defeated|"
    r"endorsed|adopted)\b",
    re.IGNORECASE,
)
_FRACTIONS = {
    "a half": 50.0,
    "half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "a tenth": 10.0,
    "one in five": 20.0,
    "one in four": 25.0,
    "one in three": 100 / 3,
}
_FRACTION = re.compile(
    r"\b(?:(?P<qual>"
    + _QUAL
    + r")\s+)?(?P<frac>"
    + "|".join(sorted(_FRACTIONS, key=len, reverse=True))
    + r")\b"
    r"(?!\s+(?:of\s+)?(?:an?\s+)?(?:hour|century|decade|mile|kilometre|km|year|day|month|week)s?\b)"
    # a part of a scale word ('half a million pounds'), an amount, not a share
    r"(?!\s+(?:of\s+)?an?\s+(?:billion|million|thousand)\b)"
    # the time of day ('half past seven', 'a quarter to 6'), not a share
    r"(?!\s+(?:past|to)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)\b)",
    re.IGNORECASE,
)
# An age: '19-year-old', 'a 40 year old', 'twenty-year-old', 'aged 19', 'aged 5 to 11'.
_AGE = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}|(?:" + _NUMWORD + r")(?:-(?:" + _NUMWORD + r"))?)[- ]years?[- ]olds?\b"
    r"|\baged\s+(?P<n2>\d{1,3}|" + _NUMWORD + r")(?:\s*(?:-|to|and)\s*(?P<high>\d{1,3}))?\b(?![-\d])"
    # 'at the age of 21', 'at age seven'
    r"|\bage\s+(?:of\s+)?(?P<n4>\d{1,3}|" + _NUMWORD + r")\b(?![-\d.,]\d)"
    # a person's age set after their name: 'Lia Marsh, 20, struck', 'Janet Ellery, 59, a cook'
    r"|\b(?P<name>(?-i:[A-Z][\w'’-]*[a-z])), (?P<n3>\d{1,3}),(?!\d)",
    re.I,
)
# 'years ago': a time counted back from now, a when rather than a duration.
_AGO = re.compile(r"\s+ago\b", re.I)
_TIME_UNITS = frozenset(
    "second minute hour day night week fortnight month year decade century centurie".split()
)
# Words that do not name what is counted (the word after the number is a verb or filler).
_NOT_UNITS = frozenset(
    "of the and to in on at by for from with as is are was were has have had will would that which who "
    "this its their his her a an or but per each than more less over under about since after before "
    "into out up down at earliest latest during inside outside within across around through including "
    "despite among amongst between against toward towards beyond near until while when where whose whom".split()
)
# Counted nouns that name people: '312 residents', 'some 300 people', 'nearly 400 people' align.
_PEOPLE = frozenset(
    "people persons residents inhabitants citizens locals individuals families tenants "
    "neighbours neighbors evacuees spectators fans viewers supporters onlookers".split()
)
# Counted nouns that name dwellings: '612 homes', 'about 600 properties', '610 houses' align.
_HOMES = frozenset("homes houses properties dwellings households".split())
# Counted nouns that name jobs: '2,400 construction jobs', 'more than 3,000 workers', '150 staff'.
_JOBS = frozenset("jobs workers staff employees positions posts personnel".split())


# Counted nouns that name road vehicles: '42 new vehicles', 'a fleet of 42 trucks' align.
_VEHICLES = frozenset("vehicles trucks lorries vans".split())


# Counted nouns that name shops: '1,460 stores', 'about 1,500 shops' align.
_SHOPS = frozenset("shops stores outlets".split())


def _term(word: str) -> str | None:
    """The analyzer term of a word ('drops' -> 'drop'), None when it has none (a stop word)."""
    toks = raw_tokens(word)
    return toks[0].term if toks else None


def _counted_as(noun: str, about: str) -> str:
    """What a count of `noun` counts: jobs, people, homes, vehicles or shops in any of their words
    ('420 staff', '300 residents', '612 properties', '42 trucks', '1,460 stores'), else `about`
    (the noun's own term)."""
    if noun in _VEHICLES:
        return "vehicles"
    if noun in _SHOPS:
        return "shops"
    return "jobs" if noun in _JOBS else "people" if noun in _PEOPLE else "home" if noun in _HOMES else about


# People a verb before them employs are jobs: 'would employ 164 people', 'recruited most of the 164 people'.
_EMPLOYING = re.compile(
    r"\b(?:employ|employs|employed|employing|hire|hires|hired|hiring|recruit|recruits|recruited|recruiting|"
    r"take on|takes on|taken on)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.I,
)
# Words of state before a counted noun, never the noun itself: '4,000 dead fish', '12 injured
# miners', '300 displaced families' count fish, miners, families in that state.
_STATES = frozenset(
    "dead injured wounded missing hurt sick infected displaced stranded homeless evacuated confirmed "
    "suspected affected additional extra further new".split()
)
# A compound adjective's second part ('water-carrying', 'fire-damaged', 'wind-driven') and the
# noun after it, which is what a count before the compound counts.
_PARTICIPLE = re.compile(r"[a-z]{2,}(?:ing|ed|en)", re.I)
_HEAD_AFTER = re.compile(r"\s+([a-z]{3,})\b", re.I)
# The rest of a hyphened compound adjective and the noun after it: '-and-green trams' of '18
# cream-and-green trams', '-floor trams' of '12 low-floor trams'.
_COMPOUND_BEFORE = re.compile(r"(?P<rest>(?:-[a-z]+)+)\s+(?P<noun>[a-z]{3,})\b", re.I)
_COMPOUND_HEADS = frozenset(
    "workers people residents passengers members households staff jobs employees votes signatures "
    "visitors users holders homes buildings families students posts positions".split()
)
# A figure a label names: 'Construction jobs: 420' (a fact box), 'Passenger numbers rose 14% to
# 612,000', 'the number of visitors reached 90,000'; the label's counted noun is the unit.
_LABEL = re.compile(r"(?:^\s*(?:[-*•]\s+)?|[.;•]\s+)(?P<label>[A-Za-z][\w'’ -]{0,40}?):\s*$")
_NAMED_TOTAL = re.compile(
    r"\b(?:(?P<label>(?:[a-z]+\s+)?[a-z]+)\s+(?:numbers|figures|totals?|counts?)"
    r"|(?:the\s+)?(?:number|total|count)\s+of\s+(?P<label2>[a-z]+))"
    r"(?:\s+[\w%.,]+){0,4}?\s+(?:rose|fell|grew|climbed|dropped|reached|hit|stood|was|were|is|are)"
    r"(?:\s+[\w%.,]+){0,3}?\s+(?:to|at|of)?\s*$",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?P<cue>as of|as at|at the end of|by the end of|in|since|until|through|by|during|from|for)\s+"
    r"(?:(?:early|mid|late)[\s-]+)?(?P<when>(?:(?:\d{1,2}\s+)?(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?)|\d{4}|q[1-4]\s+\d{4})\b",
    re.IGNORECASE,
)
_GIVEN_IN = re.compile(
    r"^[^.;,]{0,50}?\b(?:gave|given|said|estimated|announced|reported|published|issued|put)\s+(?:\w+\s+){0,2}?"
    r"(?P<cue>in|as of)\s+(?P<when>(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)\b",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+$", re.I)
# A rate, not a total: '10 hours a day', '48,000 passengers a day', '€41m a year', '... daily'.
_RATE_WORDS = {
    "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annual": "year",
    "annually": "year", "day": "day", "week": "week", "month": "month", "year": "year",
}  # fmt: skip
_RATE_TERMS = {
    p: tuple(t.term for t in raw_tokens(w))
    for p, w in (
        ("day", "day daily"),
        ("week", "week weekly"),
        ("month", "month monthly"),
        ("year", "year yearly annual annually"),
    )
}
# Not a span the figure is counted over: '38% over a year', 'rose 4% within a year', 'closed for a
# week' (a time, as long as or more than which, is no rate: 'more than a year').
_RATE = re.compile(
    r"(?:\s+(?:more|less|extra|of|in)?\s*(?!(?:over|after|within|for|than|under|about|around|nearly|almost)\s+an?\s)"
    r"[a-z]+){0,2}?\s+(?:a|per|each|every)\s+(?P<per>day|week|month|year)\b"
    r"|\s+(?P<per2>daily|weekly|monthly|annually|yearly)\b",
    re.I,
)
# A rate named before its figure: 'an annual subscription of £54', 'a monthly fee of $30', 'a
# daily average of 4,000 passengers'.
_RATE_BEFORE = re.compile(
    r"\b(daily|weekly|monthly|yearly|annual)\s+(?:[a-z]+\s+){0,2}?(?:of|at)\s+$",
    re.I,
)
CLAUSE_BREAK = re.compile(
    r"[;:]|\s[-–—]\s|,\s+(?:and|but|while|whereas|which|who)\b|\s(?:and|but|while|whereas)\s|,(?!\d)"
)


def _word_number(text: str) -> float | None:
    parts = re.split(r"[- ]", text.lower())
    if parts == ["a"] or parts == ["an"]:
        return 1.0
    try:
        values = [_WORD_VALUES[p] for p in parts]
    except KeyError:
        return None
    # 'dozen', 'hundred' and 'thousand' multiply the words before them: 'two dozen' is 24,
    # 'two thousand five hundred' 2,500; the others add ('twenty-three').
    total = current = 0
    for word, v in zip(parts, values, strict=True):
        if word == "hundred":
            current = max(current, 1) * v
        elif word in ("dozen", "thousand"):
            total += max(current, 1) * v
            current = 0
        else:
            current += v
    return float(total + current)


def parse_number(text: str) -> float | None:
    """'6,238' -> 6238.0, '1.18' -> 1.18, 'four' -> 4.0, 'twenty-five' -> 25.0, 'half a' (million) -> 0.5; else None."""
    t = text.replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    if re.fullmatch(_PART_OF_SCALE, text, re.I) and (part := _PART_WORD.search(text)):
        return _PARTS[part.group(1).lower()]  # 'half a' (million), 'a quarter of a' (billion)
    return _word_number(text)


def _verbatim(original: str, folded: str, start: int, end: int) -> str:
    source = original if len(original) == len(folded) else folded
    return source[start:end].strip(" ,;")


def _period_key(m: re.Match[str]) -> str | None:
    words = re.findall(r"[a-z]+|\d+", m["when"].lower())
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    nums = [int(w) for w in words if w.isdigit()]
    year = next((n for n in nums if n > 31), None)
    day = next((n for n in nums if n <= 31), None)
    if year and month:
        return f"{year}-{month:02d}"
    if year:
        return str(year)
    if month and day:
        return f"{month:02d}-{day:02d}"
    return f"{month:02d}" if month else None


def _period(text: str, start: int, end: int) -> str | None:
    """The time a figure refers to: 'As of May 15, 97 residents' -> '05-15', 'said in April that
    repairs would cost' -> '04', 'By 2025, ... over 6,240 BTC' -> '2025', 'the figure the board
    gave in April' -> '04'. A date after the figure in its clause is another event's ('voted 4-3
    ... to start again in September'), and days of events ('on March 3') are not periods."""
    clause_start = text.rfind(",", 0, start)
    for m in _PERIOD.finditer(text, 0, start):
        if m["cue"].lower() in ("as of", "as at", "in", "by") and (m.start() > clause_start or m.start() < 4):
            return _period_key(m)
    given = _GIVEN_IN.search(text[end : end + 80])
    return _period_key(given) if given else None


_ASIDE = re.compile(
    r"\s*(?:including|excluding|not including|not counting|such as|among them|for example)\b", re.I
)
# 'Dana Whitlow, the council leader, put the cost at ...': a short noun phrase between commas
# or a name ('The operator, Ostrey Metro Services, will employ ...'), a noun phrase with its
# relative clause ('X, the company that won the contract to run the line, expects ...'), or who
# said it ('The repair bill, Lindqvist said, would be ...')
_APPOSITION = re.compile(
    r"\s*(?:(?i:the|a|an|its|their|his|her)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+"
    r"|(?i:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?i:that|who|which)\s+(?:[\w'’-]+\s+){0,8}?[\w'’-]+"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    # a speech tag: 'The repair bill, Lindqvist said, would be ...'
    r"|(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}|(?i:he|she|they|officials|police))\s+"
    r"(?:said|says|added|told\s+reporters|claimed|argued|believes|thinks|estimated|insisted|warned)),"
)
ASIDE_SPAN = 3
# A clause that gives the worth of what the clause before it names, and so is about the same thing.
_VALUING = re.compile(r"\s*(?:valued at|worth|equivalent to|equal to|amounting to|totall?ing)\b", re.I)
_DIGIT_RE = re.compile(r"\d")
_WHEN_AFTER = re.compile(r"\s*when\b", re.I)  # a clause saying what happens at the time just given
_WEEKDAY_BEFORE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),$", re.I
)  # clauses an aside may run over ('including pipelines and a solar park')


# The label of a table row before a dash or a colon that ends at its figure.
_ROW_LABEL = re.compile(r"[^.;!?]{1,80}?(?:\s[-–—]\s|:\s*)")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a span: from the last break before it to the first break after it. A
    short label before a colon is the value's own ('Power demand: 40 MW at full output'); an
    aside or apposition between the subject and the value ('whose total budget, including
    pipelines and a solar park, is put at €1.35 billion'; 'Dana Whitlow, the council leader, put
    the cost at') does not end the subject's clause, nor does a clause giving the worth of the
    figure before it ('6,200 BTC, valued at $745 million')."""
    before = text[:start]
    starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(before)]
    cut = starts[-1]
    previous = starts[-2] if len(starts) > 1 else 0
    if text[cut - 1 : cut] == ":" and len(text[previous : cut - 1].split()) <= 4:
        cut = previous
    elif _ROW_LABEL.fullmatch(text[previous:cut]) and not text[end:].strip(" .()%\n"):
        cut = previous  # a table row: 'Desmond Okafor-Reid - £147,912', 'Leave (official): 6,120'

    elif _WEEKDAY_BEFORE.search(text, 0, cut):  # 'on Wednesday, 15 October': one date
        cut = previous
    elif text[cut - 1 : cut] == "," and _VALUING.match(text, cut) and _DIGIT_RE.search(text, previous, cut):
        cut = previous  # '6,200 BTC, valued at $745 million': the worth of the figure before it
    elif text[cut - 1 : cut] == ",":
        for j in range(len(starts) - 2, max(0, len(starts) - 2 - ASIDE_SPAN), -1):
            if text[starts[j] - 1 : starts[j]] != ",":
                continue
            aside = _ASIDE.match(text, starts[j])
            apposition = j == len(starts) - 2 and _APPOSITION.fullmatch(text, starts[j], cut)
            if aside or apposition:
                cut = starts[j - 1]
                break
    after = CLAUSE_BREAK.search(text, end)
    while after and _WHEN_AFTER.match(text, after.end()):  # 'from 2029, when the plant starts operating'
        after = CLAUSE_BREAK.search(text, after.end())
    stop = after.start() if after else len(text)
    if after and len(text[cut:stop].split()) <= 4:  # 'At 40 MW, the plant would ...': read on
        further = CLAUSE_BREAK.search(text, after.end())
        stop = further.start() if further else len(text)
    return text[cut:stop]


def context(text: str, start: int, end: int) -> tuple[str, ...]:
    """Index terms of the clause around a span, numbers left out."""
    return _context(text, start, end)


def _context(text: str, start: int, end: int) -> tuple[str, ...]:
    clause = _clause(text, start, end)
    return tuple(dict.fromkeys(t.term for t in raw_tokens(clause) if not t.term[:1].isdigit()))


def _subject(text: str, start: int) -> str | None:
    """The last capitalised name before the value in its sentence ('El Salvador holds 6,238 BTC')."""
    names = re.findall(r"\b[A-Z][\w'-]+(?:\s+(?:of\s+)?[A-Z][\w'-]+)*", text[:start])
    names = [n for n in names if n.split()[0].lower() not in MONTHS]
    return names[-1] if names else None


def _fact(sentence: str, text: str, start: int, end: int, **fields) -> Fact:
    return Fact(
        kind="quantity",
        text=_verbatim(sentence, text, start, end),
        context=_context(text, start, end),
        clause=_clause(text, start, end),
        subject=_subject(text, start),
        **fields,
    )


def _key(qual: str, value: float, high: float | None, unit: str | None) -> str:
    key = f"{value:g}" + (f"-{high:g}" if high is not None else "") + ("%" if unit == "%" else "")
    return (qual + " " if qual else "") + key


@lru_cache(maxsize=16384)
def quantities(sentence: str) -> tuple[Fact, ...]:
    """Amounts in a sentence, skipping bare years, list numbering and times of day."""
    text = fold(sentence)
    lowered = text.lower()
    if not any(ch.isdigit() for ch in text) and not _has_number_word(lowered):
        return ()
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    if _VOTE_CUE.search(text):
        for m in TALLY.finditer(text):
            a, b = parse_number(m["a"]), parse_number(m["b"])
            if a is None or b is None or a < b or a > 999 or (a >= 1900 and b >= 1900):
                continue
            key = f"{a:g}-{b:g}"
            facts.append(
                _fact(
                    sentence,
                    text,
                    m.start(),
                    m.end(),
                    key=key,
                    about="vote",
                    measure="vote tally",
                    unit="vote",
                    value=a,
                    high=b,
                )
            )
            taken.append((m.start(), m.end()))
    for m in _AGE.finditer(text):  # '19-year-old', 'aged 19': an age, not a yearly count of years
        value = parse_number(m["n"] or m["n2"] or m["n3"] or m["n4"])
        high = parse_number(m["high"]) if m["high"] else None
        if value is None or m["name"] and (m["name"].lower() in MONTHS or m["name"].lower() in WEEKDAYS):
            continue  # 'in March, 12, ...' is no age
        start, end = m.span("n3") if m["n3"] else m.span()
        facts.append(
            _fact(
                sentence,
                text,
                start,
                end,
                key=_key("", value, high, "years"),
                about="age",
                measure="age",
                unit="years",
                value=value,
                high=high,
            )
        )
        taken.append((start, end))
    for m in _FRACTION.finditer(text):
        qual = QUALIFIERS.get((m["qual"] or "").lower(), "")
        value = _FRACTIONS[m["frac"].lower()]
        facts.append(
            _fact(
                sentence,
                text,
                m.start(),
                m.end(),
                key=_key(qual, value, None, "%"),
                about="share",
                measure="share",
                unit="%",
                value=value,
                qualifier=qual,
                period=_period(text, m.start(), m.end()),
            )
        )
        taken.append((m.start(), m.end()))
    pos = 0
    while (found := QUANTITY.search(text, pos)) is not None:
        fact = (
            None if any(s <= found.start("num") < e for s, e in taken) else _quantity(sentence, text, found)
        )
        if fact is not None:
            facts.append(fact)
            pos = found.end()
        else:  # a rejected match ('March 3 injured') must not swallow the next one ('four workers')
            pos = max(found.end("num"), found.start() + 1)
    return tuple(_elliptical(text, facts))


# A count set against another without its noun: '41,236 votes to Okafor-Reid's 39,874', 'against
# 52,264 for No, a majority of 1,854', 'up from 98'.
_SET_AGAINST = re.compile(
    r"\b(?:to|against|versus|vs|compared with|compared to|from|than|majority of|margin of|lead of)\b", re.I
)


def _elliptical(text: str, facts: list[Fact]) -> list[Fact]:
    """`facts`, with a bare number the sentence sets against a count it gives with its noun
    counted as the same thing ('She polled 2,904 votes to Reyes's 2,692': 2,692 votes; '420
    pupils, up from 380'); a bare year is no fact to begin with."""
    counts = [(f, _span_of(f, text)) for f in facts if f.measure.startswith("count of ") and f.high is None]
    if not counts:
        return facts
    out: list[Fact] = []
    for f in facts:
        start = _span_of(f, text)[0] if f.measure == "number" and f.value and f.high is None else -1
        before = [(c, e) for c, (_, e) in counts if 0 <= e <= start and start - e <= 60]
        if start < 0 or not before:
            out.append(f)
            continue
        count, end = max(before, key=lambda p: p[1])
        if not _SET_AGAINST.search(text[end:start]):
            out.append(f)
            continue
        out.append(
            f.model_copy(
                update={
                    "measure": count.measure,
                    "unit": count.unit,
                    "about": count.about,
                    "key": _key(f.qualifier, f.value or 0.0, None, count.unit),
                }
            )
        )
    return out


def _span_of(fact: Fact, text: str) -> tuple[int, int]:
    """Where a fact's words stand in the folded sentence ((-1, -1) when not found)."""
    m = re.search(re.escape(fold(fact.text)), text)
    return (m.start(), m.end()) if m else (-1, -1)


# A count given by its order of magnitude: 'thousands of fish', 'tens of thousands of visitors'.
_ORDER = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2e3, "millions": 2e6}
_VAGUE_COUNT = re.compile(
    r"\b(?P<times>tens of\s+|hundreds of\s+)?(?P<order>dozens|scores|hundreds|thousands|millions)\s+of\s+"
    r"(?:(?P<state>" + "|".join(sorted(_STATES)) + r")\s+)?(?P<noun>[a-z]{3,})\b",
    re.I,
)


@lru_cache(maxsize=16384)
def vague_counts(sentence: str) -> tuple[Fact, ...]:
    """Counts given by their order of magnitude ('Thousands of fish died' -> a count of fish of
    over 2,000; 'tens of thousands of visitors' -> over 20,000), qualifier 'over'; not sums of
    money ('thousands of pounds') nor orders of another order ('hundreds of millions')."""
    text = fold(sentence)
    facts = []
    for m in _VAGUE_COUNT.finditer(text):
        noun, state = m["noun"].lower(), (m["state"] or "").lower()
        if (
            noun in _CURRENCY_WORDS
            or noun in _NOT_UNITS
            or noun in _SCALES
            or noun in _ORDER
            or noun in MONTHS
        ):
            continue
        value = _ORDER[m["order"].lower()] * (10.0 if (m["times"] or "").lower().startswith("tens") else 1.0)
        value *= 100.0 if (m["times"] or "").lower().startswith("hundreds") else 1.0
        about = _term(noun) or noun
        counted = _counted_as(noun, about)
        facts.append(
            _fact(
                sentence,
                text,
                m.start(),
                m.end(),
                key=_key("over", value, None, noun),
                about=about,
                measure=f"count of {counted}",
                unit="people" if noun in _PEOPLE else noun,
                value=value,
                qualifier="over",
                period=_period(text, m.start(), m.end()),
                modifier=state,
            )
        )
    return tuple(facts)


# Hours in a unit of time: '36 hours' and 'a day and a half' are one duration.
_HOURS = {"minut": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0}
_SPELLED_DURATION = re.compile(
    r"\bfor\s+(?:(?P<half>half an? )|(?P<n>an?|one|two|three|four|five|six)\s+)"
    r"(?P<unit>minute|hour|day|week|month)s?(?P<and_half>\s+and\s+a\s+half)?\b",
    re.I,
)


def as_duration(fact: Fact) -> Fact:
    """A count of minutes, hours, days, weeks or months as a duration in hours ('36 hours' ->
    36 h, 'eleven days' -> 264 h); any other fact, and a rate ('10 hours a day'), as it is."""
    per_hour = (
        _HOURS.get(fact.measure.removeprefix("count of ")) if fact.measure.startswith("count of ") else None
    )
    if per_hour is None or fact.value is None:
        return fact
    value = fact.value * per_hour
    high = fact.high * per_hour if fact.high is not None else None
    return fact.model_copy(
        update={
            "measure": "duration",
            "unit": "h",
            "value": value,
            "high": high,
            "key": _key(fact.qualifier, value, high, "h"),
        }
    )


@lru_cache(maxsize=16384)
def spelled_durations(sentence: str) -> tuple[Fact, ...]:
    """Durations written in words after 'for' ('for a day and a half' -> 36 h, 'for half an
    hour' -> 0.5 h, 'for two weeks' -> 336 h), as `as_duration` gives them."""
    text = fold(sentence)
    facts = []
    for m in _SPELLED_DURATION.finditer(text):
        unit = m["unit"].lower()
        count = 0.5 if m["half"] else float(NUMBER_WORDS.get(m["n"].lower(), 1))
        count += 0.5 if m["and_half"] else 0.0
        if not (m["half"] or m["and_half"]) and m["n"].lower() not in ("a", "an"):
            continue  # 'for two weeks' is read by `quantities`
        value = count * _HOURS["minut" if unit == "minute" else unit]
        start = m.start() + len("for ")
        facts.append(
            _fact(
                sentence,
                text,
                start,
                m.end(),
                key=_key("", value, None, "h"),
                about="hour",
                measure="duration",
                unit="h",
                value=value,
                period=_period(text, start, m.end()),
            )
        )
    return tuple(facts)


# A figure that counts the people at or watching something: 'the attendance was 48,316', 'a
# peak audience of 6.1 million', 'watched by 48,136', 'in front of 43,000', 'Attendance: 48,316'.
_CROWD = re.compile(
    r"(?:\b(?:attendance|crowd|audience|gate)(?:\s+(?:figure|figures))?\s+(?:was|were|of|stood at|reached|hit|"
    r"topped|totalled|totaled|numbered)|\b(?:watched by|in front of|attended by|a crowd of)|\battendance:)"
    r"\s+(?:an?\s+|the\s+)?(?:(?:official|estimated|reported|peak|record|total|capacity|sell-out)\s+)?\Z",
    re.I,
)


def _crowd(text: str, start: int) -> tuple[str, str] | None:
    """('people', '') when a bare figure counts a crowd or an audience (`_CROWD`), else None."""
    return ("people", "") if _CROWD.search(text[max(0, start - 60) : start]) else None


def _named_count(text: str, start: int) -> tuple[str, str] | None:
    """The counted noun and its modifier a label before a bare figure names ('Permanent jobs once
    open: 180' -> ('jobs', 'permanent'); 'Passenger numbers rose 14% to 612,000' ->
    ('passengers', '')); None when no label names a counted noun."""
    before = text[max(0, start - 80) : start]
    m = _LABEL.search(before) or _NAMED_TOTAL.search(before)
    if m is None:
        return None
    words = re.findall(r"[a-z]+", (m["label"] or m.groupdict().get("label2") or "").lower())
    for i in range(len(words) - 1, -1, -1):
        noun = next((w for w in (words[i], words[i] + "s") if w in _COMPOUND_HEADS), None)
        if noun:
            modifier = words[i - 1] if i and words[i - 1] not in _NOT_UNITS else ""
            return noun, modifier
    return None


def count_modifiers(text: str) -> set[str]:
    """The words a text puts before a counted noun to narrow it ('how many permanent jobs' ->
    {'permanent'}; 'construction workers and staff' -> {'construction'}), lower case."""
    words = re.findall(r"[a-z]+", fold(text).lower())
    return {
        a
        for a, b in zip(words, words[1:], strict=False)
        if (b in _COMPOUND_HEADS or b + "s" in _COMPOUND_HEADS)
        and a not in _NOT_UNITS
        and a not in _WORD_VALUES
        and a not in ("many", "much", "how", "what", "which", "new")
    }


# Verbs a plural-looking word after a noun may be ('the council says').
_VERBS_IN_S = frozenset(
    "says has is was does goes gets makes takes means shows needs plans wants remains runs seems "
    "looks comes gives keeps helps puts sets lets stands faces hopes expects".split()
)


def _plural(word: str) -> bool:
    """Whether a word reads as a plural noun ('rounds', 'vehicles'), not a singular one ending in
    s ('bus', 'press', 'status', 'analysis') nor a verb ('says')."""
    w = word.lower()
    return w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _VERBS_IN_S


# Nouns counted in their plural without an s ('how many people', 'the number of staff').
_PLURALS = frozenset("people staff police personnel children men women cattle sheep deer fish crew".split())
# What a topic counts: the words after 'how many' or 'the number of' ('how many new collection
# vehicles will it run', 'the number of helicopter water drops').
_COUNTING = re.compile(r"\b(?:how many|number of|numbers of)\s+(?:the\s+)?((?:[\w'’-]+\s*){1,4})", re.I)


def counted_noun(topic: str) -> str | None:
    """The noun a topic counts: the first plural noun after 'how many' or 'the number of' ('how
    many new collection vehicles' -> 'vehicles', 'the number of helicopter water drops' ->
    'drops', 'how many nights residents spent' -> 'nights'), else None."""
    m = _COUNTING.search(fold(topic))
    if m is None:
        return None
    words = m.group(1).lower().split()
    return next((w for w in words if w in _PLURALS or _plural(w) and w not in _NOT_UNITS), None)


def counted_measure(noun: str) -> str:
    """The measure of a count of `noun` ('drops' -> 'count of drop', 'residents' -> 'count of
    people'), as `quantities` names it."""
    return f"count of {_counted_as(noun, _term(noun) or noun)}"


# Verbs before which a qualifier's words are a preposition or a particle, not a bound: 'talking
# about £1.4m', 'worried about 300 jobs' name the figure itself; 'goes up to £54' says where a
# figure moved to.
_PREPOSITION = {
    "about": re.compile(
        r"\b(?:talk|speak|think|hear|ask|worr(?:y|ie)|complain|wonder|care|know)\w*\s+$|\b(?:spoke|thought|knew)\s+$",
        re.I,
    ),
    "up to": re.compile(r"\b(?:go|goes|going|gone|went|move[sd]?|moving|step(?:s|ped)?)\s+$", re.I),
}


def _has_number_word(lowered: str) -> bool:
    if re.search(r"\ban? (?:billion|million|thousand|hundred|dozen)\b", lowered):
        return True
    return any(
        w in _WORD_VALUES or w in ("half", "third", "quarter", "fifth", "thirds")
        for w in re.findall(r"[a-z]+", lowered)
    )


# A capitalised word joined to the number by a hyphen names a thing in a series ('ARDEN-3',
# 'Covid-19', 'Apollo-11'); not a time word before a year ('Mid-2025', 'Pre-2020').
_NAMED_NUMBER = re.compile(SERIES_NAME_START + r"[A-Z][A-Za-z]*-\Z")


# A noun that numbers the things of a series puts the figure after it: 'phase 2', 'stage 3',
# 'Category 5', 'week 24' (the 24th week, not 24 weeks), 'No. 9'.
_LABELLED = re.compile(
    r"\b(?:" + "|".join([*SERIES_NOUNS, r"no\.", "number"]) + r")\s+(?:\d+\s*[-–]\s*)?\Z", re.I
)


def _ordinal(sentence: str, text: str, m: re.Match[str], value: float) -> Fact | None:
    """An ordinal and the noun it ranks ('the 104th minute' -> ordinal of minute, 104); None
    without a noun after it, or before a month (a day of a date: '3rd March')."""
    noun = m["unit2"]
    if not noun or noun.lower() in MONTHS or noun.lower() in _NOT_UNITS:
        return None
    about = _term(noun) or noun.lower()
    return _fact(
        sentence,
        text,
        m.start("num"),
        m.end("unit2"),
        key=f"#{value:g}",
        about=about,
        measure=f"ordinal of {about}",
        unit=None,
        value=value,
    )


def _quantity(sentence: str, text: str, m: re.Match[str]) -> Fact | None:
    num, cur, scale, unit, unit2 = (
        m["num"],
        (m["cur"] or "").lower(),
        (m["scale"] or "").lower(),
        m["unit"],
        m["unit2"],
    )
    value = parse_number(num)
    if value is None:
        return None
    is_word = not num[:1].isdigit()
    is_digits = not is_word
    if is_word and value in (0, 1) and not scale:
        return None  # 'one of the', 'zero tolerance'
    if num.lower() in ("a", "an") and not scale:
        return None
    after = text[m.end("num") : m.end("num") + 3]
    if not cur and re.match(r"[:.]\d|\s?(?:a\.m|p\.m|am\b|pm\b|h\b)", after, re.I):
        return None  # a time of day
    if (unit or "").lower() in MONTHS or re.search(
        _MONTH_BEFORE, text[max(0, m.start("num") - 12) : m.start("num")]
    ):
        return None  # a day of a date: '30 April', 'May 15'
    if not cur and _NAMED_NUMBER.search(text, max(0, m.start("num") - 40), m.start("num")):
        return None  # part of a name: 'the ARDEN-3 trial', 'Covid-19 patients'
    if is_digits and _LABELLED.search(text, max(0, m.start("num") - 20), m.start("num")):
        return None  # which one, not how many: 'phase 2 trial', 'grade 2-3 knee', 'at week 24'
    if is_digits and m.start("unit") == m.end("num") and (unit or "").lower() in ("st", "nd", "rd", "th"):
        return _ordinal(sentence, text, m, value)  # '104th minute': which one, not how many
    currency = (
        _CURRENCY_SIGNS.get(cur.replace(" ", "").replace("\\", "").replace("usd$", "usd")) if cur else None
    )
    if scale == "m" and not currency and (unit is None or unit.lower() not in _CURRENCY_WORDS):
        unit, unit2, scale = "m", unit, ""  # '38 m length': metres, not millions
    mult = _SCALES.get(scale, 1.0)
    unit_l = (unit or "").lower()
    currency_word = unit_l in _CURRENCY_WORDS
    if currency_word and not currency:
        currency = _CURRENCY_WORDS[unit_l]
    elif unit_l in _NOT_UNITS or unit_l in MONTHS or (currency and unit and unit_l not in _SHARE_WORDS):
        unit = None if unit_l in _NOT_UNITS or unit_l in MONTHS or currency else unit
    modifier = ""
    compound_end = 0
    if unit2 and unit2.lower() in _COMPOUND_HEADS and unit and unit.lower() not in _NOT_UNITS:
        modifier, unit = unit.lower(), unit2  # 'Six construction workers', 'some 50,000 daily passengers'
    elif unit2 and unit_l in _STATES and unit2.lower() not in _NOT_UNITS and unit2.lower() not in MONTHS:
        modifier, unit = unit_l, unit2  # '4,000 dead fish' counts fish
    elif (
        unit2
        and text[m.end("unit") : m.start("unit2")] == "-"
        and _PARTICIPLE.fullmatch(unit2)
        and (head := _HEAD_AFTER.match(text, m.end("unit2")))
        and head[1].lower() not in _NOT_UNITS
    ):  # 'two water-carrying helicopters' counts helicopters, not water
        modifier, unit, unit2 = f"{unit_l}-{unit2.lower()}", head[1], None
        compound_end = head.end(1)
    elif (
        unit
        and not currency
        and m.start("unit") > m.end("num")
        and unit_l not in _NOT_UNITS
        and (compound := _COMPOUND_BEFORE.match(text, m.end("unit")))
        and _plural(compound["noun"])
        and compound["noun"].lower() not in _NOT_UNITS
    ):  # '18 cream-and-green trams', '12 low-floor trams' count trams
        modifier, unit, unit2 = unit_l + compound["rest"].lower(), compound["noun"], None
        compound_end = compound.end("noun")
    labelled = (
        None
        if currency or (unit and unit_l not in _NOT_UNITS)
        else _crowd(text, m.start()) or (None if scale else _named_count(text, m.start()))
    )
    end = (
        m.end("unit")
        if m["unit"] and (unit is not None or currency_word)
        else max(m.end("num"), m.end("num2"), m.end("scale"))
    )
    if unit_l in ("cubic", "m3") or unit_l.startswith("cubic "):
        unit, unit2 = "m3", None
        end = m.end("unit2") if m["unit2"] and m["unit2"].lower().startswith("met") else end
    if unit is not None and unit == unit2:
        end = m.end("unit2")
    end = max(end, compound_end)
    unit_l = (unit or "").lower()
    if labelled and not m["num2"] and not is_word and not (1900 <= value <= 2100 and "," not in num):
        unit, modifier = labelled
        unit_l = unit
        end = max(m.end("num"), m.end("scale"))
    if not currency and not scale and not unit and 1900 <= value <= 2100 and "," not in num and not m["num2"]:
        return None  # a year
    if (
        not currency
        and not scale
        and re.match(r"\d{1,2}[.)](?!\d)", text[m.start("num") : m.start("num") + 4])
    ):
        return None  # list numbering
    if not currency and not unit and not scale and value < 10 and not is_word:
        return None  # small bare numbers are rarely facts worth aligning
    if not currency and unit and 1900 <= value <= 2100 and "," not in num and not scale and not is_word:
        return None  # 'in 2021 by', '2025 Bitcoin'
    if is_word and not unit:
        return None
    qual = QUALIFIERS.get((m["qual"] or "").lower(), "")
    begin = m.start()
    verbs = _PREPOSITION.get((m["qual"] or "").lower())
    if verbs and verbs.search(text, max(0, m.start() - 30), m.start()):
        qual, begin = "", m.start("cur") if m["cur"] else m.start("num")  # 'talking about £1.4m'
    second = parse_number(m["num2"]) if m["num2"] else None
    high = second * mult if second is not None else None
    value *= mult
    if currency:
        about, norm_unit, measure = currency, currency, f"amount in {currency}"
    elif unit_l in _SHARE_WORDS:
        about, norm_unit, measure = "share", "%", "share"
    elif scaled := next(((name, table[unit_l]) for name, table in _SCALED if unit_l in table), None):
        measure, (norm_unit, factor) = scaled
        value, high = value * factor, high * factor if high is not None else None
        about = raw_tokens(unit)[0].term if raw_tokens(unit) else unit_l
    elif unit == "m3":
        about, norm_unit, measure = "m3", "m3", "volume"
    elif unit:
        about = _term(unit) or unit_l
        employed = unit_l in _PEOPLE and _EMPLOYING.search(text, max(0, m.start() - 60), m.start())
        norm_unit = "people" if unit_l in _PEOPLE else (unit if unit.isupper() else unit_l)
        counted = "jobs" if employed else _counted_as(unit_l, about)
        measure = f"count of {counted}"
    else:
        about, norm_unit, measure = "number", None, "number"
    if measure.startswith("count of") and _AGO.match(text, end) and unit_l.rstrip("s") in _TIME_UNITS:
        measure = "time ago"  # '151 million years ago' says when, not how long
    rate = _RATE.match(text, end)
    per = (rate["per"] or rate["per2"]).lower() if rate else None
    if not per and m["unit"] and m["unit2"] and m["unit"].lower() in _RATE_WORDS:
        per = _RATE_WORDS[m["unit"].lower()]  # 'some 50,000 daily passengers'
    if not per and (named := _RATE_BEFORE.search(text, max(0, m.start() - 40), m.start())):
        per = _RATE_WORDS[named[1].lower()]  # 'an annual subscription of 54 pounds'
    if per and measure != "number":
        measure = f"{measure} per {_RATE_WORDS.get(per, per)}"
    fact = _fact(
        sentence,
        text,
        begin,
        end,
        key=_key(qual, value, high, norm_unit),
        about=about,
        measure=measure,
        unit=norm_unit,
        value=value,
        high=high,
        qualifier=qual,
        period=_period(text, begin, end),
        modifier=modifier if measure.startswith("count of ") else "",
    )
    if per and measure != "number":  # '200,000 cubic metres a day' is a daily figure
        fact = fact.model_copy(update={"context": fact.context + _RATE_TERMS[_RATE_WORDS.get(per, per)]})
    return fact
