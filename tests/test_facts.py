"""Fact extraction, table-driven: sentence -> the values it states, normalised.

Sentences are new wordings (a city budget, a stadium, a harbour, a festival, a hospital), not
the shipped or development articles.
"""

from __future__ import annotations

import pytest

from bot.answering.facts import dates, describe, entities, extract_facts, quantities, times

# (sentence, [(verbatim text, measure, unit, value, high, qualifier, period)])
QUANTITIES = [
    (
        "The council set the budget at about $48 million for next year.",
        [("about $48 million", "amount in USD", "USD", 48e6, None, "about", None)],
    ),
    (
        "Builders now put the stadium's price at €2.3bn, up from 1.9 billion euros.",
        [
            ("€2.3bn", "amount in EUR", "EUR", 2.3e9, None, "", None),
            ("1.9 billion euros", "amount in EUR", "EUR", 1.9e9, None, "", None),
        ],
    ),
    (
        "The harbour authority expects EUR 640 million in fees, or €0.64bn.",
        [
            ("EUR 640 million", "amount in EUR", "EUR", 640e6, None, "", None),
            ("€0.64bn", "amount in EUR", "EUR", 640e6, None, "", None),
        ],
    ),
    (
        "Nearly three-quarters of the seats were sold and more than 41,500 fans came.",
        [
            ("Nearly three-quarters", "share", "%", 75.0, None, "nearly", None),
            # fans are people: they align with 'a crowd of 41,000' and '41,600 spectators'
            ("more than 41,500 fans", "count of people", "people", 41500.0, None, "over", None),
        ],
    ),
    (
        "Seven nurses and twelve porters walked out on Friday.",
        [
            ("Seven nurses", "count of nurs", "nurses", 7.0, None, "", None),
            ("twelve porters", "count of porter", "porters", 12.0, None, "", None),
        ],
    ),
    (
        "The festival drew some 18,000 visitors, at least 2,000 of them from abroad.",
        [
            ("some 18,000 visitors", "count of visitor", "visitors", 18000.0, None, "about", None),
            ("at least 2,000", "number", None, 2000.0, None, "at least", None),
        ],
    ),
    (
        "Councillors backed the levy by 9 votes to 4 after a long night.",
        [("9 votes to 4", "vote tally", "vote", 9.0, 4.0, "", None)],
    ),
    (
        "The motion passed eleven to two.",
        [("eleven to two", "vote tally", "vote", 11.0, 2.0, "", None)],
    ),
    (
        "The shop opens eleven to two on Sundays.",
        [],  # no vote word: a time, not a tally
    ),
    (
        "The committee voted seven to two in favour.",
        [("seven to two", "vote tally", "vote", 7.0, 2.0, "", None)],
    ),
    (
        "As of 30 April, 212 families were still in hotels.",
        [("212 families", "count of people", "people", 212.0, None, "", "04-30")],
    ),
    (
        "Engineers said in March that the pier would need €7.5 million of work.",
        [("€7.5 million", "amount in EUR", "EUR", 7.5e6, None, "", "03")],
    ),
    (
        "The ward opened at 7:30 a.m. with 26 beds.",
        [("26 beds", "count of bed", "beds", 26.0, None, "", None)],
    ),
    (
        "The new quay is 1.2 km long and the old one 850 m; the channel is up to 14 metres deep.",
        [
            ("1.2 km", "length", "m", 1200.0, None, "", None),
            ("850 m", "length", "m", 850.0, None, "", None),
            ("up to 14 metres", "length", "m", 14.0, None, "up to", None),
        ],
    ),
    (
        "The turbines will supply roughly 120 megawatts, against 95 MW today.",
        [
            ("roughly 120 megawatts", "power", "MW", 120.0, None, "about", None),
            ("95 MW", "power", "MW", 95.0, None, "", None),
        ],
    ),
    (
        "Between 15 and 20 million households pay the fee, which rose 2.5% this year.",
        [
            ("15 and 20 million households", "count of home", "households", 15e6, 20e6, "", None),
            ("2.5%", "share", "%", 2.5, None, "", None),
        ],
    ),
    ("Ticket prices fell to £45 in 2024.", [("£45", "amount in GBP", "GBP", 45.0, None, "", None)]),
    ("The museum, founded in 1998, reopened.", []),  # a year is not an amount
    ("1. The first point is about funding.", []),  # list numbering
]


