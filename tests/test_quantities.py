"""Numbers and the quantities a sentence states (bot/answering/quantities.py)."""

from __future__ import annotations

import pytest

from bot.answering.quantities import count_modifiers, parse_number, quantities, vague_counts


@pytest.mark.parametrize(
    ("text", "value"),
    [("6,238", 6238.0), ("1.18", 1.18), ("four", 4.0), ("twenty-five", 25.0), ("harbour", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_a_sum_of_money_is_normalised_with_its_currency_and_scale():
    [fact] = [f for f in quantities("The council will spend €1.18bn on the new tramline.") if f.unit == "EUR"]
    assert fact.value == pytest.approx(1.18e9)
    assert fact.text in "The council will spend €1.18bn on the new tramline."


def test_a_range_keeps_its_upper_end_and_a_qualifier_its_word():
    [low_high] = [f for f in quantities("Between 15 and 20 million passengers used the line.") if f.high]
    assert (low_high.value, low_high.high) == (15e6, 20e6)
    [about] = quantities("About 300 residents were moved to the school.")
    assert (about.value, about.qualifier) == (300.0, "about")


def test_a_sentence_without_figures_states_no_quantity():
    assert quantities("The residents were moved to the school.") == ()


@pytest.mark.parametrize(
    ("sentence", "value", "clause"),
    [
        (  # an aside between the subject and its value
            "The museum's total budget, including a new wing and a café, is put at €48 million.",
            "€48 million",
            "The museum's total budget, including a new wing and a café, is put at €48 million.",
        ),
        (  # an apposition after the subject
            "Rita Holm, the club's treasurer, put the shortfall at $12,000, the highest yet.",
            "$12,000",
            "Rita Holm, the club's treasurer, put the shortfall at $12,000",
        ),
        (  # a name in apposition
            "The landlord, Harbour Homes Trust, will repair 240 flats this year.",
            "240 flats",
            "The landlord, Harbour Homes Trust, will repair 240 flats this year.",
        ),
        (  # a noun phrase with its relative clause in apposition
            "Vela Bus, the firm that won the contract to run the routes, plans to buy 90 buses.",
            "90 buses",
            "Vela Bus, the firm that won the contract to run the routes, plans to buy 90 buses.",
        ),
        (  # a value inside the aside keeps its own clause
            "The club has 420 members, including 80 juniors.",
            "80 juniors",
            " including 80 juniors.",
        ),
        (  # a worth given for the figure before it is about what that figure counts
            "The fund holds 1,200 ounces of gold, valued at about $2.8 million.",
            "about $2.8 million",
            "The fund holds 1,200 ounces of gold, valued at about $2.8 million.",
        ),
        (  # ... but not the worth of a thing named without a figure
            "The town's relief fund, worth $40,000, opens on Monday.",
            "$40,000",
            " worth $40,000, opens on Monday.",
        ),
        (  # an introductory phrase is not an apposition
            "In May, the council said 40 jobs would go.",
            "40 jobs",
            " the council said 40 jobs would go.",
        ),
    ],
)
def test_the_clause_of_a_value_reads_over_an_aside_or_apposition(sentence, value, clause):
    [fact] = [f for f in quantities(sentence) if f.text == value]
    assert fact.clause == clause


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("The clinic said it would employ 38 people once it opens.", "count of jobs"),
        ("The firm has already recruited most of the 38 people it needs.", "count of jobs"),
        ("The clinic will create 40 jobs.", "count of jobs"),
        ("The flood forced 38 people from their homes.", "count of people"),
    ],
)
def test_people_a_verb_employs_are_counted_as_jobs(sentence, measure):
    [fact] = quantities(sentence)
    assert fact.measure == measure


@pytest.mark.parametrize(
    ("sentence", "text", "measure", "modifier"),
    [
        # a label before a colon names what a bare figure counts (a fact box)
        ("Seasonal staff: 75", "75", "count of jobs", "seasonal"),
        ("- Visitors expected: 90,000", "90,000", "count of visitor", ""),
        # a subject naming the count ('<noun> numbers rose ... to N', 'the number of <nouns> reached N')
        ("Member numbers climbed 6% to 1,240.", "1,240", "count of member", ""),
        ("The number of students reached 3,050 in the autumn.", "3,050", "count of student", ""),
        # an adjective between the figure and its noun narrows the count without being its unit
        ("The depot will offer 35 permanent positions and 120 seasonal jobs.", "35 permanent positions", "count of jobs", "permanent"),
        ("Some 70 seasonal staff will be hired.", "Some 70 seasonal staff", "count of jobs", "seasonal"),
        # a word of state before the noun is not what is counted
        ("Wardens found 212 dead swans on the lake.", "212 dead swans", "count of swan", "dead"),
        ("The blast left 14 injured miners in hospital.", "14 injured miners", "count of miner", "injured"),
        ("About 60 stranded hikers were flown out.", "About 60 stranded hikers", "count of hiker", "stranded"),
    ],
)  # fmt: skip
def test_what_a_count_counts(sentence, text, measure, modifier):
    [fact] = [f for f in quantities(sentence) if f.text == text]
    assert (fact.measure, fact.modifier) == (measure, modifier)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The landslip cut off 48 houses on the lane.", "48 houses"),
        ("Some 50 properties lost power after the landslip.", "Some 50 properties"),
        ("Engineers checked 47 dwellings below the slope.", "47 dwellings"),
        ("The landslip cut power to 52 households.", "52 households"),  # a household is a home's
        ("Dozens of houses were cut off.", "Dozens of houses"),
    ],
)
def test_houses_properties_dwellings_and_households_are_counted_as_homes(sentence, text):
    [fact] = [f for f in quantities(sentence) + vague_counts(sentence) if f.text == text]
    assert fact.measure == "count of home"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The depot will run a fleet of 30 trucks.", "30 trucks"),
        ("The depot will run 31 vehicles.", "31 vehicles"),
        ("The firm bought 12 new vans.", "12 new vans"),
    ],
)
def test_lorries_trucks_and_vans_are_counted_as_vehicles(sentence, text):
    [fact] = [f for f in quantities(sentence) if f.text == text]
    assert fact.measure == "count of vehicles"


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry left at half past nine.",
        "By a quarter to 6 the hall was full.",
        "The bells rang at a quarter past twelve.",
    ],
)
def test_a_time_of_day_is_no_share(sentence):
    assert not [f for f in quantities(sentence) if f.measure == "share"]


