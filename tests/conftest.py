"""Shared fixtures: services over the seeds and tiny corpora (what they hold: tests/support/corpora.py),
in-process and fresh-process CLI runs, and the token-free log check."""

from __future__ import annotations

import functools
import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.corpora import (
    HOSTILE_CORPUS,
    REPO_ROOT,
    SEEDS_DIR,
    SMALL_CORPUS,
    clean_environ,
    load_corpus,
    open_service,
    write_corpus,
)

LONG_TESTS = os.environ.get("CITEBOT_LONG_TESTS") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `slow` (long fault, load and property variants) run only with CITEBOT_LONG_TESTS=1."""
    if LONG_TESTS:
        return
    skip = pytest.mark.skip(reason="long variant: run with CITEBOT_LONG_TESTS=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seeds_service():
    """The service over the five seeds, built once for the session."""
    return open_service(SEEDS_DIR)


@pytest.fixture(scope="session")
def seeds_index(seeds_service):
    return seeds_service.index


@pytest.fixture(scope="session")
def ask(seeds_service) -> Callable:
    """`seeds_service.ask`, memoised: many tests look at the same answers."""
    return functools.cache(seeds_service.ask)


@pytest.fixture(scope="session")
def compare(seeds_service) -> Callable:
    return functools.cache(seeds_service.compare)


@pytest.fixture(scope="session")
def seed_passages(seeds_index):
    """Every passage of the seeds with its document: [(document, passage)]."""
    return [(seeds_index.documents[p.source_id], p) for p in seeds_index.passages]


@pytest.fixture(scope="session")
def seeds_page_only(tmp_path_factory):
    """The seeds loaded without their sidecar: metadata as the pages state it."""
    folder = tmp_path_factory.mktemp("seeds-page-only")
    for article in SEEDS_DIR.glob("*.txt"):
        shutil.copy2(article, folder / article.name)
    return load_corpus(folder)


@pytest.fixture
def make_corpus(tmp_path) -> Callable[..., Path]:
    """make_corpus({'a.txt': '...'}, sidecar='...') -> a fresh corpus folder in tmp_path."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes], sidecar: str | None = None) -> Path:
        return write_corpus(tmp_path / f"corpus{next(counter)}", files, sidecar)

    return make


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("small"), SMALL_CORPUS)


@pytest.fixture(scope="session")
def small_service(small_corpus):
    return open_service(small_corpus)


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli() -> Callable[..., CliResult]:
    """run_cli('ask', 'Q', '--json', input=..., env={...}) runs `python -m bot` in the repository."""

    def run(
        *args: str, input: str | None = None, env: dict[str, str] | None = None, cwd: Path = REPO_ROOT
    ) -> CliResult:
        proc = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env={**clean_environ(), **(env or {})},
            timeout=60,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def clean_env(monkeypatch, restore_logging):
    """No CITEBOT_* settings from the developer's shell leak into in-process CLI runs.

    `main()` reconfigures the root logger to write to the (captured) stderr; it is put back after.
    """
    for key in list(os.environ):
        if key.startswith("CITEBOT_") or key == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(key)
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture
def cli(clean_env, capsys, monkeypatch) -> Callable[..., CliResult]:
    """cli('ask', 'Q', input=..., env={...}): `citebot` run in this process (fast), output captured."""
    from bot.cli import main

    def run(*args: str, input: str = "", env: dict[str, str] | None = None) -> CliResult:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run


@pytest.fixture(scope="session")
def hostile_service(tmp_path_factory):
    return open_service(write_corpus(tmp_path_factory.mktemp("hostile"), HOSTILE_CORPUS))


@pytest.fixture
def token_free_logs(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """Every log record at DEBUG, redacted as `citebot run` does; afterwards, none holds the token."""
    from bot.telegram_adapter.logsafe import install_redaction
    from tests.support.fake_telegram import DEFAULT_TOKEN

    for name in ("httpx", "httpcore", "telegram", "bot"):
        monkeypatch.setattr(logging.getLogger(name), "level", logging.NOTSET)
    caplog.set_level(logging.DEBUG)
    uninstall = install_redaction([DEFAULT_TOKEN])
    yield caplog
    uninstall()
    leaks = [
        r for r in caplog.records if DEFAULT_TOKEN in r.getMessage() or DEFAULT_TOKEN in (r.exc_text or "")
    ]
    assert not leaks, f"token in {len(leaks)} log records, e.g. {leaks[0].getMessage()[:200]}"
    assert DEFAULT_TOKEN not in caplog.text


@pytest.fixture(scope="session")
def service(seeds_service):
    """The service over the five seeds, as the bot's tests call it."""
    return seeds_service


@pytest.fixture
def restore_logging():
    """Whatever a test configures (levels, handlers, the record factory) is put back after it."""
    root = logging.getLogger()
    handlers = root.handlers[:]
    levels = {
        name: logging.getLogger(name).level
        for name in ("", "httpx", "httpcore", "telegram.ext.AIORateLimiter", "pypdf")
    }
    factory = logging.getLogRecordFactory()
    yield
    root.handlers[:] = handlers
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    logging.setLogRecordFactory(factory)


@pytest.fixture
def server():
    """A fake Bot API server on 127.0.0.1 (tests/support/fake_telegram.py), stopped after the test."""
    from tests.support.fake_telegram import FakeBotAPI

    with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
async def running_bot(server, service):
    """The real bot (`build_application`) polling the fake server over `service` (the seeds', or
    the one a test module defines), stopped after the test."""
    from tests.support.bot import running

    async with running(server, service) as application:
        yield application


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A copy of the seeds (articles and sidecar) the test may change."""
    return Path(shutil.copytree(SEEDS_DIR, tmp_path / "seeds"))


@pytest.fixture
def no_bad_requests(server):
    """After the test: the fake server never answered the bot with 400 Bad Request."""
    yield
    bad = [(c.method, c.response) for c in server.calls() if c.status == 400]
    assert not bad, f"Telegram would have answered Bad Request: {bad}"


@pytest.fixture(scope="module")
def site():
    """A local HTTP server of saved pages and of failing servers (tests/support/pages_server.py): its base URL."""
    from tests.support.pages_server import serving_pages

    with serving_pages() as url:
        yield url
