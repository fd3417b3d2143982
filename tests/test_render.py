"""Every template, as Telegram HTML (checked with Telegram's rules) and as plain text."""

from __future__ import annotations

import json
import re

import pytest

from bot.answering.models import Answer, Citation, Comparison, SourceStatement, SourceView, Statement
from bot.render import (
    display,
    render_answer,
    render_asked,
    render_comparison,
    render_quotes,
    render_source,
    render_sources,
    render_template,
    source_label,
)
from bot.telegram_adapter.split import split_html
from retrieval.passages import sentences
from tests.support.corpora import HOSTILE_TITLE, S000, S001, SEED_IDS, SMALL_CORPUS, open_service
from tests.support.telegram_html import entity_text, parse_telegram_html, utf16_len

LIMIT = 4096


def _messages(html: str) -> list[str]:
    """The HTML as Telegram messages: one if it fits, else the adapter's split."""
    if utf16_len(parse_telegram_html(html)[0]) <= LIMIT:
        return [html]
    return split_html(html, LIMIT)


def check_html(html: str) -> str:
    """Parse like Telegram does (strict); every message fits; returns the plain text."""
    plain, _ = parse_telegram_html(html)
    for part in _messages(html):
        part_plain, _ = parse_telegram_html(part)
        assert utf16_len(part_plain.strip()) <= LIMIT
    return plain


@pytest.fixture(scope="module")
def answers(ask) -> dict[str, Answer]:
    return {
        "answer": ask("Who chairs the PCC?"),
        "abstained": ask("What is the capital of Kenya?"),
        "disagreement": ask("How much bitcoin does El Salvador hold?"),
        "comparison-answer": ask("How do the sources differ on El Salvador's bitcoin holdings?"),
    }


@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize("kind", ["answer", "abstained", "disagreement", "comparison-answer"])
def test_answer_templates(answers, kind, fmt):
    answer = answers[kind]
    assert (answer.disagreement is not None) == (kind == "disagreement")
    assert (answer.comparison is not None) == (kind == "comparison-answer")
    out = render_answer(answer, fmt)
    plain = check_html(out) if fmt == "html" else out
    assert plain.strip()
    if fmt == "text":
        assert not re.search(r"</?(?:b|i|a|code|blockquote)\b", out)
    if answer.abstained:
        assert "The articles don't answer this." in plain
        assert answer.reason in plain
    for st in answer.statements:
        assert display(st.quote) in plain
    for c in answer.citations:
        assert f"[{c.n}]" in plain
    if answer.disagreement:
        assert f"The sources differ on {answer.disagreement.about}" in plain
        for v in answer.disagreement.values:
            assert display(v.value) in plain
    if answer.comparison:
        assert f"Comparing the sources on: {answer.comparison.topic}" in plain


@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize("kind", ["answer", "disagreement", "abstained"])
def test_quotes_template(answers, kind, fmt):
    answer = answers[kind]
    out = render_quotes(answer, fmt)
    plain = check_html(out) if fmt == "html" else out
    if not answer.citations:
        assert plain == "No quotes."
    for c in answer.citations:
        assert display(c.quote) in plain
        assert c.sentence_id in plain


@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize(
    "topic", ["El Salvador's bitcoin holdings", "the 2,000 MW bitcoin mining plan", "Kenya's mobile money"]
)
def test_comparison_template(compare, topic, fmt):
    comparison = compare(topic)
    out = render_comparison(comparison, fmt)
    plain = check_html(out) if fmt == "html" else out
    assert plain.startswith(f"Comparing the sources on: {topic}")
    for view in comparison.sources:
        for st in view.statements:
            assert display(st.quote) in plain and f"[{st.n}]" in plain
    for view in comparison.sources:
        if view.source_id in comparison.silent:
            assert view.source_id in plain or display(source_label(view)) in plain
    if not any(v.covered for v in comparison.sources):
        assert "None of the articles covers this topic." in plain
    for d in comparison.differences:
        assert d.about in plain


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_sources_template(seeds_service, fmt):
    out = render_sources(seeds_service.sources(), fmt)
    plain = check_html(out) if fmt == "html" else out
    assert plain.startswith("5 articles")
    for i, s in enumerate(seeds_service.sources(), start=1):
        assert f"{i}. " in plain
        assert display(source_label(s)) in plain


