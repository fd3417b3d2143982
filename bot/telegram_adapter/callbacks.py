"""Button payloads: what a press means, within Telegram's 64 bytes of callback data.

Questions can be far longer than 64 bytes, so the text behind a button is kept here in a
bounded LRU under a short id and the callback data carries only `kind:id[:page]`.
Presses of buttons whose id has been evicted (or that predate a restart) decode to None.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

MAX_CALLBACK_BYTES = 64
Kind = Literal["quotes", "compare", "more", "ask", "source"]
_CODES: dict[Kind, str] = {"quotes": "q", "compare": "c", "more": "m", "ask": "a", "source": "s"}
_KINDS = {code: kind for kind, code in _CODES.items()}
_INLINE_SOURCE = "S"  # a source id short enough to travel in the data itself
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.#-]{1,62}")  # 62 = 64 bytes minus "S:"


class QuestionStore:
    """Texts behind buttons, keyed by a short stable id; the least recently used go first."""

    def __init__(self, maxsize: int = 10_000) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._texts: OrderedDict[str, str] = OrderedDict()

    def put(self, text: str) -> str:
        """Keep `text` and return its id (8 URL-safe characters; the same text gets the same id)."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).digest()
        key = base64.urlsafe_b64encode(digest).decode("ascii")
        self._texts[key] = text
        self._texts.move_to_end(key)
        while len(self._texts) > self.maxsize:
            self._texts.popitem(last=False)
        return key

    def get(self, key: str) -> str | None:
        text = self._texts.get(key)
        if text is not None:
            self._texts.move_to_end(key)
        return text

    def __len__(self) -> int:
        return len(self._texts)


@dataclass(frozen=True)
class Press:
    """A decoded button press: what to do, for which question or source id, which page."""

    kind: Kind
    text: str
    page: int = 0


def encode(press: Press, store: QuestionStore) -> str:
    """The callback data for a press; always at most 64 bytes."""
    if press.kind == "source" and _PLAIN_ID.fullmatch(press.text):
        return f"{_INLINE_SOURCE}:{press.text}"
    data = f"{_CODES[press.kind]}:{store.put(press.text)}"
    return f"{data}:{press.page}" if press.kind == "more" else data


def decode(data: str | None, store: QuestionStore) -> Press | None:
    """The press behind callback data, or None when it is malformed or its text was forgotten."""
    code, _, rest = (data or "").partition(":")
    if code == _INLINE_SOURCE and rest:
        return Press("source", rest)
    kind = _KINDS.get(code)
    key, _, page = rest.partition(":")
    if kind is None or not key:
        return None
    if kind == "more" and not (page.isdigit() and len(page) <= 4):
        return None
    text = store.get(key)
    if text is None:
        return None
    return Press(kind, text, int(page) if kind == "more" else 0)


class PressedButtons:
    """Which one-shot buttons (Quotes, Compare sources, More) were pressed on which message.

    A second press of the same button is recognised and not answered twice, and the
    keyboard shown after a press leaves out every button pressed so far. Bounded LRU.
    """

    def __init__(self, maxsize: int = 10_000) -> None:
        self.maxsize = maxsize
        self._pressed: OrderedDict[tuple[int, int], set[str]] = OrderedDict()

    def press(self, chat_id: int, message_id: int, data: str) -> bool:
        """Record a press; False if this button on this message was pressed before."""
        key = (chat_id, message_id)
        pressed = self._pressed.setdefault(key, set())
        self._pressed.move_to_end(key)
        while len(self._pressed) > self.maxsize:
            self._pressed.popitem(last=False)
        if data in pressed:
            return False
        pressed.add(data)
        return True

    def pressed(self, chat_id: int, message_id: int) -> frozenset[str]:
        return frozenset(self._pressed.get((chat_id, message_id), ()))
