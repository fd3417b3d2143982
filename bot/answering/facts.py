"""Facts in a sentence: quantities (with unit and qualifier), dates, and named things.

Every fact keeps its verbatim text. `key` normalises it so that the same value written two
ways ('2,000 MW', '2,000 megawatts') aligns across sources, and `about` says what it
measures or names ('BTC', 'USD', 'Authority'), so that only like is compared with like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.answering.models import Fact, FactKind
from retrieval.analyzer import raw_tokens
from retrieval.dates import MONTHS
from retrieval.textnorm import fold

_QUALIFIER = (
    r"(?P<qual>more than|less than|fewer than|at least|at most|up to|nearly|almost|about|around|"
    r"approximately|roughly|some|over|under|exceeds?|exceeding|≈|~|an estimated|estimated)?"
)
_CURRENCY = r"(?P<cur>US\s?\$|USD\s*\\?\$?|\\?\$|€|£|¥|Rs\.?|PKR)?"
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_RANGE = r"(?:\s*(?:-|–|—|to|and)\s*(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?))?"
_SCALE = r"(?:\s*(?P<scale>trillion|billion|million|thousand|bn|m|k|tn)\b\+?)?"
_UNIT = r"(?:\s*(?P<unit>%|percent|per cent|[A-Z]{2,5}\b|[a-z]{2,}(?:\s(?:users|holders|people))?))?"
QUANTITY = re.compile(
    r"(?<![\w.])" + _QUALIFIER + r"\s*" + _CURRENCY + r"\s*" + _NUMBER + _RANGE + _SCALE + _UNIT,
    re.IGNORECASE,
)

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_QUAL_NORM = {
    "more than": "over",
    "exceeds": "over",
    "exceed": "over",
    "exceeding": "over",
    "≈": "about",
    "~": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "an estimated": "about",
    "estimated": "about",
}
# Unit words that do not name what is counted (the noun after the number is a verb or filler).
_NOT_UNITS = frozenset(
    "of the and to in on at by for from with as is are was were has have had will "
    "that which who this its their his her".split()
)

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
DATE = re.compile(
    r"\b(?:(?:early|mid|late)[\s\-‑]+)?(?:(?:"
    + _MONTH_NAMES
    + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}|"
    r"\d{1,2}\s+(?:"
    + _MONTH_NAMES
    + r")(?:\s+\d{4})?|(?:"
    + _MONTH_NAMES
    + r")\.?\s+\d{1,2}(?!\d)(?:st|nd|rd|th)?|"
    r"\d{4}-\d{2}-\d{2}|Q[1-4]\s+\d{4}|"
    r"(?:in|by|through|until|since|from|during|before|after|of)\s+\d{4})\b",
    re.IGNORECASE,
)

_CAP = r"[A-Z][\w\-‑]*"
ENTITY = re.compile(r"\b" + _CAP + r"(?:\s+(?:(?:of|the|de|del|la|bin|al)\s+)*" + _CAP + r")*")
EVENT_HEADS = frozenset("conference summit forum expo festival congress convention".split())
ORG_HEADS = frozenset(
    "council authority office fund bank ministry commission agency group inc ltd corp corporation company "
    "financial exchange university association institute board department committee house reserve "
    "bureau organization organisation foundation union network court parliament senate government "
    "administration treasury team trust forum alliance federation coalition".split()
)
PERSON_TITLES = frozenset(
    "president minister ceo director founder chairman chairwoman chair assistant governor secretary "
    "mr mrs ms dr prof chief head spokesperson spokesman spokeswoman adviser advisor ambassador senator "
    "mayor premier commissioner chancellor treasurer manager officer professor judge coach captain "
    "inspector superintendent councillor councilor deputy leader cfo cto coo".split()
)
TITLE_WORDS = PERSON_TITLES | frozenset(
    "special prime vice deputy finance foreign interior general executive "
    "managing acting former first senior official officials".split()
)
_SENTENCE_START_WORDS = frozenset(
    "the a an in on at by for from this that these those it its as while "
    "although though under during with since after before meanwhile still "
    "however despite according both".split()
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _verbatim(original: str, folded: str, start: int, end: int) -> str:
    """The span as the article writes it (folding kept the length), else the folded span."""
    source = original if len(original) == len(folded) else folded
    return source[start:end].strip()


FRACTIONS = {
    "a half": 0.5,
    "half": 0.5,
    "a third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 0.25,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "a fifth": 0.2,
    "a tenth": 0.1,
}
_FRACTION = re.compile(
    r"\b(?P<qual>(?:about|around|roughly|nearly|almost|more than|less than|over|under|"
    r"well (?:below|above|under|over))\s+)?(?P<frac>"
    + "|".join(sorted(FRACTIONS, key=len, reverse=True))
    + r")\b(?!\s+(?:of\s+)?(?:an?\s+)?(?:hour|century|decade|mile|kilometre|km))",
    re.I,
)
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"dozen": 12, "hundred": 100, "thousand": 1000}
_WORD_QUANTITY = re.compile(
    r"\b(?P<num>" + "|".join(NUMBER_WORDS) + r")\s+(?:(?:key|main|primary|major|new|"
    r"separate|different|core|distinct)\s+)?(?P<unit>[a-z]{3,})\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def quantities(sentence: str) -> tuple[Fact, ...]:
    """Amounts in a sentence, skipping bare years and list numbering; 'four pillars' counts too."""
    facts = []
    text = fold(sentence)
    for m in _FRACTION.finditer(text):  # 'about a quarter' of something is a share, as '25 percent' is
        qual = _QUAL_NORM.get((m["qual"] or "").strip().lower(), (m["qual"] or "").strip().lower())
        facts.append(
            Fact(
                kind="quantity",
                text=_verbatim(sentence, text, m.start(), m.end()),
                key=(qual + " " if qual else "") + f"{FRACTIONS[m['frac'].lower()] * 100:g}%",
                about="share",
            )
        )
    for m in _WORD_QUANTITY.finditer(text):
        if m["num"].lower() in ("zero", "one") or m["unit"].lower() in _NOT_UNITS:
            continue
        toks = raw_tokens(m["unit"])
        facts.append(
            Fact(
                kind="quantity",
                text=_verbatim(sentence, text, m.start(), m.end()),
                key=f"{NUMBER_WORDS[m['num'].lower()]:g}",
                about=toks[0].term if toks else "number",
            )
        )
    for m in QUANTITY.finditer(text):
        num, scale, unit, cur = m["num"], m["scale"], m["unit"], m["cur"]
        value = _number(num)
        if cur or (unit and unit.lower() in _NOT_UNITS):
            unit = None  # '$7 billion IMF program': the currency is the unit
        if not cur and not scale and not unit and 1900 <= value <= 2100 and "," not in num:
            continue  # a year
        if (
            not cur
            and not scale
            and re.match(r"\d{1,2}[.)](?!\d)", text[m.start("num") : m.start("num") + 4])
        ):
            continue  # list numbering
        if unit and unit.lower() in MONTHS:
            continue  # a date written '18 July'
        if not cur and not unit and not scale and value < 10:
            continue  # small bare numbers are rarely facts worth aligning
        if not cur and unit and 1900 <= value <= 2100 and "," not in num and not scale:
            continue  # 'in 2021 by', '2025 Bitcoin'
        mult = _SCALES.get((scale or "").lower(), 1.0)
        about = "USD" if cur and "$" in cur or (cur or "").upper().startswith("USD") else (cur or "")
        if unit and unit.lower() in ("%", "percent", "per cent"):
            about, unit = "share", unit  # '30 percent' and 'a quarter' are both shares
        elif unit:
            toks = raw_tokens(unit)
            about = (about + " " if about else "") + (toks[0].term if toks else unit.lower())
        qual = _QUAL_NORM.get((m["qual"] or "").lower(), (m["qual"] or "").lower())
        key = f"{value * mult:g}"
        if m["num2"]:
            key += f"-{_number(m['num2']) * mult:g}"
        if about == "share":
            key += "%"
        end = m.end("unit") if unit else max(m.end("num"), m.end("num2"), m.end("scale"))
        span = _verbatim(sentence, text, m.start(), end)
        facts.append(
            Fact(
                kind="quantity",
                text=span,
                key=(qual + " " if qual else "") + key,
                about=about.strip() or "number",
            )
        )
    return tuple(facts)


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


@lru_cache(maxsize=8192)
def dates(sentence: str) -> tuple[Fact, ...]:
    out = []
    text = fold(sentence)
    for m in DATE.finditer(text):
        span = _verbatim(sentence, text, m.start(), m.end())
        key = _date_key(
            re.sub(r"^(?:in|by|through|until|since|from|during|before|after|of)\s+", "", span, flags=re.I)
        )
        out.append(Fact(kind="date", text=span, key=key, about="date"))
    return tuple(out)


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
        while words and (words[0].lower() in PERSON_TITLES or words[0].lower() in ("of", "the")):
            words = words[1:]  # 'CEO of the Pakistan Crypto Council' names the council
        if not words or words[0].lower() in MONTHS or all(w.lower() in TITLE_WORDS for w in words):
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
            and (preceding[-1] in ("in", "at") or preceding == ["in", "the"] or preceding == ["at", "the"])
        )
        kind: FactKind
        if head in EVENT_HEADS or (located and len(words) <= 3):
            kind, about = "place", "place"
        elif head in ORG_HEADS or (name.isupper() and len(name) >= 2):
            kind, about = "organisation", head.title() if head in ORG_HEADS else "acronym"
        elif before and before[0] in PERSON_TITLES and len(words) >= 2:
            kind, about = "person", "person"
        elif len(words) >= 2 and all(w[:1].isupper() for w in words):
            kind, about = "person" if len(words) <= 3 else "organisation", "name"
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
    """What a fact measures or names, for people: 'the figure in BTC', 'the amount in USD'."""
    if fact.kind == "quantity":
        if fact.about == "share":
            return "the share"
        if fact.about.startswith("USD") or fact.about in ("EUR", "GBP"):
            return f"the amount in {fact.about.split()[0]}"
        unit = fact.text.split()[-1] if fact.text and not fact.text.split()[-1][:1].isdigit() else fact.about
        return "the figure" if fact.about == "number" else f"the figure in {unit}"
    if fact.kind == "date":
        return "the date"
    if fact.kind == "organisation":
        return f"the name of the {fact.about.lower()}"
    return f"the {fact.kind}"
