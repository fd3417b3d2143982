"""Evidence selection (bot/answering/evidence.py): which sentences of the top passages may answer,
by the names they hold, their peers and their context. Evidence selection as a whole is tested
through the answerer (test_answerer.py, e2e/test_answer_constraints.py)."""

from __future__ import annotations

import pytest

from bot.answering.evidence import capitalised_in, gather, written_as_name
from tests.support.corpora import open_service, write_corpus


def _candidates(tmp_path, text: str, question: str):
    service = open_service(write_corpus(tmp_path, {"a.txt": text}))
    answerer = service._answerer
    kind, query, slots = answerer._analyze(question)
    return {c.sentence.text: c for c in gather(service.index, query, kind, slots, ranker=answerer.ranker)}


def test_a_sentence_lacking_the_asked_name_and_naming_another_may_not_answer(tmp_path):
    text = (
        "Valley Towns\n\nWendby holds a market every Tuesday. The population of Wendby was 6,120 at the 1991 census. "
        "Marsh Tilling holds a cattle fair.\n"
    )
    found = _candidates(tmp_path, text, "What was the population of Marsh Tilling at the 1991 census?")
    wendby = found["The population of Wendby was 6,120 at the 1991 census."]
    assert wendby.other_subject and not wendby.eligible
    found = _candidates(tmp_path / "b", text, "What was the population of Wendby at the 1991 census?")
    assert found["The population of Wendby was 6,120 at the 1991 census."].eligible
    # who / which / where questions are answered by another name: the rule leaves them alone
    found = _candidates(tmp_path / "c", text, "Who counted Marsh Tilling's population in 1991?")
    assert not found["The population of Wendby was 6,120 at the 1991 census."].other_subject


def test_a_rare_first_word_is_a_name_but_a_speaker_or_a_common_word_is_not(tmp_path):
    text = (
        "Guild Records\n\nOsterkamp was admitted to the Guild of Glaziers in 1764. "
        "Apprentices were admitted to the Guild of Glaziers in 1770. "
        "Brannigan said the Guild of Glaziers met in 1771.\n"
    )
    found = _candidates(tmp_path, text, "When was Tillwick admitted to the Guild of Glaziers?")
    # 'Osterkamp', though it opens the sentence, is another person than the one asked about
    assert found["Osterkamp was admitted to the Guild of Glaziers in 1764."].other_subject
    # a common word opening a sentence names no one; a speaker is quoted, not the subject
    assert not found["Apprentices were admitted to the Guild of Glaziers in 1770."].other_subject
    assert not found["Brannigan said the Guild of Glaziers met in 1771."].other_subject


def test_a_name_typed_in_lower_case_is_a_name_when_the_articles_capitalise_it(tmp_path):
    service = open_service(
        write_corpus(
            tmp_path,
            {
                "fees.txt": "Harbour Fees\n\nThe harbour board paid Odile Ferrand a fee of 12,000 euros in 2023.\n",
                "board.txt": "Board Changes\n\nThe harbour board said Jonas Brekkestad would join it in May.\n",
            },
        )
    )
    answerer = service._answerer
    kind, query, slots = answerer._analyze("how much did the harbour board pay jonas brekkestad")
    found = {c.sentence.text: c for c in gather(service.index, query, kind, slots, ranker=answerer.ranker)}
    assert found["The harbour board paid Odile Ferrand a fee of 12,000 euros in 2023."].other_subject


def test_written_as_name_needs_a_rare_word_the_articles_capitalise():
    texts = ["Rates rose in Tollmere last year.", "Tollmere's harbour is busy. The harbour board met."]
    assert written_as_name("tollmere", texts)
    assert not written_as_name("harbour", texts)  # common, and written in lower case
    assert not written_as_name("rates", texts)  # capitalised only at a sentence's start
    assert not written_as_name("vessholm", texts)  # not in the articles at all


ROWING = """Harrowgate rowing club names new captain

The Harrowgate rowing club has named Marta Okafor-Lind as captain for the coming season. The club trains on the canal basin every morning.

Okafor-Lind has won 11 national medals, the most by any Harrowgate rower. She joined the club at the age of fourteen.
"""


