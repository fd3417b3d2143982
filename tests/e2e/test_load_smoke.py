"""The load test (benchmarks/load_test.py) at a tiny size: nothing lost, nothing sent twice.

It runs as an operator runs it (`python -m benchmarks.load_test --json`), in a fresh process,
so the tests do not import the benchmarks. No timing is asserted; the figures come from the
full run (recorded in BENCHMARKS.md). The medium run is a long variant: CITEBOT_LONG_TESTS=1.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.corpora import REPO_ROOT, clean_environ


def run_load(*argv: str, timeout: float) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.load_test", "--json", *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_environ(),
        timeout=timeout,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == (0 if report["ok"] else 1), proc.stderr[-2000:]
    return report


def assert_clean(report: dict, updates: int) -> None:
    assert report["completed"] and report["updates_sent"] == updates
    assert report["lost"] == 0, report["mismatches"]
    assert report["duplicates"] == 0, report["mismatches"]
    assert report["answered"] == updates
    assert report["wrong"] == 0 and report["bad_requests"] == 0, report["mismatches"]
    assert not any(report["violations"].values()), report["violations"]  # the limiter's guarantee
    assert report["bot_exit_code"] == 0 and not report["token_in_bot_log"]
    assert report["ok"]


def test_a_tiny_load_run_loses_and_duplicates_nothing():
    report = run_load(
        "--chats", "4", "--messages", "4", "--think", "0.1", "--reply-timeout", "60", "--timeout", "300",
        timeout=400,
    )  # fmt: skip
    assert_clean(report, 16)
    assert report["group_chats"] == 1 and report["private_chats"] == 3


@pytest.mark.slow
def test_a_medium_load_run_loses_and_duplicates_nothing():
    report = run_load(
        "--chats", "50", "--messages", "10", "--think", "0.5", "--reply-timeout", "120", "--timeout", "900",
        timeout=1000,
    )  # fmt: skip
    assert_clean(report, 500)
