"""Tests of the fake Bot API server and the Telegram-HTML validator.

The server is exercised through python-telegram-bot's real ``Bot`` (and once
through a full ``Application``) so it is proven compatible with how PTB
actually encodes requests and decodes answers.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import ssl
import time
from typing import Any

import httpx
import pytest
import pytest_asyncio
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    MenuButtonCommands,
    ReplyParameters,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from tests.support.fake_telegram import CONFLICT_POLLING, FakeBotAPI
from tests.support.telegram_html import TelegramHTMLError, entity_text, parse_telegram_html, utf16_len

CHAT = 42
# Each PTB HTTPXRequest otherwise builds an SSL context (~80 ms) it never uses against
# the plain-HTTP fake; sharing one keeps the suite fast without changing what is sent.
_SSL_CONTEXT = ssl.create_default_context()


def make_bot(server: FakeBotAPI, *, token: str | None = None, base_url: str | None = None) -> Bot:
    """A real PTB ``Bot`` pointed at the fake server."""
    return Bot(
        token or server.token,
        base_url=base_url or server.base_url,
        request=HTTPXRequest(httpx_kwargs={"verify": _SSL_CONTEXT}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": _SSL_CONTEXT}),
    )


@pytest_asyncio.fixture
async def bot(server: FakeBotAPI):
    async with make_bot(server) as ptb_bot:
        yield ptb_bot


def last_error(server: FakeBotAPI, method: str) -> str:
    """Telegram's description from the last answer to ``method``."""
    response = server.calls(method)[-1].response
    assert response["ok"] is False
    return response["description"]


def keyboard(*callback_data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"b{i}", callback_data=d)] for i, d in enumerate(callback_data)]
    )


# ---------------------------------------------------------------------- HTML validator


