"""Values outside the story's scope (`bot/answering/scope.py`), in invented wording: an earlier
year's figure or last season's, or a rival's, beside the story's own is another measure."""

from __future__ import annotations

import pytest

from bot.answering.markers import EARLIER, marker_of
from bot.answering.scope import another_time, in_scope, of_a_rival, segment
from bot.answering.stated import measured


def _facts(sentences: dict[str, str]) -> list:
    """Each source's values, cited by sentence (one citation per source here)."""
    return [
        f.model_copy(update={"source_id": sid, "citation": n})
        for n, (sid, text) in enumerate(sentences.items(), 1)
        for f in measured(text, "quantity")
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "when"),
    [
        ("A gale in March 2014 flattened 420 greenhouses on the same estate.", "420 greenhouses", "2014"),
        ("Back in 2016 a similar flood closed 35 schools.", "35 schools", "2016"),
        ("The dockers rejected a 2% offer last year before settling for 4.5%.", "2%", "last year"),
        ("The dockers rejected a 2% offer last year before settling for 4.5%.", "4.5%", ""),
        ("Three years ago the ferry carried 61,000 passengers.", "61,000 passengers", "three years ago"),
        ("The ferry now carries 58,000 passengers.", "58,000 passengers", ""),
        # the day of the event reported, a target, a state since then: not another time
        ("On 2 March 2024 some 900 litres of diesel escaped into the brook.", "some 900 litres", ""),
        ("The club aims to plant 3,000 trees by 2019.", "3,000 trees", ""),
        ("Since 2018 the trust has restored 40 cottages.", "40 cottages", ""),
    ],
)
def test_the_time_a_value_is_placed_in(sentence, value, when):
    facts = list(measured(sentence, "quantity"))
    [fact] = [f for f in facts if f.text == value]
    assert another_time(fact, facts, 2025) == when


def test_a_values_words_end_at_the_next_value_or_a_linking_word():
    facts = list(measured("Pay rose 3% in 2019, up from 1.5% in 2015.", "quantity"))
    [first, second] = facts
    assert "2015" not in segment(first, facts) and "2019" not in segment(second, facts)


def test_a_figure_of_an_earlier_event_is_left_out_beside_the_stories_own():
    facts = _facts(
        {
            "a": "The frost blackened 640 hectares of orchards, and a frost in April 2017 hit 210 hectares.",
            "b": "Some 650 hectares of orchards were blackened by the frost.",
            "c": "Growers say 800 hectares of orchards were blackened.",
        }
    )
    kept = in_scope(facts, facts, "the area of orchards blackened by frost", {"a": "2025-04-20"})
    assert sorted(f.text for f in kept) == ["640 hectares", "800 hectares", "Some 650 hectares"]


def test_a_time_the_topic_names_or_two_sources_share_keeps_its_values():
    facts = _facts(
        {
            "a": "The trust bought the mill in 2011 for £310,000.",
            "b": "It paid £310,000 for the mill in 2011.",
            "c": "The mill is now valued at £900,000.",
            "d": "Its neighbour valued the barn at £450,000.",
        }
    )
    published = {"a": "2025-01-10"}
    assert in_scope(facts, facts, "what the trust paid for the mill", published) == facts
    one = [f for f in facts if f.source_id != "b"]
    assert "£310,000" not in {f.text for f in in_scope(one, one, "the mill's value", published)}
    assert in_scope(one, one, "what the trust paid for the mill in 2011", published) == one


FROST = {
    "a-vell-echo.txt": "Frost blackens orchards\n\nPublished: 20 April 2025\n\nA late frost on Tuesday night "
    "blackened 640 hectares of apple orchards in the Vell valley, the growers' union said.\n\n"
    "A frost in April 2017 blackened 310 hectares of orchards in the same valley.",
    "b-county-wire.txt": "Orchards hit by frost\n\nPublished: 21 April 2025\n\nSome 650 hectares of orchards "
    "were blackened by Tuesday's frost, according to the growers' union.",
    "c-fruit-trade.txt": "Apple growers count frost losses\n\nPublished: 22 April 2025\n\nThe growers' union "
    "said 800 hectares of apple orchards were blackened by the frost.",
}


def test_a_comparison_leaves_out_an_earlier_events_figure(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "frost", FROST)).compare(
        "How do the outlets differ on the area of orchards blackened by the frost?"
    )
    [group] = c.measures
    assert group.measure == "area"
    shown = {v.value: (sorted(v.source_ids), v.status) for v in group.values}
    assert "310 hectares" not in shown
    assert shown["800 hectares"] == (["c-fruit-trade"], "conflict")


@pytest.mark.parametrize(
    ("sentence", "value", "rival"),
    [
        ("At rival Quayline Ferries, crews were given a 4% rise in March.", "4%", True),
        ("Another operator on the route settled for 6.5% last week.", "6.5%", True),
        ("A competitor pays its pilots 12% more.", "12%", True),
        ("The crews rejected a 3% offer, while a neighbouring port agreed 5%.", "3%", False),
        ("The crews rejected a 3% offer, while a neighbouring port agreed 5%.", "5%", True),
        ("The crews' union wants 9%.", "9%", False),
    ],
)
def test_a_value_given_to_a_rival(sentence, value, rival):
    facts = list(measured(sentence, "quantity"))
    [fact] = [f for f in facts if f.text == value]
    assert of_a_rival(fact, facts, sentence) is rival


