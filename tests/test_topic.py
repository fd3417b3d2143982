"""The topic of a comparison request, framing words removed (bot/answering/topic.py)."""

from __future__ import annotations

import pytest

from bot.answering.topic import reduce_topic


@pytest.mark.parametrize(
    ("request_text", "topic"),
    [
        ("How do the outlets differ on the total cost of the tramline?", "the total cost of the tramline"),
        ("the harbour wall's height", "the harbour wall's height"),
    ],
)
def test_framing_is_removed_and_the_subject_kept(request_text, topic):
    assert reduce_topic(request_text) == topic


def test_nothing_but_framing_leaves_an_empty_topic():
    assert reduce_topic("How do the outlets differ?") == ""
