"""The kinds of fault issue 13 names, each in wording of its own: constraints that must hold in
the quoted sentence, composition that never misattributes, and answers that read whole."""

from __future__ import annotations

import pytest

from tests.support.corpora import REPO_ROOT, open_service, write_corpus

FIGURES = {
    "north.txt": "Water Board Funds Pump\n\nThe water board set aside 3 million euros for the new pumping station on "
    "Friday.\n",
    "south.txt": "Pumping Station Money Agreed\n\nThe water board set aside 7 million euros for the new pumping "
    "station on Friday.\n",
}
PEOPLE = {
    "visit.txt": "Regional Leaders Meet\n\nThe mayor of Oakvale, Priya Nair, met the governor of Westmarch on "
    "Tuesday to discuss the flood defences. The county's chief engineer, Mirela Dobos, said the bridge "
    "would reopen after the repairs. Marta Quell was born in the U.K. in 1968 and moved to Oslo in 1990.\n",
}
TIMES = {
    "rules.txt": "Town Changes Parking Rules\n\nThe new parking rules start on Thursday, the council said. "
    "The central library will reopen in September after the roof repairs. The storm caused an estimated "
    "&euro;4.2&nbsp;million in damage to the pier.\n",
}
MEASURES = {
    "park.txt": "Solar Park Plans\n\nThe solar park at Dunmere will sit on 40 hectares about 12 km north of "
    "the town. The town council approved the park's 90 million euro budget on Tuesday.\n",
}
LIST = {
    "plan.txt": "Council Adopts Transport Plan\n\nThe council adopted its transport plan on Monday.\n\n"
    "The new plan covers three priorities:\n\n- cheaper bus fares for students\n- safer cycle lanes "
    "on the ring road\n- longer opening hours at the park-and-ride\n\nCouncillors will review it in a year.\n",
}
HISTORY = {
    "line.txt": "The Vellmoor Line\n\nThe Vellmoor Line is a narrow-gauge railway in the hills above Kessfeld. "
    "It was completed in 1931 after six years of work.\n\nThe line carried about 90,000 passengers in 1954.\n",
}


def assert_answers(service, question: str, expected: str) -> None:
    """The question is answered, and its first statement holds `expected`."""
    answer = service.ask(question)
    assert not answer.abstained, answer.answer
    assert expected in answer.statements[0].quote, answer.answer


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    return {
        name: open_service(write_corpus(tmp_path_factory.mktemp(name), files))
        for name, files in {
            "figures": FIGURES,
            "people": PEOPLE,
            "times": TIMES,
            "measures": MEASURES,
            "list": LIST,
            "history": HISTORY,
        }.items()
    }


def test_different_figures_are_never_merged_into_one_statement(corpora):
    answer = corpora["figures"].ask("How much did the water board set aside for the pumping station?")
    assert not answer.abstained
    by_n = {c.n: c for c in answer.citations}
    assert len(answer.statements) == 2
    for statement in answer.statements:
        (figure,) = [f for f in ("3 million", "7 million") if f in statement.quote]
        assert all(
            figure in by_n[n].quote for n in statement.citations
        )  # each source cited for its own figure
    assert {c.source_id for c in answer.citations if "3 million" in c.quote} == {"north"}
    d = answer.disagreement  # the field that carries the disagreement, not the text
    assert d is not None and {v.status for v in d.values} == {"conflict"}
    assert sorted(sid for v in d.values for sid in v.source_ids) == ["north", "south"]


def test_compatible_figures_are_not_a_disagreement(tmp_path):
    service = open_service(
        write_corpus(
            tmp_path,
            {
                "a.txt": "Club Counts Members\n\nThe rowing club now has more than 300 members, its chair said.\n",
                "b.txt": "Rowing Club Grows\n\nThe rowing club now has 312 members, its chair said.\n",
            },
        )
    )
    answer = service.ask("How many members does the rowing club have?")
    assert not answer.abstained
    assert answer.disagreement is None  # 'more than 300' holds 312


EVENTS = {
    "pact.txt": "Fishing Pact Signed\n\nIn March 2024, Norland and Vesteria signed a memorandum of understanding "
    "on shared fishing grounds.\n",
    "earlier.txt": "Harbour Deals\n\nThe harbour grew quickly last year. Norland signed a memorandum of "
    "understanding with the Ostby Shipping Group in November 2023 on port logistics.\n",
}