class TestTelegramHTML:
    def test_plain_text_passes_through(self):
        assert parse_telegram_html("just text") == ("just text", [])

    @pytest.mark.parametrize(
        ("tag", "entity_type"),
        [
            ("b", "bold"), ("strong", "bold"), ("i", "italic"), ("em", "italic"),
            ("u", "underline"), ("ins", "underline"), ("s", "strikethrough"),
            ("strike", "strikethrough"), ("del", "strikethrough"), ("tg-spoiler", "spoiler"),
            ("code", "code"), ("pre", "pre"), ("blockquote", "blockquote"), ("B", "bold"),
        ],
    )  # fmt: skip
    def test_simple_tags(self, tag: str, entity_type: str):
        assert parse_telegram_html(f"x <{tag}>yz</{tag}>") == (
            "x yz",
            [{"type": entity_type, "offset": 2, "length": 2}],
        )

    def test_nested_entities_sorted_by_offset(self):
        text, entities = parse_telegram_html("<b>bold <i>both</i></b> <u>u</u>")
        assert text == "bold both u"
        assert entities == [
            {"type": "bold", "offset": 0, "length": 9},
            {"type": "italic", "offset": 5, "length": 4},
            {"type": "underline", "offset": 10, "length": 1},
        ]

    def test_offsets_are_utf16_code_units(self):
        text, entities = parse_telegram_html("😀 é <b>𝄞x</b>")
        assert entities == [{"type": "bold", "offset": 5, "length": 3}]
        assert entity_text(text, entities[0]) == "𝄞x"
        assert utf16_len("😀 é ") == 5 and utf16_len("") == 0

    def test_character_references_are_decoded_before_counting(self):
        text, entities = parse_telegram_html("&lt;&gt;&amp;&quot;&#65;&#x42;<i>&#128512;</i>")
        assert text == '<>&"AB😀'
        assert entities == [{"type": "italic", "offset": 6, "length": 2}]

    def test_links_and_user_mentions(self):
        text, entities = parse_telegram_html(
            '<a href="https://doi.org/10.1000/x?a=1&amp;b=2">paper</a> by <a href="tg://user?id=77">Bob</a>'
        )
        assert text == "paper by Bob"
        assert entities[0] == {
            "type": "text_link",
            "offset": 0,
            "length": 5,
            "url": "https://doi.org/10.1000/x?a=1&b=2",
        }
        assert entities[1]["type"] == "text_mention" and entities[1]["user"]["id"] == 77

    def test_pre_with_language_and_code_alone(self):
        assert parse_telegram_html('<pre><code class="language-python">x = 1</code></pre>')[1] == [
            {"type": "pre", "offset": 0, "length": 5, "language": "python"}
        ]
        # A language outside <pre> is dropped, as Telegram does.
        assert parse_telegram_html('<code class="language-python">x</code>')[1] == [
            {"type": "code", "offset": 0, "length": 1}
        ]

    def test_spoiler_emoji_and_expandable_blockquote(self):
        _, entities = parse_telegram_html(
            '<span class="tg-spoiler">s</span>'
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
            "<blockquote expandable>q</blockquote>"
        )
        assert [e["type"] for e in entities] == ["spoiler", "custom_emoji", "expandable_blockquote"]
        assert entities[1]["custom_emoji_id"] == "5368324170671202286"

    def test_link_schemes(self):
        assert parse_telegram_html('<a href="example.org/x">x</a>')[1][0]["url"] == "http://example.org/x"
        with pytest.raises(TelegramHTMLError, match="Invalid URL"):
            parse_telegram_html('<a href="javascript://alert(1)">x</a>')
        assert parse_telegram_html('<a href="javascript://alert(1)">x</a>', strict=False) == (
            "x",
            [],
        )

    def test_empty_tags_produce_no_entity(self):
        assert parse_telegram_html("a<b></b>b") == ("ab", [])

    @pytest.mark.parametrize(
        ("html", "message"),
        [
            ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
            ("é <p>", 'Unsupported start tag "p" at byte offset 3'),
            ("a < b", 'Unsupported start tag "" at byte offset 2'),
            ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
            ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
            (
                "<b><i>x</b></i>",
                'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
            ),
            ("x</b>", "Unexpected end tag at byte offset 1"),
            ("<b", "Unclosed start tag at byte offset 0"),
            ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
            ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
            ("AT&T", 'Character "&" must be escaped as "&amp;" at byte offset 2'),
            ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
            ("1 > 0", 'Character ">" must be escaped as "&gt;" at byte offset 2'),
            ('<b class="x">y</b>', 'Unsupported attribute "class" in the tag "b"'),
            (
                "<blockquote>a<blockquote>b</blockquote></blockquote>",
                "Nested blockquotes are not allowed",
            ),
            ("<code><b>x</b></code>", 'Tag "b" can\'t be nested in "code"'),
            ('<a href="https://a.b"><a href="https://c.d">x</a></a>', 'Tag "a" can\'t be nested'),
            ("&#xD83D;", "Text contains invalid Unicode characters"),
        ],
    )
    def test_invalid_markup_is_rejected(self, html: str, message: str):
        with pytest.raises(TelegramHTMLError) as excinfo:
            parse_telegram_html(html)
        assert str(excinfo.value).startswith(message)

    def test_lenient_mode_accepts_what_tdlib_accepts(self):
        assert parse_telegram_html("AT&T 1 > 0 &nbsp;", strict=False) == ("AT&T 1 > 0 &nbsp;", [])
        assert parse_telegram_html('<b class="x">y</b>', strict=False)[1] == [
            {"type": "bold", "offset": 0, "length": 1}
        ]
        with pytest.raises(TelegramHTMLError):
            parse_telegram_html("<div>", strict=False)


# -------------------------------------------------------------------- basics & routing


async def test_get_me_returns_realistic_bot(bot: Bot):
    me = await bot.get_me()
    assert me.is_bot and me.username == "citebot_test_bot"
    assert me.can_join_groups and me.supports_inline_queries
    assert bot.username == "citebot_test_bot"


