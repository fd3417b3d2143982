"""Button presses and pressed buttons (bot/telegram_adapter/callbacks.py)."""

from __future__ import annotations

import pickle

import pytest

from bot.telegram_adapter.callbacks import SEARCHING, Press, PressedButtons

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


def test_a_press_survives_pickling_as_the_saved_state_does():
    press = Press("more", "How much will the tunnel cost?" * 40, 3)
    assert pickle.loads(pickle.dumps(press)) == press


def test_only_presses_that_search_count_against_the_rate_limit():
    assert "source" not in SEARCHING and {"ask", "more", "compare", "quotes"} <= SEARCHING


def test_pressed_buttons_are_remembered_per_message():
    pressed = PressedButtons(maxsize=2)
    quotes = Press("quotes", "a")
    assert pressed.press(1, 10, quotes) and not pressed.press(1, 10, quotes)
    assert pressed.press(1, 11, quotes) and pressed.press(2, 10, quotes)
    assert pressed.pressed(1, 10) == frozenset()  # evicted
    assert pressed.pressed(2, 10) == {quotes}
