"""The handlers' error handler (bot/telegram_adapter/handlers.py)."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from telegram.error import Conflict

from bot.telegram_adapter.app import build_application
from bot.telegram_adapter.handlers import error_handler
from tests.support.bot import bot_settings

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ error handler


async def test_polling_errors_are_one_warning_without_a_reply(caplog, service):
    bot_data = build_application(bot_settings(), service).bot_data
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
