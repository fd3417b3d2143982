"""Thin async handlers: parse the update, call the service, render, reply.

Service calls run in a worker thread so one slow answer does not hold up other chats.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AbstractAsyncContextManager

from telegram import InlineKeyboardMarkup, InlineQueryResultsButton, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ApplicationHandlerStop, ContextTypes
from telegram.helpers import effective_message_type

from bot.chart import chart_png
from bot.conversation import Conversation, Shown
from bot.render import render_answer, render_comparison, render_source, render_sources, render_template
from bot.smalltalk import foreign_language, small_talk
from bot.telegram_adapter.access import Verdict
from bot.telegram_adapter.addressing import clean, has_words, is_addressed, question_of
from bot.telegram_adapter.callbacks import SEARCHING, Press
from bot.telegram_adapter.inline import inline_results
from bot.telegram_adapter.keyboards import answer_keyboard, examples_keyboard, sources_keyboard, without
from bot.telegram_adapter.replies import NO_PREVIEW, send_html, typing
from bot.telegram_adapter.state import deps, reload_service
from bot.telegram_adapter.views import press_view

log = logging.getLogger(__name__)

INLINE_CACHE_SECONDS = 300
CONVERSATIONS = "conversations"  # chat_data key: one Conversation per user in the chat
SHOWN = "shown"  # chat_data key: the turns behind the chat's answers, by message id


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse chats and users outside the allowlist before any other handler runs."""
    chat, user = update.effective_chat, update.effective_user
    if deps(context).access.allows(chat.id if chat else None, user.id if user else None):
        return
    log.info(
        "refused update %s: chat %s, user %s not allowed",
        update.update_id,
        chat.id if chat else None,
        user.id if user else None,
    )
    if update.callback_query:
        await update.callback_query.answer(render_template("tg_refused.txt"), show_alert=True)
    elif update.inline_query:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.message and chat and (chat.type == ChatType.PRIVATE or _for_us(update.message)):
        await _reply(update, "tg_refused.html", chat_id=chat.id)
    raise ApplicationHandlerStop


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome: what the articles cover and up to three example questions (answered at start-up) as buttons."""
    shared = deps(context)
    sources = await asyncio.to_thread(shared.service.sources)
    await _reply(
        update,
        "tg_start.html",
        markup=examples_keyboard(shared.examples),
        bot_name=context.bot.first_name,
        sources=sources,
        examples=shared.examples,
    )


async def new_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new: forget the conversation, so the next message is read as a new question."""
    _conversation(update, context).forget()
    await _reply(update, "tg_new.html")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to ask, the commands, and how the bot works in groups and inline."""
    await _reply(
        update,
        "tg_help.html",
        bot_username=context.bot.username,
        per_minute=deps(context).questions.per_minute,
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION: a cited answer."""
    await _answer(update, context, clean(" ".join(context.args or [])), command="ask")


async def text_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat, or a mention of the bot or a reply to it in a group: a question."""
    await _answer(update, context, question_of(_message(update)), command=None)


async def compare_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/compare TOPIC: what each source says, where they agree and where they differ."""
    topic = clean(" ".join(context.args or []))
    if not has_words(topic):
        await _empty_question(update, context, "compare")
        return
    if not await _admitted(update, context):
        return
    async with _typing(update, context):
        comparison = await asyncio.to_thread(deps(context).service.compare, topic)
        chart = await asyncio.to_thread(chart_png, comparison)
    await _send(update, context, render_comparison(comparison, "html"))
    if chart is not None:
        message = _message(update)
        await message.reply_photo(
            chart[1],
            caption=render_template("tg_chart_caption.txt", chart=chart[0]),
            do_quote=True,
        )


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: the articles with outlet, title and date, each a button."""
    sources = await asyncio.to_thread(deps(context).service.sources)
    await _send(update, context, render_sources(sources, "html"), markup=sources_keyboard(sources))


async def source_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/source ID: one article's details, opening and key figures; without an id, the list."""
    source_id = clean(" ".join(context.args or []))
    if not source_id:
        await sources_command(update, context)
        return
    service = deps(context).service
    detail = await asyncio.to_thread(service.source, source_id)
    if detail is None:
        candidates = await asyncio.to_thread(service.source_candidates, source_id)
        if len(candidates) > 1:
            await _reply(update, "tg_ambiguous_source.html", key=source_id, candidates=candidates)
        else:
            await _reply(update, "tg_unknown_source.html", source_id=source_id)
        return
    await _send(update, context, render_source(detail, "html"))


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload (admins only): reopen the corpus; if that fails, keep answering from the last index."""
    shared = deps(context)
    user = update.effective_user
    if not shared.access.is_admin(user.id if user else None):
        await _reply(update, "tg_admin_only.html", command="reload")
        return
    try:
        service = await reload_service(shared)
    except Exception as exc:  # any failure leaves the last good index answering
        log.warning("reload requested by %s failed: %s", user.id if user else None, exc)
        await _reply(update, "tg_reload_failed.html", error=shared.redact(str(exc)))
        return
    await _reply(update, "tg_reloaded.html", count=len(service.index.documents))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have (private chats only): point to /help."""
    command = (_message(update).text or "/").split()[0].lstrip("/").split("@")[0]
    await _reply(update, "tg_unknown_command.html", command=command[:64])


