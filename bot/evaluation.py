"""Answer-quality evaluation: citebot and a BM25 baseline on the same questions, per corpus.

A question set is a JSONL file; `QuestionRow` is its format (unknown keys are rejected). Kinds:
`ask` (answerable: every `all_of` group needs one alternative in the reply, and in the quotes
cited from the listed `sources` for "supported"), `abstain` (a near miss: the reply must abstain,
either declining or showing the closest passages as such) and `compare` (`all_of` groups found
in the comparison, at least `min_sources` sources covered; labelled `values`/`conflicts` are
scored on the comparison's `differences`, see `score_differences`).

The baseline is the plain extractive one: rank every sentence of the corpus with rank-bm25
(Okapi BM25, Robertson & Zaragoza 2009; k1=1.2, b=0.75) over the same analyzer's terms and
quote the two best. It never abstains.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.answering.models import Answer, Comparison
from bot.compare_quality import Score, score_one
from bot.compare_quality import baseline as compare_baseline
from bot.render import render_template
from bot.service import Service
from retrieval.passages import sentences

BASELINE_SENTENCES = 2


class QuestionRow(BaseModel):
    """One line of a question file."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Literal["ask", "abstain", "compare"]
    question: str
    all_of: list[list[str]] = []
    sources: list[str] = []
    near: str | None = None  # abstain: the tempting sentence the question was written against
    bonus_distinct: list[str] = []
    need: int = 1  # compare: how many all_of groups must be found
    min_sources: int = 1  # compare: how many sources must be covered
    measure: str | None = None  # compare: the labelled measure
    values: dict[str, list[str]] = {}  # compare: source id -> values it states ([] = silent)
    conflicts: list[list[str]] = []  # compare: pairs of source ids whose values contradict


def norm(text: str) -> str:
    """The scorer's normalisation: NFKC, dashes and quotes folded, emphasis dropped, lower case."""
    s = unicodedata.normalize("NFKC", text or "")
    for a, b in (
        ("\u2011", "-"),
        ("\u2010", "-"),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("*", ""),
        ("\\$", "$"),
    ):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip().lower()


def _groups_ok(text: str, groups: list[list[str]]) -> list[bool]:
    t = norm(text)
    return [any(norm(alt) in t for alt in g) for g in groups]


