"""Alignment, table-driven: facts from several sources -> one group per measure, each value
marked agree / conflict / different period. New wordings on invented stories."""

from __future__ import annotations

import pytest

from bot.answering.facts import quantities, times
from bot.answering.markers import EARLIER, qualified
from bot.answering.measures import APPROX, align, calendar, compatible, narrower, same_name, same_period
from bot.answering.models import Fact


def _facts(sources: dict[str, str], *, dated: bool = False) -> list[Fact]:
    out = []
    for n, (sid, sentence) in enumerate(sources.items(), start=1):
        found = list(quantities(sentence)) + (list(times(sentence)) if dated else [])
        out += [f.model_copy(update={"source_id": sid, "citation": n}) for f in found]
    return out


def _status(groups, measure: str) -> dict[str, str]:
    [group] = [g for g in groups if g.measure == measure]
    return {sid: v.status for v in group.values for sid in v.source_ids}


# (sources, measure, {source: status}, published)
CASES = [
    (  # lower bounds hold with the exact figure below... and conflict above it
        {
            "a": "The museum now owns 4,812 prints.",
            "b": "Its collection has grown to over 4,800 prints.",
            "c": "The museum holds more than 4,500 prints.",
            "d": "The archive lists over 4,820 prints.",
        },
        "count of print",
        {"a": "conflict", "b": "agree", "c": "agree", "d": "conflict"},
        {},
    ),
    (  # an approximate figure agrees within its tolerance; an exact one outside it conflicts
        {
            "a": "The stadium will cost about 2.4 billion euros.",
            "b": "The stadium's bill is €2.38bn.",
            "c": "Officials give the price as €2,200 million.",
        },
        "amount in EUR",
        {"a": "conflict", "b": "conflict", "c": "conflict"},
        {},
    ),
    (
        {"a": "The stadium will cost about 2.4 billion euros.", "b": "The stadium's bill is €2.38bn."},
        "amount in EUR",
        {"a": "agree", "b": "agree"},
        {},
    ),
    (  # a count written in words and in digits
        {
            "a": "Three firefighters were treated in hospital.",
            "b": "3 firefighters were treated.",
            "c": "Five firefighters were treated.",
        },
        "count of firefight",
        {"a": "conflict", "b": "conflict", "c": "conflict"},
        {},
    ),  # fmt: skip
    (  # a tally: only the same split agrees
        {
            "a": "The council voted 5-2 for the levy.",
            "b": "Members backed it by five votes to two.",
            "c": "The levy passed 4-3 after a vote.",
        },
        "vote tally",
        {"a": "conflict", "b": "conflict", "c": "conflict"},
        {},
    ),  # fmt: skip
    (  # an older figure is another period, not a contradiction
        {
            "a": "As of 2 March, 140 tenants were still in hotels.",
            "b": "Some 85 tenants are still in hotels.",
        },
        "count of people",
        {"a": "different period", "b": "agree"},
        {"a": "2026-04-20", "b": "2026-04-21"},
    ),  # fmt: skip
    (  # the same month as the article is the same period
        {"a": "As of April 2026, 140 tenants were in hotels.", "b": "Some 85 tenants are still in hotels."},
        "count of people",
        {"a": "conflict", "b": "conflict"},
        {"a": "2026-04-20", "b": "2026-04-21"},
    ),  # fmt: skip
    (  # a stated capacity: 'up to' is the maximum, so a smaller figure differs
        {"a": "The depot can hold up to 900 buses.", "b": "The depot holds 700 buses."},
        "count of buse",
        {"a": "conflict", "b": "conflict"},
        {},
    ),  # fmt: skip
    (  # 'nearly' sits just below its figure
        {"a": "Nearly two-thirds of voters turned out.", "b": "Turnout was 63 percent."},
        "share",
        {"a": "agree", "b": "agree"},
        {},
    ),  # fmt: skip
]


@pytest.mark.parametrize(("sources", "measure", "expected", "published"), CASES)
def test_alignment_marks_each_value(sources, measure, expected, published):
    groups = align(_facts(sources), published)
    assert _status(groups, measure) == expected


def test_values_of_different_measures_are_never_one_group():
    """A budget, a shortfall, a household's yearly cost, opening hours and meeting hours."""
    groups = align(
        _facts(
            {
                "a": "The budget is about $48 million and the shortfall $3.1 million.",
                "b": "Households will pay about $84 more a year; the library opens 10 hours a day.",
                "c": "The meeting ran for five hours.",
            }
        )
    )
    for g in groups:
        assert len({v.source_ids[0] for v in g.values}) >= 2
        assert g.measure != "count of hour" or {sid for v in g.values for sid in v.source_ids} == {"b", "c"}
    # amounts in USD stay one dimension, but align() only compares sources, not a source with itself
    usd = [g for g in groups if g.measure == "amount in USD"]
    assert all(len(v.source_ids) == 1 for g in usd for v in g.values)


