"""The benchmark's synthetic archives: reproducible from a seed, article by article; shaped like
scraped news (title, date, byline, paragraphs of 20-40 words, subheadings); read by the ingest
exactly as generated; and questions that name what the articles state."""

from __future__ import annotations

import re

import pytest

from bot.benchmarking import synthetic
from bot.benchmarking.synthetic import Generator, lexicon
from retrieval.documents import list_articles
from retrieval.ingest import Ingested, ingest_chunk


@pytest.fixture(scope="module")
def generator() -> Generator:
    return Generator()


def _body(text: str) -> list[str]:
    """An article's body paragraphs: what follows title, date and byline, less subheadings."""
    return [block for block in text.rstrip("\n").split("\n\n")[3:] if not block.startswith("## ")]


def test_the_same_seed_makes_the_same_articles(generator):
    again = Generator(synthetic.SEED)
    for number in (0, 1, 57, 4321):
        assert again.article(number) == generator.article(number)
    assert len({generator.article(number).text for number in range(20)}) == 20


def test_another_seed_makes_other_articles(generator):
    other = Generator(7)
    assert [other.article(n).text for n in range(5)] != [generator.article(n).text for n in range(5)]
    assert Generator(7).article(3) == other.article(3)


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(generator):
    small = list(generator.articles(200))
    large = list(generator.articles(2000))
    assert [a.number for a in large] == list(range(len(large)))
    assert large[: len(small)] == small


def test_articles_stop_once_they_hold_the_passages_asked_for(generator):
    articles = list(generator.articles(500))
    total = sum(a.passages for a in articles)
    assert total >= 500
    assert total - articles[-1].passages < 500
    assert list(generator.articles(0)) == []


def test_an_article_looks_like_a_news_page(generator):
    for number in range(60):
        a = generator.article(number)
        title, date, byline = a.text.split("\n\n")[:3]
        assert a.title == title
        assert re.fullmatch(r"Published: 20(1[5-9]|2[0-5])-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])", date)
        assert re.fullmatch(r"By [A-Z][a-z]+ [A-Z][a-z]+", byline)
        body = _body(a.text)
        assert len(body) == a.passages and 10 <= a.passages <= 40
        assert all(20 <= len(p.split()) <= 40 for p in body), number
        assert a.text.endswith("\n") and not a.text.endswith("\n\n")


def test_some_articles_have_subheadings_and_some_ask_questions(generator):
    headings = [
        line for n in range(60) for line in generator.article(n).text.split("\n\n") if line.startswith("## ")
    ]
    assert len(headings) > 30
    assert any(h.startswith("## What comes next for ") and h.endswith("?") for h in headings)


def test_facts_are_stated_in_the_text_and_the_acronym_defined_first(generator):
    with_facts = 0
    for number in range(60):
        a = generator.article(number)
        if not a.facts:
            continue
        with_facts += 1
        first = a.facts[0]
        assert f"The {first.org} ({first.acronym}) will spend {first.amount} on {first.topic}" in a.text
        assert a.text.count(f"({first.acronym})") == 1
        assert a.title.startswith(first.acronym.capitalize() + " ")
        for f in a.facts:
            assert f"{f.amount} on {f.topic} in {f.place} from {f.month} " in a.text
            assert f", {f.person}, its {f.role}, said on " in a.text
            assert re.fullmatch(r"\$\d{1,3} (million|billion)", f.amount)
            assert {f.org, f.acronym, f.place} == {first.org, first.acronym, first.place}
    assert with_facts > 45  # 10 or more paragraphs, each a fact with chance 0.3


def test_the_lexicon_is_fixed_by_the_seed():
    lex = lexicon(5)
    assert lex == lexicon(5)
    assert lex.words != lexicon(6).words
    assert len(lex.words) == len(set(lex.words)) == len(synthetic._NEWS) + 40_000
    assert len(lex.places) == 1500 and len(lex.people) == 4000 and len(lex.orgs) == 2500
    assert all(
        b > a for a, b in zip(lex.cum_weights, lex.cum_weights[1:], strict=False)
    )  # Zipf: all weights > 0
    acronyms = [acronym for _, acronym in lex.orgs]
    assert len(set(acronyms)) == 2500
    assert all(acronym == "".join(w[0] for w in name.split()) for name, acronym in lex.orgs)


def test_a_written_corpus_holds_the_articles(generator, tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "FILES_PER_FOLDER", 4)
    n_articles, n_passages = generator.write(tmp_path, 150)
    articles = list(generator.articles(150))
    assert (n_articles, n_passages) == (len(articles), sum(a.passages for a in articles))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt"))
    assert files == [f"{n // 4:04d}/article_{n:07d}.txt" for n in range(n_articles)]
    for a in articles:
        assert (tmp_path / f"{a.number // 4:04d}" / f"article_{a.number:07d}.txt").read_text(
            encoding="utf-8"
        ) == a.text


def test_the_ingest_reads_what_was_generated(generator, tmp_path):
    n_articles, n_passages = generator.write(tmp_path, 300)
    skipped: list = []
    files, overrides = list_articles(tmp_path, skipped)
    assert skipped == [] and overrides == {}
    items = ingest_chunk(tmp_path, files).items
    assert all(isinstance(item, Ingested) for item in items) and len(items) == n_articles
    assert sum(len(item.rows) for item in items) == n_passages
    for number, item in enumerate(items):
        assert isinstance(item, Ingested)
        a = generator.article(number)
        title, date, byline = a.text.split("\n\n")[:3]
        assert item.document.source_id == f"article_{number:07d}"
        assert item.document.meta.title == a.title
        assert item.document.meta.published == date.removeprefix("Published: ")
        assert item.document.meta.author == byline.removeprefix("By ")
        assert [text for _, _, _, _, text in item.rows] == _body(a.text)
        if a.facts:
            assert item.acronyms[0] == (a.facts[0].acronym, a.facts[0].org)


def test_questions_are_reproducible_and_about_the_corpus(generator):
    questions = generator.questions(50, 40)
    assert len(questions) == 40
    assert questions == Generator().questions(50, 40)
    facts = [f for n in range(50) for f in generator.article(n).facts]
    acronyms, orgs = {f.acronym for f in facts}, {f.org for f in facts}
    unanswerable = 0
    for q in questions:
        m = re.fullmatch(
            r"How much will the (\S+) spend on .+\?|Who is the .+ of the (.+)\?|When will the (.+) spend money on .+\?",
            q,
        )
        assert m, q
        assert m[1] in acronyms if m[1] else (m[2] or m[3]) in orgs, q
        unanswerable += q.endswith(" in Zanzibarville?")
    assert 2 <= unanswerable <= 16  # one in five


def test_comparison_topics_name_an_organisation_of_the_corpus(generator):
    topics = generator.topics(30, 12)
    assert len(topics) == 12 and topics == Generator().topics(30, 12)
    first_acronyms = {generator.article(n).facts[0].acronym for n in range(30) if generator.article(n).facts}
    for t in topics:
        m = re.fullmatch(r"Compare the sources on the (\S+) spending", t)
        assert m and m[1] in first_acronyms, t
