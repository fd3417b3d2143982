"""Names a question is about and the names the text pairs with them (bot/answering/peers.py)."""

from __future__ import annotations

import pytest

from bot.answering.peers import fold_name, has_name, peer_conflict, peers, question_names, relation_held


def test_question_names_drop_the_question_word_and_fold_accents():
    assert question_names("How much will Zoë Müller's firm pay Ostby?") == ["zoe muller's", "ostby"]
    assert question_names("What did the mayor say?") == []


@pytest.mark.parametrize(
    "text",
    [
        "Norland and Vesteria signed the pact.",
        "Talks between Vesteria and Norland resumed.",
        "Flights from Norland to Vesteria restart in May.",
        "It is Norland versus Vesteria again.",
    ],
)
def test_a_name_coordinated_with_the_question_name_is_its_peer(text):
    assert peers(["norland"], [text]) == {"norland": {"vesteria"}}


def test_names_of_the_question_are_not_each_others_peers():
    assert peers(["norland", "vesteria"], ["Norland and Vesteria signed the pact."]) == {}


@pytest.mark.parametrize(
    ("sentence", "conflict"),
    [
        ("Vesteria will build 12 new berths.", True),  # about the peer only
        ("Norland will build 12 new berths.", False),
        ("Vesteria and Norland will each build 12 berths.", False),
        ("The port will build 12 new berths.", False),  # names neither: not decided here
    ],
)
def test_a_sentence_about_the_peer_alone_conflicts(sentence, conflict):
    assert peer_conflict({"norland": {"vesteria"}}, sentence) is conflict


def test_names_match_as_whole_words_without_case_or_accents():
    assert has_name("malmo", fold_name("Trains to MALMÖ run hourly."))
    assert not has_name("malmo", fold_name("Malmoby is a village."))


@pytest.mark.parametrize(
    ("text", "before", "held"),
    [
        ("Vesby, the capital of Norland, hosted the summit.", "", True),
        ("Norland's capital, Vesby, hosted the summit.", "", True),
        ("Its capital is Vesby.", "Norland lies on the coast.", True),
        ("The Norland exchange wants to deepen the country's capital markets.", "", False),
        ("Its capital is Vesby.", "Ostby lies on the coast.", False),
    ],
)
def test_a_relation_is_held_where_the_owner_stands_by_the_noun(text, before, held):
    assert relation_held("capital", "norland", text, before) is held