@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize("source_id", SEED_IDS)
def test_source_template(seeds_service, source_id, fmt):
    detail = seeds_service.source(source_id)
    out = render_source(detail, fmt)
    plain = check_html(out) if fmt == "html" else out
    assert source_id in plain
    assert f"{detail.passages} passages" in plain
    for s in detail.opening:
        assert display(s) in plain
    for f in detail.figures:
        assert display(f.text) in plain


def test_long_reply_is_split_into_valid_messages(seeds_service):
    """A comparison over many sources exceeds one message; every part still parses."""
    sents = [s for p in seeds_service.index.passages_of(S000) for s in sentences(p)]
    views, n = [], 0
    for i in range(30):
        statements = []
        for s in sents[:3]:
            n += 1
            statements.append(
                SourceStatement(
                    quote=s.text,
                    passage_id=s.id.rsplit(".", 1)[0],
                    sentence_id=s.id,
                    start=s.start,
                    end=s.end,
                    n=n,
                )
            )
        views.append(
            SourceView(
                source_id=f"src{i}", title=f"<i>Title</i> {i} & more", covered=True, statements=statements
            )
        )
    html = render_comparison(Comparison(topic="everything", sources=views), "html")
    assert utf16_len(parse_telegram_html(html)[0]) > LIMIT
    parts = _messages(html)
    assert len(parts) >= 2
    for part in parts:
        plain, _ = parse_telegram_html(part)
        assert utf16_len(plain) <= LIMIT


# -- hostile text ------------------------------------------------------------------------------

HOSTILE_QUESTION = "How much does the <b>ferry</b> </a> ticket & {{ config }} *cost*?"


def test_hostile_article_is_escaped_everywhere(hostile_service):
    answer = hostile_service.ask(HOSTILE_QUESTION)
    assert answer.statements or answer.closest  # an answer, or the closest passages shown as such
    outputs = {
        "answer": render_answer(answer, "html"),
        "quotes": render_quotes(answer, "html"),
        "sources": render_sources(hostile_service.sources(), "html"),
        "source": render_source(hostile_service.source("evil"), "html"),
        "comparison": render_comparison(hostile_service.compare("the ferry ticket"), "html"),
    }
    for name, html in outputs.items():
        plain = check_html(html)
        assert "49" not in plain, name  # {{ 7*7 }} is text, never evaluated
        if name in ("answer", "quotes", "source", "comparison"):
            assert "The <b>harbour</b> authority said the ferry </a> ticket costs $5 & more" in plain, name
            assert "{{ config }}" in plain, name
            assert "a bold claim" in plain and "*bold*" not in plain, name
        if name in ("sources", "source", "quotes"):
            assert HOSTILE_TITLE in plain, name
    text = render_answer(answer, "text")
    assert (
        "The <b>harbour</b> authority said the ferry </a> ticket costs $5 & more, a bold claim {{ config }}"
        in text
    )


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_hostile_topic_is_escaped(seeds_service, fmt):
    comparison = seeds_service.compare("<b>bitcoin</b> </a> & {{ 7*7 }} *holdings* [x](http://e.com)")
    assert comparison.topic.startswith("<b>bitcoin</b> </a> & {{ 7*7 }} *holdings*")
    out = render_comparison(comparison, fmt)
    plain = check_html(out) if fmt == "html" else out
    assert plain.startswith(f"Comparing the sources on: {comparison.topic}")
    assert "49" not in plain.splitlines()[0]


def test_hostile_question_in_a_decline_is_escaped(seeds_service):
    answer = seeds_service.ask("What does <b>Kenya</b> & {{ 7*7 }} say?")
    assert answer.abstained
    plain = check_html(render_answer(answer, "html"))
    assert "Kenya" in plain and "49" not in plain


