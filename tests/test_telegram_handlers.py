"""The Telegram adapter piece by piece: splitting, buttons, access, redaction, wiring, start-up."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from telegram import Bot, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

from bot.render import render_template
from bot.service import Service
from bot.settings import Settings, SettingsError
from bot.telegram_adapter.access import Access, RateLimit, Verdict
from bot.telegram_adapter.addressing import clean, has_words, is_addressed, question_of
from bot.telegram_adapter.app import api_urls, build_application, run_bot, webhook_options
from bot.telegram_adapter.callbacks import (
    MAX_CALLBACK_BYTES,
    Press,
    PressedButtons,
    QuestionStore,
    decode,
    encode,
)
from bot.telegram_adapter.handlers import error_handler
from bot.telegram_adapter.inline import inline_results
from bot.telegram_adapter.keyboards import answer_keyboard, sources_keyboard, without
from bot.telegram_adapter.logsafe import (
    REDACTED,
    RedactingFilter,
    Redactor,
    configure_logging,
    install_redaction,
)
from bot.telegram_adapter.pacing import PacedRateLimiter, PerChatUpdateProcessor
from bot.telegram_adapter.replies import send_html
from bot.telegram_adapter.split import plain_length, split_html
from bot.telegram_adapter.state import KEY, Deps
from tests.fake_telegram import DEFAULT_TOKEN, FakeBotAPI
from tests.telegram_html import parse_telegram_html, utf16_len

QUESTION = "Who chairs the PCC?"


pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


@pytest.fixture(scope="module")
def service(seeds_service: Service) -> Service:
    """The service over the five seeds (conftest builds it once per session)."""
    return seeds_service


def telegram_length(part: str) -> int:
    plain, _ = parse_telegram_html(part)
    return utf16_len(plain.strip())


def words(html_text: str) -> list[str]:
    plain, _ = parse_telegram_html(html_text)
    return plain.split()


# ------------------------------------------------------------------------------ splitting


def test_a_short_reply_is_one_message():
    assert split_html("<b>Hi</b> &amp; bye") == ["<b>Hi</b> &amp; bye"]


def test_long_replies_split_on_paragraph_boundaries():
    paragraphs = [f"<b>{i}.</b> " + "word " * 150 for i in range(20)]  # about 760 characters each
    text = "\n\n".join(paragraphs)
    parts = split_html(text)
    assert len(parts) > 1
    assert all(telegram_length(p) <= 4096 for p in parts)
    assert all(p.startswith("<b>") for p in parts), "each part starts at a paragraph"
    assert [w for p in parts for w in words(p)] == words(text)


def test_a_tag_open_at_a_cut_is_closed_and_reopened():
    text = "<blockquote expandable>" + "<i>quoted</i> sentence &amp; more. " * 400 + "</blockquote>"
    parts = split_html(text, limit=1000)
    assert len(parts) > 1
    for part in parts:
        plain, entities = parse_telegram_html(part)
        assert utf16_len(plain.strip()) <= 1000
        assert part.startswith("<blockquote expandable>") and part.endswith("</blockquote>")
    assert [w for p in parts for w in words(p)] == words(text)


def test_length_is_counted_in_utf16_units_after_entities():
    assert plain_length("&amp;" * 4096) == 4096
    assert split_html("&amp;" * 4096) == ["&amp;" * 4096]
    emoji = "😀 " * 3000  # 3 UTF-16 units each with the space: 9000
    parts = split_html(emoji)
    assert len(parts) == 3 and all(telegram_length(p) <= 4096 for p in parts)


def test_a_word_longer_than_a_message_is_cut_between_characters():
    text = "x" * 5000 + "&amp;" + "y" * 5000
    parts = split_html(text, limit=4096)
    assert all(telegram_length(p) <= 4096 for p in parts)
    assert "".join(parse_telegram_html(p)[0] for p in parts) == "x" * 5000 + "&" + "y" * 5000


_tag = st.sampled_from(["b", "i", "u", "s", "code", "blockquote"])
_word = st.text(alphabet=st.sampled_from("ab €😀&<>\"'ü\u202e"), min_size=1, max_size=12)


@st.composite
def rendered_html(draw):
    """HTML as a template makes it: escaped text in Telegram's tags, paragraphs and lines."""
    from markupsafe import escape

    blocks = []
    for _ in range(draw(st.integers(1, 12))):
        text = str(escape(" ".join(draw(st.lists(_word, min_size=1, max_size=30)))))
        tag = draw(st.none() | _tag)
        blocks.append(f"<{tag}>{text}</{tag}>" if tag else text)
    separators = draw(
        st.lists(st.sampled_from(["\n\n", "\n", " "]), min_size=len(blocks), max_size=len(blocks))
    )
    return "".join(b + s for b, s in zip(blocks, separators, strict=True))


