"""The load test (benchmarks/load_test.py) at a tiny size: nothing lost, nothing sent twice.

No timing is asserted; the figures come from the full run (`python -m benchmarks.load_test`,
recorded in BENCHMARKS.md). The medium run is a long variant: CITEBOT_LONG_TESTS=1.
"""

from __future__ import annotations

import pytest

from benchmarks.load_test import LoadConfig, LoadReport, run_load

pytestmark = pytest.mark.usefixtures("clean_env")


def assert_clean(report: LoadReport, updates: int) -> None:
    assert report.completed and report.updates_sent == updates
    assert report.lost == 0, report.mismatches
    assert report.duplicates == 0, report.mismatches
    assert report.answered == updates
    assert report.wrong == 0 and report.bad_requests == 0, report.mismatches
    assert not any(report.violations.values()), (
        report.violations
    )  # the limiter's guarantee holds by construction
    assert report.bot_exit_code == 0 and not report.token_in_bot_log


async def test_a_tiny_load_run_loses_and_duplicates_nothing():
    report = await run_load(LoadConfig(chats=4, messages=4, think=0.1, reply_timeout=60, timeout=300))
    assert_clean(report, 16)
    assert report.group_chats == 1 and report.private_chats == 3


@pytest.mark.slow
async def test_a_medium_load_run_loses_and_duplicates_nothing():
    report = await run_load(LoadConfig(chats=50, messages=10, think=0.5, reply_timeout=120, timeout=900))
    assert_clean(report, 500)