def _answer_from(seeds_service, sentence_id: str) -> Answer:
    """An answer quoting one seed sentence, built by hand so it does not depend on the answerer's tuning."""
    passage = seeds_service.index.passage(sentence_id.rsplit(".", 1)[0])
    s = next(s for s in sentences(passage) if s.id == sentence_id)
    meta = seeds_service.index.documents[passage.source_id].meta
    citation = Citation(
        n=1,
        source_id=passage.source_id,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        url=meta.url,
        passage_id=passage.id,
        sentence_id=s.id,
        quote=s.text,
        start=s.start,
        end=s.end,
    )
    return Answer(
        question="q",
        answer=f"{s.text} [1]",
        abstained=False,
        statements=[Statement(quote=s.text, citations=[1])],
        citations=[citation],
    )


@pytest.mark.parametrize(
    ("sentence_id", "verbatim", "shown"),
    [
        (
            f"{S000}#p8.s1",
            "the *Bitcoin Atlantis Conference* in El Salvador",
            "the Bitcoin Atlantis Conference in El Salvador",
        ),
        (
            f"{S000}#p7.s1",
            "signed a *letter of intent* to collaborate",
            "signed a letter of intent to collaborate",
        ),
        (f"{S001}#p7.s2", "worth approximately USD \\$745 million", "worth approximately USD $745 million"),
    ],
)
@pytest.mark.parametrize("fmt", ["html", "text"])
def test_markdown_is_displayed_plainly_but_json_keeps_the_quote(
    seeds_service, sentence_id, verbatim, shown, fmt
):
    answer = _answer_from(seeds_service, sentence_id)
    assert verbatim in answer.citations[0].quote
    for out in (render_answer(answer, fmt), render_quotes(answer, fmt)):
        plain = check_html(out) if fmt == "html" else out
        assert shown in plain
        assert verbatim not in plain
    dumped = json.loads(json.dumps(answer.model_dump(mode="json")))
    assert verbatim in dumped["citations"][0]["quote"]
    assert verbatim in dumped["answer"]


def test_singular_counts(make_corpus):
    service = open_service(make_corpus({"wind.md": SMALL_CORPUS["wind.md"]}))
    text = render_sources(service.sources(), "text")
    assert text.startswith("1 article:")
    assert "1 articles" not in text and " 1 passages" not in text


def test_a_sidecar_url_that_is_not_a_link_is_refused_before_it_reaches_html(make_corpus):
    """A url goes into <a href>; Telegram rejects a whole message whose link is not a URL."""
    from retrieval.metadata import SidecarError

    folder = make_corpus(
        {"wind.md": SMALL_CORPUS["wind.md"]}, sidecar='[wind]\nurl = "see the council website"\n'
    )
    with pytest.raises(SidecarError, match=r"\[wind\] url must be a link starting with http:// or https://"):
        open_service(folder)


def test_markdown_links_read_as_their_text():
    from bot.render import display

    assert (
        display("The [Harbour Authority](https://example.org/a_(b)) agreed.")
        == "The Harbour Authority agreed."
    )
    assert display("![A ferry](img/ferry.jpg)") == "A ferry"


# ------------------------------------------------------------------------------ templates


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("tg_start.html", {"bot_name": "<Cite&Bot>", "sources": [], "examples": ["<b>?</b>"]}),
        ("tg_help.html", {"bot_username": "cite_bot", "per_minute": 20}),
        ("tg_error.html", {}),
        ("tg_refused.html", {"chat_id": -100123}),
        ("tg_rate_limited.html", {"per_minute": 20, "seconds": 41}),
        ("tg_new.html", {}),
        ("foreign_language.html", {"example": "Who <b>&</b>?"}),
        ("taking_as.html", {"question": "Who said “<i>x</i> & y”?"}),
        ("asked.html", {"question": "Who <b>&</b>?", "reply": "An answer [1]."}),
        ("no_more_evidence.html", {}),
        ("no_context.html", {"asked": "why <b>?</b>", "example": "Who <b>&</b>?"}),
        ("tg_unsupported.html", {"kind": "sticker"}),
        ("tg_unsupported.html", {"kind": None}),
        ("tg_empty_question.html", {"command": "ask", "example": "Who <b>&</b>?"}),
        ("tg_empty_question.html", {"command": None, "example": None}),
        ("tg_unknown_source.html", {"source_id": "</code><b>&amp;"}),
        ("tg_ambiguous_source.html", {"key": "<0>", "candidates": []}),
        ("tg_unknown_command.html", {"command": "x<y"}),
        ("tg_admin_only.html", {"command": "reload"}),
        ("tg_reloaded.html", {"count": 1}),
        ("tg_reload_failed.html", {"error": "bad <file> & more"}),
    ],
)
def test_telegram_templates_escape_and_parse(template, values):
    text = render_template(template, **values)
    plain, _ = parse_telegram_html(text)
    assert plain.strip() and utf16_len(plain) <= 4096
    for value in values.values():
        if isinstance(value, str):
            assert value in plain, "user and article text is shown as written, escaped"


