"""Sending rendered HTML: split into messages, replies in groups, typing while working."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.telegram_adapter.split import plain_text, split_html

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TYPING_EVERY = 4.5  # seconds; Telegram shows the indicator for about 5


async def send_html(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> Message:
    """Send HTML as one message or, past 4096 characters, several; the keyboard goes under the last."""
    parts = split_html(text)
    sent: Message | None = None
    for i, part in enumerate(parts):
        send = functools.partial(
            bot.send_message,
            chat_id,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup if i == len(parts) - 1 else None,
            reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
            if reply_to is not None and i == 0
            else None,
            message_thread_id=thread_id,
        )
        try:
            sent = await send(part, parse_mode=ParseMode.HTML)
        except BadRequest as exc:
            if "can't parse entities" not in exc.message.lower():
                raise
            log.warning(
                "Telegram rejected the HTML of a reply in chat %s (%s); sending it as plain text",
                chat_id,
                exc.message,
            )
            sent = await send(plain_text(part), parse_mode=None)
    if sent is None:
        raise ValueError("nothing to send: the rendered reply is empty")
    return sent


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int, thread_id: int | None = None) -> AsyncIterator[None]:
    """Show 'typing…' in the chat until the block ends; a failed indicator is logged, not fatal."""
    if not await _typing_once(bot, chat_id, thread_id):
        yield
        return

    async def keep_typing() -> None:
        while True:
            await asyncio.sleep(TYPING_EVERY)
            if not await _typing_once(bot, chat_id, thread_id):
                return

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _typing_once(bot: Bot, chat_id: int, thread_id: int | None) -> bool:
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread_id)
    except TelegramError as exc:
        log.warning("typing indicator in chat %s failed: %s", chat_id, exc)
        return False
    return True
