"""Comparison kinds fixed in issue 14's third pass, each on an invented mini corpus written for
the test (none of the shipped, holdout or development articles).

The harbour-fire corpus: three outlets on one warehouse fire. The evacuation count differs
(420 / some 400 / about 650); the count of residents still out of their homes is 85 in two
outlets ('were still staying', 'remain') and 130 'as of August 20' in the third (an older
figure); two firefighters hurt in two outlets, three in the third ('one of whom remains in
hospital' says nothing about how many are still hurt). A fourth, a radio station, gives the
evacuation as 'some 450 people had to leave their homes' at the end of a long sentence that
names neither residents nor an evacuation. A fifth gives only the 9,000 people a festival
drew 'from their homes'.

The ferry corpus: three outlets on a ferry collision and a strike. A police inquiry is opened
(one outlet), being weighed (another) and not opened (the third); the strike ended (two) or
awaits a vote on whether to end it (one).

The bridge corpus: a bridge 'closed since 2019' reopens in May 2027, in 2027, or 'not before
2028'.

The museum corpus: a museum's cost as '€48.5 million', '48.5 million euro' and 'the
€48,500,000 project'; its first opening date given as 'originally due', 'rather than ... as
planned' and 'pushed back from'; visitors a year that the city 'still expects'.
"""

from __future__ import annotations

import functools

import pytest

from bot.answering.models import Comparison
from tests.support.corpora import open_service, write_corpus

FIRE = {
    "a_coast.txt": """Warehouse fire at Osterby harbour forces families out

THE COASTAL HERALD
By Mira Lund | September 2, 2026

A fire that started in a grain warehouse at Osterby harbour late on Saturday forced 420 residents from their homes as smoke drifted over the old town. Firefighters brought it under control by Sunday afternoon.

The port authority said the damage to the quay would cost about €14 million to repair.

By Tuesday, 85 residents were still staying in the sports hall because their flats had not been cleared.

Two firefighters were treated for smoke inhalation, one of whom remains in hospital.
""",
    "b_wire.txt": """Osterby fire: hundreds evacuated, quay badly damaged

NORDIC NEWS WIRE
By Per Vang | September 2, 2026

Some 400 people left their homes on Saturday night when a grain store caught fire on the harbour front in Osterby.

Repairing the quay will cost €14 million, according to the port authority.

Two firefighters were hurt while tackling the blaze.

The town's mayor said 85 residents remain in temporary accommodation.
""",
    "c_gazette.txt": """Harbour blaze in Osterby

THE OSTERBY GAZETTE
By Lena Holm | September 3, 2026

About 650 residents were told to leave their homes as the warehouse burned, the fire service said.

Quay repairs are expected to cost €14m.

As of August 20, 130 residents were yet to return, the council said.

Three firefighters were injured, the union said.
""",
    "d_radio.txt": """Osterby fire: what we know so far

RADIO OSTERBY
By Jon Ek | September 2, 2026

The harbour master's first account, published on Sunday, describes what happened on the quay late on Saturday, when the roof of the grain store caught fire and some 450 people had to leave their homes.
""",
    "e_weekly.txt": """Festival off after harbour fire

OSTERBY WEEKLY
By Anna Berg | September 2, 2026

The harbour festival, which drew 9,000 people from their homes across the region last year, has been cancelled after the fire on the quay.

Organisers said they hoped to hold it again next summer.
""",
}


@pytest.fixture(scope="module")
def fire(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("fire"), FIRE)
    return functools.cache(open_service(folder).compare)


def _by_source(c: Comparison) -> dict[str, dict[str, tuple[str, str]]]:
    """measure -> source id -> (value, status)."""
    return {g.measure: {s: (v.value, v.status) for v in g.values for s in v.source_ids} for g in c.measures}


def test_a_count_still_in_a_state_is_not_the_count_of_the_event(fire):
    c = fire("how many residents had to leave their homes, according to the outlets?")
    assert _by_source(c) == {
        "count of people": {
            "a_coast": ("420 residents", "conflict"),
            "b_wire": ("Some 400 people", "conflict"),
            "c_gazette": ("About 650 residents", "conflict"),
            "d_radio": ("some 450 people", "conflict"),
        }
    }


def test_a_source_counting_the_same_people_in_other_words_is_not_silent(fire):
    """'some 450 people had to leave their homes' (deep in a long sentence) states the count
    asked for by 'evacuated residents'; '9,000 people from their homes' (festival goers, in
    another outlet) is of another scale."""
    c = fire("how many residents were evacuated, according to the outlets?")
    assert c.silent == ["e_weekly"]
    [group] = c.measures
    stated = {s: v.value for v in group.values for s in v.source_ids}
    assert stated == {
        "a_coast": "420 residents",
        "b_wire": "Some 400 people",
        "c_gazette": "About 650 residents",
        "d_radio": "some 450 people",
    }