def test_a_reply_under_its_question_keeps_its_html_and_escapes_the_question():
    plain, entities = parse_telegram_html(
        render_asked("Who <b>&</b>?", "<b>Muhammad Aurangzeb</b> chairs it [1].")
    )
    assert plain == "Question: Who <b>&</b>?\n\nMuhammad Aurangzeb chairs it [1]."
    assert [entity_text(plain, e) for e in entities] == ["Question:", "Muhammad Aurangzeb"]


@pytest.mark.parametrize("kind", ["greeting", "thanks", "help", "bye"])
def test_small_talk_is_short_and_escapes_its_example(kind):
    plain, _ = parse_telegram_html(render_template("small_talk.html", kind=kind, example="Who <b>&</b>?"))
    assert 0 < len(plain) <= 300
    assert "Who <b>&</b>?" in plain or kind in ("thanks", "bye")


def test_start_template_lists_sources_and_examples(service):
    text = render_template(
        "tg_start.html", bot_name="CiteBot", sources=service.sources(), examples=service.examples(3)
    )
    plain, _ = parse_telegram_html(text)
    assert "5 news articles" in plain and "try one of these questions" in plain


@pytest.mark.parametrize(
    "template",
    [
        "tg_button_expired.txt",
        "tg_rate_limited.txt",
        "tg_refused.txt",
        "tg_already_shown.txt",
        "tg_inline_prompt.txt",
    ],
)
def test_plain_notices_fit_telegram_limits(template):
    text = render_template(template, per_minute=20, seconds=59)
    assert 0 < len(text) <= 64 if template == "tg_inline_prompt.txt" else 0 < len(text) <= 200


def test_an_ambiguous_source_lists_the_candidates_in_telegram(seeds_service):
    candidates = seeds_service.source_candidates("OpenVoiceNews Pakistan")
    plain, _ = parse_telegram_html(
        render_template("tg_ambiguous_source.html", key="OpenVoiceNews Pakistan", candidates=candidates)
    )
    assert plain.splitlines() == [
        "OpenVoiceNews Pakistan could be 2 articles:",
        f"• {S000} OpenVoiceNews Pakistan — Pakistan, El Salvador Ink Bitcoin Cooperation Deal (2025-07-18)",
        f"• {S001} OpenVoiceNews Pakistan — Bitcoin Alliance Between Pakistan and El Salvador Signals a New "
        "Path to Financial Sovereignty (2025-07-18)",
        "Send /source with its id, or use /sources.",
    ]


@pytest.mark.parametrize(
    ("template", "label"),
    [
        ("tg_button_quotes.txt", "Quotes"),
        ("tg_button_compare.txt", "Compare sources"),
        ("tg_button_more.txt", "More"),
    ],
)
def test_button_labels_come_from_templates(template, label):
    assert render_template(template) == label


@pytest.mark.parametrize(
    ("kind", "heading"),
    [
        ("question", "Question 2: Who chairs the <b>PCC</b>?"),
        ("query", "Query 2: Who chairs the <b>PCC</b>?"),
        ("topic", "Topic 2: Who chairs the <b>PCC</b>?"),
    ],
)
def test_batch_headings_come_from_templates_and_keep_the_input_verbatim(kind, heading):
    assert render_template(f"cli_batch_{kind}.txt", n=2, text="Who chairs the <b>PCC</b>?") == heading


@pytest.mark.parametrize("template", ["small_talk.html", "small_talk.txt"])
def test_a_greeting_without_an_example_question_shows_no_placeholder(template):
    """A corpus with no suggested questions greets without 'for example: None'."""
    text = render_template(template, kind="greeting", example=None)
    assert "None" not in text and "for example" not in text
    assert "Ask me anything about the articles in your own words." in text
