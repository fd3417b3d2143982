"""A question's slots and a text's coverage of them (bot/answering/slots.py)."""

from __future__ import annotations

from bot.answering.slots import UNKNOWN_WEIGHT, coverage, new_words, question_slots
from tests.support.corpora import open_service, write_corpus

CORPUS = {
    "a.txt": "Lifeboat crew honoured\n\nThe Gullholm lifeboat crew rescued eleven fishermen from the trawler "
    "Northern Star in a force nine gale. The crew were honoured by the harbour board on Friday.\n",
    "b.txt": "Harbour board budget\n\nThe harbour board approved its budget for the year. The board meets "
    "monthly and the harbour master reports to it.\n",
}


def test_a_slot_per_content_word_weighed_by_idf(tmp_path):
    index = open_service(write_corpus(tmp_path, CORPUS)).index
    slots = question_slots(index, index.query("How many fishermen did the Gullholm lifeboat rescue?"))
    by_word = {s.surface.lower(): s for s in slots}
    assert {"fishermen", "gullholm", "lifeboat", "rescue"} <= set(by_word)
    assert "how" not in by_word and "did" not in by_word
    # a word in one article weighs more than one in both
    assert by_word["gullholm"].weight > index_weight(index, "harbour board meets")


def index_weight(index, question: str) -> float:
    return max(s.weight for s in question_slots(index, index.query(question)) if s.surface == "harbour")


def test_a_word_no_article_holds_weighs_as_much_as_the_rarest_and_is_never_covered(tmp_path):
    index = open_service(write_corpus(tmp_path, CORPUS)).index
    slots = question_slots(index, index.query("How many fishermen did the Gullholm hovercraft rescue?"))
    unknown = next(s for s in slots if s.surface == "hovercraft")
    assert not unknown.known and unknown.weight >= UNKNOWN_WEIGHT * min(s.weight for s in slots if s.known)
    share, covered = coverage(slots, set(index.analyzer.terms(CORPUS["a.txt"])))
    assert 0 < share < 1 and "hovercraft" not in covered


def test_new_words_are_what_a_text_adds_to_the_question(tmp_path):
    index = open_service(write_corpus(tmp_path, CORPUS)).index
    slots = question_slots(index, index.query("Who rescued the Northern Star fishermen?"))
    assert new_words("the Gullholm lifeboat crew", slots)
    assert not new_words("Northern Star", slots)


def test_a_question_of_frame_words_alone_looks_up_the_ones_naming_what_is_asked(tmp_path):
    """'depth?' or 'and the date?' has nothing else to look up; 'the date of the rescue' drops
    'date' (the rescue is what is looked up) and 'please tell me' stays empty."""
    corpus = dict(CORPUS, **{"c.txt": "Dredging\n\nThe channel was dredged to a depth of nine metres.\n"})
    index = open_service(write_corpus(tmp_path, corpus)).index
    assert [s.surface for s in question_slots(index, index.query("depth?"))] == ["depth"]
    assert [s.surface for s in question_slots(index, index.query("what about the date?"))] == ["date"]
    assert "date" not in {s.surface for s in question_slots(index, index.query("the date of the rescue"))}
    assert question_slots(index, index.query("please tell me")) == []
