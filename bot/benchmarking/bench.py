"""`citebot bench`: rank-bm25 and tantivy side by side on generated news archives.

For each size a corpus of article files is generated (fixed seed, `bot.benchmarking.synthetic`) in a
temporary folder, so the whole pipeline is measured: reading and classifying the files,
analysis, index build and persistence. Each engine then runs in two fresh processes:

- build: `Service.open` on the corpus with nothing cached (build time, peak RSS), then the
  size of the saved index on disk;
- serve: `Service.open` again, as a restarted bot would (load time: a persisted index is
  loaded; rank-bm25, which is not persisted, builds again), then timed questions: search
  (`Service.search`, top 10), the raw engine on the same analysed terms (`engine.top`), a full
  answer (`Service.ask` + `render_answer`, question to rendered reply) and a comparison
  (`Service.compare` + `render_comparison`); peak RSS at the end;
- add: the corpus opened as a running bot has it, then one new article file written into
  the corpus, `Service.reopen` as /reload, SIGHUP and the folder watcher do (an incremental
  update of the persisted index taken into the running one; rank-bm25 builds again) and a
  question about the new article, which must cite it: "add s" is file written to cited
  answer; then the file is deleted and the same again until no answer cites it ("remove s").
  The update's counts show what was indexed and what was left untouched, and how long the
  update itself took (the rest of "add s" is making the new index and answering).

Sizes are generated on disk one article at a time and the build spills passages to disk, so
10M passages (`--sizes 10M`) never sit in memory at once.

Five questions warm each measurement up and are not counted. Nothing here is a test: CI only
runs the smallest size to show that it works.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.render import render_template

if TYPE_CHECKING:
    from bot.service import Service

RANK_BM25_MAX = 100_000  # above this rank-bm25 is skipped (templates/bench_note.txt says why)
WARMUP = 5
COMPARE_TOPICS = 40
SEED_QUESTIONS = [
    "Who chairs the PCC?",
    "How much bitcoin does El Salvador hold?",
    "When was the letter of intent signed?",
    "What is the capital of Kenya?",
    "How many megawatts of electricity will Pakistan allocate to bitcoin mining?",
]


def run_bench(
    sizes: list[int],
    engines: list[str],
    out: Path | None,
    *,
    questions: int = 200,
    corpus: Path | None = None,
) -> int:
    """Run every size and engine, printing the table's rows as they come (and writing the whole
    table to `out`); 0 unless a run failed. With `corpus`, that folder is measured instead of
    generated archives (`sizes` unused; questions are taken from its own passages) and the
    seeds line is left out."""
    rows: list[dict] = []
    notes: list[str] = []
    failed = False
    lines = _header()
    print("\n".join(lines), flush=True)

    def row(line: str) -> None:
        lines.append(line)
        print(line, flush=True)

    for size in [0] if corpus is not None else sizes:
        with tempfile.TemporaryDirectory(prefix="citebot-bench-") as tmp:
            if corpus is None:
                folder = Path(tmp) / "corpus"
                started = time.perf_counter()
                made = _worker(["generate", str(folder), str(size)])
                _say(
                    render_template(
                        "bench_generated.txt", size=size, **made, seconds=time.perf_counter() - started
                    )
                )
            else:
                folder, made = corpus, {"articles": 0, "passages": 0}  # 0 articles: questions from the corpus
            for engine in engines:
                if engine == "rank-bm25" and size > RANK_BM25_MAX:
                    notes.append(render_template("bench_note.txt", max=RANK_BM25_MAX))
                    continue
                index_dir = Path(tmp) / f"index-{engine}"
                try:
                    built = _worker(["build", str(folder), engine, str(index_dir)])
                    served = _worker(
                        ["serve", str(folder), engine, str(index_dir), str(made["articles"]), str(questions)]
                    )
                    if made["articles"]:
                        served |= _worker(["add", str(folder), engine, str(index_dir), str(made["articles"])])
                except RuntimeError as exc:
                    _say(render_template("bench_failed.txt", engine=engine, size=size, error=exc))
                    failed = True
                    continue
                rows.append(
                    {**built, **served, "size": made["passages"] or built["passages"], "engine": engine}
                )
                row(_row(rows[-1]))
    tail = [""]
    if corpus is None:
        tail.append(render_template("bench_seeds.txt", **_worker(["seeds"])))
    tail += sorted(set(notes))
    for line in tail if len(tail) > 1 else []:
        row(line)
    if out is not None:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _worker(args: list[str]) -> dict:
    """Run one phase in a fresh Python process; its last output line is a JSON object."""
    proc = subprocess.run(
        [sys.executable, "-m", "bot.benchmarking.bench", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if proc.returncode != 0:
        raise RuntimeError(
            proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return (
        statistics.median(ordered) * 1000,
        ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
    )


def _row(r: dict) -> str:
    return render_template("bench_row.txt", r=r)


def _header() -> list[str]:
    return render_template(
        "bench_header.txt", **_machine(), python=platform.python_version(), date=time.strftime("%Y-%m-%d")
    ).splitlines()


def _machine() -> dict[str, Any]:
    """The CPU count and model and the RAM in GB (None where unknown), for bench_header.txt."""
    cpu: str | None = None
    ram_gb: float | None = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram_gb = mem / 1024 / 1024
    except (OSError, StopIteration, ValueError):
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "ram_gb": ram_gb}


# -- the phases, each in its own process --------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _generate(corpus: Path, size: int) -> dict:
    from bot.benchmarking.synthetic import Generator

    articles, passages = Generator().write(corpus, size)
    return {"articles": articles, "passages": passages, "mb": _du_mb(corpus)}


def _build(corpus: Path, engine: str, index_dir: Path) -> dict:
    from bot.service import Service

    started = time.perf_counter()
    service = Service.open(corpus, engine=engine, index_dir=index_dir)
    build_s = time.perf_counter() - started
    opened = service.opened
    size = f"{_du_mb(opened.location):.0f}" if opened and opened.location else "not saved"
    passages = len(service.index.passages)
    return {"build_s": build_s, "index_mb": size, "build_rss_mb": _peak_mb(), "passages": passages}


def _serve(corpus: Path, engine: str, index_dir: Path, n_articles: int, n_questions: int) -> dict:
    from bot.benchmarking.synthetic import Generator
    from bot.render import render_answer, render_comparison
    from bot.service import Service

    started = time.perf_counter()
    service = Service.open(corpus, engine=engine, index_dir=index_dir)
    load_s = time.perf_counter() - started
    if n_articles:
        generator = Generator()
        questions = generator.questions(n_articles, n_questions + WARMUP)
        topics = generator.topics(n_articles, COMPARE_TOPICS + WARMUP)
    else:  # an operator's own corpus: its passages' openings as questions, its titles as topics
        questions, topics = _own_questions(service, n_questions + WARMUP, COMPARE_TOPICS + WARMUP)
    index = service.index
    analysed = [index.query(q).terms for q in questions]
    declined: list[bool] = []

    def answer(q: str) -> str:
        a = service.ask(q)
        declined.append(a.abstained)
        return render_answer(a, "text")

    return {
        "load_s": load_s,
        "loaded": bool(service.opened and service.opened.loaded),
        "search": _ms(_timed(questions, lambda q: service.search(q, 10))),
        "engine_ms": _ms(_timed(analysed, lambda terms: index.engine.top(terms, 10))),
        "answer": _ms(_timed(questions, answer)),
        "answered": 1 - sum(declined[WARMUP:]) / n_questions,
        "compare": _ms(_timed(topics, lambda t: render_comparison(service.compare(t), "text"))),
        "serve_rss_mb": _peak_mb(),
    }


def _add(corpus: Path, engine: str, index_dir: Path, n_articles: int) -> dict:
    """Add one generated article to the corpus of a running service, reopen it, ask about the
    article; then remove it again."""
    from bot.benchmarking.synthetic import Generator
    from bot.service import Service

    article = Generator().article(n_articles)  # the next number: an article the corpus lacks
    fact = article.facts[0] if article.facts else None
    question = (
        f"How much will the {fact.acronym} spend on {fact.topic} in {fact.place}?"
        if fact
        else f"What do the sources say about {article.title}?"
    )
    path = corpus / "added" / f"article_{article.number:07d}.txt"
    path.parent.mkdir(exist_ok=True)

    def cites(service: Service) -> bool:
        return any(c.source_id == path.stem for c in service.ask(question).citations)

    service = Service.open(corpus, engine=engine, index_dir=index_dir)  # the running bot
    cites(service)  # and warm, as a bot that has answered questions is
    started = time.perf_counter()
    path.write_text(article.text, encoding="utf-8")
    service = service.reopen()
    cited = cites(service)
    add_s = time.perf_counter() - started
    update = service.opened.update if service.opened else None
    started = time.perf_counter()
    path.unlink()
    service = service.reopen()
    gone = not cites(service)
    remove_s = time.perf_counter() - started
    path.parent.rmdir()
    return {
        "add_s": add_s,
        "remove_s": remove_s,
        "cited": cited,
        "gone": gone,
        "indexed": update.passages_added + update.reindexed if update else None,
        "update_s": update.seconds if update else None,
        "untouched": update.unchanged if update else None,
    }


def _own_questions(service: Service, n_questions: int, n_topics: int) -> tuple[list[str], list[str]]:
    """Questions and comparison topics for a corpus nobody generated: the opening words of
    passages drawn with a fixed seed, and the sources' titles (or first words), repeated as needed."""
    rng = random.Random(7)
    index = service.index
    ids = index.source_ids()
    questions = []
    for _ in range(n_questions):
        passages = index.passages_of(rng.choice(ids))
        words = rng.choice(passages).text.split()[:10] if passages else ["news"]
        questions.append(" ".join(words).rstrip(".,;:") + "?")
    titles = [s.title or s.source_id for s in service.sources()]
    return questions, [titles[i % len(titles)] for i in range(n_topics)]


