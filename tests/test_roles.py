"""The part a figure plays in a negotiation (`bot/answering/roles.py`), in invented wording: an
offer beside a demand is another measure."""

from __future__ import annotations

import pytest

from bot.answering.roles import other_role, roles


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the rise the union wants", {"demanded"}),
        ("the pay offer made to the cleaners", {"offered"}),
        ("the share of members who voted to strike", {"voted"}),
        ("the deal the cleaners accepted", {"agreed"}),
        ("the number of cleaners on strike", set()),
    ],
)
def test_the_part_a_text_names_in_a_negotiation(text, found):
    assert roles(text) == found


def test_a_value_of_another_part_than_the_topic_names():
    asked = roles("the rise the union wants")
    assert other_role("brightway had offered them", asked)
    assert not other_role("the union is asking for", asked)
    assert not other_role("about 210 cleaners are taking part", asked)  # no part named
    assert not other_role("had offered them", frozenset())  # a topic naming no part


LAUNDRY = {
    "a-city-bugle.txt": "Hospital cleaners strike\n\nPublished: 8 October 2025\n\nCleaners at St Anselm's began "
    "a three-day strike on Tuesday after turning down a 2.5% pay offer from Brightway Services.\n\nTheir union "
    "is demanding a rise of 6%.\n\nAbout 210 cleaners are taking part.",
    "b-metro-wire.txt": "Cleaners walk out\n\nPublished: 8 October 2025\n\nSome 200 cleaners stopped work on "
    "Tuesday. Brightway Services had offered them 2%, the union said.",
    "c-health-times.txt": "St Anselm's stoppage\n\nPublished: 9 October 2025\n\nBrightway said its offer of 2.5% "
    "was generous, while the union wants 6%.\n\nThe firm says 150 cleaners joined the walkout.",
    "d-care-weekly.txt": "Cleaning dispute\n\nPublished: 10 October 2025\n\nThe union turned down a 2.5% offer "
    "and is asking for 6%.",
}


def test_a_pay_offer_topic_compares_the_offers_not_a_count_of_those_offered(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "laundry", LAUNDRY)).compare(
        "How do the outlets differ on the pay offer made to the cleaners?"
    )
    [group] = c.measures
    assert group.measure == "share"
    assert {v.value: sorted(v.source_ids) for v in group.values} == {
        "2.5%": ["a-city-bugle", "c-health-times", "d-care-weekly"],
        "2%": ["b-metro-wire"],
    }


def test_a_demand_topic_leaves_out_the_offers(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "laundry", LAUNDRY)).compare(
        "How do the outlets differ on the pay rise the union wants?"
    )
    shown = {v.value for g in c.measures for v in g.values}
    assert "6%" in shown and not shown & {"2%", "2.5%"}
