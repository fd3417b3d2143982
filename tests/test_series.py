"""Things named by their place in a series (`bot/answering/series.py`), in invented wording: a
value given to another of the series the topic names is that one's, not the topic's."""

from __future__ import annotations

import pytest

from bot.answering.scope import in_scope
from bot.answering.series import another_member, asked_members, series_names
from bot.answering.stated import measured


def test_the_names_of_a_series_and_what_is_not_one():
    found = [
        (stem, num)
        for stem, num, _, _ in series_names("The KESTREL-4 probe, a stage 2 craft, flew in Mid-2025.")
    ]
    assert found == [("kestrel", "4"), ("stage", "2")]
    assert asked_members("how far the KESTREL-4 probe flew") == {"kestrel": {"4"}}


@pytest.mark.parametrize(
    ("sentence", "value", "other"),
    [
        ("A lighter predecessor, KESTREL-3, flew 900 kilometres in 2019.", "900 kilometres", True),
        ("KESTREL-4 replaces the KESTREL-3 craft, which flew 900 kilometres.", "900 kilometres", True),
        ("The KESTREL-4 probe flew 4,100 kilometres on its first outing.", "4,100 kilometres", False),
        (
            "Some 4,100 kilometres were flown by KESTREL-4, twice what KESTREL-3 managed.",
            "Some 4,100 kilometres",
            False,
        ),
        ("The probe flew 4,100 kilometres.", "4,100 kilometres", False),
    ],
)
def test_a_value_belongs_to_the_series_name_nearest_before_it(sentence, value, other):
    [fact] = [f for f in measured(sentence, "quantity") if f.text == value]
    assert another_member(fact, sentence, {"kestrel": {"4"}}) is other


def test_another_members_figure_is_left_out_beside_the_topics_own():
    sentences = {
        "a": "The KESTREL-4 probe flew 4,100 kilometres before landing.",
        "b": "Engineers said KESTREL-4 covered 4,300 kilometres.",
        "c": "An older and lighter probe, KESTREL-3, covered 900 kilometres.",
        "d": "KESTREL-4 flew some 4,000 kilometres.",
        "e": "In its day KESTREL-3 flew 950 kilometres.",
    }
    facts = [
        f.model_copy(update={"source_id": sid, "citation": n})
        for n, (sid, text) in enumerate(sentences.items(), 1)
        for f in measured(text, "quantity")
    ]
    quotes = {n: text for n, text in enumerate(sentences.values(), 1)}
    kept = in_scope(facts, facts, "how far the KESTREL-4 probe flew", {"a": "2025-06-01"}, quotes)
    assert "900 kilometres" not in {f.text for f in kept}
    assert "4,300 kilometres" in {f.text for f in kept}
    # on the older probe (two sources give its figure), the new one's are the other member's
    older = in_scope(facts, facts, "how far KESTREL-3 flew", {"a": "2025-06-01"}, quotes)
    assert "4,100 kilometres" not in {f.text for f in older}


PROBES = {
    "a-space-daily.txt": "Probe sets record\n\nPublished: 2 June 2025\n\nThe KESTREL-4 probe flew 4,100 "
    "kilometres before landing, its makers said.",
    "b-orbit-news.txt": "KESTREL-4 lands\n\nPublished: 3 June 2025\n\nAn older probe, KESTREL-3, flew 900 "
    "kilometres for the makers of KESTREL-4. Before it, KESTREL-2 flew 600 kilometres for the same "
    "makers of the KESTREL-4 probe.\n\nEngineers said the new craft covered 4,300 kilometres in all, "
    "flying further than any KESTREL probe.",
    "c-sky-wire.txt": "Record flight\n\nPublished: 3 June 2025\n\nKESTREL-4 flew some 4,000 kilometres.",
}


def test_a_sentence_on_another_of_the_series_gives_way_to_one_on_the_topics(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    c = open_service(write_corpus(tmp_path / "probes", PROBES)).compare(
        "How do the outlets differ on how far the KESTREL-4 probe flew?"
    )
    [b] = [v for v in c.sources if v.source_id == "b-orbit-news"]
    assert any("4,300 kilometres" in st.quote for st in b.statements)
