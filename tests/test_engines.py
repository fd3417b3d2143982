"""The two engines rank alike, and indexing analyses text exactly as queries are analysed.

Both engines score with BM25, k1=1.2, b=0.75 and Lucene's idf ln(1 + (N - n + 0.5) / (n + 0.5)):
rank-bm25 (BM25Okapi with that idf, scoring every passage in Python) and tantivy (its fixed
BM25, with passage lengths stored in one byte). Their top 10s must overlap by 0.9 on average.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.benchmarking.synthetic import Generator
from retrieval.analyzer import TermCache, raw_tokens
from retrieval.index import passage_text
from retrieval.store import open_index
from retrieval.tantivy_engine import TantivyEngine
from tests.support.corpora import QUESTIONS, SEED_IDS, SEEDS_DIR, SMALL_CORPUS

SEED_QUERIES = [
    "Who chairs the PCC?",
    "btc el salvadore",
    "2000 MW",
    "Pakistan Crypto Council CEO",
    "bitcoin",
    "VARAP",
    "letter of intent",
    "educational initiatives",
    "BTC adoption",
    "mining electricity",
    "strategic bitcoin reserve",
    "Bukele",
    "Bilal Bin Saqib",
    "national reserves",
    "IMF loan",
]


def overlap(a: list[int], b: list[int]) -> float:
    """Shared passages in two top-k lists, as a share of the longer (1.0 when both are empty)."""
    return len(set(a) & set(b)) / max(len(a), len(b)) if a or b else 1.0


def mean_overlap(reference, other, queries: list[str], k: int = 10) -> float:
    scores = []
    for q in queries:
        terms = reference.query(q).terms
        if not terms:
            continue
        scores.append(
            overlap(
                [i for i, _ in reference.engine.top(terms, k)], [i for i, _ in other.engine.top(terms, k)]
            )
        )
    return sum(scores) / len(scores)


@pytest.fixture(scope="module")
def seed_engines(tmp_path_factory):
    reference = open_index(SEEDS_DIR, engine="rank-bm25").index
    scalable = open_index(SEEDS_DIR, engine="tantivy", index_dir=tmp_path_factory.mktemp("idx")).index
    return reference, scalable


@pytest.fixture(scope="module")
def generated_engines(tmp_path_factory):
    """A generated archive of about 10,000 passages, indexed by both engines."""
    folder = tmp_path_factory.mktemp("archive")
    articles, passages = Generator().write(folder, 10_000)
    assert passages >= 10_000
    reference = open_index(folder, engine="rank-bm25").index
    scalable = open_index(folder, engine="tantivy", index_dir=tmp_path_factory.mktemp("idx")).index
    return reference, scalable, Generator().questions(articles, 100)


def test_engines_are_the_ones_asked_for(seed_engines):
    assert [i.engine.name for i in seed_engines] == ["rank-bm25", "tantivy"]


def test_top_ten_agree_on_the_seeds(seed_engines):
    questions = [
        json.loads(line)["question"]
        for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert mean_overlap(*seed_engines, SEED_QUERIES + questions) >= 0.9


def test_top_ten_agree_on_a_generated_archive(generated_engines):
    reference, scalable, questions = generated_engines
    assert len(reference.passages) >= 10_000
    assert mean_overlap(reference, scalable, questions) >= 0.9


def test_scores_are_the_same_bm25(generated_engines):
    """Same k1, b and idf: scores differ only by tantivy's one-byte passage lengths."""
    reference, scalable, questions = generated_engines
    for q in questions[:40]:
        terms = reference.query(q).terms
        ref = dict(reference.engine.top(terms, 10))
        for pid, score in scalable.engine.top(terms, 10):
            if pid in ref:
                assert score == pytest.approx(ref[pid], rel=0.05)


@pytest.mark.parametrize("k", [1, 10, 18, 40])
def test_common_terms_searched_last_give_the_plain_disjunctions_best(generated_engines, k):
    """A question with a term in a third of the passages ('spend') is searched among the passages
    holding its rarer terms: the same passages, order and scores as the plain disjunction."""
    _, scalable, questions = generated_engines
    engine = scalable.engine
    plain_engine = TantivyEngine(engine.path, common_share=1.0)  # no term searched last
    used = 0
    for q in questions + ["spend money roads", "When will the council spend money?", "spend"]:
        terms = list(dict.fromkeys(scalable.query(q).terms))
        if not terms:
            continue
        used += engine.rare_first(terms, k) is not None
        plain = plain_engine.top(terms, k)
        got = engine.top(terms, k)
        assert [p for p, _ in got] == [p for p, _ in plain], q
        assert [s for _, s in got] == pytest.approx([s for _, s in plain], rel=1e-5), q
    if k <= 18:  # the answerer's sizes; 40 is often more than the rarer terms' passages (then: plain)
        assert used >= len(questions) // 2  # the generated questions name a common word