@pytest.mark.parametrize(
    ("third", "differ"),
    [
        (None, False),  # two memoranda of different parties: two events, not a disagreement
        ("Norland and Vesteria signed their memorandum of understanding on fishing in May 2024.", True),
    ],
)
def test_dates_differ_only_for_the_same_event(tmp_path, third, differ):
    files = dict(EVENTS)
    if third:
        files["later.txt"] = f"Fishing Accord\n\n{third}\n"
    answer = open_service(write_corpus(tmp_path, files)).ask(
        "When was the memorandum of understanding signed?"
    )
    assert not answer.abstained
    assert any(d in answer.statements[0].quote for d in ("March 2024", "May 2024"))
    if differ:  # the same parties with another date: that is a disagreement
        assert answer.disagreement is not None
        assert {v.value for v in answer.disagreement.values} >= {"March 2024", "May 2024"}
    else:
        assert answer.disagreement is None


def test_a_role_of_another_place_does_not_answer(corpora):
    answer = corpora["people"].ask("Who is the mayor of Westmarch?")
    assert answer.abstained
    assert not any("Priya Nair" in s.quote for s in answer.statements)


def test_a_role_with_its_holder_answers(corpora):
    answer = corpora["people"].ask("Who is the chief engineer?")
    assert not answer.abstained
    assert "Mirela Dobos" in answer.statements[0].quote


ROLES = {
    "ferry.txt": "Ferry Link Restored\n\nThe night ferry to Hollin, run by Tomas Brekke, sailed again on Monday. "
    "Tomas Brekke said the crossing had been fully booked. Harbour operations director Tomas Brekke "
    "thanked the crews for their patience.\n",
    "mill.txt": "Mill Reopens\n\nThe old mill reopened with help from Ines Varga. Visitors met Ines Varga, "
    "a retired stonemason who restored the grindstones, at the gate.\n",
}


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("What is Tomas Brekke's job?", "operations director"),
        ("what position does tomas brekke hold", "operations director"),
        ("What was Ines Varga's occupation?", "retired stonemason"),
    ],
)
def test_the_role_of_a_named_person_is_the_title_beside_the_name(tmp_path, question, title):
    answer = open_service(write_corpus(tmp_path, ROLES)).ask(question)
    assert not answer.abstained
    assert title in answer.statements[0].quote


@pytest.mark.parametrize(
    "sentence",
    [
        "Regional health commissioner Lena Ostrova said the clinics would stay open all winter.",
        "The regional health commissioner, Lena Ostrova, said the clinics would stay open all winter.",
    ],
)
def test_a_lower_case_role_before_its_holder_answers_who(tmp_path, sentence):
    files = {"clinics.txt": f"Clinics Stay Open\n\n{sentence} Patients welcomed the news.\n"}
    answer = open_service(write_corpus(tmp_path, files)).ask("Who is the regional health commissioner?")
    assert not answer.abstained
    assert "Lena Ostrova" in answer.statements[0].quote


def test_the_place_after_a_role_is_not_its_holder(tmp_path):
    files = {
        "talks.txt": "Border Talks\n\nThe governor of Kessmoor, Arvid Lund, hosted the commissioner of Danholt "
        "at the border post on Friday.\n"
    }
    answer = open_service(write_corpus(tmp_path, files)).ask("Who is the governor of Danholt?")
    assert answer.abstained or answer.statements == []


def test_a_lower_case_name_is_a_name(corpora):
    answer = corpora["people"].ask("who is mirela dobos")
    assert not answer.abstained
    assert "Mirela Dobos" in answer.statements[0].quote


def test_a_dotted_country_is_a_place(corpora):
    answer = corpora["people"].ask("Where was Marta Quell born?")
    assert not answer.abstained
    assert "U.K." in answer.statements[0].quote


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When do the new parking rules start?", "Thursday"),
        ("When will the central library reopen?", "September"),
    ],
)
def test_weekdays_and_months_answer_when(corpora, question, expected):
    answer = corpora["times"].ask(question)
    assert not answer.abstained
    assert expected in answer.statements[0].quote


def test_an_amount_written_with_entities_is_an_amount(corpora):
    answer = corpora["times"].ask("How much damage did the storm do to the pier?")
    assert not answer.abstained
    assert "4.2" in answer.statements[0].quote


def test_a_sentence_ending_in_a_colon_is_quoted_with_its_list(corpora):
    answer = corpora["list"].ask("What priorities does the new plan cover?")
    assert not answer.abstained
    quote = answer.statements[0].quote
    assert quote.startswith("The new plan covers three priorities:")
    assert "cheaper bus fares" in quote and "park-and-ride" in quote
    service = corpora["list"]
    text = service.index.documents["plan"].text
    cit = answer.citations[0]
    assert text[cit.start : cit.end] == cit.quote  # still verbatim


def test_a_pronoun_led_answer_shows_the_sentence_naming_its_subject(corpora):
    answer = corpora["history"].ask("When was the Vellmoor Line completed?")
    assert not answer.abstained
    quote = answer.statements[0].quote
    assert "1931" in quote and "The Vellmoor Line is a narrow-gauge railway" in quote


def test_a_question_about_another_year_is_not_answered_with_this_one(corpora):
    answer = corpora["history"].ask("How many passengers did the Vellmoor Line carry in 1955?")
    assert answer.abstained


