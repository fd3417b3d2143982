"""Keeping the token out of every log record (bot/telegram_adapter/logsafe.py)."""

from __future__ import annotations

import logging

import pytest
from telegram import Bot
from telegram.error import NetworkError

from bot.telegram_adapter.logsafe import (
    REDACTED,
    Redactor,
    install_redaction,
)
from tests.support.fake_telegram import DEFAULT_TOKEN

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


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


def test_a_record_is_redacted_in_place_with_its_arguments_merged():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token %s", (DEFAULT_TOKEN,), None)
    assert Redactor([DEFAULT_TOKEN]).record(record) is record
    assert record.getMessage() == f"token {REDACTED}"