async def test_wrong_token_is_unauthorized(server: FakeBotAPI):
    with pytest.raises(InvalidToken):
        async with make_bot(server, token="999:WRONG"):
            pass
    response = httpx.post(f"{server.base_url}999:WRONG/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_unknown_method_is_404(server: FakeBotAPI, bot: Bot):
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("fooBar")
    response = httpx.post(f"{server.base_url}{server.token}/fooBar")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_test_environment_path(server: FakeBotAPI):
    async with make_bot(server, base_url=server.base_url + "{token}/test") as test_bot:
        await test_bot.send_message(CHAT, "hello")
    assert server.sent(CHAT)[0].text == "hello"


def test_json_body_and_method_names_are_case_insensitive(server: FakeBotAPI):
    response = httpx.post(
        f"{server.base_url}{server.token}/sendmessage", json={"chat_id": CHAT, "text": "hi"}
    )
    assert response.json()["result"]["text"] == "hi"
    assert server.calls("sendMessage")[0].content_type == "application/json"


async def test_form_encoding_is_decoded_like_ptb_sends_it(server: FakeBotAPI, bot: Bot):
    await bot.send_message(CHAT, "123", reply_markup=keyboard("d"), disable_notification=True)
    call = server.calls("sendMessage")[0]
    assert call.content_type == "application/x-www-form-urlencoded"
    # Strings are sent raw, everything else JSON-encoded: decode accordingly.
    assert call.params["text"] == "123"
    assert call.params["chat_id"] == CHAT
    assert call.params["disable_notification"] is True
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "b0", "callback_data": "d"}]]}


async def test_multipart_upload_is_parsed(server: FakeBotAPI, bot: Bot):
    certificate = b"\x00-----BEGIN\r\n--boundary-like\r\n\xff"
    assert await bot.set_webhook("https://example.org/hook", certificate=certificate, max_connections=5)
    call = server.calls("setWebhook")[0]
    assert call.content_type.startswith("multipart/form-data")
    assert call.params == {"url": "https://example.org/hook", "max_connections": 5}
    assert call.files["certificate"][1] == certificate


# ----------------------------------------------------------------------------- sending


async def test_send_message_html_is_stored_with_entities(server: FakeBotAPI, bot: Bot):
    message = await bot.send_message(
        CHAT,
        '  <b>Title</b>\n<blockquote>quote</blockquote><a href="https://arxiv.org/abs/1">[1]</a>\n',
        parse_mode="HTML",
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    assert message.text == "Title\nquote[1]"
    assert message.entities[0].type == "bold" and message.entities[0].offset == 0
    [sent] = server.sent(CHAT)
    assert sent.message_id == message.message_id
    assert sent.entity_texts("bold") == ["Title"]
    assert sent.entity_texts("blockquote") == ["quote"]
    assert sent.links == [("[1]", "https://arxiv.org/abs/1")]
    assert sent.parse_mode == "HTML" and sent.raw_text.startswith("  <b>")
    assert sent.link_preview_options == {"is_disabled": True}


async def test_message_ids_increase_per_chat(server: FakeBotAPI, bot: Bot):
    server.push_message(CHAT, "hi")  # user messages share the chat's counter
    ids = [(await bot.send_message(chat, "x")).message_id for chat in (CHAT, CHAT, 7)]
    assert ids == [2, 3, 1]


@pytest.mark.parametrize(
    ("text", "parse_mode", "description"),
    [
        ("", None, "Bad Request: message text is empty"),
        (" \n ", None, "Bad Request: message text is empty"),
        ("<b></b>", "HTML", "Bad Request: message text is empty"),
        ("a" * 4097, None, "Bad Request: message is too long"),
        ("😀" * 2049, None, "Bad Request: message is too long"),
        (
            "<b>x",
            "HTML",
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
        ),
        ("x", "Klingon", "Bad Request: unsupported parse_mode"),
    ],
)
async def test_send_message_validation(
    server: FakeBotAPI, bot: Bot, text: str, parse_mode: str | None, description: str
):
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, text, parse_mode=parse_mode)
    assert last_error(server, "sendMessage") == description
    assert server.sent() == []


@pytest.mark.parametrize("text", ["a" * 4096, "😀" * 2048, "<b>" + "a" * 4096 + "</b>", "&amp;" * 4096])
async def test_length_is_counted_after_parsing_in_utf16(server: FakeBotAPI, bot: Bot, text: str):
    await bot.send_message(CHAT, text, parse_mode="HTML")
    assert utf16_len(server.sent(CHAT)[0].text) == 4096


async def test_callback_data_limit_is_64_bytes(server: FakeBotAPI, bot: Bot):
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("x" * 64))
    for data in ("x" * 65, "é" * 33):
        with pytest.raises(BadRequest):
            await bot.send_message(CHAT, "too long", reply_markup=keyboard(data))
        assert last_error(server, "sendMessage") == "Bad Request: BUTTON_DATA_INVALID"
    assert len(server.sent(CHAT)) == 1