FERRY = {
    "a-isle-post.txt": "Ferry crews strike\n\nPublished: 2 June 2025\n\nFerry crews walked out on Friday, and "
    "their union is demanding a 9% rise.\n\nSome 300 crew members are on strike.",
    "b-sound-radio.txt": "Sailings cancelled\n\nPublished: 2 June 2025\n\nThe crews' union said talks on "
    "pay had broken down.\n\nAt rival Quayline Ferries, crews were given a 4% pay rise in March.",
    "c-harbour-news.txt": "Ferry stoppage\n\nPublished: 3 June 2025\n\nThe union is demanding a 10% pay rise "
    "for crews, the company said.",
}


def test_a_comparison_leaves_out_a_rivals_figure(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "ferry", FERRY)).compare(
        "How do the outlets differ on the pay rise the union is demanding?"
    )
    [group] = c.measures
    shown = {v.value: sorted(v.source_ids) for v in group.values}
    assert "4%" not in shown
    assert shown["10%"] == ["c-harbour-news"]


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("Two neighbouring councils pay their wardens 7% more.", True),
        ("Residents of neighbouring streets, some 300 people, were moved out.", False),
    ],
)
def test_a_neighbouring_party_is_a_rival_and_a_neighbouring_street_is_not(sentence, rival):
    facts = list(measured(sentence, "quantity"))
    assert of_a_rival(facts[0], facts, sentence) is rival


def test_a_figure_of_an_earlier_one_of_the_thing_is_left_out_even_when_two_sources_give_it():
    facts = _facts(
        {
            "a": "The ferry franchise went to Solent Link for £27m; its previous franchise fetched £19m.",
            "b": "Solent Link will pay £27m for the franchise.",
            "c": "The outgoing franchise holder had paid £19m, and the winning bid was £29m.",
        }
    )
    kept = in_scope(facts, facts, "what the ferry franchise costs", {"a": "2025-05-02"})
    assert sorted(f.text for f in kept) == ["£27m", "£27m", "£29m"]


def test_the_one_a_new_thing_replaces_is_left_out_of_a_topic_on_the_new_one():
    facts = _facts(
        {
            "a": "The trust will buy 18 new minibuses; it ran 11 minibuses under the current scheme.",
            "b": "Eighteen new minibuses will join the service.",
            "c": "The trust is buying 20 new minibuses.",
        }
    )
    kept = in_scope(facts, facts, "how many new minibuses the trust buys", {"a": "2025-05-02"})
    assert sorted(f.text for f in kept) == ["18 new minibuses", "20 new minibuses", "Eighteen new minibuses"]
    # without 'new' in the topic, 'the current scheme' is the story's own
    kept = in_scope(facts, facts, "how many minibuses the trust runs", {"a": "2025-05-02"})
    assert "11 minibuses" in [f.text for f in kept]


def test_a_topic_on_the_new_one_leaves_out_last_years_figure_however_many_give_it():
    facts = _facts(
        {
            "a": "The new parking permit costs £120, up from £95 last year.",
            "b": "Permits will cost £120; last year they cost £95.",
            "c": "Residents will pay £125 for the new permit, against £95 last year.",
        }
    )
    kept = in_scope(facts, facts, "the price of the new parking permit", {"a": "2025-05-02"})
    # ('up from £95' is marked as the earlier figure itself, which keeps it out of the comparison)
    assert "£95" not in [f.text for f in kept if marker_of(f.measure) != EARLIER]
    # a topic not on a new one keeps a time two sources share as the story's
    kept = in_scope(facts, facts, "the price of a parking permit", {"a": "2025-05-02"})
    assert "£95" in [f.text for f in kept]


def test_the_countrys_figure_beside_a_local_story_is_left_out_unless_the_topic_asks_it():
    facts = _facts(
        {
            "a": "The county's pass rate was 71%, against a national average of 64%.",
            "b": "Pupils in the county reached a 71% pass rate.",
            "c": "The county recorded a pass rate of 72%.",
        }
    )
    kept = in_scope(facts, facts, "the county's exam pass rate", {"a": "2025-08-21"})
    assert sorted(f.text for f in kept) == ["71%", "71%", "72%"]
    kept = in_scope(facts, facts, "the national pass rate", {"a": "2025-08-21"})
    assert "64%" in [f.text for f in kept]


@pytest.mark.parametrize(
    ("sentence", "value", "earlier"),
    [
        ("An earlier, slower ferry on the route carried 310 cars.", "310 cars", True),
        # a clause opening with its verb has the sentence's subject: the earlier scheme's volunteers
        ("The earlier pilot scheme ran in four towns and recruited 90 volunteers.", "90 volunteers", True),
        ("The scheme recruited 240 volunteers, the council said earlier this week.", "240 volunteers", False),
        ("An earlier estimate put the cost at £4m.", "£4m", False),  # a revision of the topic's own figure
        ("The new scheme ran in nine towns and recruited 240 volunteers.", "240 volunteers", False),
    ],
)
def test_a_value_given_to_an_earlier_one_of_the_thing(sentence, value, earlier):
    from bot.answering.scope import an_earlier_one

    facts = list(measured(sentence, "quantity"))
    [fact] = [f for f in facts if f.text == value]
    assert an_earlier_one(fact, facts, "how many volunteers the scheme recruited", sentence) is earlier
