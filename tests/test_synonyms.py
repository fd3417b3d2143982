"""Question words matched by their synonyms (`retrieval/synonyms.py`, a table built from WordNet's
frequent senses by tools/build_synonyms.py), in invented wording."""

from __future__ import annotations

from importlib import resources

from retrieval.analyzer import Analyzer
from retrieval.synonyms import Synonyms, builtin_table
from tests.support.corpora import open_service

CLINIC = """Harbour clinic opens

The Harbour Street clinic opened its doors on Monday after two years of building work. It employs eleven physicians and a team of nurses, the health board said. Patients can book appointments online or by phone.

The old clinic on Quay Road will close at the end of the month. Its building will be sold to a housing charity.
"""
FERRY = """Ferry timetable changes

The ferry company will add a late crossing on Fridays from June. Tickets for the late crossing go on sale next week. The company said demand had grown since the new pier opened in 2019.
"""


def test_a_word_maps_to_its_synonyms_index_terms():
    analyzer = Analyzer()
    synonyms = Synonyms({"purchase": ["buy"], "automobile": ["car", "auto"]}, analyzer.terms)
    assert synonyms.of(analyzer.terms("purchases")[0]) == {analyzer.terms("buy")[0]}
    assert synonyms.of(analyzer.terms("automobile")[0]) == {
        analyzer.terms("car")[0],
        analyzer.terms("auto")[0],
    }
    assert synonyms.of(analyzer.terms("ferry")[0]) == frozenset()


def test_the_built_in_table_keeps_frequent_senses_and_wordnets_notice():
    table = builtin_table()
    assert "physician" in table["doctor"] and "doctor" in table["physician"]
    assert "wed" in table["marry"]
    assert "firm" in table and "house" not in table  # 'house' as a business is a rare sense of it
    text = resources.files("retrieval").joinpath("data/synonyms.txt").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in text


def test_a_question_in_other_words_is_answered(make_corpus):
    service = open_service(make_corpus({"clinic.txt": CLINIC, "ferry.txt": FERRY}))
    reply = service.ask("How many doctors work at the Harbour Street clinic?")
    assert not reply.abstained
    assert "eleven physicians" in reply.statements[0].quote


def test_a_word_that_is_no_synonym_still_misses(make_corpus):
    service = open_service(make_corpus({"clinic.txt": CLINIC, "ferry.txt": FERRY}))
    assert service.ask("How many dentists work at the Harbour Street clinic?").abstained


MILL = """Carding mill history

The Ashgill carding mill opened in 1841 on the bank of the Tarn beck. At its peak it employed 120 spinners and carders.

Wool prices rose sharply in the 1870s, and the owners added a second floor in 1876.
"""


def test_a_sentence_saying_the_opposite_does_not_answer(make_corpus):
    service = open_service(make_corpus({"mill.txt": MILL, "ferry.txt": FERRY}))
    assert service.ask("When did the Ashgill carding mill close?").abstained
    reply = service.ask("When did the Ashgill carding mill open?")
    assert not reply.abstained and "1841" in reply.statements[0].quote


def test_opposites_are_read_both_ways():
    table = builtin_table("antonyms")
    assert "sell" in table["buy"] and "buy" in table["sell"]
    assert "close" in table["open"] and "open" in table["close"]


def test_a_place_and_its_adjective_match_each_other():
    table = builtin_table("synonyms")
    assert "france" in table["french"] and "french" in table["france"]
    assert "tibet" in table["tibetan"] and "poland" in table["polish"]


def test_a_question_on_a_place_is_answered_by_its_adjective(make_corpus):
    text = (
        "Kessock twinning\n\nThe town council voted on Tuesday to renew its twinning. Kessock has been "
        "twinned since 1974 with Lorient, a port in Brittany, and holds an exchange every summer.\n"
        "\nKessock's mayor visited Lorient in June, when he was given French citizenship.\n"
    )
    service = open_service(make_corpus({"twin.txt": text}))
    reply = service.ask("When was Kessock's mayor given citizenship of France?")
    assert not reply.abstained and "French citizenship" in reply.statements[0].quote
