"""Comparison quality over labelled measures: `python -m bot.compare_quality CORPUS LABELS`.

LABELS is JSONL; each `compare` row has `question`, `measure`, `values` (source id -> the
snippets in which that source states the measure; [] when it does not) and `conflicts`
(pairs of source ids whose values contradict). Scored on the aligned fields, not on quotes:

- disagreements: labelled conflict pairs found as one `differences` entry in which the two
  sources hold their labelled values, as different values, at least one marked 'conflict';
- mixed: values in `differences` that match no labelled snippet of any of their sources
  (a difference between different measures; should be 0);
- silent precision: sources called silent that state nothing labelled;
- attributed: labelled (question, source) values found in `differences` or `agreements`
  (`values`) under that source id;
- quoted: labelled (question, source) values stated in that source's quotes (what a reader
  of the quotes alone would find; a baseline can score here);
- cited stating: share of sources quoted that state a labelled value in their quotes.

The baseline quotes the best BM25 sentence from every file (rank-bm25 over the file's
sentences) and aligns nothing, so it scores only on quoted and cited stating.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
}
_STOP = frozenset("the a an of to in on by for and or with at from that is are was were be its it".split())


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).lower()
    for a, b in (("\u2011", "-"), ("\u2013", "-"), ("\u2014", "-"), ("\u2019", "'"), ("\u00a0", " ")):
        t = t.replace(a, b)
    return t


def _numbers(text: str) -> set[str]:
    t = _norm(text)
    found = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", t)}
    for tens, unit in re.findall(r"\b([a-z]+ty)[- ]([a-z]+)\b", t):  # 'twenty-five' is 25, not 20 and 5
        if tens in _WORDS and unit in _WORDS and int(_WORDS[unit]) < 10:
            found.add(str(int(_WORDS[tens]) + int(_WORDS[unit])))
            t = t.replace(f"{tens}-{unit}", " ").replace(f"{tens} {unit}", " ")
    found |= {_WORDS[w] for w in re.findall(r"[a-z]+", t) if w in _WORDS}
    return found


_TIME_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "spring summer autumn fall winter".split()
)


def _times(text: str) -> set[str]:
    """The months and seasons a text names ('until October' -> {'october'})."""
    return {w for w in re.findall(r"[a-z]+", _norm(text)) if w in _TIME_WORDS}


def matches(value: str, snippet: str) -> bool:
    """Whether a stated value is the labelled snippet: same numbers when the snippet has any;
    else, for a value naming a month or season without a number ('October', 'the autumn'), a
    time the snippet names; else most of its content words."""
    nums = _numbers(snippet)
    if nums:
        return nums <= _numbers(value) or _numbers(value) <= nums and bool(_numbers(value))
    if _times(value) and not _numbers(value):
        return _times(value) <= _times(snippet)
    words = {w for w in re.findall(r"[a-z]+", _norm(snippet)) if w not in _STOP}
    have = set(re.findall(r"[a-z]+", _norm(value)))
    return bool(words) and len(words & have) >= 0.6 * len(words)


@dataclass
class Score:
    conflicts: int = 0
    conflicts_found: int = 0
    differences: int = 0
    mixed: int = 0
    silent: int = 0
    silent_right: int = 0
    labelled: int = 0
    attributed: int = 0
    quoted: int = 0
    cited: int = 0
    cited_stating: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        def r(a: int, b: int) -> float:
            return round(a / b, 3) if b else 1.0

        return {
            "disagreements_found": r(self.conflicts_found, self.conflicts),
            "mixed_differences": self.mixed,
            "silent_precision": r(self.silent_right, self.silent),
            "attributed": r(self.attributed, self.labelled),
            "quoted": r(self.quoted, self.labelled),
            "cited_stating": r(self.cited_stating, self.cited),
        }


def score_one(data: dict, row: dict, score: Score) -> None:
    """Add one comparison (the JSON of `citebot compare`) against one labelled row."""
    labels: dict[str, list[str]] = row["values"]
    stated = [
        sid for sid, snippets in labels.items() if snippets
    ]  # in label order: misses print alike in every run

    def labelled(sid: str, value: str) -> bool:
        return any(matches(value, s) for s in labels.get(sid, []))

    diffs = data.get("differences", [])
    source_of = {c["n"]: c["source_id"] for c in data.get("citations", [])}

    def stated_as(v: dict, sid: str) -> list[str]:
        """How the source words the value: its own cited wording, else the value shown."""
        own = [
            t
            for t, n in zip(v.get("texts", []), v.get("citations", []), strict=False)
            if source_of.get(n) == sid
        ]
        if own and not any(_numbers(t) or _times(t) for t in own):
            own.append(v["value"])  # 'Tuesday', 'next year': the time they name, as the value shows it
        return own or [v["value"]]

    def holds(v: dict, sid: str) -> bool:
        return sid in v["source_ids"] and any(labelled(sid, t) for t in stated_as(v, sid))

    for a, b in row.get("conflicts", []):
        score.conflicts += 1
        found = any(
            va is not vb
            and holds(va, a)
            and holds(vb, b)
            and "conflict" in (va.get("status", "conflict"), vb.get("status", "conflict"))
            for d in diffs
            for va in d["values"]
            for vb in d["values"]
        )
        score.conflicts_found += found
        if not found:
            score.misses.append(f"{row['id']}: conflict {a} / {b} not found")
    for d in diffs:
        score.differences += 1
        for v in d["values"]:
            if not any(holds(v, sid) for sid in v["source_ids"]):
                score.mixed += 1
                score.misses.append(
                    f"{row['id']}: difference value {v['value']!r} {v['source_ids']} not labelled"
                )
    for sid in data.get("silent", []):
        score.silent += 1
        score.silent_right += sid not in stated
        if sid in stated:
            score.misses.append(f"{row['id']}: {sid} called silent")
    aligned = [v for d in diffs for v in d["values"]] + [
        v
        for a in data.get("agreements", [])
        for v in (a.get("values") or [{"value": a["value"], "source_ids": a["source_ids"]}])
    ]
    quotes: dict[str, list[str]] = {}
    for src in data.get("sources", []):
        quotes[src["source_id"]] = [st["quote"] for st in src.get("statements", [])]
    for sid in stated:
        score.labelled += 1
        ok = any(holds(v, sid) for v in aligned)
        score.attributed += ok
        score.quoted += any(
            labelled(sid, q) or any(s.lower() in q.lower() for s in labels[sid]) for q in quotes.get(sid, [])
        )
        if not ok:
            score.misses.append(f"{row['id']}: {sid} value {labels[sid]} not attributed")
    for sid, qs in quotes.items():
        if qs:
            score.cited += 1
            score.cited_stating += any(labelled(sid, q) for q in qs)


def baseline(service, question: str) -> dict:
    """The best BM25 sentence of every file (rank-bm25 over each file's sentences), aligned nothing."""
    from rank_bm25 import BM25Okapi

    from retrieval.passages import sentences

    index = service.index
    terms = index.analyzer.terms
    q = terms(question)
    sources = []
    for sid in index.source_ids():
        sents = [s for p in index.passages_of(sid) for s in sentences(p)]
        if not sents:
            continue
        bm = BM25Okapi([terms(s.text) or ["_"] for s in sents])
        scores = bm.get_scores(q)
        best = max(range(len(sents)), key=lambda i: scores[i])
        sources.append({"source_id": sid, "statements": [{"quote": sents[best].text}]})
    return {"sources": sources, "differences": [], "agreements": [], "silent": []}


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("kind") == "compare" and "values" in r]


def run(corpus: Path, labels: Path, verbose: bool = False) -> tuple[Score, Score]:
    from bot.service import Service

    service = Service.open(corpus, persist=False)
    ours, base = Score(), Score()
    for row in load(labels):
        comparison = service.compare(row["question"])
        score_one(comparison.model_dump(mode="json"), row, ours)
        score_one(baseline(service, row["question"]), row, base)
    if verbose:
        for m in ours.misses:
            print("  miss:", m, file=sys.stderr)
    return ours, base


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot.compare_quality", description=__doc__.splitlines()[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("labels", type=Path)
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    ours, base = run(args.corpus, args.labels, args.verbose)
    from bot.render import render_template

    print(render_template("compare_quality.txt", ours=ours.figures(), baseline=base.figures()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
