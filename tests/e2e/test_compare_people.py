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


# Who said it, when the quoting sentence gives the words to 'she' or 'he': the person the
# sentence before names. Two outlets give the line to the coroner (one by pronoun), one to a
# witness.
INQUEST = {
    "a_times.txt": """Inquest hears of failed alarm

Vale Times | 2 June 2026

Coroner Ruth Adeyemi addressed the family at the close of the hearing. "Nobody should die for want of a working smoke alarm," she said.
""",
    "b_post.txt": """Alarm had no battery, inquest told

Vale Post | 2 June 2026

"Nobody should die for want of a working smoke alarm," Coroner Ruth Adeyemi said.
""",
    "c_radio.txt": """Vale news

Radio Vale | 3 June 2026

"Nobody should die for want of a working smoke alarm," neighbour Owen Price told the hearing.
""",
}


@pytest.fixture(scope="module")
def inquest(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("inquest"), INQUEST)
    return functools.cache(open_service(folder).compare)


def test_a_quotation_given_to_a_pronoun_is_the_person_named_just_before(inquest):
    c = inquest("Do the reports agree on who said 'nobody should die for want of a working smoke alarm'?")
    [difference] = c.differences
    held = {s: v.number or v.value for v in difference.values for s in v.source_ids}
    assert set(held) == {"a_times", "b_post", "c_radio"}
    assert "Adeyemi" in held["a_times"] and "Adeyemi" in held["b_post"] and "Price" in held["c_radio"]
    [times] = [v for v in c.sources if v.source_id == "a_times"]
    assert [st.quote[:8] for st in times.statements] == ["Coroner ", '"Nobody ']  # the speaker is cited
