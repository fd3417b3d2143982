"""Names a question pieces together from others (bot/answering/pieced.py), as a user asks."""

from __future__ import annotations

from tests.support.corpora import open_service, write_corpus


def test_a_name_pieced_together_from_two_others_is_shown_as_closest_passages_not_answered(tmp_path):
    text = (
        "Harbour ferries\n\nThe Morning Star ferry was built in Aberlady in 1961, three years before the "
        "Evening Gull. The Gull, its sister ship, was launched at Kessock and sank in 1990.\n"
    )
    service = open_service(write_corpus(tmp_path, {"ferries.txt": text}))
    pieced = service.ask("In what year was the Morning Gull ferry built in Aberlady?")  # each word is there
    assert pieced.abstained and "Morning Gull" in (pieced.reason or "")
    # the same name in another form is the article's own ('ferries' for 'ferry')
    varied = service.ask("When were the Morning Star ferries built?")
    assert not varied.abstained and "1961" in varied.statements[0].quote


def test_a_name_is_written_when_its_words_stand_in_order_with_at_most_two_between():
    from bot.answering.pieced import _in_order

    text = "the mtv video music award were held".split()
    assert _in_order(["mtv", "award"], text)
    assert not _in_order(["award", "mtv"], text)
    assert not _in_order(["the", "held"], text)  # four words between