@hypothesis_settings(max_examples=100, deadline=None)
@given(rendered_html(), st.integers(min_value=16, max_value=300))
def test_every_part_parses_fits_and_nothing_is_lost(text, limit):
    parts = split_html(text, limit=limit)
    for part in parts:
        assert telegram_length(part) <= limit
    assert "".join("".join(words(p)) for p in parts) == "".join(words(text))  # long words may be cut


# ------------------------------------------------------------------------------ buttons


@hypothesis_settings(max_examples=200)
@given(
    st.text(min_size=0, max_size=5000),
    st.sampled_from(["quotes", "compare", "more", "ask", "source"]),
    st.integers(0, 9999),
)
def test_callback_data_fits_64_bytes_and_decodes_back(text, kind, page):
    store = QuestionStore()
    press = Press(kind, text, page if kind == "more" else 0)
    data = encode(press, store)
    assert 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES
    assert decode(data, store) == press


def test_forgotten_and_malformed_callback_data_decode_to_none():
    store = QuestionStore(maxsize=2)
    first = encode(Press("quotes", "first question"), store)
    encode(Press("quotes", "second"), store)
    encode(Press("quotes", "third"), store)
    assert len(store) == 2
    assert decode(first, store) is None  # evicted: the least recently used
    for data in (None, "", "x", "q:", "zz:abc", "m:abc", "m:abc:notanumber", "q:nosuchkey"):
        assert decode(data, store) is None


def test_the_same_question_gets_the_same_id():
    store = QuestionStore()
    assert encode(Press("quotes", QUESTION), store) == encode(Press("quotes", QUESTION), store)
    assert len(store) == 1


def test_pressed_buttons_are_remembered_per_message():
    pressed = PressedButtons(maxsize=2)
    assert pressed.press(1, 10, "q:a") and not pressed.press(1, 10, "q:a")
    assert pressed.press(1, 11, "q:a") and pressed.press(2, 10, "q:a")
    assert pressed.pressed(1, 10) == frozenset()  # evicted
    assert pressed.pressed(2, 10) == {"q:a"}


def test_answer_keyboard(service):
    store = QuestionStore()
    answer = service.ask(QUESTION)
    keyboard = answer_keyboard(answer, store)
    labels = [b.text for row in keyboard.inline_keyboard for b in row]
    assert labels == ["Quotes", "Compare sources", "More"]
    more = [b.text for row in answer_keyboard(answer, store, page=1).inline_keyboard for b in row]
    assert more == ["More"]
    assert answer_keyboard(service.ask("What is the capital of Mongolia?"), store) is None
    quotes = keyboard.inline_keyboard[0][0].callback_data
    assert [b.text for row in without(keyboard, {quotes}).inline_keyboard for b in row] == [
        "Compare sources",
        "More",
    ]
    assert without(keyboard, {b.callback_data for b in keyboard.inline_keyboard[0]}) is None


def test_sources_keyboard_has_a_button_per_source(service):
    store = QuestionStore()
    keyboard = sources_keyboard(service.sources(), store)
    data = [row[0].callback_data for row in keyboard.inline_keyboard]
    assert [decode(d, store).text for d in data] == [s.source_id for s in service.sources()]
    assert all(len(row[0].text) <= 60 for row in keyboard.inline_keyboard)


def test_inline_results_are_valid_single_messages(service, monkeypatch):
    answer = service.ask(QUESTION)
    results = inline_results(answer, service.compare(QUESTION))
    assert [r.id for r in results] == ["answer", "compare"]
    monkeypatch.setattr(
        "bot.telegram_adapter.inline.render_answer", lambda a, fmt: "<b>long</b> text\n\n" * 900
    )
    [long] = inline_results(answer, None)
    assert telegram_length(long.input_message_content.message_text) <= 4096


