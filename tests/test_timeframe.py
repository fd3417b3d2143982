"""Times that answer no topic asking none (`bot/answering/timeframe.py`), in invented wording:
the span a change is counted over, and how often something is done."""

from __future__ import annotations

import pytest

from bot.answering.stated import measured
from bot.answering.timeframe import answering_time, framing, interval


def _one(sentence: str, text: str):
    facts = list(measured(sentence, "quantity"))
    return next(f for f in facts if f.text == text), facts


@pytest.mark.parametrize(
    ("sentence", "text", "frames", "every"),
    [
        ("The new feed lifted milk yields by 9% over 20 weeks.", "20 weeks", True, False),
        ("Herds on the feed gave 11% more milk at 16 weeks.", "16 weeks", True, False),
        ("Farmers mix the powder into the feed every two weeks.", "two weeks", False, True),
        ("The dairy was closed for 36 hours after the flood.", "36 hours", False, False),
    ],
)
def test_a_span_another_value_is_counted_over_and_an_interval(sentence, text, frames, every):
    fact, facts = _one(sentence, text)
    assert framing(fact, facts) is frames
    assert interval(fact) is every


SENTENCES = {
    "a": "The new feed lifted milk yields by 9% over 20 weeks.",
    "b": "Farmers mix the powder into the feed every two weeks.",
    "c": "The dairy was closed for 36 hours after the flood.",
}


def _facts() -> list:
    return [
        f.model_copy(update={"source_id": sid, "citation": n})
        for n, (sid, text) in enumerate(SENTENCES.items(), 1)
        for f in measured(text, "quantity")
    ]


def test_a_topic_asking_no_time_keeps_no_span_nor_interval():
    kept = {f.text for f in answering_time(_facts(), "how much the new feed lifted milk yields", "quantity")}
    assert kept == {"9%", "36 hours"}


def test_a_topic_asking_how_often_keeps_the_interval_and_one_asking_how_long_every_duration():
    often = {f.text for f in answering_time(_facts(), "how often the powder is mixed in", "quantity")}
    assert often == {"9%", "two weeks", "36 hours"}
    long = {f.text for f in answering_time(_facts(), "how long the dairy was closed", "quantity")}
    assert long == {f.text for f in _facts()}


FEED = {
    "a-farm-gazette.txt": "Feed trial on dairy herds\n\nPublished: 3 March 2025\n\nThe Lowmead feed is "
    "added to the rations every two weeks. Herds given the Lowmead feed in their rations gave 9% more milk.",
    "b-milk-news.txt": "Lowmead feed spreads\n\nPublished: 4 March 2025\n\nHerds with the Lowmead feed "
    "added to their rations gave 12% more milk, the maker says.",
    "c-rural-post.txt": "A feed for busy herds\n\nPublished: 5 March 2025\n\nThe Lowmead feed is added "
    "to the rations every three weeks. Cows on the Lowmead feed rations gave 10% more milk.",
}


def test_a_comparison_on_how_often_sets_no_share_against_another(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "feed", FEED)).compare(
        "How do the outlets differ on how often the Lowmead feed is added to the rations?"
    )
    assert [g.measure for g in c.measures] == ["duration"]
    assert {v.value for v in c.measures[0].values} == {"two weeks", "three weeks"}


YIELDS = {
    "a-farm-gazette.txt": "Feed trial on dairy herds\n\nPublished: 3 March 2025\n\nThe Lowmead feed lifted "
    "milk yields by 9% over 20 weeks, the trial found.",
    "b-milk-news.txt": "Lowmead feed spreads\n\nPublished: 4 March 2025\n\nMilk yields rose 12% over 20 "
    "weeks on the Lowmead feed, its maker says.",
    "c-rural-post.txt": "A feed for busy herds\n\nPublished: 5 March 2025\n\nThe Lowmead feed lifted milk "
    "yields by 10% at 16 weeks.",
}


def test_a_comparison_on_a_change_sets_no_span_it_was_counted_over_against_another(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "yields", YIELDS)).compare(
        "How do the outlets differ on how much the Lowmead feed lifted milk yields?"
    )
    assert "duration" not in [g.measure for g in c.measures]
    assert [g.measure for g in c.measures] == ["share"]


@pytest.mark.parametrize(
    ("topic", "left_out"),
    [
        # a total asked: the yearly sum given by fewer sources is another measure
        ("the price of the new ferry terminal", {"amount in EUR per year"}),
        # a yearly sum asked: the total of the same unit is another measure
        ("what the toll will bring in every year", {"amount in EUR"}),
        ("the terminal's annual running cost", {"amount in EUR"}),
        ("how often the toll is reviewed", set()),
    ],
)
def test_a_topic_asking_a_total_or_a_rate_leaves_out_the_other(topic, left_out):
    from bot.answering.timeframe import by_rate

    sizes = {"amount in EUR": 5, "amount in EUR per year": 3, "count of ferry": 2}
    assert by_rate(sizes, topic) == left_out


def test_a_rate_most_sources_give_is_kept_on_a_topic_naming_no_period():
    """'the parking permit charge' is '£95 a year' in six outlets; a £12m car park, in two, does
    not push it out."""
    from bot.answering.timeframe import by_rate

    assert by_rate({"amount in GBP": 2, "amount in GBP per year": 6}, "the parking permit charge") == set()


SEAWALL = {
    "a-coast-wire.txt": "Seawall plan approved\n\nThe new Portlow seawall will cost £41m, the council said. "
    "A harbour charge is expected to raise £1.2m a year towards the cost of the seawall.",
    "b-portlow-news.txt": "Council backs seawall\n\nCouncillors approved the Portlow seawall, which will cost £41m. "
    "The harbour charge should raise £1.2m a year towards the seawall's cost.",
    "c-shore-radio.txt": "Seawall go-ahead\n\nThe Portlow seawall is now expected to cost £44m, engineers said. "
    "A harbour charge will raise about £1.5m a year towards the cost of the seawall.",
    "d-town-crier.txt": "Seawall vote\n\nThe council voted to build the Portlow seawall at a cost of £41m.",
}


def test_a_comparison_of_a_total_sets_no_yearly_sum_beside_it(tmp_path):
    """The seawall's cost, in four outlets, against the charge's yearly takings, in three: only
    the costs are compared."""
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "seawall", SEAWALL)).compare(
        "How do the outlets differ on the cost of the Portlow seawall?"
    )
    shown = {v.value for d in c.differences for v in d.values}
    assert shown == {"£41m", "£44m"}
