"""Comparisons that compare like with like: the examples of issue 14, in new wording.

`tests/data/citybudget` is five invented outlets on one city budget: the total about $48
million in all five (five wordings), a 5-2 vote in three against 4-3 in one, property tax up
2.5% in three against 3% in one, and other dollar figures (a shortfall, a household's yearly
cost, a revenue gap) and hours (library hours a day, the length of a meeting) beside them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from bot.answering.models import Comparison
from bot.answering.stated import measured
from bot.render import render_comparison
from retrieval.textnorm import fold
from tests.support.checks import assert_verbatim
from tests.support.corpora import S000, S001, S002, S003, S004, SEED_IDS, SEEDS_DIR, open_service

DATA = Path(__file__).parent / "data"
HOLDINGS = {"6,238", "6,240", "6,200", "6,000"}
HOLDINGS_TOPIC = "compare the sources on El Salvador's bitcoin holdings"
CITY = ("coast-weekly", "harbor-herald", "lindmark-ledger", "town-crier", "valley-voice")


@pytest.fixture(scope="module")
def city():
    return functools.cache(open_service(DATA / "citybudget").compare)


@pytest.fixture(scope="module")
def holdout():
    return functools.cache(open_service(DATA / "holdout" / "corpus").compare)


def _values(c: Comparison, about: str) -> dict[str, tuple[str, str]]:
    """source id -> (the value it states, its status), for the one group about `about`."""
    [group] = [g for g in c.measures if g.about == about]
    return {sid: (v.value, v.status) for v in group.values for sid in v.source_ids}


def _never_contradict(c: Comparison) -> None:
    """No value is both an agreement and a conflict, and no measure is both agreed and differing."""
    differing = {d.about for d in c.differences}
    assert not differing & {a.about for a in c.agreements}
    for d in c.differences:
        assert any(v.status in ("conflict", "different period") for v in d.values)
        for v in d.values:
            assert not set(v.relations.get("compatible", [])) & set(v.relations.get("conflict", []))
    for a in c.agreements:
        assert all(v.status in ("agree", "alone") for v in a.values)


def test_a_topic_written_as_a_question_is_reduced_to_its_subject(city):
    c = city("how do the papers differ on the city's budget total, according to the sources?")
    assert c.topic == "the city's budget total"
    assert c.silent == []  # every outlet states the total


def test_every_source_stating_the_total_is_aligned_and_nothing_else_is(city):
    c = city("How do the outlets compare on what Lindmark's budget adds up to?")
    values = _values(c, "the amount in USD")
    assert set(values) == set(CITY)
    assert {v for v, _ in values.values()} <= {
        "about $48 million",
        "some $48 million",
        "$48 million",
        "$48.2 million",
        "roughly 48 million dollars",
    }
    assert all(status == "agree" for _, status in values.values())
    assert c.differences == []  # the shortfall, the household cost and the revenue gap are other measures
    _never_contradict(c)


def test_a_vote_split_is_a_difference_with_its_sources(city):
    c = city("do the papers agree on how the council voted on the budget")
    assert _values(c, "the vote") == {
        "coast-weekly": ("5-2", "conflict"),
        "harbor-herald": ("5-2", "conflict"),
        "lindmark-ledger": ("5-2", "conflict"),  # written 'five votes to two'
        "valley-voice": ("4-3", "conflict"),
    }
    [d] = c.differences
    [four_three] = [v for v in d.values if v.value == "4-3"]
    assert set(four_three.conflicts_with) == {"coast-weekly", "harbor-herald", "lindmark-ledger"}
    _never_contradict(c)


def test_a_rate_difference_is_found(city):
    c = city("the rise in property tax, per outlet")
    values = _values(c, "the share")
    assert values["valley-voice"] == ("3%", "conflict")
    assert {values[s] for s in ("coast-weekly", "harbor-herald", "lindmark-ledger")} == {("2.5%", "conflict")}


def test_hours_a_day_and_hours_long_are_different_measures(city):
    c = city("compare the sources on library opening hours")
    for d in c.differences:
        assert {v.value for v in d.values} != {"10 hours", "five hours"}
    assert all(" per " not in g.measure or "hour" not in g.measure or len(g.values) == 1 for g in c.measures)


def test_holdings_compatible_and_conflicting_each_with_its_sources(seeds_service):
    c = seeds_service.compare("how do the sources differ on el salvador holdings")
    [d] = [d for d in c.differences if d.about == "the figure in BTC"]
    by_source = {sid: v for v in d.values for sid in v.source_ids}
    exact = by_source[S003]
    assert exact.value.replace("\u202f", " ") == "6,238 BTC" and exact.status == "conflict"
    assert set(exact.compatible_with) == {S002, S004}  # over 6,200 and over 6,000
    assert exact.conflicts_with == [S001]  # over 6,240
    assert "6,240" in by_source[S001].value and by_source[S001].conflicts_with == [S003]
    assert by_source[S002].status == by_source[S004].status == "agree"
    assert S001 not in c.silent and S000 in c.silent
    _never_contradict(c)


def test_the_holdings_question_asked_reports_the_difference(seeds_service):
    answer = seeds_service.ask("how do the sources differ on el salvador holdings")
    assert answer.comparison is not None and answer.comparison.differences
    assert S001 not in answer.comparison.silent


def test_users_and_market_size_are_not_one_difference(seeds_service):
    c = seeds_service.compare("how many crypto users")
    for d in c.differences:
        shown = " ".join(v.value for v in d.values)
        assert not ("25 billion" in shown and "7 billion" in shown)
    _never_contradict(c)


def test_two_names_of_one_office_are_not_a_difference(seeds_service):
    c = seeds_service.compare("bitcoin pakistan el salvador")
    for d in c.differences:
        names = [v.value for v in d.values]
        assert not any(a != b and a in b for a in names for b in names), names


def test_holdout_cost_same_units_and_the_real_disagreements(holdout):
    c = holdout("Compare the sources on how much the desalination plant will cost")
    values = _values(c, "the amount in EUR")
    assert values["h05_mpa-wire"] == ("1.1 billion euro", "conflict")
    assert values["h02_cbr-helvik-sartori"][1] == "conflict"
    # '€1.2bn', '1.2 billion euros' and 'about 1.2 billion euros' are one unit and agree with each other
    group = next(g for g in c.measures if g.about == "the amount in EUR")
    twelve = [v for v in group.values if v.number == pytest.approx(1.2e9)]
    assert {s for v in twelve for s in v.source_ids} >= {
        "h01_calvera-courier",
        "h03_liria-today-background",
        "h06_radio-liria-explainer",
    }
    for v in twelve:
        others = {group.values.index(o) for o in twelve if o is not v}
        assert others <= set(v.relations.get("compatible", []))
    assert all("figure in billion" not in d.about for d in c.differences)


def test_no_source_covering_the_topic_ends_on_its_own_line(seeds_service):
    text = render_comparison(seeds_service.compare("Kenya's mobile money"), "text")
    assert "(2025-07-18)\nNone of the articles covers this topic." in text


def test_differences_cite_the_sentences_that_state_them(city):
    c = city("do the papers agree on how the council voted on the budget")
    quotes = {q.n: q for q in c.citations}
    for d in c.differences:
        for v in d.values:
            for n, text in zip(v.citations, v.texts, strict=True):
                assert text in quotes[n].quote and quotes[n].source_id in v.source_ids


def test_comparison_per_source(seeds_service, compare):
    comparison = compare(HOLDINGS_TOPIC)
    assert isinstance(comparison, Comparison)
    assert comparison.topic == "El Salvador's bitcoin holdings"
    assert [v.source_id for v in comparison.sources] == list(SEED_IDS)
    assert comparison.silent == [v.source_id for v in comparison.sources if not v.covered]
    by_n = {c.n: c for c in comparison.citations}
    for view in comparison.sources:
        assert view.covered == bool(view.statements)
        for st in view.statements:
            doc = seeds_service.index.documents[view.source_id]
            assert doc.text[st.start : st.end] == st.quote
            assert by_n[st.n].quote == st.quote and by_n[st.n].source_id == view.source_id
    assert_verbatim(seeds_service, comparison.citations)


def test_comparison_shows_the_holdings_difference(compare):
    comparison = compare(HOLDINGS_TOPIC)
    for d in comparison.differences:
        figures = {f for v in d.values for f in HOLDINGS if f in fold(v.value)}
        if len(figures) >= 2:
            break
    else:
        pytest.fail(f"no difference over the holdings figures: {comparison.differences}")
    owners = {f: {sid for v in d.values if f in fold(v.value) for sid in v.source_ids} for f in figures}
    assert owners.get("6,238") in (None, {S003})
    assert owners.get("6,240") in (None, {S001})
    assert owners.get("6,200") in (None, {S002})
    assert owners.get("6,000") in (None, {S004})


def test_comparison_names_silent_sources(compare):
    comparison = compare("the 2,000 MW bitcoin mining plan")
    assert S001 in comparison.silent  # 001 never mentions mining or megawatts
    assert not {S002, S003, S004} & set(comparison.silent)  # each states the 2,000 MW


def test_comparison_of_an_absent_topic_has_every_source_silent(compare):
    comparison = compare("Kenya's mobile money")
    assert comparison.silent == list(SEED_IDS)
    assert comparison.differences == [] and comparison.citations == []


def test_a_source_without_the_holdings_is_silent(compare):
    assert S000 in compare(HOLDINGS_TOPIC).silent


# The disagreements issue 3 names, each shown with its sources.
def test_a_conference_and_its_city_are_no_disagreement(compare):
    """'at the Bitcoin Atlantis Conference' and 'in San Salvador': a venue within a city."""
    comparison = compare("where the agreement was signed")
    assert not [v for d in comparison.differences for v in d.values if v.status == "conflict"]


@pytest.mark.parametrize(
    ("topic", "about", "values"),
    [
        ("El Salvador's bitcoin holdings", "the figure in BTC", {"6,238", "6,240", "6,200", "6,000"}),
        (
            "Pakistan's regulatory authority for digital assets",
            "the name of the authority",
            {
                "Pakistan Digital Assets Authority",
                "Pakistan Virtual Asset Regulatory Authority",
                "Virtual Asset Regulatory Authority of Pakistan",
            },
        ),
    ],
)
def test_the_known_disagreements_are_shown_with_their_sources(compare, topic, about, values):
    comparison = compare(topic)
    [difference] = [d for d in comparison.differences if d.about == about]
    shown = " | ".join(v.value for v in difference.values)
    assert all(value in shown for value in values), shown
    quotes = {c.n: c for c in comparison.citations}
    for v in difference.values:
        assert v.source_ids and all(quotes[n].source_id in v.source_ids for n in v.citations)
        assert v.value == v.texts[0] and len(v.texts) == len(v.citations)
        assert all(
            t in quotes[n].quote for t, n in zip(v.texts, v.citations, strict=True)
        )  # as each quote writes it


@pytest.mark.parametrize(
    ("sentence", "priced"),
    [
        ("The $7.5m bridge opens next spring.", True),
        ("A £3bn rail project was shelved.", True),
        ("The club raised £6,000 at the fair.", False),
        ("The repair budget of $7.5m was approved.", False),  # the clause says what it is; nothing priced
    ],
)
def test_an_amount_before_the_thing_it_prices(sentence, priced):
    from bot.answering.compare import _priced
    from bot.answering.stated import measured

    [fact] = [f for f in measured(sentence, "quantity") if f.measure.startswith("amount in ")]
    assert _priced(fact) is priced


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        ("- Overall price: €9.3 million", True),  # a label naming the measure alone
        ("The project is now put at €9.3m.", False),  # names no cost word
        ("Estimated cost: €9.3m", True),
        ("Repairs to the old roof will cost €1.1m.", False),  # the cost of something else
        ("The €9.3m scheme will now go ahead.", True),  # the amount prices the scheme
    ],
)
def test_a_value_of_the_asked_measure_is_a_statement_without_the_topic_words(sentence, states):
    """'what will the sports hall redevelopment cost': an article on the redevelopment need not
    name it again to state its cost."""
    from bot.answering.compare import _counts_topic, _naming

    service = open_service(DATA / "citybudget")
    topic = "what will the sports hall redevelopment cost"
    terms = service.index.analyzer.terms
    wanted = set(terms(topic)) - {"will"}
    assert _counts_topic(sentence, "quantity", wanted, _naming(topic, "quantity", terms)) is states


@pytest.mark.parametrize(
    ("sentence", "topic", "other"),
    [
        ("The plant will employ 90 seasonal staff.", "how many permanent jobs", True),
        ("The plant will add 40 permanent posts.", "how many permanent jobs", False),
        ("The plant will employ 130 people.", "how many permanent jobs", False),  # not narrowed: kept
    ],
)
def test_a_count_narrowed_to_another_kind(sentence, topic, other):
    from bot.answering.compare import _other_kind
    from bot.answering.quantities import count_modifiers, quantities

    [fact] = [f for f in quantities(sentence) if f.measure == "count of jobs"]
    terms = open_service(DATA / "citybudget").index.analyzer.terms
    assert _other_kind(fact, count_modifiers(topic), terms) is other


# Invented outlets on a quarry blast: what each says, by source id (sentences written for these tests).
QUARRY = {
    "a-dale-echo.txt": "Quarry firm fined over blast\n\nA quarry operator was fined £640,000 on Monday after "
    "a blast showered a village with dust.\n\nThe firm was ordered to pay £52,000 in court costs.\n\n"
    "Neighbours said the size of the crater shocked them.",
    "b-moor-times.txt": "Blast fine for Tarnfell Stone\n\nTarnfell Stone must pay a fine of £640,000 for the "
    "blast, magistrates said.\n\nIt must also pay court costs of £52,000.",
    "c-valley-post.txt": "Village dust blast: quarry fined\n\nTarnfell Stone was fined £640,000 over the "
    "blast.\n\nIts chief executive was paid £380,000 last year.",
}


def _facts(sentences: dict[str, str], kind: str = "quantity") -> list:
    from bot.answering.stated import measured

    return [
        f.model_copy(update={"source_id": sid})
        for sid, text in sentences.items()
        for f in measured(text, kind)
    ]


def _kept(facts: list, topic: str, kind: str = "quantity") -> dict[str, list[str]]:
    from bot.answering.compare import _events, _heads, _on_topic

    terms = open_service(DATA / "citybudget").index.analyzer.terms
    wanted = {t for t in terms(topic)}
    out: dict[str, list[str]] = {}
    heads, events = _heads(topic, kind, terms), _events(topic, kind, terms)  # type: ignore[arg-type]
    for f in _on_topic(facts, wanted, set(), topic, heads, events):
        out.setdefault(f.source_id, []).append(f.text)
    return out


def test_the_size_of_a_measure_asks_the_measure_of_what_follows(tmp_path):
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "quarry", QUARRY)).compare(
        "How do the outlets differ on the size of the fine?"
    )
    assert c.silent == []
    [agreement] = c.agreements
    assert agreement.value == "£640,000" and len(agreement.source_ids) == 3


def test_a_source_values_all_off_the_others_scale_give_way_to_its_value_on_it():
    facts = _facts(
        {
            "a": "A blast at the quarry killed 1,850 gulls on Monday.",
            "b": "Rangers said the blast killed nearly 1,900 gulls.",
            "c": "In 2016 a smaller blast at the quarry killed 240 gulls.",
        }
    ) + _facts({"c": "About 1,800 gulls died, wardens said."})
    assert _kept(facts, "how many gulls were killed")["c"] == ["About 1,800 gulls"]


def test_a_sum_sharing_only_a_verb_with_the_topic_is_another_sum():
    facts = _facts(
        {
            "a": "The firm was ordered to pay £52,000 in court costs.",
            "b": "It must also pay court costs of £58,000.",
            "c": "Its chief executive was paid a £61,000 bonus last year.",
        }
    )
    kept = _kept(facts, "the court costs the firm was ordered to pay")
    assert sorted(kept) == ["a", "b"]


def test_a_date_sharing_only_a_noun_with_a_when_topic_dates_another_event():
    facts = _facts(
        {
            "a": "The conveyor guard was removed in March 2024 to speed up repairs.",
            "b": "Inspectors found the guard on the conveyor had been removed in May 2024.",
            "c": "The conveyor was installed in 2011.",
        },
        "date",
    )
    kept = _kept(facts, "when the conveyor guard was removed", "date")
    assert sorted(kept) == ["a", "b"]


def test_a_topic_naming_a_length_is_never_answered_by_a_sum():
    from bot.answering.compare import _main
    from bot.answering.measures import align

    facts = _facts(
        {"a": "The closure cost the council £90,000.", "b": "The council spent £90,000 on the closure."}
    )
    groups = align(facts)
    assert groups and _main(groups, "the length of the closed footpath", "other") == []
    assert _main(groups, "what the closure cost", "other") == groups


def test_a_topic_asking_how_long_with_no_duration_given_is_never_answered_by_a_sum():
    from bot.answering.compare import _main
    from bot.answering.measures import align

    facts = _facts(
        {
            "a": "The bakery lost £12,000 last month while its ovens were cold.",
            "b": "Repairs to the ovens will cost the bakery £9,500.",
        }
    )
    groups = align(facts)
    assert groups and _main(groups, "how long the bakery ovens stayed cold", "other") == []


def test_a_count_by_its_order_of_magnitude_is_compared_with_exact_counts():
    from bot.answering.measures import compatible
    from bot.answering.stated import measured

    [vague] = [
        f
        for f in measured("Thousands of gulls died on the cliffs.", "quantity")
        if f.measure == "count of gull"
    ]
    [exact] = measured("Wardens counted 3,120 gulls.", "quantity")
    [few] = measured("Wardens counted 640 gulls.", "quantity")
    assert compatible(vague, exact) and not compatible(vague, few)


LANDSLIP = {
    "a-coast-gazette.txt": "Landslip shuts coast path\n\nA landslip on Sunday closed the coast path between Porthmerrin "
    "and the old lifeboat station.\n\nRangers said 3.5 kilometres of cliff-top would stay shut until spring.\n\n"
    "The council said repairs could cost £200,000.",
    "b-harbour-news.txt": "Cliff path fenced off\n\nThe council has fenced off a 3.5km section of the cliff path "
    "after Sunday's landslip.\n\nIt expects a repair bill of £200,000 for the path.",
    "c-west-radio.txt": "Walkers turned back\n\nThe landslip closed the path on Sunday, and walkers were turned "
    "back along a five-kilometre stretch of the coast.\n\nThe council put the cost of mending the path at £200,000.",
    "d-cliff-weekly.txt": "Path closed after landslip\n\nThe path was closed on Sunday after the landslip, and the "
    "council said the path would stay closed.\n\nThe landslip that closed the path was the third this year.\n\n"
    "Fencing now closes 5 kilometres of the path.",
}


def test_a_length_topic_is_compared_on_lengths_however_the_sources_word_them(tmp_path):
    from tests.support.corpora import write_corpus

    service = open_service(write_corpus(tmp_path / "landslip", LANDSLIP))
    c = service.compare("How do the outlets differ on the length of the path closed by the landslip?")
    assert c.agreements == []
    [difference] = c.differences
    assert difference.measure == "length"
    assert {v.value: sorted(v.source_ids) for v in difference.values} == {
        "3.5 kilometres": ["a-coast-gazette", "b-harbour-news"],
        "five-kilometre": ["c-west-radio", "d-cliff-weekly"],
    }


def test_a_sentence_in_the_units_a_topic_names_is_a_sources_statement_first(tmp_path):
    """The outlet whose sentences on the closure come before its length is still read for it."""
    from tests.support.corpora import write_corpus

    files = {k: v for k, v in LANDSLIP.items() if not k.startswith("b-")}
    service = open_service(write_corpus(tmp_path / "landslip", files))
    c = service.compare("How do the outlets differ on the length of the path closed by the landslip?")
    [group] = c.measures
    assert group.measure == "length"
    assert {s for v in group.values for s in v.source_ids} >= {"c-west-radio", "d-cliff-weekly"}


@pytest.mark.parametrize(
    ("topic", "score"),
    [
        ("the length of the path closed by the landslip", 1.0),  # the units it names
        ("how many walkers were turned back", 0.0),
        ("what the repairs to the path will cost", 0.0),
    ],
)
def test_a_value_in_the_units_a_topic_names_is_on_it(topic, score):
    from bot.answering.compare import _topic_score

    [fact] = measured("Rangers fenced off 3.5 kilometres of cliff-top.", "quantity")
    assert _topic_score(fact, {"path", "close", "landslip", "walker", "repair", "cost"}, topic) == score


def test_durations_in_different_units_are_one_measure():
    from bot.answering.measures import compatible
    from bot.answering.stated import measured

    [spelled] = measured("The harbour was shut for a day and a half.", "quantity")
    [hours] = measured("The harbour was shut for 36 hours.", "quantity")
    [days] = measured("The harbour was shut for 3 days.", "quantity")
    assert spelled.measure == hours.measure == days.measure == "duration"
    assert compatible(spelled, hours) and not compatible(hours, days)


def _groups(sentences: dict[str, str], kind: str = "quantity") -> list:
    from bot.answering.measures import align

    return align(_facts(sentences, kind))


@pytest.mark.parametrize(
    "topic", ["how quickly the ferry reached the stranded yacht", "how long the swimmers were in the water"]
)
def test_a_topic_asking_how_quickly_or_how_long_keeps_the_durations(topic):
    from bot.answering.compare import _main

    groups = _groups(
        {
            "a": "The ferry reached the yacht 40 minutes after the call, with 12 crew aboard.",
            "b": "Nine crew sailed. The ferry took 55 minutes to arrive. The rescue cost £18,000.",
        }
    )
    assert {g.measure for g in _main(groups, topic, "other")} == {"duration"}


def test_a_topic_asking_what_was_paid_keeps_the_sums():
    from bot.answering.compare import _main

    groups = _groups(
        {
            "a": "The trust paid £2.1 million for the 40-acre wood in 2019.",
            "b": "It bought the 38 acres of woodland for £2.4 million.",
            "c": "The 40 acres cost the trust £2.1 million.",
        }
    )
    assert [g.measure for g in _main(groups, "what the trust paid for the wood", "other")] == [
        "amount in GBP"
    ]


def test_a_topic_asking_who_said_something_keeps_no_figures():
    from bot.answering.compare import _main

    groups = _groups(
        {
            "a": "The harbourmaster said 14 boats had sunk, and that 'the sea simply won'.",
            "b": "Twelve boats sank; 'the sea simply won', the coastguard chief said.",
        }
    )
    assert groups and _main(groups, "who said the sea simply won", "person") == []


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Council officers put the provisional cost of the clean-up at £90,000.", False),  # another thing
        ("Council officers put the total cost at £90,000.", True),  # names nothing else: may be the topic's
    ],
)
def test_beside_a_source_pricing_the_topics_thing_a_cost_of_another_thing_is_left_out(sentence, kept):
    from bot.answering.compare import _of_another_measured

    facts = _facts({"a": "Rebuilding the sea wall will cost £2.3m, the council said.", "b": sentence})
    chosen = {sid: [f for f in facts if f.source_id == sid] for sid in ("a", "b")}
    wanted = {"cost", "price", "budget", "bill", "rebuild", "sea", "wall"}
    out = _of_another_measured(chosen, wanted, frozenset({"cost", "price", "budget", "bill"}), {})
    assert ("b" in out) is kept


@pytest.mark.parametrize(
    ("name", "topic", "names"),
    [
        ("Kinder Moor", "where on the moor the blaze began", True),  # the moor itself
        ("Atlantic Ports Summit", "where the Atlantic Ports Summit was held", True),
        ("Owl Rock", "where on the moor the blaze began", False),
        ("Kinder Moor", "which moor burned", False),
    ],
)
def test_a_place_the_topic_names_or_asks_a_place_within_is_no_answer(name, topic, names):
    from bot.answering.compare import _names_topic
    from bot.answering.models import Fact

    place = Fact(kind="place", text=name, key=name.lower(), about="place")
    assert _names_topic(place, topic) is names


DREDGING = {
    "a-port-news.txt": "Harbour to be dredged\n\nPublished: 2 May 2025\n\nDredging the harbour will cost £3.2m, "
    "the port authority said.\n\nWork starts in June.",
    "b-coast-times.txt": "Dredging plan approved\n\nPublished: 2 May 2025\n\nThe port authority put the cost of "
    "dredging the harbour at £3.2m.\n\nFishing boats will moor at the outer quay meanwhile.",
    "c-bay-radio.txt": "Morning bulletin\n\nPublished: 3 May 2025\n\nPRESENTER: Big plans at the port, then.\n\n"
    "REPORTER: Yes, they're talking about 3.2 million pounds, and the work should take a summer.\n\n"
    "PRESENTER: Now the weather: sunny spells.",
}


def test_a_source_restating_the_others_figure_in_other_words_is_found(tmp_path):
    """A source whose words share none of the topic's gives its figure all the same ('they're
    talking about 3.2 million pounds'): it is searched for the figure the others give."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "dredging", DREDGING)).compare(
        "How do the outlets differ on what dredging the harbour will cost?"
    )
    assert c.silent == []
    [agreement] = c.agreements
    assert agreement.source_ids == ["a-port-news", "b-coast-times", "c-bay-radio"]


