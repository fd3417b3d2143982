"""Inline-mode results (bot/telegram_adapter/inline.py)."""

from __future__ import annotations

import pytest

from bot.telegram_adapter.inline import inline_results
from tests.support.telegram_html import telegram_length

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


def test_inline_results_are_valid_single_messages(service, monkeypatch):
    answer = service.ask(QUESTION)
    results = inline_results(answer, service.compare(QUESTION))
    assert [r.id for r in results] == ["answer", "compare"]
    monkeypatch.setattr(
        "bot.telegram_adapter.inline.render_answer", lambda a, fmt: "<b>long</b> text\n\n" * 900
    )
    [long] = inline_results(answer, None)
    assert telegram_length(long.input_message_content.message_text) <= 4096