def test_a_half_or_quarter_of_a_thing_is_still_a_share():
    assert [f.text for f in quantities("Half the village and a quarter of the farms lost power.")] == [
        "Half",
        "a quarter",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Gate: 12",  # a label that names nothing counted leaves the figure bare
        "The score stood at 3,050 by the end.",
        "In the end it came to 1,240.",
    ],
)
def test_a_bare_figure_without_a_counted_label_stays_a_number(sentence):
    assert all(f.measure == "number" for f in quantities(sentence) if not f.unit)
    assert not any(f.measure.startswith("count of") for f in quantities(sentence))


@pytest.mark.parametrize(
    ("text", "modifiers"),
    [
        ("how many permanent jobs will the depot create", {"permanent"}),
        ("Do the outlets agree on the number of seasonal staff?", {"seasonal"}),
        ("how many jobs, according to each paper", set()),
        ("how many passengers a day", set()),
    ],
)
def test_the_modifier_a_topic_puts_on_a_count(text, modifiers):
    assert count_modifiers(text) == modifiers


@pytest.mark.parametrize(
    ("sentence", "text", "measure", "value"),
    [
        ("Hundreds of commuters were stuck for hours.", "Hundreds of commuters", "count of commut", 200.0),
        ("The gale felled thousands of dead elms.", "thousands of dead elms", "count of elm", 2000.0),
        (
            "Tens of thousands of pilgrims crossed the bridge.",
            "Tens of thousands of pilgrims",
            "count of pilgrim",
            2e4,
        ),
        ("Dozens of families were moved.", "Dozens of families", "count of people", 24.0),
    ],
)
def test_a_count_given_by_its_order_of_magnitude(sentence, text, measure, value):
    from bot.answering.quantities import vague_counts

    [fact] = vague_counts(sentence)
    assert (fact.text, fact.measure, fact.value, fact.qualifier) == (text, measure, value, "over")


@pytest.mark.parametrize(
    "sentence",
    ["The repairs cost thousands of pounds.", "Hundreds of millions of euros were spent.", "It rained."],
)
def test_an_order_of_magnitude_of_money_is_no_count(sentence):
    from bot.answering.quantities import vague_counts

    assert vague_counts(sentence) == ()