async def test_reply_to_missing_message(server: FakeBotAPI, bot: Bot):
    user_message = server.push_message(CHAT, "question")
    reply = await bot.send_message(
        CHAT, "answer", reply_parameters=ReplyParameters(user_message["message_id"])
    )
    assert reply.reply_to_message.text == "question"
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "x", reply_parameters=ReplyParameters(999))
    assert last_error(server, "sendMessage") == "Bad Request: message to be replied not found"
    await bot.send_message(CHAT, "x", reply_parameters=ReplyParameters(999, allow_sending_without_reply=True))


# ----------------------------------------------------------------- editing & deleting


async def test_edit_message_text_and_markup(server: FakeBotAPI, bot: Bot):
    message = await bot.send_message(CHAT, "draft", reply_markup=keyboard("a"))
    edited = await bot.edit_message_text("<i>final</i>", CHAT, message.message_id, parse_mode="HTML")
    assert edited.text == "final" and edited.edit_date is not None
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("<i>final</i>", CHAT, message.message_id, parse_mode="HTML")
    assert last_error(server, "editMessageText").startswith("Bad Request: message is not modified: ")
    await bot.edit_message_reply_markup(CHAT, message.message_id, reply_markup=keyboard("b"))
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_reply_markup(CHAT, message.message_id, reply_markup=keyboard("b"))
    [sent] = server.sent(CHAT)
    assert sent.text == "final" and sent.history == ["draft"]
    assert sent.entity_texts("italic") == ["final"]
    assert [b["callback_data"] for b in sent.buttons] == ["b"]


async def test_edit_and_delete_errors(server: FakeBotAPI, bot: Bot):
    with pytest.raises(BadRequest):
        await bot.edit_message_text("x", CHAT, 12345)
    assert last_error(server, "editMessageText") == "Bad Request: message to edit not found"
    user_message = server.push_message(CHAT, "mine")
    with pytest.raises(BadRequest):
        await bot.edit_message_text("x", CHAT, user_message["message_id"])
    assert last_error(server, "editMessageText") == "Bad Request: message can't be edited"

    message = await bot.send_message(CHAT, "bye")
    assert await bot.delete_message(CHAT, message.message_id)
    assert server.sent(CHAT)[0].deleted
    with pytest.raises(BadRequest):
        await bot.delete_message(CHAT, message.message_id)
    assert last_error(server, "deleteMessage") == "Bad Request: message to delete not found"
    with pytest.raises(BadRequest):
        await bot.edit_message_text("again", CHAT, message.message_id)
    assert last_error(server, "editMessageText") == "Bad Request: message to edit not found"


# ---------------------------------------------------------------------------- updates


async def test_get_updates_offset_limit_and_confirmation(server: FakeBotAPI, bot: Bot):
    for text in ("one", "two", "three"):
        server.push_message(CHAT, text)
    first = await bot.get_updates(limit=2, timeout=0)
    assert [u.message.text for u in first] == ["one", "two"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in rest] == ["three"]
    assert server.confirmed_offset == first[-1].update_id + 1
    assert len(server.pending_updates) == 1
    await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0)
    assert server.pending_updates == []


async def test_long_poll_returns_as_soon_as_an_update_arrives(server: FakeBotAPI, bot: Bot):
    poll = asyncio.create_task(bot.get_updates(timeout=60, read_timeout=70))
    await server.wait_for_async(lambda s: s.polling)
    server.push_message(CHAT, "wake up")
    updates = await asyncio.wait_for(poll, timeout=20)  # long before the poll's own minute is up
    assert [u.message.text for u in updates] == ["wake up"]
    assert not server.polling


async def test_long_poll_times_out_empty(server: FakeBotAPI, bot: Bot):
    poll = asyncio.create_task(bot.get_updates(timeout=dtm.timedelta(seconds=0.3)))
    await server.wait_for_async(lambda s: s.polling)  # held while nothing comes
    assert await poll == ()
    assert not server.polling and server.calls("getUpdates")[0].status == 200


async def test_concurrent_polls_conflict(server: FakeBotAPI, bot: Bot):
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await server.wait_for_async(lambda s: s.polling)
    async with make_bot(server) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await poll


