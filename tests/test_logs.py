"""Logging configured once, for commands and for the running bot (bot/logs.py)."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from bot.logs import configure_logging
from tests.support.corpora import REPO_ROOT, clean_environ
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


def test_a_damaged_pdfs_repairs_are_not_logged_but_its_errors_are(restore_logging, capsys):
    configure_logging("WARNING")
    logging.getLogger("pypdf._reader").warning("incorrect startxref pointer(1)")
    logging.getLogger("pypdf._reader").error("a record pypdf thinks fatal")
    assert capsys.readouterr().err == "error: a record pypdf thinks fatal\n"


def test_importing_the_product_configures_no_logging():
    """Only `configure_logging` sets levels and handlers: importing every module of bot/ and
    retrieval/ (in a fresh interpreter) leaves every logger as Python made it."""
    modules = [
        ".".join(p.relative_to(REPO_ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("bot", "retrieval")
        for p in sorted((REPO_ROOT / package).rglob("*.py"))
        if p.name != "__main__.py"
    ]
    program = (
        "import importlib, logging\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "root = logging.getLogger()\n"
        "changed = [n for n, x in logging.root.manager.loggerDict.items()\n"
        "           if isinstance(x, logging.Logger) and (x.level != logging.NOTSET or x.handlers)\n"
        "           and n.split('.')[0] in ('bot', 'retrieval', 'pypdf', 'httpx', 'httpcore', 'telegram')]\n"
        "print(changed, root.level, root.handlers)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=REPO_ROOT, env=clean_environ()
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[] 30 []\n"


def test_trafilaturas_own_warning_about_an_empty_page_is_not_shown(restore_logging, capsys):
    configure_logging("WARNING")
    logging.getLogger("trafilatura.core").warning("discarding data: %s", None)
    logging.getLogger("trafilatura.core").error("a record trafilatura thinks fatal")
    assert capsys.readouterr().err == "error: a record trafilatura thinks fatal\n"
