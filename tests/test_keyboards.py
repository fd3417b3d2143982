"""Inline keyboards under answers and source lists (bot/telegram_adapter/keyboards.py)."""

from __future__ import annotations

import pytest

from bot.telegram_adapter.callbacks import (
    QuestionStore,
    decode,
)
from bot.telegram_adapter.keyboards import answer_keyboard, sources_keyboard, without

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


def test_answer_keyboard(service):
    store = QuestionStore()
    answer = service.ask(QUESTION)
    keyboard = answer_keyboard(answer, store)
    labels = [b.text for row in keyboard.inline_keyboard for b in row]
    assert labels == ["Quotes", "Compare sources", "More"]
    more = [b.text for row in answer_keyboard(answer, store, page=1).inline_keyboard for b in row]
    assert more == ["More"]
    assert answer_keyboard(service.ask("What is the capital of Mongolia?"), store) is None
    quotes = keyboard.inline_keyboard[0][0].callback_data
    assert [b.text for row in without(keyboard, {quotes}).inline_keyboard for b in row] == [
        "Compare sources",
        "More",
    ]
    assert without(keyboard, {b.callback_data for b in keyboard.inline_keyboard[0]}) is None


def test_sources_keyboard_has_a_button_per_source(service):
    store = QuestionStore()
    keyboard = sources_keyboard(service.sources(), store)
    data = [row[0].callback_data for row in keyboard.inline_keyboard]
    assert [decode(d, store).text for d in data] == [s.source_id for s in service.sources()]
    assert all(len(row[0].text) <= 60 for row in keyboard.inline_keyboard)