def test_the_same_hits_through_the_index(seed_engines):
    reference, scalable = seed_engines
    hits = [
        [(h.passage.id, h.matched_terms) for h in i.search("Who chairs the PCC?", 3)] for i in seed_engines
    ]
    assert hits[0] == hits[1]


@pytest.mark.parametrize("sid", SEED_IDS)
def test_search_in_keeps_to_one_source(seed_engines, sid):
    _, scalable = seed_engines
    hits = scalable.search_in(sid, "btc el salvadore", 3)
    assert hits and len(hits) <= 3 and {h.passage.source_id for h in hits} == {sid}
    assert all(h.score > 0 for h in hits)
    assert scalable.search_in("no_such_source", "bitcoin", 3) == []


def test_search_in_ranks_as_the_reference(seed_engines):
    reference, scalable = seed_engines
    for sid in SEED_IDS:
        assert [h.passage.id for h in reference.search_in(sid, "bitcoin reserve", 3)] == [
            h.passage.id for h in scalable.search_in(sid, "bitcoin reserve", 3)
        ]


def test_nothing_found_is_empty(seed_engines):
    for index in seed_engines:
        assert index.search("Kenya", 5) == [] and index.search("the of and", 5) == []


# -- the one analyzer -----------------------------------------------------------------------------


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(t.surface, t.term) for t in raw_tokens(text)]


def _indexed(text: str, cache: TermCache | None = None) -> tuple[list[str], dict[str, str]]:
    """What an index build gets for a text: its terms, and the written forms it reports."""
    surfaces: dict[str, str] = {}
    return (cache or TermCache()).index_terms(text, surfaces).split(), surfaces


def test_indexing_tokens_are_the_query_tokens_on_real_text(seed_engines):
    reference, _ = seed_engines
    texts = [passage_text(p) for p in reference.passages] + list(SMALL_CORPUS.values())
    texts += [
        "Price 2,000.5 and 3.5. In 2025, $5 and 1,2,3 or 1.2.3 .5 5,, ok",
        "see www.example.com/x or http://a.b/c",
        "I'm 12abc x1y",
        "€5 £3 $4 ＄7",
        "The U.S. and the US",
        "Ｆｕｌｌｗｉｄｔｈ １２３ text",
        "İstanbul ſtreet",
    ]
    cache = TermCache()  # one build: pieces seen before are remembered
    for text in texts:
        assert _indexed(text)[0] == [term for _, term in _pairs(text)], text
        assert _indexed(text, cache)[0] == [term for _, term in _pairs(text)], text
        assert _indexed(text)[1] == dict(_pairs(text)), text
        assert cache.tokens(text) == raw_tokens(text), text


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.one_of(st.sampled_from(list("abcXYZ019 ,.$€-'\n(")), st.characters()), max_size=80)
)
def test_indexing_tokens_are_the_query_tokens(text):
    assert _indexed(text) == ([term for _, term in _pairs(text)], dict(_pairs(text)))


def _concepts_one_by_one(
    phrases: dict[str, list[tuple[tuple[str, ...], str]]], terms: list[str], replace: bool
) -> list[str]:
    """Concept tokens added term by term, the plain way `Analyzer.concepts` must agree with."""
    out: list[str] = []
    skip = 0
    for i, term in enumerate(terms):
        if skip:
            skip -= 1
            continue
        out.append(term)
        for phrase, concept in phrases.get(term, ()):
            if tuple(terms[i : i + len(phrase)]) == phrase and concept != term:
                if replace:
                    out[-1] = concept
                    skip = len(phrase) - 1
                else:
                    out.append(concept)
                break
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcdxy"), max_size=14), st.booleans())
def test_concept_tokens_are_added_as_term_by_term(words, replace):
    from retrieval.analyzer import Analyzer, Equivalences

    analyzer = Analyzer(
        Equivalences(
            {("a", "b"): "ab", ("a", "b", "c"): "abc", ("b", "c"): "bc", ("x",): "y", ("d", "d"): "d"}
        )
    )
    assert analyzer.concepts(words, replace) == _concepts_one_by_one(
        analyzer.equivalences.by_first(), words, replace
    )
