"""A topic asking the change a thing made ('how much the feed lifted milk yields'), in invented
wording: a change is a share, not a count of what was tried; a span it was counted over is no
rate; a share sharing only a side word with the topic is of something else."""

from __future__ import annotations

from bot.answering.stated import measured

FEED = {
    "a-farm-gazette.txt": "Feed trial on dairy herds\n\nPublished: 3 March 2025\n\nThe Lowmead feed lifted "
    "milk yields by 9% over a year in a trial of 420 cows.",
    "b-milk-news.txt": "Lowmead feed spreads\n\nPublished: 4 March 2025\n\nMilk yields rose 12% on the "
    "Lowmead feed, the maker says.\n\n31% of farmers said milk prices worried them.",
    "d-herd-blog.txt": "Why we tried the Lowmead feed\n\nPublished: 6 March 2025\n\nThe Lowmead feed is "
    "popular: 15% of farmers said they were worried about milk.",
    "c-rural-post.txt": "A feed for busy herds\n\nPublished: 5 March 2025\n\nThe Lowmead feed lifted milk "
    "yields by 10%, its trial found.",
}


def test_a_span_a_change_was_counted_over_is_no_rate():
    [share] = [
        f for f in measured("The feed lifted milk yields by 9% over a year.", "quantity") if f.text == "9%"
    ]
    assert share.measure == "share"
    [rate] = [f for f in measured("The farm sells £41,000 of milk a year.", "quantity")]
    assert rate.measure.endswith("per year")


def test_a_comparison_on_a_change_compares_its_shares(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "feed", FEED)).compare(
        "How do the outlets differ on how much the Lowmead feed lifted milk yields?"
    )
    assert [g.measure for g in c.measures] == ["share"]
    assert {v.value for v in c.measures[0].values} == {"9%", "12%", "10%"}
