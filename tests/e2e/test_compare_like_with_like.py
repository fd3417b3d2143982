"""Comparison kinds fixed in issue 14's fourth pass, on an invented mini corpus written for the
test (none of the shipped, holdout or development articles).

The leisure-centre corpus: five outlets on a town's vote to rebuild its pool, over four weeks.

- the vote: nine to two in three outlets (in words, '9-2', 'nine votes to two'), ten votes to
  one in the fifth; one outlet also gives the pool's length, which two others give too;
- the cost: £31.2m in two, and in the third as an estimate of £26m 'revised to 31.2 million
  pounds' in the sentence after it; '£34m rebuild' (the cost written before what it prices) in
  the radio piece, three weeks later; a sponsor's £12.4m 'of the cost' and a fund 'putting
  in £8m' are parts, and a swimming club's £9,000 'towards its legal costs' is another thing;
- jobs: 260 construction jobs and 45 permanent posts, a fact box ('- Construction jobs: 260',
  '- Permanent jobs once open: 45'), 60 permanent jobs in a third, and four permanent sensors;
- the reopening: autumn 2028 in two, 2029 in the radio piece; the business paper dates the
  operator's break-even (2030, 'once the new pool is in use') before its reopening date.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys

import pytest

from bot.answering.models import Comparison
from tests.support.corpora import open_service, write_corpus

CENTRE = {
    "a_gazette.txt": """Millbrook pool rebuild approved

Millbrook Gazette | by Ines Carter | 4 May 2026

Councillors approved the rebuild of the Millbrook leisure centre by nine votes to two on Monday, clearing the way for a pool 50 metres long.

The project is now priced at £31.2m.

Work starts in June and the centre should reopen in autumn 2028.

The builder says the construction phase will create 260 jobs, and that 45 permanent posts will follow once the centre opens.
""",
    "b_wire.txt": """Millbrook council backs leisure centre rebuild

Shire Wire | by Tom Ashdown | 5 May 2026

The council vote can still be reviewed by the sports minister, who has 21 days to decide.

"This vote is a vote for the whole town," the council leader said in a statement.

The rebuild, which will lengthen the pool to 50 metres, is the largest project the town has taken on.

The cabinet backed the scheme 9-2 on Monday after a council meeting that lasted more than four hours.

In 2024 the council estimated the rebuild would cost £26m. That estimate was revised to 31.2 million pounds in March, after surveyors found the old foundations could not be reused.

The scheme at a glance:

- Pool length: 50 metres
- Construction jobs: 260
- Permanent jobs once open: 45
""",
    "c_post.txt": """What the new leisure centre means for Millbrook

Millbrook Post | by Ada Reyes | 6 May 2026

Councillors voted nine to two for the scheme on Monday, backing a pool 50 metres long.

Key facts:

- Total cost: £31.2 million

The centre will bring 60 permanent jobs to the town once it opens, on top of the temporary construction work.

The operator will also install four permanent water-quality sensors in the new pool.
""",
    "d_radio.txt": """Millbrook pool: campaigners lose fight over old building

Radio Millbrook | by Sam Okoro | 29 May 2026

The £34m rebuild will now go ahead, replacing the 1970s building on Station Road.

According to the council's timetable, the centre will reopen in 2029.

The Millbrook Swimming Club said it had raised more than £9,000 towards its legal costs.
""",
    "e_business.txt": """Fenwick Leisure bets on Millbrook

Business Week | by Lena Park | 8 May 2026

The council approved the plan by ten votes to one, letting Fenwick Leisure press ahead.

Fenwick Leisure will contribute £12.4m of the cost, with the national Sport Fund putting in £8m.

The chief executive told Business Week that the operator expected its Millbrook business to break even in 2030 once the new pool was in use.

The operator expects the rebuilt centre to be open to swimmers in autumn 2028.
""",
}


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("centre"), CENTRE)
    return functools.cache(open_service(folder).compare)


def _values(c: Comparison) -> dict[str, tuple[str, str]]:
    """source id -> (value, status) over the comparison's main measures."""
    return {sid[0]: (v.value, v.status) for g in c.measures for v in g.values for sid in v.source_ids}


