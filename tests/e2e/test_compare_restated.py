"""A source restating the figure others give on the topic, in fewer of the topic's words, states
the topic's value: an invented mini corpus written for the test (none of the shipped, holdout
or development articles).

The flood corpus: four outlets on a town's fund for flooded households.

- the fund: 'a flood relief fund of £80,000' in two, '£75,000 flood relief fund' in the third
  (the disagreement); the fourth says only that 'the town council has pledged £80,000 to help
  families whose homes took in water': the same sum, its clause sharing just 'council' with
  the topic;
- the fourth also gives a grant of £300 for each household, another sum.
"""

from __future__ import annotations

import functools

import pytest

from tests.support.corpora import open_service, write_corpus

FLOOD = {
    "a_courier.txt": """Relief fund for Ashby flood victims

Ashby Courier | by Lee Moss | 3 February 2026

Ashby Town Council has opened a flood relief fund of £80,000 for households hit by the river.
""",
    "b_wire.txt": """Ashby opens flood fund

County Wire | 3 February 2026

The council said its flood relief fund of £80,000 would open for claims on Friday.
""",
    "c_times.txt": """Ashby flood fund opens

Ashby Times | 4 February 2026

Claims can now be made to the council's £75,000 flood relief fund, officials said.
""",
    "d_blog.txt": """Ashby after the water

Ashby Residents' Blog | 5 February 2026

The town council has pledged £80,000 to help families whose homes took in water.

Each household can claim a grant of £300 towards cleaning.
""",
}
TOPIC = "How do the sources differ on the size of the council's flood relief fund?"


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("flood"), FLOOD)
    return functools.cache(open_service(folder).compare)


def test_a_source_restating_the_sum_in_fewer_words_is_aligned_with_it(flood):
    [difference] = flood(TOPIC).differences
    held = {s: v.number for v in difference.values for s in v.source_ids}
    assert held == {"a_courier": 80000, "b_wire": 80000, "c_times": 75000, "d_blog": 80000}


def test_another_sum_of_that_source_stays_out(flood):
    aligned = {v.number for g in flood(TOPIC).measures for v in g.values}
    assert 300 not in aligned  # the grant each household can claim
