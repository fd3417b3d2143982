"""Faults end to end: timeouts, a server outage, shutdown with an answer in flight, failing updates.

The real Application polls the fake Bot API server over HTTP. Every test scans the log
records (captured at DEBUG, redacted as `citebot run` does) for the token, and counts the
warnings: each fault is logged once.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import pytest

from bot.telegram_adapter.state import KEY
from tests.support.bot import (
    APOLOGY,
    Exploding,
    bot_process,
    eventually,
    markers,
    reply_to,
    running,
    stop_bot,
)
from tests.support.corpora import SEEDS_DIR
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeBotAPI
from tests.support.logs import RUN_LOG_PROBLEM

QUESTION = "Who chairs the PCC?"
OTHER = "How many bitcoins does El Salvador hold?"
READ_TIMEOUT = 1.5  # seconds the bot waits for an answer in the timeout tests (the default is in test_app.py)

# Every test's log records are scanned for the token afterwards (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("clean_env", "token_free_logs")


def warnings_from_bot(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("bot")]


def stopping(server: FakeBotAPI) -> bool:
    """Whether the bot has begun to stop: python-telegram-bot stops polling with one last
    getUpdates that does not wait (timeout 0), confirming the offset of what it fetched."""
    return any(call.params.get("timeout") == 0 for call in server.calls("getUpdates"))


def answers_in(server: FakeBotAPI, chat_id: int) -> list[str]:
    return [m.text for m in server.sent(chat_id)]


# ------------------------------------------------------------------------------ timeouts


@pytest.mark.parametrize(
    "process_first",
    [
        True,  # Telegram delivered the message at once; only its answer is late
        pytest.param(False, marks=pytest.mark.slow),  # delivered only after the bot gave up
    ],
)
async def test_a_reply_that_times_out_is_sent_once_and_not_apologised_for(
    server, service, token_free_logs, process_first
):
    if process_first:
        server.answer_late_next("sendMessage")  # the answer comes once the bot has given up on it
    else:
        server.delay_next("sendMessage", READ_TIMEOUT + 1.5)
    async with running(server, service, read_timeout=READ_TIMEOUT):
        server.push_message(100, QUESTION)
        await server.wait_for_async(
            lambda s: any(c.status == 200 for c in s.calls("sendMessage")), timeout=READ_TIMEOUT + 5
        )
        later = await reply_to(server, 100, OTHER)  # the chat goes on
        assert markers(later.text)
    first, second = answers_in(server, 100)
    assert "Aurangzeb" in first.replace("\u00a0", " ") and second == later.text
    assert len(server.calls("sendMessage")) == 2, "the timed-out reply was not sent again, nor an apology"
    [warning] = warnings_from_bot(token_free_logs)
    assert warning.levelno == logging.WARNING and "did not answer in time" in warning.getMessage()


async def test_a_press_whose_callback_answer_times_out_is_still_served(server, service, token_free_logs):
    async with running(server, service, read_timeout=READ_TIMEOUT):
        answer = await reply_to(server, 101, QUESTION)
        server.answer_late_next("answerCallbackQuery")  # answered once the bot has given up on it
        data = next(b["callback_data"] for b in answer.buttons if b["text"] == "Quotes")
        server.push_callback_query(101, answer.message_id, data)
        [_, quotes] = await server.wait_for_messages_async(101, 2, timeout=READ_TIMEOUT + 10)
        assert quotes.reply_to_message_id == answer.message_id and "Aurangzeb" in quotes.text.replace(
            "\u00a0", " "
        )
    assert len(server.answered_callbacks) == 1
    [warning] = warnings_from_bot(token_free_logs)
    assert "answering button press" in warning.getMessage()


@pytest.mark.slow
async def test_a_poll_that_times_out_loses_and_repeats_nothing(server, service, token_free_logs):
    async with running(server, service, read_timeout=READ_TIMEOUT) as application:
        await server.wait_for_async(lambda s: s.polling)
        # Answered only after the bot gave up on it (the long poll, 1 s in these tests, plus the read timeout).
        server.answer_late_next("getUpdates")
        await server.wait_for_async(lambda s: len(s.calls("getUpdates")) >= 2 and s.polling)
        server.push_message(102, QUESTION)
        [answer] = await server.wait_for_messages_async(102, 1, timeout=READ_TIMEOUT + 10)
        polls = len(server.calls("getUpdates"))  # a repeated update would come within the next two polls
        await server.wait_for_async(lambda s: len(s.calls("getUpdates")) >= polls + 2, timeout=10)
        assert markers(answer.text) and len(server.sent(102)) == 1
        assert application.updater.running
    assert not warnings_from_bot(
        token_free_logs
    )  # python-telegram-bot retries a timed-out poll at once, at debug level


# ------------------------------------------------------------------------------ outages


@pytest.mark.parametrize("outage", ["restart", "502", pytest.param("long restart", marks=pytest.mark.slow)])
async def test_polling_survives_an_outage_logged_once(server, service, token_free_logs, outage):
    async with running(server, service) as application:
        before = await reply_to(server, 103, QUESTION)
        await server.wait_for_async(lambda s: s.polling)
        if outage == "502":
            server.fail_next("getUpdates", status=502, count=2)
            server.push_message(104, OTHER)
        else:
            await asyncio.to_thread(server.stop)  # the same port comes back on start()
            server.push_message(104, OTHER)  # Telegram keeps updates while the bot cannot fetch them
            health = application.bot_data[KEY].polling
            await eventually(lambda: health.failures >= (1 if outage == "restart" else 3), timeout=60)
            await asyncio.to_thread(server.start)
        [during] = await server.wait_for_messages_async(104, 1, timeout=20)
        after = await reply_to(server, 103, OTHER)
        assert application.updater.running
    assert markers(before.text) and markers(during.text) and markers(after.text)
    assert len(server.sent(104)) == 1 and len(server.sent(103)) == 2
    [warning] = warnings_from_bot(token_free_logs)
    assert (
        warning.levelno == logging.WARNING and "getting updates from Telegram failed" in warning.getMessage()
    )
    recovered = [r for r in token_free_logs.records if "answers polls again" in r.getMessage()]
    assert len(recovered) == 1 and recovered[0].levelno == logging.INFO


async def test_a_send_during_a_short_outage_is_retried_and_delivered_once(server, service, token_free_logs):
    async with running(server, service):
        await server.wait_for_async(lambda s: s.polling)
        server.fail_next("sendMessage", status=502, count=2)
        answer = await reply_to(server, 105, QUESTION)
    assert markers(answer.text) and len(server.sent(105)) == 1
    assert [c.status for c in server.calls("sendMessage")] == [502, 502, 200]
    retries = warnings_from_bot(token_free_logs)
    assert len(retries) == 2 and all("retry" in r.getMessage() for r in retries)  # one per fault


async def test_flood_control_is_one_warning_and_the_reply_arrives_once(server, service, token_free_logs):
    async with running(server, service):
        await server.wait_for_async(lambda s: s.polling)
        server.fail_next("sendMessage", status=429, retry_after=1)
        answer = await reply_to(server, 106, QUESTION)
    assert markers(answer.text) and len(server.sent(106)) == 1
    [warning] = warnings_from_bot(token_free_logs)
    assert "flood control" in warning.getMessage() and "chat 106" in warning.getMessage()


# ------------------------------------------------------------------------------ failing updates


async def test_an_update_that_raises_does_not_disturb_concurrent_ones(server, service, token_free_logs):
    async with running(server, Exploding(service, work=0.05)):
        for chat in range(110, 116):
            server.push_message(chat, QUESTION)
        server.push_message(116, "please explode")
        for chat in range(110, 116):
            server.push_message(chat, OTHER)
        [apology] = await server.wait_for_messages_async(116, 1, timeout=15)
        replies = [await server.wait_for_messages_async(chat, 2, timeout=15) for chat in range(110, 116)]
    assert apology.text == APOLOGY
    assert all(markers(first.text) and markers(second.text) for first, second in replies)
    assert all("Aurangzeb" in first.text.replace("\u00a0", " ") for first, _ in replies), (
        "in order within a chat"
    )
    [error] = [r for r in token_free_logs.records if r.levelno >= logging.ERROR]
    assert "chat 116" in error.getMessage() and error.exc_info


# ------------------------------------------------------------------------------ shutdown


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_with_an_answer_in_flight_sends_it_and_exits_cleanly(server, tmp_path, sig):
    with bot_process(server, SEEDS_DIR, tmp_path) as process:
        server.wait_for(lambda s: (s.commands and s.polling) or process.poll() is not None, timeout=60)
        server.hold_next("sendMessage", until=stopping)  # the answer is on its way when the signal comes
        server.push_message(120, QUESTION)  # update 1
        server.wait_for(lambda s: s.calls("sendMessage"), timeout=20)
        code, err = stop_bot(process, sig)  # one signal: a second one during shutdown means "stop now"
    assert code == 0, err
    [answer] = server.sent(120)
    assert markers(answer.text), "the answer in flight was sent"
    assert server.confirmed_offset == 2 and not server.pending_updates, "the last update offset was confirmed"
    assert "Traceback" not in err and DEFAULT_TOKEN not in err
    assert not [line for line in err.splitlines() if RUN_LOG_PROBLEM.match(line)], err


def test_updates_queued_at_shutdown_are_answered_before_exit(server, tmp_path):
    with bot_process(server, SEEDS_DIR, tmp_path) as process:
        server.wait_for(lambda s: (s.commands and s.polling) or process.poll() is not None, timeout=60)
        server.hold_next("sendMessage", until=stopping, count=3)
        for chat in (121, 122, 123):
            server.push_message(chat, QUESTION)
        server.wait_for(lambda s: s.calls("sendMessage"), timeout=20)  # fetched, and being answered
        code, err = stop_bot(process)
    assert code == 0, err
    assert all(len(server.sent(chat)) == 1 for chat in (121, 122, 123)), "fetched updates are answered"
    assert server.confirmed_offset == 4 and not server.pending_updates
