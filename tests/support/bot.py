"""Driving the real bot in tests and the load test: the Application polling the fake Bot API
server in this process (`running`), or `python -m bot run` as a subprocess (`bot_process`),
and what a user does and sees (send a message, press a button, read the citation markers)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

from telegram import Update

from bot.settings import Settings
from bot.telegram_adapter.app import READ_TIMEOUT, build_application, post_init
from bot.telegram_adapter.pacing import PacedRateLimiter
from tests.support.corpora import REPO_ROOT, clean_environ
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeBotAPI, SentMessage

APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
# Telegram's flood limits and the retry backoff at 1/20 of their periods: the same limiter on
# the same paths, without a second's wait between two messages to one chat. The real periods
# are tested in virtual time (test_pacing.py, test_app.py) and by the load test.
TIME_SCALE = 0.05
# Between polls; PTB also starts its backoff after a failed poll from it (1 s when it is 0).
POLL_INTERVAL = 0.01


def scaled_pacing() -> PacedRateLimiter:
    """`PacedRateLimiter` with Telegram's limits and the retry backoff at TIME_SCALE of their periods."""
    return PacedRateLimiter(
        overall_time_period=1.0 * TIME_SCALE,
        chat_time_period=1.0 * TIME_SCALE,
        group_time_period=60.0 * TIME_SCALE,
        backoff=0.5 * TIME_SCALE,
    )


def bot_settings(**values: Any) -> Settings:
    """Settings with the fake server's default token, a fresh state folder and nothing from the
    environment or .env."""
    return Settings(_env_file=None, **{"telegram_token": DEFAULT_TOKEN, "state_dir": _state_dir(), **values})


def settings_for(server: FakeBotAPI, **values: Any) -> Settings:
    """Settings for the fake server; a fresh state folder unless `state_dir` is given."""
    values = {"state_dir": _state_dir(), **values}
    return Settings(_env_file=None, telegram_token=server.token, telegram_api_url=server.base_url, **values)


def _state_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="citebot-state-"))


@contextlib.asynccontextmanager
async def running(
    server: FakeBotAPI,
    service: Any,
    reopen: Any = None,
    *,
    read_timeout: float = READ_TIMEOUT,
    **values: object,
) -> AsyncIterator[object]:
    """The application polling the fake server, as run_polling runs it (without signal handlers),
    paced at TIME_SCALE of Telegram's periods; `values` are settings."""
    application = build_application(
        settings_for(server, **values),
        service,
        reopen=reopen,
        pacing=scaled_pacing(),
        read_timeout=read_timeout,
    )
    async with application:
        await post_init(application)
        await application.start()
        await application.updater.start_polling(
            poll_interval=POLL_INTERVAL,
            timeout=1,
            error_callback=lambda exc: application.create_task(application.process_error(None, exc)),
        )
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def reply_to(server: FakeBotAPI, chat_id: int, text: str, **kwargs: object) -> SentMessage:
    """Send `text` and wait for the bot's next message in that chat."""
    before = len(server.sent(chat_id))
    server.push_message(chat_id, text, **kwargs)
    return (await server.wait_for_messages_async(chat_id, before + 1, timeout=10))[before]


async def press(server: FakeBotAPI, message: SentMessage, label: str) -> SentMessage:
    """Press the button labelled `label` under `message` and wait for the follow-up message."""
    data = next(b["callback_data"] for b in message.buttons if b["text"] == label)
    before = len(server.sent(message.chat_id))
    query_id = server.push_callback_query(message.chat_id, message.message_id, data)
    await server.wait_for_async(
        lambda s: any(a["callback_query_id"] == query_id for a in s.answered_callbacks)
    )
    return (await server.wait_for_messages_async(message.chat_id, before + 1, timeout=10))[before]


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


async def eventually(predicate: Callable[[], object], timeout: float = 20.0) -> None:
    """Wait until `predicate()` holds (checked every few milliseconds); TimeoutError after `timeout` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


def private_message(chat_id: int, text: str = "hi", update_id: int = 1) -> dict[str, Any]:
    """A text message from user `chat_id` in their private chat, as Telegram sends the update (JSON)."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
            "text": text,
        },
    }


def update_in(chat_id: int, update_id: int) -> Update:
    """A text message update in a private chat, as the update processor receives it."""
    return Update.de_json(private_message(chat_id, update_id=update_id), None)


async def two_chats(processor: Any) -> tuple[list[str], list[str]]:
    """Chat 1 sends two updates, the first of which waits; chat 2 sends one. The events
    ('start a1', 'end b1', ...) when chat 2's update is done, and when all are."""
    events: list[str] = []
    release = asyncio.Event()

    async def work(name: str, wait: bool) -> None:
        events.append(f"start {name}")
        if wait:
            await release.wait()
        events.append(f"end {name}")

    first = asyncio.create_task(processor.process_update(update_in(1, 1), work("a1", True)))
    second = asyncio.create_task(processor.process_update(update_in(1, 2), work("a2", False)))
    await asyncio.create_task(processor.process_update(update_in(2, 3), work("b1", False)))
    while_waiting = list(events)
    release.set()
    await asyncio.gather(first, second)
    return while_waiting, events


class Exploding:
    """The real service, except that questions mentioning 'explode' raise; every other
    question takes `work` seconds more, so that concurrent updates overlap with it."""

    def __init__(self, real: Any, work: float = 0.0) -> None:
        self._real = real
        self._work = work

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def ask(self, question: str) -> object:
        if "explode" in question:
            raise RuntimeError("the answerer broke")
        if self._work:
            time.sleep(self._work)  # a slow answer, not a wait for something
        return self._real.ask(question)


def start_bot(server: FakeBotAPI, corpus: Path, tmp_path: Path, **env: str) -> subprocess.Popen[str]:
    """`python -m bot run` polling the fake server, as an operator starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        text=True,
        encoding="utf-8",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={
            **clean_environ(),
            "PYTHONPATH": str(REPO_ROOT),
            "CITEBOT_TELEGRAM_TOKEN": server.token,
            "CITEBOT_TELEGRAM_API_URL": server.base_url,
            "CITEBOT_CORPUS_DIR": str(corpus),
            "CITEBOT_INDEX_DIR": str(tmp_path / "index"),
            "CITEBOT_LOG_LEVEL": "INFO",
            **env,
        },
    )


@contextlib.contextmanager
def bot_process(
    server: FakeBotAPI, corpus: Path, tmp_path: Path, **env: str
) -> Iterator[subprocess.Popen[str]]:
    """`start_bot`, and the process killed at the end whatever the test did with it."""
    process = start_bot(server, corpus, tmp_path, **env)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def stop_bot(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> tuple[int, str]:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    return process.returncode, err