@pytest.mark.parametrize(
    ("sentence", "text", "hours"),
    [
        ("The ferry was held in port for 30 hours.", "30 hours", 30.0),
        ("Divers searched for three days.", "three days", 72.0),
        ("The road stayed shut for two weeks.", "two weeks", 336.0),
    ],
)
def test_a_count_of_units_of_time_is_a_duration_in_hours(sentence, text, hours):
    from bot.answering.quantities import as_duration

    [fact] = [as_duration(f) for f in quantities(sentence) if f.text == text]
    assert (fact.measure, fact.unit, fact.value) == ("duration", "h", hours)


def test_a_rate_and_other_counts_are_no_duration():
    from bot.answering.quantities import as_duration

    assert [as_duration(f).measure for f in quantities("The pool opens 9 hours a day for 40 swimmers.")] == [
        "count of hour per day",
        "count of swimmer",
    ]


@pytest.mark.parametrize(
    ("sentence", "hours"),
    [
        ("The bridge was closed for a day and a half.", [36.0]),
        ("Power went off for half an hour.", [0.5]),
        ("The market shut for a week.", [168.0]),
        ("Trains stopped for two hours and a half.", [2.5]),
        ("It took a day to clear the road.", []),  # no 'for': not read as a duration
    ],
)
def test_a_duration_spelled_in_words(sentence, hours):
    from bot.answering.quantities import spelled_durations

    assert [f.value for f in spelled_durations(sentence)] == hours


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Volunteers planted two dozen oaks.", 24.0),
        ("The bakery sold five dozen loaves.", 60.0),
        ("Some two thousand lanterns were lit.", 2000.0),
        ("A dozen kayaks capsized.", 12.0),
        ("Twenty-four oaks were planted.", 24.0),
    ],
)
def test_a_dozen_or_thousand_multiplies_the_number_word_before_it(sentence, value):
    [fact] = quantities(sentence)
    assert fact.value == value


def test_a_currency_named_in_words_is_money_whatever_the_currency():
    for text, code in (
        ("a fee of 300 florins", "FLORIN"),
        ("2,500 kronor a month", "SEK"),
        ("40 shillings", "SHILLING"),
    ):
        (fact,) = [f for f in quantities(text) if f.measure.startswith("amount in")]
        assert fact.unit == code, text


@pytest.mark.parametrize(
    ("sentence", "text", "metres"),
    [
        ("Hail up to three centimetres across cracked skylights.", "up to three centimetres", 0.03),
        ("The crack in the dam wall was 40 millimetres wide.", "40 millimetres", 0.04),
        ("Snow lay two inches deep on the runway.", "two inches", 0.0508),
        ("The pipe is 12 centimeters in diameter.", "12 centimeters", 0.12),
    ],
)
def test_centimetres_millimetres_and_inches_are_lengths(sentence, text, metres):
    [fact] = [f for f in quantities(sentence) if f.text == text]
    assert fact.measure == "length" and fact.value == pytest.approx(metres)


def test_who_said_it_between_the_subject_and_the_figure_does_not_end_the_clause():
    from bot.answering.quantities import context

    for sentence in (
        'The clean-up bill, Okafor told reporters, would be "well under $80,000".',
        "The clean-up bill, she said, would be about $80,000.",
    ):
        at = sentence.index("$") - 6
        assert "bill" in context(sentence, at, len(sentence) - 2), sentence


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        (
            "Rebuilding the pier is expected to cost roughly half a million euros.",
            "half a million euros",
            5e5,
            "EUR",
        ),
        (
            "The charity raised a quarter of a million pounds for the ward.",
            "a quarter of a million pounds",
            2.5e5,
            "GBP",
        ),
        (
            "Three-quarters of a billion dollars was wiped off its value.",
            "Three-quarters of a billion dollars",
            7.5e8,
            "USD",
        ),
    ],
)
def test_a_part_of_a_scale_word_is_an_amount_not_a_share(sentence, text, value, unit):
    [fact] = quantities(sentence)  # not also a share: 'half' alone would be 50%
    assert (fact.value, fact.unit) == (pytest.approx(value), unit)
    assert fact.text.endswith(text)


def test_half_of_something_is_still_a_share():
    [share] = quantities("Half of the lorries were turned back at the border.")
    assert (share.measure, share.value) == ("share", 50.0)