@pytest.mark.parametrize(
    "question",
    ["What is the solar park's output in megawatts?", "How many seats does the Dunmere town council have?"],
)
def test_a_figure_of_another_measure_does_not_answer(corpora, question):
    """12 km is not megawatts; a 90 million euro budget is not a number of seats."""
    answer = corpora["measures"].ask(question)
    assert answer.abstained


def test_a_figure_of_the_asked_measure_answers(corpora):
    answer = corpora["measures"].ask("How many hectares will the solar park at Dunmere cover?")
    assert not answer.abstained
    assert "40 hectares" in answer.statements[0].quote


FERRY = {
    "ferry.txt": "Island Ferry Timetable\n\nThe Keldby ferry links Ormsund with Keldby island every hour from May "
    "to September. It carries 400 passengers and 60 cars on each crossing. The crossing to Ormsund takes 25 "
    "minutes in calm weather.\n\nTickets are sold on board.\n",
    "bus.txt": "Bus Routes Change\n\nThe number 12 bus will stop at the ferry terminal from June. Drivers will "
    "wait for the evening ferry.\n",
}


def test_two_statements_may_come_from_one_passage_without_repeating_words(tmp_path):
    service = open_service(write_corpus(tmp_path, FERRY))
    answer = service.ask(
        "How long does the crossing to Ormsund take, and how many cars does the Keldby ferry carry?"
    )
    assert not answer.abstained
    shown = " ".join(s.quote for s in answer.statements)
    assert "25 minutes" in shown and "60 cars" in shown  # both halves, from the same paragraph
    # The pronoun-led sentence is quoted with the one naming the ferry, once.
    for sentence in ("The Keldby ferry links Ormsund", "It carries 400 passengers"):
        assert shown.count(sentence) == 1
    for c in answer.citations:
        assert c.quote in service.index.documents[c.source_id].text


CHANGES = {
    "bank.txt": "Lender Issues Warning\n\nShares in Tarnmoor Bank fell 12% on Friday after the lender warned that "
    "profits would halve. The bank employs 4,100 people across the region.\n",
    "licence.txt": "Ferry Licence Renewed\n\nThe port authority renewed the licence of Skerry Ferries on Monday. "
    "The operator may keep serving the islands until 2033 under the new terms. The Skerry bridge, 2.4 km long, "
    "will stay closed to lorries.\n",
}


@pytest.fixture(scope="module")
def changes(tmp_path_factory):
    return open_service(write_corpus(tmp_path_factory.mktemp("changes"), CHANGES))


def test_a_change_in_a_money_figure_is_answered_by_a_share(changes):
    assert_answers(
        changes, "How much did the Tarnmoor Bank share price fall after the profit warning?", "12%"
    )


def test_how_long_something_may_go_on_is_answered_by_when_it_ends(changes):
    assert_answers(changes, "How long can Skerry Ferries keep serving the islands?", "until 2033")


def test_how_long_a_thing_is_is_not_answered_by_an_end_date(changes):
    assert_answers(changes, "How long is the Skerry bridge?", "2.4 km")


MUSEUM = {
    "museum.txt": "Harlow Museum Reopens\n\nThe Harlow museum will reopen on 4 May after two years of work. Its new "
    "east wing holds the town's collection of clocks.\n\nThe renovation cost 3.2 million pounds, most of it from "
    "a national heritage grant.\n",
    "park.txt": "Park Plans\n\nThe council will plant 400 trees in Harlow park this winter.\n",
}


def test_a_question_asking_two_things_is_answered_part_by_part(tmp_path):
    service = open_service(write_corpus(tmp_path, MUSEUM))
    answer = service.ask("When will the Harlow museum reopen, and how much did the renovation cost?")
    assert not answer.abstained
    shown = " ".join(s.quote for s in answer.statements)
    assert "4 May" in shown and "3.2 million pounds" in shown
    cited = {n for s in answer.statements for n in s.citations}
    assert cited == {c.n for c in answer.citations}  # numbered on, every citation used
    assert "[1]" in answer.answer and "[2]" in answer.answer


def test_a_second_part_that_refers_back_is_not_quoted_twice(tmp_path):
    service = open_service(write_corpus(tmp_path, MUSEUM))
    answer = service.ask("When will the Harlow museum reopen and what does its new wing hold?")
    assert not answer.abstained
    shown = " ".join(s.quote for s in answer.statements)
    assert shown.count("will reopen on 4 May") == 1 and "collection of clocks" in shown


def test_one_question_with_and_inside_is_one_question(tmp_path):
    from bot.answering.question import question_parts

    assert question_parts("What did Harlow and Ormsund agree on?") == [
        "What did Harlow and Ormsund agree on?"
    ]
    assert question_parts("Who won and who lost?") == ["Who won and who lost?"]  # parts too short
    assert question_parts("Where was the ferry built, and how much did it cost?")[1].startswith(
        "how much did it cost"
    )


