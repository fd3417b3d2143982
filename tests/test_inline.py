"""Inline-mode results (bot/telegram_adapter/inline.py)."""

from __future__ import annotations

import pytest

from bot.telegram_adapter.inline import inline_results
from tests.support.telegram_html import telegram_length

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


def test_an_unanswered_question_is_titled_as_such(service):
    answer = service.ask("What is the capital of Kenya?")
    assert answer.abstained
    [result] = inline_results(answer, None)
    assert result.title == "The articles don't say"


def test_inline_results_are_valid_single_messages(service, monkeypatch):
    answer = service.ask(QUESTION)
    results = inline_results(answer, service.compare(QUESTION))
    assert [r.id for r in results] == ["answer", "compare"]
    comparison = service.compare(QUESTION)
    covered = sum(s.covered for s in comparison.sources)
    assert [r.title for r in results] == ["Answer", f"Compare sources: {comparison.topic}"]
    assert results[1].description == f"{covered} of {len(comparison.sources)} sources cover it"
    assert results[0].input_message_content.message_text.startswith(f"<b>Question:</b> {QUESTION}\n\n")
    monkeypatch.setattr(
        "bot.telegram_adapter.inline.render_answer", lambda a, fmt: "<b>long</b> text\n\n" * 900
    )
    [long] = inline_results(answer, None)
    assert telegram_length(long.input_message_content.message_text) <= 4096
