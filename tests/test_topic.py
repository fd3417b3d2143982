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


@pytest.mark.parametrize(
    ("topic", "head"),
    [
        ("the Labour candidate's winning majority over the Tories", "majority"),
        ("spoiled ballot papers in the county count", "papers"),
        ("the number of lifeboats the charity launched", "lifeboats"),  # past 'the number of'
        ("the harbour turnout was", "turnout"),  # a trailing verb is no head
        ("the count of seals Mara Holt recorded", "seals"),  # a clause after the noun
        ("Green Party council seats", "seats"),
        ("what the campaign spent", None),  # a question, not a noun phrase
        ("how many seats the Greens won", None),
    ],
)
def test_the_head_noun_of_a_topic_written_as_a_noun_phrase(topic, head):
    from bot.answering.topic import topic_head

    assert topic_head(topic) == head


@pytest.mark.parametrize(
    "request_text",
    [
        "Is there any disagreement on the length of the lease?",
        "are there differences between the outlets on the length of the lease",
        "is there a discrepancy over the length of the lease?",
    ],
)
def test_asking_whether_the_sources_disagree_leaves_the_subject(request_text):
    assert reduce_topic(request_text) == "the length of the lease"


@pytest.mark.parametrize(
    ("topic", "kind"),
    [
        ("the number of nurses who resigned", "quantity"),
        ("total number of boats that sank", "quantity"),
        ("the day the ferry ran aground", "date"),
        ("the date of the collapse", "date"),
        ("the nurses who resigned", None),
        ("the daytime temperature", None),
    ],
)
def test_a_noun_phrase_naming_a_count_or_a_day_asks_one_whatever_clause_follows(topic, kind):
    from bot.answering.topic import phrase_kind

    assert phrase_kind(topic) == kind
