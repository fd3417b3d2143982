"""What a share is a share of (bot/answering/shares.py). New wordings on invented stories."""

from __future__ import annotations

import pytest

from bot.answering.quantities import quantities
from bot.answering.shares import asked_whole, other_whole, whole_of
from retrieval.analyzer import Analyzer

TERMS = Analyzer().terms


@pytest.mark.parametrize(
    ("topic", "whole"),
    [
        ("What share of the town's electricity will the wind farm supply?", {"town", "electr"}),
        ("how much of the bypass has been built", {"bypass"}),
        ("what percentage of voters turned out", {"voter"}),
        ("how many voters turned out", set()),
    ],
)
def test_the_whole_a_topic_asks_a_share_of(topic, whole):
    found = asked_whole(topic, TERMS)
    expected = {t for w in whole for t in TERMS(w)}
    assert expected <= found if whole else found == set()
    assert not {"will", "wind", "farm", "suppli", "built"} & found  # the words after the whole


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("The lake stood at 22 percent of capacity in August.", True),
        ("The farm will meet about a third of what the town uses.", True),
        ("Some 70% of the 3.2km bypass is finished.", True),
        ("Turnout was 58 percent.", False),
    ],
)
def test_the_whole_a_share_names(sentence, named):
    [share] = [f for f in quantities(sentence) if f.measure == "share"]
    assert bool(whole_of(share, TERMS)) is named


def test_a_share_of_another_whole_is_another_measure():
    asked = asked_whole("What share of the town's electricity will the wind farm supply?", TERMS)
    [level] = quantities("The lake stood at 22 percent of capacity in August.")
    [supply] = quantities("The wind farm will supply 40 percent of the town's electricity.")
    [bare] = quantities("Turnout was 58 percent.")
    assert other_whole(level, asked, TERMS)
    assert not other_whole(supply, asked, TERMS)
    assert not other_whole(bare, asked, TERMS)  # names no whole: may be of anything
    assert not other_whole(level, set(), TERMS)  # a topic naming no whole keeps every share