def _texts(c: Comparison) -> dict[str, set[str]]:
    """source id -> the wordings of every value it is credited with."""
    out: dict[str, set[str]] = {}
    by_n = {cit.n: cit.source_id for cit in c.citations}
    for g in c.measures:
        for v in g.values:
            for n, text in zip(v.citations, v.texts, strict=False):
                out.setdefault(by_n[n][0], set()).add(text)
    return out


# (topic, {source letter: (value shown, status)}, measure prefix)
CASES = [
    (
        "what was the council vote on the pool? same everywhere?",
        {"a": "conflict", "b": "conflict", "c": "conflict", "e": "conflict"},
        "vote tally",
    ),
    (
        "how do the papers differ on what the leisure centre rebuild will cost",
        {"a": "conflict", "b": "conflict", "c": "conflict", "d": "conflict"},
        "amount in GBP",
    ),
    (
        "How many permanent jobs will the new centre bring - do the outlets agree?",
        {"a": "conflict", "b": "conflict", "c": "conflict"},
        "count of jobs",
    ),
    (
        "when will the leisure centre reopen? do the reports agree",
        {"a": "conflict", "d": "conflict", "e": "conflict"},
        "date",
    ),
]


@pytest.mark.parametrize(("topic", "statuses", "measure"), CASES)
def test_each_source_holds_its_value_on_the_asked_measure(centre, topic, statuses, measure):
    c = centre(topic)
    assert [g.measure for g in c.measures] == [measure], c.measures
    assert {sid: status for sid, (_, status) in _values(c).items()} == statuses


def test_a_tally_in_words_and_digits_is_one_value_and_the_other_split_conflicts(centre):
    texts = _texts(centre("what was the council vote on the pool? same everywhere?"))
    assert texts["a"] == {"nine votes to two"} and texts["b"] == {"9-2"} and texts["c"] == {"nine to two"}
    assert texts["e"] == {"ten votes to one"}


def test_a_revised_estimate_is_the_earlier_figure_and_its_revision_the_current_one(centre):
    c = centre("how do the papers differ on what the leisure centre rebuild will cost")
    texts = _texts(c)
    assert texts["b"] == {"31.2 million pounds"}  # not the £26m it replaced
    assert texts["d"] == {"£34m"}  # the cost written before the scheme it prices
    assert "e" not in texts  # a sponsor's part of the cost, and a fund's, are not the total
    values = {v.value: v for g in c.measures for v in g.values}
    assert values["£34m"].status == "conflict"  # three weeks later, still one news cycle


def test_counts_narrowed_to_another_kind_are_left_out(centre):
    permanent = _texts(centre("How many permanent jobs will the new centre bring - do the outlets agree?"))
    assert permanent == {"a": {"45 permanent posts"}, "b": {"45"}, "c": {"60 permanent jobs"}}
    construction = centre("Do the outlets agree on how many construction jobs the rebuild creates?")
    assert _texts(construction) == {"a": {"260 jobs"}, "b": {"260"}}
    assert construction.differences == []


def test_a_date_of_another_event_gives_way_to_the_one_on_the_topic(centre):
    c = centre("when will the leisure centre reopen? do the reports agree")
    texts = _texts(c)
    assert texts["e"] == {"autumn 2028"} or texts["e"] == {"2028"}
    assert not any("2030" in t for ts in texts.values() for t in ts)


_SCRIPT = """
import json, sys
from pathlib import Path
from bot.service import Service
c = Service.open(Path(sys.argv[1]), persist=False).compare(sys.argv[2])
print(json.dumps([[v.value, v.source_ids] for g in c.measures for v in g.values]))
"""


def test_the_comparison_does_not_depend_on_hash_order(tmp_path):
    """The statements a source gets must not depend on how Python hashes strings that run:
    the measure the topic asks for (here the tally) is completed first."""
    folder = write_corpus(tmp_path / "centre", CENTRE)
    topic = "what was the council vote on the pool? same everywhere?"
    runs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(folder), topic],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.add(out.stdout)
    assert len(runs) == 1
    [only] = runs
    assert any("b_wire" in sids for _, sids in json.loads(only))
