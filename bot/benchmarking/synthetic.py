"""Reproducible synthetic news archives for the benchmark: article files and questions about them.

Article `i` is a pure function of (seed, i), so a smaller corpus is a prefix of a larger one and
the benchmark can ask about any article without reading it back. Articles look like scraped news
pages: a title, a date label, a byline, body paragraphs of 20-40 words (one or more sentences)
and now and then a subheading. Body text mixes facts made from templates (organisations that
define their acronym, people with roles, places, amounts and dates) with Zipf-distributed filler
words, so term statistics resemble real text: a few very common words, a long tail of rare ones.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

SEED = 20251123
FILES_PER_FOLDER = 1000

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "br",
    "cr",
    "dr",
    "fl",
    "gr",
    "pl",
    "pr",
    "sh",
    "st",
    "tr",
    "ch",
    "sc",
    "sp",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee"]
_CODAS = ["", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "st", "ck", "ng", "rt"]
_SUFFIXES = ["", "", "", "s", "ed", "ing", "er", "ly", "tion", "ment", "al", "ity"]
_STOP = (
    "the of and to in a for on that with as by at from is was it its this their has have "
    "will be been said would after more than about which".split()
)
_NEWS = (
    "government minister election vote party police court report week month city state country "
    "people company market price bank economy growth inflation tax budget plan policy law bill "
    "official statement security health hospital school university research climate energy water "
    "power season team player record film music technology network service customer investor deal "
    "profit revenue quarter sales industry worker union wage pension housing family trial judge "
    "agency department committee leader campaign crisis talks agreement trade export tariff debt "
    "loan interest board project programme contract tender port airport railway bridge"
).split()
_KINDS = ["Authority", "Council", "Commission", "Agency", "Bank", "Ministry", "Fund", "Office", "Board"]
_ROLES = ["chief executive", "chairman", "director", "spokeswoman", "treasurer", "president"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_UNITS = ["million", "billion"]


def _pseudo(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))


@dataclass(frozen=True)
class Lexicon:
    words: list[str]  # filler vocabulary, most frequent first
    cum_weights: list[float]  # Zipf-Mandelbrot, for random.choices
    places: list[str]
    people: list[str]
    orgs: list[tuple[str, str]]  # (long name, acronym)


def lexicon(seed: int = SEED) -> Lexicon:
    rng = random.Random(seed)
    seen = set(_STOP) | set(_NEWS)

    def fresh(syllables: tuple[int, ...], suffix: bool) -> str:
        while True:
            w = _pseudo(rng, rng.choice(syllables)) + (rng.choice(_SUFFIXES) if suffix else "")
            if len(w) > 3 and w not in seen:
                seen.add(w)
                return w

    words = _NEWS + [fresh((1, 2, 2, 3), True) for _ in range(40_000)]
    weights = [1.0 / (rank + 10) ** 1.05 for rank in range(len(words))]
    places = [fresh((2, 3), False).capitalize() for _ in range(1500)]
    people = [f"{fresh((2,), False).capitalize()} {fresh((2, 3), False).capitalize()}" for _ in range(4000)]
    orgs: list[tuple[str, str]] = []
    acronyms: set[str] = set()
    while len(orgs) < 2500:
        name = [rng.choice(places), fresh((2, 3), False).capitalize(), rng.choice(_KINDS)]
        acronym = "".join(w[0] for w in name)
        if acronym in acronyms:  # a second word keeps acronyms unique
            name.insert(2, rng.choice(_NEWS).capitalize())
            acronym = "".join(w[0] for w in name)
        if acronym not in acronyms and acronym.lower() not in seen:
            acronyms.add(acronym)
            orgs.append((" ".join(name), acronym))
    return Lexicon(words, list(accumulate(weights)), places, people, orgs)


@dataclass(frozen=True)
class Fact:
    """What one fact sentence states, for asking about it."""

    org: str
    acronym: str
    person: str
    role: str
    place: str
    topic: str  # two filler words, the subject of the spending
    amount: str  # '$745 million'
    month: str


@dataclass(frozen=True)
class Article:
    number: int
    title: str
    text: str
    passages: int
    facts: list[Fact]


class Generator:
    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        self.lex = lexicon(seed)

    def _filler(self, rng: random.Random, n: int, topic: list[str]) -> list[str]:
        words = rng.choices(self.lex.words, cum_weights=self.lex.cum_weights, k=n)
        out = []
        for w in words:
            r = rng.random()
            out.append(rng.choice(topic) if r < 0.12 else w)
            if rng.random() < 0.45:
                out.append(rng.choice(_STOP))
        return out

    def _sentence(self, rng: random.Random, n: int, topic: list[str]) -> str:
        words = self._filler(rng, n, topic)
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 980):,}")
        return " ".join(words).capitalize() + "."

    def article(self, number: int) -> Article:
        rng = random.Random(self.seed * 1_000_003 + number)
        lex = self.lex
        topic = rng.choices(lex.words[200:], k=6)
        org, acronym = rng.choice(lex.orgs)
        place = rng.choice(lex.places)
        year = rng.randint(2015, 2025)
        title = " ".join(w.capitalize() for w in [acronym, *rng.choices(topic, k=3), "in", place])
        lines = [
            title,
            f"Published: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"By {rng.choice(lex.people)}",
        ]
        n_passages = rng.randint(10, 40)
        facts = []
        defined = False
        for p in range(n_passages):
            if p and rng.random() < 0.12:
                heading = " ".join(rng.choices(topic, k=rng.randint(2, 4))).capitalize()
                lines.append(
                    f"## What comes next for {heading.lower()}?" if rng.random() < 0.2 else f"## {heading}"
                )
            sentences: list[str] = []
            words = 0
            target = rng.randint(20, 40)
            if rng.random() < 0.3:
                fact = Fact(
                    org,
                    acronym,
                    rng.choice(lex.people),
                    rng.choice(_ROLES),
                    place,
                    " ".join(rng.sample(topic, 2)),
                    f"${rng.randint(2, 950)} {rng.choice(_UNITS)}",
                    rng.choice(_MONTHS),
                )
                name = f"The {org} ({acronym})" if not defined else f"The {acronym}"
                defined = True
                s = (
                    f"{name} will spend {fact.amount} on {fact.topic} in {fact.place} from {fact.month} {year}, "
                    f"{fact.person}, its {fact.role}, said on {rng.choice(_WEEKDAYS)}."
                )
                facts.append(fact)
                sentences.append(s)
                words += len(s.split())
            while words < 20:
                n = min(rng.randint(8, 18), max(5, target - words - 2))
                s = self._sentence(rng, n, topic)
                if words + len(s.split()) > 40:
                    s = " ".join(s.split()[: max(5, 40 - words)]).rstrip(".,") + "."
                sentences.append(s)
                words += len(s.split())
            lines.append(" ".join(sentences))
        return Article(number, title, "\n\n".join(lines) + "\n", n_passages, facts)

    def articles(self, passages: int) -> Iterator[Article]:
        """Articles until they hold at least `passages` body paragraphs."""
        total = 0
        number = 0
        while total < passages:
            a = self.article(number)
            yield a
            total += a.passages
            number += 1

    def write(self, folder: Path, passages: int) -> tuple[int, int]:
        """Write a corpus of about `passages` passages; returns (articles, passages)."""
        n_articles = n_passages = 0
        for a in self.articles(passages):
            sub = folder / f"{a.number // FILES_PER_FOLDER:04d}"
            if a.number % FILES_PER_FOLDER == 0:
                sub.mkdir(parents=True, exist_ok=True)
            (sub / f"article_{a.number:07d}.txt").write_text(a.text, encoding="utf-8")
            n_articles += 1
            n_passages += a.passages
        return n_articles, n_passages

    def questions(self, n_articles: int, count: int) -> list[str]:
        """Questions about random articles of a corpus of `n_articles`: most are answerable from
        one fact sentence; one in five asks about something no article mentions."""
        rng = random.Random(self.seed + 7)
        out: list[str] = []
        while len(out) < count:
            a = self.article(rng.randrange(n_articles))
            if not a.facts:
                continue
            f = rng.choice(a.facts)
            r = rng.random()
            if r < 0.2:
                out.append(f"How much will the {f.acronym} spend on {f.topic} in Zanzibarville?")
            elif r < 0.5:
                out.append(f"How much will the {f.acronym} spend on {f.topic}?")
            elif r < 0.75:
                out.append(f"Who is the {f.role} of the {f.org}?")
            else:
                out.append(f"When will the {f.org} spend money on {f.topic} in {f.place}?")
        return out

    def topics(self, n_articles: int, count: int) -> list[str]:
        """Comparison requests about organisations' spending, as a user would type them."""
        rng = random.Random(self.seed + 11)
        out: list[str] = []
        while len(out) < count:
            a = self.article(rng.randrange(n_articles))
            if a.facts:
                out.append(f"Compare the sources on the {a.facts[0].acronym} spending")
        return out
