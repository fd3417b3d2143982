"""Time markers beside a value: an earlier plan, what still persists, dates before the article
(bot/answering/markers.py)."""

from __future__ import annotations

import pytest

from bot.answering.markers import (
    CAPACITY,
    EARLIER,
    FUTURE,
    PART,
    STILL,
    TARGET,
    counts_event,
    marker_of,
    not_of_event,
    past,
    topic_marker,
)
from bot.answering.models import Fact
from bot.answering.quantities import quantities


@pytest.mark.parametrize(
    ("topic", "marker"),
    [
        ("when the ferry terminal was originally due to open", EARLIER),
        ("how many families are still in temporary housing", STILL),
        ("how many families were evacuated", ""),
        ("whether the operator still expects 48,000 passengers", ""),  # a forecast held, not a count
        ("the grain silo's capacity", CAPACITY),
        ("how many spectators the new stand can hold", CAPACITY),
        ("how much grain was lost in the fire", ""),
        ("the county's road-safety target", TARGET),
    ],
)
def test_the_marker_a_topic_asks_for(topic, marker):
    assert topic_marker(topic) == marker


def test_the_marker_a_measure_carries():
    assert marker_of("date" + EARLIER) == EARLIER
    assert marker_of("count of residents" + STILL) == STILL
    assert marker_of("date") == ""


def _date(value: float, high: float | None = None) -> Fact:
    return Fact(kind="date", text="x", key=str(value), about="opening", value=value, high=high)


def test_a_date_wholly_before_its_article_is_past():
    assert past(_date(2012.0), "2025-03-10")
    assert not past(_date(2027.25), "2025-03-10")
    assert not past(_date(2024.0, high=2026.0), "2025-03-10")  # a range reaching past the article
    assert not past(_date(2012.0), None)  # no date to compare with
    count = Fact(kind="quantity", text="12", key="12", about="boats", value=12.0)
    assert not past(count, "2025-03-10")


@pytest.mark.parametrize(
    ("key", "published", "before"),
    [
        ("03-02", "2025-03-10", True),  # '2 March' in a paper of 10 March
        ("12-28", "2026-01-05", True),  # across the new year
        ("03-10", "2025-03-10", False),  # the article's own day
        ("03-17", "2025-03-10", False),  # a week ahead
        ("10-03", "2025-03-10", False),  # '3 October' in March: as likely the coming one
    ],
)
def test_a_day_without_a_year_shortly_before_its_article_is_past(key, published, before):
    day = Fact(kind="date", text="x", key=key, about="opening")
    assert past(day, published) == before


@pytest.mark.parametrize(
    ("topic", "ahead"),
    [
        ("when will the ferry sail again", True),
        ("the date passengers can board the ferry again", True),
        ("the day the ferry could sail again", True),
        ("the date the ferry sank", False),
        ("when the ferry sank", False),
    ],
)
def test_a_topic_asking_what_is_yet_to_happen(topic, ahead):
    assert bool(FUTURE.search(topic)) == ahead


@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        ("The coach first put the squad at 23 players, then named 26 players.", ["23 players"]),
        ("The trust first estimated the repair at €2.4m, before the survey.", ["€2.4m"]),
        ("The first 23 players arrived on Monday.", []),  # 'first' of an order, not of a figure
        ("The bill for the pier rose from £9m to £12.5m last year.", ["£9m"]),
        ("Membership has fallen from 900 members to 640 members.", ["900 members"]),
        # the cue after 'rather than' is the other value's: the new figure stays current
        ("The club will now field 26 players rather than 23 players as originally planned.", ["23 players"]),
        # 'at first light', 'at first sight' tell a time or a look, not a figure since replaced
        ("At first light 40 volunteers were searching the dunes.", []),
        ("At first sight the 14 boats seemed undamaged.", []),
        ("At first the club fielded 23 players.", ["23 players"]),
        # speech reported in the past tense: the plan as it stands, not one since replaced
        ("The mayor said the new pier was expected to cost £9m.", []),
        ("Engineers told councillors the dredging was due to remove 40,000 tonnes.", []),
        ("The new pier was expected to cost £9m, but the bill is now £12m.", ["£9m"]),
        ("The mayor said the pier was originally expected to cost £9m.", ["£9m"]),
        # a figure named as the earlier one: 'our previous estimate of', 'the initial forecast of'
        ("Our previous estimate of 40 tonnes was far too low, the surveyor said.", ["40 tonnes"]),
        ("The initial forecast of 3,000 visitors a day was revised.", ["3,000 visitors"]),
        ("The estimate of 40 tonnes was far too low, the surveyor said.", []),
        # the figure a change came from: 'up sharply from', 'down from'
        ("Attendance was 2,140 visitors, up sharply from 1,610 visitors in 2023.", ["1,610 visitors"]),
        ("The jobless rate stood at 4.1%, down from 4.6% a year ago.", ["4.6%"]),
    ],
)
def test_a_figure_first_given_is_the_earlier_one(sentence, earlier):
    from bot.answering.facts import quantities
    from bot.answering.markers import qualified

    found = [qualified(f) for f in quantities(sentence)]
    assert [f.text for f in found if marker_of(f.measure) == EARLIER] == earlier


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("The brewery will contribute $3.5m of the cost, with the county putting in $2m.", ["$3.5m", "$2m"]),
        ("The lottery fund pays €900,000 towards the overall bill.", ["€900,000"]),
        ("The harbour board chipped in £400,000 for the new slipway.", ["£400,000"]),
        ("The new slipway will cost £1.9m in total.", []),  # the whole, not a share of it
        ("Anglers raised £6,000 towards their legal fees.", []),  # another thing, not part of the cost
        ("The brewery will contribute 40 workers to the build.", []),  # only amounts are shares of a cost
    ],
)
def test_an_amount_given_as_a_share_of_a_total(sentence, parts):
    from bot.answering.facts import quantities
    from bot.answering.markers import qualified

    found = [qualified(f) for f in quantities(sentence)]
    assert [f.text for f in found if marker_of(f.measure) == PART] == parts