def test_the_count_still_out_is_its_own_measure_and_an_older_figure_another_period(fire):
    c = fire("how many residents are still out of their homes? the papers don't match")
    assert _by_source(c) == {
        "count of people (still)": {
            "a_coast": ("85 residents", "agree"),
            "b_wire": ("85 residents", "agree"),
            "c_gazette": ("130 residents", "different period"),
        }
    }
    assert not {"a_coast", "b_wire", "c_gazette"} & set(c.silent)
    [d] = c.differences
    assert d.about == "the number of people, still"


def test_a_relative_clause_after_the_count_does_not_change_what_it_counts(fire):
    c = fire("How many firefighters were hurt? Do the sources agree?")
    [group] = c.measures
    assert not group.measure.endswith("(still)")
    assert {s: v.value for v in group.values for s in v.source_ids} == {
        "a_coast": "Two firefighters",
        "b_wire": "Two firefighters",
        "c_gazette": "Three firefighters",
    }
    assert {v.status for v in group.values} == {"conflict"}


FERRY = {
    "north_star.txt": """Ferry hits pier in Halvik fog

THE NORTH STAR
By Ivo Berg | October 12, 2026

A passenger ferry struck the north pier at Halvik in thick fog on Thursday evening, damaging its bow.

Police have opened an inquiry into the collision, a spokesman confirmed on Friday.

The ferry strike ended on Friday after crews accepted a new pay offer.
""",
    "bay_radio.txt": """Halvik ferry collision: what we know

BAY RADIO | News
Updated: 12 October 2026

The ferry was carrying 86 passengers when it struck the pier.

The harbour master said police were weighing whether to open an inquiry.

The ferry strike ended late on Friday, the union said.
""",
    "pier_post.txt": """Fog blamed as ferry strikes pier

The Pier Post
By Dana Holt | October 12, 2026

No police inquiry has been opened, the ferry company said on Friday.

Crews will vote on Monday on whether to end the ferry strike.
""",
}


@pytest.fixture(scope="module")
def ferry(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("ferry"), FERRY)
    return functools.cache(open_service(folder).compare)


def test_done_conflicts_with_undecided_and_denied_which_agree(ferry):
    c = ferry("Is there a police inquiry into the ferry collision? What do the outlets say?")
    assert _by_source(c) == {
        "status": {
            "north_star": ("Police have opened an inquiry into the collision", "conflict"),
            "bay_radio": (
                "The harbour master said police were weighing whether to open an inquiry",
                "conflict",
            ),
            "pier_post": ("No police inquiry has been opened", "conflict"),
        }
    }
    [group] = c.measures
    by_source = {s: v for v in group.values for s in v.source_ids}
    assert set(by_source["north_star"].conflicts_with) == {"bay_radio", "pier_post"}
    assert by_source["bay_radio"].conflicts_with == ["north_star"]
    assert by_source["bay_radio"].compatible_with == ["pier_post"]


def test_a_status_asked_with_a_verb(ferry):
    c = ferry("has the ferry strike ended? do the sources agree")
    statuses = {s: v.status for g in c.measures for v in g.values for s in v.source_ids}
    assert statuses == {"north_star": "conflict", "bay_radio": "conflict", "pier_post": "conflict"}
    [d] = c.differences  # two wordings of 'ended' are one value, each citation keeping its own
    assert sorted(sorted(v.texts) for v in d.values) == [
        ["The ferry strike ended late on Friday", "The ferry strike ended on Friday after crews accepted"],
        ["on Monday on whether to end the ferry strike"],
    ]


BRIDGE = {
    "river_times.txt": """Old bridge to stay shut for another year

The River Times
By Edda Morn | March 2, 2026

The Kessel bridge, which has been closed to traffic since 2019, will reopen in May 2027, the roads office said.

Repairs to the bridge's piers are expected to cost €31 million.
""",
    "valley_news.txt": """Kessel bridge: repairs begin

VALLEY NEWS
By Rolf Sand | March 3, 2026

Engineers expect the Kessel bridge to reopen in 2027, after repairs to its piers.

The bridge carried 14,000 cars a day before it closed.
""",
    "kessel_daily.txt": """Council doubts bridge timetable

KESSEL DAILY
By Ines Alt | March 3, 2026

The Kessel bridge will not reopen before 2028, a council report says.

The report blames the delay on a shortage of steel.
""",
}


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("bridge"), BRIDGE)
    return functools.cache(open_service(folder).compare)