async def test_commands_mentions_and_urls_get_entities(server: FakeBotAPI, bot: Bot):
    server.push_message(-1001234, "/cite@citebot_test_bot 10.1/x @citebot_test_bot see https://x.org/a.")
    [update] = await bot.get_updates(timeout=0)
    message = update.message
    assert message.chat.type == "supergroup" and message.from_user.id == 1111
    assert message.parse_entities() == {
        message.entities[0]: "/cite@citebot_test_bot",
        message.entities[1]: "@citebot_test_bot",
        message.entities[2]: "https://x.org/a",
    }
    assert [e.type for e in message.entities] == ["bot_command", "mention", "url"]


async def test_media_messages_are_realistic(server: FakeBotAPI, bot: Bot):
    server.push_sticker(CHAT, emoji="🐱")
    server.push_photo(CHAT, caption="look /cite")
    server.push_voice(CHAT, duration=7)
    server.push_document(CHAT, file_name="a.pdf")
    sticker, photo, voice, document = (u.message for u in await bot.get_updates(timeout=0))
    assert sticker.sticker.emoji == "🐱" and sticker.text is None
    assert photo.photo[-1].width == 1280 and photo.caption == "look /cite"
    assert photo.caption_entities[0].type == "bot_command"
    assert voice.voice.to_dict()["duration"] == 7 and voice.voice.mime_type == "audio/ogg"
    assert document.document.file_name == "a.pdf" and document.document.mime_type == "application/pdf"


async def test_edited_messages_replies_and_raw_updates(server: FakeBotAPI, bot: Bot):
    original = server.push_message(-5, "frist", chat_type="group", user_id=9)
    server.push_edited_message(-5, original["message_id"], "first")
    server.push_message(-5, "agreed", reply_to_message_id=original["message_id"])
    update_id = server.push_update({"my_chat_member": _member_update()})
    updates = await bot.get_updates(timeout=0)
    assert updates[1].edited_message.text == "first" and updates[1].edited_message.edit_date
    assert updates[2].message.reply_to_message.text == "first"  # replies show the current text
    assert updates[3].update_id == update_id and updates[3].my_chat_member.new_chat_member.status == "member"


def _member_update() -> dict[str, Any]:
    user = {"id": 9, "is_bot": False, "first_name": "Eve"}
    bot_user = {
        "id": 123456,
        "is_bot": True,
        "first_name": "CiteBot Test",
        "username": "citebot_test_bot",
    }
    return {
        "chat": {"id": -5, "type": "group", "title": "G"},
        "from": user,
        "date": int(time.time()),
        "old_chat_member": {"status": "left", "user": bot_user},
        "new_chat_member": {"status": "member", "user": bot_user},
    }


async def test_callback_queries(server: FakeBotAPI, bot: Bot):
    message = await bot.send_message(CHAT, "pick", reply_markup=keyboard("cite:1"))
    query_id = server.push_callback_query(CHAT, message.message_id, "cite:1")
    [update] = await bot.get_updates(timeout=0)
    assert update.callback_query.id == query_id and update.callback_query.data == "cite:1"
    assert update.callback_query.message.message_id == message.message_id
    assert await update.callback_query.answer("done")
    assert server.answered_callbacks == [{"callback_query_id": query_id, "text": "done"}]
    for bad_id in (query_id, "nope"):
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query(bad_id)
    assert last_error(server, "answerCallbackQuery") == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )


async def test_inline_queries(server: FakeBotAPI, bot: Bot):
    def results(n: int) -> list[InlineQueryResultArticle]:
        return [
            InlineQueryResultArticle(
                str(i), f"r{i}", InputTextMessageContent(f"<b>{i}</b>", parse_mode="HTML")
            )
            for i in range(n)
        ]

    query_id = server.push_inline_query(77, "attention")
    [update] = await bot.get_updates(timeout=0)
    assert update.inline_query.query == "attention" and update.inline_query.from_user.id == 77
    with pytest.raises(BadRequest):
        await bot.answer_inline_query(query_id, results(51))
    assert last_error(server, "answerInlineQuery") == "Bad Request: RESULTS_TOO_MUCH"
    bad = [InlineQueryResultArticle("1", "t", InputTextMessageContent("<b>x", parse_mode="HTML"))]
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.answer_inline_query(query_id, bad)
    assert await bot.answer_inline_query(query_id, results(50), cache_time=0)
    [answer] = server.inline_answers
    assert answer["inline_query_id"] == query_id and len(answer["results"]) == 50
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query(query_id, results(1))


