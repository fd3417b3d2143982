"""A 'who' topic compares the people each source names for it: an invented mini corpus written
for the test (none of the shipped, holdout or development articles).

The cave corpus: four outlets on a cave rescue.

- who led the rescue: 'Team Leader Nia Okoro' in the first, 'Nia Okoro' in the second (one
  person, with and without her title), 'Sergeant Tom Bell' in the third (the disagreement);
- the fourth names only a landowner, 'Mr Gerald Pike', in passing: no one it says led the rescue.
"""

from __future__ import annotations

import functools

import pytest

from tests.support.corpora import open_service, write_corpus

CAVE = {
    "a_echo.txt": """Three walkers brought out of Gorran cave

Dale Echo | by Ruth Lane | 6 April 2026

The rescue was led by Team Leader Nia Okoro, the cave rescue controller on duty that night.

All three walkers were checked by paramedics.
""",
    "b_wire.txt": """Cave rescue ends after 14 hours

Moor Wire | 6 April 2026

Nia Okoro, the controller who led the rescue, said the water had risen fast.
""",
    "c_radio.txt": """Dale news

Radio Dale | 7 April 2026

Sergeant Tom Bell, who led the rescue from the cave mouth, praised the volunteers.
""",
    "d_blog.txt": """Gorran diary

Gorran Walkers' Blog | 8 April 2026

The cave sits on land owned by Mr Gerald Pike, who has farmed here for forty years.
""",
}
TOPIC = "How do the outlets differ on who led the cave rescue?"


@pytest.fixture(scope="module")
def cave(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("cave"), CAVE)
    return functools.cache(open_service(folder).compare)


def test_the_people_named_for_the_topic_align_and_differ(cave):
    [difference] = cave(TOPIC).differences
    held = {s: v.value for v in difference.values for s in v.source_ids}
    assert held == {
        "a_echo": "Team Leader Nia Okoro",
        "b_wire": "Team Leader Nia Okoro",  # one person: shown once, with her title
        "c_radio": "Sergeant Tom Bell",
    }
    assert {t for v in difference.values for t in v.texts} == {
        "Team Leader Nia Okoro",
        "Nia Okoro",
        "Sergeant Tom Bell",
    }


def test_a_person_named_in_passing_is_not_compared(cave):
    c = cave(TOPIC)
    assert "d_blog" not in {s for g in c.measures for v in g.values for s in v.source_ids}