def test_a_date_before_the_article_does_not_answer_when_something_will_happen(bridge):
    c = bridge("when will the Kessel bridge reopen? the reports differ")
    shown = {v.value for g in c.measures for v in g.values}
    assert not any("2019" in v for v in shown)
    [group] = c.measures
    by_source = {s: v for v in group.values for s in v.source_ids}
    assert "2028" in by_source["kessel_daily"].value and by_source["kessel_daily"].status == "conflict"
    assert "2027" in by_source["river_times"].value and "2027" in by_source["valley_news"].value


@pytest.mark.parametrize(
    ("corpus", "topic"),
    [
        ("fire", "how many residents were evacuated, according to the outlets?"),
        ("fire", "how many residents are still out of their homes? the papers don't match"),
        ("fire", "How many firefighters were hurt? Do the sources agree?"),
        ("fire", "what will the quay repairs cost?"),
        ("ferry", "Is there a police inquiry into the ferry collision? What do the outlets say?"),
        ("ferry", "has the ferry strike ended? do the sources agree"),
        ("bridge", "when will the Kessel bridge reopen? the reports differ"),
        ("lido", "when will the lido reopen to swimmers? do the reports agree?"),
        ("hall", "what will the concert hall cost? do the papers agree?"),
    ],
)
def test_agreements_and_differences_never_contradict(request, corpus, topic):
    c = request.getfixturevalue(corpus)(topic)
    assert not {d.about for d in c.differences} & {a.about for a in c.agreements}
    for d in c.differences:
        assert any(v.status in ("conflict", "different period") for v in d.values)
    for a in c.agreements:
        assert all(v.status in ("agree", "alone") for v in a.values)
    for g in c.measures:
        for v in g.values:
            assert not set(v.relations.get("compatible", [])) & set(v.relations.get("conflict", []))
            assert not set(v.conflicts_with) & set(v.source_ids)


def test_an_approximate_figure_agrees_with_the_exact_one(fire):
    c = fire("what will the quay repairs cost?")
    assert c.differences == []
    [a] = c.agreements
    assert sorted(t for v in a.values for t in v.texts) == ["about €14 million", "€14 million", "€14m"]
    assert c.silent == ["d_radio", "e_weekly"]


MUSEUM = {
    "quay_courier.txt": """Harbour Museum opening slips again

THE QUAY COURIER
By Tove Rask | April 7, 2026

The Harbour Museum is budgeted at €48.5 million, the city's culture office said on Monday.

The museum, originally due to open in March 2027, will now open in June 2028.

The city still expects the museum to draw 250,000 visitors a year once it opens.
""",
    "arts_wire.txt": """Museum delay confirmed

ARTS WIRE | Culture
Updated: 7 April 2026

The 48.5 million euro Harbour Museum will open in June 2028 rather than March 2027 as planned, its director said.

Curators hope for some 260,000 visitors a year.
""",
    "town_ledger.txt": """Finance office warns of gap

The Town Ledger
By Emil Fors | April 8, 2026

Rising steel prices have hit the Harbour Museum. The finance office said the €48,500,000 project now faces a €6m gap.

The opening has been pushed back from March 2027 to June 2028.
""",
}


@pytest.fixture(scope="module")
def museum(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("museum"), MUSEUM)
    return functools.cache(open_service(folder).compare)


def test_a_source_restating_the_exact_figure_in_other_words_is_aligned(museum):
    """'the €48,500,000 project' (after a sentence naming the museum) names neither the museum
    nor its cost, but restates the exact figure the others give for it; the €6m gap beside it
    is not aligned."""
    c = museum("How do the outlets differ on what the Harbour Museum will cost?")
    assert c.silent == []
    [a] = c.agreements
    [value] = a.values  # one value, each citation keeping its own wording
    assert set(value.source_ids) == {"quay_courier", "arts_wire", "town_ledger"}
    assert sorted(t for v in a.values for t in v.texts) == [
        "48.5 million euro",
        "€48,500,000",
        "€48.5 million",
    ]


def test_a_value_given_as_replaced_is_the_earlier_plan(museum):
    """'rather than March 2027 as planned' and 'pushed back from March 2027' give the first plan,
    like 'originally due to open in March 2027'; June 2028 is the current one."""
    c = museum("When was the museum originally supposed to open, per source?")
    [group] = c.measures
    assert group.measure == "date (earlier plan)"
    assert {s for v in group.values for s in v.source_ids} == {"quay_courier", "arts_wire", "town_ledger"}
    assert all("2027" in t for v in group.values for t in v.texts)
    now = museum("when will the museum open now?")
    assert all("2027" not in t for g in now.measures for v in g.values for t in v.texts)