FERRY_DEPARTURE = {
    "a-isle-news.txt": "Ferry sails late\n\nPublished: 6 June 2025\n\nThe last ferry left the quay at 9.40pm on "
    "Friday, two hours late.\n\nA band will play on the pier at 3pm on Sunday.",
    "b-harbour-post.txt": "Late ferry\n\nPublished: 6 June 2025\n\nThe delayed ferry finally left the quay shortly "
    "after 9.30pm on Friday.",
    "c-sound-radio.txt": "Evening bulletin\n\nPublished: 7 June 2025\n\nThe ferry left the quay at about twenty "
    "to ten on Friday night, passengers said.",
}


def test_a_topic_asking_what_time_compares_the_times_of_day(tmp_path):
    from tests.support.corpora import write_corpus

    service = open_service(write_corpus(tmp_path / "ferry", FERRY_DEPARTURE))
    c = service.compare("How do the outlets differ on what time the ferry left the quay?")
    [group] = c.measures
    assert group.about == "the time of day"
    assert {v.value: v.source_ids for v in group.values} == {
        "9.40pm": ["a-isle-news"],
        "shortly after 9.30pm": ["b-harbour-post"],
        "about twenty to ten": ["c-sound-radio"],
    }
    # a topic asking the day is not answered by a time of day
    c = service.compare("How do the outlets differ on when the ferry left the quay?")
    assert all(g.about != "the time of day" for g in c.measures)


