"""The one analyzer: numbers, acronyms the corpus defines, equivalences, typos and Unicode folding."""

from __future__ import annotations

import pytest

from retrieval.analyzer import Analyzer, Equivalences, learn_acronyms, raw_tokens
from retrieval.passages import sentences
from retrieval.textnorm import fold


@pytest.fixture(scope="module")
def builtin():
    return Analyzer(Equivalences.builtin())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2,000 MW", "2000 MW"),
        ("6,238 BTC", "6238 BTC"),
        ("1,250.75 points", "1250.75 points"),
        ("100,000,000 users", "100000000 users"),
    ],
)
def test_numbers_with_and_without_separators(builtin, a, b):
    assert builtin.terms(a) == builtin.terms(b)


def test_decimals_are_not_split(builtin):
    assert "2.5" in builtin.terms("rose 2.5% this year")
    assert builtin.terms("2.5") != builtin.terms("25")


def test_stop_words_are_dropped_and_words_stemmed(builtin):
    assert builtin.terms("the holdings of the reserves") == builtin.terms("holding reserve")
    assert builtin.terms("the of and is it") == []


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        ("The Pakistan Crypto Council (PCC) met.", "PCC", "Pakistan Crypto Council"),
        (
            "It set up the Virtual Asset Regulatory Authority of Pakistan (VARAP) in July.",
            "VARAP",
            "Virtual Asset Regulatory Authority of Pakistan",
        ),
        ("They signed a Letter of Intent (LOI) in July.", "LOI", "Letter of Intent"),
        ("It holds Bitcoin (BTC) reserves.", "BTC", "Bitcoin"),
        ("The Harbour Transit Authority (HTA) runs the boats.", "HTA", "Harbour Transit Authority"),
    ],
)
def test_acronyms_are_learned_from_text(text, acronym, expansion):
    eq = Equivalences()
    learn_acronyms(text, eq)
    analyzer = Analyzer(eq)
    short = analyzer.terms(acronym)
    assert len(short) == 1
    assert short[0] in analyzer.terms(expansion)
    assert short[0] in analyzer.terms(expansion.lower())


def test_an_ordinary_parenthesis_is_not_an_acronym():
    eq = Equivalences()
    learn_acronyms("The price rose (sharply) and the Central Bank (in Lahore) said nothing.", eq)
    assert eq.phrases == {}


@pytest.mark.parametrize(
    ("acronym", "expansion"),
    [
        ("PCC", "Pakistan Crypto Council"),
        ("VARAP", "Virtual Asset Regulatory Authority of Pakistan"),
        ("LOI", "Letter of Intent"),
        ("PVARA", "Pakistan Virtual Asset Regulatory Authority"),
    ],
)
def test_seed_acronyms_are_learned_from_the_corpus(seeds_index, builtin, acronym, expansion):
    (concept,) = seeds_index.analyzer.terms(acronym)
    assert concept in seeds_index.analyzer.terms(expansion)
    assert concept not in builtin.terms(expansion), "learned from the articles, not shipped in a list"


@pytest.mark.parametrize(
    ("short", "long"),
    [("BTC", "Bitcoin"), ("CEO", "chief executive"), ("IMF", "International Monetary Fund")],
)
def test_builtin_equivalences(builtin, short, long):
    (concept,) = builtin.terms(short)
    assert concept in builtin.terms(long)


def test_one_analyzer_for_passages_and_queries(seeds_index, seed_passages):
    """A sentence of the corpus asked as a query matches itself on every query term: the query is
    the sentence's own index terms, with each long form folded into its concept token."""
    for _, p in seed_passages:
        for s in sentences(p):
            indexed = seeds_index.analyzer.terms(s.text)
            asked = seeds_index.query(s.text).terms
            assert set(asked) <= set(indexed), s.id
            folded = [t for t in indexed if t not in asked]
            concepts = set(asked) & set(seeds_index.analyzer.equivalences.phrases.values())
            phrases = seeds_index.analyzer.equivalences.phrases
            phrase_words = {w for ph, c in phrases.items() if c in concepts for w in ph}
            nested = {
                c for ph, c in phrases.items() if set(ph) <= phrase_words
            }  # 'regulatory authority' in PVARA's name
            assert set(folded) <= phrase_words | nested, s.id


