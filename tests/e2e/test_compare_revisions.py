"""Comparison kinds fixed in issue 14's fourth pass, on invented mini corpora written for the
test (none of the shipped, holdout or development articles).

The pool corpus: four local outlets on a storm that brought down a swimming-pool roof. The
council leader's repair estimate is '$640,000' in the first outlet, '$900,000' in a radio
piece that says it is 'more than her estimate a day earlier', and both in a weekly that says
she 'first put the bill at $640,000, then raised it'. Only the radio piece names the repair
cost; the others say 'estimated the damage' and 'the bill'. A petition has 'more than 2,500
signatures' in the first outlet, which names it; the weekly gives '1,900 signatures' collected
by a campaign group without the word 'petition'. A fourth outlet gives a bake sale's takings.

The terminal corpus: a development bank's loan for a ferry terminal, '€80 million' and '95
million euros'; a radio piece mentions 'loans' beside a household's monthly cost and gives the
terminal's total cost in euros.

The timetable corpus: a harbour board's vote given as 'on Tuesday' (in a Thursday's paper),
'on February 10' and 'on Wednesday, 11 February'.

The tram corpus: when a new tram line opens, '2028' in two outlets (one of them undated, whose
best-matching sentence is about the old line 'since 1994') and 'not before 2029' in a third.

The march corpus: a hospital protest whose crowd the police put at 12,000 (one outlet) and
'some 12,500, according to the police' (another), while the organisers put it at 30,000.
"""

from __future__ import annotations

import functools

import pytest

from bot.answering.models import Comparison
from tests.support.corpora import open_service, write_corpus

POOL = {
    "a_herald.txt": """Eastgate pool roof gives way after storm

THE EASTGATE HERALD
By Tom Reyes | May 4, 2026

Part of the roof of the Eastgate swimming pool fell into the main basin during Sunday's storm. Nobody was inside at the time.

Council leader Dana Whitlow estimated the damage at $640,000 and said the pool would stay shut for the summer.

A petition to keep the pool open through the summer has drawn more than 2,500 signatures.
""",
    "b_weekly.txt": """What next for the Eastgate pool?

EASTGATE WEEKLY
By Ana Cole | May 6, 2026

The storm that tore through Eastgate on Sunday brought down a section of the pool roof.

Council leader Dana Whitlow first put the bill at $640,000, then raised it to nearly $900,000 once the boilers had been checked.

The Save Eastgate Baths group has collected about 1,900 signatures, its organiser Mel Ortiz said. The pool has been the town's only public one since 1998.
""",
    "c_radio.txt": """Pool repairs to cost more

RADIO EASTGATE
By Newsroom | May 5, 2026

Dana Whitlow, the council leader, put the cost of the repairs at $900,000, more than her estimate a day earlier, after engineers inspected the boilers under the pool.
""",
    "d_notes.txt": """Eastgate community notes

EASTGATE NOTES
By Lee Park | May 5, 2026

The swim club's bake sale raised $2,300 on Saturday, before the storm.

The library will hold its spring book fair on May 20.
""",
}


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("pool"), POOL)
    return functools.cache(open_service(folder).compare)


def _by_source(c: Comparison) -> dict[str, dict[str, tuple[str, str]]]:
    """measure -> source id -> (value, status)."""
    return {g.measure: {s: (v.value, v.status) for v in g.values for s in v.source_ids} for g in c.measures}


@pytest.mark.parametrize(
    "topic",
    [
        "what is the estimated repair cost, according to each outlet?",
        "repair cost estimate",
    ],
)
def test_a_figure_another_source_reports_as_revised_is_an_earlier_one_not_a_conflict(pool, topic):
    c = pool(topic)
    assert _by_source(c) == {
        "amount in USD": {
            "a_herald": ("$640,000", "different period"),
            "b_weekly": ("nearly $900,000", "agree"),
            "c_radio": ("$900,000", "agree"),
        }
    }
    [earlier] = [v for g in c.measures for v in g.values if v.revised]
    assert earlier.source_ids == ["a_herald"]
    assert c.silent == ["d_notes"]


def test_sources_found_through_the_only_source_that_names_the_topic_are_not_silent(pool):
    """Only the radio piece names the repair cost; the words beside its figure (the council
    leader's name) find the others' estimates."""
    c = pool("repair cost estimate")
    covered = {v.source_id for v in c.sources if v.covered}
    assert covered == {"a_herald", "b_weekly", "c_radio"}