ORCHARD = {
    "orchard.txt": "Orchard Season\n\nGrowers on the Tamsel plain pick pears when the frost lifts, the growers' "
    "union said. The harvest festival is held at 6 p.m. on Saturdays in the market hall.\n\n"
    "Empress Maria II of Dunwald planted the first pear trees on the plain.\n",
    "market.txt": "Market Hall Repairs\n\nThe market hall roof will be repaired next spring.\n",
}


@pytest.fixture(scope="module")
def orchard(tmp_path_factory):
    return open_service(write_corpus(tmp_path_factory.mktemp("orchard"), ORCHARD))


def test_a_when_clause_inside_a_what_question_is_not_a_date_question(orchard):
    assert_answers(orchard, "What do growers on the Tamsel plain pick when the frost lifts?", "pick pears")


def test_a_clock_time_and_a_plural_weekday_answer_when(orchard):
    assert_answers(orchard, "When is the harvest festival held?", "6 p.m. on Saturdays")


def test_a_ruler_with_a_numeral_and_a_realm_is_a_person(orchard):
    assert_answers(orchard, "Who planted the first pear trees on the plain?", "Empress Maria II of Dunwald")


def test_a_size_of_another_dimension_does_not_answer(tmp_path):
    files = {
        "weir.txt": "Brennmoor Weir\n\nThe Brennmoor weir is a low concrete weir only 9 m high. It was finished in "
        "1962.\n",
        "lock.txt": "Brennmoor Lock\n\nThe lock beside the weir is 120 m long and 12 m wide.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert service.ask("How long is the Brennmoor weir?").abstained  # 9 m high is a height
    answer = service.ask("How high is the Brennmoor weir?")
    assert not answer.abstained and "9 m high" in answer.statements[0].quote
    answer = service.ask("How wide is the Brennmoor lock?")
    assert not answer.abstained and "12 m wide" in answer.statements[0].quote


FARM = {
    "farm.txt": "Wind Farm Approved\n\nThe Tollen wind farm will cover 85 hectares of moorland 6 km west of the "
    "village. Its 14 turbines will produce 42 megawatts at full output.\n",
    "village.txt": "Village Meeting\n\nAbout 200 residents attended the meeting in the village hall.\n",
}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many turbines will the Tollen wind farm have?", "14 turbines"),
        ("How many hectares will the wind farm cover?", "85 hectares"),
        ("How many megawats will the Tollen turbines produce?", "42 megawatts"),  # a misspelt unit
    ],
)
def test_how_many_is_answered_by_a_count_or_the_unit_it_names(tmp_path_factory, question, expected):
    service = open_service(write_corpus(tmp_path_factory.mktemp("farm"), FARM))
    assert_answers(service, question, expected)


def test_an_area_or_a_distance_is_not_a_count(tmp_path):
    files = {
        "farm.txt": FARM["farm.txt"].replace(" Its 14 turbines will produce 42 megawatts at full output.", "")
    }
    service = open_service(write_corpus(tmp_path, {**files, "village.txt": FARM["village.txt"]}))
    assert service.ask("How many turbines will the Tollen wind farm have?").abstained


def test_a_figure_of_another_thing_is_not_a_disagreement(tmp_path):
    files = {
        "a.txt": "Pool Repairs Costly\n\nRepairs to the Oldfield pool will cost $400,000, the council said.\n",
        "b.txt": "Pool Bill Rises\n\nRepairing the Oldfield pool could cost $650,000, the engineer said.\n",
        "c.txt": "Swimmers Raise Funds\n\nOldfield swimmers have raised $12,000 towards the pool work. Their goal "
        "is $50,000.\n",
    }
    answer = open_service(write_corpus(tmp_path, files)).ask(
        "How much will it cost to repair the Oldfield pool?"
    )
    d = answer.disagreement
    assert d is not None  # the two repair costs differ ...
    assert sorted(v.value for v in d.values) == ["$400,000", "$650,000"]  # ... the sums raised are not costs


PARTNERS = {
    "accord.txt": "Ports Sign Shipping Accord\n\nValdora and Kesmar signed a shipping accord on Tuesday. Under "
    "the accord, Kesmar will dredge 14 kilometres of its main channel, and both ports will share pilots. "
    "Officials in Valdora said the accord would bring new trade.\n",
}


def test_a_figure_of_the_named_partner_does_not_answer_for_the_other(tmp_path):
    service = open_service(write_corpus(tmp_path, PARTNERS))
    answer = service.ask("How many kilometres of channel will Valdora dredge?")
    assert answer.abstained  # the 14 km are Kesmar's; the text pairs Valdora with Kesmar
    assert_answers(service, "How many kilometres of channel will Kesmar dredge?", "14 kilometres")


