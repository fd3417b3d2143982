"""The running bot watches its corpus folder: an added article is answered from within 5 s, a
removed one is gone as fast, and every question asked during the swaps gets a real answer."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.service import Service
from bot.telegram_adapter.state import KEY
from bot.telegram_adapter.watching import watch_corpus
from tests.support.bot import APOLOGY, running
from tests.support.corpora import SMALL_CORPUS, write_corpus
from tests.support.fake_telegram import FakeBotAPI

pytestmark = pytest.mark.usefixtures("clean_env")

LIBRARY = "How many books does the new Harbour Library hold?"
FERRY = "How many electric boats will the HTA run?"
LIBRARY_ARTICLE = """Harbour Library Opens Its Doors

The new Harbour Library opened on Tuesday with 85,000 books on four floors, the city council said.

Librarian Maya Chen said the reading rooms would stay open until ten in the evening on weekdays.
"""


async def _ask_until(server: FakeBotAPI, chats: list[int], done, limit: float) -> tuple[float, list[str]]:
    """Ask questions in turn in `chats` until a reply satisfies `done`; (seconds, every reply)."""
    started, replies, n = time.monotonic(), [], 0
    while time.monotonic() - started < limit:
        chat = chats[n % len(chats)]
        question = LIBRARY if n % 2 == 0 else FERRY
        before = len(server.sent(chat))
        server.push_message(chat, question)
        reply = (await server.wait_for_messages_async(chat, before + 1, timeout=10))[before].text
        replies.append(reply)
        if question == LIBRARY and done(reply):
            return time.monotonic() - started, replies
        n += 1
        await asyncio.sleep(0.05)
    return time.monotonic() - started, replies


async def watching(application, folder: Path) -> None:
    """Return once the watch is set up: an article touched until a reload swaps the service."""
    shared = application.bot_data[KEY]
    first, article = shared.service, folder / next(iter(SMALL_CORPUS))
    text = article.read_text(encoding="utf-8")
    for _ in range(200):
        if shared.service is not first:
            return
        article.write_text(text, encoding="utf-8")  # the same text: a change to the watch, not to answers
        await asyncio.sleep(0.05)
    raise TimeoutError("the corpus folder's changes were not noticed within 10 s")


@pytest.mark.parametrize(
    ("engine", "in_place"), [("rank-bm25", False), ("tantivy", False), ("tantivy", True)]
)
async def test_folder_changes_are_answered_within_seconds_without_a_failed_question(
    server, tmp_path, engine, in_place
):
    """`in_place`: each reload starts from the running service's index (`Service.reopen`, as
    `citebot run` does), else the corpus is opened afresh."""
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    latest = [Service.open(folder, engine=engine, index_dir=tmp_path / "idx")]

    def reopen() -> Service:
        latest[0] = (
            latest[0].reopen()
            if in_place
            else Service.open(folder, engine=engine, index_dir=tmp_path / "idx")
        )
        return latest[0]

    stop = asyncio.Event()
    async with running(server, latest[0], reopen=reopen) as application:
        watcher = asyncio.create_task(watch_corpus(application, folder.resolve(), stop))
        await watching(application, folder)
        first = (await _ask_until(server, [401], lambda r: True, 5))[1][0]
        assert "85,000" not in first
        (folder / "library.txt").write_text(LIBRARY_ARTICLE, encoding="utf-8")
        took_in, during_add = await _ask_until(server, [402, 403, 404], lambda r: "85,000" in r, 10)
        (folder / "library.txt").unlink()
        took_out, during_remove = await _ask_until(server, [405, 406], lambda r: "85,000" not in r, 10)
        stop.set()
        await watcher
    assert "85,000" in during_add[-1] and took_in < 5, during_add
    assert "85,000" not in during_remove[-1] and took_out < 5
    assert not [r for r in during_add + during_remove if r == APOLOGY or not r.strip()]
    assert any("12" in r or "twelve" in r for r in during_add)  # the ferry question kept its answer
    if engine == "tantivy":
        assert (tmp_path / "idx").exists()
    if in_place:  # the last reload took the removal into the index the one before had updated
        assert latest[0].opened.update is not None and latest[0].opened.update.removed == 1


def test_hidden_files_and_the_index_folder_are_not_changes(tmp_path):
    from bot.telegram_adapter.watching import visible_change

    keep = visible_change(tmp_path)
    assert keep(None, str(tmp_path / "a.txt")) and keep(None, str(tmp_path / "sub" / "b.md"))
    assert not keep(None, str(tmp_path / ".citebot-index" / "manifest.json"))
    assert not keep(None, str(tmp_path / ".a.txt.swp")) and not keep(None, str(Path("/elsewhere/x.txt")))
