"""Inline keyboards under answers, source lists and the welcome message."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answering.models import Answer, SourceInfo
from bot.render import source_label
from bot.telegram_adapter.callbacks import Press, QuestionStore, encode

MAX_SOURCE_BUTTONS = 30
MAX_LABEL = 60


def answer_keyboard(answer: Answer, store: QuestionStore, *, page: int = 0) -> InlineKeyboardMarkup | None:
    """Quotes, Compare sources and More under an answer (none under a decline).

    `page` is the evidence page this answer shows: under page 0 (the answer itself) all
    three, under later pages only More, which asks for the next one.
    """
    if answer.abstained:
        return None
    row = []
    if answer.citations and page == 0:
        row.append(_button("Quotes", Press("quotes", answer.question), store))
    if answer.comparison is None and page == 0:
        row.append(_button("Compare sources", Press("compare", answer.question), store))
    row.append(_button("More", Press("more", answer.question, page + 1), store))
    return InlineKeyboardMarkup([row])


def examples_keyboard(examples: Iterable[str], store: QuestionStore) -> InlineKeyboardMarkup | None:
    """One button per example question; pressing it asks the question."""
    rows = [[_button(_short(q), Press("ask", q), store)] for q in examples]
    return InlineKeyboardMarkup(rows) if rows else None


def sources_keyboard(sources: list[SourceInfo], store: QuestionStore) -> InlineKeyboardMarkup | None:
    """One button per source (the first 30), showing its details when pressed."""
    rows = [
        [_button(_short(source_label(s)), Press("source", s.source_id), store)]
        for s in sources[:MAX_SOURCE_BUTTONS]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def without(markup: InlineKeyboardMarkup | None, pressed: Collection[str]) -> InlineKeyboardMarkup | None:
    """The keyboard minus the buttons whose callback data is in `pressed`; None when none is left."""
    if markup is None:
        return None
    rows = [[b for b in row if b.callback_data not in pressed] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def _button(text: str, press: Press, store: QuestionStore) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(press, store))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"
