"""The values a statement gives for comparing and the sentences revising them
(`bot/answering/stated.py`), in invented wording."""

from __future__ import annotations

import pytest

from bot.answering.stated import PERSON, _revises, measured


def test_a_statement_gives_its_amounts_and_for_a_when_topic_its_dates():
    sentence = "The footbridge will cost £3.2m and open on 14 May 2027, the council said."
    amounts = [f.text for f in measured(sentence, "quantity")]
    assert any("3.2m" in a for a in amounts)
    dates = [f.text for f in measured(sentence, "date") if f.kind == "date"]
    assert any("14 May 2027" in d for d in dates)
    assert not any("14 May" in a for a in amounts)


def test_a_wire_storys_dateline_is_not_a_date_it_states():
    sentence = "HARLOWBY, June 3 (Coastline Wire) - The pier reopened on 28 May after repairs."
    dates = [f.text for f in measured(sentence, "date") if f.kind == "date"]
    assert any("28 May" in d for d in dates) and not any("June 3" in d for d in dates)


@pytest.mark.parametrize(
    ("before", "after", "revises"),
    [
        ("In 2023 the trust put the bill at $4m.", "That figure was raised to $5.6m last month.", True),
        ("The first estimate was $4m.", "This has since been revised to $5.6m.", True),
        ("The museum expected to open in June 2027.", "The date has been pushed back to March 2028.", True),
        # the next sentence revises another figure: a price after a date
        ("The museum expected to open in June 2027.", "The price has risen too, to $5.6m.", False),
        ("In 2023 the trust put the bill at $4m.", "That was a record for the town.", False),
    ],
)
def test_a_sentence_revising_the_figure_before_it(before, after, revises):
    kind = "date" if "open" in before else "quantity"
    assert _revises(after, before, kind) is revises


def test_a_who_topic_reads_the_people_a_sentence_names_with_their_titles():
    said = '"The ice gave way," said Chief Inspector Maya Lund of Fenmouth Police, the officer in charge.'
    [person] = measured(said, "person")
    assert (person.text, person.key, person.measure) == ("Chief Inspector Maya Lund", "maya lund", PERSON)
    assert {"charg", "offic"} <= set(person.context)  # the apposition after the name is hers


def test_a_service_or_place_is_no_persons_name():
    assert measured("Crews from Harlow Fire and Rescue reached the lake at noon.", "person") == ()
