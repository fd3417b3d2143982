"""Each run of failed polls logged once, and the recovery once (bot/telegram_adapter/polling.py)."""

from __future__ import annotations

import logging

from bot.telegram_adapter.polling import PollingHealth


def test_only_the_first_failure_of_a_run_starts_it_and_the_recovery_ends_it(caplog):
    health = PollingHealth()
    with caplog.at_level(logging.INFO, logger="bot.telegram_adapter.polling"):
        health.answered()  # nothing was failing: nothing to say
        assert caplog.messages == []
        assert [health.failed(), health.failed(), health.failed()] == [True, False, False]
        health.answered()
        assert len(caplog.messages) == 1
        assert caplog.messages[0].startswith("Telegram answers polls again after 3 failed attempt(s) in ")
        assert health.failures == 0
        assert health.failed() is True  # a new run
