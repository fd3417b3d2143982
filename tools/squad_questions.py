"""Turn a SQuAD 2.0 *train* file (or a fragment of it) into two citebot question sets.

    python tools/squad_questions.py train-v2.0.json tests/data/heldout --articles 10

SQuAD 2.0 (Rajpurkar, Jia and Liang 2018, "Know What You Don't Know") pairs crowd-written
questions with Wikipedia paragraphs; a third of its train questions are unanswerable, written to
look answerable (`is_impossible`, with a `plausible_answers` span). Its dev split is reserved for
independent evaluation and must never be used here: this script refuses a file whose first article
is not the train split's ('Beyoncé').

Each article becomes one file of a corpus (title, blank line, paragraphs). Answerable questions
become `ask` rows (every distinct gold answer an alternative of one `all_of` group); unanswerable
ones become `abstain` rows whose `near` is the sentence holding the plausible answer. The articles
are split in two halves (`squad-a`, `squad-b`), so rules can be read from one and measured on the
other. Answerable questions are sampled (sha256 order of their ids) down to `--answerable`, so
about a quarter of the questions are near misses, as in the evaluation sets; every unanswerable
question is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentence_at(text: str, offset: int) -> str:
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    start = max(s for s in starts if s <= offset)
    later = [s for s in starts if s > start]
    return text[start : later[0] if later else len(text)].strip()


def _stem(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", title)


def _rows(article: dict) -> list[dict]:
    stem = _stem(article["title"])
    rows = []
    for paragraph in article["paragraphs"]:
        context = paragraph["context"].replace("\n", " ")
        for qa in paragraph["qas"]:
            question = qa["question"].strip()
            if qa.get("is_impossible"):
                plausible = qa.get("plausible_answers") or []
                near = _sentence_at(context, plausible[0]["answer_start"]) if plausible else ""
                rows.append({"id": qa["id"], "kind": "abstain", "question": question, "near": near})
                continue
            answers = sorted({a["text"].strip() for a in qa["answers"] if a["text"].strip()})
            if answers:
                rows.append(
                    {
                        "id": qa["id"],
                        "kind": "ask",
                        "question": question,
                        "all_of": [answers],
                        "sources": [stem],
                    }
                )
    return rows


def _write(folder: Path, articles: list[dict], rows: list[dict]) -> tuple[int, int]:
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    stems = set()
    for article in articles:
        paragraphs = [p["context"].replace("\n", " ").strip() for p in article["paragraphs"]]
        title = article["title"].replace("_", " ")
        stems.add(_stem(article["title"]))
        (folder / "corpus" / f"{_stem(article['title'])}.txt").write_text(
            title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    mine = sorted((r for r in rows if r["article"] in stems), key=lambda r: r["id"])
    (folder / "questions.jsonl").write_text(
        "".join(
            json.dumps({k: v for k, v in r.items() if k != "article"}, ensure_ascii=False) + "\n"
            for r in mine
        ),
        encoding="utf-8",
    )
    return sum(r["kind"] == "ask" for r in mine), sum(r["kind"] == "abstain" for r in mine)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="a SQuAD 2.0 train JSON file")
    ap.add_argument("out", type=Path, help="folder to write squad-a/ and squad-b/ into")
    ap.add_argument("--articles", type=int, default=10, help="how many articles, from the file's start")
    ap.add_argument("--answerable", type=int, default=1050, help="answerable questions kept in all")
    ap.add_argument(
        "--half-a", nargs="*", default=None, help="titles of squad-a's articles (default: every other)"
    )
    args = ap.parse_args()
    data = json.loads(args.source.read_text(encoding="utf-8"))["data"][: args.articles]
    if not data or data[0]["title"] != "Beyoncé":
        raise SystemExit(
            "not SQuAD 2.0 train: its first article is 'Beyoncé' (the dev split must not be used)"
        )
    rows = [dict(r, article=_stem(a["title"])) for a in data for r in _rows(a)]
    ask = sorted(
        (r for r in rows if r["kind"] == "ask"), key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest()
    )
    rows = [*ask[: args.answerable], *(r for r in rows if r["kind"] == "abstain")]
    first = set(args.half_a) if args.half_a is not None else {a["title"] for a in data[0::2]}
    halves = {
        "squad-a": [a for a in data if a["title"] in first],
        "squad-b": [a for a in data if a["title"] not in first],
    }
    for name, articles in halves.items():
        ask_n, near_n = _write(args.out / name, articles, rows)
        print(f"{name}: {len(articles)} articles, {ask_n} answerable, {near_n} unanswerable")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