async def unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice, documents and other attachments without a caption: ask for text."""
    kind = effective_message_type(_message(update))
    await _reply(update, "tg_unsupported.html", kind=kind.replace("_", " ") if kind else None)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: quotes, comparison, more evidence, a source or an example question."""
    query = update.callback_query
    if query is None:
        raise TypeError("a button handler was called without a callback query")
    shared = deps(context)
    press = query.data
    if not isinstance(press, Press) or query.message is None:  # InvalidCallbackData: evicted
        await query.answer(render_template("tg_button_expired.txt"), show_alert=True)
        return
    one_shot = press.kind in ("quotes", "compare", "more")
    chat = query.message.chat
    if one_shot and press in shared.pressed.pressed(chat.id, query.message.message_id):
        await query.answer(render_template("tg_already_shown.txt"))
        return
    limit = shared.questions
    if press.kind in SEARCHING and limit.check(query.from_user.id) is not Verdict.ALLOW:
        seconds = limit.wait(query.from_user.id)
        await query.answer(
            render_template("tg_rate_limited.txt", per_minute=limit.per_minute, seconds=seconds),
            show_alert=True,
        )
        return
    if one_shot:
        shared.pressed.press(chat.id, query.message.message_id, press)
    try:
        await query.answer()
    except (TimedOut, NetworkError) as exc:  # the press is still served below
        log.warning("answering button press %s failed: %s", query.id, exc)
    async with typing(context.bot, chat.id):
        view = await asyncio.to_thread(press_view, shared.service, press)
    sent = await send_html(
        context.bot, chat.id, view.text, markup=view.markup, reply_to=query.message.message_id
    )
    if view.answer is not None:  # an example question: follow-ups build on it
        turn = _conversation(update, context).remember(view.answer)
        if turn is not None:
            _shown(context).link(sent.message_id, turn)
    if one_shot and isinstance(query.message, Message):
        await _drop_buttons(query.message, shared.pressed.pressed(chat.id, query.message.message_id))


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot question` in any chat: the cited answer and the comparison as results to share."""
    query = update.inline_query
    if query is None:
        raise TypeError("an inline handler was called without an inline query")
    shared = deps(context)
    question = clean(query.query)
    if not has_words(question):
        prompt = InlineQueryResultsButton(
            text=render_template("tg_inline_prompt.txt"), start_parameter="inline"
        )
        await query.answer([], button=prompt, cache_time=INLINE_CACHE_SECONDS)
        return
    if shared.inline.check(query.from_user.id) is not Verdict.ALLOW:
        await query.answer([], cache_time=0, is_personal=True)
        return
    service = shared.service  # one index for both results, even if a reload swaps it meanwhile
    answer = await asyncio.to_thread(service.ask, question)
    comparison = None
    if not answer.abstained and answer.comparison is None:
        comparison = await asyncio.to_thread(service.compare, question)
    await query.answer(inline_results(answer, comparison), cache_time=INLINE_CACHE_SECONDS)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its context (never the token) and apologise briefly to the user.

    Telegram faults are one warning each: a run of failed polls is one fault, and a reply
    that timed out gets no apology, since Telegram may have delivered it.
    """
    error = context.error
    if update is None and isinstance(error, (NetworkError, Conflict, RetryAfter)):
        first = deps(context).polling.failed()
        log.log(
            logging.WARNING if first else logging.DEBUG,
            "getting updates from Telegram failed, retrying: %s",
            error,
        )
        return
    if isinstance(error, TimedOut):
        log.warning(
            "update %s: Telegram did not answer in time (%s); the reply may have arrived, "
            "so it is not sent again",
            _describe(update),
            error,
        )
        return
    if isinstance(error, Forbidden):  # blocked by the user, or removed from the group: nobody to tell
        log.warning("update %s: Telegram refused the reply: %s", _describe(update), error.message)
        return
    if isinstance(error, NetworkError):
        log.warning("update %s: could not reach Telegram: %s", _describe(update), error)
    else:
        log.error("update %s failed: %s", _describe(update), type(error).__name__, exc_info=error)
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is not None and (update.message or update.callback_query):
        try:
            await context.bot.send_message(
                chat.id,
                render_template("tg_error.html"),
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as exc:
            log.warning("could not send the apology to chat %s: %s", chat.id, exc)


# ----------------------------------------------------------------------------- helpers


async def _answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, command: str | None
) -> None:
    if not has_words(question):
        await _empty_question(update, context, command)
        return
    shared = deps(context)
    example = shared.examples[0] if shared.examples else None
    if kind := small_talk(question):
        await _reply(update, "small_talk.html", kind=kind, example=example)
        return
    if await asyncio.to_thread(foreign_language, question):
        await _reply(update, "foreign_language.html", example=example)
        return
    message = _message(update)
    conversation, shown = _conversation(update, context), _shown(context)
    reply = message.reply_to_message
    about = shown.get(reply.message_id) if reply is not None else None  # a reply to one of our answers
    resolution = conversation.resolve(question, about=about)
    if resolution.orphan:  # "why?" with nothing before it: no search would help
        await _reply(update, "no_context.html", asked=resolution.asked, example=example)
        return
    if not await _admitted(update, context):
        return
    async with _typing(update, context):
        answer = await asyncio.to_thread(shared.service.ask, resolution.question)
    turn = conversation.remember(answer)
    text = render_answer(answer, "html")
    if resolution.followup:
        text = f"{render_template('taking_as.html', question=resolution.question)}\n\n{text}"
    sent = await _send(update, context, text, markup=answer_keyboard(answer))
    if turn is not None:  # a reply to this message follows up on this answer
        shown.link(sent.message_id, turn)


def _conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    """The user's conversation in this chat (kept in chat_data, so it is saved with the bot's state)."""
    chat_data = context.chat_data if context.chat_data is not None else {}
    user = update.effective_user
    by_user = chat_data.setdefault(CONVERSATIONS, {})
    return by_user.setdefault(user.id if user else 0, Conversation())


def _shown(context: ContextTypes.DEFAULT_TYPE) -> Shown:
    """The turns behind this chat's answers (saved with the bot's state)."""
    chat_data = context.chat_data if context.chat_data is not None else {}
    return chat_data.setdefault(SHOWN, Shown())


async def _admitted(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Count one search against the user's rate limit; the first refused one gets a notice
    saying when they can ask again (later ones before then are logged, not answered)."""
    user = update.effective_user
    limit = deps(context).questions
    verdict = limit.check(user.id) if user else Verdict.ALLOW
    if verdict is Verdict.NOTIFY and user is not None:
        log.info("user %s is over %d questions a minute", user.id, limit.per_minute)
        await _reply(update, "tg_rate_limited.html", per_minute=limit.per_minute, seconds=limit.wait(user.id))
    elif verdict is Verdict.DROP and user is not None:
        log.info("user %s asked again before the wait ended; not answered", user.id)
    return verdict is Verdict.ALLOW


async def _empty_question(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str | None) -> None:
    examples = deps(context).examples
    await _reply(update, "tg_empty_question.html", command=command, example=examples[0] if examples else None)


async def _reply(
    update: Update, template: str, *, markup: InlineKeyboardMarkup | None = None, **values: object
) -> None:
    """Reply with a tg_* template (one short message)."""
    await _message(update).reply_text(
        render_template(template, **values),
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
        reply_markup=markup,
        do_quote=True,
    )


async def _send(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send a rendered reply, split if long, as a reply to the message it answers (sent anyway
    if that message was deleted); returns the last message sent."""
    message = _message(update)
    return await send_html(
        context.bot,
        message.chat_id,
        text,
        markup=markup,
        reply_to=message.message_id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
    )


def _typing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> AbstractAsyncContextManager[None]:
    message = _message(update)
    return typing(
        context.bot, message.chat_id, message.message_thread_id if message.is_topic_message else None
    )


def _message(update: Update) -> Message:
    """The message a message or command handler was called for (its filters guarantee one)."""
    message = update.effective_message
    if message is None:
        raise TypeError("a message handler was called without a message")
    return message


async def _drop_buttons(message: Message, pressed: frozenset[Press]) -> None:
    """Remove pressed one-shot buttons from their message: their answer is already below it."""
    try:
        await message.edit_reply_markup(without(message.reply_markup, pressed))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


def _for_us(message: Message) -> bool:
    """Whether a group message is a command for this bot (`/x` or `/x@thisbot`) or addressed to it."""
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    if command.startswith("/"):
        _, _, target = command.partition("@")
        return not target or target.lower() == (message.get_bot().username or "").lower()
    return is_addressed(message)


def _describe(update: object) -> str:
    if not isinstance(update, Update):
        return repr(update)[:200]
    chat, user = update.effective_chat, update.effective_user
    kind = next(
        (k for k in ("message", "edited_message", "callback_query", "inline_query") if getattr(update, k)),
        "other",
    )
    return f"{update.update_id} ({kind}, chat {chat.id if chat else None}, user {user.id if user else None})"
