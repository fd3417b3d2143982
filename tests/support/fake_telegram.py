"""A fake Telegram Bot API server for end-to-end tests.

The real python-telegram-bot ``Application``/``Bot`` talks to it over real HTTP on
127.0.0.1; point it there with ``base_url=server.base_url``::

    with FakeBotAPI() as server:
        app = Application.builder().token(server.token).base_url(server.base_url).build()
        ...
        server.push_message(42, "/start")
        [reply] = await server.wait_for_messages_async(42, 1)
        assert "Welcome" in reply.text

Only the standard library is used.  Requests are decoded the way PTB 22 encodes
them (``application/x-www-form-urlencoded`` whose non-string values are JSON
documents, or ``multipart/form-data`` when files are uploaded); JSON bodies and
query strings are accepted too.  Methods are validated like Telegram does and
errors carry Telegram's real descriptions.  HTML is parsed with
:mod:`tests.support.telegram_html`, so stored messages have plain text plus entities.

Threading: the HTTP server runs in daemon threads and all state is guarded by
one re-entrant condition variable.  The blocking ``wait_for*`` helpers must not
be called from the event loop that runs the bot (they would block it); use the
``*_async`` variants there.

Not modelled: Markdown/MarkdownV2 parsing (text is stored verbatim), media
sending and file downloads, ``allowed_updates`` filtering (recorded only), and
Bot API methods without an ``_api_*`` implementation (they answer 404, which PTB
raises as ``InvalidToken``/``EndPointNotFound``; check :meth:`FakeBotAPI.calls`).

Speed tip: every PTB ``HTTPXRequest`` builds its own SSL context (~80 ms) even
though this server is plain HTTP; passing
``HTTPXRequest(httpx_kwargs={"verify": shared_ssl_context})`` avoids it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import math
import re
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from tests.support.telegram_html import TelegramHTMLError, entity_text, parse_telegram_html, utf16_len

__all__ = [
    "CONFLICT_POLLING",
    "CONFLICT_WEBHOOK",
    "DEFAULT_TOKEN",
    "NOT_MODIFIED",
    "QUERY_TOO_OLD",
    "Call",
    "FakeBotAPI",
    "RateLimitViolation",
    "SentMessage",
]

DEFAULT_TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CONFLICT_POLLING = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: CONFLICT_POLLING,
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip
# Parameters whose form value is a plain string even if it looks like JSON ("123", "true").
_STRING_PARAMS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "inline_query_id",
        "inline_message_id", "url", "secret_token", "ip_address", "next_offset",
        "switch_pm_text", "switch_pm_parameter", "action", "language_code",
        "business_connection_id", "message_effect_id", "emoji", "sticker", "photo",
        "document", "voice", "audio", "video", "animation", "title", "description",
        "short_name", "name", "question", "certificate",
    }
)  # fmt: skip
_INLINE_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_AUTO_ENTITY_RE = re.compile(
    r"(?P<url>https?://[^\s<>\"]+)"
    r"|(?<![\w/])(?P<bot_command>/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)(?![\w/])"
    r"|(?<![\w@])(?P<mention>@[A-Za-z0-9_]{5,32})(?!\w)"
)
_TELEGRAM_WHITESPACE = " \t\r\n\v\f"

T = TypeVar("T")


class _ApiError(Exception):
    """An error answer: HTTP status = ``error_code`` plus Telegram's description."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(reason: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {reason}")


@dataclass
class Call:
    """One HTTP request received by the server (after decoding)."""

    method: str  #: canonical method name, e.g. ``"sendMessage"`` (as sent if unknown)
    params: dict[str, Any]  #: decoded parameters (JSON values already parsed)
    time: float  #: ``time.time()`` when the request arrived
    content_type: str = ""  #: request body type, e.g. ``application/x-www-form-urlencoded``
    files: dict[str, tuple[str | None, bytes]] = field(default_factory=dict)  #: multipart uploads
    status: int | None = None  #: HTTP status answered (None: dropped or not answered yet)
    response: Any = None  #: decoded JSON body answered


@dataclass
class SentMessage:
    """A message the bot sent, in its current state (edits update it)."""

    chat_id: int | str
    message_id: int
    text: str  #: plain text as users see it (after HTML parsing and trimming)
    raw_text: str  #: ``text`` parameter exactly as the bot sent it (last edit)
    parse_mode: str | None
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    link_preview_options: dict[str, Any] | None
    reply_to_message_id: int | None
    params: dict[str, Any]  #: all parameters of the sendMessage call
    date: int
    history: list[str] = field(default_factory=list)  #: previous plain texts, oldest first
    deleted: bool = False

    def entity_texts(self, entity_type: str) -> list[str]:
        """Texts covered by entities of ``entity_type`` (e.g. ``"bold"``), in order."""
        return [entity_text(self.text, e) for e in self.entities if e["type"] == entity_type]

    @property
    def links(self) -> list[tuple[str, str]]:
        """``(text, url)`` for each ``text_link`` entity."""
        return [(entity_text(self.text, e), e["url"]) for e in self.entities if e["type"] == "text_link"]

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Inline keyboard buttons, row by row, flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass(frozen=True)
class RateLimitViolation:
    """A send that exceeded the configured limits (see :meth:`FakeBotAPI.enable_rate_limit`)."""

    method: str
    chat_id: int | str
    scope: str  #: ``"chat"``, ``"group"`` or ``"global"``
    time: float


