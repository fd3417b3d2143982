"""Replies are reproducible: the same corpus and question give the same reply in every process,
whatever Python's hash seed (set and dict orders of strings change with it)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.corpora import REPO_ROOT

STORY = REPO_ROOT / "tests" / "data" / "dev" / "story" / "corpus"
TOPICS = "where the agreement was signed\nhow many people were evacuated\nthe cost of the repairs\n"
QUESTIONS = "How many workers were injured?\nWho chaired the inquiry?\nWhen will the line open?\n"


def _run(seed: str, command: str, corpus: str, lines: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "bot", command, "-", "--corpus", corpus, "--json"],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        check=True,
    )
    return result.stdout


def test_comparisons_and_answers_do_not_depend_on_the_hash_seed():
    for command, corpus, lines in (
        ("compare", "seeds", TOPICS),
        ("compare", str(STORY), TOPICS),
        ("ask", str(STORY), QUESTIONS),
    ):
        outputs = {_run(seed, command, corpus, lines) for seed in ("1", "2", "3")}
        assert len(outputs) == 1, (command, corpus)
