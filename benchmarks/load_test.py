"""Load test: the real bot, over HTTP, against the fake Bot API server, with many chats at once.

    python -m benchmarks.load_test                          # 200 chats x 20 messages
    python -m benchmarks.load_test --chats 20 --messages 5  # a quick run
    python -m benchmarks.load_test --json                   # the figures as one JSON object

Run it from the repository root. It starts `tests.support.fake_telegram.FakeBotAPI` with Telegram's
flood limits switched on (30 messages a second overall, 1 a second per chat, 20 a minute per
group: sends beyond them are answered with 429 and recorded), then `python -m bot run` (the
real `citebot run`, i.e. `build_application` with the seeds service) as a subprocess polling
it. Each chat is one conversation: a private chat with its user, or a group with three
members. A conversation sends its next update once the bot has answered the previous one
and the user has thought for a moment: questions, /compare, presses of buttons under the
bot's own messages, and inline queries. Every reply is checked against what the same code
renders in this process from the same corpus.

It prints updates sent, answered, lost, duplicate and wrong replies, the time from update to
reply (p50/p95/p99), throughput, the bot's peak memory and whether Telegram's limits held.
It stops by itself: every reply has `--reply-timeout` seconds, the whole run `--timeout`.
Exit code 0 when nothing was lost, duplicated or wrong, no limit was broken and the bot
stopped cleanly on SIGTERM; 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil
from telegram import InlineKeyboardMarkup

from bot.conversation import Conversation, Shown, ask_in
from bot.render import render_answer, render_comparison, render_template
from bot.service import Service
from bot.smalltalk import foreign_language, small_talk
from bot.suggestions import suggestions
from bot.telegram_adapter.callbacks import Press
from bot.telegram_adapter.keyboards import answer_keyboard, examples_keyboard
from bot.telegram_adapter.split import split_html
from bot.telegram_adapter.views import press_view
from tests.support.fake_telegram import Call, FakeBotAPI
from tests.support.logs import RUN_LOG_PROBLEM
from tests.support.telegram_html import parse_telegram_html

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"
QUESTIONS = REPO_ROOT / "tests" / "data" / "questions.jsonl"
COUNTED = ("sendMessage", "editMessageText", "editMessageReplyMarkup")  # what Telegram's limits count
LIMITS = {"overall": (30, 1.0), "chat": (1, 1.0), "group": (20, 60.0)}
GROUP_MEMBERS = 3
_WHITESPACE = " \t\r\n\v\f"  # what Telegram trims from a message


@dataclass
class LoadConfig:
    chats: int = 200
    messages: int = 20  # updates per chat
    groups: float = 0.25  # share of the chats that are groups
    think: float = 1.0  # mean pause of a user between a reply and the next update (uniform 0..2x)
    reply_timeout: float = 120.0
    timeout: float = 1800.0  # the whole run
    seed: int = 1
    corpus: Path = SEEDS


@dataclass
class LoadReport:
    chats: int
    private_chats: int
    group_chats: int
    messages_per_chat: int
    updates_sent: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    answered: int = 0
    lost: int = 0
    duplicates: int = 0
    wrong: int = 0
    bot_messages: int = 0
    latency_p50: float = 0.0
    latency_p95: float = 0.0
    latency_p99: float = 0.0
    latency_max: float = 0.0
    seconds: float = 0.0
    updates_per_second: float = 0.0
    messages_per_second: float = 0.0
    rss_start_mb: float = 0.0
    rss_peak_mb: float = 0.0
    violations: dict[str, int] = field(default_factory=dict)
    retry_after_429: int = 0
    bad_requests: int = 0
    busiest_second: int = 0
    busiest_chat_second: int = 0
    busiest_group_minute: int = 0
    bot_exit_code: int | None = None
    bot_warnings: int = 0
    token_in_bot_log: bool = False
    completed: bool = True
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.completed
            and not (self.lost or self.duplicates or self.wrong or self.bad_requests)
            and not any(self.violations.values())
            and self.bot_exit_code == 0
            and not self.token_in_bot_log
        )


# ----------------------------------------------------------------------------- what the bot should say


def open_service(folder: Path) -> Service:
    """The same service `citebot run` builds (without writing a persisted index)."""
    return Service.open(folder, persist=False)


@dataclass
class Expected:
    """What the bot should send for one update: the plain text of each part, the keyboard under
    the last (its buttons carry the presses), and the turn a reply to it follows up."""

    parts: list[str]
    markup: InlineKeyboardMarkup | None = None
    turn: Any = None
    shown: Shown | None = None


class Oracle:
    """What the bot should send, rendered here by the same code from the same corpus.

    It keeps each user's conversation in each chat as the bot does, so follow-ups resolve
    the same way, and learns what each button means from its label under the expected reply
    (the bot's callback data are opaque ids).
    """

    def __init__(self, service: Service) -> None:
        self.service = service
        self.examples = suggestions(service, 3)
        self.conversations: dict[tuple[int, int], Conversation] = {}
        self.shown: dict[int, Shown] = {}  # per chat: the turns behind its answers
        self.presses: dict[str, Press] = {}  # callback data seen under replies -> its press

    def start(self) -> Expected:
        return Expected([], examples_keyboard(self.examples))

    def ask(self, question: str, chat_id: int, user: int, ref: int | None) -> Expected:
        example = self.examples[0] if self.examples else None
        if kind := small_talk(question):
            return Expected(_plain_parts(render_template("small_talk.html", kind=kind, example=example)))
        if foreign_language(question):
            return Expected(_plain_parts(render_template("foreign_language.html", example=example)))
        conversation = self.conversations.setdefault((chat_id, user), Conversation())
        shown = self.shown.setdefault(chat_id, Shown())
        resolution, answer, turn = ask_in(conversation, self.service.ask, question, about=shown.get(ref))
        if answer is None:
            return Expected(
                _plain_parts(render_template("no_context.html", asked=resolution.asked, example=example))
            )
        text = render_answer(answer, "html")
        if resolution.followup:
            text = f"{render_template('taking_as.html', question=resolution.question)}\n\n{text}"
        return Expected(_plain_parts(text), answer_keyboard(answer), turn, shown)

    def compare(self, topic: str) -> Expected:
        return Expected(_plain_parts(render_comparison(self.service.compare(topic), "html")))

    def press(self, data: str, chat_id: int, user: int) -> Expected:
        press = self.presses.get(data)
        if press is None:
            raise ValueError(f"a button the bot should not have sent: {data!r}")
        view = press_view(self.service, press)
        expected = Expected(_plain_parts(view.text), view.markup)
        if view.answer is not None:  # an example question: the bot remembers it
            conversation = self.conversations.setdefault((chat_id, user), Conversation())
            expected.turn = conversation.remember(view.answer)
            expected.shown = self.shown.setdefault(chat_id, Shown())
        return expected

    def learn(self, expected: Expected, message: dict[str, Any]) -> None:
        """Map the reply's callback data to presses by label; link the turn to the reply."""
        if expected.markup is not None:
            meaning = {b.text: b.callback_data for row in expected.markup.inline_keyboard for b in row}
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    press = meaning.get(button["text"])
                    if isinstance(press, Press) and "callback_data" in button:
                        self.presses[button["callback_data"]] = press
        if expected.turn is not None and expected.shown is not None:
            expected.shown.link(message["message_id"], expected.turn)


def _plain_parts(html: str) -> list[str]:
    return [parse_telegram_html(part)[0].strip(_WHITESPACE) for part in split_html(html)]


def question_pool(path: Path = QUESTIONS) -> tuple[list[str], list[str]]:
    """Questions (answerable and not) and comparison topics from the quality harness."""
    questions, topics = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            (topics if row["kind"] == "compare" else questions).append(row["question"])
    return questions, topics


# ----------------------------------------------------------------------------- one conversation


@dataclass
class Reply:
    time: float
    message: dict[str, Any]


@dataclass
class Chat:
    chat_id: int
    users: list[int]
    group: bool
    replies: asyncio.Queue[Reply] = field(default_factory=asyncio.Queue)
    buttons: list[tuple[int, str]] = field(
        default_factory=list
    )  # (message id, callback data) not pressed yet
    last_bot_message: int | None = None


class Driver:
    """Sends updates for many conversations at once and matches the bot's replies to them."""

    def __init__(self, server: FakeBotAPI, oracle: Oracle, config: LoadConfig, report: LoadReport) -> None:
        self.server = server
        self.oracle = oracle
        self.config = config
        self.report = report
        self.random = random.Random(config.seed)
        self.questions, self.topics = question_pool()
        self.chats: dict[int, Chat] = {}
        self.answers: dict[str, asyncio.Future[float]] = {}  # callback and inline query ids
        self.latencies: list[float] = []
        self.sends: list[tuple[float, int | str]] = []  # (arrival time, chat) of each counted message
        self.kinds: Counter[str] = Counter()
        self.loop = asyncio.get_running_loop()
        server.add_listener(
            lambda call: self.loop.call_soon_threadsafe(self._on_call, call, time.monotonic())
        )

    def _on_call(self, call: Call, now: float) -> None:
        if call.status == 429:
            self.report.retry_after_429 += 1
        elif call.status == 400:
            self.report.bad_requests += 1
            self.report.mismatches.append(
                f"400 for {call.method}: {(call.response or {}).get('description')}"
            )
        if call.status != 200:
            return
        if call.method in COUNTED:
            self.sends.append((call.time, int(call.params["chat_id"])))
        if call.method == "sendMessage":
            message = call.response["result"]
            self.report.bot_messages += 1
            chat = self.chats.get(message["chat"]["id"])
            if chat is not None:
                chat.replies.put_nowait(Reply(now, message))
        elif call.method in ("answerCallbackQuery", "answerInlineQuery"):
            key = str(call.params.get("callback_query_id") or call.params.get("inline_query_id"))
            future = self._answer(key)
            if future.done():
                self.report.duplicates += 1
            else:
                future.set_result(now)

    def _answer(self, key: str) -> asyncio.Future[float]:
        if key not in self.answers:
            self.answers[key] = self.loop.create_future()
        return self.answers[key]

    def make_chats(self) -> list[Chat]:
        groups = round(self.config.chats * self.config.groups)
        for i in range(self.config.chats):
            if i < groups:
                chat = Chat(-(5_000 + i), [900_000 + i * 10 + k for k in range(GROUP_MEMBERS)], group=True)
            else:
                chat = Chat(10_000 + i, [10_000 + i], group=False)
            self.chats[chat.chat_id] = chat
        return list(self.chats.values())

    async def converse(self, chat: Chat) -> None:
        """One chat's conversation: an update, wait for the reply, think, the next update."""
        for step in range(self.config.messages):
            self._unexpected(chat)
            kind = "start" if step == 0 and not chat.group else self._choose(chat)
            self.kinds[kind] += 1
            self.report.updates_sent += 1
            if await getattr(self, f"_{kind}")(chat, self.random.choice(chat.users)):
                self.report.answered += 1
            else:
                self.report.lost += 1
            await asyncio.sleep(self.random.uniform(0, 2 * self.config.think))

    def finish(self) -> None:
        """Count what arrived that no update asked for."""
        for chat in self.chats.values():
            self._unexpected(chat)

    def _choose(self, chat: Chat) -> str:
        roll = self.random.random()
        if chat.buttons and roll < 0.3:
            return "press"
        return "ask" if roll < 0.65 else "compare" if roll < 0.82 else "inline"

    async def _start(self, chat: Chat, user: int) -> bool:
        sent = time.monotonic()
        self.server.push_message(chat.chat_id, "/start", user_id=user)
        replies = await self._replies(chat, 1)
        return self._check(chat, sent, replies, self.oracle.start())

    async def _ask(self, chat: Chat, user: int) -> bool:
        question = self.random.choice(self.questions)
        form = self.random.randrange(3)
        ref = chat.last_bot_message if chat.group and form == 0 else None
        expected = self.oracle.ask(question, chat.chat_id, user, ref)
        sent = time.monotonic()
        if not chat.group:
            self.server.push_message(chat.chat_id, question, user_id=user)
        else:
            if ref is not None:  # a reply to the bot
                self.server.push_message(chat.chat_id, question, user_id=user, reply_to_message_id=ref)
            elif form == 1:
                self.server.push_message(
                    chat.chat_id, f"/ask@{self.server.bot_username} {question}", user_id=user
                )
            else:
                self.server.push_message(
                    chat.chat_id, f"@{self.server.bot_username} {question}", user_id=user
                )
        return self._check(chat, sent, await self._replies(chat, len(expected.parts)), expected)

    async def _compare(self, chat: Chat, user: int) -> bool:
        topic = self.random.choice(self.topics)
        expected = self.oracle.compare(topic)
        command = f"/compare@{self.server.bot_username}" if chat.group else "/compare"
        sent = time.monotonic()
        self.server.push_message(chat.chat_id, f"{command} {topic}", user_id=user)
        return self._check(chat, sent, await self._replies(chat, len(expected.parts)), expected)

    async def _press(self, chat: Chat, user: int) -> bool:
        message_id, data = chat.buttons.pop(self.random.randrange(len(chat.buttons)))
        expected = self.oracle.press(data, chat.chat_id, user)
        sent = time.monotonic()
        query_id = self.server.push_callback_query(chat.chat_id, message_id, data, user_id=user)
        answered = self._answer(query_id)
        replies = await self._replies(chat, len(expected.parts))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(answered), self.config.reply_timeout)
        return answered.done() and self._check(chat, sent, replies, expected)

    async def _inline(self, chat: Chat, user: int) -> bool:
        question = self.random.choice(self.questions)
        sent = time.monotonic()
        answered = self._answer(self.server.push_inline_query(user, question))
        try:
            at = await asyncio.wait_for(asyncio.shield(answered), self.config.reply_timeout)
        except TimeoutError:
            return False
        self.latencies.append(at - sent)
        return True

    async def _replies(self, chat: Chat, n: int) -> list[Reply]:
        replies: list[Reply] = []
        deadline = time.monotonic() + self.config.reply_timeout
        with contextlib.suppress(TimeoutError):
            while len(replies) < n:
                replies.append(
                    await asyncio.wait_for(chat.replies.get(), max(0.0, deadline - time.monotonic()))
                )
        return replies

    def _check(self, chat: Chat, sent: float, replies: list[Reply], expected: Expected) -> bool:
        """Record the latency and compare the texts (none for /start); remember the buttons under the reply."""
        if not replies or len(replies) < len(expected.parts):
            return False
        self.latencies.append(replies[0].time - sent)
        if expected.parts:
            for reply, text in zip(replies, expected.parts, strict=True):
                if reply.message.get("text") != text:
                    self.report.wrong += 1
                    self.report.mismatches.append(
                        f"chat {chat.chat_id}: expected {text[:80]!r}, "
                        f"got {reply.message.get('text', '')[:80]!r}"
                    )
        last = replies[-1].message
        self.oracle.learn(expected, last)
        chat.last_bot_message = last["message_id"]
        rows = (last.get("reply_markup") or {}).get("inline_keyboard", [])
        new = [(last["message_id"], b["callback_data"]) for row in rows for b in row if "callback_data" in b]
        if new:
            chat.buttons = new + [b for b in chat.buttons if b[0] != last["message_id"]][:6]
        return True

    def _unexpected(self, chat: Chat) -> None:
        while not chat.replies.empty():
            reply = chat.replies.get_nowait()
            self.report.duplicates += 1
            self.report.mismatches.append(
                f"chat {chat.chat_id}: unexpected {reply.message.get('text', '')[:80]!r}"
            )