def load_questions(path: Path) -> list[QuestionRow]:
    """The rows of a JSONL question file. Raises ValueError naming the line and the bad key."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(QuestionRow.model_validate_json(line))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "line"
            raise ValueError(f"{path}:{number}: {where}: {err['msg']}") from None
    return rows


@dataclass
class Tally:
    """Counts for one system on one question set."""

    n_ask: int = 0
    n_abstain: int = 0
    n_compare: int = 0
    found: int = 0  # answerable: every group in the reply
    shown: int = 0  # answerable: every group in the reply or in the closest passages it shows
    supported: int = 0  # ... and in quotes cited from a listed source
    false_declines: int = 0
    near_abstained: int = 0  # unanswerable: abstained (declined or closest passages)
    misleading: int = 0  # an answer (not an abstention) that does not hold what was asked
    answer_words: int = 0
    answers: int = 0
    compare_ok: int = 0
    cites: int = 0
    verbatim: int = 0
    misses: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "found": r(self.found, self.n_ask),
            "shown": r(self.shown, self.n_ask),
            "supported": r(self.supported, self.n_ask),
            "false_declines": r(self.false_declines, self.n_ask),
            "near_abstained": r(self.near_abstained, self.n_abstain),
            "misleading": r(self.misleading, self.n_ask + self.n_abstain),
            "words": self.answer_words / self.answers if self.answers else 0.0,
            "compare": r(self.compare_ok, self.n_compare),
            "verbatim": r(self.verbatim, self.cites),
        }

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class CorpusReport:
    name: str
    citebot: Tally
    baseline: Tally
    # Labelled comparisons (rows with `values`), scored on the aligned fields; see bot.compare_quality.
    comparisons: tuple[Score, Score] | None = None


def _quote_words(answer: Answer) -> int:
    return sum(len(s.quote.split()) for s in answer.statements)


def score_answer(row: QuestionRow, answer: Answer, texts: dict[str, str], tally: Tally) -> None:
    """Add one reply to a tally (kinds ask and abstain)."""
    for cit in answer.citations + answer.closest:
        tally.cites += 1
        tally.verbatim += norm(cit.quote) in texts.get(cit.source_id, "")
    shown = " || ".join(s.quote for s in answer.statements) or answer.answer
    if not answer.abstained:
        tally.answers += 1
        tally.answer_words += _quote_words(answer)
    if row.kind == "abstain":
        tally.n_abstain += 1
        if answer.abstained:
            tally.near_abstained += 1
        else:
            tally.misleading += 1
            tally.misses.append(f"{row.id} should abstain: {row.question} -> {shown[:100]!r}")
        return
    tally.n_ask += 1
    tally.shown += all(
        _groups_ok(" || ".join(c.quote for c in answer.citations + answer.closest), row.all_of)
    )
    if answer.abstained:
        tally.false_declines += 1
        tally.misses.append(f"{row.id} declined: {row.question} ({answer.reason})")
        return
    ok = all(_groups_ok(shown, row.all_of))
    quotes = " || ".join(c.quote for c in answer.citations if c.source_id in row.sources)
    sup = ok and all(_groups_ok(quotes, row.all_of))
    tally.found += ok
    tally.supported += sup
    tally.misleading += not ok
    if not sup:
        tally.misses.append(f"{row.id} found={ok} supported={sup}: {row.question} -> {shown[:120]!r}")


def score_compare(row: QuestionRow, comparison: Comparison, texts: dict[str, str], tally: Tally) -> None:
    """Add one comparison to a tally: the `all_of` groups in its statements and differences."""
    tally.n_compare += 1
    shown = " || ".join(st.quote for v in comparison.sources for st in v.statements)
    shown += " || " + " || ".join(v.value for d in comparison.differences for v in d.values)
    hits = sum(_groups_ok(shown, row.all_of))
    covered = {v.source_id for v in comparison.sources if v.covered}
    ok = hits >= min(row.need, len(row.all_of)) and len(covered) >= row.min_sources
    tally.compare_ok += ok
    for cit in comparison.citations:
        tally.cites += 1
        tally.verbatim += norm(cit.quote) in texts.get(cit.source_id, "")
    if not ok:
        tally.misses.append(f"{row.id} compare: groups {hits}/{row.need}, sources {len(covered)}")


class Baseline:
    """Quote the BASELINE_SENTENCES best sentences of the corpus by BM25 (rank-bm25)."""

    def __init__(self, service: Service) -> None:
        from rank_bm25 import BM25Okapi

        index = service.index
        self._analyzer = index.analyzer
        self._rows: list[tuple[str, str]] = []  # (source id, sentence)
        docs: list[list[str]] = []
        for sid in index.source_ids():
            for p in index.passages_of(sid):
                for s in sentences(p):
                    self._rows.append((sid, s.text))
                    docs.append(index.analyzer.terms(s.text) or ["\x00"])
        self._bm25 = BM25Okapi(docs, k1=1.2, b=0.75) if docs else None

    def top(self, question: str) -> list[tuple[str, str]]:
        if self._bm25 is None:
            return []
        scores = self._bm25.get_scores(self._analyzer.terms(question))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:BASELINE_SENTENCES]
        return [self._rows[i] for i in order]

    def score(self, row: QuestionRow, tally: Tally) -> None:
        picked = self.top(row.question)
        shown = " || ".join(text for _, text in picked)
        tally.cites += len(picked)
        tally.verbatim += len(picked)
        if row.kind == "compare":
            tally.n_compare += 1
            tally.compare_ok += sum(_groups_ok(shown, row.all_of)) >= min(row.need, len(row.all_of))
            return
        tally.answers += 1
        tally.answer_words += len(shown.split()) - shown.count("||")
        if row.kind == "abstain":
            tally.n_abstain += 1
            tally.misleading += 1
            return
        tally.n_ask += 1
        ok = all(_groups_ok(shown, row.all_of))
        tally.found += ok
        tally.shown += ok
        tally.supported += ok and all(
            _groups_ok(" || ".join(t for sid, t in picked if sid in row.sources), row.all_of)
        )
        tally.misleading += not ok


def evaluate(service: Service, rows: list[QuestionRow], name: str = "corpus") -> CorpusReport:
    """citebot and the baseline on the same questions and corpus."""
    texts = {sid: norm(d.text) for sid, d in service.index.documents.items()}
    ours, base = Tally(), Tally()
    aligned, aligned_base = Score(), Score()
    baseline = Baseline(service)
    for row in rows:
        if row.kind == "compare":
            comparison = service.compare(row.question)
            score_compare(row, comparison, texts, ours)
            if row.values:
                score_one(comparison.model_dump(mode="json"), row.model_dump(), aligned)
                score_one(compare_baseline(service, row.question), row.model_dump(), aligned_base)
        else:
            score_answer(row, service.ask(row.question), texts, ours)
        baseline.score(row, base)
    labelled = any(r.kind == "compare" and r.values for r in rows)
    return CorpusReport(name, ours, base, (aligned, aligned_base) if labelled else None)


def corpus_of(path: Path) -> tuple[Path, Path]:
    """(question file, corpus folder) for a folder holding questions.jsonl and corpus/, or a file
    with a corpus/ folder beside it."""
    if path.is_dir():
        return path / "questions.jsonl", path / "corpus"
    return path, path.parent / "corpus"


def report_json(reports: list[CorpusReport]) -> dict[str, object]:
    total_ours, total_base = Tally(), Tally()
    out: dict[str, object] = {}
    for r in reports:
        total_ours.add(r.citebot)
        total_base.add(r.baseline)
        out[r.name] = {"citebot": r.citebot.rates(), "baseline": r.baseline.rates()}
        if r.comparisons is not None:
            out[r.name]["comparisons"] = {  # type: ignore[index]
                "citebot": r.comparisons[0].figures(),
                "baseline": r.comparisons[1].figures(),
            }
    out["total"] = {"citebot": total_ours.rates(), "baseline": total_base.rates()}
    return out


def dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def render_eval(reports: list[CorpusReport]) -> str:
    """The `citebot eval` table: citebot and the baseline per corpus, then the total (plain text)."""
    total_ours, total_base = Tally(), Tally()
    table, counts = [], []
    for r in reports:
        total_ours.add(r.citebot)
        total_base.add(r.baseline)
        table.append((r.name, [("citebot", r.citebot.rates()), ("baseline", r.baseline.rates())]))
        counts.append((r.name, r.citebot.n_ask, r.citebot.n_abstain, r.citebot.n_compare))
    if len(reports) > 1:
        table.append(("total", [("citebot", total_ours.rates()), ("baseline", total_base.rates())]))
    compared = [
        (r.name, r.comparisons[0].figures(), r.comparisons[1].figures()) for r in reports if r.comparisons
    ]
    return render_template("eval.txt", table=table, counts=counts, compared=compared) + "\n"