def test_dates_conflict_only_outside_their_stretch():
    groups = align(
        _facts(
            {
                "a": "The line should open in October 2029.",
                "b": "Opening has slipped to late 2029.",
                "c": "The minister now says 2029.",
                "d": "Passengers must wait until 2030 at the earliest.",
            },
            dated=True,
        )
    )
    assert _status(groups, "date") == {"a": "conflict", "b": "conflict", "c": "conflict", "d": "conflict"}
    [g] = groups
    by_source = {v.source_ids[0]: v for v in g.values}
    assert set(by_source["a"].conflicts_with) == {"d"} and set(by_source["a"].compatible_with) == {"b", "c"}


def test_agreements_and_conflicts_never_contradict():
    groups = align(_facts({"a": "They own 4,812 prints.", "b": "They own over 4,800 prints.",
                           "c": "They own over 4,820 prints."}))  # fmt: skip
    for g in groups:
        for v in g.values:
            assert not set(v.compatible_with) & set(v.conflicts_with)
            for i in v.relations.get("conflict", []):
                assert g.values.index(v) in g.values[i].relations["conflict"]  # symmetric


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Harbour Office", "Harbour Office of Velsen", True),
        ("Velsen Water Board", "VWB", True),
        ("Velsen Water Board", "Coastal Water Agency", False),
        ("City Hall", "the quay at Punta Grisa", False),
    ],
)
def test_names(a, b, same):
    assert same_name(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2025", "2025-07", True),
        ("04", "2026-06", False),
        ("05-15", "2026-05", True),
        ("2024", "2025-01", False),
    ],
)
def test_periods(a, b, same):
    assert same_period(a, b) is same


def test_tolerance_separates_a_rounding_from_a_different_figure():
    """APPROX keeps 'about 1.2 billion' with 1.18 billion and apart from 1.1 billion."""
    [about] = quantities("It costs about 1.2 billion euros.")
    [close] = quantities("It costs €1.18bn.")
    [other] = quantities("It costs 1.1 billion euro.")
    assert compatible(about, close) and not compatible(about, other)
    assert 0.05 < APPROX < 0.1


def test_a_value_another_source_gives_as_replaced_is_of_the_earlier_time():
    """'first quoted 40,000 tickets, then cut it' makes another source's undated 40,000 the
    earlier figure, not a conflict; a source whose figure was never replaced still conflicts."""
    sources = {
        "a": "Organisers expect 40,000 tickets to be sold.",
        "b": "The promoter first quoted 40,000 tickets, then cut the forecast to 31,000 tickets.",
        "c": "Some 31,000 tickets are on sale.",
    }
    facts = [qualified(f) for f in _facts(sources)]
    current = [f for f in facts if not f.measure.endswith(EARLIER)]
    replaced = [f for f in facts if f.measure.endswith(EARLIER)]
    assert [f.source_id for f in replaced] == ["b"]
    groups = align(current, {}, replaced)
    assert _status(groups, "count of ticket") == {"a": "different period", "b": "agree", "c": "agree"}
    assert [v.revised for v in groups[0].values] == [True, False, False]
    # without the source replacing it, the same figures conflict
    unreplaced = [f for f in current if f.source_id != "b"]
    assert _status(align(unreplaced, {}), "count of ticket")["a"] == "conflict"


@pytest.mark.parametrize(
    ("new", "old_status"),
    [
        ("The club has since revised its repair bill to €640,000.", "different period"),
        ("The repair bill has risen to €640,000, the club said.", "different period"),
        # a cut to €640,000 cannot come from a lower figure: €510,000 is no earlier estimate
        ("The club cut the repair bill to €640,000.", "conflict"),
    ],
)
def test_a_value_given_as_changed_to_makes_another_sources_figure_the_earlier_one(new, old_status):
    """One source gives a figure as the new one of a change ('revised ... to', 'risen to'), another
    an undated figure the change can have come from: that one is the earlier figure (revised),
    not a conflict; a figure on the other side of the change, or given as the present one, is."""
    sources = {"a": "Repairs to the stand will cost €510,000.", "b": new}
    groups = align(_facts(sources), {"a": "2026-05-02", "b": "2026-05-09"})
    new_status = "agree" if old_status == "different period" else "conflict"
    assert _status(groups, "amount in EUR") == {"a": old_status, "b": new_status}
    assert [v.revised for v in groups[0].values] == [old_status == "different period", False]
    present = {"a": "Repairs to the stand now cost €510,000.", "b": new}
    assert _status(align(_facts(present), {}), "amount in EUR")["a"] == "conflict"
    later = align(_facts(sources), {"a": "2026-05-20", "b": "2026-05-09"})
    assert _status(later, "amount in EUR")["a"] == "conflict"