def test_a_count_found_through_the_words_of_the_one_source_naming_the_topic_is_compared(pool):
    c = pool("the petition to keep the pool open")
    assert _by_source(c) == {
        "count of signatur": {
            "a_herald": ("more than 2,500 signatures", "conflict"),
            "b_weekly": ("about 1,900 signatures", "conflict"),
        }
    }
    assert "b_weekly" not in c.silent


TERMINAL = {
    "a_port.txt": """Ferry terminal funding agreed

PORT NEWS
By Ida Moen | March 2, 2027

The Northern Development Bank will lend €80 million over 25 years, the harbour board said.

Work on the new ferry terminal at Skarv Point starts in June.
""",
    "b_ledger.txt": """Skarv Point terminal: who pays

THE COAST LEDGER
By Ole Dahl | March 3, 2027

A loan of 95 million euros from the Northern Development Bank is the largest single source of funding, according to the harbour board.

The board's chair, Eva Lind, called the deal "the cheapest money we could find".
""",
    "c_radio.txt": """New terminal explained

RADIO SKARV
By Newsroom | March 3, 2027

Most of the money comes from loans and a state grant, but households will also pay about 3 euros more per month from 2029 through their fares. The terminal will cost 210 million euros.
""",
}


@pytest.fixture(scope="module")
def terminal(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("terminal"), TERMINAL)
    return functools.cache(open_service(folder).compare)


def test_an_amount_is_not_found_through_the_words_it_is_written_in(terminal):
    """'million euros' beside the loan must not bring in the terminal's total cost: the words of
    an amount say how it is written, not what it is of."""
    c = terminal("What do the outlets say about the Northern Development Bank loan?")
    assert _by_source(c)["amount in EUR"] == {
        "a_port": ("€80 million", "conflict"),
        "b_ledger": ("95 million euros", "conflict"),
    }


MARCH = {
    "a_daily.txt": """Thousands march for Lindholm hospital

THE LINDHOLM DAILY
By Sara Vik | October 5, 2026

The police estimated the crowd at 12,000 people as the march reached the town hall on Saturday.

The hospital's maternity ward is due to close in January.
""",
    "b_wire.txt": """Lindholm hospital march draws thousands

NORTH WIRE
By Kai Berg | October 4, 2026

Organisers put the crowd at about 30,000 people, far more than the police had expected.

The health board says the ward has too few births to stay safe.
""",
    "c_radio.txt": """Hospital march: what happened

RADIO LINDHOLM
By Newsroom | October 5, 2026

Some 12,500 people joined the march, according to the police, and the crowd stretched for a kilometre.
""",
}


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("march"), MARCH)
    return functools.cache(open_service(folder).compare)


@pytest.mark.parametrize(
    "topic",
    ["how big was the crowd according to the police count?", "the police estimate of the crowd"],
)
def test_a_topic_asking_for_one_partys_figure_leaves_out_anothers(march, topic):
    c = march(topic)
    assert _by_source(c) == {
        "count of people": {"a_daily": ("12,000 people", "agree"), "c_radio": ("Some 12,500 people", "agree")}
    }
    assert not c.differences


def test_without_a_party_asked_for_every_figure_is_compared(march):
    c = march("how big was the crowd at the hospital march?")
    assert {s for g in c.measures for v in g.values for s in v.source_ids} >= {"a_daily", "b_wire"}
    assert c.differences


TIMETABLE = {
    "a_post.txt": """Ferry timetable approved

THE HARBOUR POST
By Nils Aas | February 12, 2026

The harbour board on Tuesday approved the new winter ferry timetable, which adds two late crossings.
""",
    "b_wire.txt": """Board backs ferry timetable

COAST WIRE
By Rut Lie | February 11, 2026

The harbour board approved the winter ferry timetable on February 10 after a short debate.
""",
    "c_radio.txt": """Late ferries are coming

RADIO FJORD
By Newsroom | February 12, 2026

The winter ferry timetable was approved by the harbour board on Wednesday, 11 February.
""",
}


def test_a_day_named_by_its_weekday_is_compared_as_the_day_it_falls_on(tmp_path):
    compare = open_service(write_corpus(tmp_path / "timetable", TIMETABLE)).compare
    c = compare("On what day did the harbour board approve the ferry timetable, according to each outlet?")
    assert _by_source(c) == {
        "date": {
            "a_post": ("February 10", "conflict"),
            "b_wire": ("February 10", "conflict"),
            "c_radio": ("11 February", "conflict"),
        }
    }


