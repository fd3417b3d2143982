"""The handlers' shared state and the reload that swaps its service (bot/telegram_adapter/state.py)."""

from __future__ import annotations

import pytest

from bot.suggestions import suggestions
from bot.telegram_adapter.access import Access, RateLimit
from bot.telegram_adapter.state import KEY, Deps, deps, reload_service
from tests.support.corpora import SMALL_CORPUS, open_service, write_corpus


def _deps(service, reopen=None) -> Deps:
    return Deps(service=service, access=Access(), questions=RateLimit(5), inline=RateLimit(20), reopen=reopen)


class _Context:
    def __init__(self, shared: Deps) -> None:
        self.bot_data = {KEY: shared}


async def test_a_reload_swaps_in_the_new_service_and_its_examples(service, tmp_path):
    fresh = open_service(write_corpus(tmp_path / "corpus", SMALL_CORPUS))
    shared = _deps(service, reopen=lambda: fresh)
    assert deps(_Context(shared)) is shared
    assert await reload_service(shared) is fresh
    assert shared.service is fresh
    assert shared.examples == suggestions(fresh)


async def test_a_failed_reload_keeps_the_old_service(service):
    def broken():
        raise OSError("corpus folder unreadable")

    shared = _deps(service, reopen=broken)
    with pytest.raises(OSError, match="unreadable"):
        await reload_service(shared)
    assert shared.service is service and shared.examples == []
    with pytest.raises(RuntimeError, match="without a way to reopen"):
        await reload_service(_deps(service))