def test_a_long_form_in_a_query_weighs_as_its_acronym(seeds_index):
    assert seeds_index.query("Pakistan Crypto Council").terms == seeds_index.query("PCC").terms == ["pcc"]


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("bitcion", "bitcoin"),
        ("pakistn", "pakistan"),
        ("salvadore", "salvador"),
        ("megawats", "megawatts"),
        ("Aurangzab", "Aurangzeb"),
    ],
)
def test_typos_are_corrected_against_the_corpus(seeds_index, typo, word):
    (typed,) = seeds_index.query(typo).words
    (right,) = seeds_index.query(word).words
    assert right.known
    assert typed.known and typed.term == right.term


def test_correction_is_reported(seeds_index):
    (w,) = seeds_index.query("bitcion").words
    assert (w.surface, w.corrected_from, w.term) == ("bitcion", "bitcion", raw_tokens("bitcoin")[0].term)


def test_no_correction_across_the_first_letter(seeds_index):
    assert "finance" in seeds_index.stats.surfaces  # one edit away from 'binance'
    (w,) = seeds_index.query("binance").words
    assert not w.known
    assert w.corrected_from is None
    assert w.term != raw_tokens("finance")[0].term


def test_unknown_words_are_kept_and_flagged(seeds_index):
    q = seeds_index.query("Kenya bitcoin")
    assert [(w.surface, w.known) for w in q.words] == [("kenya", False), ("bitcoin", True)]


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("non\u2011speculative reserve", "non-speculative reserve"),  # non-breaking hyphen
        ("El\u00a0Salvador", "El Salvador"),  # no-break space
        ("6,238\u202fBTC", "6,238 BTC"),  # narrow no-break space
        ("\u201cBitcoin Diplomacy\u201d", '"Bitcoin Diplomacy"'),
        ("Pakistan\u2019s reserve", "Pakistan's reserve"),
        ("Pakistan\u2013El Salvador", "Pakistan-El Salvador"),
    ],
)
def test_unicode_is_folded_for_matching(builtin, odd, plain):
    assert builtin.terms(odd) == builtin.terms(plain)
    assert fold(odd) == fold(plain)


def test_quotes_keep_the_original_characters(seeds_index):
    hit = seeds_index.search("non-speculative reserve", 1)[0]
    assert "non\u2011speculative" in hit.passage.text
    text = seeds_index.documents[hit.passage.source_id].text
    assert text[hit.passage.start : hit.passage.end] == hit.passage.text


def test_html_entities_and_soft_hyphens_match_as_text_and_quotes_stay_verbatim(tmp_path):
    """Text copied from a page keeps '&pound;' and '&nbsp;': analysis decodes them, quotes do not."""
    from tests.support.corpora import open_service, write_corpus

    body = "The flood left an estimated &pound;3.8&nbsp;million of repairs at the co\u00adoperative dairy."
    service = open_service(write_corpus(tmp_path, {"dairy.txt": "Dairy Repairs\n\n" + body + "\n"}))
    (hit,) = service.search("£3.8 million cooperative", k=1)
    assert {"gbp", "3.8", "million", "cooper"} <= set(hit.matched_terms)
    answer = service.ask("How much were the repairs at the cooperative dairy?")
    assert not answer.abstained
    cit = answer.citations[0]
    assert cit.quote == body == service.index.documents["dairy"].text[cit.start : cit.end]


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("birth", "born"),
        ("death", "died"),
        ("flight", "flew"),
        ("loss", "lost"),
        ("sale", "sold"),
        ("growth", "grew"),
    ],
)
def test_irregularly_derived_nouns_meet_their_verbs(builtin, noun, verb):
    # 'date of birth' finds 'was born', 'the sale of the yard' finds 'was sold'
    assert builtin.terms(noun) == builtin.terms(verb)


def test_words_are_the_raw_terms_in_order_without_concept_tokens():
    analyzer = Analyzer()
    text = "The International Monetary Fund lent Ghana $3bn in 2023."
    terms = analyzer.terms(text)
    words = analyzer.words(text)
    assert list(words) == [t.term for t in raw_tokens(text)]
    assert len(terms) > len(words)  # the IMF concept token follows the phrase in `terms` only
    assert analyzer.words(text) is words  # remembered
