"""Comparing sources: each source's best statements on a topic, and the facts aligned across them.

Facts are aligned only like with like: amounts with the same unit, dates that name a month,
names of organisations with the same head word ('... Authority'), and places. The same value
in two or more sources is an agreement; different values of one kind are a difference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from bot.answering.answerer import MIN_COVERAGE, MIN_SENTENCE_COVERAGE, TYPED, same_statement
from bot.answering.evidence import Candidate, gather, question_slots
from bot.answering.facts import describe, extract_facts
from bot.answering.models import (
    Agreement,
    Citation,
    Comparison,
    Difference,
    Fact,
    SourceStatement,
    SourceView,
    Value,
)
from bot.answering.question import answer_type
from retrieval.index import Index

STATEMENTS_PER_SOURCE = 2
PASSAGES_PER_SOURCE = 5  # passages of each source read for its statements
PER_SOURCE_LIMIT = 20  # above this many sources, compare those among the top passages only
TOP_FOR_MANY = 60
COMPARE_COVERAGE = 0.4  # a sentence covering this much of the topic itself is a statement on it
ALIGNED_COVERAGE = 0.2  # a sentence with the same kind of figure needs less of the topic's words
_ORG_ABOUTS = {
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


def _aligned(fact: Fact) -> bool:
    if fact.kind == "quantity":
        return fact.about != "number"
    if fact.kind == "organisation":
        return fact.about in _ORG_ABOUTS
    return fact.kind == "place"


class Comparer:
    def __init__(self, index: Index) -> None:
        self.index = index

    def compare(self, topic: str) -> Comparison:
        query = self.index.query(topic)
        kind = answer_type(topic)
        # Words no article uses ('stance', 'characterise') frame a comparison; names still count.
        slots = [sl for sl in question_slots(self.index, query, merge_names=True) if sl.known or sl.proper]
        few = len(self.index.documents) <= PER_SOURCE_LIMIT  # else only sources among the top passages
        ids = self.index.source_ids() if few else []
        missing = [s for s in slots if not s.known and s.proper]
        per_source: dict[str, list[Candidate]] = {sid: [] for sid in ids}
        if slots and not missing:
            if few:
                for sid in ids:
                    per_source[sid] = gather(
                        self.index, query, kind, slots, self.index.search_in(sid, query, PASSAGES_PER_SOURCE)
                    )
            else:
                for c in gather(self.index, query, kind, slots, self.index.search(query, TOP_FOR_MANY)):
                    per_source.setdefault(c.source_id, []).append(c)
        picked = {sid: self._pick(kind, candidates) for sid, candidates in per_source.items()}
        wanted = set().union(*(sl.alternatives for sl in slots)) if slots else set()
        relevant: Callable[[Fact], bool] = lambda f: _relevant(f, kind, wanted)  # noqa: E731
        self._add_aligned(picked, per_source, relevant)
        views: list[SourceView] = []
        citations: list[Citation] = []
        for sid, chosen in picked.items():
            views.append(self._view(sid, chosen, citations))
        agreements, differences = _align(views, relevant)
        return Comparison(
            topic=topic,
            sources=views,
            agreements=agreements,
            differences=differences,
            silent=[v.source_id for v in views if not v.covered],
            citations=citations,
        )

    @staticmethod
    def _pick(kind: str, candidates: list[Candidate]) -> list[Candidate]:
        """A source's best statements on the topic: sentences that cover enough of it themselves,
        or with their passage around them; the ones with the kind of answer asked for first."""
        good = [
            c
            for c in candidates
            if c.coverage >= COMPARE_COVERAGE
            or (c.context >= MIN_COVERAGE and c.coverage >= MIN_SENTENCE_COVERAGE)
        ]
        if kind in TYPED:  # 'how many ...': a source that states no figure is silent on it
            good = [c for c in good if c.type_match]
        picked: list[Candidate] = []
        for c in good:
            if len(picked) == STATEMENTS_PER_SOURCE:
                break
            if not any(same_statement(p, c) for p in picked):
                picked.append(c)
        return picked

    @staticmethod
    def _add_aligned(
        picked: dict[str, list[Candidate]],
        per_source: dict[str, list[Candidate]],
        relevant: Callable[[Fact], bool],
    ) -> None:
        """Give every source the sentence stating the kind of figure the others state and the topic
        asks about ('6,240 BTC' for bitcoin holdings, not a market size in dollars), when its passage
        is on the topic but the sentence itself does not repeat the topic's words."""
        abouts = {
            f.about
            for chosen in picked.values()
            for c in chosen
            for f in extract_facts(c.sentence.text)
            if f.kind == "quantity" and _aligned(f) and relevant(f)
        }
        if not abouts:
            return
        for sid, candidates in per_source.items():
            have = {
                f.about for c in picked[sid] for f in extract_facts(c.sentence.text) if f.kind == "quantity"
            }
            for about in sorted(abouts - have):
                extra = next(
                    (
                        c
                        for c in candidates
                        if c.context >= ALIGNED_COVERAGE
                        and c not in picked[sid]
                        and any(
                            f.kind == "quantity" and f.about == about for f in extract_facts(c.sentence.text)
                        )
                    ),
                    None,
                )
                if extra is not None and len(picked[sid]) < STATEMENTS_PER_SOURCE + 1:
                    picked[sid].append(extra)

    def _view(self, sid: str, picked: list[Candidate], citations: list[Citation]) -> SourceView:
        meta = self.index.documents[sid].meta
        statements = []
        for c in picked:
            s = c.sentence
            n = len(citations) + 1
            citations.append(
                Citation(
                    n=n,
                    source_id=sid,
                    title=meta.title,
                    outlet=meta.outlet,
                    published=meta.published,
                    url=meta.url,
                    passage_id=c.hit.passage.id,
                    sentence_id=s.id,
                    quote=s.text,
                    start=s.start,
                    end=s.end,
                )
            )
            statements.append(
                SourceStatement(
                    quote=s.text,
                    passage_id=c.hit.passage.id,
                    sentence_id=s.id,
                    start=s.start,
                    end=s.end,
                    n=n,
                    facts=[f for f in extract_facts(s.text) if _aligned(f)],
                )
            )
        return SourceView(
            source_id=sid,
            title=meta.title,
            outlet=meta.outlet,
            published=meta.published,
            url=meta.url,
            covered=bool(statements),
            statements=statements,
        )