BUS_ROUTE = {
    "a-town-post.txt": "New bus route\n\nPublished: 2 February 2026\n\nThe new bus route starts on 9 March 2026, "
    "linking the station and the hospital.\n\nFares will be £2.",
    "b-county-news.txt": "Route 12 approved\n\nPublished: 2 February 2026\n\nThe new route will start on 16 March "
    "2026, the council said.\n\nIt was approved by the transport committee.",
    "c-valley-wire.txt": "Hospital link\n\nPublished: 3 February 2026\n\nCouncillors approved the hospital link "
    "on Monday.\n\nOperators say the first journeys run on 9 March 2026.",
}


def test_a_source_giving_the_day_others_give_in_other_words_is_found(tmp_path):
    """'The first journeys run on 9 March 2026' shares no word with 'when the new bus route
    starts': the source is searched for the days the others give, and restates one."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "bus", BUS_ROUTE)).compare(
        "How do the outlets differ on when the new bus route starts?"
    )
    [difference] = c.differences
    assert {v.value: v.source_ids for v in difference.values} == {
        "9 March 2026": ["a-town-post", "c-valley-wire"],
        "16 March 2026": ["b-county-news"],
    }


LIFEBOAT = {
    "a-quay-post.txt": "Trawler crew rescued\n\nPublished: 3 March 2025\n\nThe rescue was led by coxswain Tom "
    "Pellow, who took the lifeboat out in a force nine gale.\n\nAll five crew were brought ashore.",
    "b-bay-radio.txt": "Morning bulletin\n\nPublished: 3 March 2025\n\nFive fishermen are safe this morning after a "
    "night rescue in the bay.\n\nPRESENTER: We spoke to the coxswain who led the rescue a little earlier. This "
    "is Tom Pellow from the lifeboat station.\n\nPELLOW: It was as rough as I have seen it.",
    "c-coast-weekly.txt": "Gale rescue\n\nPublished: 5 March 2025\n\nCoxswain Ruth Penrose led the rescue of the "
    "trawler's five crew on Sunday night.",
}


def test_a_sentence_introducing_someone_names_who_the_one_before_spoke_of(tmp_path):
    """'We spoke to the coxswain who led the rescue. This is Tom Pellow': the source names him."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "lifeboat", LIFEBOAT)).compare(
        "How do the outlets differ on who was the coxswain who led the rescue?"
    )
    [difference] = c.differences
    named = {v.value: v.source_ids for v in difference.values}
    assert named["Tom Pellow"] == ["a-quay-post", "b-bay-radio"]
    assert named["Coxswain Ruth Penrose"] == ["c-coast-weekly"]