# ------------------------------------------------------------------------------ access


def test_no_allowlist_allows_everyone():
    assert Access().allows(123, 456) and Access().allows(None, None)


def test_allowlist_by_chat_or_user_and_admins():
    access = Access(allowed=[-100777, 42], admins=[9])
    assert access.allows(-100777, 5)  # an allowed group, any member
    assert access.allows(1234, 42)  # an allowed user, any chat (and inline queries)
    assert access.allows(9, 9)  # admins
    assert not access.allows(5, 5) and not access.allows(None, None)
    assert access.is_admin(9) and not access.is_admin(42) and not access.is_admin(None)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_gives_one_notice_per_flood():
    clock = Clock()
    limit = RateLimit(3, clock=clock)
    verdicts = [limit.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY, Verdict.DROP, Verdict.DROP]
    assert limit.check(2) is Verdict.ALLOW  # per user
    clock.now += 60
    assert [limit.check(1) for _ in range(5)] == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY, Verdict.DROP]


def test_rate_limit_window_slides():
    clock = Clock()
    limit = RateLimit(2, clock=clock)
    assert limit.check(1) is Verdict.ALLOW
    clock.now += 30
    assert limit.check(1) is Verdict.ALLOW
    assert limit.check(1) is Verdict.NOTIFY
    clock.now += 30  # the first request left the window
    assert limit.check(1) is Verdict.ALLOW
    assert limit.check(1) is Verdict.NOTIFY


def test_rate_limit_memory_stays_bounded():
    clock = Clock()
    limit = RateLimit(5, clock=clock)
    for user in range(3000):
        limit.check(user)
    clock.now += 61
    for user in range(3000, 5048):
        limit.check(user)
    assert len(limit) < 3000
    with pytest.raises(ValueError):
        RateLimit(0)


# ------------------------------------------------------------------------------ token redaction


def test_redactor_covers_plain_and_url_encoded_forms():
    redact = Redactor([DEFAULT_TOKEN])
    assert redact(f"GET /bot{DEFAULT_TOKEN}/getMe") == f"GET /bot{REDACTED}/getMe"
    assert redact(DEFAULT_TOKEN.replace(":", "%3A")) == REDACTED
    assert Redactor([])("nothing") == "nothing"


def test_every_record_is_redacted_at_every_level(caplog):
    caplog.set_level(logging.DEBUG)
    uninstall = install_redaction([DEFAULT_TOKEN])
    try:
        bot = Bot(DEFAULT_TOKEN)
        logging.getLogger("httpx").info(
            'HTTP Request: POST %s "HTTP/1.1 200 OK"', f"https://api.telegram.org/bot{DEFAULT_TOKEN}/getMe"
        )
        logging.getLogger("telegram.ext").debug("bot is %r", bot)
        logging.getLogger("bot").warning("bad format %s %s", DEFAULT_TOKEN)  # a broken call still redacts
        try:
            raise NetworkError(f"connect to /bot{DEFAULT_TOKEN}/sendMessage failed")
        except NetworkError:
            logging.getLogger("bot").exception("sending failed")
        logging.getLogger("bot").error("stack", stack_info=True, extra={})
    finally:
        uninstall()
    assert len(caplog.records) >= 5  # PTB itself logs its API URLs, with the token, at DEBUG
    assert DEFAULT_TOKEN not in caplog.text
    assert all(
        DEFAULT_TOKEN not in r.getMessage() and DEFAULT_TOKEN not in (r.exc_text or "")
        for r in caplog.records
    )
    assert caplog.text.count(REDACTED) >= 4


def test_uninstalling_redaction_restores_the_previous_factory():
    before = logging.getLogRecordFactory()
    uninstall = install_redaction(["secret-value-123"])
    assert logging.getLogRecordFactory() is not before
    uninstall()
    assert logging.getLogRecordFactory() is before


def test_redacting_filter_for_handlers():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s", (DEFAULT_TOKEN,), None)
    assert RedactingFilter(Redactor([DEFAULT_TOKEN])).filter(record)
    assert record.getMessage() == f"token {REDACTED}"


# ------------------------------------------------------------------------------ settings -> Application


def make_settings(**values: object) -> Settings:
    return Settings(_env_file=None, telegram_token=DEFAULT_TOKEN, **values)