CONTRASTS = {
    "lines.txt": "Bus Routes Change\n\nThe eastern bus route will carry about 4,000 riders a day after the "
    "change. The second phase of the works starts in 2027. A weekly pass will cost 18 euros.\n",
}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many riders a day will the western bus route carry?", None),
        ("How many riders a day will the eastern bus route carry?", "4,000 riders"),
        ("When does the third phase of the works start?", None),
        ("When does the second phase of the works start?", "2027"),
        ("How much will a monthly pass cost?", None),
        ("How much will a weekly pass cost?", "18 euros"),
    ],
)
def test_a_sentence_about_another_direction_ordinal_or_period_does_not_answer(
    tmp_path_factory, question, expected
):
    service = open_service(write_corpus(tmp_path_factory.mktemp("contrasts"), CONTRASTS))
    if expected is None:
        answer = service.ask(question)
        assert answer.abstained, answer.answer
    else:
        assert_answers(service, question, expected)


DURATIONS = {
    "ferry.txt": "New Ferry Route\n\nThe new ferry will sail 38 km from Harlow Point to the island. The "
    "crossing will take 55 minutes. The operator holds a 12-year licence for the route.\n",
}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How long will the crossing to the island take?", "55 minutes"),
        ("How long is the licence for the ferry route meant to run?", "12-year"),
        ("How long is the ferry route to the island?", "38 km"),
    ],
)
def test_how_long_asks_a_duration_or_a_length_by_its_wording(tmp_path_factory, question, expected):
    service = open_service(write_corpus(tmp_path_factory.mktemp("ferry"), DURATIONS))
    assert_answers(service, question, expected)


def test_a_length_does_not_answer_how_long_something_takes(tmp_path):
    files = {
        "ferry.txt": "New Ferry Route\n\nThe crossing to the island will be 38 km, from Harlow Point. Tickets go "
        "on sale in May.\n"
    }
    service = open_service(write_corpus(tmp_path, files))
    answer = service.ask("How long will the crossing to the island take?")
    assert answer.abstained, answer.answer  # 38 km is a length, not how long it takes
    assert_answers(service, "How long is the crossing to the island?", "38 km")  # a length is asked here


def test_what_did_it_cost_asks_for_money(tmp_path):
    files = {
        "crane.txt": "Harbour Crane Arrives\n\nThe harbour's new crane arrived by barge on Monday. It can lift "
        "60 tonnes.\n"
    }
    answer = open_service(write_corpus(tmp_path, files)).ask("What did the harbour's new crane cost?")
    assert answer.abstained, answer.answer  # 60 tonnes is not a price


def test_a_word_of_the_question_in_another_sense_does_not_answer(tmp_path):
    files = {
        "exchange.txt": "Exchange Plans Growth\n\nThe Norland exchange wants to deepen the country's capital "
        "markets, its chair said. Listings rose by a fifth last year.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    answer = service.ask("What is the capital of Norland?")
    assert answer.abstained  # capital markets: another sense of the word ...
    assert not any("capital markets" in c.quote for c in answer.closest)  # ... not even shown as close
    typed = service.ask("what is the capital of norland")  # the same typed in lower case
    assert typed.abstained and not any("capital markets" in c.quote for c in typed.closest)
    files["city.txt"] = "City Hosts Summit\n\nVesby, the capital of Norland, hosted the summit on Friday.\n"
    assert_answers(
        open_service(write_corpus(tmp_path / "more", files)), "What is the capital of Norland?", "Vesby"
    )


def test_a_quote_led_by_two_pronouns_reaches_back_to_the_name(tmp_path):
    files = {
        "choir.txt": "The Marsden Choir\n\nThe choir was refounded in 1979 by the organist Edith Wenlock-Pryce. "
        "She also started the choir school at Marsden in 1984 and ran it until 2001. Her successor, the tenor "
        "Pavel Ruzicka, has led the school since then.\n",
    }
    answer = open_service(write_corpus(tmp_path, files)).ask("who set up the choir school in marsden")
    assert not answer.abstained
    assert any("Edith Wenlock-Pryce" in s.quote for s in answer.statements), answer.answer


def test_a_weight_answers_how_heavy_and_a_fare_is_money(tmp_path):
    files = {
        "trams.txt": "New Trams Delivered\n\nEach of the new trams is 32 metres long and weighs 41 tonnes. "
        "Riders under 18 will pay a fare of 1.20 euros, the operator said. The depot has 9 tracks.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "How heavy are the new trams?", "41 tonnes")
    assert_answers(service, "What fare will riders under 18 pay?", "1.20 euros")
    files["trams.txt"] = files["trams.txt"].replace(" and weighs 41 tonnes", "")
    answer = open_service(write_corpus(tmp_path / "light", files)).ask("How heavy are the new trams?")
    assert answer.abstained, answer.answer  # 32 metres and 9 tracks are not weights


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many households will the new reservoir move?", "nearly a thousand households"),
        ("How many orchards will shut?", "some two dozen orchards"),
    ],
)
def test_a_count_written_in_words_answers_how_many(tmp_path_factory, question, expected):
    files = {
        "dam.txt": "Valley Households Moved\n\nThe new reservoir will move nearly a thousand households out of the "
        "valley, the ministry said. Locals expect some two dozen orchards to shut.\n",
    }
    service = open_service(write_corpus(tmp_path_factory.mktemp("dam"), files))
    assert_answers(service, question, expected)


