"""Whose figure a value is (bot/answering/attribution.py): the party a topic asks for and the
party a value's clause gives it to. New wordings on invented stories."""

from __future__ import annotations

import pytest

from bot.answering.attribution import anothers, owner, speaker
from bot.answering.facts import quantities


@pytest.mark.parametrize(
    ("topic", "party"),
    [
        ("the auditor's estimate of the overspend", "auditor"),
        ("how big was the crowd according to the police", "police"),
        ("the police count of the marchers", "police"),
        ("what the forecast given by the ministry says", "ministry"),
        ("how much will the bridge cost", ""),
        ("the repair cost estimate", ""),  # an estimate, but nobody's in particular
    ],
)
def test_the_party_a_topic_asks_for(topic, party):
    assert owner(topic) == party


@pytest.mark.parametrize(
    ("sentence", "value", "party"),
    [
        ("Union leaders said 4,000 jobs were at risk.", "4,000 jobs", "union"),
        ("Officials said in March that the roof would cost $2 million.", "$2 million", "officials"),
        ("It is well below the $3m figure the Harbour Board gave in May.", "$3m", "harbour board"),
        ("The audit puts the overspend at $9 million.", "$9 million", ""),  # a document, not a party
        ("Analysts expect 300 job cuts.", "300 job", "analysts"),
    ],
)
def test_the_party_a_value_is_given_to(sentence, value, party):
    [fact] = [f for f in quantities(sentence) if f.text.startswith(value)]
    assert speaker(fact) == party


def test_a_value_given_to_another_party_than_the_one_asked_for():
    [theirs] = quantities("Organisers put the crowd at 30,000 people.")
    [unsaid] = quantities("Some 12,500 people joined the march.")
    [ours] = quantities("The police estimated the crowd at 12,000 people.")
    assert anothers(theirs, "police")
    assert not anothers(unsaid, "police") and not anothers(ours, "police")
    assert not anothers(theirs, "")  # a topic asking for nobody's figure keeps every one
