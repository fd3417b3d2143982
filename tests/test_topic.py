"""The topic of a comparison request, framing words removed (bot/answering/topic.py)."""

from __future__ import annotations

import pytest

from bot.answering.topic import reduce_topic, same_measure


@pytest.mark.parametrize(
    ("request_text", "topic"),
    [
        ("How do the outlets differ on the total cost of the tramline?", "the total cost of the tramline"),
        ("the harbour wall's height", "the harbour wall's height"),
        # a second question asking only whether the sources agree
        (
            "when does the ferry actually start - is everyone giving the same date?",
            "when does the ferry actually start",
        ),
        (
            "How many nurses will the clinic hire, and are the numbers consistent?",
            "How many nurses will the clinic hire",
        ),
        # ', and' before a clause with its own subject stays
        (
            "the cost of the pier, and the cost of the promenade",
            "the cost of the pier, and the cost of the promenade",
        ),
    ],
)
def test_framing_is_removed_and_the_subject_kept(request_text, topic):
    assert reduce_topic(request_text) == topic


def test_nothing_but_framing_leaves_an_empty_topic():
    assert reduce_topic("How do the outlets differ?") == ""


@pytest.mark.parametrize(
    ("words", "more"),
    [
        ({"cost"}, {"price", "bill", "budget"}),
        ({"budget", "museum"}, {"cost", "price", "bill"}),
        ({"turnout"}, set()),
        ({"price", "bill"}, {"cost", "budget"}),
        ({"worth"}, {"valu", "valuat"}),  # what a thing is worth is what it is valued at
        ({"reopen"}, {"close", "shut"}),  # 'stays closed until' answers when it reopens...
        ({"close"}, set()),  # ... but the day it closed is not when it reopens
    ],
)
def test_words_naming_the_same_measure(words, more):
    assert same_measure(words) == more
