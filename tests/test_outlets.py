"""The sources a question names by outlet (bot/answering/outlets.py), and answers from them only."""

from __future__ import annotations

import pytest

from bot.answering.outlets import Outlets
from tests.support.corpora import open_service, write_corpus

OUTLETS = Outlets(
    {
        "herald": "The Tarnside Herald",
        "gazette-1": "Wenndale Gazette",
        "gazette-2": "Kessock Gazette",
        "post": "THE EVENING POST",
        "blog": "Moorwatch",
        "plain": None,
    }
)


@pytest.mark.parametrize(
    ("question", "ids", "rest"),
    [
        ("what does the Tarnside Herald say about the flood damage", ["herald"], "the flood damage"),
        ("According to the Herald, when did the river peak?", ["herald"], "when did the river peak?"),
        ("How many homes does the Evening Post say were flooded?", ["post"], "How many homes were flooded?"),
        ("what is moorwatch's estimate of the cost?", ["blog"], "what is estimate of the cost?"),
        ("and according to the gazette?", ["gazette-1", "gazette-2"], "and?"),
    ],
)
def test_a_question_names_outlets_by_name_or_by_a_distinctive_last_word(question, ids, rest):
    assert OUTLETS.named(question) == (ids, rest)


@pytest.mark.parametrize(
    "question",
    [
        "What did the post office say about the flood?",
        "How high did the river get?",
        "Who runs the herald trust?",
    ],
)
def test_common_words_and_unnamed_outlets_name_no_source(question):
    assert OUTLETS.named(question) == ([], question)


CORPUS = {
    "herald.txt": "Flood repairs to cost £3.1m\n\nThe Tarnside Herald, March 4, 2026\n\n"
    "Repairs to the Tarn footbridge after last week's flood will cost £3.1m, the council said on Monday. "
    "The bridge will stay closed until June.\n",
    "courier.txt": "Footbridge bill tops £4m\n\nWenndale Courier, March 5, 2026\n\n"
    "Repairs to the Tarn footbridge will cost more than £4m, according to engineers who inspected it on "
    "Tuesday. The bridge is expected to reopen in July.\n",
}


def test_an_answer_from_the_named_outlet_quotes_only_its_article(tmp_path):
    service = open_service(write_corpus(tmp_path, CORPUS))
    herald = service.ask("What does the Tarnside Herald say the footbridge repairs will cost?")
    assert herald.question == "What does the Tarnside Herald say the footbridge repairs will cost?"
    assert not herald.abstained and {c.source_id for c in herald.citations} == {"herald"}
    assert "£3.1m" in herald.statements[0].quote and herald.disagreement is None
    courier = service.ask("according to the Courier, when will the footbridge reopen?")
    assert {c.source_id for c in courier.citations} == {"courier"} and "July" in courier.statements[0].quote