@pytest.mark.parametrize(
    ("values", "base", "files"),
    [
        ({}, "https://api.telegram.org/bot", "https://api.telegram.org/file/bot"),
        (
            {"telegram_test_env": True},
            "https://api.telegram.org/bot{token}/test",
            "https://api.telegram.org/file/bot{token}/test",
        ),
        (
            {"telegram_api_url": "http://127.0.0.1:8081/bot/"},
            "http://127.0.0.1:8081/bot",
            "http://127.0.0.1:8081/file/bot",
        ),
        (
            {"telegram_api_url": "http://127.0.0.1:8081/bot", "telegram_test_env": True},
            "http://127.0.0.1:8081/bot{token}/test",
            "http://127.0.0.1:8081/file/bot{token}/test",
        ),
    ],
)
def test_api_urls(values, base, files):
    assert api_urls(make_settings(**values)) == (base, files)


def test_application_wiring(service):
    settings = make_settings(
        telegram_test_env=True, allowed_chats=[1, 2], admin_ids=[3], rate_limit_per_minute=7
    )
    application = build_application(settings, service)
    bot = application.bot
    assert bot.base_url == f"https://api.telegram.org/bot{DEFAULT_TOKEN}/test"
    assert bot.base_file_url == f"https://api.telegram.org/file/bot{DEFAULT_TOKEN}/test"
    assert bot.defaults.parse_mode == ParseMode.HTML
    assert bot.defaults.link_preview_options.is_disabled is True
    assert isinstance(bot.rate_limiter, PacedRateLimiter) and isinstance(bot.rate_limiter, AIORateLimiter)
    assert isinstance(application.update_processor, PerChatUpdateProcessor)
    assert application.update_processor.max_concurrent_updates > 1
    shared: Deps = application.bot_data[KEY]
    assert shared.service is service and shared.access.allowed == {1, 2} and shared.access.admins == {3}
    assert shared.questions.per_minute == 7
    assert application.error_handlers and application.post_init is not None
    assert -1 in application.handlers  # the allowlist gate runs before everything else


def test_custom_api_url_reaches_the_bot(service):
    application = build_application(make_settings(telegram_api_url="http://127.0.0.1:8081/bot"), service)
    assert application.bot.base_url == f"http://127.0.0.1:8081/bot{DEFAULT_TOKEN}"


def test_build_application_without_a_token_is_a_settings_error(service):
    with pytest.raises(SettingsError, match="CITEBOT_TELEGRAM_TOKEN is not set"):
        build_application(Settings(_env_file=None), service)


def test_webhook_options():
    settings = make_settings(
        webhook_url="https://example.org/tg/hook",
        webhook_secret="abc_DEF-1",
        webhook_port=8443,
        webhook_listen="0.0.0.0",
    )
    options = webhook_options(settings)
    assert options["url_path"] == "tg/hook" and options["secret_token"] == "abc_DEF-1"
    assert options["listen"] == "0.0.0.0" and options["port"] == 8443
    with pytest.raises(SettingsError, match="CITEBOT_WEBHOOK_SECRET"):
        webhook_options(make_settings(webhook_url="https://example.org/hook"))


# ------------------------------------------------------------------------------ run_bot


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    levels = {
        name: logging.getLogger(name).level
        for name in ("", "httpx", "httpcore", "telegram.ext.AIORateLimiter")
    }
    factory = logging.getLogRecordFactory()
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    logging.setLogRecordFactory(factory)
    assert root is logging.getLogger()


@pytest.mark.parametrize(
    ("level", "httpx_level", "flood_level"),
    [
        ("WARNING", logging.WARNING, logging.INFO),
        ("INFO", logging.WARNING, logging.INFO),
        ("DEBUG", logging.DEBUG, logging.DEBUG),
    ],
)
def test_configure_logging_levels(restore_logging, level, httpx_level, flood_level):
    uninstall = configure_logging(level, [DEFAULT_TOKEN])
    uninstall()
    assert logging.getLogger().level == logging.getLevelName(level)
    assert logging.getLogger("httpx").level == httpx_level  # request URLs only when debugging
    assert logging.getLogger("telegram.ext.AIORateLimiter").getEffectiveLevel() == flood_level


