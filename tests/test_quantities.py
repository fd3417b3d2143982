"""Numbers and the quantities a sentence states (bot/answering/quantities.py)."""

from __future__ import annotations

import pytest

from bot.answering.quantities import parse_number, quantities


@pytest.mark.parametrize(
    ("text", "value"),
    [("6,238", 6238.0), ("1.18", 1.18), ("four", 4.0), ("twenty-five", 25.0), ("harbour", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_a_sum_of_money_is_normalised_with_its_currency_and_scale():
    [fact] = [f for f in quantities("The council will spend €1.18bn on the new tramline.") if f.unit == "EUR"]
    assert fact.value == pytest.approx(1.18e9)
    assert fact.text in "The council will spend €1.18bn on the new tramline."


def test_a_range_keeps_its_upper_end_and_a_qualifier_its_word():
    [low_high] = [f for f in quantities("Between 15 and 20 million passengers used the line.") if f.high]
    assert (low_high.value, low_high.high) == (15e6, 20e6)
    [about] = quantities("About 300 residents were moved to the school.")
    assert (about.value, about.qualifier) == (300.0, "about")


def test_a_sentence_without_figures_states_no_quantity():
    assert quantities("The residents were moved to the school.") == ()
