"""Inline mode results: the cited answer and the comparison, ready to share in any chat."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import InlineQueryLimit, ParseMode

from bot.answering.models import Answer, Comparison
from bot.render import render_answer, render_asked, render_comparison, render_template
from bot.telegram_adapter.replies import NO_PREVIEW
from bot.telegram_adapter.split import split_html

MAX_DESCRIPTION = 120


def inline_results(answer: Answer, comparison: Comparison | None) -> list[InlineQueryResultArticle]:
    """At most 50 results: the answer (or the decline) first, then the comparison if there is one.

    Each message begins with the question, since the chat it is sent to has not seen it. A
    result is one message, so a reply longer than 4096 characters is cut to its first part.
    """
    question = answer.question
    results = [
        _article(
            "answer",
            render_template("tg_inline_answer_title.txt", abstained=answer.abstained),
            _plain(answer.answer),
            render_asked(question, render_answer(answer, "html")),
        )
    ]
    if comparison is not None:
        results.append(
            _article(
                "compare",
                render_template("tg_inline_compare_title.txt", topic=comparison.topic),
                render_template(
                    "tg_inline_compare_description.txt",
                    covered=sum(s.covered for s in comparison.sources),
                    total=len(comparison.sources),
                ),
                render_asked(question, render_comparison(comparison, "html")),
            )
        )
    return results[: InlineQueryLimit.RESULTS]


def _article(result_id: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title[:100],
        description=description,
        input_message_content=InputTextMessageContent(
            split_html(html)[0], parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
    )


def _plain(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1].rstrip() + "…"