def test_a_date_sharing_only_the_event_with_a_when_topic_dates_another_things_event():
    facts = _facts(
        {
            "a": "The shipwreck was found by divers off Carrick Point in June 2019.",
            "b": "Divers found the shipwreck in 2019.",
            "c": "In 2022 a bronze bell from another vessel was found on the same reef.",
            "d": "It was found in the summer of 2019, the divers said.",
        },
        "date",
    )
    kept = _kept(facts, "when the shipwreck was found", "date")
    assert sorted(kept) == ["a", "b", "d"]


def test_a_sentence_opening_elsewhere_gives_another_subjects_values(tmp_path):
    from tests.support.corpora import write_corpus

    files = {
        "a-north-star.txt": "Library bought rare atlas\n\nThe city library paid £84,000 for the atlas at auction.",
        "b-river-times.txt": "Atlas for the library\n\nThe library bought the atlas for £84,000 in May.",
        "c-town-post.txt": "Atlas arrives\n\nThe atlas is now on show.\n\n"
        "Elsewhere in the county, the Marlow library paid £91,000 for an atlas last year.",
    }
    c = open_service(write_corpus(tmp_path / "atlas", files)).compare(
        "How do the outlets differ on what the library paid for the atlas?"
    )
    assert c.differences == []
    [agreement] = c.agreements
    assert agreement.value == "£84,000" and "c-town-post" not in agreement.source_ids