def _timed(items: list, call: Callable[[Any], object]) -> list[float]:
    times = []
    for i, item in enumerate(items):
        started = time.perf_counter()
        call(item)
        if i >= WARMUP:
            times.append(time.perf_counter() - started)
    return times


def _seeds() -> dict:
    from bot.render import render_answer
    from bot.service import Service

    root = Path(__file__).resolve().parents[2]
    fresh = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", SEED_QUESTIONS[0], "--corpus", str(root / "seeds")],
            capture_output=True,
            check=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("CITEBOT_")},
        )
        fresh.append(time.perf_counter() - started)
    service = Service.open(root / "seeds", persist=False)
    items = SEED_QUESTIONS * 40
    return {
        "fresh_ask_s": statistics.median(fresh),
        "answer": _ms(_timed(items, lambda q: render_answer(service.ask(q), "text"))),
    }


def main(argv: list[str]) -> int:
    phase, *rest = argv
    if phase == "generate":
        result = _generate(Path(rest[0]), int(rest[1]))
    elif phase == "build":
        shutil.rmtree(rest[2], ignore_errors=True)
        result = _build(Path(rest[0]), rest[1], Path(rest[2]))
    elif phase == "serve":
        result = _serve(Path(rest[0]), rest[1], Path(rest[2]), int(rest[3]), int(rest[4]))
    elif phase == "add":
        result = _add(Path(rest[0]), rest[1], Path(rest[2]), int(rest[3]))
    elif phase == "seeds":
        result = _seeds()
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
