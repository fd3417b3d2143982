"""What a button press shows: one service call and its rendering, with no Telegram I/O.

Runs in a worker thread (the service is synchronous). Replies to presses that ask something
begin with the question, so the reply says what it answers wherever it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup

from bot.answering.models import Answer
from bot.render import (
    render_answer,
    render_asked,
    render_comparison,
    render_quotes,
    render_source,
    render_template,
)
from bot.telegram_adapter.callbacks import Press
from bot.telegram_adapter.keyboards import answer_keyboard, exhausted

if TYPE_CHECKING:
    from bot.service import Service


@dataclass(frozen=True)
class View:
    """A reply: its HTML, the keyboard under it, and the answer it shows (None for other views)."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    answer: Answer | None = None


def press_view(service: Service, press: Press) -> View:
    """The HTML reply to a press and the keyboard under it."""
    if press.kind == "source":
        detail = service.source(press.text)
        if detail is None:
            return View(render_template("tg_unknown_source.html", source_id=press.text))
        return View(render_source(detail, "html"))
    if press.kind == "quotes":
        return View(render_asked(press.text, render_quotes(service.ask(press.text), "html")))
    if press.kind == "compare":
        return View(render_comparison(service.compare(press.text), "html"))  # it names its topic
    if press.kind == "more":
        answer = service.more(press.text, press.page)
        if exhausted(answer):
            return View(render_asked(press.text, render_template("no_more_evidence.html")))
        return View(
            render_asked(press.text, render_answer(answer, "html")), answer_keyboard(answer, page=press.page)
        )
    answer = service.ask(press.text)  # "ask": an example question
    return View(render_asked(press.text, render_answer(answer, "html")), answer_keyboard(answer), answer)
