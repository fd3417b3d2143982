"""Counts of different nouns sharing a modifier stay different measures (`bot/answering/heads.py`)."""

from bot.answering.compare import _measured
from bot.answering.heads import compound_head


def test_a_count_is_of_the_compound_head_not_its_modifier():
    facts = _measured(
        "The library will lend 12 walnut cabinets and keep 9 walnut benches in the hall.", "quantity"
    )
    measures = {f.text: f.measure for f in facts}
    assert measures == {"12 walnut cabinets": "count of cabinet", "9 walnut benches": "count of bench"}


def test_a_state_word_then_a_modifier_then_the_head():
    (fact,) = _measured("The ferry firm will add 7 new harbour launches next spring.", "quantity")
    assert fact.measure == "count of launch" and fact.text == "7 new harbour launches"


def test_units_and_clause_words_are_no_compound():
    assert not compound_head("hour", "delays")
    assert not compound_head("households", "and")
    assert compound_head("council", "contracts")
