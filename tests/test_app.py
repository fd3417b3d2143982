"""Wiring settings and a service into the Application, and `run_bot` (bot/telegram_adapter/app.py)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import threading

import pytest
from telegram.constants import ParseMode

from bot.cli import main
from bot.settings import Settings, SettingsError
from bot.telegram_adapter.app import api_urls, build_application, run_bot, webhook_options
from bot.telegram_adapter.logsafe import REDACTED
from bot.telegram_adapter.state import KEY, Deps
from tests.support.bot import bot_settings, two_chats
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeBotAPI

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ settings -> Application


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
    assert api_urls(bot_settings(**values)) == (base, files)


def test_application_wiring(service):
    settings = bot_settings(
        telegram_test_env=True, allowed_chats=[1, 2], admin_ids=[3], rate_limit_per_minute=7
    )
    application = build_application(settings, service)
    bot = application.bot
    assert bot.base_url == f"https://api.telegram.org/bot{DEFAULT_TOKEN}/test"
    assert bot.base_file_url == f"https://api.telegram.org/file/bot{DEFAULT_TOKEN}/test"
    assert bot.defaults.parse_mode == ParseMode.HTML
    assert bot.defaults.link_preview_options.is_disabled is True
    assert bot.request.read_timeout == 5.0  # python-telegram-bot's default; the fault tests shorten it
    assert application.update_processor.max_concurrent_updates > 1
    shared: Deps = application.bot_data[KEY]
    assert shared.service is service and shared.access.allowed == {1, 2} and shared.access.admins == {3}
    assert shared.questions.per_minute == 7
    assert application.error_handlers and application.post_init is not None
    assert -1 in application.handlers  # the allowlist gate runs before everything else


def test_custom_api_url_reaches_the_bot(service):
    application = build_application(bot_settings(telegram_api_url="http://127.0.0.1:8081/bot"), service)
    assert application.bot.base_url == f"http://127.0.0.1:8081/bot{DEFAULT_TOKEN}"


def test_build_application_without_a_token_is_a_settings_error(service):
    with pytest.raises(
        SettingsError, match="^CITEBOT_TELEGRAM_TOKEN: not set; put the token from @BotFather"
    ):
        build_application(Settings(_env_file=None), service)


def test_webhook_options():
    settings = bot_settings(
        webhook_url="https://example.org/tg/hook",
        webhook_secret="abc_DEF-1",
        webhook_port=8443,
        webhook_listen="0.0.0.0",
    )
    options = webhook_options(settings)
    assert options["url_path"] == "tg/hook" and options["secret_token"] == "abc_DEF-1"
    assert options["listen"] == "0.0.0.0" and options["port"] == 8443
    with pytest.raises(SettingsError, match="^CITEBOT_WEBHOOK_SECRET: not set"):
        webhook_options(bot_settings(webhook_url="https://example.org/hook"))


@pytest.mark.parametrize(
    ("values", "webhook", "message"),
    [
        (
            {"telegram_token": None},
            False,
            "error: CITEBOT_TELEGRAM_TOKEN: not set; put the token from @BotFather in .env",
        ),
        ({}, True, "error: CITEBOT_WEBHOOK_URL: not set; webhook mode needs the public https:// URL"),
        (
            {"webhook_url": "http://example.org/hook", "webhook_secret": "x"},
            True,
            "error: CITEBOT_WEBHOOK_URL: must start with https://",
        ),
        (
            {"webhook_url": "https://example.org/hook"},
            True,
            "error: CITEBOT_WEBHOOK_SECRET: not set; webhook mode needs a secret token",
        ),
    ],
)
def test_run_bot_refuses_to_start_with_one_line_and_exit_code_2(service, capsys, values, webhook, message):
    settings = bot_settings(**values)
    assert run_bot(settings, service, webhook=webhook) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(message) and err.count("\n") == 1


def test_run_bot_with_a_token_telegram_rejects(service, capsys, restore_logging):
    with FakeBotAPI(token="999999:" + "A" * 35) as server:
        settings = bot_settings(telegram_api_url=server.base_url)
        assert run_bot(settings, service) == 2
    out, err = capsys.readouterr()
    assert err == (
        "error: Telegram rejected the token in CITEBOT_TELEGRAM_TOKEN: check it with @BotFather "
        "(test-environment tokens need CITEBOT_TELEGRAM_TEST_ENV=true)\n"
    )
    assert DEFAULT_TOKEN not in err


def test_citebot_run_polls_until_sigterm_and_exits_cleanly(restore_logging, capsys, monkeypatch, tmp_path):
    with FakeBotAPI() as server:
        for name, value in {
            "CITEBOT_TELEGRAM_TOKEN": server.token,
            "CITEBOT_TELEGRAM_API_URL": server.base_url,
            "CITEBOT_STATE_DIR": str(tmp_path / "state"),
            "CITEBOT_LOG_LEVEL": "DEBUG",
        }.items():
            monkeypatch.setenv(name, value)

        def converse_then_stop() -> None:
            server.wait_for(lambda s: s.commands and s.polling, timeout=30)
            server.push_message(5, QUESTION)  # update 1
            server.wait_for_messages(5, 1, timeout=10)
            os.kill(os.getpid(), signal.SIGTERM)

        thread = threading.Thread(target=converse_then_stop, daemon=True)
        thread.start()
        assert main(["run"]) == 0
        thread.join(5)
        assert server.confirmed_offset == 2  # the last update was confirmed on the way out
        assert not server.pending_updates
    assert (tmp_path / "state" / "telegram.pickle").exists(), "the state is saved at a clean stop"
    err = capsys.readouterr().err
    assert re.search(r"^\S+ \S+ DEBUG ", err, re.M), "CITEBOT_LOG_LEVEL=DEBUG took effect"
    assert f"bot{REDACTED}/getUpdates" in err and DEFAULT_TOKEN not in err


def test_a_state_folder_that_cannot_be_made_is_one_line_naming_the_setting(service, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SettingsError, match=r"^CITEBOT_STATE_DIR: cannot create .*file/state"):
        build_application(bot_settings(state_dir=blocker / "state"), service)


@pytest.mark.looptime  # virtual time: the pacing's seconds cost nothing
async def test_the_application_paces_each_chat_and_keeps_its_updates_in_order(service):
    application = build_application(bot_settings(), service)
    limiter = application.bot.rate_limiter
    await limiter.initialize()

    async def send() -> bool:
        return True

    loop = asyncio.get_running_loop()
    began = loop.time()
    for _ in range(3):  # Telegram allows one message a second in a private chat
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 5}, None)
    assert loop.time() - began >= 2.0

    while_waiting, at_the_end = await two_chats(application.update_processor)
    assert while_waiting == [
        "start a1",
        "start b1",
        "end b1",
    ]  # another chat does not wait; chat 1's next does
    assert at_the_end[3:] == ["end a1", "start a2", "end a2"]
