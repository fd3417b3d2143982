"""What a button press shows, with no Telegram I/O (bot/telegram_adapter/views.py)."""

from __future__ import annotations

from bot.render import render_answer, render_asked, render_comparison, render_quotes, render_source
from bot.telegram_adapter.callbacks import Press
from bot.telegram_adapter.views import press_view

QUESTION = "Who chairs the PCC?"


def test_an_example_question_is_answered_under_itself_with_its_buttons(service):
    view = press_view(service, Press("ask", QUESTION))
    answer = service.ask(QUESTION)
    assert view.text == render_asked(QUESTION, render_answer(answer, "html"))
    assert view.answer == answer
    assert [b.text for b in view.markup.inline_keyboard[0]] == ["Quotes", "Compare sources", "More"]


def test_quotes_compare_and_source_presses(service):
    quotes = press_view(service, Press("quotes", QUESTION))
    assert quotes.text == render_asked(QUESTION, render_quotes(service.ask(QUESTION), "html"))
    assert (quotes.markup, quotes.answer) == (None, None)
    assert press_view(service, Press("compare", QUESTION)).text == render_comparison(
        service.compare(QUESTION), "html"
    )
    source_id = service.sources()[0].source_id
    assert press_view(service, Press("source", source_id)).text == render_source(
        service.source(source_id), "html"
    )
    assert press_view(service, Press("source", "zz_none")).text == (
        "I have no article with the id <code>zz_none</code>. /sources lists them."
    )


def test_more_pages_until_the_evidence_runs_out(service):
    second = press_view(service, Press("more", QUESTION, 1))
    assert second.text == render_asked(QUESTION, render_answer(service.more(QUESTION, 1), "html"))
    assert [b.text for b in second.markup.inline_keyboard[0]] == ["More"]
    last = press_view(service, Press("more", QUESTION, 50))
    assert last.markup is None
    assert last.text == render_asked(QUESTION, "No further evidence in the articles.")
