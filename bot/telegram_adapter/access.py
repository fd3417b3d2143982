"""Who may use the bot, who is an admin, and how fast one user may ask.

Checked before any work is done. Nothing here knows about Telegram objects: callers pass
chat and user ids, so it is tested without a bot.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from enum import Enum


class Access:
    """The optional allowlist of chat or user ids (empty: everyone) and the admin user ids."""

    def __init__(self, allowed: Iterable[int] = (), admins: Iterable[int] = ()) -> None:
        self.allowed = frozenset(allowed)
        self.admins = frozenset(admins)

    def allows(self, chat_id: int | None, user_id: int | None) -> bool:
        """Whether a chat (or, for inline queries, a user) may use the bot; admins always may."""
        if not self.allowed:
            return True
        return chat_id in self.allowed or user_id in self.allowed or user_id in self.admins

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit: tell the user once
    DROP = "drop"  # still over the limit after the notice: do nothing


class RateLimit:
    """At most `per_minute` requests per user in any 60 seconds; one notice per flood.

    Callers count only work that searches (questions, comparisons, buttons that search).

    A flood ends when the user is back under the limit; the next flood gets a notice again.
    Memory stays bounded: a user's entry goes once their window is empty.
    """

    def __init__(
        self, per_minute: int, *, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._times: dict[int, deque[float]] = {}
        self._notified: set[int] = set()
        self._checks = 0

    def check(self, user_id: int) -> Verdict:
        """Count one request by `user_id` and say whether to serve it."""
        now = self._clock()
        self._checks += 1
        if self._checks % 1024 == 0:
            self._prune(now)
        times = self._times.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.per_minute:
            times.append(now)
            self._notified.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._notified:
            return Verdict.DROP
        self._notified.add(user_id)
        return Verdict.NOTIFY

    def wait(self, user_id: int) -> int:
        """Whole seconds until `user_id` may ask again (0: now): when their oldest request leaves the window."""
        times = self._times.get(user_id)
        if not times or len(times) < self.per_minute:
            return 0
        return max(0, math.ceil(times[0] + self.window - self._clock()))

    def __len__(self) -> int:
        return len(self._times)

    def _prune(self, now: float) -> None:
        for user_id in [u for u, t in self._times.items() if not t or now - t[-1] >= self.window]:
            del self._times[user_id]
            self._notified.discard(user_id)