@dataclass
class _Fault:
    kind: str  # "fail", "delay", "hold", "late", "drop"
    remaining: int
    status: int = 0
    body: dict[str, Any] | None = None
    seconds: float = 0.0
    process_first: bool = False
    until: Callable[[FakeBotAPI], object] | None = None


@dataclass
class _RateLimit:
    per_chat: tuple[int, float]
    per_group: tuple[int, float]
    global_: tuple[int, float]
    methods: frozenset[str]
    enforce: bool
    sends: dict[Any, deque[float]] = field(default_factory=dict)


class FakeBotAPI:
    """In-process fake of the Telegram Bot API (see the module docstring).

    ``base_url`` is what PTB's ``base_url`` expects (PTB appends ``<token>/<method>``).
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "citebot_test_bot",
        bot_first_name: str = "CiteBot Test",
        strict_html: bool = True,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.strict_html = strict_html
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._cond = threading.Condition(threading.RLock())
        self._stop_event = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0
        self._connections: set[socket.socket] = set()
        self._listeners: list[Callable[[Call], None]] = []
        # Bot API methods: ``_api_send_message`` implements "sendMessage" (case-insensitive).
        self._methods: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {}
        for attribute in dir(self):
            if attribute.startswith("_api_"):
                first, *rest = attribute.removeprefix("_api_").split("_")
                name = first + "".join(word.capitalize() for word in rest)
                self._methods[name.lower()] = (name, getattr(self, attribute))
        self.reset()

    def reset(self) -> None:
        """Forget all state (updates, messages, calls, faults, settings); keep serving."""
        with self._cond:
            self._reset_state()
            self._cond.notify_all()

    def _reset_state(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._ids = itertools.count(1)  # callback/inline query ids, file ids, ...
        self._poll_generation = 0
        self._waiting_polls = 0
        self.confirmed_offset: int | None = None  #: last ``offset`` getUpdates confirmed with
        self._chats: dict[int | str, dict[str, Any]] = {}
        self._next_message_id: dict[int | str, int] = {}
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._sent: list[SentMessage] = []
        self._calls: list[Call] = []
        self._faults: list[tuple[str, _Fault]] = []
        self._pending_callbacks: set[str] = set()
        self._pending_inline: set[str] = set()
        self._answered_callbacks: list[dict[str, Any]] = []
        self._inline_answers: list[dict[str, Any]] = []
        self._chat_actions: list[tuple[int | str, str]] = []
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._menu_buttons: dict[int | str | None, dict[str, Any]] = {}
        self._webhook: dict[str, Any] = {}
        self._rate_limit: _RateLimit | None = None
        self._violations: list[RateLimitViolation] = []

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotAPI:
        """Start serving on 127.0.0.1 (an OS-chosen port; the same port again after a restart)."""
        if self._httpd is not None:
            return self
        self._stop_event.clear()
        httpd = ThreadingHTTPServer(("127.0.0.1", self._port), _Handler)
        httpd.daemon_threads = True
        httpd.fake = self  # type: ignore[attr-defined]
        self._httpd = httpd
        self._port = httpd.server_address[1]
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="FakeBotAPI",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake pending long polls/delays and close open connections.

        State (sent messages, calls, ...) is kept, so ``start()`` again simulates an outage.
        """
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stop_event.set()
        with self._cond:
            self._cond.notify_all()
            connections = list(self._connections)
        httpd.shutdown()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port (0 before the first ``start()``)."""
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/bot`` -- pass as PTB's ``base_url``."""
        return f"http://127.0.0.1:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """``http://127.0.0.1:PORT/file/bot`` -- PTB's ``base_file_url`` (files are not served)."""
        return f"http://127.0.0.1:{self._port}/file/bot"

    # ------------------------------------------------------------ injecting updates

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` is assigned if missing); return its update_id."""
        with self._cond:
            update = copy.deepcopy(update)
            update.setdefault("update_id", next(self._update_ids))
            self._updates.append(update)
            self._cond.notify_all()
            return int(update["update_id"])

    def push_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        entities: list[dict[str, Any]] | None = None,
        reply_to_message_id: int | None = None,
        first_name: str = "Alice",
        username: str | None = "alice",
        language_code: str | None = "en",
        chat_title: str | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from a user; return the message dict (has ``message_id``).

        ``entities`` default to what Telegram detects: ``bot_command`` (``/cmd``,
        ``/cmd@botname``), ``mention`` (``@username``) and ``url``.  ``chat_type``
        defaults to private for positive ids, supergroup for ``-100...``, else group;
        ``user_id`` defaults to ``chat_id`` in private chats.
        """
        content: dict[str, Any] = {"text": text}
        detected = _detect_entities(text) if entities is None else entities
        if detected:
            content["entities"] = detected
        return self._push_user_message(
            "message", chat_id, content, user_id=user_id, chat_type=chat_type,
            reply_to_message_id=reply_to_message_id, first_name=first_name, username=username,
            language_code=language_code, chat_title=chat_title, message_thread_id=message_thread_id,
        )  # fmt: skip

    def push_edited_message(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        *,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue an ``edited_message`` update for a message previously pushed by a user."""
        with self._cond:
            original = self._messages.get((chat_id, message_id))
            if original is None or original["from"]["id"] == self.bot_user["id"]:
                raise ValueError(f"no user message {message_id} in chat {chat_id}")
            message = copy.deepcopy(original)
            message["text"] = text
            message.pop("entities", None)
            detected = _detect_entities(text) if entities is None else entities
            if detected:
                message["entities"] = detected
            message["edit_date"] = int(time.time())
            self._messages[(chat_id, message_id)] = message
            self.push_update({"edited_message": message})
            return copy.deepcopy(message)

    def push_sticker(self, chat_id: int, *, emoji: str = "👍", **kwargs: Any) -> dict[str, Any]:
        """Queue a sticker message (keyword arguments as for :meth:`push_message`)."""
        sticker = {
            **self._file_ids(), "type": "regular", "width": 512, "height": 512,
            "is_animated": False, "is_video": False, "emoji": emoji,
            "set_name": "CiteBotTestStickers", "file_size": 23456,
        }  # fmt: skip
        return self._push_user_message("message", chat_id, {"sticker": sticker}, **kwargs)

    def push_photo(self, chat_id: int, *, caption: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """Queue a photo message (three ``PhotoSize`` variants, optional caption)."""
        unique = next(self._ids)
        photo = [
            {
                "file_id": f"AgACAgIAAxkBAAI{unique:05d}{size}",
                "file_unique_id": f"AQAD{unique:05d}{size}",
                "width": size, "height": size * 3 // 4, "file_size": size * 60,
            }
            for size in (90, 320, 1280)
        ]  # fmt: skip
        return self._push_user_message("message", chat_id, {"photo": photo, **_caption(caption)}, **kwargs)

    def push_voice(self, chat_id: int, *, duration: int = 3, **kwargs: Any) -> dict[str, Any]:
        """Queue a voice message (OGG/Opus)."""
        voice = {
            **self._file_ids(),
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": duration * 4000,
        }
        return self._push_user_message("message", chat_id, {"voice": voice}, **kwargs)

    def push_document(
        self,
        chat_id: int,
        *,
        file_name: str = "paper.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Queue a document message."""
        document = {
            **self._file_ids(),
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": 123456,
        }
        content = {"document": document, **_caption(caption)}
        return self._push_user_message("message", chat_id, content, **kwargs)

    def push_callback_query(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        first_name: str = "Alice",
        username: str | None = "alice",
    ) -> str:
        """Queue a button press on a message the bot sent; return the callback query id."""
        with self._cond:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise ValueError(f"no message {message_id} in chat {chat_id}")
            query_id = str(4_000_000_000_000_000_000 + next(self._ids))
            chat = message["chat"]
            user_id = user_id if user_id is not None else (chat_id if chat["type"] == "private" else 1111)
            self._pending_callbacks.add(query_id)
            self.push_update(
                {
                    "callback_query": {
                        "id": query_id,
                        "from": _user(user_id, first_name, username, "en"),
                        "message": copy.deepcopy(message),
                        "chat_instance": str(7_000_000_000_000 + abs(chat_id)),
                        "data": data,
                    }
                }
            )
            return query_id

    def push_inline_query(
        self, user_id: int, query: str, *, offset: str = "", chat_type: str | None = "private"
    ) -> str:
        """Queue an inline query (``@bot query``); return the inline query id."""
        with self._cond:
            query_id = str(5_000_000_000_000_000_000 + next(self._ids))
            inline_query: dict[str, Any] = {
                "id": query_id,
                "from": _user(user_id, "Alice", "alice", "en"),
                "query": query,
                "offset": offset,
            }
            if chat_type:
                inline_query["chat_type"] = chat_type
            self._pending_inline.add(query_id)
            self.push_update({"inline_query": inline_query})
            return query_id

    # ------------------------------------------------------------------ inspection

    def sent(self, chat_id: int | str | None = None) -> list[SentMessage]:
        """Snapshots of messages the bot sent (optionally in one chat), in sending order."""
        with self._cond:
            return [copy.deepcopy(m) for m in self._sent if chat_id is None or m.chat_id == chat_id]

    def calls(self, method: str | None = None) -> list[Call]:
        """Snapshots of all requests received (optionally of one method, case-insensitive)."""
        with self._cond:
            wanted = method.lower() if method else None
            return [copy.deepcopy(c) for c in self._calls if wanted is None or c.method.lower() == wanted]

    @property
    def answered_callbacks(self) -> list[dict[str, Any]]:
        """Parameters of each successful ``answerCallbackQuery``."""
        with self._cond:
            return copy.deepcopy(self._answered_callbacks)

    @property
    def inline_answers(self) -> list[dict[str, Any]]:
        """Parameters of each successful ``answerInlineQuery`` (``results`` decoded)."""
        with self._cond:
            return copy.deepcopy(self._inline_answers)

    @property
    def chat_actions(self) -> list[tuple[int | str, str]]:
        """``(chat_id, action)`` for each ``sendChatAction``."""
        with self._cond:
            return list(self._chat_actions)

    @property
    def commands(self) -> list[dict[str, Any]]:
        """Commands set for the default scope and no language (``setMyCommands``)."""
        return self.commands_for()

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """Commands set for a given ``BotCommandScope`` dict and language."""
        with self._cond:
            return copy.deepcopy(self._commands.get((_scope_key(scope), language_code), []))

    @property
    def menu_buttons(self) -> dict[int | str | None, dict[str, Any]]:
        """Menu button per chat id (``None``: the default) from ``setChatMenuButton``."""
        with self._cond:
            return copy.deepcopy(self._menu_buttons)

    @property
    def webhook(self) -> dict[str, Any]:
        """Current webhook settings (empty when none is set)."""
        with self._cond:
            return copy.deepcopy(self._webhook)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed by an ``offset``."""
        with self._cond:
            return copy.deepcopy(self._updates)

    @property
    def polling(self) -> bool:
        """Whether a getUpdates call is currently in progress (e.g. waiting in a long poll)."""
        with self._cond:
            return self._waiting_polls > 0

    @property
    def rate_limit_violations(self) -> list[RateLimitViolation]:
        """Sends that broke the limits set by :meth:`enable_rate_limit`."""
        with self._cond:
            return list(self._violations)

    def add_listener(self, listener: Callable[[Call], None]) -> None:
        """Call ``listener(call)`` with a snapshot of every request once it is answered or dropped.

        It runs in the server thread that handled the request, without the lock; keep it
        short (hand the call to an event loop with ``loop.call_soon_threadsafe``). Load
        tests use it to follow thousands of calls without copying :meth:`calls` each time.
        Listeners stay across :meth:`reset`.
        """
        self._listeners.append(listener)

    def wait_for(self, predicate: Callable[[FakeBotAPI], T], timeout: float = 5.0) -> T:
        """Block until ``predicate(self)`` is truthy and return its value.

        Re-evaluated whenever the server state changes.  Raises ``TimeoutError``
        (listing the methods called) after ``timeout`` seconds.  Do not call this
        from the event loop running the bot; use :meth:`wait_for_async`.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (result := predicate(self)):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    methods = [c.method for c in self._calls][-20:]
                    raise TimeoutError(f"condition not met within {timeout}s; last calls: {methods}")
                self._cond.wait(remaining)
            return result

    def wait_for_messages(self, chat_id: int | str, n: int = 1, timeout: float = 5.0) -> list[SentMessage]:
        """Block until the bot has sent at least ``n`` messages to ``chat_id``; return them all."""
        return self.wait_for(lambda s: msgs if len(msgs := s.sent(chat_id)) >= n else [], timeout)

    async def wait_for_async(self, predicate: Callable[[FakeBotAPI], T], timeout: float = 5.0) -> T:
        """:meth:`wait_for` without blocking the running event loop."""
        return await asyncio.to_thread(self.wait_for, predicate, timeout)

    async def wait_for_messages_async(
        self, chat_id: int | str, n: int = 1, timeout: float = 5.0
    ) -> list[SentMessage]:
        """:meth:`wait_for_messages` without blocking the running event loop."""
        return await asyncio.to_thread(self.wait_for_messages, chat_id, n, timeout)

    # ------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` (``"*"``: any) with an error.

        429 bodies carry ``parameters.retry_after`` (default 1) like Telegram's
        ``Too Many Requests: retry after N``; other statuses get Telegram-like
        descriptions (409 is the getUpdates conflict) unless ``description`` is given.
        """
        parameters = None
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            description = description or f"Too Many Requests: retry after {retry_after}"
            parameters = {"retry_after": retry_after}
        description = description or _DEFAULT_DESCRIPTIONS.get(status, HTTPStatus(status).phrase)
        body = _ApiError(status, description, parameters).body()
        self._add_fault(method, _Fault("fail", count, status=status, body=body))

    def conflict_next(self, count: int = 1) -> None:
        """Answer the next ``count`` getUpdates calls with 409 Conflict (another instance polls)."""
        self.fail_next("getUpdates", status=409, count=count)

    def delay_next(self, method: str, seconds: float, *, count: int = 1, process_first: bool = False) -> None:
        """Answer the next ``count`` calls of ``method`` ``seconds`` late.

        By default the request is processed after the delay (nothing happens if the
        client gave up); with ``process_first=True`` it takes effect at once and only
        the answer is late -- like a message Telegram delivered although the client
        timed out.
        """
        self._add_fault(method, _Fault("delay", count, seconds=seconds, process_first=process_first))

    def hold_next(
        self, method: str, until: Callable[[FakeBotAPI], object], *, count: int = 1, timeout: float = 30.0
    ) -> None:
        """Process and answer the next ``count`` calls of ``method`` once ``until(server)`` holds.

        ``until`` is re-evaluated whenever the server's state changes (a call arrives, an
        update is pushed, ...), so a call can be held until the bot does something else, e.g.
        until it stops polling. After ``timeout`` seconds, or when the server stops, the call
        is answered anyway.
        """
        self._add_fault(method, _Fault("hold", count, seconds=timeout, until=until))

    def answer_late_next(self, method: str, *, count: int = 1, timeout: float = 30.0) -> None:
        """Process the next ``count`` calls of ``method`` at once, but answer only once the
        client has given up waiting and closed its connection -- like a message Telegram
        delivered although the client timed out. After ``timeout`` seconds, or when the
        server stops, the answer is sent anyway."""
        self._add_fault(method, _Fault("late", count, seconds=timeout))

    def drop_next(self, method: str, *, count: int = 1) -> None:
        """Close the connection without answering the next ``count`` calls of ``method``."""
        self._add_fault(method, _Fault("drop", count))

    def _add_fault(self, method: str, fault: _Fault) -> None:
        if fault.remaining < 1:
            raise ValueError("count must be >= 1")
        with self._cond:
            self._faults.append((method.lower(), fault))

    def _take_fault(self, method: str) -> _Fault | None:
        with self._cond:
            for wanted, fault in self._faults:
                if wanted in ("*", method.lower()):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove((wanted, fault))
                    return fault
            return None

    def enable_rate_limit(
        self,
        *,
        per_chat: tuple[int, float] = (1, 1.0),
        per_group: tuple[int, float] = (20, 60.0),
        global_limit: tuple[int, float] = (30, 1.0),
        methods: tuple[str, ...] = ("sendMessage", "editMessageText"),
        enforce: bool = True,
    ) -> None:
        """Enforce Telegram-like flood limits: at most ``N`` sends per ``seconds`` window.

        ``per_chat`` applies to private chats, ``per_group`` to groups/supergroups,
        ``global_limit`` across all chats.  Violations are recorded in
        :attr:`rate_limit_violations`; with ``enforce`` they are answered with 429
        and ``retry_after``, otherwise the send goes through.
        """
        with self._cond:
            self._rate_limit = _RateLimit(
                per_chat, per_group, global_limit, frozenset(m.lower() for m in methods), enforce
            )

    def disable_rate_limit(self) -> None:
        """Turn rate limiting off again (violations stay recorded)."""
        with self._cond:
            self._rate_limit = None

    # ------------------------------------------------------------ request handling

    def _handle(self, handler: _Handler) -> None:
        """Route, decode, log and answer one HTTP request (called in a server thread)."""
        url = urlsplit(handler.path)
        body = handler.read_body()  # always consume it: the connection is kept alive
        match = re.fullmatch(r"/bot(?P<token>[^/]+)(?:/test)?/(?P<method>[A-Za-z0-9_]+)/?", url.path)
        if match is None:
            handler.respond(404, _ApiError(404, "Not Found").body())
            return
        if match["token"] != self.token:
            handler.respond(401, _ApiError(401, "Unauthorized").body())
            return
        method = self._methods.get(match["method"].lower(), (match["method"], None))[0]
        try:
            params, files = _decode_request(handler.headers.get("Content-Type", ""), body, url.query)
        except ValueError as exc:
            handler.respond(400, _bad_request(f"can't parse request: {exc}").body())
            return
        call = Call(method, params, time.time(), handler.headers.get("Content-Type", ""), files)
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

        fault = self._take_fault(method)
        status: int | None = None
        answer: dict[str, Any] | None = None
        if fault is not None and fault.kind == "drop":
            handler.close_connection = True
        elif fault is not None and fault.kind == "fail":
            status, answer = fault.status, fault.body
        else:
            if fault is not None and fault.until is not None:
                held = fault.until
                with self._cond:
                    self._cond.wait_for(lambda: self._stop_event.is_set() or held(self), fault.seconds)
            elif fault is not None and fault.kind == "delay" and not fault.process_first:
                self._stop_event.wait(fault.seconds)
            status, answer = self._execute(method, params)
            if fault is not None and fault.process_first:
                self._stop_event.wait(fault.seconds)
            elif fault is not None and fault.kind == "late":
                handler.wait_for_the_client_to_leave(fault.seconds, self._stop_event)
        with self._cond:  # record before answering, so the client never sees a half-logged call
            call.status, call.response = status, copy.deepcopy(answer)
            self._cond.notify_all()
        if status is not None:
            handler.respond(status, answer)
        for listener in list(self._listeners):
            listener(copy.deepcopy(call))

    def _execute(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        _, implementation = self._methods.get(method.lower(), (method, None))
        if implementation is None:
            return 404, _ApiError(404, "Not Found").body()
        try:
            with self._cond:
                result = implementation(params)
                self._cond.notify_all()
        except _ApiError as exc:
            return exc.code, exc.body()
        return 200, {"ok": True, "result": result}

    # ---------------------------------------------------------------- bot methods
    # Each runs with the lock held, takes decoded params and returns the ``result``.

    def _api_get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return copy.deepcopy(self.bot_user)

    def _api_log_out(self, params: dict[str, Any]) -> bool:
        return True

    def _api_close(self, params: dict[str, Any]) -> bool:
        return True

    def _api_set_webhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url", "")
        if url and not url.startswith("https://"):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        keep = ("max_connections", "allowed_updates", "secret_token", "ip_address")
        self._webhook = {"url": url, **{k: params[k] for k in keep if k in params}} if url else {}
        return True

    def _api_delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._webhook = {}
        return True

    def _api_get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        for key in ("max_connections", "allowed_updates", "ip_address"):
            if key in self._webhook:
                info[key] = self._webhook[key]
        return info

    def _api_get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self._webhook:
            raise _ApiError(409, CONFLICT_WEBHOOK)
        offset = _int_param(params, "offset", 0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        self._poll_generation += 1
        generation = self._poll_generation
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self.confirmed_offset = offset
        elif offset < 0:
            self._updates = self._updates[offset:]
        deadline = time.monotonic() + timeout
        self._waiting_polls += 1
        self._cond.notify_all()
        try:
            while True:
                if generation != self._poll_generation:
                    raise _ApiError(409, CONFLICT_POLLING)
                remaining = deadline - time.monotonic()
                if self._updates or remaining <= 0 or self._stop_event.is_set():
                    return copy.deepcopy(self._updates[:limit])
                self._cond.wait(remaining)
        finally:
            self._waiting_polls -= 1

    def _api_send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(params)
        text, entities = self._formatted_text(params)
        markup = params.get("reply_markup")
        _validate_reply_markup(markup)
        reply_to = _reply_to_id(params)
        if reply_to is not None and (chat_id, reply_to) not in self._messages:
            if not (params.get("reply_parameters") or {}).get(
                "allow_sending_without_reply"
            ) and not params.get("allow_sending_without_reply"):
                raise _bad_request("message to be replied not found")
            reply_to = None
        self._check_rate_limit("sendMessage", chat_id)
        preview = params.get("link_preview_options")
        if preview is None and params.get("disable_web_page_preview"):
            preview = {"is_disabled": True}
        message = self._new_message(chat_id, self.bot_user, {"text": text})
        if entities:
            message["entities"] = entities
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if preview:
            message["link_preview_options"] = preview
        if reply_to is not None:
            message["reply_to_message"] = _without_reply(self._messages[(chat_id, reply_to)])
        self._messages[(chat_id, message["message_id"])] = message
        self._sent.append(
            SentMessage(
                chat_id=chat_id, message_id=message["message_id"], text=text,
                raw_text=params["text"], parse_mode=params.get("parse_mode"), entities=entities,
                reply_markup=markup, link_preview_options=preview, reply_to_message_id=reply_to,
                params=copy.deepcopy(params), date=message["date"],
            )
        )  # fmt: skip
        return copy.deepcopy(message)

    def _api_send_photo(self, params: dict[str, Any]) -> dict[str, Any]:
        """A photo upload (multipart; the bytes stay in ``calls("sendPhoto")[i].files``)."""
        chat_id = _chat_id(params)
        self._check_rate_limit("sendPhoto", chat_id)
        caption = params.get("caption")
        photo = [
            {"file_id": f"AgACAgIAAxkBAAI{next(self._ids):05d}", "file_unique_id": f"AQAD{size}",
             "width": size, "height": size * 3 // 4}
            for size in (90, 320, 800)
        ]  # fmt: skip
        message = self._new_message(chat_id, self.bot_user, {"photo": photo, **_caption(caption)})
        self._messages[(chat_id, message["message_id"])] = message
        return copy.deepcopy(message)

    def _api_edit_message_text(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            self._formatted_text(params)
            _validate_reply_markup(params.get("reply_markup"))
            return True
        chat_id, message = self._editable_message(params)
        text, entities = self._formatted_text(params)
        markup = params.get("reply_markup")
        _validate_reply_markup(markup)
        if (
            text == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise _bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        self._check_rate_limit("editMessageText", chat_id)
        record = self._record(chat_id, message["message_id"])
        record.history.append(record.text)
        record.text, record.raw_text, record.entities = text, params["text"], entities
        record.parse_mode, record.reply_markup = params.get("parse_mode"), markup
        if "link_preview_options" in params:
            record.link_preview_options = params["link_preview_options"]
        message["text"] = text
        message.pop("entities", None)
        message.pop("reply_markup", None)
        if entities:
            message["entities"] = entities
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _api_edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        markup = params.get("reply_markup")
        _validate_reply_markup(markup)
        if "inline_message_id" in params:
            return True
        chat_id, message = self._editable_message(params)
        if markup == message.get("reply_markup") or (not markup and "reply_markup" not in message):
            raise _bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        self._check_rate_limit("editMessageReplyMarkup", chat_id)
        self._record(chat_id, message["message_id"]).reply_markup = markup
        message.pop("reply_markup", None)
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _api_delete_message(self, params: dict[str, Any]) -> bool:
        chat_id = _chat_id(params)
        message_id = _int_param(params, "message_id", 0)
        if self._messages.pop((chat_id, message_id), None) is None:
            raise _bad_request("message to delete not found")
        for record in self._sent:
            if (record.chat_id, record.message_id) == (chat_id, message_id):
                record.deleted = True
        return True

    def _api_answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._pending_callbacks:
            raise _ApiError(400, QUERY_TOO_OLD)
        if len(params.get("text") or "") > 200:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._pending_callbacks.discard(query_id)
        self._answered_callbacks.append(copy.deepcopy(params))
        return True

    def _api_answer_inline_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad_request("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise _bad_request("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids):
            raise _bad_request("RESULT_ID_DUPLICATE")
        for result in results:
            _validate_reply_markup(result.get("reply_markup"))
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                self._formatted_text({"text": content["message_text"], **content})
        if query_id not in self._pending_inline:
            raise _ApiError(400, QUERY_TOO_OLD)
        self._pending_inline.discard(query_id)
        self._inline_answers.append(copy.deepcopy(params))
        return True

    def _api_send_chat_action(self, params: dict[str, Any]) -> bool:
        chat_id = _chat_id(params)
        action = params.get("action")
        if action not in CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        self._chat_actions.append((chat_id, action))
        return True

    def _api_set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("commands must be an array of at most 100 BotCommand")
        for command in commands:
            if not _COMMAND_RE.match(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[(_scope_key(params.get("scope")), params.get("language_code") or "")] = commands
        return True

    def _api_get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands_for(params.get("scope"), params.get("language_code") or "")

    def _api_delete_my_commands(self, params: dict[str, Any]) -> bool:
        self._commands.pop((_scope_key(params.get("scope")), params.get("language_code") or ""), None)
        return True

    def _api_set_chat_menu_button(self, params: dict[str, Any]) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if button.get("type") not in ("default", "commands", "web_app"):
            raise _bad_request("can't parse menu button: unsupported type")
        self._menu_buttons[_optional_chat_id(params)] = button
        return True

    def _api_get_chat_menu_button(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _optional_chat_id(params)
        return copy.deepcopy(
            self._menu_buttons.get(chat_id) or self._menu_buttons.get(None) or {"type": "default"}
        )

    # -------------------------------------------------------------------- helpers

    def _formatted_text(self, params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        """Validate ``text``/``parse_mode``/``entities`` like Telegram; return (text, entities)."""
        raw = params.get("text")
        if not isinstance(raw, str) or not raw:
            raise _bad_request("message text is empty")
        parse_mode = (params.get("parse_mode") or "").lower()
        if parse_mode == "html":
            try:
                text, entities = parse_telegram_html(raw, strict=self.strict_html)
            except TelegramHTMLError as exc:
                raise _bad_request(f"can't parse entities: {exc}") from None
        elif parse_mode in ("", "markdown", "markdownv2"):
            # Markdown is not parsed by this fake: the text is stored verbatim.
            text, entities = raw, copy.deepcopy(params.get("entities") or [])
        else:
            raise _bad_request("unsupported parse_mode")
        text, entities = _trim(text, entities)
        if not text:
            raise _bad_request("message text is empty")
        if utf16_len(text) > MAX_MESSAGE_LENGTH:
            raise _bad_request("message is too long")
        return text, entities

    def _editable_message(self, params: dict[str, Any]) -> tuple[int | str, dict[str, Any]]:
        chat_id = _chat_id(params)
        message = self._messages.get((chat_id, _int_param(params, "message_id", 0)))
        if message is None:
            raise _bad_request("message to edit not found")
        if message["from"]["id"] != self.bot_user["id"] or "text" not in message:
            raise _bad_request("message can't be edited")
        return chat_id, message

    def _record(self, chat_id: int | str, message_id: int) -> SentMessage:
        return next(r for r in self._sent if (r.chat_id, r.message_id) == (chat_id, message_id))

    def _chat(
        self, chat_id: int | str, chat_type: str | None = None, title: str | None = None
    ) -> dict[str, Any]:
        """The chat object for ``chat_id``, registering it (type inferred from the id) if new."""
        chat = self._chats.get(chat_id)
        if chat is None or (chat_type and chat["type"] != chat_type):
            chat_type = chat_type or _infer_chat_type(chat_id)
            chat = {"id": chat_id, "type": chat_type}
            if chat_type == "private":
                chat.update(first_name="Alice", username="alice")
            else:
                chat["title"] = title or f"Test {chat_type} {chat_id}"
            self._chats[chat_id] = chat
        return chat

    def _new_message(
        self, chat_id: int | str, sender: dict[str, Any], content: dict[str, Any]
    ) -> dict[str, Any]:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        sender = {
            k: v
            for k, v in sender.items()
            if k in ("id", "is_bot", "first_name", "username", "language_code")
        }
        return {
            "message_id": message_id,
            "from": sender,
            "chat": copy.deepcopy(self._chat(chat_id)),
            "date": int(time.time()),
            **copy.deepcopy(content),
        }

    def _push_user_message(
        self,
        kind: str,
        chat_id: int,
        content: dict[str, Any],
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        reply_to_message_id: int | None = None,
        first_name: str = "Alice",
        username: str | None = "alice",
        language_code: str | None = "en",
        chat_title: str | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        with self._cond:
            chat = self._chat(chat_id, chat_type, chat_title)
            if chat["type"] == "private":
                chat.update(first_name=first_name, **({"username": username} if username else {}))
            if user_id is None:
                user_id = chat_id if chat["type"] == "private" else 1111
            message = self._new_message(chat_id, _user(user_id, first_name, username, language_code), content)
            if message_thread_id is not None:
                message["message_thread_id"] = message_thread_id
            if reply_to_message_id is not None:
                original = self._messages.get((chat_id, reply_to_message_id))
                if original is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = _without_reply(original)
            self._messages[(chat_id, message["message_id"])] = message
            self.push_update({kind: message})
            return copy.deepcopy(message)

    def _file_ids(self) -> dict[str, str]:
        unique = next(self._ids)
        return {"file_id": f"BQACAgIAAxkBAAI{unique:08d}", "file_unique_id": f"AgAD{unique:08d}"}

    def _check_rate_limit(self, method: str, chat_id: int | str) -> None:
        limits = self._rate_limit
        if limits is None or method.lower() not in limits.methods:
            return
        now = time.monotonic()
        is_private = self._chat(chat_id)["type"] == "private"
        checks = [
            (
                "chat" if is_private else "group",
                chat_id,
                limits.per_chat if is_private else limits.per_group,
            ),
            ("global", "*global*", limits.global_),
        ]
        for scope, key, (max_sends, window) in checks:
            sends = limits.sends.setdefault(key, deque())
            while sends and now - sends[0] >= window:
                sends.popleft()
            if len(sends) >= max_sends:
                self._violations.append(RateLimitViolation(method, chat_id, scope, time.time()))
                if limits.enforce:
                    retry_after = max(1, math.ceil(window - (now - sends[0])))
                    raise _ApiError(
                        429,
                        f"Too Many Requests: retry after {retry_after}",
                        {"retry_after": retry_after},
                    )
        for _, key, _ in checks:
            limits.sends[key].append(now)


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive handler delegating to :meth:`FakeBotAPI._handle`."""

    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""

    @property
    def fake(self) -> FakeBotAPI:
        fake: FakeBotAPI = self.server.fake  # type: ignore[attr-defined]
        return fake

    def setup(self) -> None:
        super().setup()
        # Headers and body are separate writes: without this, Nagle + delayed ACK add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.fake._cond:
            self.fake._connections.add(self.connection)

    def finish(self) -> None:
        with self.fake._cond:
            self.fake._connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def do_GET(self) -> None:
        self.fake._handle(self)

    def do_POST(self) -> None:
        self.fake._handle(self)

    def wait_for_the_client_to_leave(self, timeout: float, stop: threading.Event) -> None:
        """Return once the client closes the connection (or sends anything), the server stops,
        or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while not stop.is_set() and time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable:
                return

    def respond(self, status: int, body: Any) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
        except OSError:  # client went away (e.g. it timed out during a delay)
            self.close_connection = True

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while (size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)) > 0:
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


# ------------------------------------------------------------------ module helpers


def _decode_request(
    content_type_header: str, body: bytes, query: str
) -> tuple[dict[str, Any], dict[str, tuple[str | None, bytes]]]:
    """Decode query string + body into (params, files); raise ValueError if malformed."""
    fields: dict[str, str] = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, tuple[str | None, bytes]] = {}
    content_type = content_type_header.split(";")[0].strip().lower()
    if content_type == "application/json":
        data = json.loads(body or b"{}")
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return {**{k: _decode_value(k, v) for k, v in fields.items()}, **data}, files
    if content_type == "multipart/form-data":
        header = f"Content-Type: {content_type_header}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(header + body)
        if not message.is_multipart():
            raise ValueError("malformed multipart body")
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                raise ValueError(f"malformed multipart part {name!r}")
            if part.get_filename() is not None:
                files[name] = (part.get_filename(), payload)
            else:
                fields[name] = payload.decode(part.get_content_charset() or "utf-8")
    elif body:
        fields.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return {k: _decode_value(k, v) for k, v in fields.items()}, files


def _decode_value(name: str, value: str) -> Any:
    """Undo PTB's form encoding: strings are sent raw, everything else as JSON."""
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _int_param(params: dict[str, Any], name: str, default: int) -> int:
    value = params.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name} specified") from None