@pytest.mark.parametrize(("sentence", "expected"), QUANTITIES, ids=[s[:40] for s, _ in QUANTITIES])
def test_quantities(sentence, expected):
    got = [(f.text, f.measure, f.unit, f.value, f.high, f.qualifier, f.period) for f in quantities(sentence)]
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[3] == pytest.approx(e[3]) and (g[4] == pytest.approx(e[4]) if e[4] else g[4] is None)
        assert g[5:] == e[5:]


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "qualifier"),
    [
        ("The bridge should reopen in October 2028.", "October 2028", 2028.75, 2028 + 10 / 12, ""),
        ("Service resumes in late 2027, officials say.", "in late 2027", 2027 + 2 / 3, 2028.0, ""),
        (
            "Nobody expects trains before 2031 at the earliest.",
            "before 2031 at the earliest",
            2031.0,
            None,
            "at least",
        ),
        ("The works must be finished by 2030.", "by 2030", None, 2031.0, "under"),
    ],
)
def test_dates_cover_their_stretch_of_time(sentence, text, low, high, qualifier):
    [f] = [d for d in times(sentence) if d.text == text]
    assert (f.value, f.qualifier) == (pytest.approx(low) if low else None, qualifier)
    assert f.high == (pytest.approx(high) if high else None)


def test_bare_years_are_times_but_not_dates():
    sentence = "The mayor now says 2029."
    assert dates(sentence) == ()
    [year] = times(sentence)
    assert year.text == "2029" and year.value == 2029.0


def test_descriptions_name_the_measure_not_the_wording():
    """'the figure in billion' was printed for 'about 1.2 billion euros'."""
    [euros] = quantities("The plant will cost about 1.2 billion euros.")
    assert describe(euros) == "the amount in EUR"
    [workers] = quantities("Four welders were hurt.")
    assert describe(workers) == "the number of welders"
    [tally] = quantities("The board voted 6-1 to approve it.")
    assert describe(tally) == "the vote"


def test_extract_facts_keeps_every_kind():
    facts = extract_facts("On 4 May 2026 the Port Authority of Velsen approved €12 million for dredging.")
    assert {f.kind for f in facts} >= {"quantity", "date", "organisation"}
    assert all(f.text for f in facts)


@pytest.mark.parametrize(
    ("sentence", "value", "says"),
    [
        ("Storage capacity: 120 MWh once both units run", "120 MWh", "storag"),  # a fact box's label
        ("Expected turnout: about 40,000 fans", "about 40,000 fans", "turnout"),
        (
            "The mayor gave one figure: 40,000 fans would come.",
            "40,000 fans",
            "come",
        ),  # a sentence, not a label
    ],
)
def test_a_short_label_before_a_colon_says_what_the_value_measures(sentence, value, says):
    [fact] = [f for f in quantities(sentence) if f.text == value]
    assert says in fact.context


@pytest.mark.parametrize(
    ("sentence", "published", "keys"),
    [
        ("The board on Tuesday approved the timetable.", "2026-02-12", ["02-10"]),  # a Thursday's paper
        ("The board approved it on Thursday.", "2026-02-12", ["02-12"]),  # the article's own day
        ("Voting ended last Sunday after a week.", "2026-03-02", ["03-01"]),  # across a month
        ("The board met on Tuesday, 10 February.", "2026-02-12", []),  # the day is given
        ("The board on Tuesday approved the timetable.", None, []),  # no date to count back from
        # what is yet to happen falls on the next such weekday
        ("The ferry will sail again on Friday, the operator said.", "2026-02-10", ["02-13"]),
        ("The school is due to reopen on Monday.", "2026-02-12", ["02-16"]),
        (
            "Crews cleared the slip on Monday, and the road will reopen on Friday.",
            "2026-02-12",
            ["02-09", "02-13"],
        ),
    ],
)
def test_a_weekday_is_the_day_it_falls_on_counted_from_the_article(sentence, published, keys):
    from bot.answering.facts import relative_dates

    assert [f.key for f in relative_dates(sentence, published)] == keys