def test_a_when_will_it_reopen_topic_is_answered_by_what_stays_closed_until(tmp_path):
    from tests.support.corpora import write_corpus

    files = {
        "a-lido-news.txt": "Lido storm damage\n\nStorm waves smashed the lido's sea wall on Friday, and the "
        "lido's cafe flooded.\n\nThe lido will stay closed until at least 14 June while engineers inspect "
        "the lido.",
        "b-bay-radio.txt": "Lido shut after storm\n\nThe storm damaged the lido and the lido's pumps on "
        "Friday.\n\nThe lido will remain closed until at least 14 June, the council said.\n\n"
        "The storm has reopened an old row about the sea wall.",
        "c-coast-daily.txt": "Storm hits seafront lido\n\nThe lido's sea wall cracked in the storm, and the "
        "lido lost power.\n\nThe council now says the lido will stay shut until 21 June.",
    }
    c = open_service(write_corpus(tmp_path / "lido", files)).compare(
        "How do the outlets differ on when the lido will reopen?"
    )
    assert c.silent == []
    [difference] = c.differences
    assert {v.value: sorted(v.source_ids) for v in difference.values} == {
        "14 June": ["a-lido-news", "b-bay-radio"],
        "21 June": ["c-coast-daily"],
    }


STATUE = {
    "a-park-gazette.txt": "Bronze statue stolen from park\n\nThieves cut the bronze statue from its plinth in "
    "the park overnight, and the statue's plinth was damaged.\n\nThe stolen statue is valued at £240,000, "
    "according to the council.",
    "b-city-wire.txt": "Park statue taken\n\nThe statue was taken from the park on Tuesday night, the "
    "statue's sculptor said.\n\nInsurers valued the statue at £240,000.",
    "c-metro-view.txt": "Statue theft\n\nThe park statue was stolen on Tuesday, and the park's gates were "
    "forced.\n\nA dealer put the scrap value of the stolen statue at about £110,000.",
}


def test_what_a_thing_is_worth_is_not_the_scrap_value_of_its_material(tmp_path):
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "statue", STATUE)).compare(
        "How do the outlets differ on what the stolen statue is worth?"
    )
    assert c.differences == []
    [agreement] = c.agreements
    assert agreement.value == "£240,000"
    assert sorted(agreement.source_ids) == ["a-park-gazette", "b-city-wire"]


@pytest.mark.parametrize(
    ("topic", "kept"),
    [
        ("how long the climbers were stranded", ["five hours", "six hours"]),
        ("how long after the call the helicopter arrived", ["five hours", "six hours", "40 minutes"]),
    ],
)
def test_a_time_from_an_event_is_not_how_long_a_state_lasted(topic, kept):
    from bot.answering.compare import _lasting

    facts = _facts(
        {
            "a": "The climbers were stranded on the ledge for five hours.",
            "b": "The two climbers spent six hours stranded on the ridge.",
            "c": "A helicopter reached the stranded climbers 40 minutes after the call.",
        }
    )
    found = [f.text for f in facts if f.measure == "duration"]
    assert found == ["five hours", "six hours", "40 minutes"]
    assert [f.text for f in _lasting(facts, topic) if f.measure == "duration"] == kept


HEATH = {
    "a-moor-post.txt": "Heath fire contained\n\nPublished: 3 August 2025\n\nFirefighters said the fire burned 120 "
    "hectares of heathland above Carrow before it was contained.\n\nResidents of the area were told to keep "
    "windows shut.",
    "b-dale-radio.txt": "Crews stay on the moor\n\nPublished: 4 August 2025\n\nCrews are damping down the area "
    "around the reservoir, where the heathland burned for two days.\n\nThe blaze left about 210 hectares "
    "scorched, the fire service said.",
    "c-hill-times.txt": "Moor blaze out\n\nPublished: 4 August 2025\n\nThe moorland fire near Carrow is out.\n\n"
    "Wardens estimate that 125 hectares of heathland burned.",
}


def test_an_area_topic_is_compared_on_areas_stated_without_its_words(tmp_path):
    """'The area of' frames the measure (no sentence on 'the area' is a statement for it), and a
    source's figure in hectares of the others' scale is its value though the sentence does not
    repeat the topic."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "heath", HEATH)).compare(
        "How do the outlets differ on the area of heathland burned?"
    )
    [group] = c.measures
    assert group.measure == "area"
    assert {v.value: v.source_ids for v in group.values} == {
        "120 hectares": ["a-moor-post"],
        "about 210 hectares": ["b-dale-radio"],
        "125 hectares": ["c-hill-times"],
    }
    [moor_post] = [v for v in c.sources if v.source_id == "a-moor-post"]
    assert all("Residents" not in s.quote for s in moor_post.statements)


BLACKOUT = {
    "a-town-crier.txt": "Town plunged into darkness\n\nPublished: 5 February 2025\n\nThe blackout lasted about "
    "40 minutes on Tuesday evening, the grid operator said.\n\nShops in the high street closed early.",
    "b-valley-wire.txt": 'Power cut hits town\n\nPublished: 5 February 2025\n\n"We sat in the dark for 30 minutes '
    'and it felt like a week," said one shopkeeper after the blackout.\n\nHomes across the town were without '
    "electricity for around 40 minutes on Tuesday, the operator said.",
    "c-county-radio.txt": "Outage in town centre\n\nPublished: 6 February 2025\n\nIn the blackout it took engineers "
    "25 minutes to reach the substation, and residents said the lights were out for 70 minutes.",
}


def test_a_how_long_topic_compares_how_long_the_state_lasted(tmp_path):
    """A source's duration of the others' scale is its statement though the sentence does not
    repeat the topic; the writer's own sentence comes before a speaker's quoted '30 minutes', and
    the time engineers took to reach something is no time the blackout lasted."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "blackout", BLACKOUT)).compare(
        "How do the outlets differ on how long the blackout lasted?"
    )
    [group] = c.measures
    assert group.measure == "duration"
    assert {v.value: v.source_ids for v in group.values} == {
        "about 40 minutes": ["a-town-crier", "b-valley-wire"],
        "70 minutes": ["c-county-radio"],
    }


@pytest.mark.parametrize(
    ("sentence", "lag"),
    [
        ("It took the ferry crew 50 minutes to reach the stranded kayakers.", True),
        ("Paramedics arrived 12 minutes after the call.", True),
        ("The kayakers drifted for 50 minutes before the crew reached them.", False),
    ],
)
def test_a_time_taken_to_do_something_is_a_lag(sentence, lag):
    from bot.answering.compare import _lag

    [fact] = [f for f in measured(sentence, "quantity") if f.measure == "duration"]
    assert _lag(fact) is lag


def test_a_source_giving_a_part_in_the_topics_units_gets_its_whole(tmp_path):
    """A source whose statement on the topic gives a part ('under eight hectares each') gets its
    figure in the topic's units of the others' scale, though that sentence does not name it."""
    from tests.support.corpora import write_corpus

    files = dict(HEATH)
    files["d-upland-news.txt"] = (
        "Moor fire: farmers count the cost\n\nPublished: 5 August 2025\n\nMost of the 30 farms whose heathland "
        "burned hold under eight hectares each.\n\nRangers surveying the moor put the blackened ground at nearly "
        "130 hectares."
    )
    c = open_service(write_corpus(tmp_path / "heath", files)).compare(
        "How do the outlets differ on the area of heathland burned?"
    )
    [group] = c.measures
    assert {v.value: v.source_ids for v in group.values}["nearly 130 hectares"] == ["d-upland-news"]