def test_who_owns_is_answered_by_a_company_and_who_leads_by_a_person(tmp_path):
    files = {
        "mill.txt": "Mill Sold\n\nThe Carrow flour mill is owned by Dunlin Foods, which bought it in 2019. "
        "The Carrow Millers' Guild has called for Dunlin Foods, the owner, to keep the mill open.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "who owns the carrow flour mill", "is owned by Dunlin Foods")
    answer = service.ask("Who leads the Carrow Millers' Guild?")
    assert answer.abstained, answer.answer  # the guild and the company are named, no person


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many tide gauges will the council fit on the pier?", "three permanent tide gauges"),
        ("What is the speed limit on the coast road?", "30 mph"),
        ("How long will the new sea wall be once the work is done?", "260 metres"),
    ],
)
def test_counts_speeds_and_lengths_by_their_wording(tmp_path_factory, question, expected):
    files = {
        "pier.txt": "Pier Works Approved\n\nThe council will fit three permanent tide gauges on the pier. The "
        "works on the coast road will last around nine months, and a 30 mph limit will apply on the coast road "
        "while they run. The new sea wall will be 260 metres long once the work is done.\n",
    }
    service = open_service(write_corpus(tmp_path_factory.mktemp("pier"), files))
    assert_answers(service, question, expected)


def test_a_duration_does_not_count_things_nor_give_a_speed(tmp_path):
    files = {
        "pier.txt": "Pier Works Approved\n\nFitting the council's tide gauges on the pier will take around "
        "nine months. Work on the speed limit signs on the coast road will last six weeks.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    for question in (
        "How many tide gauges will the council fit on the pier?",
        "What is the speed limit on the coast road?",
    ):
        answer = service.ask(question)
        assert answer.abstained, answer.answer  # 'nine months' counts no gauges and is no speed


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who is the boss of selvik ferries?", "Ola Brandt"),
        ("Who is in charge of the harbour board?", "Lena Moe"),
    ],
)
def test_the_boss_is_whoever_holds_a_leading_role(tmp_path_factory, question, expected):
    files = {
        "ferry.txt": "Fares Frozen\n\nPer Lie has worked on Selvik Ferries boats for 20 years. Fares will not "
        "rise this year, Selvik Ferries' chief executive, Ola Brandt, said on Monday. Tor Dahl, who sits on the "
        "harbour board, said crews were relieved. The harbour board's chairman, Lena Moe, welcomed the "
        "freeze.\n",
    }
    service = open_service(write_corpus(tmp_path_factory.mktemp("boss"), files))
    answer = service.ask(question)
    assert not answer.abstained, answer.answer
    assert expected in answer.statements[0].quote


