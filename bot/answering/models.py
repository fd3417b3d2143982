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
    value: str = Field(description="the value as written in the first source that states it")
    source_ids: list[str]
    citations: list[int] = Field(default_factory=list)


class Difference(BaseModel):
    about: str
    values: list[Value]


class Agreement(BaseModel):
    about: str
    value: str
    source_ids: list[str]


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


FactKind = Literal["quantity", "date", "organisation", "person", "place"]


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between callers by the extractors' cache

    kind: FactKind
    text: str = Field(description="verbatim, as the statement writes it")
    key: str = Field(description="normalised value used to align facts across sources")
    about: str = Field(description="what the fact measures or names, e.g. 'BTC' or 'Authority'")


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


class Comparison(BaseModel):
    topic: str
    sources: list[SourceView]
    agreements: list[Agreement] = Field(default_factory=list)
    differences: list[Difference] = Field(default_factory=list)
    silent: list[str] = Field(default_factory=list, description="source ids that say nothing on the topic")
    citations: list[Citation] = Field(default_factory=list)


class Answer(BaseModel):
    question: str
    answer: str = Field(description="plain text with [n] citation markers")
    abstained: bool
    answer_type: AnswerType = "other"
    statements: list[Statement] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    disagreement: Difference | None = None
    reason: str | None = Field(default=None, description="why the answerer declined")
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
