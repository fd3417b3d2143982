"""Real pages in, nothing lost: a corpus of saved news pages written for this test by someone
who had not read the ingestion code (tests/data/pages/README.md). Every body sentence of every
page is in some passage, no furniture line is, and the metadata is what each page states."""

from __future__ import annotations

import json
import re

import pytest

from retrieval.passages import sentences
from tests.support.corpora import load_corpus
from tests.support.pages_server import PAGES

EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def pages():
    return load_corpus(PAGES / "corpus")


def _doc(pages, name: str):
    return pages.index.documents[name.rpartition(".")[0]]


def test_every_page_loads(pages):
    assert pages.skipped == []
    assert sorted(pages.index.source_ids()) == sorted(n.rpartition(".")[0] for n in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_body_sentence_is_in_a_passage_in_order(pages, name):
    sid = name.rpartition(".")[0]
    text = " \n ".join(_norm(p.text) for p in pages.index.passages_of(sid))
    at = 0
    for sentence in EXPECTED[name]["body"]:
        found = text.find(_norm(sentence), at)
        assert found >= 0, sentence
        at = found + len(_norm(sentence))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_furniture_line_is_indexed(pages, name):
    sid = name.rpartition(".")[0]
    passages = pages.index.passages_of(sid)
    for line in EXPECTED[name]["furniture"]:
        for p in passages:
            assert _norm(line) not in _norm(p.text), (line, p.id)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_quotes_are_exact_against_the_extracted_text(pages, name):
    doc = _doc(pages, name)
    for p in pages.index.passages_of(doc.source_id):
        assert doc.text[p.start : p.end] == p.text
        assert all(doc.text[s.start : s.end] == s.text for s in sentences(p))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_is_what_the_page_states(pages, name):
    meta = _doc(pages, name).meta
    expected = EXPECTED[name]
    authors = re.split(r", | and ", meta.author) if meta.author else []
    assert {
        "title": _norm(meta.title or ""),
        "authors": sorted(a.casefold() for a in authors),
        "date": meta.published,
        "outlet": meta.outlet,
    } == {
        "title": _norm(expected["title"]),
        "authors": sorted(a.casefold() for a in expected["authors"]),
        "date": expected["date"],
        "outlet": expected["outlet"],
    }