def _relevant(fact: Fact, kind: str, wanted: set[str]) -> bool:
    """Whether a fact is about what the topic asks: figures in the topic's unit (any unit for
    'how much' topics), dates for 'when' and places for 'where'; organisations always."""
    if fact.kind == "quantity":
        return kind == "quantity" or bool(set(fact.about.lower().split()) & wanted)
    if fact.kind == "date":
        return kind == "date"
    if fact.kind == "place":
        return kind == "place"
    return True


def _align(
    views: list[SourceView], relevant: Callable[[Fact], bool]
) -> tuple[list[Agreement], list[Difference]]:
    """Agreements (one value, several sources) and differences (several values of one kind).

    A source may state several values of one kind ('$745 million' beside '$7 billion'); it is
    represented by one it shares with another source when it has one, else by its first. So a
    source only disagrees when none of its values matches the others'. Only facts the topic asks
    about are aligned: other dates and places belong to other events.
    """
    stated: dict[tuple[str, str], dict[str, list[tuple[Fact, int]]]] = defaultdict(dict)
    for view in views:
        for st in view.statements:
            for f in st.facts:
                if relevant(f):
                    stated[(f.kind, f.about)].setdefault(view.source_id, []).append((f, st.n))
    agreements, differences = [], []
    for by_source in stated.values():
        if len(by_source) < 2:
            continue
        counts: dict[str, int] = defaultdict(int)
        for facts in by_source.values():
            for key in {f.key for f, _ in facts}:
                counts[key] += 1
        chosen: dict[str, dict] = {}
        for sid, facts in by_source.items():
            f, n = next(((f, n) for f, n in facts if counts[f.key] >= 2), facts[0])
            entry = chosen.setdefault(f.key, {"fact": f, "sources": [], "n": []})
            entry["sources"].append(sid)
            entry["n"].append(n)
        label = describe(next(iter(chosen.values()))["fact"])
        for entry in chosen.values():
            if len(entry["sources"]) >= 2:
                agreements.append(
                    Agreement(about=label, value=entry["fact"].text, source_ids=entry["sources"])
                )
        if len(chosen) >= 2:
            differences.append(
                Difference(
                    about=label,
                    values=[
                        Value(value=e["fact"].text, source_ids=e["sources"], citations=e["n"])
                        for e in chosen.values()
                    ],
                )
            )
    return agreements, differences
