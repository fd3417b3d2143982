"""What a question asks, from its wording alone (bot/answering/question.py).

The answer constraints built on these are tested in e2e/test_answer_constraints.py."""

from __future__ import annotations

import pytest

from bot.answering.question import (
    answer_type,
    asks_role_of,
    comparison_topic,
    money_sense,
    question_parts,
    relation_asked,
    role_phrase,
    wants_money,
)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("compare the sources on the tramline's cost", "the tramline's cost"),
        ("Who runs the port authority according to the different articles?", "Who runs the port authority"),
        ("Who runs the port authority?", None),
    ],
)
def test_a_request_to_compare_sources_gives_its_topic(question, topic):
    assert comparison_topic(question) == topic


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who runs the port?", "person"),
        ("When did the port open?", "date"),
        ("For how long were the locks shut?", "quantity"),
        ("Roughly how far is the quarry from the school?", "quantity"),
        ("At what age did the sculptor leave Genoa?", "quantity"),
        ("Name the firm that dredged the harbour.", "other"),
        ("Name the four villages on the ferry route.", "list"),
        ("Where is the port?", "place"),
        ("How much did the yard cost?", "quantity"),
        ("Why did the yard close?", "reason"),
        ("Describe the port.", "definition"),
        ("What did the new dredger cost?", "quantity"),
        ("What will the ring road cost to widen?", "quantity"),
        ("Which regional party does the councillor sit for?", "organisation"),
        ("Which Danish firm won the dredging contract?", "organisation"),
        ("which shipyard launched the trawler", "organisation"),
        ("What club did the goalkeeper join after leaving?", "organisation"),
        ("Which airlines fly to the island in winter?", "organisation"),
        ("at what temperature does the glaze fuse?", "quantity"),
        ("what was the painter's date of birth?", "date"),
        ("What were sales of Norland cheese worth last year?", "quantity"),
        ("what's the most a family can claim from the flood fund?", "quantity"),
        ("What's the ferry's launch date?", "date"),
        ("what is the melting point of the alloy", "quantity"),
        ("What was the take-off mass of the glider?", "quantity"),
        ("what's the altitude of the summit hut", "quantity"),
        ("the date passengers can board the ferry again", "date"),  # a comparison's topic
        ("The timing of the ferry's return", "date"),
        # a measure noun after an auxiliary is not what is asked ('what does ... mass reduce')
        ("What does the toll discourage drivers from doing?", "other"),
        ("What should the price of the early permits be seen as?", "other"),
        ("Which fee did the harbour board waive?", "quantity"),
        # a 'where' or 'when' clause before the question proper is not what it asks
        ("In the quarter where the tanneries stood, what was built later?", "other"),
        ("On the night when the levee broke, who sounded the alarm?", "person"),
    ],
)
def test_the_kind_of_answer_a_question_wants(question, kind):
    assert answer_type(question) == kind


def test_a_question_asking_two_things_is_split_and_its_pronoun_given_the_name():
    parts = question_parts("When did Halvorsen Shipping open the yard, and how much did it cost?")
    assert parts == [
        "When did Halvorsen Shipping open the yard?",
        "how much did it cost Halvorsen Shipping?",
    ]
    assert question_parts("How much did the yard cost?") == ["How much did the yard cost?"]


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("What is the capital of Norland?", ("capital", "Norland")),
        ("what's the main purpose of the Harbour Trust?", ("purpose", "Harbour Trust")),
        ("What is the name of the ferry?", None),  # no name: nothing to hold the sentence to
        ("what is the capital of norland", ("capital", "norland")),  # typed in lower case
        ("what is the purpose of the fund", None),  # an article: a thing, not a name
        ("Who is the mayor of Ravensby?", None),  # a role question (evidence.Role)
    ],
)
def test_the_attribute_and_its_owner_asked_for(question, owner):
    assert relation_asked(question) == owner


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What is Ruth Amadi's role?", True),
        ("what's greta holm's job at the depot", True),
        ("What job did Piet Maas do before the war?", True),
        ("What was Oskar Lindahl’s official title?", True),
        ("what is the mayor's role in the budget", False),  # no one named: a description
        ("What is the role of the ombudsman?", False),
        ("What is Ruth Amadi's address?", False),
    ],
)
def test_asks_the_role_of_a_named_person(question, asks):
    assert asks_role_of(question) is asks


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("How much did the charity auction raise?", True),
        ("how much was the haulier fined", True),
        ("How much compensation did the tenants get?", True),
        ("How many paintings were donated to the gallery?", False),  # a count
        ("By how much did the new weir raise the river?", False),  # a change of level
    ],
)
def test_verbs_that_ask_for_money_after_how_much(question, money):
    assert wants_money(question) is money


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Which surgeon operated on the goalkeeper?", ["surgeon"]),
        ("what referee sent him off", ["referee"]),
        ("Which company dredged the harbour?", []),
        ("Which judge of the high court is retiring?", []),
    ],
)
def test_which_role_asks_for_the_person_in_that_role(question, role):
    assert role_phrase(question) == role


def test_a_second_part_that_refers_back_gets_the_first_parts_subject_not_its_frame_words():
    assert question_parts("how tall is the radio mast and when was it put up") == [
        "how tall is the radio mast?",
        "when was it put up radio mast?",
    ]


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who headed the review of the ferry timetable?", ["boss"]),
        ("who ran the bakery before the fire", ["boss"]),
        ("What is the name of the man who leads the rescue team?", ["boss"]),
        ("Who took over running the lifeboat station in 2019?", ["boss"]),
        ("Who chairs the harbour board?", ["chair"]),  # a chair is a post of its own
        ("Who ran in the marathon?", []),  # ran in a race: not leading anything
        ("Which runner led the race?", []),
    ],
)
def test_verbs_of_leading_ask_for_whoever_leads_whatever_the_post_is_called(question, role):
    assert role_phrase(question) == role


@pytest.mark.parametrize(
    ("question", "sense"),
    [
        ("How much did the club pay for the striker?", "paid"),
        ("what did the council spend on the new bridge", "paid"),
        ("How much is the stamp collection worth?", "value"),
        ("What is the land valued at?", "value"),
        ("How much did the land cost?", None),
        ("How much is the stake worth now compared with what they paid?", None),
    ],
)
def test_which_sum_a_money_question_asks(question, sense):
    assert money_sense(question) == sense


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is the fire chief?", ["chief"]),
        ("who is the chair of the rowing club", ["chair"]),
        ("Who was the club's first captain?", ["first", "captain"]),
        ("Who is the owner of the bakery?", ["owner"]),
    ],
)
def test_posts_of_bodies_teams_and_papers_are_roles(question, role):
    assert role_phrase(question) == role


def test_a_hyphenated_post_is_a_role():
    from bot.answering.question import role_phrase

    assert role_phrase("Who is the vice-president of the Orrin Rowing Club?") == ["vice", "president"]
    assert role_phrase("who is the club's vice-captain") == ["vice", "captain"]