# -------------------------------------------------------------- other bot methods


async def test_webhook_lifecycle(server: FakeBotAPI, bot: Bot):
    server.push_message(CHAT, "pending")
    await bot.set_webhook("https://example.org/hook", secret_token="s3cret")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.org/hook" and info.pending_update_count == 1
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates(timeout=0) == ()


async def test_commands_actions_menu_and_session_methods(server: FakeBotAPI, bot: Bot):
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("cite", "Cite a paper")])
    await bot.set_my_commands(
        [BotCommand("admin", "Admin")], scope=BotCommandScopeChat(CHAT), language_code="de"
    )
    assert server.commands == [
        {"command": "start", "description": "Start"},
        {"command": "cite", "description": "Cite a paper"},
    ]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "cite"]
    assert server.commands_for({"type": "chat", "chat_id": CHAT}, "de")[0]["command"] == "admin"
    with pytest.raises(BadRequest):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert last_error(server, "setMyCommands") == "Bad Request: BOT_COMMAND_INVALID"
    await bot.delete_my_commands()
    assert server.commands == [] and await bot.get_my_commands() == ()

    await bot.send_chat_action(CHAT, "typing")
    with pytest.raises(BadRequest):
        await bot.send_chat_action(CHAT, "dancing")
    assert server.chat_actions == [(CHAT, "typing")]

    await bot.set_chat_menu_button(CHAT, MenuButtonCommands())
    assert server.menu_buttons == {CHAT: {"type": "commands"}}
    assert (await bot.get_chat_menu_button(CHAT)).type == "commands"
    assert await bot.log_out() and await bot.close()


# --------------------------------------------------------------------- fault injection


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter.retry_after
async def test_fail_next_429_with_retry_after(server: FakeBotAPI, bot: Bot):
    server.fail_next("sendMessage", retry_after=7)
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "x")
    assert server.calls("sendMessage")[0].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    await bot.send_message(CHAT, "x")  # only the next call fails
    assert len(server.sent(CHAT)) == 1


async def test_fail_next_server_errors_and_count(server: FakeBotAPI, bot: Bot):
    server.fail_next("*", status=500, count=2)
    server.fail_next("getMe", status=502)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.get_me()
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.get_me()
    assert (await bot.get_me()).username == "citebot_test_bot"
    assert [c.status for c in server.calls("getMe")][-4:] == [500, 500, 502, 200]


async def test_conflict_next(server: FakeBotAPI, bot: Bot):
    server.conflict_next()
    with pytest.raises(Conflict) as excinfo:
        await bot.get_updates(timeout=0)
    assert excinfo.value.message == CONFLICT_POLLING
    assert await bot.get_updates(timeout=0) == ()


async def test_delay_next_answers_late_or_times_out(server: FakeBotAPI, bot: Bot):
    server.delay_next("getMe", 0.3)
    started = time.monotonic()
    await bot.get_me()
    assert time.monotonic() - started >= 0.3
    # The message is delivered although the client gives up waiting for the answer.
    server.delay_next("sendMessage", 5, process_first=True)
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "maybe", read_timeout=0.2)
    assert [m.text for m in server.sent(CHAT)] == ["maybe"]


async def test_answer_late_next_answers_once_the_client_has_given_up(server: FakeBotAPI, bot: Bot):
    server.answer_late_next("sendMessage")
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "delivered all the same", read_timeout=0.2)
    assert [m.text for m in server.sent(CHAT)] == ["delivered all the same"]  # processed at once
    await server.wait_for_async(lambda s: s.calls("sendMessage")[-1].status == 200, timeout=10)
    assert (await bot.send_message(CHAT, "next")).text == "next"  # only the one call was late