@pytest.mark.parametrize(
    ("sentence", "value", "clause"),
    [
        (  # a 'when' clause says what happens at the time just given
            "Fares go up by 3 percent from 2027, when the new trams start running.",
            "2027",
            "Fares go up by 3 percent from 2027, when the new trams start running.",
        ),
        (  # an ordinary clause after the date still ends it
            "Work on the new depot starts in 2026, and the line opens in 2028.",
            "2026",
            "Work on the new depot starts in 2026",
        ),
    ],
)
def test_the_clause_of_a_date_reads_on_into_a_when_clause(sentence, value, clause):
    from bot.answering.facts import times

    [fact] = [f for f in times(sentence) if f.text.endswith(value)]
    assert fact.clause == clause


@pytest.mark.parametrize(
    ("sentence", "published", "stretch"),
    [
        ("The bridge should reopen next year.", "2026-06-09", (2027.0, 2028.0)),
        ("It was due to open at the end of next year.", "2026-06-09", (2027 + 2 / 3, 2028.0)),
        ("The pool closed early last year.", "2026-06-09", (2025.0, 2025 + 1 / 3)),
        ("The bridge should reopen next year.", None, None),  # no date to count from
    ],
)
def test_a_year_named_from_the_article_is_the_year_it_names(sentence, published, stretch):
    from bot.answering.facts import relative_dates

    found = [(f.value, f.high) for f in relative_dates(sentence, published)]
    assert found == ([stretch] if stretch else [])


def test_the_end_of_a_year_is_its_last_third_as_written():
    from bot.answering.facts import times

    [fact] = times("The depot was supposed to open at the end of 2027.")
    assert (fact.text, fact.value, fact.high) == ("the end of 2027", 2027 + 2 / 3, 2028.0)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The lido won't let swimmers in until June, the trust admits.", [("June", "06")]),
        ("Its reopening has drifted from March to the summer.", [("March", "03"), ("summer", "summer")]),
        ("The pier should be safe to walk on by the spring.", [("spring", "spring")]),
        ("Engineers hope to finish in the fall, weather allowing.", [("fall", "autumn")]),
        ("Visitor numbers are expected to fall sharply.", []),  # a verb, not a season
        ("The café closed last winter and never reopened.", []),  # a past season
        ("Nobody may swim there yet.", []),  # the verb, not the month
        ("The slipway reopens in May.", [("May", "05")]),
        ("The slipway reopens on 9 May.", [("9 May", "05-09")]),  # a day, read as before
        ("The slipway reopens in May 2027.", [("May 2027", "2027-05")]),
        ("Opening: June (they hope)", []),  # no word that makes it a time
    ],
)
def test_a_month_or_season_without_a_year_is_a_time(sentence, found):
    """A month or season named as a time ('until June', 'to the summer') is a date without a
    year, keyed by its month ('06') or season ('autumn' for 'the fall'), with no stretch in years."""
    facts = times(sentence)
    assert [(f.text, f.key) for f in facts] == found
    assert all(f.value is None for f in facts if "2027" not in f.key)


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Harlan Stone, which builds the sheds, was fined.", "Harlan Stone", "organisation"),
        ("Harlan Stone, who builds the sheds, was fined.", "Harlan Stone", "person"),
        ("The board hired Velta Byggnad, the main contractor, in May.", "Velta Byggnad", "organisation"),
        ("The board hired Mira Kovac, the site engineer, in May.", "Mira Kovac", "person"),
        ("The Ferrybank Anglers' Club objected to the plan.", "Ferrybank Anglers", "organisation"),
        ("Trucks queued on Harrow Lane all night.", "Harrow Lane", "place"),
        ("Dunlin Foods said output would move.", "Dunlin Foods", "organisation"),
        ("Aldo Ferris said output would move.", "Aldo Ferris", "person"),
    ],
)
def test_what_follows_a_name_types_it(sentence, name, kind):
    found = {f.text: f.kind for f in entities(sentence)}
    assert found[name] == kind, found


