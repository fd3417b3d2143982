"""Inline keyboards under answers and source lists (bot/telegram_adapter/keyboards.py)."""

from __future__ import annotations

import pytest

from bot.answering.models import Answer
from bot.telegram_adapter.keyboards import answer_keyboard, sources_keyboard, without

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


def test_answer_keyboard(service):
    answer = service.ask(QUESTION)
    keyboard = answer_keyboard(answer)
    labels = [b.text for row in keyboard.inline_keyboard for b in row]
    assert labels == ["Quotes", "Compare sources", "More"]
    more = [b.text for row in answer_keyboard(answer, page=1).inline_keyboard for b in row]
    assert more == ["More"]
    assert answer_keyboard(service.ask("What is the capital of Mongolia?")) is None
    quotes = keyboard.inline_keyboard[0][0].callback_data
    assert [b.text for row in without(keyboard, {quotes}).inline_keyboard for b in row] == [
        "Compare sources",
        "More",
    ]
    assert without(keyboard, {b.callback_data for b in keyboard.inline_keyboard[0]}) is None


def test_sources_keyboard_has_a_button_per_source(service):
    keyboard = sources_keyboard(service.sources())
    data = [row[0].callback_data for row in keyboard.inline_keyboard]
    assert [d.text for d in data] == [s.source_id for s in service.sources()]
    assert all(len(row[0].text) <= 60 for row in keyboard.inline_keyboard)


def test_no_more_button_once_the_evidence_is_used_up():
    end = Answer(
        question=QUESTION,
        answer="No further evidence in the articles.",
        abstained=False,
        reason="no more evidence",
    )
    assert answer_keyboard(end, page=4) is None
