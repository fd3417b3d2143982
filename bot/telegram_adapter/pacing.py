"""Pacing and retries for calls to Telegram, and which updates may run concurrently.

`PacedRateLimiter` keeps within Telegram's limits as sliding windows: at most 30 messages
in any second overall, 1 in any second per chat and 20 in any minute per group. It uses
PTB's `AIORateLimiter` only for waiting out `RetryAfter` (its own leaky buckets let twice
the limit through in a window after a quiet spell, so they are switched off). On top it
retries with backoff after network errors and 5xx answers. A send that timed out while
waiting for the answer is not retried: Telegram may have delivered it, and a duplicate
reply is worse than a logged failure. Timeouts before anything was sent (connecting, or
waiting for a free connection) are retried.

`PerChatUpdateProcessor` runs updates from different chats concurrently and updates
from the same chat (or, for inline queries, the same user) one after another, so a
chat's replies keep the order of its messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from typing import Any

import httpx
from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

_UNPACED = frozenset({"sendChatAction"})  # typing indicators are not messages: no pace, no retries
# Seconds: a place whose period ended within float rounding is free (else a virtual clock could spin).
_CLOCK_SLACK = 1e-9


class SlidingWindow:
    """At most `limit` requests in any `period` seconds, as the server counts them.

    A request holds its place from the moment it is sent until `period` seconds after its
    answer came back: the server counted it somewhere in between, so no window of `period`
    seconds at the server holds more than `limit`. Waiters are served first come, first served.
    """

    def __init__(self, limit: int, period: float) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("a window needs a limit of at least 1 and a positive period")
        self.limit = limit
        self.period = period
        self._done: deque[float] = deque()
        self._in_flight = 0
        self._turn = asyncio.Lock()
        self._finished = asyncio.Event()

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Wait for room in the window, then hold a place while the request runs."""
        loop = asyncio.get_running_loop()
        async with self._turn:
            while True:
                now = loop.time()
                while self._done and now - self._done[0] >= self.period - _CLOCK_SLACK:
                    self._done.popleft()
                if len(self._done) + self._in_flight < self.limit:
                    break
                self._finished.clear()
                wait = self._done[0] + self.period - now if self._done else None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._finished.wait(), wait)
            self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            self._done.append(loop.time())
            self._finished.set()

    def idle(self, now: float) -> bool:
        """Whether nothing is in flight or counted any more (the window can be forgotten)."""
        return (
            not self._in_flight
            and not self._turn.locked()
            and (not self._done or now - self._done[-1] >= self.period)
        )


class PacedRateLimiter(AIORateLimiter):
    """Telegram's flood limits as sliding windows, `RetryAfter` handling, retries after network errors.

    `chat_*` applies to every chat, `group_*` in addition to groups and channels, `overall_*`
    to every message. A rate of 0 switches that window off. Past `max_windows` chats' (or
    groups') windows, the idle ones are forgotten.
    """

    def __init__(
        self,
        *,
        overall_max_rate: int = 30,
        overall_time_period: float = 1.0,
        chat_max_rate: int = 1,
        chat_time_period: float = 1.0,
        group_max_rate: int = 20,
        group_time_period: float = 60.0,
        network_retries: int = 3,
        backoff: float = 0.5,
        max_retries: int = 3,
        max_windows: int = 1024,
    ) -> None:
        super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=max_retries)
        self._overall = SlidingWindow(overall_max_rate, overall_time_period) if overall_max_rate else None
        self._chat_rate = (chat_max_rate, chat_time_period) if chat_max_rate else None
        self._group_rate = (group_max_rate, group_time_period) if group_max_rate else None
        self._chats: dict[int | str, SlidingWindow] = {}
        self._groups: dict[int | str, SlidingWindow] = {}
        self._network_retries = network_retries
        self._backoff = backoff
        self._max_windows = max_windows

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint in _UNPACED:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        chat_id = data.get("chat_id")

        async def paced(*call_args: Any, **call_kwargs: Any) -> bool | dict[str, Any] | list[dict[str, Any]]:
            async with contextlib.AsyncExitStack() as stack:
                for window in self._windows(chat_id):  # most specific first, the same order for every request
                    await stack.enter_async_context(window.slot())
                try:
                    return await callback(*call_args, **call_kwargs)
                except RetryAfter as exc:  # AIORateLimiter waits and retries; the fault is logged here, once
                    log.warning(
                        "%s to chat %s hit Telegram's flood control (%s); retrying after the wait",
                        endpoint,
                        chat_id,
                        exc,
                    )
                    raise

        for attempt in range(self._network_retries + 1):
            try:
                return await super().process_request(paced, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as exc:  # TimedOut included
                if attempt == self._network_retries or not _safe_to_retry(exc):
                    raise
                delay = self._backoff * 2**attempt
                log.warning(
                    "%s failed (%s); retry %d of %d in %.1f s",
                    endpoint,
                    exc,
                    attempt + 1,
                    self._network_retries,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    def windows_held(self) -> int:
        """How many chats' and groups' windows are held (idle ones are forgotten past a bound).

        (Not `__len__`: python-telegram-bot tests the rate limiter for truth.)"""
        return len(self._chats) + len(self._groups)

    def _windows(self, chat_id: object) -> Iterator[SlidingWindow]:
        """The windows a message to `chat_id` must fit: its chat's, its group's, the overall one.

        Requests without a chat (answering a button or an inline query) are not messages.
        Each window is looked up just before it is entered, so an idle one is never
        forgotten while a request is about to use it.
        """
        if chat_id is None:
            return
        try:
            chat: int | str = int(chat_id)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            chat = str(chat_id)  # @channelusername
        if self._chat_rate:
            yield self._window(self._chats, chat, *self._chat_rate)
        if self._group_rate and (isinstance(chat, str) or chat < 0):
            yield self._window(self._groups, chat, *self._group_rate)
        if self._overall:
            yield self._overall

    def _window(
        self, windows: dict[int | str, SlidingWindow], chat: int | str, limit: int, period: float
    ) -> SlidingWindow:
        window = windows.get(chat)
        if window is None:
            if len(windows) >= self._max_windows:
                now = asyncio.get_running_loop().time()
                for key in [k for k, w in windows.items() if w.idle(now)]:
                    del windows[key]
            window = windows[chat] = SlidingWindow(limit, period)
        return window


def _safe_to_retry(error: NetworkError) -> bool:
    """Whether a failed request surely did not reach Telegram, or failed in a way Telegram asks to retry.

    A timeout while waiting for the answer is not: the message may have been delivered.
    """
    if not isinstance(error, TimedOut):
        return True
    return isinstance(error.__cause__, (httpx.ConnectTimeout, httpx.PoolTimeout))


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _order_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def __len__(self) -> int:
        return len(self._locks)


def _order_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
