"""What a question asks for and whether a sentence holds it (bot/answering/constraints.py): a
size's dimension, a sum's sense (paid or a value), the post a 'who' question names and whose it
is, a period's length. Most are tested through the service, as a user asks."""

from __future__ import annotations

import pytest

from bot.answering.constraints import asked_dimension, asked_measure, dimension_fits
from tests.support.corpora import open_service, write_corpus


@pytest.mark.parametrize(
    ("question", "dimension"),
    [
        ("How long is the new breakwater?", "length"),
        ("How tall is the lighthouse?", "height"),
        ("What is the depth of the channel?", "depth"),
        ("How long will the dredging take?", None),  # a duration
        ("How much did the breakwater cost?", None),
    ],
)
def test_the_dimension_a_size_question_asks(question, dimension):
    assert asked_dimension(question) == dimension


def test_a_sentence_fits_when_it_states_the_dimension_or_none():
    assert dimension_fits("length", "The breakwater is 420 m long.")
    assert not dimension_fits("length", "The breakwater is 12 m high.")
    assert dimension_fits("length", "The breakwater measures 420 m.")  # no dimension word
    assert dimension_fits(None, "The breakwater is 12 m high.")


def test_since_a_date_says_how_long_a_state_has_lasted(tmp_path):
    text = (
        "Skerholm light keeper retires\n\nThe Skerholm lighthouse will be run remotely from next spring. "
        "Its keeper, Mara Quist, has kept the Skerholm light since 1979 and will move to the mainland.\n"
    )
    service = open_service(write_corpus(tmp_path, {"light.txt": text}))
    reply = service.ask("How long has Mara Quist kept the Skerholm light?")
    assert not reply.abstained and "since 1979" in reply.statements[0].quote


GALLERY = (
    "Harwick Gallery keeps its Vell portrait\n\nThe Harwick Gallery bought the Vell portrait at auction "
    "in 1987 for £38,000. Insurers now value the Vell portrait at £1.6 million, the gallery's director said.\n"
)


def test_a_price_paid_and_a_valuation_each_answer_their_own_question(tmp_path):
    service = open_service(write_corpus(tmp_path, {"portrait.txt": GALLERY}))
    paid = service.ask("What did the Harwick Gallery pay for the Vell portrait?")
    assert not paid.abstained and "£38,000" in paid.statements[0].quote
    worth = service.ask("What is the Vell portrait valued at now?")
    assert not worth.abstained and "£1.6 million" in worth.statements[0].quote


def test_a_valuation_does_not_say_what_was_paid_nor_a_price_paid_what_a_thing_is_worth(tmp_path):
    valued = GALLERY.replace(
        "bought the Vell portrait at auction in 1987 for £38,000", "has shown the Vell portrait since 1987"
    )
    service = open_service(write_corpus(tmp_path / "a", {"portrait.txt": valued}))
    assert service.ask("How much did the Harwick Gallery spend on the Vell portrait?").abstained
    bought = GALLERY.replace(
        " Insurers now value the Vell portrait at £1.6 million, the gallery's director said.", ""
    )
    service = open_service(write_corpus(tmp_path / "b", {"portrait.txt": bought}))
    assert service.ask("What is the Vell portrait worth?").abstained


def test_whoever_leads_is_named_whatever_the_text_calls_the_post(tmp_path):
    text = (
        "Ferry timetable review reports\n\nThe review of the Solvik ferry timetable, chaired by the former "
        "auditor Maren Dahl, reported on Friday that the early crossing should move to 6.40am.\n"
    )
    service = open_service(write_corpus(tmp_path, {"review.txt": text}))
    reply = service.ask("Who headed the review of the Solvik ferry timetable?")
    assert not reply.abstained and "Maren Dahl" in reply.statements[0].quote


def test_a_leader_by_phrase_names_the_leader_of_what_stands_before_it(tmp_path):
    text = (
        "New quay for Solvik\n\nThe Solvik harbour trust, led by Ines Kowal, will build the new quay "
        "with the regional port authority from next spring.\n"
    )
    service = open_service(write_corpus(tmp_path, {"quay.txt": text}))
    reply = service.ask("Who runs the regional port authority?")
    assert reply.abstained or "Ines Kowal" not in reply.statements[0].quote
    assert "Ines Kowal" in service.ask("Who runs the Solvik harbour trust?").statements[0].quote


COURT = (
    "Haulier fined over Dunford crash\n\nA haulage firm from Carnby was fined £80,000 at Dunford Crown Court "
    "on Friday after one of its lorries shed a load of steel on the A614. The company's chief executive, "
    "Lena Moss, said it had since retrained every driver. The Dunford Road Safety Trust, which campaigned "
    "for the prosecution, welcomed the fine.\n"
)


def test_a_post_of_another_named_body_does_not_answer(tmp_path):
    text = COURT.replace(
        "The company's chief executive, Lena Moss,", "Lena Moss, chief executive of Calder Freight,"
    )
    service = open_service(write_corpus(tmp_path, {"court.txt": text}))
    reply = service.ask("Who is the chief executive of the Dunford Road Safety Trust?")
    assert reply.abstained or "Lena Moss" not in reply.statements[0].quote


PIER = {
    "a.txt": "Pier reopens\n\nThe restored pier at Salthaven reopened on Saturday after two years of work. "
    "The deck is now 412 metres long. The pier was first built in 1871, and 3,000 people crossed the pier "
    "on the first day.\n",
    "b.txt": "Pier tolls\n\nThe pier charges 50p a visit. The pier trust has 40 volunteers, and the pier "
    "cafe opens at nine.\n",
}


