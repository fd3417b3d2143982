"""Try the Telegram bot without Telegram: the real bot (`python -m bot run`, polling) against the
fake Bot API server the end-to-end tests use (tests/support/fake_telegram.py), on 127.0.0.1.
Each line you type is a message from one user in a private chat; the bot's replies are printed
as Telegram shows them (formatting dropped), with the labels of their buttons.

    python tools/try_bot.py                      # the shipped articles (seeds/)
    python tools/try_bot.py --corpus DIR         # your own folder of articles
    printf 'How much bitcoin does El Salvador hold?\\n/compare holdings\\n' | python tools/try_bot.py

Needs the test extras (`pip install -e '.[test]'`): the fake server is a test helper. The
token is the fake server's own; nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.bot import bot_process  # noqa: E402  (the repository root is put on the path first)
from tests.support.fake_telegram import FakeBotAPI, SentMessage  # noqa: E402
from tests.support.telegram_html import parse_telegram_html  # noqa: E402

CHAT = 4242  # the one private chat typed into
FIRST_REPLY_S = 60.0  # the first reply waits for the index to be built
SETTLE_S = 1.0  # a reply is complete when nothing more came for this long


def shown(message: SentMessage) -> str:
    """A message as Telegram shows it: its text without tags, then its buttons' labels."""
    text = parse_telegram_html(message.text or "", strict=False)[0] if message.text else "[photo]"
    labels = "  ".join(f"[{b['text']}]" for b in message.buttons)
    return f"{text}\n{labels}" if labels else text


def replies(server: FakeBotAPI, before: int, timeout: float) -> list[SentMessage]:
    """The bot's messages after the first `before`, once it has stopped sending for SETTLE_S."""
    server.wait_for_messages(CHAT, before + 1, timeout=timeout)
    count = len(server.sent(CHAT))
    while True:
        time.sleep(SETTLE_S)
        now = len(server.sent(CHAT))
        if now == count:
            return server.sent(CHAT)[before:]
        count = now


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", type=Path, default=REPO / "seeds", help="folder of articles (default: seeds/)"
    )
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"error: corpus folder not found: {args.corpus}", file=sys.stderr)
        return 1
    server = FakeBotAPI().start()
    try:
        with tempfile.TemporaryDirectory() as work, bot_process(server, args.corpus.resolve(), Path(work)):
            interactive = sys.stdin.isatty()
            timeout = FIRST_REPLY_S
            while True:
                if interactive:
                    print("you> ", end="", flush=True)
                line = sys.stdin.readline()
                if not line:
                    return 0
                if not line.strip():
                    continue
                before = len(server.sent(CHAT))
                server.push_message(CHAT, line.strip())
                try:
                    for message in replies(server, before, timeout):
                        print(f"bot> {shown(message)}\n", flush=True)
                except TimeoutError:
                    print("error: the bot did not reply in time", file=sys.stderr)
                    return 1
                timeout = 30.0
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
