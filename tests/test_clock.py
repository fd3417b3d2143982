"""Times of day in a sentence (bot/answering/clock.py)."""

from __future__ import annotations

import pytest

from bot.answering.clock import TIME_OF_DAY, clock_times


@pytest.mark.parametrize(
    ("sentence", "text", "hours", "qualifier"),
    [
        ("The ferry left the quay at 7.45pm on Friday.", "7.45pm", 19.75, ""),
        ("Alarms sounded at 06:10 in the yard.", "06:10", 6 + 10 / 60, ""),
        ("Crews arrived shortly after 11am.", "shortly after 11am", 11.0, "over"),
        ("The bell rang at about half past nine that evening.", "about half past nine", 21.5, "about"),
        ("The bell rang at quarter to ten in the morning.", "quarter to ten", 9.75, ""),
        ("The doors opened at eight o'clock.", "eight o'clock", 8.0, ""),
    ],
)
def test_a_time_of_day_is_hours_after_midnight(sentence, text, hours, qualifier):
    [fact] = clock_times(sentence)
    assert (fact.text, fact.measure, fact.qualifier) == (text, TIME_OF_DAY, qualifier)
    assert fact.value == pytest.approx(hours)


@pytest.mark.parametrize(
    "sentence", ["The team scored 6.15 points a game.", "Six boats sailed at dawn.", "Ratio 3:2 was agreed."]
)
def test_figures_that_are_no_time_of_day(sentence):
    assert clock_times(sentence) == ()


def test_a_times_own_words_are_not_its_subject():
    [fact] = clock_times("The market opened at 9am in the square.")
    assert "am" not in fact.context and "market" in fact.context
