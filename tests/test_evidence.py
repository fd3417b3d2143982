"""Which dimension and measure a question asks, and whether a sentence can answer it
(bot/answering/evidence.py). Evidence selection as a whole is tested through the answerer
(test_answerer.py, e2e/test_answer_constraints.py)."""

from __future__ import annotations

import pytest

from bot.answering.evidence import asked_dimension, dimension_fits


@pytest.mark.parametrize(
    ("question", "dimension"),
    [
        ("How long is the new breakwater?", "length"),
        ("How tall is the lighthouse?", "height"),
        ("What is the depth of the channel?", "depth"),
        ("How long will the dredging take?", None),  # a duration
        ("How much did the breakwater cost?", None),
    ],
)
def test_the_dimension_a_size_question_asks(question, dimension):
    assert asked_dimension(question) == dimension


def test_a_sentence_fits_when_it_states_the_dimension_or_none():
    assert dimension_fits("length", "The breakwater is 420 m long.")
    assert not dimension_fits("length", "The breakwater is 12 m high.")
    assert dimension_fits("length", "The breakwater measures 420 m.")  # no dimension word
    assert dimension_fits(None, "The breakwater is 12 m high.")
