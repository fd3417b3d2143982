"""`citebot bench` (bot/benchmarking/bench.py): the table, each row printed once, an operator's own corpus.

No timing is checked: the figures are for people (BENCHMARKS.md).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("clean_env")


def test_bench_on_an_own_corpus_prints_each_row_once(cli, small_corpus, small_service, tmp_path):
    out = tmp_path / "bench.md"
    result = cli(
        "bench", "--corpus", str(small_corpus), "--engines", "tantivy", "--questions", "5",
        "--out", str(out),
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Machine: ") and lines[1] == ""
    assert lines[2].startswith("| passages | engine | build s |") and lines[3].startswith("|---|")
    passages = sum(s.passages for s in small_service.sources())
    rows = lines[4:]
    assert [r.split(" | ")[:2] for r in rows] == [[f"| {passages}", "tantivy"]]
    assert all(re.fullmatch(r"\|( [^|]+ \|){12}", r) for r in rows)
    assert all(r.endswith(" | - |") for r in rows), "no article is added to an operator's corpus"
    assert len(lines) == 5, "no seeds line for an own corpus, and nothing printed twice"
    assert out.read_text(encoding="utf-8") == result.stdout
    assert not (small_corpus / ".citebot-index").exists(), "the operator's folder is only read"


def test_bench_on_a_missing_corpus_is_one_line(cli, tmp_path):
    result = cli("bench", "--corpus", str(tmp_path / "nowhere"))
    assert (result.returncode, result.stdout) == (1, "")
    assert (
        result.stderr
        == f"error: corpus folder not found: {tmp_path / 'nowhere'} (give --corpus an existing folder)\n"
    )


def test_bench_runs_at_its_smallest_size(cli, tmp_path):
    """The CI smoke run of `citebot bench` (no timing is checked)."""
    out = tmp_path / "bench.md"
    result = cli("bench", "--sizes", "1000", "--questions", "5", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Machine: ") and "| passages | engine | build s |" in lines[2]
    rows = [line for line in lines if line.startswith("| 1,0")]
    assert [r.split(" | ")[1] for r in rows] == ["rank-bm25", "tantivy"]
    added = [r.split(" | ")[-1] for r in rows]
    assert re.fullmatch(r"\d+\.\d\d / \d+\.\d\d \|", added[0])  # rank-bm25 builds again: no counts
    assert re.fullmatch(
        r"\d+\.\d\d / \d+\.\d\d \(\d+ indexed, 1,\d{3} untouched; update \d+\.\d\d s\) \|", added[1]
    ), added
    assert any(
        line.startswith("Seeds (5 articles, rank-bm25): fresh `citebot ask` process") for line in lines
    )
    assert out.read_text(encoding="utf-8") == result.stdout
