"""Settings: one rule for the bot's connection settings, one line naming a bad one (bot/settings.py)."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from bot.settings import SettingsError, bot_setting, load_settings

TOKEN = "123456:" + "A" * 35

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


def test_a_token_is_checked_stripped_and_kept_secret():
    token = bot_setting("telegram_token", SecretStr(f"  {TOKEN} "), run="polling")
    assert isinstance(token, SecretStr) and token.get_secret_value() == TOKEN
    with pytest.raises(ValueError, match="does not look like a bot token"):
        bot_setting("telegram_token", SecretStr("12345"), run=None)


def test_a_missing_token_is_an_error_only_when_running_the_bot():
    assert bot_setting("telegram_token", None, run=None) is None
    with pytest.raises(ValueError, match="@BotFather"):
        bot_setting("telegram_token", None, run="polling")


def test_webhook_settings_are_required_and_https_only_in_webhook_mode():
    assert bot_setting("webhook_url", None, run="polling") is None
    with pytest.raises(ValueError, match="not set"):
        bot_setting("webhook_url", None, run="webhook")
    with pytest.raises(ValueError, match="https://"):
        bot_setting("webhook_url", "http://example.org/hook", run="webhook")
    assert bot_setting("webhook_url", "https://example.org/hook", run="webhook") == "https://example.org/hook"


def test_an_api_url_loses_its_trailing_slash_and_must_be_a_url():
    assert (
        bot_setting("telegram_api_url", "http://127.0.0.1:8081/bot/", run=None) == "http://127.0.0.1:8081/bot"
    )
    with pytest.raises(ValueError, match="must be a URL"):
        bot_setting("telegram_api_url", "127.0.0.1 port 8081", run=None)


def test_a_bad_setting_is_one_line_naming_its_variable():
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, telegram_token="not-a-token")
    assert str(caught.value) == (
        "CITEBOT_TELEGRAM_TOKEN: does not look like a bot token from @BotFather (digits, a colon, 35 characters)"
    )
    assert "not-a-token" not in str(caught.value)


def test_running_without_a_token_says_where_to_put_it():
    settings = load_settings(_env_file=None)
    with pytest.raises(SettingsError, match=r"^CITEBOT_TELEGRAM_TOKEN: not set; put the token"):
        settings.for_run(webhook=False)
    assert load_settings(_env_file=None, telegram_token=TOKEN).token() == TOKEN
