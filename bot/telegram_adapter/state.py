"""What the handlers share, built once per application and kept in `bot_data`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.suggestions import suggestions
from bot.telegram_adapter.access import Access, RateLimit
from bot.telegram_adapter.callbacks import PressedButtons
from bot.telegram_adapter.logsafe import Redactor
from bot.telegram_adapter.polling import PollingHealth

if TYPE_CHECKING:
    from bot.service import Service

log = logging.getLogger(__name__)

KEY = "citebot"


@dataclass
class Deps:
    """The answering service and the adapter's own state: access, rate limits, suggestions."""

    service: Service
    access: Access
    questions: RateLimit  # work that searches, per user: questions, /compare, buttons that search
    inline: RateLimit  # inline queries per user (one per keystroke, so a larger budget)
    reopen: Callable[[], Service] | None = None  # builds a fresh service for /reload and SIGHUP
    pressed: PressedButtons = field(default_factory=PressedButtons)
    polling: PollingHealth = field(default_factory=PollingHealth)
    redact: Redactor = field(default_factory=lambda: Redactor([]))  # the token out of text shown to users
    reloading: asyncio.Lock = field(default_factory=asyncio.Lock)  # one reload at a time
    examples: list[str] = field(default_factory=list)  # questions /start offers, answered at start-up


def deps(context: Any) -> Deps:
    """The shared state of the application a handler runs in."""
    return context.bot_data[KEY]


async def reload_service(shared: Deps) -> Service:
    """Open the corpus again and swap the service in; on failure the old one keeps answering."""
    if shared.reopen is None:
        raise RuntimeError("this bot was started without a way to reopen its corpus")
    async with shared.reloading:
        service = await asyncio.to_thread(shared.reopen)
        examples = await asyncio.to_thread(suggestions, service)
        shared.service = service  # one assignment: a handler sees the old or the new service, never a mix
        shared.examples = examples
    log.info("corpus reloaded: %d sources", len(service.index.documents))
    return service