def test_a_day_is_not_the_replaced_year_it_could_fall_in():
    """Another source replaced '2026' with '17 October': a '3 October' (no year) is not that
    earlier figure, so it still conflicts with 17 October."""
    from bot.answering.facts import times

    def dated(sid: str, sentence: str, n: int) -> list:
        return [f.model_copy(update={"source_id": sid, "citation": n}) for f in times(sentence)]

    [day] = dated("a", "The fair opens on 3 October.", 1)
    [later] = dated("b", "The fair opens on 17 October.", 2)
    [year] = dated("b", "It was to open in 2026.", 3)
    replaced = [year.model_copy(update={"measure": "date" + EARLIER})]
    assert _status(align([day, later], {}, replaced), "date") == {"a": "conflict", "b": "conflict"}


def _time(sentence: str, sid: str = "a", n: int = 1) -> Fact:
    [fact] = times(sentence)
    return fact.model_copy(update={"source_id": sid, "citation": n})


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        ("The lido reopens on 14 June.", "The lido reopens on 21 June.", False),
        ("The lido reopens on 14 June.", "The lido will not open until June.", True),
        ("The lido reopens on 14 June.", "The lido will not open until the summer.", True),
        ("The lido reopens on 14 June.", "The lido will not open until the autumn.", False),
        ("The lido will not open until June.", "The lido will not open until the summer.", True),
        ("The lido will not open until June.", "The lido will not open until July.", False),
        ("The lido will not open until the spring.", "The lido will not open until the summer.", False),
        ("The lido reopens on 2 December.", "The lido reopens in the winter.", True),
    ],
)
def test_a_vague_time_holds_the_days_inside_it(a, b, together):
    assert compatible(_time(a), _time(b, "b", 2)) is together
    assert compatible(_time(b, "b", 2), _time(a)) is together


@pytest.mark.parametrize(
    ("key", "months", "day"),
    [("06-14", {6}, 14), ("06", {6}, None), ("summer", {6, 7, 8}, None), ("winter", {12, 1, 2}, None)],
)
def test_calendar_of_a_date_without_a_year(key, months, day):
    assert calendar(key) == (frozenset(months), day)
    assert calendar("2027-06") is None


def test_a_vague_time_never_replaces_the_day_its_source_gives():
    """A source saying both 'until the summer' and '14 June' is represented by 14 June, which
    still conflicts with another source's 21 June; a source saying only 'until June' holds with both."""
    summer = _time("The lido will not open until the summer.", "a", 1)
    day = _time("The lido reopens on 14 June.", "a", 2)
    other = _time("The lido reopens on 21 June.", "b", 3)
    june = _time("The lido will not open until June.", "c", 4)
    assert narrower(day, summer) and narrower(june, summer) and not narrower(summer, day)
    assert not narrower(other, day)  # two days: neither lies inside the other
    groups = align([summer, day, other, june], {})
    assert _status(groups, "date") == {"a": "conflict", "b": "conflict", "c": "agree"}
    [group] = groups
    assert "summer" not in {v.value for v in group.values}


@pytest.mark.parametrize(
    ("published", "statuses"),
    [
        ({"a": "2026-02-20", "b": "2026-03-16"}, {"conflict"}),  # 24 days apart: one news cycle
        ({"a": "2026-02-20", "b": "2026-06-16"}, {"agree", "different period"}),  # months apart: two times
    ],
)
def test_undated_figures_of_one_news_cycle_contradict_each_other(published, statuses):
    sources = {"a": "The ferry terminal will cost £18m.", "b": "The new terminal's price is £21m."}
    groups = align(_facts(sources), published)
    assert set(_status(groups, "amount in GBP").values()) == statuses


def test_a_date_is_not_dated_by_its_article():
    """Two articles months apart giving different years for one opening contradict each other: when
    a thing happens is the value itself, not a figure of the article's time."""
    sources = {"a": "The terminal will open in 2028.", "b": "The terminal is now set to open in 2029."}
    groups = align(_facts(sources, dated=True), {"a": "2026-01-10", "b": "2026-05-20"})
    assert _status(groups, "date") == {"a": "conflict", "b": "conflict"}


def _one(text: str) -> Fact:
    (fact,) = quantities(text)
    return qualified(fact)


def test_approximations_rounded_to_the_same_digit_differ_beyond_one_unit():
    # two reporters rounding one crowd to the tens would not land 20 apart
    roughly_430 = _one("Roughly 430 volunteers turned out.")
    about_410 = _one("About 410 volunteers turned out.")
    about_420 = _one("Around 420 volunteers turned out.")
    assert roughly_430.qualifier == about_410.qualifier == "about"
    assert not compatible(roughly_430, about_410)
    assert compatible(roughly_430, about_420)


