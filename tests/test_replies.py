"""Sending replies: split, with the keyboard under the last part, plain text as fallback (bot/telegram_adapter/replies.py)."""

from __future__ import annotations

import pytest
from telegram import Bot

from bot.telegram_adapter.replies import send_html
from tests.support.fake_telegram import FakeBotAPI

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ sending


async def test_send_html_splits_and_falls_back_to_plain_text_when_telegram_rejects_the_html():
    with FakeBotAPI() as server:
        async with Bot(server.token, base_url=server.base_url) as bot:
            long = "\n\n".join(f"<b>Part {i}</b> " + "word " * 300 for i in range(6))
            last = await send_html(bot, 5, long, reply_to=None)
            sent = server.sent(5)
            assert len(sent) > 1 and sent[-1].message_id == last.message_id
            assert all(
                m.parse_mode == "HTML" and m.link_preview_options == {"is_disabled": True} for m in sent
            )

            broken = '<a href="not a url">Reuters</a> says 5 &amp; 6'  # a template bug Telegram rejects
            await send_html(bot, 6, broken)
            [reply] = server.sent(6)
            assert reply.text == "Reuters says 5 & 6" and reply.parse_mode is None
            assert [c.status for c in server.calls("sendMessage") if c.params["chat_id"] == 6] == [400, 200]
