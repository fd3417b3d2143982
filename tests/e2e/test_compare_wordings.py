"""One measure in several wordings is one measure: an invented mini corpus written for the test
(none of the shipped, holdout or development articles).

The bakery corpus: four outlets on a break-in at a village bakery.

- the suspect's age: 'a 27-year-old' in two, 'a man aged 27' in a third, 'a 29-year-old woman'
  in the fourth (the disagreement).
"""

from __future__ import annotations

import functools

import pytest

from tests.support.corpora import open_service, write_corpus

BAKERY = {
    "a_herald.txt": """Arrest after bakery break-in

Fenby Herald | by Ana Drew | 9 June 2026

Police have arrested a 27-year-old on suspicion of burglary after the Fenby bakery break-in.

The bakery reopened on Monday.
""",
    "b_wire.txt": """Fenby bakery burglary: suspect held

Shire Wire | 9 June 2026

A 27-year-old man was arrested on suspicion of burglary at the bakery, police said.
""",
    "c_radio.txt": """Fenby news

Radio Fenby | 10 June 2026

Officers say a man aged 27 was arrested on suspicion of burglary on Sunday.
""",
    "d_post.txt": """Woman held over bakery raid

Fenby Post | 10 June 2026

A 29-year-old woman has been arrested on suspicion of burglary after the raid on the bakery.
""",
}


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("bakery"), BAKERY)
    return functools.cache(open_service(folder).compare)


def test_ages_in_any_wording_align_and_the_other_age_is_the_difference(bakery):
    [difference] = bakery(
        "How do the outlets differ on the age of the person arrested for the burglary?"
    ).differences
    held = {s: v.number for v in difference.values for s in v.source_ids}
    assert held == {"a_herald": 27, "b_wire": 27, "c_radio": 27, "d_post": 29}
    assert {t for v in difference.values for t in v.texts} == {"27-year-old", "aged 27", "29-year-old"}