def _chat_id(params: dict[str, Any]) -> int | str:
    chat_id = _optional_chat_id(params)
    if chat_id is None:
        raise _bad_request("chat_id is empty")
    return chat_id


def _optional_chat_id(params: dict[str, Any]) -> int | str | None:
    chat_id = params.get("chat_id")
    if chat_id in (None, ""):
        return None
    if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
        return int(chat_id)
    return chat_id if isinstance(chat_id, int) else str(chat_id)


def _reply_to_id(params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters") or {}
    value = reply.get("message_id", params.get("reply_to_message_id"))
    return None if value is None else int(value)


def _infer_chat_type(chat_id: int | str) -> str:
    if isinstance(chat_id, str):
        return "channel"
    if chat_id > 0:
        return "private"
    return "supergroup" if str(chat_id).startswith("-100") else "group"


def _user(user_id: int, first_name: str, username: str | None, language_code: str | None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def _without_reply(message: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``message`` for ``reply_to_message`` (Telegram does not nest further)."""
    return {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}


def _caption(caption: str | None) -> dict[str, Any]:
    if caption is None:
        return {}
    entities = _detect_entities(caption)
    return {"caption": caption, **({"caption_entities": entities} if entities else {})}


def _detect_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram adds to user text: ``url``, ``bot_command`` and ``mention``."""
    entities = []
    for match in _AUTO_ENTITY_RE.finditer(text):
        kind = match.lastgroup or ""
        value = match[kind].rstrip(".,;:!?)") if kind == "url" else match[kind]
        offset = utf16_len(text[: match.start()])
        entities.append({"type": kind, "offset": offset, "length": utf16_len(value)})
    return entities


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading/trailing whitespace like Telegram, shifting and clipping entities."""
    stripped = text.strip(_TELEGRAM_WHITESPACE)
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TELEGRAM_WHITESPACE))])
    end = lead + utf16_len(stripped)
    trimmed = []
    for entity in entities:
        start, stop = max(entity["offset"], lead), min(entity["offset"] + entity["length"], end)
        if stop > start:
            trimmed.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, trimmed


def _validate_reply_markup(markup: Any) -> None:
    """Reject what Telegram rejects in an inline keyboard (other keyboards pass through)."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise _bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
        actions = [a for a in _INLINE_BUTTON_ACTIONS if a in button]
        if not actions:
            raise _bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
        if "url" in button and not re.match(r"^(https?|tg)://\S+$", str(button["url"])):
            raise _bad_request("BUTTON_URL_INVALID")


def _scope_key(scope: dict[str, Any] | None) -> str:
    scope = scope or {"type": "default"}
    return json.dumps(scope, sort_keys=True)