@pytest.mark.parametrize(
    ("sentence", "capacities"),
    [
        (
            "The silo had a storage capacity of 8,000 tonnes and lost 5,500 tonnes in the fire.",
            ["8,000 tonnes"],
        ),
        ("The new stand can seat up to 2,400 spectators.", ["up to 2,400 spectators"]),
        ("Built with room for 600 cars, the car park was half empty.", ["600 cars"]),
        ("The ferry has a 900-passenger capacity.", ["900-passenger"]),
        ("The fire destroyed 5,500 tonnes of grain.", []),  # what was lost, not what could be held
        ("Some 1,900 spectators watched the final.", []),
    ],
)
def test_what_a_thing_can_hold_is_not_what_it_held(sentence, capacities):
    from bot.answering.facts import quantities
    from bot.answering.markers import qualified

    found = [qualified(f) for f in quantities(sentence)]
    assert [f.text for f in found if marker_of(f.measure) == CAPACITY] == capacities


@pytest.mark.parametrize(
    ("sentence", "goals"),
    [
        ("The trust has set a target of 90% of patients seen within four hours.", ["90%"]),
        ("Bus use stands at 31% and the county aims for 40% by 2032.", ["40%"]),
        ("The county wants it to reach 40% by 2032, up from 31% now.", ["40%"]),
        ("Ministers hope to lift the share from 31% to 40% by 2032.", ["40%"]),
        ("Bus use had climbed to 31% by 2019.", []),  # reached then, set as no goal
        ("Bus use stands at 31%.", []),
    ],
)
def test_a_value_set_as_a_goal_is_a_target_not_the_value_now(sentence, goals):
    from bot.answering.markers import qualified

    found = [qualified(f) for f in quantities(sentence)]
    assert [f.text for f in found if marker_of(f.measure) == TARGET] == goals


@pytest.mark.parametrize(
    ("topic", "counts"),
    [
        ("how many paintings were stolen from the gallery", True),
        ("how many climbers got rescued", True),
        ("how many paintings the gallery owns", False),
        ("how many beds the new ward will have", False),
    ],
)
def test_a_topic_counting_those_an_event_happened_to(topic, counts):
    assert counts_event(topic) is counts


@pytest.mark.parametrize(
    ("sentence", "whole"),
    [
        ("Burglars took 14 paintings from the 40-painting collection.", {"40-painting"}),
        ("The collection comprises 40 paintings, of which 14 were taken.", {"40 paintings"}),
        ("Six paintings were not taken because they were on loan.", {"Six paintings"}),
        ("Burglars took 14 paintings on Sunday.", set()),
    ],
)
def test_a_count_of_the_whole_or_of_what_an_event_spared(sentence, whole):
    found = {f.text for f in quantities(sentence) if not_of_event(f)}
    assert found == whole


@pytest.mark.parametrize(
    "sentence",
    ["The lido will stay shut until at least 2 June.", "The lido will remain shut until at least 2 June."],
)
def test_staying_and_remaining_in_a_state_mark_what_persists(sentence):
    from bot.answering.facts import times
    from bot.answering.markers import qualified

    [day] = [qualified(f) for f in times(sentence)]
    assert marker_of(day.measure) == STILL


@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        ("The council first announced the closure on 4 June.", False),  # the day it was first done
        ("The bridge was originally due to reopen on 4 June.", True),  # a plan since replaced
    ],
)
def test_the_day_a_thing_was_first_done_is_no_superseded_plan(sentence, earlier):
    from bot.answering.facts import times
    from bot.answering.markers import qualified

    [day] = [qualified(f) for f in times(sentence)]
    assert (marker_of(day.measure) == EARLIER) is earlier
