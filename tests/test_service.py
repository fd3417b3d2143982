"""The service (bot/service.py) beyond answering and comparing, which have their own modules:
the example questions it offers, questions clipped, More pages, the source list and details."""

from __future__ import annotations

import re

import pytest

from bot.service import MAX_QUESTION_CHARS
from tests.support.checks import assert_verbatim
from tests.support.corpora import S000, S002, S004, SEED_IDS, open_service, write_corpus


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_examples_ask_about_the_titles_when_the_articles_pose_no_questions(small_service):
    titles = [s.title for s in small_service.sources()]
    assert small_service.index.question_headings() == []
    assert small_service.examples(3) == [f"What do the sources say about {t}?" for t in titles]
    assert small_service.examples(1) == [f"What do the sources say about {titles[0]}?"]


def test_long_question_is_clipped_not_refused(seeds_service):
    question = "How much bitcoin does El Salvador hold? " + "Please answer with the figures you have. " * 20
    assert len(question) > MAX_QUESTION_CHARS
    answer = seeds_service.ask(question)
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert answer.question.startswith("How much bitcoin does El Salvador hold?")
    assert_verbatim(seeds_service, answer.citations)
    one_word = seeds_service.ask("x" * 2000)
    assert len(one_word.question) <= MAX_QUESTION_CHARS


def test_more_pages_bring_new_evidence(seeds_service, ask):
    question = "How much bitcoin does El Salvador hold?"
    seen = {c.sentence_id for c in ask(question).citations}
    for page in (1, 2):
        more = seeds_service.more(question, page)
        assert not more.abstained
        ids = [c.sentence_id for c in more.citations]
        assert ids and len(ids) == len(set(ids))
        assert not seen & set(ids), f"page {page} repeats a quote"
        assert_verbatim(seeds_service, more.citations)
        assert _markers(more.answer) == {c.n for c in more.citations}
        seen |= set(ids)


def test_more_runs_out(seeds_service):
    more = seeds_service.more("Who chairs the PCC?", 50)
    assert more.citations == []
    assert more.answer == "No further evidence in the articles."


def test_sources_lists_every_article(seeds_service):
    sources = seeds_service.sources()
    assert [s.source_id for s in sources] == list(SEED_IDS)
    for s in sources:
        doc = seeds_service.index.documents[s.source_id]
        assert s.passages == len(seeds_service.index.passages_of(s.source_id))
        assert s.path == f"{s.source_id}.txt"
        assert (s.title, s.outlet, s.published, s.author, s.category, s.url) == (
            doc.meta.title,
            doc.meta.outlet,
            doc.meta.published,
            doc.meta.author,
            doc.meta.category,
            doc.meta.url,
        )


@pytest.mark.parametrize("key", [S002, "002", "002_e9d", " 002_e9d "])
def test_source_by_id_prefix_or_number(seeds_service, key):
    assert seeds_service.source(key).source_id == S002


@pytest.mark.parametrize(("key", "source_id"), [("1", S000), ("3", S002), ("5", S004)])
def test_source_by_list_number(seeds_service, key, source_id):
    """Ids of the seeds start with digits; a number that is no id prefix is a position in `sources`."""
    assert seeds_service.source(key).source_id == source_id


@pytest.mark.parametrize("key", ["", "0", "6", "00", "nope"])
def test_unknown_source_is_none(seeds_service, key):
    assert seeds_service.source(key) is None


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("btcc", [S004]),  # an outlet, whole
        ("BITX", [S002]),  # the start of one
        ("Journal", [S002]),  # a part of one
        ("news  PAKISTAN", [S000, SEED_IDS[1]]),  # a part two articles share: both
        ("Reuters", []),
    ],
)
def test_source_candidates_by_outlet(seeds_service, key, expected):
    assert [s.source_id for s in seeds_service.source_candidates(key)] == expected


def test_source_detail(seeds_service):
    detail = seeds_service.source(S004)
    text = seeds_service.index.documents[S004].text
    assert detail.author == "N4k4m0t0"
    assert detail.opening and all(s in text for s in detail.opening)
    assert detail.opening[0].startswith("In a historic move")
    assert detail.figures and all(f.text in text for f in detail.figures)
    assert any("2,000" in f.text for f in detail.figures)


def test_a_sources_key_figures_are_measures_not_bare_numbers(tmp_path):
    text = (
        "Mill fire\n\nFire crews were called to the old mill at 10 p.m. on Tuesday. Forty-two firefighters "
        "fought the blaze, and the damage is put at $2.4 million.\n"
    )
    service = open_service(write_corpus(tmp_path, {"mill.txt": text}))
    figures = [f.text for f in service.source("mill").figures]
    assert "$2.4 million" in figures and "10" not in figures
