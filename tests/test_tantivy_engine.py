"""The tantivy engine on a real index: analysed passages written and committed, then ranked by
BM25 (k1=1.2, b=0.75, Lucene's idf) with exact scores on short passages, filtered by source,
deleted by source, and the rarer-terms-first search giving the plain disjunction's best k."""

from __future__ import annotations

import math

import pytest

from retrieval.engines import K1, B, lucene_idf
from retrieval.tantivy_engine import TantivyEngine, TantivyWriter

# (pid, source, terms), added out of pid order so that tantivy's own order is not the pids'.
PASSAGES = [
    (7, 3, ["ferry", "harbour"]),
    (4, 2, ["bridge", "council"]),
    (3, 1, ["harbour", "ferry"]),
    (2, 1, ["council", "budget", "vote", "vote"]),
    (1, 0, ["bridge", "bridge", "toll"]),
    (0, 0, ["bridge", "council", "vote"]),
]
TERMS = {pid: terms for pid, _, terms in PASSAGES}


def bm25(pid: int, query: list[str]) -> float:
    """The reference score of one passage (lengths under 40 terms are stored exactly)."""
    n = len(PASSAGES)
    avgdl = sum(len(t) for t in TERMS.values()) / n
    terms = TERMS[pid]
    score = 0.0
    for q in dict.fromkeys(query):
        tf = terms.count(q)
        if tf:
            df = sum(q in t for t in TERMS.values())
            score += lucene_idf(n, df) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(terms) / avgdl))
    return score


def _write(path, passages) -> None:
    writer = TantivyWriter(path)
    for pid, source, terms in passages:
        writer.add(pid, source, terms)
    writer.commit()


@pytest.fixture
def index(tmp_path):
    path = tmp_path / "tantivy"
    _write(path, PASSAGES)
    return path


def test_every_committed_passage_is_counted(index):
    engine = TantivyEngine(index)
    assert engine.name == "tantivy"
    assert engine.n_passages == 6


def test_document_frequencies_leave_out_terms_no_passage_holds(index):
    engine = TantivyEngine(index)
    assert engine.document_frequencies(["bridge", "vote", "ferry", "toll", "kenya"]) == {
        "bridge": 3,
        "vote": 2,
        "ferry": 2,
        "toll": 1,
    }


def test_passages_with_all_terms(index):
    engine = TantivyEngine(index)
    assert sorted(engine.passages_with_all(["council", "bridge"])) == [0, 4]
    assert sorted(engine.passages_with_all(["vote", "council", "vote"])) == [0, 2]
    assert engine.passages_with_all(["bridge", "ferry"]) == []
    assert engine.passages_with_all(["kenya"]) == []


def test_top_ranks_by_bm25(index):
    engine = TantivyEngine(index)
    got = engine.top(["bridge"], 10)
    assert [pid for pid, _ in got] == [1, 4, 0]  # twice in 1; in 4, the shorter of 4 and 0
    assert [score for _, score in got] == pytest.approx(
        [bm25(pid, ["bridge"]) for pid in (1, 4, 0)], rel=1e-5
    )
    query = ["council", "vote", "toll"]
    got = engine.top(query, 10)
    assert [pid for pid, _ in got] == [2, 0, 1, 4]  # vote twice in 2; the rare toll alone in 1
    assert [score for _, score in got] == pytest.approx([bm25(pid, query) for pid in (2, 0, 1, 4)], rel=1e-5)


def test_top_keeps_the_best_k(index):
    engine = TantivyEngine(index)
    assert [pid for pid, _ in engine.top(["council", "vote", "toll"], 2)] == [2, 0]


def test_repeated_query_terms_count_once(index):
    engine = TantivyEngine(index)
    assert engine.top(["bridge", "bridge", "council"], 10) == engine.top(["bridge", "council"], 10)


def test_ties_are_broken_by_passage_number(index):
    engine = TantivyEngine(index)
    got = engine.top(["harbour"], 10)
    assert [pid for pid, _ in got] == [3, 7]  # the same terms: the same score
    assert got[0][1] == got[1][1] == pytest.approx(bm25(3, ["harbour"]), rel=1e-5)


def test_nothing_to_find_is_empty(index):
    engine = TantivyEngine(index)
    assert engine.top([], 10) == []
    assert engine.top(["kenya"], 10) == []
    assert engine.top(["bridge"], 0) == []


