"""Which messages are meant for the bot, and the question they carry.

In a private chat every text is a question. In a group the bot answers only commands
(handled elsewhere), messages that mention it, and replies to its own messages.
"""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.ext import filters

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class AddressedToBot(filters.MessageFilter):
    """Group messages that mention the bot or reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        return is_addressed(message)


def is_addressed(message: Message) -> bool:
    """Whether a message mentions this bot (by @username or text mention) or replies to it."""
    bot = message.get_bot()
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot.id:
        return True
    return bool(_mentions(message, bot.username, bot.id))


def _mentions(message: Message, username: str | None, bot_id: int) -> list[MessageEntity]:
    wanted = f"@{username}".lower() if username else None
    found = []
    for entity, text in {**message.parse_entities(), **message.parse_caption_entities()}.items():
        if entity.type == MessageEntity.MENTION and text.lower() == wanted:
            found.append(entity)
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            found.append(entity)
    return found


def question_of(message: Message) -> str:
    """The message's text (or a photo's or document's caption) as a question: mentions of the
    bot removed, white space folded."""
    text = message.text or message.caption or ""
    bot = message.get_bot()
    if bot.username:
        text = re.sub(rf"@{re.escape(bot.username)}\b", " ", text, flags=re.IGNORECASE)
    return clean(text)


def clean(text: str) -> str:
    """Text safe to answer and echo: no lone surrogates or control characters, spaces folded."""
    text = _CONTROL.sub(" ", _LONE_SURROGATE.sub("\ufffd", text))
    return " ".join(text.split())


def has_words(text: str) -> bool:
    """Whether the text has a letter or digit to search for (not only emoji or punctuation)."""
    return any(ch.isalnum() for ch in text)
