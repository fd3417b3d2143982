"""What a button press shows: one service call and its rendering, with no Telegram I/O.

Runs in a worker thread (the service is synchronous).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup

from bot.render import render_answer, render_comparison, render_quotes, render_source, render_template
from bot.telegram_adapter.callbacks import Press, QuestionStore
from bot.telegram_adapter.keyboards import answer_keyboard

if TYPE_CHECKING:
    from bot.service import Service


def press_view(
    service: Service, store: QuestionStore, press: Press
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The HTML reply to a press and the keyboard under it."""
    if press.kind == "quotes":
        return render_quotes(service.ask(press.text), "html"), None
    if press.kind == "compare":
        return render_comparison(service.compare(press.text), "html"), None
    if press.kind == "more":
        answer = service.more(press.text, press.page)
        return render_answer(answer, "html"), answer_keyboard(answer, store, page=press.page)
    if press.kind == "source":
        detail = service.source(press.text)
        if detail is None:
            return render_template("tg_unknown_source.html", source_id=press.text), None
        return render_source(detail, "html"), None
    answer = service.ask(press.text)  # "ask": an example question
    return render_answer(answer, "html"), answer_keyboard(answer, store)