def test_a_source_filter_keeps_the_scores(index):
    engine = TantivyEngine(index)
    everywhere = dict(engine.top(["council", "vote"], 10))
    only = engine.top(["council", "vote"], 10, source=0)
    assert [pid for pid, _ in only] == [0]
    assert only[0][1] == pytest.approx(everywhere[0], rel=1e-6)
    assert [pid for pid, _ in engine.top(["council", "vote"], 10, source=1)] == [2]
    assert engine.top(["council", "vote"], 10, source=3) == []
    assert engine.top(["council"], 10, source=9) == []


def test_nothing_shows_until_commit(tmp_path):
    path = tmp_path / "tantivy"
    writer = TantivyWriter(path)
    writer.add(0, 0, ["bridge"])
    assert TantivyEngine(path).n_passages == 0
    writer.commit()
    assert TantivyEngine(path).top(["bridge"], 5) == [
        (0, pytest.approx(lucene_idf(1, 1) * (K1 + 1) / (1 + K1)))
    ]


def test_deleting_a_source_removes_its_passages(index):
    writer = TantivyWriter(index, existing=True)
    writer.delete_source(0)
    writer.commit()
    engine = TantivyEngine(index)
    assert engine.n_passages == 4
    assert sorted(pid for pid, _ in engine.top(["bridge", "council", "vote", "toll"], 10)) == [2, 4]
    assert engine.passages_with_all(["bridge"]) == [4]
    assert engine.top(["toll"], 10) == []


def test_an_existing_index_takes_more_passages(index):
    writer = TantivyWriter(index, existing=True)
    writer.add(8, 4, ["toll", "toll", "road"])
    writer.commit()
    engine = TantivyEngine(index)
    assert engine.n_passages == 7
    assert [pid for pid, _ in engine.top(["toll"], 10)] == [8, 1]
    assert engine.document_frequencies(["toll", "road"]) == {"toll": 2, "road": 1}


def test_an_engine_opened_before_a_commit_sees_the_index_it_opened(index):
    before = TantivyEngine(index)
    writer = TantivyWriter(index, existing=True)
    writer.delete_source(1)
    writer.commit()
    assert before.n_passages == 6
    assert TantivyEngine(index).n_passages == 4


# -- common terms searched last -------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """1,000 passages: 'spend' in a third (above the 1% share), 'roads' in 8, 'port' in 3."""
    passages = []
    for pid in range(1000):
        terms = [f"filler{pid % 37}", f"word{pid % 11}"] + (["spend"] if pid % 3 == 0 else [])
        if pid % 125 == 5:
            terms += ["roads"]
        if pid in (17, 200, 333):
            terms += ["port", "spend"]
        passages.append((pid, pid % 40, terms))
    path = tmp_path_factory.mktemp("archive") / "tantivy"
    _write(path, passages)
    return TantivyEngine(path)


def _plain(engine: TantivyEngine, terms: list[str], k: int) -> list[tuple[int, float]]:
    """The best k of the plain disjunction: the same index with no term searched last."""
    return TantivyEngine(engine.path, common_share=1.0).top(terms, k)


@pytest.mark.parametrize("k", [1, 3, 5])
def test_common_terms_searched_last_give_the_plain_best_k(archive, k):
    terms = ["spend", "roads", "port"]
    assert archive.rare_first(terms, k) is not None  # the rarer terms' passages hold the best k
    assert archive.top(terms, k) == _plain(archive, terms, k)
    assert {pid for pid, _ in archive.top(terms, 3)} == {17, 200, 333}


def test_the_plain_disjunction_is_used_when_rare_terms_cannot_fill_k(archive):
    terms = ["spend", "port"]
    assert archive.rare_first(terms, 10) is None  # 3 passages hold 'port'
    got = archive.top(terms, 10)
    assert got == _plain(archive, terms, 10)
    assert {17, 200, 333} <= {pid for pid, _ in got} and len(got) == 10


def test_a_query_of_common_terms_only_is_plain(archive):
    assert archive.rare_first(["spend"], 5) is None
    assert [pid for pid, _ in archive.top(["spend"], 3)] == [pid for pid, _ in _plain(archive, ["spend"], 3)]
    assert math.isclose(archive.top(["spend"], 1)[0][1], _plain(archive, ["spend"], 1)[0][1])