# ----------------------------------------------------------------------------- the bot process


def start_bot(server: FakeBotAPI, corpus: Path, workdir: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """`python -m bot run` against the fake server, with this repository's code and a clean environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITEBOT_") and k != "TELEGRAM_BOT_TOKEN"}
    env.update(
        {
            "PYTHONPATH": str(REPO_ROOT),
            "CITEBOT_TELEGRAM_TOKEN": server.token,
            "CITEBOT_TELEGRAM_API_URL": server.base_url,
            "CITEBOT_CORPUS_DIR": str(corpus),
            "CITEBOT_INDEX_DIR": str(
                workdir / "index"
            ),  # a persisted index, if any, goes nowhere near the corpus
            "CITEBOT_RATE_LIMIT_PER_MINUTE": "10000",  # the load is many users, not one flooding user
            "CITEBOT_LOG_LEVEL": "WARNING",
        }
    )
    log_path = workdir / "bot.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    return process, log_path


async def sample_rss(pid: int, peak: list[float], stop: asyncio.Event) -> None:
    process = psutil.Process(pid)
    while not stop.is_set():
        with contextlib.suppress(psutil.Error):
            peak[0] = max(peak[0], process.memory_info().rss)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.2)


def window_max(times: list[float], period: float) -> int:
    """The most events in any window of `period` seconds."""
    best, window = 0, deque[float]()
    for t in sorted(times):
        window.append(t)
        while t - window[0] >= period:
            window.popleft()
        best = max(best, len(window))
    return best


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


async def run_load(config: LoadConfig) -> LoadReport:
    """Run the load test and return its figures (the bot is stopped in any case)."""
    oracle = await asyncio.to_thread(Oracle, open_service(config.corpus))
    groups = round(config.chats * config.groups)
    report = LoadReport(
        chats=config.chats,
        private_chats=config.chats - groups,
        group_chats=groups,
        messages_per_chat=config.messages,
    )
    with FakeBotAPI() as server, tempfile.TemporaryDirectory(prefix="citebot-load-") as tmp:
        server.enable_rate_limit(
            per_chat=LIMITS["chat"],
            per_group=LIMITS["group"],
            global_limit=LIMITS["overall"],
            methods=COUNTED,
            enforce=True,
        )
        driver = Driver(server, oracle, config, report)
        process, log_path = start_bot(server, config.corpus, Path(tmp))
        peak, stop = [0.0], asyncio.Event()
        sampler = asyncio.create_task(sample_rss(process.pid, peak, stop))
        try:
            await server.wait_for_async(
                lambda s: (s.commands and s.polling) or process.poll() is not None, timeout=120
            )
            if process.poll() is not None:
                raise RuntimeError(
                    f"the bot exited with {process.returncode}: {log_path.read_text()[-2000:]}"
                )
            report.rss_start_mb = psutil.Process(process.pid).memory_info().rss / 2**20
            started = time.monotonic()
            tasks = [asyncio.create_task(driver.converse(chat)) for chat in driver.make_chats()]
            done, pending = await asyncio.wait(tasks, timeout=config.timeout)
            for task in pending:
                task.cancel()
            report.completed = not pending
            for task in done:
                if task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
            report.seconds = time.monotonic() - started
            await asyncio.sleep(2.0)  # anything still coming is a duplicate
            driver.finish()
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                report.bot_exit_code = await asyncio.to_thread(process.wait, 60)
            except subprocess.TimeoutExpired:
                process.kill()
            stop.set()
            await sampler
        log = log_path.read_text(encoding="utf-8", errors="replace")
        report.token_in_bot_log = server.token in log
        report.bot_warnings = sum(1 for line in log.splitlines() if RUN_LOG_PROBLEM.match(line))
        violations = Counter(v.scope for v in server.rate_limit_violations)
        report.violations = {scope: violations.get(scope, 0) for scope in ("global", "chat", "group")}
    report.by_kind = dict(driver.kinds)
    report.rss_peak_mb = peak[0] / 2**20
    lat = driver.latencies
    report.latency_p50, report.latency_p95, report.latency_p99 = (percentile(lat, p) for p in (50, 95, 99))
    report.latency_max = max(lat, default=0.0)
    if report.seconds:
        report.updates_per_second = report.answered / report.seconds
        report.messages_per_second = report.bot_messages / report.seconds
    per_chat: dict[int | str, list[float]] = defaultdict(list)
    for at, chat_id in driver.sends:
        per_chat[chat_id].append(at)
    report.busiest_second = window_max([at for at, _ in driver.sends], 1.0)
    report.busiest_chat_second = max((window_max(t, 1.0) for t in per_chat.values()), default=0)
    report.busiest_group_minute = max(
        (window_max(t, 60.0) for c, t in per_chat.items() if int(c) < 0), default=0
    )
    return report


# ----------------------------------------------------------------------------- output


def lines(report: LoadReport, config: LoadConfig) -> Iterator[str]:
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(report.by_kind.items()))
    violations = sum(report.violations.values())
    yield (
        f"citebot load test: {report.chats} chats ({report.private_chats} private, {report.group_chats} groups)"
        f" x {report.messages_per_chat} updates, think 0-{2 * config.think:g} s"
    )
    yield f"updates sent        {report.updates_sent} ({kinds})"
    yield f"answered            {report.answered}"
    yield f"lost                {report.lost}"
    yield f"duplicate replies   {report.duplicates}"
    yield f"wrong replies       {report.wrong}"
    yield (
        f"update -> reply     p50 {report.latency_p50:.2f} s, p95 {report.latency_p95:.2f} s, "
        f"p99 {report.latency_p99:.2f} s, max {report.latency_max:.2f} s"
    )
    yield (
        f"throughput          {report.updates_per_second:.1f} updates/s, {report.messages_per_second:.1f} "
        f"bot messages/s ({report.bot_messages} messages in {report.seconds:.0f} s)"
    )
    yield f"bot memory          peak RSS {report.rss_peak_mb:.0f} MB ({report.rss_start_mb:.0f} MB after start-up)"
    yield (
        f"Telegram limits     {'respected' if not violations else 'BROKEN'}: {violations} violations "
        f"{report.violations}, {report.retry_after_429} answers 429, {report.bad_requests} answers 400"
    )
    yield (
        f"                    busiest second {report.busiest_second} messages (limit 30), busiest chat second "
        f"{report.busiest_chat_second} (limit 1), busiest group minute {report.busiest_group_minute} (limit 20)"
    )
    yield (
        f"bot process         exit code {report.bot_exit_code} after SIGTERM, {report.bot_warnings} warnings "
        f"or errors logged, token in its log: {'YES' if report.token_in_bot_log else 'no'}"
    )
    if not report.completed:
        yield f"INCOMPLETE: stopped after --timeout {config.timeout:g} s"
    for mismatch in report.mismatches[:10]:
        yield f"  {mismatch}"
    yield "OK" if report.ok else "FAILED"


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    return f"{os.cpu_count()} CPUs, {memory:.1f} GiB RAM, {platform.python_implementation()} {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.load_test", description=__doc__.split("\n\n")[0]
    )
    defaults = LoadConfig()
    parser.add_argument("--chats", type=int, default=defaults.chats, help="concurrent chats (default 200)")
    parser.add_argument(
        "--messages", type=int, default=defaults.messages, help="updates per chat (default 20)"
    )
    parser.add_argument(
        "--groups", type=float, default=defaults.groups, help="share of group chats (default 0.25)"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=defaults.think,
        help="mean pause in seconds between a reply and the user's next update (default 1)",
    )
    parser.add_argument(
        "--reply-timeout",
        type=float,
        default=defaults.reply_timeout,
        help="seconds before an unanswered update counts as lost (default 120)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=defaults.timeout,
        help="seconds before the whole run is stopped (default 1800)",
    )
    parser.add_argument("--seed", type=int, default=defaults.seed, help="random seed for the conversations")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    config = LoadConfig(
        chats=args.chats,
        messages=args.messages,
        groups=args.groups,
        think=args.think,
        reply_timeout=args.reply_timeout,
        timeout=args.timeout,
        seed=args.seed,
    )
    report = asyncio.run(run_load(config))
    if args.json:
        print(json.dumps({**asdict(report), "ok": report.ok, "machine": machine()}, ensure_ascii=False))
    else:
        print(f"machine             {machine()}")
        for line in lines(report, config):
            print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
