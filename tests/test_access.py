"""The allowlist and the per-user rate limit (bot/telegram_adapter/access.py)."""

from __future__ import annotations

import pytest

from bot.telegram_adapter.access import Access, RateLimit, Verdict

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ access


def test_no_allowlist_allows_everyone():
    assert Access().allows(123, 456) and Access().allows(None, None)


def test_allowlist_by_chat_or_user_and_admins():
    access = Access(allowed=[-100777, 42], admins=[9])
    assert access.allows(-100777, 5)  # an allowed group, any member
    assert access.allows(1234, 42)  # an allowed user, any chat (and inline queries)
    assert access.allows(9, 9)  # admins
    assert not access.allows(5, 5) and not access.allows(None, None)
    assert access.is_admin(9) and not access.is_admin(42) and not access.is_admin(None)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_gives_one_notice_per_flood():
    clock = Clock()
    limit = RateLimit(3, clock=clock)
    verdicts = [limit.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY, Verdict.DROP, Verdict.DROP]
    assert limit.check(2) is Verdict.ALLOW  # per user
    clock.now += 60
    assert [limit.check(1) for _ in range(5)] == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY, Verdict.DROP]


def test_rate_limit_window_slides():
    clock = Clock()
    limit = RateLimit(2, clock=clock)
    assert limit.check(1) is Verdict.ALLOW
    clock.now += 30
    assert limit.check(1) is Verdict.ALLOW
    assert limit.check(1) is Verdict.NOTIFY
    clock.now += 30  # the first request left the window
    assert limit.check(1) is Verdict.ALLOW
    assert limit.check(1) is Verdict.NOTIFY


def test_rate_limit_memory_stays_bounded():
    clock = Clock()
    limit = RateLimit(5, clock=clock)
    for user in range(3000):
        limit.check(user)
    clock.now += 61
    for user in range(3000, 5048):
        limit.check(user)
    assert len(limit) < 3000
    with pytest.raises(ValueError):
        RateLimit(0)