@pytest.mark.parametrize(
    ("values", "webhook", "message"),
    [
        (
            {"telegram_token": None},
            False,
            "error: CITEBOT_TELEGRAM_TOKEN is not set: get a token from @BotFather",
        ),
        ({}, True, "error: CITEBOT_WEBHOOK_URL is not set"),
        (
            {"webhook_url": "http://example.org/hook", "webhook_secret": "x"},
            True,
            "error: CITEBOT_WEBHOOK_URL must start with https://",
        ),
        ({"webhook_url": "https://example.org/hook"}, True, "error: CITEBOT_WEBHOOK_SECRET is not set"),
    ],
)
def test_run_bot_refuses_to_start_with_one_line_and_exit_code_2(service, capsys, values, webhook, message):
    settings = Settings(_env_file=None, **{"telegram_token": DEFAULT_TOKEN, **values})
    assert run_bot(settings, service, webhook=webhook) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(message) and err.count("\n") == 1


def test_run_bot_with_a_token_telegram_rejects(service, capsys, restore_logging):
    with FakeBotAPI(token="999999:" + "A" * 35) as server:
        settings = Settings(_env_file=None, telegram_token=DEFAULT_TOKEN, telegram_api_url=server.base_url)
        assert run_bot(settings, service) == 2
    out, err = capsys.readouterr()
    assert err.startswith("error: Telegram rejected the token") and err.count("\n") == 1
    assert DEFAULT_TOKEN not in err


def test_run_bot_polls_until_sigterm_and_exits_cleanly(service, restore_logging, caplog):
    with FakeBotAPI() as server:
        settings = Settings(
            _env_file=None, telegram_token=server.token, telegram_api_url=server.base_url, log_level="DEBUG"
        )

        def converse_then_stop() -> None:
            server.wait_for(lambda s: s.commands and s.polling, timeout=10)
            server.push_message(5, QUESTION)  # update 1
            server.wait_for_messages(5, 1, timeout=10)
            os.kill(os.getpid(), signal.SIGTERM)

        thread = threading.Thread(target=converse_then_stop, daemon=True)
        thread.start()
        assert run_bot(settings, service) == 0
        thread.join(5)
        assert server.confirmed_offset == 2  # the last update was confirmed on the way out
        assert not server.pending_updates
    assert any(r.levelno == logging.DEBUG for r in caplog.records), "CITEBOT_LOG_LEVEL=DEBUG took effect"
    assert f"bot{REDACTED}/getUpdates" in caplog.text and DEFAULT_TOKEN not in caplog.text


# ------------------------------------------------------------------------------ group addressing


@pytest.fixture
async def live_bot():
    with FakeBotAPI() as server:
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


# ------------------------------------------------------------------------------ error handler


async def test_polling_errors_are_one_warning_without_a_reply(caplog, service):
    bot_data = build_application(make_settings(), service).bot_data
    context = SimpleNamespace(
        error=Conflict("terminated by other getUpdates request"), bot=None, bot_data=bot_data
    )
    with caplog.at_level(logging.DEBUG, logger="bot"):
        await error_handler(None, context)  # type: ignore[arg-type]
        await error_handler(None, context)  # type: ignore[arg-type]  # the same run of failures
    first, repeat = caplog.records
    assert first.levelno == logging.WARNING and "terminated by other getUpdates" in first.getMessage()
    assert repeat.levelno == logging.DEBUG


async def test_unexpected_errors_without_an_update_are_logged_with_traceback(caplog):
    try:
        raise RuntimeError("job failed")
    except RuntimeError as exc:
        context = SimpleNamespace(error=exc, bot=None)
    with caplog.at_level(logging.ERROR):
        await error_handler("not an update", context)  # type: ignore[arg-type]
    [record] = caplog.records
    assert record.exc_info and record.exc_info[1] is context.error


# ------------------------------------------------------------------------------ pacing and concurrency