@pytest.mark.parametrize(
    ("sentence", "counted", "unit"),
    [
        ("The yard sent three snow-clearing tractors to the pass.", "count of tractor", "tractors"),
        ("Inspectors condemned 14 flood-damaged bungalows on the estate.", "count of bungalow", "bungalows"),
        ("The depot keeps 22 blue-and-gold ferries in service.", "count of ferri", "ferries"),
        ("The operator leased 9 low-floor coaches.", "count of coach", "coaches"),
    ],
)
def test_a_count_before_a_compound_adjective_counts_the_noun_after_it(sentence, counted, unit):
    [fact] = quantities(sentence)
    assert (fact.measure, fact.unit) == (counted, unit)
    assert fact.text.endswith(unit)


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("About 40 ewes grazed the bank.", "count of ewe"),  # a plural first word is what is counted
        ("Winds of 60 mph gusts were forecast.", "count of mph"),  # a unit of measure is not a kind
        # a participle is no noun naming a kind: the rule for kinds leaves it as it was read
        ("The two remaining barges sailed at dawn.", "count of remain"),
    ],
)
def test_a_plural_or_a_unit_after_a_number_is_what_it_counts(sentence, measure):
    assert [f.measure for f in quantities(sentence)] == [measure]


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("The harbour board is talking about £2.6 million for the repairs.", "£2.6 million", ""),
        ("Parking at the station goes up to £9 a day in June.", "£9", ""),
        ("The new hall can seat up to 900 people.", "up to 900 people", "up to"),
        ("The repairs will cost about £2.6 million.", "about £2.6 million", "about"),
    ],
)
def test_a_qualifiers_words_after_a_verb_they_complete_bound_nothing(sentence, text, qualifier):
    [fact] = quantities(sentence)
    assert (fact.text, fact.qualifier) == (text, qualifier)


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Members pay an annual fee of £120 to use the courts.", "amount in GBP per year"),
        ("The line carries a daily average of 7,500 riders.", "count of rider per day"),
        ("The club paid a fee of £120 to use the courts.", "amount in GBP"),
    ],
)
def test_a_rate_named_before_its_figure_makes_it_a_rate(sentence, measure):
    assert [f.measure for f in quantities(sentence)] == [measure]


@pytest.mark.parametrize(
    ("topic", "noun"),
    [
        ("how many new signal boxes will the line need", "boxes"),
        ("the number of lifeboat call-outs last winter", "call-outs"),
        ("how many nights guests stayed", "nights"),
        ("how many people were rescued", "people"),
        ("when the bridge opened", None),
    ],
)
def test_the_noun_a_topic_counts_is_its_first_plural_noun(topic, noun):
    from bot.answering.quantities import counted_noun

    assert counted_noun(topic) == noun


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("A 34-year-old cyclist was taken to hospital.", "34-year-old", 34.0),
        ("The driver, a woman aged 61, was unhurt.", "aged 61", 61.0),
        ("Her grandson is seven years old.", "seven years old", 7.0),
    ],
)
def test_an_age_is_an_age_however_written(sentence, text, value):
    [age] = quantities(sentence)
    assert (age.text, age.value, age.measure, age.unit) == (text, value, "age", "years")


def test_ages_in_a_range():
    [age] = quantities("The camp takes children aged 8 to 12.")
    assert (age.value, age.high, age.measure) == (8.0, 12.0, "age")


def test_a_time_counted_back_is_not_a_count_of_years():
    [back] = quantities("The wreck sank nearly three centuries ago off the point.")
    assert back.measure == "time ago"
    [held] = quantities("She kept the light for thirty years.")
    assert held.measure == "count of year"


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        ("The KESTREL-4 study recruited 930 volunteers.", ["930 volunteers"]),
        ("Sars-2 wards held 60 beds.", ["60 beds"]),
        ("A stage 3 review covered 18 farms.", ["18 farms"]),
        ("Tier 2 rules shut 45 pubs.", ["45 pubs"]),
        ("By week 12, 220 people had signed up.", ["220 people"]),
        ("Patients with grade 1-2 damage made up 41% of the cohort.", ["41%"]),
        ("It took 12 weeks and cost £3m.", ["12 weeks", "£3m"]),  # counts stay counts
        ("A 2-3 day stay is usual.", ["2-3 day"]),
    ],
)
def test_a_number_that_names_one_of_a_series_is_no_amount(sentence, amounts):
    assert [f.text for f in quantities(sentence)] == amounts


