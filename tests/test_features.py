"""Features the answerability ranker reads (bot/answering/features.py)."""

from __future__ import annotations

import math

import pytest

from bot.answering.features import (
    Ranker,
    bigram_share,
    compactness,
    contrast_conflict,
    contrast_values,
    default_ranker,
    numbers_in,
    question_features,
    time_elsewhere,
)


def test_bigram_share_counts_question_word_pairs_found_in_the_sentence():
    question = ["sea", "wall", "cost"]
    assert bigram_share(question, ["the", "sea", "wall", "will", "cost"]) == 0.5
    assert bigram_share(question, ["sea", "wall", "cost", "rose"]) == 1.0
    assert bigram_share(["wall"], ["wall"]) == 0.0  # no pair asked


def test_compactness_is_matched_terms_over_their_span():
    terms = ["the", "sea", "wall", "was", "built", "by", "the", "council"]
    assert compactness({"sea", "wall"}, terms) == 1.0
    assert compactness({"sea", "council"}, terms) == 2 / 7
    assert compactness({"harbour"}, terms) == 0.0


def test_numbers_in_drops_thousands_separators():
    assert numbers_in("6,238 people and 12.5% of 3 boats") == {"6238", "12.5", "3"}


def test_numbers_written_as_words_count_in_a_sentence_and_in_a_question_unless_they_pick_things_out():
    assert numbers_in("She left school at age nine.", spelled=True) == {"9"}
    assert numbers_in("She left school at age nine.") == set()
    assert numbers_in("Forty-two boats and one crane", spelled=True) == set()  # only single small words
    assert numbers_in("Who guarded the Twelve Gates?", spelled=True) == {"12"}
    assert numbers_in("Which three villages flooded?", spelled=True) == set()
    assert numbers_in("Where did the two climbers camp?", spelled=True) == set()
    assert numbers_in("How old are the port's five cranes?", spelled=True) == set()


def test_contrast_values_by_kind():
    found = contrast_values("On Tuesday in March 2024, up from last year and the previous season")
    assert found == {
        "year": {"2024"},
        "weekday": {"tuesday"},
        "month": {"march"},
        "relative year": {"last"},
        "relative season": {"last"},
    }
    assert contrast_values("The wall is long.") == {}
    assert contrast_values("The second north-eastern road is closed annually in winter.") == {
        "ordinal": {"second"},
        "compass": {"north", "east"},
        "frequency": {"yearly"},
        "season": {"winter"},
    }


@pytest.mark.parametrize(
    ("question", "context", "conflict"),
    [
        ("How many boats sank in 2012?", "In 2011 four boats sank.", True),
        ("How many boats sank in 2012?", "In 2011 and 2012 four boats sank.", False),
        ("What happened on Monday?", "On Tuesday the vote was held.", True),
        ("What happened on Monday?", "The vote was held.", False),  # no time of that kind
        ("How many boats sank?", "In 2011 four boats sank.", False),  # the question names no time
        ("How long is the southern pier?", "The northern pier is 300 m long.", True),
        ("How long is the southern pier?", "The south-western pier is 300 m long.", False),
        ("Who won the third race?", "Ada Lind won the first race.", True),
        ("What does an annual pass cost?", "A yearly pass costs 90 euros.", False),
        ("What does an annual pass cost?", "A monthly pass costs 9 euros.", True),
    ],
)
def test_contrast_conflict(question, context, conflict):
    assert contrast_conflict(contrast_values(question), context) is conflict


def test_question_features_add_the_two_best_probabilities_and_their_margin():
    assert question_features([0.25, 0.5], 0.9, 0.2) == [0.25, 0.5, 0.9, 0.2, pytest.approx(0.7)]


def test_weights_fitted_on_other_features_are_refused_with_what_to_run():
    with pytest.raises(ValueError, match="tools/fit_answerer.py"):
        Ranker.from_json({"features": ["bm25", "length"]})


def test_the_committed_ranker_gives_probabilities_and_ordered_thresholds():
    ranker = default_ranker()
    p = ranker.probability(list(ranker.mean))  # the average sentence: the bias alone
    assert 0.0 < p < 1.0
    assert p == pytest.approx(1 / (1 + math.exp(-ranker.bias)))
    assert 0.0 <= ranker.closest_threshold <= ranker.answer_threshold <= 1.0


def test_a_figure_bound_to_another_year_is_no_figure_for_the_year_asked():
    text = "The club paid 40,000 francs for the pitch in 1998 and was renamed in 2004."
    spans = [(text.find("40,000 francs"), text.find("40,000 francs") + len("40,000 francs"))]
    assert time_elsewhere(contrast_values("How much did the club pay in 2004?"), text, spans)
    assert not time_elsewhere(contrast_values("How much did the club pay in 1998?"), text, spans)
    # the figure beside the year asked is an answer, whatever other years the sentence names
    both = "Takings rose to 9,000 francs in 2004, from 6,500 francs in 1998."
    at = both.find("9,000 francs")
    assert not time_elsewhere(contrast_values("What were takings in 2004?"), both, [(at, at + 12)])


@pytest.mark.parametrize(
    ("question", "sentence", "conflict"),
    [
        # asked what holds now; the sentence only says what is planned
        (
            "How many ferries run to Hollin at present?",
            "The operator plans to run four ferries next year.",
            True,
        ),
        ("how many staff does the depot employ at the moment", "The depot will employ 60 staff.", True),
        ("How many staff does the depot employ now?", "The depot currently employs 45 staff.", False),
        ("How many staff does the depot employ now?", "The depot employs 45 staff.", False),  # no marker
        # 'will' still asks what is set now: 'currently scheduled' answers it
        ("When will the last ferry sail?", "The last ferry is currently scheduled to sail at 10pm.", False),
    ],
)
def test_what_holds_now_is_not_answered_by_what_is_planned(question, sentence, conflict):
    assert contrast_conflict(contrast_values(question), sentence) is conflict


def test_a_sum_bound_to_another_month_is_no_sum_for_the_month_asked():
    text = "The choir raised 900 euros at its concert in March, and sang at the fair in June with 30 singers."
    at = text.find("900 euros")
    assert time_elsewhere(contrast_values("How much did the choir raise in June?"), text, [(at, at + 9)])
    assert not time_elsewhere(contrast_values("How much did the choir raise in March?"), text, [(at, at + 9)])


@pytest.mark.parametrize(
    ("sentence", "conflict"),
    [
        ("The new library was originally due to open in March.", True),
        ("The library had been scheduled to open before Christmas.", True),
        ("The library will now open in June, the council said.", False),
        ("The library opens in June.", False),
    ],
)
def test_a_plan_since_replaced_does_not_say_when_something_will_happen(sentence, conflict):
    asked = contrast_values("When will the new library open?")
    assert contrast_conflict(asked, sentence) is conflict
    # asked about the first plan, the first plan answers
    assert not contrast_conflict(contrast_values("When was the library originally due to open?"), sentence)


def test_contrast_values_look_only_for_the_kinds_asked():
    text = "Last year the eastern line carried 4,000 riders on Monday 5 June 2023."
    every = contrast_values(text)
    assert {"year", "weekday", "month", "relative year"} <= set(every)
    assert contrast_values(text, {"weekday"}) == {"weekday": every["weekday"]}
    assert contrast_values(text, {"relative year", "year"}) == {
        "year": every["year"],
        "relative year": every["relative year"],
    }
