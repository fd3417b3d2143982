"""Which group messages are addressed to the bot (bot/telegram_adapter/addressing.py)."""

from __future__ import annotations

import pytest
from telegram import Bot, Message

from bot.telegram_adapter.addressing import clean, has_words, is_addressed, question_of

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ group addressing


@pytest.fixture
async def live_bot(server):
    async with Bot(server.token, base_url=server.base_url) as bot:
        yield bot


def message(
    bot: Bot, text: str, *, entities: list[dict] | None = None, reply_from: int | None = None
) -> Message:
    data = {
        "message_id": 5,
        "date": 0,
        "chat": {"id": -100, "type": "group", "title": "G"},
        "from": {"id": 7, "is_bot": False, "first_name": "A"},
        "text": text,
        "entities": entities or [],
    }
    if reply_from is not None:
        data["reply_to_message"] = {
            "message_id": 4,
            "date": 0,
            "chat": data["chat"],
            "text": "earlier",
            "from": {"id": reply_from, "is_bot": True, "first_name": "B"},
        }
    return Message.de_json(data, bot)


async def test_group_messages_addressed_to_the_bot(live_bot):
    mention = message(
        live_bot,
        "@citebot_test_bot who chairs the PCC?",
        entities=[{"type": "mention", "offset": 0, "length": 17}],
    )
    assert is_addressed(mention)
    assert question_of(mention) == "who chairs the PCC?"
    assert not is_addressed(message(live_bot, "who chairs the PCC?"))
    other = message(live_bot, "@someone_else hi", entities=[{"type": "mention", "offset": 0, "length": 13}])
    assert not is_addressed(other)
    assert is_addressed(message(live_bot, "and then?", reply_from=live_bot.id))
    assert not is_addressed(message(live_bot, "and then?", reply_from=999))
    text_mention = message(
        live_bot,
        "Bot, hi",
        entities=[
            {
                "type": "text_mention",
                "offset": 0,
                "length": 3,
                "user": {"id": live_bot.id, "is_bot": True, "first_name": "B"},
            }
        ],
    )
    assert is_addressed(text_mention)


def test_clean_and_has_words():
    assert clean("  a\x00b \u200f\n\tc\ud800 ") == "a b \u200f c\ufffd"
    assert has_words("پاکستان") and has_words("42") and not has_words("😀 ?! \u200d")
