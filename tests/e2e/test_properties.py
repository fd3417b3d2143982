"""Property tests: hostile and malformed input through the service and the renderers.

For any input: no exception; every reply is HTML that Telegram's parser accepts, in messages
of at most 4096 UTF-16 units; every quote is verbatim text of the cited document.

The CI run draws a few hundred inputs per property. The long run draws 10,000:
`CITEBOT_LONG_TESTS=1 pytest tests/e2e/test_properties.py`.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import render_answer, render_comparison, render_quotes
from bot.service import MAX_QUESTION_CHARS, clip_question
from bot.telegram_adapter.split import split_html, utf16_len
from tests.support.checks import assert_verbatim
from tests.support.telegram_html import parse_telegram_html

LONG = os.environ.get("CITEBOT_LONG_TESTS") == "1"
EXAMPLES = 10_000 if LONG else 150
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

HOSTILE = [
    "<b>",
    "</a>",
    "&",
    "&amp;",
    "<script>alert(1)</script>",
    "{{ answer }}",
    "{% for x in y %}",
    "{#",
    "%s %d {0} {x!r}",
    "'; DROP TABLE sources; --",
    "../../etc/passwd",
    "C:\\Windows\\system32",
    "*bold*",
    "_it_",
    "[link](http://example.org)",
    "`code`",
    "```",
    "> quote",
    "\u200f",
    "\u200d",
    "\u202e",
    "👩‍👩‍👧‍👦",
    "🇵🇰",
    "پاکستان اور ایل سلواڈور",
    "\x00",
    "\x1b[31m",
    "\ud800",
    "\udfff",
    "\ufeff",
    "El Salvador",
    "bitcoin",
    "PCC",
    "2,000 MW",
    "How much",
    "compare the sources on",
    "?",
    "\n\n",
]

# Any code point Python allows in a str, lone surrogates included.
any_text = st.text(alphabet=st.characters(codec=None, categories=None), max_size=300)
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), any_text), min_size=1, max_size=8).map(" ".join)
questions = st.one_of(any_text, hostile_text)


def assert_telegram_ok(html: str) -> None:
    for part in split_html(html):
        assert utf16_len(parse_telegram_html(part)[0]) <= 4096
        parse_telegram_html(part)  # raises TelegramHTMLError on anything Telegram rejects


@PROFILE
@given(question=questions)
def test_ask_any_input(seeds_service, question):
    answer = seeds_service.ask(question)
    assert_verbatim(seeds_service, answer.citations)
    assert_telegram_ok(render_answer(answer, "html"))
    assert_telegram_ok(render_quotes(answer, "html"))
    render_answer(answer, "text")


@PROFILE
@given(topic=questions)
def test_compare_any_input(seeds_service, topic):
    comparison = seeds_service.compare(topic)
    assert_verbatim(seeds_service, comparison.citations)
    assert_telegram_ok(render_comparison(comparison, "html"))


@settings(
    max_examples=EXAMPLES // 5,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(question=questions, page=st.integers(min_value=1, max_value=50))
def test_more_any_input(seeds_service, question, page):
    more = seeds_service.more(question, page)
    assert_verbatim(seeds_service, more.citations)
    assert_telegram_ok(render_answer(more, "html"))


@pytest.mark.parametrize("size", [1_000, 100_000, 1_000_000])
def test_long_questions_are_cut_not_refused(seeds_service, size):
    question = ("How much bitcoin does El Salvador hold? " * (size // 40 + 1))[:size]
    assert len(clip_question(question)) <= MAX_QUESTION_CHARS
    answer = seeds_service.ask(question)
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert not answer.abstained  # the first part is a real question, and it is answered
    assert_telegram_ok(render_answer(answer, "html"))


def test_one_unbroken_word_is_cut_too(seeds_service):
    answer = seeds_service.ask("x" * 200_000)
    assert len(answer.question) == MAX_QUESTION_CHARS
    assert answer.abstained
