"""Cited answers, disagreements, declines and comparisons, through the one Service.

The answerer is still being tuned, so most assertions are properties that any good answer
has (verbatim quotes, markers that match citations, declines both ways); the retrieval
cases of issue 2 are pinned.
"""

from __future__ import annotations

import json
import re

import pytest

from bot.answering.models import Answer, Comparison
from bot.service import MAX_QUESTION_CHARS
from retrieval.textnorm import fold
from tests.support.checks import assert_verbatim
from tests.support.corpora import QUESTIONS, S000, S001, S002, S003, S004, SEED_IDS

ANSWERABLE = [
    "Who chairs the PCC?",
    "How much bitcoin does El Salvador hold?",
    "How many megawatts will Pakistan allocate to Bitcoin mining?",
    "When was the VARAP established?",
    "Who is El Salvador's president?",
    "how many pakistanis hold crypto",
    "btc el salvadore",
    "What is the PCC?",
]
UNANSWERABLE = [
    "What is the capital of Kenya?",
    "Does Pakistan hold Ethereum?",
    "What did the World Bank say about the deal?",
    "How tall is Mount Everest?",
    "Who is the CEO of Binance?",
]
HOLDINGS = {"6,238", "6,240", "6,200", "6,000"}
HOLDINGS_TOPIC = "compare the sources on El Salvador's bitcoin holdings"


def _markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


@pytest.mark.parametrize("question", ANSWERABLE + UNANSWERABLE)
def test_every_quote_is_verbatim(seeds_service, ask, question):
    answer = ask(question)
    assert_verbatim(seeds_service, answer.citations)
    for e in answer.evidence:
        assert seeds_service.index.documents[e.source_id].text[e.start : e.end] == e.quote


@pytest.mark.parametrize("question", ANSWERABLE)
def test_answerable_questions_are_answered_with_citations(seeds_service, ask, question):
    answer = ask(question)
    assert isinstance(answer, Answer)
    assert not answer.abstained, answer.reason
    assert 1 <= len(answer.statements) <= 3
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert _markers(answer.answer) == {c.n for c in answer.citations}
    for st in answer.statements:
        assert st.quote in answer.answer
        quotes = {c.n: c.quote for c in answer.citations}
        assert st.citations and set(st.citations) <= set(quotes)
        assert st.quote in {quotes[n] for n in st.citations}  # shown once, cited from every source making it
    for c in answer.citations:
        meta = seeds_service.index.documents[c.source_id].meta
        assert (c.title, c.outlet, c.published, c.url) == (meta.title, meta.outlet, meta.published, meta.url)


def test_who_chairs_the_pcc_quotes_the_aurangzeb_sentence(ask):
    answer = ask("Who chairs the PCC?")
    assert answer.answer_type == "person"
    assert answer.citations[0].sentence_id == f"{S003}#p23.s1"
    assert "Muhammad Aurangzeb" in fold(answer.answer)


def test_2000_mw_answer_cites_the_megawatt_sentences(ask):
    answer = ask("How many megawatts will Pakistan allocate to Bitcoin mining?")
    assert answer.answer_type == "quantity"
    assert all("2,000" in c.quote for c in answer.citations)
    assert {c.source_id for c in answer.citations} >= {S003, S004}


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_are_declined(ask, question):
    answer = ask(question)
    assert answer.abstained
    assert answer.citations == [] and answer.statements == []
    assert answer.reason
    assert answer.answer.startswith("The articles don't answer this.")
    assert answer.covered  # points to what the articles do cover


def test_a_missing_name_is_named_in_the_decline(ask):
    assert "Kenya" in ask("What is the capital of Kenya?").reason
    assert "Binance" in ask("Who is the CEO of Binance?").reason


def test_disagreement_shows_each_value_with_its_source(seeds_service, ask):
    answer = ask("How much bitcoin does El Salvador hold?")
    assert not answer.abstained
    d = answer.disagreement
    assert d is not None
    figures = [next((f for f in HOLDINGS if f in fold(v.value)), None) for v in d.values]
    assert None not in figures and len(set(figures)) == len(figures) >= 2
    sources = [sid for v in d.values for sid in v.source_ids]
    assert len(sources) == len(set(sources)) >= 2
    by_n = {c.n: c for c in answer.citations}
    for v, figure in zip(d.values, figures, strict=False):
        assert v.citations and all(
            by_n[n].source_id in v.source_ids and figure in fold(by_n[n].quote) for n in v.citations
        )
    assert "differ" in answer.answer
    assert _markers(answer.answer) == set(by_n)


def test_comparison_per_source(seeds_service, compare):
    comparison = compare(HOLDINGS_TOPIC)
    assert isinstance(comparison, Comparison)
    assert comparison.topic == "El Salvador's bitcoin holdings"
    assert [v.source_id for v in comparison.sources] == list(SEED_IDS)
    assert comparison.silent == [v.source_id for v in comparison.sources if not v.covered]
    by_n = {c.n: c for c in comparison.citations}
    for view in comparison.sources:
        assert view.covered == bool(view.statements)
        for st in view.statements:
            doc = seeds_service.index.documents[view.source_id]
            assert doc.text[st.start : st.end] == st.quote
            assert by_n[st.n].quote == st.quote and by_n[st.n].source_id == view.source_id
    assert_verbatim(seeds_service, comparison.citations)


