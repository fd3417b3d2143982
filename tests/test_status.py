"""The status a sentence gives a thing (done, undecided, denied) and the thing a topic asks about
(bot/answering/status.py)."""

from __future__ import annotations

import pytest

from bot.answering.status import status_facts, topic_thing


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("Auditors have launched a formal review of the contract.", "done"),
        ("A formal review was ordered on Tuesday.", "done"),
        ("The minister is considering a formal review.", "undecided"),
        ("Opposition members called for a formal review of the deal.", "undecided"),
        ("There has been no formal review, the ministry said.", "denied"),
        ("The ministry has not ordered a formal review.", "denied"),
        ("The formal review covers three years of spending.", None),
        ("A review of the budget found errors.", None),  # not the thing asked about
        (
            "The formal audit of the contract, delayed by the election and two court cases, is under review.",
            None,
        ),
    ],
)
def test_the_status_a_sentence_gives(sentence, key):
    thing = topic_thing("Is there a formal review of the contract?")
    assert thing == "formal review"
    found = status_facts(sentence, thing)
    assert (found[0].key if found else None) == key


@pytest.mark.parametrize(
    ("topic", "thing"),
    [
        ("Has the ferry strike ended?", "ferry strike ended"),
        ("Is there an inquiry into the dam?", "inquiry"),
        ("the ferry strike", None),  # not a yes/no question: no status asked
    ],
)
def test_the_thing_a_yes_no_topic_asks_about(topic, thing):
    assert topic_thing(topic) == thing
