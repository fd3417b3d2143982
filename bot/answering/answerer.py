"""The answerer: a cited answer made only of verbatim sentences, or an explicit decline.

Decisions, in order (each tested):
1. A question with no content words, or naming something the corpus never mentions
   (a capitalised or all-caps word that no article contains, after typo correction), is declined.
2. The best sentence must cover enough of the question (idf-weighted, with its passage as
   context); otherwise the articles are silent and the answer says so.
3. A question that asks for an amount, a date, a person, an organisation or a place needs a
   covering sentence that states one it does not already contain.
Then 1-3 sentences are quoted, the same statement from several sources shown once with all
citations, and differing values across sources (amounts, dates) are shown side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz

from bot.answering.evidence import Candidate, Slot, gather, new_words, question_slots
from bot.answering.facts import dates, describe, quantities
from bot.answering.models import Answer, AnswerType, Citation, Comparison, Difference, Statement, Value
from bot.answering.question import answer_type
from retrieval.analyzer import Query
from retrieval.index import Index
from retrieval.textnorm import fold

MIN_COVERAGE = 0.5  # share of the question's weight the best sentence (with context) must cover
MIN_SENTENCE_COVERAGE = 0.34  # and the quoted sentence itself
SUPPORT_RATIO = 0.8  # a further sentence is quoted when it scores this close to the best
MAX_STATEMENTS = 3
SAME_STATEMENT = 88  # rapidfuzz token_set_ratio at which two quotes are one statement
MORE_PAGE = 3
ON_TOPIC = 0.3  # a sentence stating the asked-for kind of value needs this much of the question as context
TYPED = ("quantity", "date", "person", "organisation", "place")
_KIND_WORDS = {
    "quantity": "an amount or number",
    "date": "a date",
    "person": "a person",
    "organisation": "an organisation",
    "place": "a place",
}


@dataclass
class Decision:
    ok: bool
    reason: str = ""


class Answerer:
    def __init__(self, index: Index) -> None:
        self.index = index

    # -- public ----------------------------------------------------------------------------

    def answer(self, question: str) -> Answer:
        kind, query, slots = self._analyze(question)
        return self._respond(question, kind, query, slots, None)

    def more(self, question: str, page: int = 1) -> Answer:
        """Page `page` (1-based) of the evidence the answer did not quote."""
        kind, query, slots = self._analyze(question)
        if not slots:
            return self._decline(question, kind, "The question has no words to look up.", [])
        gathered = gather(self.index, query, kind, slots)
        first = self._respond(question, kind, query, slots, gathered)  # the answer, from the same evidence
        used = {c.sentence_id for c in first.citations}
        rest = [c for c in gathered if c.coverage > 0 and c.sentence.id not in used]
        chunk = rest[(page - 1) * MORE_PAGE : page * MORE_PAGE]
        if not chunk:
            return Answer(
                question=question,
                answer="No further evidence in the articles.",
                abstained=False,
                answer_type=kind,
                reason="no more evidence",
            )
        citations = [_citation(self.index, c, n) for n, c in enumerate(chunk, start=1)]
        statements = [Statement(quote=c.quote, citations=[c.n]) for c in citations]
        return Answer(
            question=question,
            answer=_text(statements),
            abstained=False,
            answer_type=kind,
            statements=statements,
            citations=citations,
            evidence=[c.evidence() for c in chunk],
        )

    def _analyze(self, question: str) -> tuple[AnswerType, Query, list[Slot]]:
        query = self.index.query(question)
        return answer_type(question), query, question_slots(self.index, query)

    def _respond(
        self,
        question: str,
        kind: AnswerType,
        query: Query,
        slots: list[Slot],
        gathered: list[Candidate] | None,
    ) -> Answer:
        """The decisions in the module docstring, then the answer; `gathered` is the evidence when
        the caller has it already."""
        if not slots:
            return self._decline(question, kind, "The question has no words to look up.", [])
        missing = [s.surface for s in slots if not s.known and s.proper]
        if missing:
            names = ", ".join(dict.fromkeys(w for w in _original_words(question, missing)))
            return self._decline(question, kind, f"The articles do not mention {names}.", [])
        candidates = gathered if gathered is not None else gather(self.index, query, kind, slots)
        decision = self._decide(kind, candidates)
        if not decision.ok:
            return self._decline(question, kind, decision.reason, candidates)
        return self._compose(question, kind, slots, candidates)

    def from_comparison(self, question: str, comparison: Comparison) -> Answer:
        """An answer that is a comparison of sources (the question asked for one)."""
        lines = []
        for view in comparison.sources:
            for st in view.statements:
                lines.append(f"{st.quote} [{st.n}]")
        for d in comparison.differences:
            values = "; ".join(f"{v.value} {''.join(f'[{n}]' for n in v.citations)}" for v in d.values)
            lines.append(f"The sources differ on {d.about}: {values}.")
        if comparison.silent:
            lines.append(f"Not covered by: {', '.join(comparison.silent)}.")
        covered = any(v.covered for v in comparison.sources)
        return Answer(
            question=question,
            answer="\n".join(lines) if covered else "None of the articles covers this topic.",
            abstained=not covered,
            answer_type="other",
            citations=comparison.citations,
            comparison=comparison,
            reason=None if covered else "no source covers the topic",
        )

    # -- decisions ---------------------------------------------------------------------------

    def _decide(self, kind: AnswerType, candidates: list[Candidate]) -> Decision:
        if not candidates:
            return Decision(False, "No passage in the articles matches the question.")
        covering = [
            c for c in candidates if c.context >= MIN_COVERAGE and c.coverage >= MIN_SENTENCE_COVERAGE
        ]
        if not covering:
            return Decision(False, "No sentence in the articles covers the question.")
        if kind in TYPED and not any(c.type_match for c in covering):
            return Decision(False, f"The articles touch on this but do not state {_KIND_WORDS[kind]} for it.")
        return Decision(True)

    # -- composing ---------------------------------------------------------------------------

    def _compose(
        self, question: str, kind: AnswerType, slots: list[Slot], candidates: list[Candidate]
    ) -> Answer:
        usable = [
            c
            for c in candidates
            if c.context >= MIN_COVERAGE
            and c.coverage >= MIN_SENTENCE_COVERAGE
            and (c.type_match or kind not in TYPED)
        ]
        best = usable[0]
        chosen: list[list[Candidate]] = [[best]]  # each inner list: one statement, its sources
        for c in usable[1:]:
            if c.score < SUPPORT_RATIO * best.score:
                break
            same = next((group for group in chosen if same_statement(group[0], c)), None)
            if same is not None:
                if c.source_id not in {g.source_id for g in same}:
                    same.append(c)
            elif (
                len(chosen) < MAX_STATEMENTS
                and sum(g[0].hit.passage.id == c.hit.passage.id for g in chosen) < 2
            ):
                chosen.append([c])
        # Same statements from sources beyond the threshold still get their citations.
        for c in usable:
            for group in chosen:
                if (
                    c is not group[0]
                    and same_statement(group[0], c)
                    and c.source_id not in {g.source_id for g in group}
                ):
                    group.append(c)
        citations: list[Citation] = []
        statements: list[Statement] = []
        for group in chosen:
            numbers = []
            for c in group:
                cit = _citation(self.index, c, len(citations) + 1)
                citations.append(cit)
                numbers.append(cit.n)
            statements.append(Statement(quote=group[0].sentence.text, citations=numbers))
        disagreement = self._disagreement(kind, slots, usable[0], candidates, citations)
        text = _text(statements)
        if disagreement:
            values = "; ".join(
                f"{v.value} {''.join(f'[{n}]' for n in v.citations)}" for v in disagreement.values
            )
            text += f"\nThe sources differ on {disagreement.about}: {values}."
        return Answer(
            question=question,
            answer=text,
            abstained=False,
            answer_type=kind,
            statements=statements,
            citations=citations,
            disagreement=disagreement,
            evidence=[c.evidence() for c in candidates[:10]],
        )

    def _disagreement(
        self,
        kind: AnswerType,
        slots: list[Slot],
        best: Candidate,
        candidates: list[Candidate],
        citations: list[Citation],
    ) -> Difference | None:
        """Different values for what was asked, one per source, when the sources differ.

        The best answer sentence fixes what is measured (its unit); every on-topic sentence of
        the evidence that states a value in the same unit speaks for its source.
        """
        if kind not in ("quantity", "date"):
            return None
        extract = quantities if kind == "quantity" else dates
        wanted = set().union(*(s.alternatives for s in slots))
        best_facts = [f for f in extract(best.sentence.text)]
        if not best_facts:
            return None
        focus = next((f for f in best_facts if set(f.about.split()) & wanted), best_facts[0])
        per_source: dict[str, tuple[Candidate, str, str]] = {}
        for c in [best] + candidates:
            if c.source_id in per_source or c.context < ON_TOPIC:
                continue
            fact = next(
                (f for f in extract(c.sentence.text) if f.about == focus.about and new_words(f.text, slots)),
                None,
            )
            if fact:
                per_source[c.source_id] = (c, fact.key, fact.text)
        keys = {key for _, key, _ in per_source.values()}
        if len(per_source) < 2 or len(keys) < 2:
            return None
        by_key: dict[str, Value] = {}
        for c, key, text in per_source.values():
            n = next((cit.n for cit in citations if cit.sentence_id == c.sentence.id), None)
            if n is None:
                cit = _citation(self.index, c, len(citations) + 1)
                citations.append(cit)
                n = cit.n
            v = by_key.setdefault(key, Value(value=text, source_ids=[], citations=[]))
            v.source_ids.append(c.source_id)
            v.citations.append(n)
        return Difference(about=describe(focus), values=list(by_key.values()))

    def _decline(self, question: str, kind: AnswerType, reason: str, candidates: list[Candidate]) -> Answer:
        covered = [d.meta.title or d.label() for d in islice(self.index.documents.values(), 6)]
        text = f"The articles don't answer this. {reason}"
        return Answer(
            question=question,
            answer=text,
            abstained=True,
            answer_type=kind,
            reason=reason,
            covered=covered,
            evidence=[c.evidence() for c in candidates[:5]],
        )


def same_statement(a: Candidate, b: Candidate) -> bool:
    return (
        fuzz.token_set_ratio(fold(a.sentence.text).lower(), fold(b.sentence.text).lower()) >= SAME_STATEMENT
    )


def _citation(index: Index, c: Candidate, n: int) -> Citation:
    meta = index.documents[c.source_id].meta
    s = c.sentence
    return Citation(
        n=n,
        source_id=c.source_id,
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


def _text(statements: list[Statement]) -> str:
    return "\n".join(f"{s.quote} {''.join(f'[{n}]' for n in s.citations)}" for s in statements)


def _original_words(question: str, surfaces: list[str]) -> list[str]:
    """The question's own spelling of some folded, lower-cased words."""
    found = []
    for word in re.findall(r"[^\W\d_]+", fold(question)):
        if word.lower() in surfaces:
            found.append(word)
    return found or surfaces