def test_a_topic_asking_how_big_prefers_a_size_to_a_count():
    from bot.answering.compare import _main
    from bot.answering.measures import align

    facts = _facts(
        {
            "a": "The crater is 30 metres wide and 200 people were moved out.",
            "b": "The crater, 25 metres across, forced 200 people out.",
        }
    )
    groups = align(facts)
    assert {g.measure for g in groups} == {"length", "count of people"}
    assert [g.measure for g in _main(groups, "how big the crater is", "other")] == ["length"]


SINKHOLE = {
    "a-borough-news.txt": "Sinkhole opens on Mill Lane\n\nPublished: 2 March 2025\n\nThe sinkhole that opened on Mill "
    "Lane on Friday is about 12 metres across, the council said.\n\nTwo cars were towed away and 14 homes were "
    "evacuated.",
    "b-east-radio.txt": "Road collapses\n\nPublished: 2 March 2025\n\nA sinkhole swallowed part of Mill Lane on Friday, "
    "and 14 homes were evacuated.\n\nEngineers measured the hole at 20 metres wide on Saturday.",
    "c-city-echo.txt": "Mill Lane sinkhole\n\nPublished: 3 March 2025\n\nThe Mill Lane sinkhole, 12 metres wide, "
    "forced the evacuation of 14 homes.",
}


def test_a_how_big_topic_reads_a_sources_size_stated_without_its_words(tmp_path):
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "sinkhole", SINKHOLE)).compare(
        "How do the outlets differ on how big the sinkhole is?"
    )
    [difference] = c.differences
    assert {v.value: v.source_ids for v in difference.values}["20 metres"] == ["b-east-radio"]


def test_a_when_topic_is_never_answered_by_a_count():
    from bot.answering.compare import _main

    groups = _groups(
        {
            "a": "Forty anglers were moved back when the leak in the weir was found.",
            "b": "The leak in the weir was found by one of the 55 anglers on the bank.",
        },
        "date",
    )
    assert [g.measure for g in groups] == ["count of angler"]
    assert _main(groups, "when the leak in the weir was found", "date") == []


def test_a_topic_asking_how_much_of_a_thing_is_not_answered_by_a_length():
    from bot.answering.compare import _main

    groups = _groups(
        {
            "a": "Crews had pumped out a quarter of the lagoon, whose breach is 12 metres wide.",
            "b": "The breach, some 15 metres across, let out 30 per cent of the lagoon.",
        }
    )
    asked = _main(groups, "how much of the lagoon had been emptied", "quantity")
    assert [g.measure for g in asked] == ["share"]
    assert (
        _main(
            [g for g in groups if g.measure != "share"], "how much of the lagoon had been emptied", "quantity"
        )
        == []
    )


def test_a_day_without_a_year_is_compared_with_days_given_with_one():
    facts = _facts(
        {
            "a": "The leak in the weir was found on 3 March 2025.",
            "b": "Bailiffs say the leak in the weir was found on 2 March.",
            "c": "Wardens found the leak in the weir on 3 March.",
        },
        "date",
    )
    assert _kept(facts, "when the leak in the weir was found", "date") == {
        "a": ["3 March 2025"],
        "b": ["2 March"],
        "c": ["3 March"],
    }
    # beside a year alone, a day without one still gives way (it may be of any year)
    facts = _facts(
        {
            "a": "The leak in the weir was found in 2025.",
            "b": "The leak in the weir was found in 2024.",
            "c": "Wardens found the leak in the weir on 3 March.",
        },
        "date",
    )
    assert sorted(_kept(facts, "when the leak in the weir was found", "date")) == ["a", "b"]


FOOTBRIDGE = {
    "a-canal-news.txt": "Footbridge to reopen\n\nPublished: 4 March 2026\n\nThe footbridge was closed on Monday after "
    "a barge struck it.\n\nEngineers say the footbridge will reopen on 12 March.",
    "b-towpath-times.txt": "Footbridge repairs\n\nPublished: 5 March 2026\n\nThe footbridge, closed since Monday, "
    "will reopen on 19 March, the council said.",
    "c-lock-keeper.txt": "Barge strikes footbridge\n\nPublished: 4 March 2026\n\nThe footbridge was closed on "
    "Wednesday after a barge struck it, and walkers will use the lock gates until it can reopen.",
}


def test_a_weekday_counted_back_from_the_article_never_answers_when_something_will_happen(tmp_path):
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "footbridge", FOOTBRIDGE)).compare(
        "How do the outlets differ on the date the footbridge will reopen?"
    )
    [difference] = c.differences
    assert {v.value: v.source_ids for v in difference.values} == {
        "12 March": ["a-canal-news"],
        "19 March": ["b-towpath-times"],
    }


def test_an_amount_written_per_recipient_answers_a_topic_asking_what_each_one_gets():
    """'£150 each' shares only the payer with 'the relief payment each flooded family gets', yet
    is that payment; a sum sharing only the payer and written as no one's share is another sum."""
    facts = _facts(
        {
            "a": "Every flooded family will receive a relief payment of £300 from the trust.",
            "b": "The trust has made a relief payment of £300 to each flooded family.",
            "c": "Households are being given a paltry £150 each by the trust.",
            "d": "Repairs to the sea wall will cost £2.4m, the trust says.",
        }
    )
    kept = _kept(facts, "the relief payment each flooded family gets from the trust")
    assert kept == {"a": ["£300"], "b": ["£300"], "c": ["£150"]}


def test_a_topic_asking_how_much_of_a_stuff_is_answered_by_its_count_not_a_share():
    from bot.answering.compare import _main

    groups = _groups(
        {
            "a": "The silo holds 900 tonnes of grain, and a third of it was spoiled.",
            "b": "Some 900 tonnes of grain sit in the silo; half of it may be lost.",
            "c": "Farmers fear a quarter of the grain is damp.",
        }
    )
    assert {g.measure for g in groups} == {"count of tonn", "share"}
    assert [g.measure for g in _main(groups, "how much grain the silo holds", "quantity")] == [
        "count of tonn"
    ]
    # a change asked in a share still keeps the shares
    assert "share" in {g.measure for g in _main(groups, "how much more grain the silo holds", "quantity")}


SLIPWAY = {
    "a-island-post.txt": "Ferry to resume\n\nPublished: 10 March 2026\n\nPassengers should be able to board the ferry "
    "again on 20 March, the operator said.",
    "b-harbour-radio.txt": "Ferry delay\n\nPublished: 11 March 2026\n\nThe operator now expects passengers to board "
    "the ferry again from 23 March.",
    "c-quay-weekly.txt": "Waiting for the ferry\n\nPublished: 12 March 2026\n\nIslanders are desperate to board the "
    "ferry again after a week without it. The harbour master confirmed that the slipway will reopen on 20 "
    "March.\n\nShops on the quay have run short of bread.",
}


def test_a_day_another_source_gives_on_the_topic_is_a_sources_statement_in_other_words(tmp_path):
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "slipway", SLIPWAY)).compare(
        "How do the outlets differ on the date passengers can board the ferry again?"
    )
    [difference] = c.differences
    assert {v.value: sorted(v.source_ids) for v in difference.values} == {
        "20 March": ["a-island-post", "c-quay-weekly"],
        "23 March": ["b-harbour-radio"],
    }