def test_an_approximation_written_finer_than_the_tolerance_holds_an_exact_figure_within_one_unit():
    # 'some 2,350' is written to the tens: it is 2,346 rounded, not 2,290
    some_2350 = _one("Some 2,350 runners started the race.")
    assert compatible(some_2350, _one("Exactly 2,346 runners started the race."))
    assert not compatible(some_2350, _one("2,290 runners started the race."))
    assert not compatible(_one("2,290 runners started the race."), some_2350)
    # an exact figure written coarser than the approximation may be a rounding itself
    assert compatible(_one("Some 2,350 runners started the race."), _one("2,300 runners started the race."))


def test_coarse_approximations_keep_the_usual_tolerance():
    # 'about 400' is written to the hundreds: it still holds 'some 390' and an exact 412
    assert compatible(_one("About 400 volunteers turned out."), _one("Some 390 volunteers turned out."))
    assert compatible(_one("About 400 volunteers turned out."), _one("Exactly 412 volunteers turned out."))


def test_two_days_of_one_month_are_two_dates():
    (ninth,) = times("The gallery reopens on Tuesday 9 June 2026.")
    (sixteenth,) = times("The gallery will reopen on 16 June 2026.")
    (june,) = times("The gallery reopens in June 2026.")
    assert not compatible(ninth, sixteenth)
    assert compatible(ninth, june) and compatible(june, sixteenth)
    assert compatible(ninth, times("Doors open again on June 9, 2026.")[0])


def test_a_source_correcting_a_value_it_reports_is_represented_by_the_correction():
    """A source saying the owners give 4 May but the ferry 'actually' sank on 3 May states 3 May:
    its disagreement with another source's 4 May is shown, not hidden behind the owners' date."""
    reported = _time("The owners say the ferry sank on 4 May.", "a", 1)
    corrected = _time("Divers told us the ferry actually went down on 3 May.", "a", 2)
    other = _time("The ferry sank on 4 May, the coastguard said.", "b", 3)
    groups = align([reported, corrected, other], {})
    assert _status(groups, "date") == {"a": "conflict", "b": "conflict"}
    [group] = groups
    assert {v.value for v in group.values} == {"3 May", "4 May"}


def test_a_source_restating_its_value_is_cited_for_each_statement():
    """A source giving the same figure in two of its statements has both cited on the value,
    still as one source."""
    a1, a2 = quantities("The ferry carries 38 cars."), quantities("Each crossing takes 38 cars and 12 vans.")
    b = quantities("The new ferry takes 38 cars.")
    facts = [f.model_copy(update={"source_id": "a", "citation": 1}) for f in a1]
    facts += [
        f.model_copy(update={"source_id": "a", "citation": 2}) for f in a2 if f.measure == "count of car"
    ]
    facts += [f.model_copy(update={"source_id": "b", "citation": 3}) for f in b]
    [group] = align(facts, {})
    assert [(v.source_ids, v.citations) for v in group.values if v.number == 38.0] == [
        (["a", "b"], [1, 2, 3])
    ]


@pytest.mark.parametrize(
    ("a", "b", "holds"),
    [
        ("Quarry Road Stadium", "Brackwell", True),  # a venue lies in a town
        ("the Lyle Folk Festival", "Dunmere Green", True),
        ("Brackwell", "Dunmere", False),  # two towns
        ("Quarry Road Stadium", "Lyle Town Hall", False),  # two venues
    ],
)
def test_a_venue_and_a_town_can_both_be_where_it_happened(a, b, holds):
    pa, pb = (Fact(kind="place", text=t, key=t.lower(), about="place", measure="place") for t in (a, b))
    assert compatible(pa, pb) is holds


def test_close_to_a_figure_is_an_approximation_both_ways():
    """'close to £5 million' holds with £5.2 million as with £4.9 million; not with £7 million."""
    [close] = quantities("The restoration will cost close to £5 million.")
    for exact, holds in (("£5.2 million", True), ("£4.9 million", True), ("£7 million", False)):
        [other] = quantities(f"The restoration will cost {exact}.")
        assert compatible(close, other) is holds, exact


def test_an_undated_articles_figure_is_of_no_known_time_and_conflicts_with_any():
    """A dated report of 6 May and an undated one give the count of spoiled ballots differently;
    a third article, dated 19 June, is the latest. The undated figure is not taken for June's, so
    it conflicts with May's instead of being 'of another period'."""
    facts = _facts(
        {
            "may": "Officials said 612 ballots were spoiled.",
            "undated": "Count staff said 655 ballots were spoiled.",
            "june": "The hall seats 900 people.",
        }
    )
    published = {"may": "2028-05-06", "undated": None, "june": "2028-06-19"}
    assert _status(align(facts, published), "count of ballot") == {"may": "conflict", "undated": "conflict"}