def test_comparison_shows_the_holdings_difference(compare):
    comparison = compare(HOLDINGS_TOPIC)
    for d in comparison.differences:
        figures = {f for v in d.values for f in HOLDINGS if f in fold(v.value)}
        if len(figures) >= 2:
            break
    else:
        pytest.fail(f"no difference over the holdings figures: {comparison.differences}")
    owners = {f: {sid for v in d.values if f in fold(v.value) for sid in v.source_ids} for f in figures}
    assert owners.get("6,238") in (None, {S003})
    assert owners.get("6,240") in (None, {S001})
    assert owners.get("6,200") in (None, {S002})
    assert owners.get("6,000") in (None, {S004})


def test_comparison_names_silent_sources(compare):
    comparison = compare("the 2,000 MW bitcoin mining plan")
    assert S001 in comparison.silent  # 001 never mentions mining or megawatts
    assert not {S002, S003, S004} & set(comparison.silent)  # each states the 2,000 MW


def test_comparison_of_an_absent_topic_has_every_source_silent(compare):
    comparison = compare("Kenya's mobile money")
    assert comparison.silent == list(SEED_IDS)
    assert comparison.differences == [] and comparison.citations == []


def test_a_source_without_the_holdings_is_silent(compare):
    assert S000 in compare(HOLDINGS_TOPIC).silent


@pytest.mark.parametrize(
    "question",
    [
        "How do the sources differ on El Salvador's bitcoin holdings?",
        "compare the sources on El Salvador's bitcoin holdings",
        "Do the articles agree on the 2,000 MW plan?",
    ],
)
def test_ask_routes_comparison_questions(seeds_service, ask, question):
    answer = ask(question)
    assert answer.comparison is not None
    assert not answer.abstained
    assert answer.citations == answer.comparison.citations
    assert _markers(answer.answer) <= {c.n for c in answer.citations}
    assert_verbatim(seeds_service, answer.citations)


def test_ordinary_question_is_not_a_comparison(ask):
    assert ask("Who chairs the PCC?").comparison is None


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


def test_source_detail(seeds_service):
    detail = seeds_service.source(S004)
    text = seeds_service.index.documents[S004].text
    assert detail.author == "N4k4m0t0"
    assert detail.opening and all(s in text for s in detail.opening)
    assert detail.opening[0].startswith("In a historic move")
    assert detail.figures and all(f.text in text for f in detail.figures)
    assert any("2,000" in f.text for f in detail.figures)


# The disagreements issue 3 names, each shown with its sources.
@pytest.mark.parametrize(
    ("topic", "about", "values"),
    [
        ("El Salvador's bitcoin holdings", "the figure in BTC", {"6,238", "6,240", "6,200", "6,000"}),
        (
            "Pakistan's regulatory authority for digital assets",
            "the name of the authority",
            {
                "Pakistan Digital Assets Authority",
                "Pakistan Virtual Asset Regulatory Authority",
                "Virtual Asset Regulatory Authority of Pakistan",
            },
        ),
        ("where the agreement was signed", "the place", {"Bitcoin Atlantis Conference", "San Salvador"}),
    ],
)
def test_the_known_disagreements_are_shown_with_their_sources(compare, topic, about, values):
    comparison = compare(topic)
    [difference] = [d for d in comparison.differences if d.about == about]
    shown = " | ".join(v.value for v in difference.values)
    assert all(value in shown for value in values), shown
    quotes = {c.n: c for c in comparison.citations}
    for v in difference.values:
        assert v.source_ids and all(quotes[n].source_id in v.source_ids for n in v.citations)
        assert v.value == v.texts[0] and len(v.texts) == len(v.citations)
        assert all(
            t in quotes[n].quote for t, n in zip(v.texts, v.citations, strict=True)
        )  # as each quote writes it


def test_why_an_answer_declines_is_said_in_one_of_the_template_sentences(ask):
    """The reasons come from bot/templates/reason_*.txt, word for word, in the JSON and the reply."""
    assert ask("?? !!").reason == "The question has no words to look up."
    assert ask("What is the capital of Kenya?").reason == "The articles do not mention Kenya."
    assert ask("What did Zorblax Quimby say?").reason == "The articles do not mention Zorblax, Quimby."
    declined = ask("bananas")
    assert declined.reason == "No passage in the articles matches the question."
    assert (
        declined.answer == "The articles don't answer this. No passage in the articles matches the question."
    )
    sentences = {
        "The question has no words to look up.",
        "No passage in the articles matches the question.",
        "No sentence in the articles answers the question.",
    }
    for row in map(json.loads, QUESTIONS.read_text(encoding="utf-8").splitlines()):
        answer = ask(row["question"])
        if answer.closest:
            assert answer.reason == "No sentence answers this directly."
            assert answer.answer.startswith("No sentence answers this directly. The closest passages:\n")
        elif answer.abstained and answer.comparison is None:
            assert answer.reason in sentences or re.fullmatch(
                r"The articles do not mention [^.]+\.", answer.reason
            )
            assert answer.answer == f"The articles don't answer this. {answer.reason}"
