"""Sentence features for answer selection, and the fitted logistic model that weighs them.

Each candidate sentence of the top passages gets a fixed vector of features (FEATURES, all
in [0, 1] or small non-negative numbers); `Ranker` turns it into the probability that the
sentence answers the question, with weights fitted by `tools/fit_answerer.py` on labelled
public QA data (QED, SelQA, COVID-QA; see shared/devdata) and committed in
`bot/answering/weights.json`. Features in the spirit of answer-sentence selection with
lexical features (Yih et al. 2013, "Question Answering Using Enhanced Lexical Semantic
Models"; Yu et al. 2014 for the overlap-count baselines).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from bot.answering.quantities import NUMBER_WORDS

FEATURES = (
    "coverage",  # idf-weighted share of the question's slots the sentence holds
    "near",  # ... the sentence with its passage heading
    "wide",  # ... the whole passage with its heading
    "bm25",  # the passage's BM25 score over the best passage's
    "rank",  # 1 / (1 + passage rank)
    "type_match",  # the sentence holds the kind of answer asked for, beyond the question's words
    "typed_miss",  # the question asks for a typed answer (amount, date, name, place) and it is absent
    "bigram",  # share of the question's adjacent content-term pairs adjacent in the sentence
    "compact",  # matched terms over the span of sentence terms they occupy
    "length",  # log(1 + words) / 5
    "shape",  # no closing punctuation, over 60 words, or several lines run together
    "first",  # the first sentence of its passage
    "proper",  # share of the question's names held by the sentence with its context
    "missing",  # weight share of the heaviest question slot the sentence with its heading lacks
    "number_missing",  # the question states a number (a year, a figure) that the sentence context lacks
    "new",  # share of the sentence's terms that are not in the question (new information)
    "sentence_bm25",  # BM25 of the sentence alone, over its largest possible value
    "sentence_bm25_rel",  # ... over the best candidate sentence's
    "local",  # coverage of the sentence with the one before it (a pronoun's antecedent)
    "titled",  # coverage of the sentence with its heading and its article's title
    "one_missing",  # the sentence's context holds every slot but one, which the corpus uses elsewhere
    "one_unknown",  # ... every slot but one, a word the corpus never uses
    "name_absent",  # share of the question's names missing from the sentence, its title and a pronoun's antecedent
    "name_swap",  # a question name is missing and the sentence names someone or something else
)


# The answerability model reads the best sentence's features and the two best probabilities.
QUESTION_FEATURES = (*FEATURES, "p1", "p2", "margin")


def question_features(best: list[float] | tuple[float, ...], p1: float, p2: float) -> list[float]:
    return [*best, p1, p2, p1 - p2]


def bigram_share(question_terms: list[str], sentence_terms: Sequence[str]) -> float:
    pairs = {(a, b) for a, b in zip(question_terms, question_terms[1:], strict=False) if a != b}
    if not pairs:
        return 0.0
    have = set(zip(sentence_terms, sentence_terms[1:], strict=False))
    return len(pairs & have) / len(pairs)


def compactness(matched: set[str], sentence_terms: Sequence[str]) -> float:
    """Distinct matched terms over the length of the shortest run of terms from the first to
    the last match (1.0 when they stand together)."""
    at = [i for i, t in enumerate(sentence_terms) if t in matched]
    if not at:
        return 0.0
    found = len({sentence_terms[i] for i in at})
    return found / (at[-1] - at[0] + 1)


def length_feature(text: str) -> float:
    return math.log1p(len(text.split())) / 5.0


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


# Number words from two to twenty ('one' reads as a pronoun too: 'which one', 'no one'; 'a dozen'
# states no exact figure a question repeats).
_SMALL_NUMBERS = {w: n for w, n in NUMBER_WORDS.items() if 2 <= n <= 20 and w != "dozen"}
_NUMBER_WORD = re.compile(r"(?<![\w-])(" + "|".join(_SMALL_NUMBERS) + r")(?![\w-])", re.I)


# A number word after these picks out the things asked about ('which two towns', 'the two
# suspects', 'the firm's four ships'); it states no figure the answer must repeat.
_DETERMINED = re.compile(r"(?:\b(?:which|what|the|these|those|both|all|its|their|his|her)|\w['’]s)\s+$", re.I)


def numbers_in(text: str, spelled: bool = False) -> set[str]:
    """The numbers a text states, as digits without separators; with `spelled`, small numbers
    written as words too ('seven' is '7'; 'one' is left out: 'which one', 'no one'), except after
    a determiner ('which two towns'). 'Ten Eyes' is not answered by 'Nine Eyes', nor 'age 7' missed
    by 'at age seven'."""
    digits = {n.replace(",", "") for n in _NUMBER.findall(text)}
    if not spelled:
        return digits
    return digits | {
        str(_SMALL_NUMBERS[m.group(1).lower()])
        for m in _NUMBER_WORD.finditer(text)
        if m.group(1).istitle() or not _DETERMINED.search(text[: m.start()])  # 'the Ten Eyes' is a name
    }


YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")

_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_MONTH = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december)\b", re.I
)
_RELATIVE = re.compile(r"\b(last|this|next|previous|coming)\s+(year|season|week|month)\b", re.I)


# Modifiers of which one excludes the others, as one year excludes another: 'the western line'
# is not answered by a sentence about the eastern line, 'the second review' not by the first.
_CONTRASTS = {
    "compass": (re.compile(r"\b(north|south|east|west)(?:ern)?\b", re.I), {}),
    "ordinal": (
        re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I),
        {},
    ),
    "frequency": (
        re.compile(r"\b(daily|weekly|monthly|yearly|annual|annually|quarterly)\b", re.I),
        {"annual": "yearly", "annually": "yearly"},
    ),
    "season": (re.compile(r"\b(spring|summer|autumn|winter)\b", re.I), {}),
    # What is so now against what is planned or expected: 'how many does it base there at the
    # moment' is not answered by 'it will base two more once the runway opens'.
    "tense": (
        re.compile(
            r"\b(now|currently|at the moment|at present|presently|these days|so far|to date|"
            r"will|(?:expects?|expected|plans?|planned|set|due|forecast|projected) to)\b",
            re.I,
        ),
        {},  # read as 'now' or 'later' (_NOW)
    ),
}


_SUPERSEDED = re.compile(
    r"\b(?:originally|initially|at first|first)\s+(?:been\s+)?(?:due|planned|scheduled|expected|meant|set|supposed|intended)\b"
    r"|\b(?:had been|was|were)\s+(?:originally\s+)?(?:due|planned|scheduled|supposed|meant)\s+to\b(?!.*\bstill\b)",
    re.I,
)
_FUTURE_ASKED = re.compile(r"^\s*when\s+(?:will|is|are|does|do)\b", re.I)
_NOW = frozenset(
    ("now", "currently", "at the moment", "at present", "presently", "these days", "so far", "to date")
)


def contrast_values(text: str, kinds: Collection[str] | None = None) -> dict[str, set[str]]:
    """The times and other mutually exclusive modifiers a text names, by kind: years, weekdays,
    months, relative periods ('last year' -> {'relative year': {'last'}}), compass points,
    ordinals, frequencies and seasons. With `kinds`, only those kinds are looked for."""

    def wanted(kind: str) -> bool:
        return kinds is None or kind in kinds

    out: dict[str, set[str]] = {
        "year": set(YEAR.findall(text)) if wanted("year") else set(),
        "weekday": {w.lower() for w in _WEEKDAY.findall(text)} if wanted("weekday") else set(),
        "month": {m.lower() for m in _MONTH.findall(text)} if wanted("month") else set(),
    }
    if kinds is None or any(k.startswith("relative ") for k in kinds):
        for which, unit in _RELATIVE.findall(text):
            out.setdefault("relative " + unit.lower(), set()).add(
                {"previous": "last", "coming": "next"}.get(which.lower(), which.lower())
            )
    for kind, (pattern, same) in _CONTRASTS.items():
        if wanted(kind):
            out[kind] = {same.get(w.lower(), w.lower()) for w in pattern.findall(text)}
    out["tense"] = {"now" if w in _NOW else "later" for w in out.get("tense", ())}
    # A plan since replaced ('was originally due to open in 2026', 'had been planned for May')
    # against the plan as it stands: a question about when something will happen asks the latter.
    if wanted("plan"):
        if _SUPERSEDED.search(text):
            out["plan"] = {"original"}
        elif _FUTURE_ASKED.search(text):
            out["plan"] = {"current"}
    return {k: v for k, v in out.items() if v}


def contrast_conflict(question: dict[str, set[str]], context: str) -> bool:
    """The context names a value of the same kind as the question but none of the question's
    (a sentence about 2011 for a question about 2012; Tuesday for Monday; last year for this;
    the eastern line for the western)."""
    if not question:
        return False
    found = contrast_values(context, question.keys())
    return any(
        kind in found
        and not (values & found[kind])
        and values != {"later"}  # 'will' still asks what is set now
        for kind, values in question.items()
    )


def time_elsewhere(question: dict[str, set[str]], text: str, figures: list[tuple[int, int]]) -> bool:
    """The sentence names the question's year (or month), but each of its figures (character
    spans, years left out) stands nearer another: '£85,000 in 2019 ... a warning letter in 2021'
    gives no sum for 2021, nor '£1,340 from a bake sale in January, and ... in November' one for
    November."""
    return bool(figures) and any(
        _bound_elsewhere(question.get(kind, set()), pattern, text, figures)
        for kind, pattern in (("year", YEAR), ("month", _MONTH))
    )


def _bound_elsewhere(
    asked: set[str], pattern: re.Pattern[str], text: str, figures: list[tuple[int, int]]
) -> bool:
    spots = [(m.start(), m.end(), m[0].lower()) for m in pattern.finditer(text)]
    if len(asked) != 1 or not any(v in asked for *_, v in spots) or all(v in asked for *_, v in spots):
        return False

    def nearest(start: int, end: int) -> str:
        return min(spots, key=lambda sp: max(sp[0] - end, start - sp[1], 0))[2]

    return all(nearest(start, end) not in asked for start, end in figures)


@dataclass(frozen=True)
class Ranker:
    """A logistic model over FEATURES: P(answer sentence) = sigmoid(w . standardised(x) + b)."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    question: tuple[tuple[float, ...], float, tuple[float, ...], tuple[float, ...]]  # w, b, mean, scale
    answer_threshold: float  # answer when P(the reply holds the answer) reaches this
    closest_threshold: float  # else show the closest passages (abstaining) from this up
    support_threshold: float  # a second statement is quoted when its probability reaches this

    def probability(self, x: list[float]) -> float:
        """P(this sentence answers the question)."""
        return _logistic(x, self.weights, self.bias, self.mean, self.scale)

    def answerability(self, best: list[float], p1: float, p2: float) -> float:
        """P(the reply, the best sentence and the second when quoted, holds the answer)."""
        return _logistic(question_features(best, p1, p2), *self.question)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ranker:
        """Raises ValueError when the file's features differ from FEATURES."""
        if tuple(data["features"]) != FEATURES:
            raise ValueError("weights.json was fitted on other features; run tools/fit_answerer.py")
        return cls(
            weights=tuple(data["weights"]),
            bias=float(data["bias"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            question=(
                tuple(data["question_weights"]),
                float(data["question_bias"]),
                tuple(data["question_mean"]),
                tuple(data["question_scale"]),
            ),
            answer_threshold=float(data["answer_threshold"]),
            closest_threshold=float(data["closest_threshold"]),
            support_threshold=float(data["support_threshold"]),
        )


def _logistic(
    x: list[float], weights: tuple[float, ...], bias: float, mean: tuple[float, ...], scale: tuple[float, ...]
) -> float:
    z = bias
    for w, v, m, s in zip(weights, x, mean, scale, strict=True):
        z += w * (v - m) / s
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def default_ranker() -> Ranker:
    """The committed weights (bot/answering/weights.json)."""
    text = resources.files("bot.answering").joinpath("weights.json").read_text(encoding="utf-8")
    return Ranker.from_json(json.loads(text))
