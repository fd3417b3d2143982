"""Replies are reproducible: the same corpus and question give the same reply in every process,
whatever Python's hash seed (set and dict orders of strings change with it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.support.corpora import REPO_ROOT

STORY = REPO_ROOT / "tests" / "data" / "dev" / "story" / "corpus"
AIRPORT = REPO_ROOT / "tests" / "data" / "dev" / "airport" / "corpus"
AIRPORT_TOPICS = (
    "What was the committee vote? do the outlets agree?\nthe cost of the extension\nwhen the runway opens\n"
)
TOPICS = "where the agreement was signed\nhow many people were evacuated\nthe cost of the repairs\n"
QUESTIONS = "How many workers were injured?\nWho chaired the inquiry?\nWhen will the line open?\n"
RUNS = [
    ("compare", "seeds", TOPICS),
    ("compare", str(STORY), TOPICS),
    ("ask", str(STORY), QUESTIONS),
    ("compare", str(AIRPORT), AIRPORT_TOPICS),  # the order measures complete sources in
]
# `citebot COMMAND - --corpus DIR --json` for each run, one fresh process per hash seed: the
# output of each run, as a JSON list.
CLI_RUNS = """
import contextlib, io, json, sys
from bot.cli import main
outputs = []
for command, corpus, lines in json.loads(sys.argv[1]):
    sys.stdin, out = io.StringIO(lines), io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([command, "-", "--corpus", corpus, "--json"])
    outputs.append((code, out.getvalue()))
print(json.dumps(outputs))
"""


def _outputs(seed: str) -> list[tuple[int, str]]:
    result = subprocess.run(
        [sys.executable, "-c", CLI_RUNS, json.dumps(RUNS)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        cwd=REPO_ROOT,
        check=True,
    )
    return [tuple(run) for run in json.loads(result.stdout)]


def test_comparisons_and_answers_do_not_depend_on_the_hash_seed():
    by_seed = [_outputs(seed) for seed in ("1", "2", "3", "4")]
    for i, (command, corpus, _) in enumerate(RUNS):
        outputs = {runs[i] for runs in by_seed}
        assert len(outputs) == 1, (command, corpus)
        [(code, out)] = outputs
        assert code == 0 and out.count("\n") == 3, (command, corpus)  # a JSON line for each of the three
