"""Getting updates through outages: each run of failures is logged once, and so is the recovery.

python-telegram-bot retries a failed getUpdates for ever, with a growing pause, and reports
every failure to the error handler. `PollingHealth` tells the handler which failure starts
a run (log it at warning level; the rest at debug), and `PollingRequest`, the connection
getUpdates uses, tells `PollingHealth` when a poll is answered again.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


class PollingHealth:
    """Whether getting updates is failing, since when, and how often."""

    def __init__(self) -> None:
        self.failures = 0
        self._since: float | None = None

    def failed(self) -> bool:
        """Count one failed poll; True if it is the first since polling last worked."""
        self.failures += 1
        if self._since is None:
            self._since = time.monotonic()
            return True
        return False

    def answered(self) -> None:
        """A poll got an answer: end the run of failures, with one line if there was one."""
        if self._since is None:
            return
        log.info(
            "Telegram answers polls again after %d failed attempt(s) in %.0f s",
            self.failures,
            time.monotonic() - self._since,
        )
        self.failures, self._since = 0, None


class PollingRequest(HTTPXRequest):
    """The getUpdates connection (one, as python-telegram-bot builds it), reporting answered polls."""

    def __init__(self, health: PollingHealth, **kwargs: Any) -> None:
        super().__init__(**{"connection_pool_size": 1, **kwargs})
        self.health = health

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code < 400:
            self.health.answered()
        return code, payload
