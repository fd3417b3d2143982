"""Inline keyboards under answers, source lists and the welcome message.

Each button's callback data is a `Press` (python-telegram-bot's arbitrary callback data).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answering.models import Answer, SourceInfo
from bot.render import render_template, source_label
from bot.telegram_adapter.callbacks import Press

MAX_SOURCE_BUTTONS = 30
MAX_LABEL = 60


def answer_keyboard(answer: Answer, *, page: int = 0) -> InlineKeyboardMarkup | None:
    """Quotes, Compare sources and More under an answer (none under a decline or the end of the evidence).

    `page` is the evidence page this answer shows: under page 0 (the answer itself) all
    three, under later pages only More, which asks for the next one.
    """
    if answer.abstained or exhausted(answer):
        return None
    row = []
    if answer.citations and page == 0:
        row.append(_button(render_template("tg_button_quotes.txt"), Press("quotes", answer.question)))
    if answer.comparison is None and page == 0:
        row.append(_button(render_template("tg_button_compare.txt"), Press("compare", answer.question)))
    row.append(_button(render_template("tg_button_more.txt"), Press("more", answer.question, page + 1)))
    return InlineKeyboardMarkup([row])


def exhausted(answer: Answer) -> bool:
    """Whether a More page found nothing further (Service.more's 'no more evidence')."""
    return answer.reason == "no more evidence"


def examples_keyboard(examples: Iterable[str]) -> InlineKeyboardMarkup | None:
    """One button per example question; pressing it asks the question."""
    rows = [[_button(_short(q), Press("ask", q))] for q in examples]
    return InlineKeyboardMarkup(rows) if rows else None


def sources_keyboard(sources: list[SourceInfo]) -> InlineKeyboardMarkup | None:
    """One button per source (the first 30), showing its details when pressed."""
    rows = [
        [_button(_short(source_label(s)), Press("source", s.source_id))] for s in sources[:MAX_SOURCE_BUTTONS]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def without(markup: InlineKeyboardMarkup | None, pressed: Collection[Press]) -> InlineKeyboardMarkup | None:
    """The keyboard minus the buttons whose press is in `pressed`; None when none is left."""
    if markup is None:
        return None
    rows = [[b for b in row if b.callback_data not in pressed] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def _button(text: str, press: Press) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=press)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"
