"""Pacing and retries for calls to Telegram, and which updates may run concurrently.

`PacedRateLimiter` is PTB's `AIORateLimiter` (30 messages a second overall, 20 a minute
per group, retries after `RetryAfter`) plus a pace per private chat and retries with
backoff after network errors and 5xx answers. A timed-out send is not retried: Telegram
may have delivered it, and a duplicate reply is worse than a logged failure.

`PerChatUpdateProcessor` runs updates from different chats concurrently and updates
from the same chat (or, for inline queries, the same user) one after another, so a
chat's replies keep the order of its messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

_UNPACED = frozenset({"sendChatAction", "answerCallbackQuery", "answerInlineQuery", "getMe",
                      "setMyCommands", "deleteWebhook", "setWebhook", "getUpdates"})


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter with a per-private-chat pace and retries after network errors."""

    def __init__(self, *, chat_max_rate: float = 3, chat_time_period: float = 3,
                 network_retries: int = 3, backoff: float = 0.5, max_retries: int = 3,
                 **kwargs: Any) -> None:
        super().__init__(max_retries=max_retries, **kwargs)
        self._chat_max_rate = chat_max_rate
        self._chat_time_period = chat_time_period
        self._chat_limiters: dict[int, AsyncLimiter] = {}
        self._network_retries = network_retries
        self._backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        pace = self._chat_limiter(data.get("chat_id")) if endpoint not in _UNPACED else None
        for attempt in range(self._network_retries + 1):
            try:
                async with pace or contextlib.nullcontext():
                    return await super().process_request(callback, args, kwargs, endpoint, data,
                                                         rate_limit_args)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as exc:
                if attempt == self._network_retries:
                    raise
                delay = self._backoff * 2**attempt
                log.warning("%s failed (%s); retry %d of %d in %.1f s", endpoint, exc, attempt + 1,
                            self._network_retries, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    def _chat_limiter(self, chat_id: object) -> AsyncLimiter | None:
        """The pace of one private chat (groups are paced by AIORateLimiter)."""
        try:
            chat = int(chat_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        if chat <= 0 or not (self._chat_max_rate and self._chat_time_period):
            return None
        if len(self._chat_limiters) > 1024:
            for key, limiter in list(self._chat_limiters.items()):
                if key != chat and limiter.has_capacity(limiter.max_rate):
                    del self._chat_limiters[key]
        limiter = self._chat_limiters.get(chat)
        if limiter is None:
            limiter = self._chat_limiters[chat] = AsyncLimiter(self._chat_max_rate, self._chat_time_period)
        return limiter


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
