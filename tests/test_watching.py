"""The running bot watches its corpus folder: a change triggers a reload; questions asked while
the reload runs are answered from the old index, and once it is in, an added article is
answered and a removed one is gone. No test here times anything: the reload is held open
while questions are asked, and the tests wait for it, not for a number of seconds. How long a
reload takes is measured by `citebot bench` ("add s", "remove s")."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.service import Service
from bot.telegram_adapter.state import KEY, Deps
from bot.telegram_adapter.watching import watch_corpus
from tests.support.bot import APOLOGY, eventually, reply_to, running
from tests.support.corpora import SMALL_CORPUS, write_corpus

pytestmark = pytest.mark.usefixtures("clean_env")

LIBRARY = "How many books does the new Harbour Library hold?"
FERRY = "How many electric boats will the HTA run?"
LIBRARY_ARTICLE = """Harbour Library Opens Its Doors

The new Harbour Library opened on Tuesday with 85,000 books on four floors, the city council said.

Librarian Maya Chen said the reading rooms would stay open until ten in the evening on weekdays.
"""
HANG_GUARD = 60.0  # seconds: only a broken watcher takes this long; nothing asserts on time


class Reloads:
    """The bot's way to reopen its corpus, recording each reload. While `gate` is closed, reloads
    wait at their start (in the reload's thread, before reading the folder), so that questions
    can be asked while a reload is under way."""

    def __init__(self, open_again: Callable[[Service], Service], first: Service) -> None:
        self.open_again = open_again
        self.first = first
        self.started = 0
        self.waiting = 0  # reloads held at the gate
        self.opened: list[Service] = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self) -> Service:
        self.started += 1  # reloads run one at a time (reload_service's lock)
        self.waiting += 1
        if not self.gate.wait(HANG_GUARD):
            raise TimeoutError("a held reload was never released")
        self.waiting -= 1
        service = self.open_again(self.opened[-1] if self.opened else self.first)
        self.opened.append(service)
        return service

    async def hold(self, shared: Deps) -> int:
        """Close the gate and wait until no reload is past it, its service swapped in; then every
        reload that opens a service from here on reads the folder after the gate opens again.
        The number of services opened so far."""
        self.gate.clear()
        await eventually(
            lambda: (
                self.started == len(self.opened) + self.waiting
                and shared.service is (self.opened[-1] if self.opened else self.first)
            ),
            timeout=HANG_GUARD,
        )
        return len(self.opened)


async def watching(shared: Deps, reloads: Reloads, folder: Path) -> None:
    """Return once the watch is set up: an article touched until a reload swaps the service."""
    article = folder / next(iter(SMALL_CORPUS))
    text = article.read_text(encoding="utf-8")
    hidden = article.with_name(f".{article.name}.new")  # hidden: not a change of its own
    async with asyncio.timeout(HANG_GUARD):
        while not reloads.opened:
            hidden.write_text(text, encoding="utf-8")
            hidden.replace(article)  # the same text in one rename: a change, never a half-written file
            try:  # touched again until it is seen: the watch starts in its own thread
                await eventually(lambda: reloads.opened, timeout=0.1)
            except TimeoutError:
                continue


async def during_a_reload(
    server, shared: Deps, reloads: Reloads, change: Callable[[], object]
) -> tuple[list[str], Service]:
    """Make `change` to the folder; while a reload that will read it is held, ask both questions
    in several chats; then let it run and wait until it is in. The replies given meanwhile, and
    the first service swapped in that saw the change."""
    opened = await reloads.hold(shared)
    change()
    await eventually(lambda: reloads.waiting > 0, timeout=HANG_GUARD)
    replies = [(await reply_to(server, chat, q)).text for chat in (402, 403) for q in (LIBRARY, FERRY)]
    reloads.gate.set()
    await eventually(
        lambda: any(s is shared.service for s in reloads.opened[opened:]), timeout=HANG_GUARD
    )  # a reload that read the folder after the change is in
    return replies, shared.service


@pytest.mark.parametrize(
    ("engine", "in_place"), [("rank-bm25", False), ("tantivy", False), ("tantivy", True)]
)
async def test_folder_changes_are_answered_after_their_reload_and_questions_meanwhile_from_the_old_index(
    server, tmp_path, engine, in_place
):
    """`in_place`: each reload starts from the running service's index (`Service.reopen`, as
    `citebot run` does), else the corpus is opened afresh."""
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    first = Service.open(folder, engine=engine, index_dir=tmp_path / "idx")

    def open_again(latest: Service) -> Service:
        return (
            latest.reopen() if in_place else Service.open(folder, engine=engine, index_dir=tmp_path / "idx")
        )

    reloads = Reloads(open_again, first)
    stop = asyncio.Event()
    library = folder / "library.txt"
    async with running(server, first, reopen=reloads) as application:
        shared = application.bot_data[KEY]
        watcher = asyncio.create_task(watch_corpus(application, folder.resolve(), stop))
        await watching(shared, reloads, folder)
        before = (await reply_to(server, 401, LIBRARY)).text
        while_adding, _ = await during_a_reload(
            server, shared, reloads, lambda: library.write_text(LIBRARY_ARTICLE, encoding="utf-8")
        )
        added = (await reply_to(server, 404, LIBRARY)).text
        while_removing, after_removal = await during_a_reload(server, shared, reloads, library.unlink)
        removed = (await reply_to(server, 405, LIBRARY)).text
        stop.set()
        await watcher
    assert "85,000" not in before
    assert "85,000" in added and "Harbour Library" in added
    assert "85,000" in while_removing[0] and "85,000" in while_removing[2]  # the old index: still there
    assert "85,000" not in removed
    assert "85,000" not in while_adding[0] and "85,000" not in while_adding[2]  # the old index: not yet
    meanwhile = while_adding + while_removing
    assert not [r for r in meanwhile if r == APOLOGY or not r.strip()]
    assert all("twelve" in r for r in meanwhile[1::2]), meanwhile  # the ferry question kept its answer
    if engine == "tantivy":
        assert (tmp_path / "idx").exists()
    if in_place:  # the reload after the removal took it into the index the one before had updated
        update = after_removal.opened.update
        assert update is not None and update.removed == 1


def test_hidden_files_and_the_index_folder_are_not_changes(tmp_path):
    from bot.telegram_adapter.watching import visible_change

    keep = visible_change(tmp_path)
    assert keep(None, str(tmp_path / "a.txt")) and keep(None, str(tmp_path / "sub" / "b.md"))
    assert not keep(None, str(tmp_path / ".citebot-index" / "manifest.json"))
    assert not keep(None, str(tmp_path / ".a.txt.swp")) and not keep(None, str(Path("/elsewhere/x.txt")))