def test_a_dimension_named_as_a_noun_is_held_by_its_adjective(tmp_path):
    """'What is the pier's length?' is answered by 'the deck is 412 metres long': the words of
    the dimension hold it, where the pier is named everywhere and not in that sentence."""
    service = open_service(write_corpus(tmp_path, PIER))
    reply = service.ask("What is the pier's length?")
    assert not reply.abstained and "412 metres long" in reply.statements[0].quote


def test_where_something_was_published_is_answered_by_the_journal_or_paper(tmp_path):
    """'Where were the findings published?' is answered by a journal's name; 'where' asking a
    location is still not answered by a journal."""
    text = (
        "Lichen survey\n\nThe survey team counted 212 lichen species on the Brask headland. "
        "Their findings appear in the Journal of Northern Botany this month. "
        "The team was based at Vell Farm during the survey.\n"
    )
    service = open_service(write_corpus(tmp_path, {"lichen.txt": text}))
    reply = service.ask("Where did the lichen findings appear?")
    assert not reply.abstained and "Journal of Northern Botany" in reply.statements[0].quote
    based = service.ask("Where was the lichen survey team based?")
    assert not based.abstained and "Vell Farm" in based.statements[0].quote


def test_what_a_thing_is_called_is_answered_by_the_name_given_to_it(tmp_path):
    """'What is the new ferry called?' is answered by the sentence that gives the name ('will be
    named Skerry Queen'), not by one that only says it was named after someone; a sentence giving
    no name is at most a closest passage."""
    text = (
        "Ferry launch\n\nThe new ferry was built at the Orrin yard and named after a local lifeboat "
        "coxswain. The new ferry will be named Skerry Queen at a ceremony on Friday. It carries 40 cars.\n"
    )
    service = open_service(write_corpus(tmp_path, {"ferry.txt": text}))
    reply = service.ask("What is the new ferry called?")
    assert not reply.abstained and "Skerry Queen" in reply.statements[0].quote
    unnamed = text.replace(" The new ferry will be named Skerry Queen at a ceremony on Friday.", "")
    service = open_service(write_corpus(tmp_path / "b", {"ferry.txt": unnamed}))
    assert service.ask("What is the new ferry called?").abstained


# (article text, question, words the first quote must hold): each a kind of answer read from
# SQuAD 2.0 train's first half (tests/data/heldout/squad-a) or a held-out corpus, in new wording.
KINDS_HELD = [
    # years in brackets, a span of years, a year before what it dates
    (
        "The landmarks include the Corn Exchange (1864), a brick hall.",
        "In what year was the Corn Exchange built?",
        "1864",
    ),
    (
        "The abbey was ruled by Prior Anselm Dray (pr. 1402–1431), who rebuilt its cloister.",
        "When did Anselm Dray rule the abbey?",
        "1402",
    ),
    (
        "The weavers' guild's years in the Moot Hall, 1710–1788, were its busiest.",
        "When was the weavers' guild in the Moot Hall?",
        "1710",
    ),
    ("An 1851 survey counted 212 looms in the town.", "When was the survey that counted the looms?", "1851"),
    # a name after a title is a person, though 'heath' names a place
    (
        "Harbury was a busy naval port. In 1915, Governor Lionel Heath ordered the harbour closed to foreign ships.",
        "Who was the governor of Harbury in 1915?",
        "Lionel Heath",
    ),
    # ages after 'age' or 'aged'
    (
        "The painter Wren Hollis grew up in Carrow. At the age of nineteen she moved to Lisbon.",
        "How old was Wren Hollis when she moved to Lisbon?",
        "nineteen",
    ),
    (
        "Aged seven, Hollis had sold her first drawing at the Carrow fair.",
        "How old was Hollis when she sold her first drawing?",
        "seven",
    ),
    # a bare 'how many' takes a count in words
    (
        "The Kessock crew set a course record at the regatta when they won four races in one afternoon.",
        "To set the course record, how many did the Kessock crew win?",
        "four races",
    ),
    # an abbreviated title names the post
    (
        '"We were never asked," said Cllr Aileen Tarrant, who represents Dunmore ward on the district council.',
        "Which councillor represents Dunmore ward?",
        "Aileen Tarrant",
    ),
    # a season answers 'when'
    (
        "The contractor says the repairs to the Fenwick sea wall will be done in winter, when the beach is quiet.",
        "When will the repairs to the sea wall be done?",
        "in winter",
    ),
    # where someone was quoted: the paper, whose one-word name reads as a person's
    (
        "In an interview published by Kunstblatt in May 2019, Ida Brandt was asked whether she considers "
        "herself a realist, and said she did not.",
        "Where was Brandt quoted on whether she considers herself a realist?",
        "Kunstblatt",
    ),
]


@pytest.mark.parametrize(("text", "question", "held"), KINDS_HELD)
def test_a_sentence_holding_the_kind_asked_answers(tmp_path, text, question, held):
    service = open_service(
        write_corpus(tmp_path, {"article.txt": f"Local history\n\n{text} The council met on Monday.\n"})
    )
    reply = service.ask(question)
    assert not reply.abstained and held in reply.statements[0].quote


def test_a_fraction_word_in_a_question_names_no_measure():
    assert asked_measure("How many songs were played at the half time show?") == "count"
    assert asked_measure("How many kilometres of track were laid?") == "length"