def test_a_numbered_road_or_gate_is_not_a_name():
    assert "Route" not in {f.text for f in entities("Trucks leave the quarry by Route 9 at dawn.")}


def test_a_weekday_is_not_a_name():
    assert not [
        f
        for f in entities("The board met. Tuesday saw the vote, and Friday the appeal.")
        if f.kind == "person"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ground beneath Kessholm was moving.",
        "Trucks queued near Dorvik all night.",
        "A hoard turned up outside the village of Amberley on Monday.",  # 'the village of X'
    ],
)
def test_a_single_name_after_a_preposition_of_place_is_a_place(sentence):
    assert [f.kind for f in entities(sentence)] == ["place"]


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        (
            "The tapestry will hang in the Harrow Valley Museum of Textiles from May.",
            "Harrow Valley Museum of Textiles",
        ),
        ("Tickets for the final at Ellingham Stadium sold out.", "Ellingham Stadium"),
        ("The choir sang at Saint Brel Cathedral on Sunday.", "Saint Brel Cathedral"),
    ],
)
def test_a_venue_is_a_place_not_a_person(sentence, venue):
    """A museum, stadium or cathedral named in capitals is where something happens: it answers
    'where', and never 'who'."""
    found = {f.text: f.kind for f in entities(sentence)}
    assert found.get(venue) == "place", found


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The van was found near the Kelby car park on Sunday.", [("place", "Kelby")]),
        ("Walkers gathered near the Owl Rock cairn.", [("place", "Owl Rock")]),
        ("The crowd waited outside the Hallam who had called them.", [("person", "Hallam")]),
    ],
)
def test_a_name_before_a_place_noun_after_a_preposition_of_place_is_a_place(sentence, kinds):
    assert [(f.kind, f.text) for f in entities(sentence)] == kinds


def test_names_between_which_something_happens_stay_parties():
    # 'between Pakistan and El Salvador' names the parties to an agreement, not where it was signed
    assert "place" not in {f.kind for f in entities("Talks between Norland and Vesteria resumed.")}


def test_a_capacity_and_a_duration_are_described_as_such():
    from bot.answering.markers import qualified
    from bot.answering.quantities import as_duration

    [silo] = [qualified(f) for f in quantities("The silo has a capacity of 900 tonnes.")]
    [wait] = [as_duration(f) for f in quantities("Lorries waited for 40 hours.")]
    assert describe(silo) == "the number of tonnes, capacity"
    assert describe(wait) == "the duration in hours"


def test_a_member_of_parliament_title_before_a_name_is_no_part_of_it():
    found = [
        (e.text, e.kind) for e in entities("Coastal MP Anna Holt and Green MEP Piet Vos met the growers.")
    ]
    assert ("Anna Holt", "person") in found and ("Piet Vos", "person") in found


def test_a_name_beside_a_post_of_a_possessive_body_is_a_person():
    """'Ada Quell, the museum's deputy director' holds a post; 'Quell Holdings, the museum's
    sponsor company' is not made a person, and 'Quell Holdings, the company' stays a company."""
    found = {f.text: f.kind for f in entities("Ada Quell, the university's vice-principal, opened the wing.")}
    assert found["Ada Quell"] == "person"
    found = {f.text: f.kind for f in entities("Brask Holdings, the company that owns the site, declined.")}
    assert found["Brask Holdings"] == "organisation"


def test_a_title_makes_a_person_of_a_name_ending_in_a_place_word():
    assert [(f.kind, f.text) for f in entities("In 1915, Governor Lionel Heath closed the port.")] == [
        ("person", "Lionel Heath")
    ]
    assert [(f.kind, f.text) for f in entities("The choir sang at Queen Mary Hall on Friday.")] == [
        ("place", "Mary Hall")
    ]


def test_a_name_someone_went_to_or_came_from_is_a_place():
    kinds = [
        (f.kind, f.text)
        for f in entities("The crew sailed first to Tromsø, then to Hammerfest, and wrote to Olsen.")
    ]
    assert ("place", "Hammerfest") in kinds and ("person", "Olsen") in kinds
