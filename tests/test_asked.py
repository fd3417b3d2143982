"""The kind of measure a comparison topic asks (`bot/answering/asked.py`), in invented wording."""

from __future__ import annotations

import pytest

from bot.answering.asked import asked_unit, unit_kind, wanted_kinds


@pytest.mark.parametrize(
    ("topic", "kinds"),
    [
        ("what the new bridge will cost", ["amount in "]),
        ("the pay offer made to the porters", ["share"]),
        ("the salary the coach was promised", ["share", "amount in "]),  # a rise of 5% or a sum
        ("the area of woodland felled", ["area"]),
        ("how big the meteorite was", ["length"]),
        ("the court costs the firm was ordered to pay", ["amount in "]),  # 'pay' alone names no kind
    ],
)
def test_the_kinds_a_topic_names_in_the_order_tried(topic, kinds):
    assert wanted_kinds(topic, "other") == kinds


@pytest.mark.parametrize(
    ("topic", "unit"),
    [
        ("the length of the closed towpath", "length"),
        ("the area of woodland felled", "area"),
        ("how big the meteorite was", "length"),
        ("how long the blackout lasted", "duration"),
        ("how long after the alarm the crews came", ""),  # a time from an event
        ("what the repairs will cost", ""),
    ],
)
def test_the_units_a_topic_asks_for(topic, unit):
    assert asked_unit(topic) == unit


def test_a_kind_named_by_its_units_noun_only():
    assert unit_kind("the area of woodland felled") == "area"
    assert unit_kind("how big the meteorite was") == ""  # a size, not named by a unit's noun