BRACKWATER = {
    "a-vale-wire.txt": "Flood empties Brackwater\n\nPublished: 3 May 2026\n\nA total of 1,150 residents were told "
    "to leave their homes in Brackwater on Sunday as the river rose.\n\nThe council said 90 people had registered "
    "to sleep at the shelters on the first night.\n\nThe flood recalls the storm in May 2018, when around 1,600 "
    "people were evacuated from Dunmere for a week.",
    "b-daily-drum.txt": "Town flees flood\n\nPublished: 4 May 2026\n\nNearly 1,500 people were evacuated from "
    "Brackwater on Sunday.",
    "c-river-times.txt": "Brackwater flood\n\nPublished: 4 May 2026\n\nSome 1,150 people were evacuated from "
    "Brackwater as the river burst its banks.",
    "d-vale-radio.txt": "Flood update\n\nPublished: 5 May 2026\n\nAbout 1,140 people were evacuated from "
    "Brackwater, the council said.",
}


def test_a_source_whose_counts_are_another_times_or_off_scale_is_read_for_its_count_on_the_topic(tmp_path):
    """The wire's first statements count those sleeping at shelters (90) and another town's
    evacuation in 2018 (1,600): neither is its count of Brackwater's, which it words otherwise
    ('1,150 residents were told to leave')."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "brackwater", BRACKWATER)).compare(
        "How do the outlets differ on how many people were evacuated from Brackwater?"
    )
    [difference] = c.differences
    values = {s: v.value for v in difference.values for s in v.source_ids}
    assert values["a-vale-wire"] == "1,150 residents"
    assert values["b-daily-drum"] == "Nearly 1,500 people"


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("The province reserved 450 megawatts of spare hydro output for the new smelter.", True),
        ("The province reserved 450 hectares of spare land for the new smelter.", False),
    ],
)
def test_a_value_in_the_units_of_a_measure_the_topic_names_counts_for_it(sentence, counts):
    """'smelter electricity' names a power by its noun: a value in megawatts states it though its
    clause says 'hydro output', not 'electricity'; an area in the same words does not."""
    from bot.answering.compare import _counts_topic, _naming
    from retrieval.analyzer import Analyzer

    terms = Analyzer().terms
    topic = "smelter electricity"
    wanted = {t for w in topic.split() for t in terms(w)}
    assert _counts_topic(sentence, "quantity", wanted, _naming(topic, "quantity", terms)) is counts


def test_a_source_stating_the_power_in_other_words_is_not_silent():
    c = open_service(SEEDS_DIR).compare("mining electricity")
    assert S002 not in c.silent
    [agreement] = c.agreements
    assert S002 in agreement.source_ids and agreement.about == "the power in MW"


LIGHTHOUSE = {
    "a-cape-news.txt": "Storm hits Skerry Point\n\nA storm smashed the lantern of the Skerry Point lighthouse on "
    "Friday. The trust said the lighthouse, erected in 1871, would be mended and should reopen in 2029.",
    "b-isle-post.txt": "Lighthouse battered\n\nThe Skerry Point lighthouse, which dates from 1871, lost its "
    "lantern in Friday's storm. Nobody was inside.",
    "c-shore-radio.txt": "Skerry Point damage\n\nThe lighthouse was erected in 1874, the local history society "
    "says. Divers checked the rocks below.",
    "d-sound-weekly.txt": "Lighthouse to return\n\nThe lighthouse trust plans to open the tower to visitors "
    "again in 2029 once a new lantern has been erected.",
}


def test_a_date_of_what_is_yet_to_happen_does_not_date_what_was_done(tmp_path):
    """'when the lighthouse was erected': 'should reopen in 2029' and 'plans to open the tower
    ... in 2029' date another event; the sources' years of erection are compared alone."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "lighthouse", LIGHTHOUSE)).compare(
        "when the lighthouse was erected"
    )
    assert _values(c, "the date") == {
        "a-cape-news": ("in 1871", "conflict"),
        "b-isle-post": ("in 1871", "conflict"),
        "c-shore-radio": ("in 1874", "conflict"),
    }


REGATTA = {
    "a-tide-news.txt": "Regatta draws crowds\n\nThe Solway Tall Ships Regatta was held at Carran Marina Park, "
    "and 40 vessels took part.",
    "b-firth-radio.txt": "Tall ships sail in\n\nThe Solway Tall Ships Regatta took place in Port Annick, where "
    "the harbour was packed all weekend.",
    "c-west-herald.txt": "Sails on the firth\n\nCrowds lined Carran Marina Park in Port Annick for the Solway "
    "Tall Ships Regatta this weekend.",
}


def test_where_an_event_was_held_is_not_its_own_name_and_a_venue_lies_in_its_town(tmp_path):
    """The topic's own name ('Solway Tall Ships Regatta') is no answer to where it was held, and
    'Carran Marina Park' and 'Port Annick' do not conflict."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "regatta", REGATTA)).compare(
        "where the Solway Tall Ships Regatta was held"
    )
    assert c.differences == []
    [agreement] = c.agreements
    assert {v.value for v in agreement.values} == {"Carran Marina Park", "Port Annick"}
    assert sorted(agreement.source_ids) == ["a-tide-news", "b-firth-radio", "c-west-herald"]


# A topic asking the change a thing made: its shares, not a share sharing only a side word.
CHANGE_FEED = {
    "a-farm-gazette.txt": "Feed trial on dairy herds\n\nPublished: 3 March 2025\n\nThe Lowmead feed lifted "
    "milk yields by 9% over a year in a trial of 420 cows.",
    "b-milk-news.txt": "Lowmead feed spreads\n\nPublished: 4 March 2025\n\nMilk yields rose 12% on the "
    "Lowmead feed, the maker says.\n\n31% of farmers said milk prices worried them.",
    "d-herd-blog.txt": "Why we tried the Lowmead feed\n\nPublished: 6 March 2025\n\nThe Lowmead feed is "
    "popular: 15% of farmers said they were worried about milk.",
    "c-rural-post.txt": "A feed for busy herds\n\nPublished: 5 March 2025\n\nThe Lowmead feed lifted milk "
    "yields by 10%, its trial found.",
}


def test_a_comparison_on_a_change_compares_its_shares(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "feed", CHANGE_FEED)).compare(
        "How do the outlets differ on how much the Lowmead feed lifted milk yields?"
    )
    assert [g.measure for g in c.measures] == ["share"]
    assert {v.value for v in c.measures[0].values} == {"9%", "12%", "10%"}


def _on_head(facts: list, topic: str) -> dict[str, list[str]]:
    """`_on_topic` with the topic's head noun, as `Comparer.compare` calls it."""
    from bot.answering.compare import _events, _head, _heads, _on_topic

    terms = open_service(DATA / "citybudget").index.analyzer.terms
    wanted = set(terms(topic))
    heads, events = _heads(topic, "other", terms), _events(topic, "other", terms)
    out: dict[str, list[str]] = {}
    for f in _on_topic(facts, wanted, set(), topic, heads, events, head=_head(topic, terms)):
        out.setdefault(f.source_id, []).append(f.text)
    return out


def test_a_value_said_with_the_topics_head_noun_is_the_sources_value_on_it():
    """The ferry's crossing times: the clause naming more of the topic's other words ('Skerry',
    'ferry', 'Calloway') gives another figure; the one naming its head noun ('delay') is the value."""
    facts = _facts(
        {
            "a": "The Skerry ferry run by Calloway Lines takes 25 minutes, but its average delay was 14 minutes.",
            "b": "The average delay on the Skerry ferry was 14 minutes, Calloway Lines said.",
            "c": "Calloway Lines put the average delay on its Skerry ferry at 22 minutes.",
        }
    )
    kept = _on_head(facts, "the average delay of Calloway Lines' Skerry ferry")
    assert kept == {"a": ["14 minutes"], "b": ["14 minutes"], "c": ["22 minutes"]}