def test_a_span_a_change_was_counted_over_is_no_rate():
    from bot.answering.stated import measured

    [share] = [
        f for f in measured("The feed lifted milk yields by 9% over a year.", "quantity") if f.text == "9%"
    ]
    assert share.measure == "share"
    [rate] = [f for f in measured("The farm sells £41,000 of milk a year.", "quantity")]
    assert rate.measure.endswith("per year")


@pytest.mark.parametrize(
    ("sentence", "bare", "measure"),
    [
        ("They polled 8,412 votes to the Greens' 7,905.", "7,905", "count of vote"),
        ("Attendance reached 1,240 visitors, up from 980.", "980", "count of visitor"),
        ("Leave won 6,120 ballots against 5,904 for Remain, a majority of 216.", "216", "count of ballot"),
        # not set against the count: a part of it, counted as nothing in particular
        ("The club sold 2,904 tickets and 350 of them were returned.", "350", "number"),
    ],
)
def test_a_bare_number_set_against_a_count_counts_the_same_thing(sentence, bare, measure):
    assert {f.text: f.measure for f in quantities(sentence)}[bare] == measure


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The official attendance was 61,204, a record for the ground.", "61,204"),
        ("The derby was watched by 38,900 at Ferris Park.", "38,900"),
        ("She sang in front of an estimated 12,000 on the beach.", "12,000"),
        ("The channel reported a peak audience of 3.4 million.", "3.4 million"),
        ("Attendance: 17,050 (capacity 18,000).", "17,050"),
    ],
)
def test_a_bare_figure_counting_a_crowd_or_an_audience_counts_people(sentence, figure):
    found = {f.text: f.measure for f in quantities(sentence)}
    assert found[next(t for t in found if t.endswith(figure))] == "count of people"


@pytest.mark.parametrize(
    "sentence",
    [
        "Ratings peaked at 4.2 million during the second half.",
        "About 3,100 inside the hall heard the speech.",
        "Some 950 across the region lost power.",
    ],
)
def test_a_preposition_after_a_figure_is_not_what_it_counts(sentence):
    assert not any(
        f.measure in ("count of during", "count of insid", "count of across") for f in quantities(sentence)
    )


@pytest.mark.parametrize(
    ("sentence", "text", "measure"),
    [
        ("The equaliser came in the 88th minute.", "88th minute", "ordinal of minut"),
        ("It was the club's 12th-season in the league.", "12th-season", "ordinal of season"),
    ],
)
def test_an_ordinal_ranks_the_noun_after_it_and_counts_nothing(sentence, text, measure):
    found = quantities(sentence)
    assert [(f.text, f.measure) for f in found] == [(text, measure)]


@pytest.mark.parametrize("sentence", ["She finished 3rd, behind Kerr.", "The hearing is on the 21st March."])
def test_an_ordinal_without_a_noun_or_before_a_month_is_no_quantity(sentence):
    assert not any(f.measure.startswith(("count of", "ordinal of")) for f in quantities(sentence))


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("Owen Pryce, 63, a retired fisherman, saw the wave.", "63"),
        ("The captain, Ruth Abara, 41, said the crew were safe.", "41"),
        # not an age: a month, a figure with thousands
        ("Sales fell in March, 12, analysts said.", None),
        ("Rita Lowe, 1,204 votes, came third.", None),
    ],
)
def test_a_number_set_after_a_name_between_commas_is_its_age(sentence, age):
    ages = [f.text for f in quantities(sentence) if f.measure == "age"]
    assert ages == ([age] if age else [])


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("Maria Ostrova - £88,310", {"maria", "ostrova"}),
        ("Harbour Party (list B) - 14 seats", {"harbour", "parti"}),
    ],
)
def test_a_table_rows_label_is_its_figures_clause(row, words):
    from bot.answering.stated import measured

    [fact] = measured(row, "quantity")
    assert words <= set(fact.context)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The cheese was sold in 940 stores.", "It was on sale in about 950 shops."),
        ("The firm runs 42 new trucks.", "The firm will run 42 new vehicles."),
        ("Some 310 residents left.", "About 300 people left."),
    ],
)
def test_counts_of_the_same_things_in_other_words_are_one_measure(a, b):
    [fa], [fb] = quantities(a), quantities(b)
    assert fa.measure == fb.measure