def test_a_person_is_named_by_surname_once_the_article_names_them_in_full(tmp_path):
    service = open_service(write_corpus(tmp_path, {"rowing.txt": ROWING}))
    reply = service.ask("How many national medals has Marta Okafor-Lind won?")
    assert not reply.abstained and "11 national medals" in reply.statements[0].quote


def test_a_surname_two_people_share_does_not_name_either(tmp_path):
    text = ROWING.replace(
        "She joined the club", "Her brother Pavel Okafor-Lind coaches the juniors. She joined the club"
    )
    service = open_service(write_corpus(tmp_path, {"rowing.txt": text}))
    reply = service.ask("How many national medals has Marta Okafor-Lind won?")
    assert reply.abstained or "11 national medals" not in reply.statements[0].quote


def test_names_a_headline_pairs_are_peers(tmp_path):
    text = (
        "Ardlen and Barrowby Sign Regional Water Pact\n\nThe two towns agreed on Tuesday to share the cost of a "
        "new reservoir pipeline. Barrowby will pay £2.4m a year towards the scheme, the council said.\n\n"
        "Work on the pipeline is due to start next spring, and Ardlen's mayor called the deal fair.\n"
    )
    service = open_service(write_corpus(tmp_path, {"pact.txt": text}))
    reply = service.ask("How much will Ardlen pay towards the scheme each year?")
    assert reply.abstained or "£2.4m" not in reply.statements[0].quote
    reply = service.ask("How much will Barrowby pay towards the scheme each year?")
    assert not reply.abstained and "£2.4m" in reply.statements[0].quote


PUMPING = (
    "Kelso and Marrick Agree Shared Pumping Station\n\nThe two villages agreed on Monday to build a shared "
    "pumping station on the Tarn. Kelso will pay £2.4m a year towards running it, while Marrick has "
    "promised the land beside the weir, the parish clerk said.\n\nWork is due to start in the spring.\n"
)


def test_a_figure_the_sentence_gives_a_peer_does_not_answer_for_the_other(tmp_path):
    service = open_service(write_corpus(tmp_path, {"pumping.txt": PUMPING}))
    assert "£2.4m" in service.ask("How much will Kelso pay each year?").statements[0].quote
    reply = service.ask("How much will Marrick pay each year towards running the pumping station?")
    assert reply.abstained or "£2.4m" not in reply.statements[0].quote


def test_a_peer_typed_in_lower_case_is_still_a_peer(tmp_path):
    text = PUMPING.replace(
        ", while Marrick has promised the land beside the weir, the parish clerk said.",
        ", the parish clerk said. The plan was backed by Marrick's council on Tuesday.",
    )
    service = open_service(write_corpus(tmp_path, {"pumping.txt": text}))
    reply = service.ask("how much will marrick pay each year towards running it")
    assert reply.abstained or "£2.4m" not in reply.statements[0].quote


def test_when_no_passage_holds_a_question_word_its_synonyms_are_searched(tmp_path):
    text = "Trawler crew rescued\n\nTwo physicians from the island treated the rescued crew at the harbour.\n"
    service = open_service(write_corpus(tmp_path, {"crew.txt": text}))
    reply = service.ask("any doctors?")
    assert reply.citations or reply.closest, reply.reason
    assert "physicians" in (reply.citations or reply.closest)[0].quote


@pytest.mark.parametrize(
    ("word", "texts", "capitalised"),
    [
        ("brannock", ["Fees at Brannock's yard rose.", "The Brannock pier is shut."], True),
        ("brannock", ["Fees at Brannock rose.", "A brannock is a measuring device."], False),
        ("brannock", ["Brannock opened in May."], False),  # only where a sentence starts
        ("brannock", ['He said: "Brannock opened."', "Visitors to Brannock ate."], True),
        ("brannock", ["The Brannock-Ure line runs on Sundays."], False),  # part of a longer name
        ("brannock", ["The Brannocks were there."], False),  # another word
        ("brannock", ["Ask O'Brannock, who runs it."], False),
        (
            "brannock",
            ["Brannock'd be proud, said Ames of Brannock."],
            True,
        ),  # 'd is no possessive: that one is not the word
    ],
)
def test_capitalised_in_reads_whole_words_and_possessives(word, texts, capitalised):
    assert capitalised_in(word, texts) is capitalised
