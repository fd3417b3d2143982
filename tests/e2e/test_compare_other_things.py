"""A measure of another thing is no disagreement: an invented mini corpus written for the test
(none of the shipped, holdout or development articles).

The harbour corpus: four outlets on a town's harbour after a storm silted it up.

- dredging the harbour: £3.2m in the port paper and in the council's notice, £4.5m in the
  evening paper (the disagreement);
- the radio piece and the angling blog give only what a new ferry will cost ('£9m',
  'half a million pounds' for its ramp), in sentences that never name the dredging: another
  thing's cost, beside two sources pricing the dredging itself;
- the angling blog's 'half a million pounds' is 500,000 pounds, not a share of 50%.
"""

from __future__ import annotations

import functools

import pytest

from tests.support.corpora import open_service, write_corpus

HARBOUR = {
    "a_port.txt": """Storm leaves Kelby harbour silted up

Kelby Port News | by Rhoda Finn | 2 March 2026

Dredging the harbour will cost £3.2m, the harbour board said on Monday.

Boats have been stuck at their moorings since the storm.
""",
    "b_evening.txt": """Harbour dredging bill soars

Kelby Evening Post | by Sam Ure | 3 March 2026

The cost of dredging Kelby harbour has been put at £4.5m by engineers.

Fishermen say they cannot wait until the summer.
""",
    "c_council.txt": """Council notice on the harbour

Kelby Town Council | 3 March 2026

The council will meet the £3.2m cost of dredging the harbour from its reserves.

Moorings fees are suspended until April.
""",
    "d_radio.txt": """Kelby news at six

Radio Kelby | 4 March 2026

A new passenger ferry for the island run will cost £9m, the operator said.

The ferry is due in service next year.
""",
    "e_blog.txt": """Notes from the quay

Kelby Anglers' Blog | 5 March 2026

The slipway for the new ferry will cost half a million pounds, I hear.

The bass are back off the north wall.
""",
}
TOPIC = "How do the outlets differ on the cost of dredging the harbour?"


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("harbour"), HARBOUR)
    return functools.cache(open_service(folder).compare)


def test_the_disagreement_on_the_dredging_cost_is_found(harbour):
    [difference] = harbour(TOPIC).differences
    held = {s: v.value for v in difference.values for s in v.source_ids}
    assert held == {"a_port": "£3.2m", "b_evening": "£4.5m", "c_council": "£3.2m"}


def test_another_things_cost_is_no_value_of_the_topic(harbour):
    c = harbour(TOPIC)
    aligned = {s for g in c.measures for v in g.values for s in v.source_ids}
    assert not aligned & {"d_radio", "e_blog"}  # the ferry's £9m and its ramp's £500,000


def test_half_a_million_pounds_is_a_sum(harbour):
    c = harbour("How do the outlets differ on the cost of the new ferry slipway?")
    stated = {f.text: (f.value, f.unit) for v in c.sources for st in v.statements for f in st.facts}
    assert stated.get("half a million pounds") == (500000.0, "GBP")