def test_measures_whose_clauses_never_name_the_head_noun_are_left_out():
    """'the turnout' is a share said with 'turnout'; the winner's count of votes, in clauses
    sharing the topic's other words, is another measure and is not compared with it."""
    facts = _facts(
        {
            "a": "Turnout in the Harwick poll was 41 per cent.",
            "b": "Turnout in the Harwick poll reached 44 per cent.",
            "c": "The Greens polled 3,100 votes in the Harwick poll.",
            "d": "In the Harwick poll the Greens won 3,100 votes.",
            "e": "The Greens took 3,100 votes in the Harwick poll.",
        }
    )
    kept = _on_head(facts, "the Harwick poll turnout")
    assert kept == {"a": ["41 per cent"], "b": ["44 per cent"]}


def test_values_are_kept_on_the_scale_most_sources_give_not_the_median_of_all():
    """Four outlets give the majority (212 to 251 votes); three give vote totals, one of them two.
    The median of all eight values falls between the two scales, nearer the totals."""
    from bot.answering.compare import _drop_outliers

    facts = _facts(
        {
            "a": "Her majority was 212 votes.",
            "b": "She won with a majority of 212 votes.",
            "c": "The majority was 251 votes.",
            "d": "She had a majority of 212 votes.",
            "e": "She polled 2,904 votes.",
            "f": "She polled 2,943 votes, and her rival 2,692 votes.",
            "g": "She took 2,904 votes.",
        }
    )
    kept = _drop_outliers("count of vote", facts)
    assert sorted(f.text for f in kept) == ["212 votes", "212 votes", "212 votes", "251 votes"]


def test_a_source_keeps_its_value_when_as_many_sources_give_its_scale_as_another():
    """Three sources give the margin, three the totals: a source giving the margin is not moved
    to its own total for being off the median of the others."""
    from bot.answering.compare import _on_scale

    facts = _facts(
        {
            "a": "Her margin was 1,362 votes, though she won 41,236 votes.",
            "b": "The margin was 1,362 votes.",
            "c": "She won by 1,362 votes.",
            "d": "She won 41,236 votes.",
            "e": "She took 39,874 votes.",
            "f": "Her rival had 44,910 votes.",
        }
    )
    chosen: dict = {}
    for f in facts:
        chosen.setdefault(f.source_id, []).append(f)
    mine = chosen["a"] = [f for f in chosen["a"] if f.text == "1,362 votes"]
    # the median of the others' values (39,874) is off the margin's scale; three sources give it
    assert [f.text for f in _on_scale(mine, "a", facts, chosen, {"margin", "vote"}, "the margin")] == [
        "1,362 votes"
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "difference"),
    [
        ("Leave won by 216 ballots.", "216 ballots", True),
        ("Leave had a majority of 216 ballots.", "216 ballots", True),
        ("Leave finished 216 ballots ahead.", "216 ballots", True),
        ("Leave won 6,120 ballots.", "6,120 ballots", False),
    ],
)
def test_a_value_given_as_the_difference_between_two_others(sentence, value, difference):
    from bot.answering.compare import states_difference

    [fact] = [f for f in measured(sentence, "quantity") if f.text == value]
    assert states_difference(fact) is difference


def test_a_topic_asking_by_how_many_compares_differences_not_totals():
    """Three outlets give the winning side's total, as many as give the majority: only
    majorities are compared, and a source giving none is left out."""
    facts = _facts(
        {
            "a": "Leave won the Tarrow referendum with 6,120 ballots, but only by 216 ballots.",
            "b": "In the Tarrow referendum Leave won by 261 ballots.",
            "c": "Leave won the Tarrow referendum with 6,120 ballots.",
            "d": "Leave won the Tarrow referendum by 216 ballots.",
            "e": "Leave took 6,120 ballots in the Tarrow referendum.",
            "f": "Leave won the Tarrow referendum, polling 6,102 ballots.",
        }
    )
    kept = _on_head(facts, "by how many ballots did Leave win the Tarrow referendum")
    assert kept == {"a": ["216 ballots"], "b": ["261 ballots"], "d": ["216 ballots"]}


ELMFIELD = {
    "a-fenmoor-post.txt": "Nandra wins Elmfield\n\nPriya Nandra won the Elmfield by-election on Thursday with 2,904 "
    "votes. Her margin over Tom Reyes was 212 votes.",
    "b-county-wire.txt": "Elmfield result\n\nPriya Nandra won the Elmfield by-election with 2,904 votes, the council "
    "said. Her margin was 212 votes.",
    "c-elmfield-voice.txt": "New councillor\n\nPriya Nandra won the Elmfield by-election, taking 2,943 votes. Her "
    "margin was 251 votes.",
    "d-ledger.txt": "Elmfield votes\n\nPriya Nandra won the Elmfield by-election with 2,904 votes on a turnout of 31 "
    "per cent. Her margin was 212 votes.",
}


def test_a_topics_head_noun_picks_the_statement_that_gives_it(tmp_path):
    """Each outlet's sentence on the winner's total names more of 'the winning margin in the
    Elmfield by-election' than the next one, which gives the margin: the margins are compared."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "elmfield", ELMFIELD)).compare(
        "How do the outlets differ on the winning margin in the Elmfield by-election?"
    )
    [difference] = c.differences
    assert {s: v.value for v in difference.values for s in v.source_ids} == {
        "a-fenmoor-post": "212 votes",
        "b-county-wire": "212 votes",
        "c-elmfield-voice": "251 votes",
        "d-ledger": "212 votes",
    }


NURSES = {
    "a-wire.txt": "Nurses quit Dunmere ward\n\nForty-two nurses resigned from Dunmere General this spring, "
    "said union organiser Jane Hollis.",
    "b-gazette.txt": "Staffing crisis at Dunmere\n\nUnion organiser Jane Hollis said 42 nurses had resigned from "
    "Dunmere General.",
    "c-radio.txt": "Dunmere walkout\n\nHospital manager Tom Reyes said 36 nurses resigned from Dunmere General.",
}


def test_the_number_of_people_who_did_something_compares_counts_not_names(tmp_path):
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "nurses", NURSES)).compare(
        "How do the outlets differ on the number of nurses who resigned from Dunmere General?"
    )
    [difference] = c.differences
    assert {s: v.number for v in difference.values for s in v.source_ids} == {
        "a-wire": 42,
        "b-gazette": 42,
        "c-radio": 36,
    }


MATCH = {
    "a-wire.txt": "Corran wins the shield\n\nThe 19-year-old Lia Marsh scored Corran's winner in the 88th minute.",
    "b-post.txt": "Shield goes to Corran\n\nLia Marsh, 20, struck in the 86th minute to win the shield for Corran.",
    "c-blog.txt": "Marsh the hero\n\nCorran's 19-year-old Lia Marsh settled it in the 88th minute.",
}


@pytest.mark.parametrize(
    ("topic", "values"),
    [
        ("How do the outlets differ on how old Lia Marsh is?", {19.0, 20.0}),
        ("compare the sources on what minute Lia Marsh scored the winner", {86.0, 88.0}),
    ],
)
def test_an_age_topic_compares_ages_and_a_which_minute_topic_the_minute(tmp_path, topic, values):
    """Each outlet gives the scorer's age and the minute of the goal in one clause: the age topic
    compares ages only, the minute topic the ranked minute only."""
    from tests.support.corpora import write_corpus

    c = open_service(write_corpus(tmp_path / "shield", MATCH)).compare(topic)
    assert {v.number for d in c.differences for v in d.values} == values