def test_a_forecast_still_held_is_not_a_count_of_what_remains(museum):
    c = museum("how many visitors a year is the museum expected to draw?")
    assert all("(still)" not in g.measure for g in c.measures)
    [a] = c.agreements
    assert {s for v in a.values for s in v.source_ids} == {"quay_courier", "arts_wire"}


LIDO = {
    "harbour_post.txt": """Lido swimmers face a longer wait

The Harbour Post
By Nell Ashby | April 2, 2026

The Marlow Street lido will not welcome swimmers until the summer, after cracked tiles were found in the main pool.

The trust that runs it now says the lido will reopen to swimmers on 14 June.

Repairs to the tiles are expected to cost £1.4 million.
""",
    "seafront_weekly.txt": """Lido accounts show repair bill

SEAFRONT WEEKLY
By Omar Reyes | April 3, 2026

The reopening of the Marlow Street lido has drifted from March to the summer, the trust's accounts show.

The accounts put the repair bill at £1.4 million.
""",
    "marlow_gazette.txt": """Swimmers kept out

MARLOW GAZETTE
By Ida Fenn | April 3, 2026

Swimmers won't be back in the Marlow Street lido until June, the trust admits.

Regulars have started a petition.
""",
    "coast_radio.txt": """Lido date set

Coast Radio
By Pat Lorne | April 4, 2026

The trust says swimmers will be able to use the Marlow Street lido from 21 June.

Season tickets go on sale next week.
""",
    "town_notes.txt": """Market hall roof fixed

Town Notes
By Kit Barr | April 4, 2026

The market hall roof has been fixed, and traders return on Monday.
""",
}


@pytest.fixture(scope="module")
def lido(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("lido"), LIDO)
    return functools.cache(open_service(folder).compare)


def test_a_month_or_season_is_compatible_with_the_days_inside_it(lido):
    """'until the summer' and 'until June' hold with both 14 June and 21 June; those two days
    conflict; a source giving 'the summer' and '14 June' is compared by its day; the sources
    giving only a month or a season are not silent."""
    c = lido("when will the lido reopen to swimmers? do the reports agree?")
    [group] = c.measures
    by_source = {s: v for v in group.values for s in v.source_ids}
    assert "14 June" in by_source["harbour_post"].value and by_source["harbour_post"].status == "conflict"
    assert "21 June" in by_source["coast_radio"].value and by_source["coast_radio"].status == "conflict"
    assert by_source["seafront_weekly"].value == "summer" and by_source["seafront_weekly"].status == "agree"
    assert by_source["marlow_gazette"].value == "June" and by_source["marlow_gazette"].status == "agree"
    assert c.silent == ["town_notes"]


HALL = {
    "evening_star.txt": """Concert hall costs confirmed

The Evening Star
By Ruth Pell | May 5, 2026

The new concert hall on Quay Road will cost £84m, the council confirmed on Monday.

It will seat 1,900 people.
""",
    "quay_courier.txt": """Hall bill reaches £84m

QUAY COURIER
By Sam Ode | May 6, 2026

The bill for the Quay Road concert hall has reached £84m, council papers show.

Doors are due to open in 2028.
""",
    "arts_review.txt": """Leaked papers put hall at £97m

Arts Review
By Lena Crane | May 6, 2026

Leaked papers put the final cost of the Quay Road concert hall at £97m.

Musicians have welcomed the new venue.
""",
    "borough_ledger.txt": """Organ adds to hall outlay

Borough Ledger
By Tom Hale | May 7, 2026

The organ alone cost £3.1m, and its pipes came from a workshop in Bavaria.

The council's budget for the scheme rose from £60m to £84m this year, the papers show.
""",
}


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("hall"), HALL)
    return functools.cache(open_service(folder).compare)


def test_a_budget_is_the_cost_in_other_words(hall):
    """'The council's budget ... rose from £60m to £84m' states the hall's cost; the organ's
    £3.1m beside it is a part's cost, not the hall's, so the source is compared on £84m."""
    c = hall("what will the concert hall cost? do the papers agree?")
    [group] = c.measures
    by_source = {s: v for v in group.values for s in v.source_ids}
    assert by_source["borough_ledger"] is by_source["evening_star"] is by_source["quay_courier"]
    assert by_source["borough_ledger"].value == "£84m" and by_source["borough_ledger"].conflicts_with == [
        "arts_review"
    ]
    assert "£3.1m" not in {v.value for v in group.values}