def test_a_month_in_the_question_does_not_outweigh_what_is_asked(tmp_path):
    files = {
        "fund.txt": "Residents Go To Court\n\nQuiet Meadows, the residents' group leading opposition to the quarry, "
        "has now turned its attention to the courts. Its chair, Dina Ross, said the group had now raised more "
        "than £25,000 towards its legal costs. Residents had until the end of April to decide whether to join "
        "the claim, she said.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    question = "How much had Quiet Meadows raised for legal costs by the start of April?"
    assert_answers(service, question, "£25,000")


def test_headlines_run_together_are_never_quoted_as_an_answer():
    # A page copied with its 'Related articles' teasers (a development corpus): the teaser lines
    # share the question's words, but they are no sentence an article states.
    service = open_service(REPO_ROOT / "tests" / "data" / "dev" / "webcopy" / "corpus")
    for question in ("what was the final tally in the hartwell budget vote", "is the turf field idea dead?"):
        answer = service.ask(question)
        assert not any("\n" in s.quote.strip() for s in answer.statements), answer.answer


def test_which_judge_asks_for_a_person(tmp_path):
    files = {
        "court.txt": "Marina Permit Voided\n\nA county judge on Friday struck down the permit for the Bellport "
        "marina expansion. The ruling sends the plan back to the planning board.\n",
    }
    answer = open_service(write_corpus(tmp_path, files)).ask(
        "Which judge struck down the Bellport marina permit?"
    )
    assert answer.abstained, answer.answer  # no judge is named
    assert answer.answer_type == "person"


def test_a_leading_according_to_does_not_hide_what_is_asked(tmp_path):
    files = {
        "depot.txt": "Tram Depot Opens\n\nThe depot manager, Ivo Brandt, said each tram would carry 210 "
        "passengers. The depot has room for 18 trams.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    answer = service.ask("According to the depot manager, how heavy is each tram?")
    assert answer.abstained, answer.answer  # 210 passengers is not a weight
    assert answer.answer_type == "quantity"


def test_temperatures_heights_and_masses_answer_only_by_their_measure(tmp_path):
    files = {
        "glaze.txt": "The Orvel Glaze\n\nThe Orvel glaze was first mixed in 1898 by the potter Ines Calloway. "
        "It fuses at about 1,240 °C and leaves a grey sheen. The kiln that fires it stands 4 metres high "
        "beside the Tarrow weir, 212 metres above sea level. A full kiln load has a mass of 900 kg.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "at what temperature does the orvel glaze fuse?", "1,240 °C")
    assert_answers(service, "How high above sea level is the kiln?", "212 metres above sea level")
    assert_answers(service, "what's the mass of a full kiln load", "900 kg")
    cold = {
        "glaze.txt": "The Orvel Glaze\n\nThe Orvel glaze melts easily and was first mixed in 1898 by 40 potters.\n"
    }
    answer = open_service(write_corpus(tmp_path / "cool", cold)).ask(
        "At what temperature does the Orvel glaze melt?"
    )
    assert answer.abstained, answer.answer  # 1898 and 40 potters are no temperatures


def test_a_number_the_question_states_must_be_in_the_quote_or_its_context(tmp_path):
    files = {
        "probes.txt": "Sounding Rockets\n\nOn its first flight in 2014 the Kestrel rocket flew to a height of 86 km. "
        "A successor, the Kestrel 2 rocket, was approved in 2019.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "how high did the kestrel rocket fly on its first flight", "86 km")
    answer = service.ask("How high did the Kestrel 2 rocket fly on its first flight?")
    assert answer.abstained, answer.answer  # 86 km is the first Kestrel's


def test_a_sentence_about_another_named_subject_does_not_answer(tmp_path):
    files = {
        "valley.txt": "Towns of the Orle Valley\n\nThe Orle valley has two market towns, Wendby and Marsh Tilling. "
        "The population of Wendby was 6,120 at the 1991 census.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "what was wendby's population in the 1991 census", "6,120")
    answer = service.ask("What was the population of Marsh Tilling at the 1991 census?")
    assert answer.abstained, answer.answer  # 6,120 is Wendby's


def test_a_volume_does_not_answer_how_many_people(tmp_path):
    files = {
        "tannery.txt": "Tannery Leak\n\nAbout 12,000 litres of dye escaped from the Harl tannery on Friday. "
        "The tannery employs 85 people on two shifts.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "roughly how many people does the harl tannery employ", "85 people")
    files["tannery.txt"] = files["tannery.txt"].replace(" The tannery employs 85 people on two shifts.", "")
    answer = open_service(write_corpus(tmp_path / "small", files)).ask(
        "How many staff does the Harl tannery have?"
    )
    assert answer.abstained, answer.answer  # 12,000 litres is no head count


def test_a_role_opening_the_sentence_is_held_by_the_name_after_is(tmp_path):
    files = {
        "selvik.txt": "Selvik Harbour Trust\n\nThe Selvik Harbour Trust runs the fishing port on the Norland coast. The current "
        "chairman, elected in 2019, is the former trawler skipper Anna Vik. The mayor of Ravensby is "
        "Tom Hale.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "who is the chairman of the selvik harbour trust these days?", "Anna Vik")
    answer = service.ask("Who is the mayor of Lowmark?")
    assert answer.abstained, answer.answer  # Tom Hale is Ravensby's mayor


def test_a_unit_the_question_counts_or_divides_by_is_not_the_measure_asked(tmp_path):
    files = {
        "orchard.txt": "Orchard Harvest\n\nThe orchards picked 4,200 tonnes of apples this autumn. Picking "
        "platforms cost about £3,000 per hectare to hire, the growers said. The growers employ 60 pickers.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "how many tonnes of apples did the orchards pick?", "4,200 tonnes")
    assert_answers(service, "What do picking platforms cost per hectare to hire?", "£3,000 per hectare")


def test_an_amount_in_any_named_currency_answers_how_much(tmp_path):
    files = {
        "guild.txt": "The Weavers' Guild\n\nIn 1612 the weavers' guild bought its hall for 4,000 guilders. The hall "
        "has 12 rooms.\n",
    }
    service = open_service(write_corpus(tmp_path, files))
    assert_answers(service, "how much did the weavers' guild pay for its hall?", "4,000 guilders")


def test_a_sum_from_another_year_of_the_same_sentence_does_not_answer(tmp_path):
    service = open_service(
        write_corpus(
            tmp_path,
            {
                "quarry.txt": "Quarry Penalties\n\nThe quarry operator was ordered to pay 30,000 euros in 2017 for "
                "dust breaches, and was inspected again in 2020 after complaints.\n",
            },
        )
    )
    answer = service.ask("How much was the quarry operator ordered to pay in 2020?")
    assert answer.abstained or not any("30,000" in s.quote for s in answer.statements)


CHAIRS = {
    "trust.txt": "Moorland Trust Appeal\n\nThe Fenwick Moorland Trust, chaired by Agnes Colquhoun, launched an appeal "
    "on Monday. Its warden, Rhys Emlyn, said the heather had recovered. At the Fenwick Angling Club, Duncan Ferrie "
    "became its secretary and Morag Laing the new captain. The Fenwick Lifeboat Station, headed by Coxswain "
    "Ewan\u00a0Tulloch since 2019, launched twice in March.\n",
}


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Who chairs the Fenwick Moorland Trust?", "Agnes Colquhoun"),  # 'chaired by'
        ("who captains the fenwick angling club", "Morag Laing"),  # 'Morag Laing the new captain'
        ("Who heads the Fenwick Lifeboat Station?", "Ewan\u00a0Tulloch"),  # a title between, a no-break space
    ],
)
def test_who_holds_a_role_named_by_its_verb(tmp_path, question, name):
    answer = open_service(write_corpus(tmp_path, CHAIRS)).ask(question)
    assert not answer.abstained
    assert name in answer.statements[0].quote


def test_a_role_verb_is_not_answered_by_someone_with_another_role(tmp_path):
    answer = open_service(write_corpus(tmp_path, CHAIRS)).ask("Who heads the Fenwick Angling Club?")
    assert answer.abstained or not any("Duncan Ferrie" in s.quote for s in answer.statements)


@pytest.mark.parametrize(
    ("second", "differ"),
    [
        # a figure a million times off: what the ticket system cost, not a ticket
        (
            "Ferry Opening\n\nThe Harwick ferry ticket system cost £2.5 million to install, the operator said.\n",
            False,
        ),
        ("Ferry Opening\n\nAn adult ticket on the Harwick ferry will cost £3.40, the operator said.\n", True),
    ],
)
def test_figures_of_another_scale_are_no_disagreement(tmp_path, second, differ):
    first = "Ferry Fares Set\n\nAn adult ticket on the Harwick ferry will cost £3.10 when it opens.\n"
    service = open_service(write_corpus(tmp_path, {"a.txt": first, "b.txt": second}))
    answer = service.ask("What will an adult ticket on the Harwick ferry cost?")
    assert not answer.abstained and "£3.10" in answer.answer
    assert (answer.disagreement is not None) is differ


@pytest.mark.parametrize(
    ("other", "differ"),
    [
        # another event in the same story: the date of a law, not of the treaty asked about
        (
            "Border Deal\n\nOstmark and Velland ended their border dispute after Velland passed a new coastal law in 2019.\n",
            False,
        ),
        # another agreement of the kind, between other parties
        (
            "Border Deal\n\nOstmark and Velland welcomed it. It follows a coastal treaty signed in 2021 between the Velland Port Authority and Kessler Freight.\n",
            False,
        ),
        # the same treaty with another date
        ("Border Deal\n\nOstmark and Velland signed the coastal treaty in 2022.\n", True),
    ],
)
def test_dates_of_another_event_or_other_parties_are_no_disagreement(tmp_path, other, differ):
    first = (
        "Coastal Treaty\n\nOstmark and Velland signed the coastal treaty in 2023 after two years of talks.\n"
    )
    service = open_service(write_corpus(tmp_path, {"a.txt": first, "b.txt": other}))
    answer = service.ask("When did Ostmark and Velland sign the coastal treaty?")
    assert not answer.abstained and "2023" in answer.answer
    assert (answer.disagreement is not None) is differ


def test_a_partners_figure_is_no_disagreement(tmp_path):
    service = open_service(
        write_corpus(
            tmp_path,
            {
                "a.txt": "Pumping Station Deal\n\nKelso and Marrick agreed on Monday to share a new pumping "
                "station. Kelso will contribute £4 million to the pumping station.\n",
                "b.txt": "Station Costs Split\n\nMarrick will contribute £3 million to the pumping station, its "
                "council said.\n",
            },
        )
    )
    answer = service.ask("How much will Kelso contribute to the pumping station?")
    assert not answer.abstained and "£4 million" in answer.answer
    assert (
        answer.disagreement is None
    )  # Marrick's £3 million is Marrick's share, not another figure for Kelso's
