"""What the answerer produces: answers, comparisons and source listings, as pydantic models.

They serialise to JSON for the command line and are rendered by templates for people.
Ids survive from passage to citation: every citation names its source, passage and
sentence ids and the character offsets of the quote in the document text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AnswerType = Literal[
    "quantity",
    "date",
    "person",
    "organisation",
    "place",
    "list",
    "yesno",
    "definition",
    "reason",
    "statement",
    "other",
]


class SourceRef(BaseModel):
    source_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


class Citation(SourceRef):
    n: int
    passage_id: str
    sentence_id: str
    quote: str = Field(description="verbatim text of the document: text[start:end]")
    start: int
    end: int


class Statement(BaseModel):
    """One quote shown once, followed by the citations of every source that makes it."""

    quote: str
    citations: list[int]


class Value(BaseModel):
    value: str = Field(
        description="the value as written in the first source that states it (a date: the first wording "
        "that gives the day, 'October 14' rather than 'Tuesday')"
    )
    source_ids: list[str]
    citations: list[int] = Field(default_factory=list)
    texts: list[str] = Field(default_factory=list, description="each citation's own wording of the value")
    status: Literal["agree", "conflict", "different period", "alone"] = Field(
        default="alone",
        description="agree: compatible with every other value of its measure; conflict: incompatible "
        "with at least one of the same period; different period: differs only from values of another time",
    )
    number: float | None = Field(default=None, description="the value as stated, normalised to `unit`")
    low: float | None = Field(default=None, description="lowest value it allows, in `unit` (None: open)")
    high: float | None = Field(default=None, description="highest value it allows, in `unit` (None: open)")
    period: str | None = Field(default=None, description="the time the value refers to, e.g. '2026-04'")
    revised: bool = Field(
        default=False, description="an earlier figure: another source reports it as since replaced"
    )
    compatible_with: list[str] = Field(
        default_factory=list, description="source ids whose values it can hold with"
    )
    conflicts_with: list[str] = Field(
        default_factory=list, description="source ids whose values it contradicts"
    )
    other_period_than: list[str] = Field(
        default_factory=list, description="source ids whose values differ from it but refer to another time"
    )
    relations: dict[str, list[int]] = Field(
        default_factory=dict,
        description="indices of the other values of its measure by relation: 'compatible', 'conflict', 'other period'",
    )


class Difference(BaseModel):
    about: str
    values: list[Value]
    measure: str = Field(default="", description="what is measured: unit and dimension, e.g. 'amount in EUR'")
    unit: str | None = None


class Agreement(BaseModel):
    about: str
    value: str
    source_ids: list[str]
    values: list[Value] = Field(default_factory=list, description="each compatible wording, with its sources")


class Evidence(BaseModel):
    """A sentence the answerer considered, with how it scored."""

    source_id: str
    passage_id: str
    sentence_id: str
    quote: str
    start: int
    end: int
    score: float
    coverage: float
    type_match: bool
    matched_terms: list[str]


FactKind = Literal["quantity", "date", "organisation", "person", "place", "status"]


class Fact(BaseModel):
    """A value a sentence states, and what it measures.

    `value`/`high` are normalised numbers in `unit` (currencies as ISO codes, scales applied:
    '€1.18bn' -> 1.18e9 EUR); dates are years with a fraction for the month ('October 2029'
    -> 2029.75). `qualifier` ('about', 'over', 'nearly', 'up to', 'at least', 'under') says how
    the value bounds the truth; `period` is the time the value refers to ('as of May 15').
    """

    model_config = ConfigDict(frozen=True)  # shared between callers by the extractors' cache

    kind: FactKind
    text: str = Field(description="verbatim, as the statement writes it")
    key: str = Field(description="normalised value used to align facts across sources")
    about: str = Field(description="what the fact measures or names, e.g. 'BTC' or 'Authority'")
    measure: str = Field(
        default="", description="dimension and unit, e.g. 'amount in EUR', 'count of workers'"
    )
    unit: str | None = Field(
        default=None, description="'EUR', 'USD', '%', 'BTC', 'm', 'worker', 'vote', 'year'"
    )
    value: float | None = None
    high: float | None = Field(default=None, description="upper end of a range ('15 to 20 million')")
    qualifier: str = Field(
        default="", description="'', 'about', 'over', 'nearly', 'up to', 'at least', 'under'"
    )
    period: str | None = Field(
        default=None, description="when the value holds: 'YYYY', 'YYYY-MM', 'MM', 'MM-DD'"
    )
    subject: str | None = Field(default=None, description="the name the sentence gives the value to, if any")
    modifier: str = Field(
        default="",
        exclude=True,
        description="the word that narrows what a count counts: 'permanent' in '180 permanent posts'",
    )
    clause: str = Field(default="", exclude=True, description="the clause the value stands in")

    @property
    def is_money(self) -> bool:
        """An amount in a currency: quantities names its measure 'amount in <currency>'."""
        return self.measure.startswith("amount in ")

    context: tuple[str, ...] = Field(
        default=(), exclude=True, description="index terms of the value's clause"
    )
    source_id: str | None = None
    citation: int | None = None


class SourceStatement(BaseModel):
    quote: str
    passage_id: str
    sentence_id: str
    start: int
    end: int
    n: int
    facts: list[Fact] = Field(default_factory=list)


class SourceView(SourceRef):
    covered: bool
    statements: list[SourceStatement] = Field(default_factory=list)


class MeasureGroup(BaseModel):
    """One measure of one subject across sources: each distinct value with its sources and status."""

    measure: str
    about: str = Field(description="the measure for people, e.g. 'the amount in EUR'")
    unit: str | None = None
    values: list[Value]

    @property
    def conflicting(self) -> bool:
        return any(v.status == "conflict" for v in self.values)

    @property
    def sources(self) -> list[str]:
        return [sid for v in self.values for sid in v.source_ids]


class Comparison(BaseModel):
    topic: str
    sources: list[SourceView]
    agreements: list[Agreement] = Field(default_factory=list)
    differences: list[Difference] = Field(default_factory=list)
    silent: list[str] = Field(default_factory=list, description="source ids that say nothing on the topic")
    citations: list[Citation] = Field(default_factory=list)
    measures: list[MeasureGroup] = Field(
        default_factory=list, description="every aligned measure: values with agree/conflict/different period"
    )


class Answer(BaseModel):
    question: str
    answer: str = Field(description="plain text with [n] citation markers")
    abstained: bool
    answer_type: AnswerType = "other"
    statements: list[Statement] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    disagreement: Difference | None = None
    reason: str | None = Field(default=None, description="why the answerer abstained")
    closest: list[Citation] = Field(
        default_factory=list,
        description="when abstaining: the passages closest to the question, shown as such, not as an answer",
    )
    covered: list[str] = Field(default_factory=list, description="what the articles do cover, when declining")
    comparison: Comparison | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class SourceInfo(SourceRef):
    author: str | None = None
    category: str | None = None
    path: str
    passages: int


class SourceDetail(SourceInfo):
    opening: list[str] = Field(default_factory=list, description="the first body sentences")
    figures: list[Fact] = Field(default_factory=list, description="key figures the article states")