TRAM = {
    "a_times.txt": """Harbour tram line approved

THE HARBOUR TIMES
By Eli Strand | April 1, 2026

The new harbour tram line should open to passengers in 2028, the transport department said. Construction begins in the autumn.
""",
    "b_guide.txt": """Trams in Norvik: a short history

Norvik's first tram line has carried passengers along the old harbour since 1994 and still runs every ten minutes.

Work on the extension starts in 2026, and the city says the first trams should reach the new harbour stops by summer 2028.
""",
    "c_wire.txt": """Norvik tram line faces delay

NORTH WIRE
By Kai Berg | April 2, 2026

The harbour tram line will not open to passengers before 2029, according to the operator's own timetable.
""",
}


def test_when_something_will_happen_is_not_stated_by_a_sentence_of_past_dates_only(tmp_path):
    compare = open_service(write_corpus(tmp_path / "tram", TRAM)).compare
    c = compare("When will the new tram line open to passengers? compare the outlets")
    [guide] = [v for v in c.sources if v.source_id == "b_guide"]
    assert [st.quote for st in guide.statements] == [
        "Work on the extension starts in 2026, and the city says the first trams should reach the new "
        "harbour stops by summer 2028."
    ]
    by_source = _by_source(c)["date"]
    assert by_source["b_guide"][1] == by_source["a_times"][1] == "conflict"
    assert by_source["c_wire"] == ("before 2029", "conflict")


def test_an_agreement_shows_each_wording_once():
    """Two values written alike (one dated by its clause, one not) are one wording in an
    agreement, with every source and citation."""
    from bot.answering.compare import _agreement
    from bot.answering.models import MeasureGroup, Value

    group = MeasureGroup(
        measure="amount in USD",
        about="the amount in USD",
        unit="USD",
        values=[
            Value(value="about $9 million", source_ids=["a"], citations=[1], texts=["about $9 million"]),
            Value(value="$9m", source_ids=["b"], citations=[2], texts=["$9m"]),
            Value(
                value="about $9 million",
                source_ids=["c"],
                citations=[4],
                texts=["about $9 million"],
                period="2026",
            ),
        ],
    )
    agreement = _agreement(group)
    assert [(v.value, v.source_ids, v.citations) for v in agreement.values] == [
        ("about $9 million", ["a", "c"], [1, 4]),
        ("$9m", ["b"], [2]),
    ]
    assert agreement.source_ids == ["a", "b", "c"]


FERRY_START = {
    "a_wire.txt": """Halvik ferry to start in June

COAST WIRE

HALVIK, May 4 (Coast Wire) - The new Halvik ferry service will start carrying passengers on June 1, the harbour board said.
""",
    "b_post.txt": """Ferry date set

THE HALVIK POST
By Ida Moen | May 5, 2026

The harbour board says the new ferry service will start carrying passengers on June 8.
""",
}


def test_a_wire_dateline_is_the_articles_date_not_a_value(tmp_path):
    compare = open_service(write_corpus(tmp_path / "ferry", FERRY_START)).compare
    c = compare("when will the new ferry service start carrying passengers? compare the outlets")
    assert _by_source(c) == {"date": {"a_wire": ("June 1", "conflict"), "b_post": ("June 8", "conflict")}}


WIND = {
    "a_news.txt": """Wind farm approved

THE TOWN NEWS
By Per Vang | April 2, 2026

The Skarv wind farm will supply about a third of the town's electricity, the council said.
""",
    "b_radio.txt": """Turbines for Skarv

RADIO SKARV
By Newsroom | April 2, 2026

At full output the Skarv wind farm will meet 40 percent of the town's electricity needs, its developer says.
""",
    "c_weekly.txt": """Dry spring

SKARV WEEKLY
By Lena Holm | April 3, 2026

Backers of the Skarv wind farm point out that the reservoir that supplies the town stood at 22 percent of capacity in March.
""",
}


def test_a_share_of_another_whole_is_not_compared(tmp_path):
    compare = open_service(write_corpus(tmp_path / "wind", WIND)).compare
    c = compare("What share of the town's electricity will the wind farm supply, per source?")
    assert _by_source(c) == {
        "share": {"a_news": ("about a third", "conflict"), "b_radio": ("40 percent", "conflict")}
    }