async def test_hold_next_answers_once_the_condition_holds(server: FakeBotAPI, bot: Bot):
    before = len(server.calls("getMe"))  # the bot's own, as it started
    server.hold_next("getMe", until=lambda s: s.sent(CHAT))
    me = asyncio.create_task(bot.get_me())
    held = (await server.wait_for_async(lambda s: s.calls("getMe")[before:]))[0]
    assert held.status is None and not me.done()  # arrived, not answered
    await bot.send_message(CHAT, "now")
    assert (await me).username == "citebot_test_bot"
    assert server.calls("getMe")[before].status == 200
    server.hold_next("getMe", until=lambda s: False, timeout=0.1)  # never holds: answered after the timeout
    assert (await bot.get_me()).username == "citebot_test_bot"


async def test_drop_next_closes_connection(server: FakeBotAPI, bot: Bot):
    server.drop_next("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(CHAT, "lost")
    assert server.sent() == [] and server.calls("sendMessage")[0].status is None
    await bot.send_message(CHAT, "retry")
    assert [m.text for m in server.sent(CHAT)] == ["retry"]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter.retry_after
async def test_rate_limit_enforced_and_recorded(server: FakeBotAPI, bot: Bot):
    server.enable_rate_limit(per_chat=(1, 10.0))
    await bot.send_message(CHAT, "first")
    await bot.send_message(CHAT + 1, "other chat is fine")
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "second")
    assert server.calls("sendMessage")[-1].response["parameters"]["retry_after"] == 10
    [violation] = server.rate_limit_violations
    assert (violation.chat_id, violation.scope, violation.method) == (CHAT, "chat", "sendMessage")

    server.enable_rate_limit(per_chat=(1, 10.0), enforce=False)
    await bot.send_message(CHAT, "a")
    await bot.send_message(CHAT, "b")  # goes through, only recorded
    assert len(server.rate_limit_violations) == 2
    server.disable_rate_limit()
    await bot.send_message(CHAT, "c")
    assert len(server.rate_limit_violations) == 2


async def test_restart_keeps_port_and_state(server: FakeBotAPI, bot: Bot):
    await bot.send_message(CHAT, "before")
    port = server.port
    server.stop()
    with pytest.raises(NetworkError):
        await bot.send_message(CHAT, "during outage")
    server.start()
    assert server.port == port
    await bot.send_message(CHAT, "after")
    assert [m.text for m in server.sent(CHAT)] == ["before", "after"]


# ----------------------------------------------------------------------------- waiting


def test_wait_for_times_out_with_context(server: FakeBotAPI):
    server.push_message(CHAT, "nobody answers")
    with pytest.raises(TimeoutError, match=r"^condition not met within 0.1s; last calls: \[\]$"):
        server.wait_for_messages(CHAT, 1, timeout=0.1)


async def test_wait_for_messages_async_wakes_on_send(server: FakeBotAPI, bot: Bot):
    async def send_later() -> None:
        await asyncio.sleep(0)  # let the waiter start first
        await bot.send_message(CHAT, "one")
        await bot.send_message(CHAT, "two")

    sender = asyncio.create_task(send_later())
    messages = await server.wait_for_messages_async(CHAT, 2, timeout=5)
    await sender
    assert [m.text for m in messages] == ["one", "two"]


# ----------------------------------------------------------------------- end to end


async def test_real_application_polls_and_replies(server: FakeBotAPI):
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_chat.send_action("typing")
        await update.message.reply_html(f"<b>Welcome</b>, {update.effective_user.first_name}!")

    app = Application.builder().token(server.token).base_url(server.base_url).build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=dtm.timedelta(seconds=1))
        server.push_message(CHAT, "/start")  # update_id 1
        [reply] = await server.wait_for_messages_async(CHAT, 1)
        await app.updater.stop()
        await app.stop()
    assert reply.text == "Welcome, Alice!"
    assert reply.entity_texts("bold") == ["Welcome"]
    assert server.chat_actions == [(CHAT, "typing")]
    assert server.confirmed_offset == 2  # PTB confirmed the update when it stopped polling


async def test_reset_forgets_state_but_keeps_serving(server: FakeBotAPI, bot: Bot):
    await bot.send_message(CHAT, "old")
    server.push_message(CHAT, "queued")
    server.fail_next("getMe", status=500)
    server.reset()
    assert server.sent() == [] and server.calls() == [] and server.pending_updates == []
    assert (await bot.get_me()).username == "citebot_test_bot"  # the fault was forgotten too
    assert (await bot.send_message(CHAT, "new")).message_id == 1