async def test_network_errors_are_retried_but_bad_requests_and_timeouts_are_not():
    limiter = PacedRateLimiter(backoff=0, chat_max_rate=0)
    await limiter.initialize()
    calls: list[int] = []

    def flaky(error: Exception | None, failures: int):
        async def callback() -> dict:
            calls.append(1)
            if len(calls) <= failures:
                raise error
            return {"ok": True}

        return callback

    assert await limiter.process_request(
        flaky(NetworkError("Bad Gateway"), 2), (), {}, "sendMessage", {"chat_id": 1}, None
    ) == {"ok": True}
    assert len(calls) == 3
    for error in (BadRequest("message is too long"), TimedOut()):
        calls.clear()
        with pytest.raises(type(error)):
            await limiter.process_request(flaky(error, 1), (), {}, "sendMessage", {"chat_id": 1}, None)
        assert len(calls) == 1
    calls.clear()
    with pytest.raises(NetworkError):
        await limiter.process_request(
            flaky(NetworkError("down"), 99), (), {}, "sendMessage", {"chat_id": 1}, None
        )
    assert len(calls) == 4  # the first try and three retries


async def test_private_chats_are_paced():
    limiter = PacedRateLimiter(chat_max_rate=2, chat_time_period=0.2)

    async def send() -> bool:
        return True

    loop = asyncio.get_running_loop()
    start = loop.time()
    for _ in range(4):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 5}, None)
    paced = loop.time() - start
    start = loop.time()
    for chat in range(10, 14):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": chat}, None)
    assert paced >= 0.15 and loop.time() - start < paced


def update_in(chat_id: int, update_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "text": "hi",
            },
        },
        None,
    )


async def test_updates_run_in_order_within_a_chat_and_concurrently_across_chats():
    processor = PerChatUpdateProcessor(max_concurrent_updates=8)
    events: list[str] = []
    release = asyncio.Event()

    async def work(name: str, wait: bool) -> None:
        events.append(f"start {name}")
        if wait:
            await release.wait()
        events.append(f"end {name}")

    first = asyncio.create_task(processor.process_update(update_in(1, 1), work("a1", True)))
    second = asyncio.create_task(processor.process_update(update_in(1, 2), work("a2", False)))
    other = asyncio.create_task(processor.process_update(update_in(2, 3), work("b1", False)))
    await other
    assert events == ["start a1", "start b1", "end b1"]  # chat 2 did not wait for chat 1
    release.set()
    await asyncio.gather(first, second)
    assert events[3:] == ["end a1", "start a2", "end a2"]
    assert len(processor) == 0  # no lock left behind


# ------------------------------------------------------------------------------ templates


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("tg_start.html", {"bot_name": "<Cite&Bot>", "sources": [], "examples": ["<b>?</b>"]}),
        ("tg_help.html", {"bot_username": "cite_bot", "per_minute": 20}),
        ("tg_error.html", {}),
        ("tg_refused.html", {"chat_id": -100123}),
        ("tg_rate_limited.html", {"per_minute": 20}),
        ("tg_unsupported.html", {"kind": "sticker"}),
        ("tg_unsupported.html", {"kind": None}),
        ("tg_empty_question.html", {"command": "ask", "example": "Who <b>&</b>?"}),
        ("tg_empty_question.html", {"command": None, "example": None}),
        ("tg_unknown_source.html", {"source_id": "</code><b>&amp;"}),
        ("tg_unknown_command.html", {"command": "x<y"}),
        ("tg_admin_only.html", {"command": "reload"}),
        ("tg_reloaded.html", {"count": 1}),
        ("tg_reload_failed.html", {"error": "bad <file> & more"}),
    ],
)
def test_telegram_templates_escape_and_parse(template, values):
    text = render_template(template, **values)
    plain, _ = parse_telegram_html(text)
    assert plain.strip() and utf16_len(plain) <= 4096
    for value in values.values():
        if isinstance(value, str):
            assert value in plain, "user and article text is shown as written, escaped"


def test_start_template_lists_sources_and_examples(service):
    text = render_template(
        "tg_start.html", bot_name="CiteBot", sources=service.sources(), examples=service.examples(3)
    )
    plain, _ = parse_telegram_html(text)
    assert "5 news articles" in plain and "try one of these questions" in plain


@pytest.mark.parametrize(
    "template",
    [
        "tg_button_expired.txt",
        "tg_rate_limited.txt",
        "tg_refused.txt",
        "tg_already_shown.txt",
        "tg_inline_prompt.txt",
    ],
)
def test_plain_notices_fit_telegram_limits(template):
    text = render_template(template, per_minute=20)
    assert 0 < len(text) <= 64 if template == "tg_inline_prompt.txt" else 0 < len(text) <= 200


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
