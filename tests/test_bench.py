"""`citebot bench` (bot/benchmarking/bench.py): the table, each row printed once, an operator's own corpus.

No timing is checked: the figures are for people (BENCHMARKS.md). The generated-archive run
at its smallest size is in tests/test_store.py.
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
    assert all(re.fullmatch(r"\|( [^|]+ \|){11}", r) for r in rows)
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
