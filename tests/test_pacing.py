"""Pacing: Telegram's flood limits as sliding windows, and which failed sends are retried.

The tests run in virtual time (looptime): sleeps take no real time and the loop's clock is
exact, so every bound on elapsed time is a property of the pacing, not of the machine.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.telegram_adapter.pacing import PacedRateLimiter, PerChatUpdateProcessor, SlidingWindow
from tests.support.bot import two_chats

pytestmark = pytest.mark.looptime


async def timed_requests(
    limiter: PacedRateLimiter, chat_ids: list[int], seconds: float = 0.01, endpoint: str = "sendMessage"
) -> list[tuple[int, float, float]]:
    """Send one request per chat id at once; (chat, start, end) of each, as the server would see it."""
    loop = asyncio.get_running_loop()
    seen: list[tuple[int, float, float]] = []

    def request(chat: int):
        async def callback() -> bool:
            start = loop.time()
            await asyncio.sleep(seconds)
            seen.append((chat, start, loop.time()))
            return True

        return callback

    await asyncio.gather(
        *(limiter.process_request(request(c), (), {}, endpoint, {"chat_id": c}, None) for c in chat_ids)
    )
    return sorted(seen, key=lambda s: s[1])


def most_in_a_window(starts: list[float], period: float) -> int:
    starts = sorted(starts)
    return max(sum(1 for t in starts if s <= t < s + period) for s in starts)


async def test_a_window_never_holds_more_than_its_limit():
    window = SlidingWindow(3, 0.2)
    loop = asyncio.get_running_loop()
    spans: list[tuple[float, float]] = []

    async def use() -> None:
        async with window.slot():
            start = loop.time()
            await asyncio.sleep(0.01)
            spans.append((start, loop.time()))

    began = loop.time()
    await asyncio.gather(*(use() for _ in range(9)))
    spans.sort()
    for i in range(3, len(spans)):  # a place is free again `period` after an earlier request ended
        assert spans[i][0] >= spans[i - 3][1] + 0.2 - 1e-3
    assert most_in_a_window([s for s, _ in spans], 0.2) <= 3
    assert loop.time() - began < 1.5, "waiters do not wait longer than they must"
    assert window.idle(loop.time() + 0.2)


async def test_private_chats_get_one_message_a_second_and_groups_twenty_a_minute():
    limiter = PacedRateLimiter(
        chat_max_rate=1, chat_time_period=0.1, group_max_rate=3, group_time_period=0.5, overall_max_rate=1000
    )
    private = await timed_requests(limiter, [5, 5, 5, 6, 6])
    for chat in (5, 6):
        starts = [s for c, s, _ in private if c == chat]
        assert most_in_a_window(starts, 0.1) == 1
    group = await timed_requests(limiter, [-100] * 5)
    starts = [s for _, s, _ in group]
    assert most_in_a_window(starts, 0.5) <= 3 and most_in_a_window(starts, 0.1) == 1


async def test_the_overall_limit_spans_chats_but_not_typing_or_button_answers():
    limiter = PacedRateLimiter(overall_max_rate=4, overall_time_period=0.3, chat_max_rate=0)
    sent = await timed_requests(limiter, list(range(1, 11)))
    assert most_in_a_window([s for _, s, _ in sent], 0.3) <= 4
    loop = asyncio.get_running_loop()
    began = loop.time()
    await timed_requests(limiter, list(range(1, 11)), endpoint="sendChatAction")
    await asyncio.gather(
        *(
            limiter.process_request(_ok, (), {}, "answerCallbackQuery", {"callback_query_id": "1"}, None)
            for _ in range(10)
        )
    )
    assert loop.time() - began < 0.25, "typing and answering buttons are not messages"


async def _ok() -> bool:
    return True


@pytest.mark.parametrize(
    ("cause", "retried"),
    [
        (httpx.ConnectTimeout("connect"), True),  # nothing reached Telegram
        (httpx.PoolTimeout("pool"), True),
        (httpx.ReadTimeout("read"), False),  # Telegram may have delivered it
        (httpx.WriteTimeout("write"), False),
    ],
)
async def test_timeouts_are_retried_only_when_nothing_was_sent(cause, retried):
    limiter = PacedRateLimiter(backoff=0, chat_max_rate=0)
    calls: list[int] = []

    async def flaky() -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise TimedOut() from cause
        return True

    if retried:
        assert await limiter.process_request(flaky, (), {}, "sendMessage", {"chat_id": 1}, None) is True
        assert len(calls) == 2
    else:
        with pytest.raises(TimedOut):
            await limiter.process_request(flaky, (), {}, "sendMessage", {"chat_id": 1}, None)
        assert len(calls) == 1


async def test_typing_is_not_retried():
    limiter = PacedRateLimiter(backoff=0)
    calls: list[int] = []

    async def down() -> bool:
        calls.append(1)
        raise NetworkError("Bad Gateway")

    with pytest.raises(NetworkError):
        await limiter.process_request(down, (), {}, "sendChatAction", {"chat_id": 1}, None)
    assert len(calls) == 1


async def test_idle_chat_windows_are_forgotten():
    limiter = PacedRateLimiter(chat_max_rate=1, chat_time_period=0.01, overall_max_rate=0, max_windows=8)
    for chat in range(40):
        await limiter.process_request(_ok, (), {}, "sendMessage", {"chat_id": chat}, None)
        await asyncio.sleep(0.002)
    assert limiter.windows_held() <= 9


# ------------------------------------------------------------------------------ pacing and concurrency


async def test_network_errors_are_retried_but_bad_requests_and_timeouts_are_not():
    limiter = PacedRateLimiter(backoff=0, chat_max_rate=0)
    await limiter.initialize()
    calls: list[int] = []

    def flaky(error: Exception | None, failures: int):
        async def callback() -> dict:
            calls.append(1)
            if len(calls) <= failures:
                raise error
            return {"ok": True}

        return callback

    assert await limiter.process_request(
        flaky(NetworkError("Bad Gateway"), 2), (), {}, "sendMessage", {"chat_id": 1}, None
    ) == {"ok": True}
    assert len(calls) == 3
    for error in (BadRequest("message is too long"), TimedOut()):
        calls.clear()
        with pytest.raises(type(error)):
            await limiter.process_request(flaky(error, 1), (), {}, "sendMessage", {"chat_id": 1}, None)
        assert len(calls) == 1
    calls.clear()
    with pytest.raises(NetworkError):
        await limiter.process_request(
            flaky(NetworkError("down"), 99), (), {}, "sendMessage", {"chat_id": 1}, None
        )
    assert len(calls) == 4  # the first try and three retries


async def test_private_chats_are_paced():
    limiter = PacedRateLimiter(chat_max_rate=2, chat_time_period=0.2)

    async def send() -> bool:
        return True

    loop = asyncio.get_running_loop()
    start = loop.time()
    for _ in range(4):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 5}, None)
    paced = loop.time() - start
    start = loop.time()
    for chat in range(10, 14):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": chat}, None)
    assert paced >= 0.15 and loop.time() - start < paced


async def test_updates_run_in_order_within_a_chat_and_concurrently_across_chats():
    processor = PerChatUpdateProcessor(max_concurrent_updates=8)
    while_waiting, at_the_end = await two_chats(processor)
    assert while_waiting == ["start a1", "start b1", "end b1"]  # chat 2 did not wait for chat 1
    assert at_the_end[3:] == ["end a1", "start a2", "end a2"]
    assert len(processor) == 0  # no lock left behind
