"""BM25 search: typed hits, and the retrieval cases pinned by issue 2."""

from __future__ import annotations

import re

import pytest

from retrieval.index import passage_text
from retrieval.textnorm import fold
from tests.support.corpora import S000, S003, S004, SEED_IDS, open_service

HOLDINGS = {"6,238", "6,240", "6,200", "6,000"}


def _figures(text: str) -> set[str]:
    return {f for f in HOLDINGS if f in fold(text)}


def test_who_chairs_the_pcc(seeds_index):
    hits = seeds_index.search("Who chairs the PCC?", 5)
    assert hits[0].passage.id == f"{S003}#p23"
    assert "Muhammad Aurangzeb" in fold(hits[0].passage.text)
    assert all("Aurangzeb" not in h.passage.text for h in hits[1:])


def test_btc_el_salvadore_finds_the_holdings(seeds_index):
    top = seeds_index.search("btc el salvadore", 3)
    assert set().union(*(_figures(h.passage.text) for h in top)) == {"6,238", "6,000", "6,200"}
    assert all(_figures(h.passage.text) for h in top)
    assert len({h.passage.source_id for h in top}) == 3


def test_every_holdings_figure_is_in_the_top_ten(seeds_index):
    hits = seeds_index.search("btc el salvadore", 10)
    assert set().union(*(_figures(h.passage.text) for h in hits)) == HOLDINGS


def test_2000_mw_ranks_the_megawatt_passages_first(seeds_index):
    def states(text: str) -> bool:
        return bool(re.search(r"2,000\s*(?:MW|megawatts)", fold(text)))

    wanted = [p.id for p in seeds_index.passages if states(p.text)]
    assert len(wanted) == 6  # 002 p5, 003 p6 and p24, 004 p10, p15 and p28
    hits = seeds_index.search("2000 MW", len(wanted))
    assert sorted(h.passage.id for h in hits) == sorted(wanted)


def test_hits_are_typed_and_carry_ids_scores_metadata_and_terms(seeds_index):
    query = "Pakistan Crypto Council CEO"
    hits = seeds_index.search(query, 8)
    assert [h.rank for h in hits] == list(range(1, 9))
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0
    q_terms = set(seeds_index.query(query).terms)
    for h in hits:
        doc = seeds_index.documents[h.passage.source_id]
        assert h.meta == doc.meta
        assert doc.text[h.passage.start : h.passage.end] == h.passage.text
        assert h.matched_terms and set(h.matched_terms) <= q_terms
        assert set(h.matched_terms) <= set(seeds_index.analyzer.terms(passage_text(h.passage)))


def test_k_limits_the_hits(seeds_index):
    assert len(seeds_index.search("bitcoin", 3)) == 3
    assert len(seeds_index.search("bitcoin", 1)) == 1


def test_search_in_returns_only_that_source(seeds_index):
    for sid in SEED_IDS:
        hits = seeds_index.search_in(sid, "btc el salvadore", 3)
        assert hits and len(hits) <= 3
        assert {h.passage.source_id for h in hits} == {sid}
    best = seeds_index.search_in(S004, "btc el salvadore", 1)[0]
    assert "6,000" in best.passage.text


def test_search_in_an_unknown_source_is_empty(seeds_index):
    assert seeds_index.search_in("no_such_source", "bitcoin", 3) == []


@pytest.mark.parametrize("query", ["the of and", "what is it", "Who?", "", "   ", "?!"])
def test_queries_without_content_words_find_nothing(seeds_index, query):
    assert seeds_index.search(query, 5) == []


def test_a_word_no_article_uses_finds_nothing(seeds_index):
    assert seeds_index.search("Kenya", 5) == []


@pytest.mark.parametrize(
    ("query", "must_contain"),
    [
        ("VARAP", "Virtual Asset Regulatory Authority of Pakistan"),
        ("LOI", "letter of intent"),
        ("chief executive of the Pakistan Crypto Council", "CEO"),
    ],
)
def test_acronym_and_long_form_find_each_other(seeds_index, query, must_contain):
    hits = seeds_index.search(query, 3)
    assert any(must_contain.lower() in fold(h.passage.text).lower() for h in hits)


def test_btc_finds_passages_that_only_say_bitcoin(seeds_index):
    assert "BTC" not in seeds_index.documents[S000].text  # 000 writes only 'Bitcoin'
    hits = seeds_index.search("BTC adoption", 10)
    assert any(h.passage.source_id == S000 and "btc" in h.matched_terms for h in hits)


def test_heading_is_searched_as_context(seeds_index):
    hits = seeds_index.search("educational initiatives", 2)
    assert {h.passage.id for h in hits} == {f"{S003}#p15", f"{S003}#p16"}


# -- small corpora (STYLE note 4) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("Harbour Transit Authority budget", "HTA budget"),
        ("HTA", "Harbour Transit Authority"),
        ("chief executive of Northwind", "CEO of Northwind"),
        ("CEO", "chief executive"),
    ],
)
def test_small_corpus_either_form_finds_the_other(small_service, query, needle):
    assert any(needle in h.passage.text for h in small_service.index.search(query, 3))


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("How many electric boats will run the ferry?", "twelve electric boats"),
        ("HTA budget", "$40 million"),
        ("Harbour Transit Authority budget", "$40 million"),
        ("visitors on the first weekend", "2,000 visitors"),
        ("2000 visitors", "2,000 visitors"),
        ("CEO of the museum", "chief executive of the museum"),
        ("chief executive of Northwind", "CEO of Northwind"),
        ("wind farm capacity 450 megawatts", "450 MW"),
    ],
)
def test_realistic_small_corpus(small_service, query, needle):
    hits = small_service.index.search(query, 3)
    assert hits, query
    assert needle in hits[0].passage.text


def test_small_corpus_without_the_word_finds_nothing(small_service):
    assert small_service.index.search("Ethereum", 3) == []


def test_two_passage_corpus_still_finds_the_passage(make_corpus):
    folder = make_corpus(
        {
            "a.txt": "Harbour Ferry Prices Rise Again\n\n"
            "The harbour ferry company raised ticket prices by ten percent on Monday.\n\n"
            "Commuters in the northern district complained about crowded boats in winter.\n"
        }
    )
    hits = open_service(folder).index.search("ticket prices", 2)
    assert [h.passage.text[:27] for h in hits][:1] == ["The harbour ferry company r"]
