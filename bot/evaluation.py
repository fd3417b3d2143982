"""Answer-quality evaluation over a question set (the format of shared/eval/dev_questions.jsonl).

Kinds: `ask` (answerable; every `all_of` group needs one alternative in the answer and in the
quotes cited from the listed `sources`), `abstain` (must be declined) and `compare` (`need`
groups found in the comparison, at least `min_sources` sources cited).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.service import Service


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


@dataclass
class Report:
    n_ask: int = 0
    n_abstain: int = 0
    n_compare: int = 0
    correct: int = 0
    supported: int = 0
    abstain_ok: int = 0
    false_abstain: int = 0
    compare_ok: int = 0
    cites: int = 0
    faithful: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rates(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "correct": r(self.correct, self.n_ask),
            "supported": r(self.supported, self.n_ask),
            "declined": r(self.abstain_ok, self.n_abstain),
            "false_declines": r(self.false_abstain, self.n_ask),
            "compare": r(self.compare_ok, self.n_compare),
            "verbatim": r(self.faithful, self.cites),
        }

    def summary(self) -> str:
        x = self.rates
        return (
            f"answerable correct {self.correct}/{self.n_ask} ({x['correct']:.0%}), supported {self.supported}/{self.n_ask} "
            f"({x['supported']:.0%}); unanswerable declined {self.abstain_ok}/{self.n_abstain} ({x['declined']:.0%}); "
            f"false declines {self.false_abstain}/{self.n_ask} ({x['false_declines']:.0%}); comparisons "
            f"{self.compare_ok}/{self.n_compare} ({x['compare']:.0%}); verbatim quotes {self.faithful}/{self.cites} "
            f"({x['verbatim']:.0%})"
        )


def load_questions(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if row.get("kind") not in ("ask", "abstain", "compare") or not row.get("question"):
            raise ValueError(f"{path}:{number}: needs a kind (ask, abstain, compare) and a question")
        rows.append(row)
    return rows


def evaluate(service: Service, rows: list[dict]) -> Report:
    rep = Report()
    texts = {sid: norm(d.text) for sid, d in service.index.documents.items()}
    for row in rows:
        kind, q = row["kind"], row["question"]
        if kind == "compare":
            rep.n_compare += 1
            c = service.compare(q)
            dump = json.dumps(c.model_dump(mode="json"), ensure_ascii=False)
            hits = sum(_groups_ok(dump, row.get("all_of", [])))
            sources = {v.source_id for v in c.sources if v.covered}
            ok = hits >= row.get("need", 1) and len(sources) >= row.get("min_sources", 1)
            rep.compare_ok += ok
            for cit in c.citations:
                rep.cites += 1
                rep.faithful += norm(cit.quote) in texts.get(cit.source_id, "")
            if not ok:
                rep.misses.append(
                    f"{row.get('id')} compare: groups {hits}/{row.get('need', 1)}, sources {len(sources)}"
                )
            continue
        a = service.ask(q)
        for cit in a.citations:
            rep.cites += 1
            rep.faithful += norm(cit.quote) in texts.get(cit.source_id, "")
        if kind == "abstain":
            rep.n_abstain += 1
            rep.abstain_ok += a.abstained
            if not a.abstained:
                rep.misses.append(f"{row.get('id')} should decline: {q} -> {a.answer[:100]!r}")
            continue
        rep.n_ask += 1
        if a.abstained:
            rep.false_abstain += 1
            rep.misses.append(f"{row.get('id')} declined: {q} ({a.reason})")
            continue
        groups = row.get("all_of", [])
        ok = all(_groups_ok(a.answer, groups))
        quotes = " || ".join(c.quote for c in a.citations if c.source_id in row.get("sources", []))
        sup = all(_groups_ok(quotes, groups))
        rep.correct += ok
        rep.supported += sup
        if not (ok and sup):
            rep.misses.append(f"{row.get('id')} correct={ok} supported={sup}: {q} -> {a.answer[:120]!r}")
    return rep
