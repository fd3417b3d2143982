"""End-to-end: the real python-telegram-bot Application, over HTTP, against a fake Bot API.

Every test here also checks that the token appears in no log record at DEBUG level and
that the fake server never answered the bot with a 400 Bad Request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import urllib.error
import urllib.request

import pytest

from bot.service import Service
from bot.suggestions import suggestions
from bot.telegram_adapter.app import COMMANDS, build_application, webhook_options
from bot.telegram_adapter.logsafe import REDACTED
from tests.support.bot import (
    APOLOGY,
    Exploding,
    markers,
    press,
    private_message,
    reply_to,
    running,
    settings_for,
)
from tests.support.corpora import SEEDS_DIR, open_service
from tests.support.fake_telegram import FakeBotAPI

BOT = "citebot_test_bot"
QUESTION = "Who chairs the PCC?"
GROUP = -1001234567890


# No CITEBOT_* settings from the shell; every test's log records scanned for the token afterwards.
pytestmark = pytest.mark.usefixtures("clean_env", "token_free_logs", "no_bad_requests")


def body_and_sources(text: str) -> tuple[str, str]:
    body, _, sources = text.partition("\nSources\n")
    return body, sources


# ------------------------------------------------------------------------------ conversation


async def test_start_registers_commands_and_offers_three_example_questions(server, running_bot, service):
    assert [c["command"] for c in server.commands] == [c.command for c in COMMANDS]
    welcome = await reply_to(server, 7, "/start")
    assert welcome.text.startswith("Hello! I am CiteBot Test.")
    assert "5 news articles" in welcome.text
    assert "Pakistan, El Salvador Ink Bitcoin Cooperation Deal" in welcome.text
    assert [b["text"] for b in welcome.buttons] == suggestions(service, 3)
    assert welcome.link_preview_options == {"is_disabled": True}

    answer = await press(server, welcome, suggestions(service, 3)[0])
    assert answer.reply_to_message_id == welcome.message_id
    assert markers(answer.text), "an example question gets a cited answer"


async def test_a_question_gets_a_cited_answer_with_buttons(server, running_bot, service):
    answer = await reply_to(server, 8, QUESTION)
    expected = service.ask(QUESTION)
    body, sources = body_and_sources(answer.text)
    assert "Muhammad Aurangzeb" in body
    assert markers(body) == markers(sources) == {c.n for c in expected.citations}
    for c in expected.citations:
        assert f"[{c.n}] " in sources
    assert answer.parse_mode == "HTML" and (8, "typing") in server.chat_actions
    assert answer.link_preview_options == {"is_disabled": True}
    assert [b["text"] for b in answer.buttons] == ["Quotes", "Compare sources", "More"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in answer.buttons)


async def test_typing_is_shown_before_the_answer(server, running_bot):
    await reply_to(server, 9, QUESTION)
    methods = [c.method for c in server.calls() if c.params.get("chat_id") in (9, "9")]
    assert methods.index("sendChatAction") < methods.index("sendMessage")


async def test_every_button_follows_up_and_leaves_the_keyboard(server, running_bot, service):
    answer = await reply_to(server, 10, QUESTION)
    quotes = await press(server, answer, "Quotes")
    assert quotes.reply_to_message_id == answer.message_id
    quote = service.ask(QUESTION).citations[0].quote.replace("\u00a0", " ")
    assert quote in quotes.text
    assert any(e["type"] == "expandable_blockquote" for e in quotes.entities)

    comparison = await press(server, answer, "Compare sources")
    assert comparison.text.startswith("Comparing the sources on:")

    more = await press(server, answer, "More")
    assert more.text != answer.text and markers(more.text)
    assert [b["text"] for b in more.buttons] == ["More"]
    page2 = await press(server, more, "More")
    assert page2.text != more.text

    await server.wait_for_async(lambda s: s.sent(10)[0].reply_markup is None, timeout=10)  # edits are paced
    assert len(server.answered_callbacks) == 4


async def test_a_second_press_of_the_same_button_is_answered_but_not_repeated(server, running_bot):
    answer = await reply_to(server, 11, QUESTION)
    data = answer.buttons[0]["callback_data"]
    server.push_callback_query(11, answer.message_id, data)
    server.push_callback_query(11, answer.message_id, data)
    await server.wait_for_async(lambda s: len(s.answered_callbacks) == 2)
    await reply_to(server, 11, "/help")  # updates in a chat are handled in order
    assert len(server.sent(11)) == 3  # answer, quotes, help
    assert server.answered_callbacks[1]["text"] == "Already shown below."


async def test_an_expired_button_is_answered_with_a_notice(server, running_bot):
    answer = await reply_to(server, 12, QUESTION)
    query_id = server.push_callback_query(12, answer.message_id, "q:unknown1")
    await server.wait_for_async(lambda s: s.answered_callbacks)
    [answered] = server.answered_callbacks
    assert answered["callback_query_id"] == query_id and "expired" in answered["text"]


async def test_compare_command(server, running_bot):
    comparison = await reply_to(server, 13, "/compare El Salvador bitcoin holdings")
    assert comparison.text.startswith("Comparing the sources on:")
    assert markers(comparison.text)
    empty = await reply_to(server, 13, "/compare")
    assert empty.text.startswith("Please add your question after /compare")


async def test_sources_list_and_source_button(server, running_bot, service):
    listing = await reply_to(server, 14, "/sources")
    assert listing.text.startswith("5 articles")
    assert len(listing.buttons) == 5
    detail = await press(server, listing, listing.buttons[2]["text"])
    assert service.sources()[2].source_id in detail.text


@pytest.mark.parametrize("argument", ["003_16ac97b14101a3b7", "4", "003_16"])
async def test_source_command(server, running_bot, service, argument):
    detail = await reply_to(server, 15, f"/source {argument}")
    expected = service.source(argument)
    assert expected is not None and expected.source_id in detail.text
    assert "Key figures" in detail.text or "passages" in detail.text


async def test_unknown_source_and_unknown_command(server, running_bot):
    unknown = await reply_to(server, 16, "/source <nope>")
    assert unknown.text == "I have no article with the id <nope>. /sources lists them."
    command = await reply_to(server, 16, "/frobnicate")
    assert command.text == "I don't know the command /frobnicate. /help lists what I can do."


async def test_inline_query_offers_the_answer_and_the_comparison(server, running_bot):
    server.push_inline_query(21, QUESTION)
    [answered] = await server.wait_for_async(lambda s: s.inline_answers)
    results = answered["results"]
    assert 1 <= len(results) <= 50
    assert [r["title"] for r in results][0] == "Answer"
    assert results[1]["title"].startswith("Compare sources")
    assert "Aurangzeb" in results[0]["input_message_content"]["message_text"].replace("\u00a0", " ")
    assert results[0]["input_message_content"]["link_preview_options"] == {"is_disabled": True}


async def test_empty_inline_query_offers_a_start_button(server, running_bot):
    server.push_inline_query(22, "  ")
    [answered] = await server.wait_for_async(lambda s: s.inline_answers)
    assert answered["results"] == [] and answered["button"]["start_parameter"] == "inline"


# ------------------------------------------------------------------------------ groups


async def test_group_answers_only_commands_mentions_and_replies(server, running_bot):
    server.push_message(GROUP, "who chairs the PCC?", user_id=501)  # chatter: not for the bot
    server.push_message(GROUP, "/start@some_other_bot", user_id=501)
    mention = server.push_message(GROUP, f"@{BOT} {QUESTION}", user_id=501)
    [answer] = await server.wait_for_messages_async(GROUP, 1)
    assert answer.reply_to_message_id == mention["message_id"]
    assert "Aurangzeb" in answer.text.replace("\u00a0", " ")

    followup = await reply_to(
        server,
        GROUP,
        "and what is the IMF worried about?",
        user_id=502,
        reply_to_message_id=answer.message_id,
    )
    assert followup.reply_to_message_id != answer.message_id and markers(followup.text)

    command = await reply_to(server, GROUP, f"/ask@{BOT} {QUESTION}", user_id=503)
    assert markers(command.text)
    assert len(server.sent(GROUP)) == 3


# ------------------------------------------------------------------------------ bad input

LONG = ("Who chairs the PCC " * 300)[:4096]
URDU = "پاکستان اور ایل سلواڈور نے کس معاہدے پر دستخط کیے؟"


@pytest.mark.parametrize(
    ("chat_id", "text", "expected"),
    [
        (30, "   ", "Please type your question in words"),
        (31, "😀🎉👍", "Please type your question in words"),
        (32, LONG, "Sources"),
        (33, "<b>Who</b> chairs the PCC?", "Aurangzeb"),
        (34, "</a> & <i>bitcoin</i> &amp; <script>", ""),
        (35, "**Who** _chairs_ the `PCC`?", "Aurangzeb"),
        (39, "[link](http://e.com) *bold* __x__ ~~y~~", ""),
        (36, URDU, ""),
        (37, "/ask", "Please add your question after /ask"),
        (38, "/ask    ", "Please add your question after /ask"),
    ],
)
async def test_bad_text_gets_a_sensible_reply(server, running_bot, chat_id, text, expected):
    reply = await reply_to(server, chat_id, text)
    assert expected in reply.text.replace("\u00a0", " ")
    assert "something went wrong" not in reply.text


@pytest.mark.parametrize(
    ("push", "kind"),
    [
        (FakeBotAPI.push_sticker, "sticker"),
        (FakeBotAPI.push_photo, "photo"),
        (FakeBotAPI.push_voice, "voice"),
        (FakeBotAPI.push_document, "document"),
    ],
)
async def test_attachments_get_a_text_only_notice(server, running_bot, push, kind):
    push(server, 40)
    [reply] = await server.wait_for_messages_async(40, 1)
    assert reply.text.startswith(f"I can only read text, not a {kind}.")


async def test_edited_messages_and_empty_text_are_ignored_on_purpose(server, running_bot):
    question = server.push_message(41, QUESTION)
    await server.wait_for_messages_async(41, 1)
    server.push_edited_message(41, question["message_id"], "Who leads the PCC?")
    server.push_message(41, "")
    await reply_to(server, 41, "/help")
    assert len(server.sent(41)) == 2


async def test_a_long_reply_is_split_within_4096_characters(server, running_bot, service, monkeypatch):
    monkeypatch.setattr(
        "bot.telegram_adapter.handlers.render_sources",
        lambda sources, fmt: "\n\n".join([f"<b>Part {i}</b> " + "word &amp; " * 120 for i in range(12)]),
    )
    before = len(server.sent(42))
    server.push_message(42, "/sources")
    sent = await server.wait_for_messages_async(42, before + 3)
    assert all(len(m.text.encode("utf-16-le")) // 2 <= 4096 for m in sent)
    assert sent[-1].buttons and not sent[0].buttons  # the keyboard goes under the last part
    assert sum(m.text.count("Part ") for m in sent) == 12


# ------------------------------------------------------------------------------ faults


async def test_flood_control_429_is_retried_and_the_answer_delivered(server, running_bot):
    server.fail_next("sendMessage", status=429, retry_after=1)
    answer = await reply_to(server, 50, QUESTION)
    assert "Aurangzeb" in answer.text.replace("\u00a0", " ")
    statuses = [c.status for c in server.calls("sendMessage")]
    assert statuses == [429, 200]


@pytest.mark.parametrize("fault", ["500", "502", "drop"])
async def test_server_errors_and_dropped_connections_are_retried_once_delivered(server, running_bot, fault):
    if fault == "drop":
        server.drop_next("sendMessage")
    else:
        server.fail_next("sendMessage", status=int(fault))
    answer = await reply_to(server, 51, QUESTION)
    assert markers(answer.text)
    await reply_to(server, 51, "/help")
    assert len(server.sent(51)) == 2  # delivered once, no duplicate


async def test_polling_survives_a_conflict(server, running_bot, token_free_logs):
    server.conflict_next()
    await server.wait_for_async(lambda s: any(c.status == 409 for c in s.calls("getUpdates")))
    answer = await reply_to(server, 52, QUESTION)  # fetched by a later poll
    assert markers(answer.text)
    warnings = [r for r in token_free_logs.records if "getting updates" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING


async def test_a_failing_update_gets_an_apology_and_others_still_work(server, service, token_free_logs):
    async with running(server, Exploding(service)):
        apology = await reply_to(server, 60, "please explode")
        assert apology.text == APOLOGY
        other = await reply_to(server, 61, QUESTION)
        assert markers(other.text)
        again = await reply_to(server, 60, QUESTION)
        assert markers(again.text)
    [error] = [r for r in token_free_logs.records if r.levelno == logging.ERROR]
    assert error.exc_info and "update" in error.getMessage() and "chat 60" in error.getMessage()


# ------------------------------------------------------------------------------ security


async def test_allowlist_refuses_other_chats_before_any_work(server, service):
    async with running(server, service, allowed_chats=[70]):
        allowed = await reply_to(server, 70, QUESTION)
        assert markers(allowed.text)
        refused = await reply_to(server, 71, QUESTION)
        assert refused.text.startswith("Sorry, this bot is private")
        assert "71" in refused.text
        assert (71, "typing") not in server.chat_actions
        server.push_inline_query(71, QUESTION)
        [inline] = await server.wait_for_async(lambda s: s.inline_answers)
        assert inline["results"] == []


async def test_allowlist_in_groups_refuses_commands_and_ignores_chatter(server, service):
    async with running(server, service, allowed_chats=[74]):
        server.push_message(GROUP, "who chairs the PCC?", user_id=501)
        server.push_message(GROUP, "/start@some_other_bot", user_id=501)
        refused = await reply_to(server, GROUP, f"/ask@{BOT} {QUESTION}", user_id=501)
        assert refused.text.startswith("Sorry, this bot is private") and str(GROUP) in refused.text
        assert len(server.sent(GROUP)) == 1
        allowed_user = await reply_to(server, GROUP, f"/ask {QUESTION}", user_id=74)
        assert markers(allowed_user.text), "an allowed user may use the bot in any chat"


async def test_reload_is_for_admins_and_keeps_the_last_good_index(server, service):
    attempts: list[str] = []

    def reopen() -> Service:
        attempts.append("reload")
        if len(attempts) == 2:
            raise ValueError("sources.toml: line 3: bad date")
        return open_service(SEEDS_DIR)

    async with running(server, service, reopen=reopen, admin_ids=[75]) as application:
        refused = await reply_to(server, 76, "/reload")
        assert refused.text == "Only the bot's admins can use /reload." and attempts == []
        done = await reply_to(server, 75, "/reload")
        assert done.text == "Reloaded: I now answer from 5 articles."
        reloaded = application.bot_data["citebot"].service
        assert reloaded is not service
        failed = await reply_to(server, 75, "/reload")
        assert failed.text.startswith("The reload failed, so I keep answering from the articles I had.")
        assert "sources.toml: line 3: bad date" in failed.text
        assert application.bot_data["citebot"].service is reloaded
        assert markers((await reply_to(server, 75, QUESTION)).text)


async def test_rate_limit_answers_a_flood_with_one_notice(server, service):
    async with running(server, service, rate_limit_per_minute=2):
        for _ in range(5):
            server.push_message(GROUP, f"/ask {QUESTION}", user_id=72)
        last = server.push_message(GROUP, f"/ask {QUESTION}", user_id=73)  # handled after the flood
        await server.wait_for_async(
            lambda s: any(m.reply_to_message_id == last["message_id"] for m in s.sent(GROUP))
        )
        *flood, other = server.sent(GROUP)
        assert markers(other.text), "another user is not affected"
        assert [bool(markers(m.text)) for m in flood] == [True, True, False]
        assert flood[2].text.startswith(
            "You are asking faster than I can answer: up to 2 questions a minute."
        )


async def test_the_token_is_redacted_not_merely_absent(server, running_bot, token_free_logs):
    await reply_to(server, 80, QUESTION)
    redacted = [r for r in token_free_logs.records if REDACTED in r.getMessage()]
    assert any(r.name == "httpx" for r in redacted), "httpx logs request URLs, which carry the token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, body: dict, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


async def test_webhook_rejects_requests_without_the_secret(server, service):
    port = _free_port()
    settings = settings_for(
        server,
        webhook_url="https://bot.example.org/citebot/hook",
        webhook_port=port,
        webhook_secret="s3cret-token_1",
    )
    application = build_application(settings, service)
    update = private_message(90, QUESTION)
    async with application:
        await application.start()
        await application.updater.start_webhook(**webhook_options(settings))
        try:
            url = f"http://127.0.0.1:{port}/citebot/hook"
            assert await asyncio.to_thread(_post, url, update, {}) == 403
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            assert await asyncio.to_thread(_post, url, update, wrong) == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token_1"}
            assert await asyncio.to_thread(_post, url, update, right) == 200
            [answer] = await server.wait_for_messages_async(90, 1)
            assert markers(answer.text)
        finally:
            await application.updater.stop()
            await application.stop()
    assert server.webhook["secret_token"] == "s3cret-token_1"
    assert server.webhook["url"] == "https://bot.example.org/citebot/hook"


async def test_compare_sends_its_chart_as_a_photo(server, running_bot):
    comparison = await reply_to(server, 16, "/compare El Salvador bitcoin holdings")
    assert "conflicts with" in comparison.text
    await server.wait_for_async(lambda s: any(c.status == 200 for c in s.calls("sendPhoto")))
    [call] = server.calls("sendPhoto")
    [(_, data)] = call.files.values()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000
    assert call.params["caption"].startswith("Chart: El Salvador bitcoin holdings: the figure in BTC")
