"""Logging configured once, for commands and for the running bot (bot/logs.py)."""

from __future__ import annotations

import logging

import pytest

from bot.logs import configure_logging
from tests.support.logs import RUN_LOG_PROBLEM

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ run_bot


@pytest.mark.parametrize(
    ("level", "httpx_level", "flood_level"),
    [
        ("WARNING", logging.WARNING, logging.INFO),
        ("INFO", logging.WARNING, logging.INFO),
        ("DEBUG", logging.DEBUG, logging.DEBUG),
    ],
)
def test_configure_logging_levels(restore_logging, level, httpx_level, flood_level):
    configure_logging(level, timestamps=True)
    assert logging.getLogger().level == logging.getLevelName(level)
    assert logging.getLogger("httpx").level == httpx_level  # request URLs only when debugging
    assert logging.getLogger("telegram.ext.AIORateLimiter").getEffectiveLevel() == flood_level


def test_commands_log_one_lowercase_line_and_the_bot_timestamped_lines(restore_logging, capsys):
    configure_logging("WARNING")
    logging.getLogger("bot.x").warning("the corpus has %d broken files", 2)
    logging.getLogger("bot.x").info("not shown")
    assert capsys.readouterr().err == "warning: the corpus has 2 broken files\n"
    configure_logging("INFO", timestamps=True)
    logging.getLogger("bot.x").info("started")
    [line] = capsys.readouterr().err.splitlines()
    assert RUN_LOG_PROBLEM.match(line) is None and line.endswith(" INFO bot.x: started")
    logging.getLogger("bot.x").error("broken")
    assert RUN_LOG_PROBLEM.match(capsys.readouterr().err)
