"""What a button press means, and which one-shot buttons were pressed.

Buttons carry a `Press` as python-telegram-bot's arbitrary callback data: PTB keeps the
object in its callback data cache and sends Telegram a short id. The cache is saved by the
application's persistence, so buttons keep working after a restart; a press whose data was
evicted arrives as `telegram.ext.InvalidCallbackData` and is answered as expired.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

Kind = Literal["quotes", "compare", "more", "ask", "source"]
MAX_BUTTONS = 2048  # presses kept in the callback data cache (the least recently used go first)
SEARCHING: frozenset[Kind] = frozenset({"quotes", "compare", "more", "ask"})  # presses that count


@dataclass(frozen=True)
class Press:
    """A button press: what to do, for which question or source id, which evidence page."""

    kind: Kind
    text: str
    page: int = 0


class PressedButtons:
    """Which one-shot buttons (Quotes, Compare sources, More) were pressed on which message.

    A second press of the same button is recognised and not answered twice, and the
    keyboard shown after a press leaves out every button pressed so far. Bounded LRU.
    """

    def __init__(self, maxsize: int = 10_000) -> None:
        self.maxsize = maxsize
        self._pressed: OrderedDict[tuple[int, int], set[Press]] = OrderedDict()

    def press(self, chat_id: int, message_id: int, press: Press) -> bool:
        """Record a press; False if this button on this message was pressed before."""
        key = (chat_id, message_id)
        pressed = self._pressed.setdefault(key, set())
        self._pressed.move_to_end(key)
        while len(self._pressed) > self.maxsize:
            self._pressed.popitem(last=False)
        if press in pressed:
            return False
        pressed.add(press)
        return True

    def pressed(self, chat_id: int, message_id: int) -> frozenset[Press]:
        return frozenset(self._pressed.get((chat_id, message_id), ()))
