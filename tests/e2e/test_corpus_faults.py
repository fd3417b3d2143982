"""Corpus faults while the bot runs: files that vanish or break, reloads that fail, reloads that swap.

The bot answers from the index it loaded; the folder is read again only on /reload (admins)
or SIGHUP. A reload that fails leaves the last good index answering, with one warning; a good
one swaps the whole service in one assignment, so each question gets the old or the new index.
"""

from __future__ import annotations

import logging
import shutil
import signal
import threading
from pathlib import Path

import pytest

from bot.render import render_answer
from bot.service import Service
from tests.support.bot import APOLOGY, bot_process, markers, press, reply_to, running, stop_bot
from tests.support.corpora import SMALL_CORPUS, open_service, write_corpus
from tests.support.logs import RUN_LOG_PROBLEM
from tests.support.telegram_html import parse_telegram_html

ADMIN = 700
QUESTION = "Who chairs the PCC?"
FERRY = "How many electric boats will the HTA run?"
LIBRARY = "How many books does the new Harbour Library hold?"
LIBRARY_ARTICLE = """Harbour Library Opens Its Doors

The new Harbour Library opened on Tuesday with 85,000 books on four floors, the city council said.

Librarian Maya Chen said the reading rooms would stay open until ten in the evening on weekdays.
"""

pytestmark = pytest.mark.usefixtures("clean_env")


def open_with(folder: Path, engine: str, *, persist: bool = True) -> Service:
    """The service over `folder` with an engine: 'memory' (rank-bm25, rebuilt at each start) or
    'tantivy' (persisted in `<folder>/.citebot-index`, as `citebot run` does for large corpora)."""
    if engine == "memory":
        return open_service(folder)
    return Service.open(folder, engine=engine, persist=persist)


ENGINES = ["memory", "tantivy"]


def plain(html: str) -> str:
    return parse_telegram_html(html)[0].strip()


def reload_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING and "reload" in r.getMessage()]


# ------------------------------------------------------------------------------ files that vanish or break


async def test_files_that_vanish_or_break_while_running_do_not_stop_answers(server, seeds_copy, caplog):
    service = open_service(seeds_copy)
    ids = [s.source_id for s in service.sources()]
    async with running(server, service, reopen=lambda: open_service(seeds_copy), admin_ids=[ADMIN]):
        before = await reply_to(server, 200, QUESTION)
        (seeds_copy / f"{ids[0]}.txt").unlink()  # gone
        (seeds_copy / f"{ids[1]}.txt").unlink()
        (seeds_copy / f"{ids[1]}.txt").mkdir()  # a folder where an article was
        (seeds_copy / f"{ids[2]}.txt").write_bytes(b"\x00\x01binary\x00" * 100)  # no longer text
        (seeds_copy / f"{ids[3]}.txt").write_bytes(b"")  # emptied
        (seeds_copy / "sources.toml").unlink()

        again = await reply_to(server, 210, QUESTION)
        assert again.text == before.text, "answers come from the loaded index"
        listing = await reply_to(server, 211, "/sources")
        assert listing.text.startswith("5 articles")
        gone = await reply_to(server, 212, f"/source {ids[0]}")
        assert ids[0] in gone.text
        quotes = await press(server, again, "Quotes")
        assert quotes.text and APOLOGY not in quotes.text

        reloaded = await reply_to(server, ADMIN, "/reload")  # what is left is still a corpus
        assert reloaded.text == "Reloaded: I now answer from 1 article."
        assert markers((await reply_to(server, 213, "How many megawatts will Pakistan allocate?")).text)
    skipped = sorted(r.getMessage() for r in caplog.records if r.getMessage().startswith("skipped"))
    assert skipped == [
        f"skipped {ids[2]}.txt: binary file (contains NUL bytes)",
        f"skipped {ids[3]}.txt: empty file",
    ]


async def test_the_whole_folder_deleted_with_its_persisted_index(server, seeds_copy):
    service = open_with(seeds_copy, "tantivy")
    async with running(server, service, reopen=lambda: open_with(seeds_copy, "tantivy"), admin_ids=[ADMIN]):
        before = await reply_to(server, 203, QUESTION)
        shutil.rmtree(seeds_copy)  # articles, sidecar and the index cache inside the folder
        again = await reply_to(server, 204, QUESTION)
        assert again.text == before.text
        for label in ("Quotes", "More"):
            assert APOLOGY not in (await press(server, again, label)).text
        assert (await reply_to(server, 205, f"/source {service.sources()[0].source_id}")).text
        assert markers((await reply_to(server, 206, "/compare bitcoin holdings")).text)
        failed = await reply_to(server, ADMIN, "/reload")
        assert failed.text.startswith("The reload failed")
        assert (await reply_to(server, 207, QUESTION)).text == before.text
    assert APOLOGY not in [m.text for chat in range(203, 208) for m in server.sent(chat)]


# ------------------------------------------------------------------------------ reloads that fail


def empty_the_folder(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()


def break_the_sidecar(folder: Path) -> None:
    (folder / "sources.toml").write_text('["000_725ceed84fbadf8a"\ntitle = "unclosed', encoding="utf-8")


def bad_sidecar_value(folder: Path) -> None:
    (folder / "sources.toml").write_text(
        '["000_725ceed84fbadf8a"]\npublished = "last Tuesday"\n', encoding="utf-8"
    )


def remove_the_folder(folder: Path) -> None:
    shutil.rmtree(folder)


def replace_with_a_file(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")


@pytest.mark.parametrize(
    "fault", [empty_the_folder, break_the_sidecar, bad_sidecar_value, remove_the_folder, replace_with_a_file]
)
async def test_a_reload_that_fails_keeps_the_last_good_index(server, seeds_copy, caplog, fault):
    service = open_service(seeds_copy)
    async with running(
        server, service, reopen=lambda: open_service(seeds_copy), admin_ids=[ADMIN]
    ) as application:
        before = await reply_to(server, 201, QUESTION)
        fault(seeds_copy)
        failed = await reply_to(server, ADMIN, "/reload")
        assert failed.text.startswith("The reload failed, so I keep answering from the articles I had.")
        assert application.bot_data["citebot"].service is service
        after = await reply_to(server, 202, QUESTION)
        assert after.text == before.text
        assert (await reply_to(server, 203, "/sources")).text.startswith("5 articles")
    [warning] = reload_warnings(caplog)
    assert warning.levelno == logging.WARNING and str(ADMIN) in warning.getMessage()


def test_sighup_reload_fails_then_succeeds_in_a_running_bot(server, seeds_copy, tmp_path):
    # Only SIGHUP reloads here: the folder is not watched. Each question goes to a chat of its
    # own, so that Telegram's pace of one message a second per chat does not hold it up.
    with bot_process(server, seeds_copy, tmp_path, CITEBOT_WATCH_CORPUS="false") as process:
        server.wait_for(lambda s: (s.commands and s.polling) or process.poll() is not None, timeout=60)
        server.push_message(202, QUESTION)
        [before] = server.wait_for_messages(202, 1, timeout=20)

        break_the_sidecar(seeds_copy)
        process.send_signal(signal.SIGHUP)
        server.push_message(203, QUESTION)
        [during] = server.wait_for_messages(203, 1, timeout=20)
        assert during.text == before.text

        (seeds_copy / "sources.toml").unlink()
        (seeds_copy / "library.txt").write_text(LIBRARY_ARTICLE, encoding="utf-8")
        process.send_signal(signal.SIGHUP)
        for chat in range(300, 1300):  # the reload runs in a worker thread; ask until the new article answers
            server.push_message(chat, LIBRARY)
            [reply] = server.wait_for_messages(chat, 1, timeout=20)
            if "85,000" in reply.text:
                break
        assert "85,000" in reply.text
        code, err = stop_bot(process)
    assert code == 0, err
    failures = [line for line in err.splitlines() if "reload on SIGHUP failed" in line]
    assert len(failures) == 1 and RUN_LOG_PROBLEM.match(failures[0]), err
    assert "corpus reloaded: 6 sources" in err


# ------------------------------------------------------------------------------ a good reload


@pytest.mark.parametrize("engine", ENGINES)
async def test_a_good_reload_swaps_atomically(server, tmp_path, caplog, engine):
    """The corpus gains an article; the reload rebuilds (for tantivy: replaces the cache the old
    service reads) while questions keep coming."""
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    old = open_with(folder, engine)
    new = open_with(
        write_corpus(tmp_path / "new", {**SMALL_CORPUS, "library.txt": LIBRARY_ARTICLE}),
        engine,
        persist=False,
    )
    release = threading.Event()

    def slow_reopen() -> Service:
        release.wait(20)  # the reload is in progress until the test lets it finish
        (folder / "library.txt").write_text(LIBRARY_ARTICLE, encoding="utf-8")
        return open_with(folder, engine)

    expected = {
        q: {plain(render_answer(old.ask(q), "html")), plain(render_answer(new.ask(q), "html"))}
        for q in (FERRY, LIBRARY)
    }
    assert "85,000" not in plain(render_answer(old.ask(LIBRARY), "html"))
    assert "85,000" in plain(render_answer(new.ask(LIBRARY), "html"))
    chats = range(300, 312)

    async with running(server, old, reopen=slow_reopen, admin_ids=[ADMIN]) as application:
        server.push_message(ADMIN, "/reload")
        await server.wait_for_async(
            lambda s: application.bot_data["citebot"].reloading.locked() or s.sent(ADMIN)
        )
        for chat in chats:  # asked while the reload runs: answered at once, from the old index
            server.push_message(chat, LIBRARY if chat % 2 else FERRY)
        during = [(await server.wait_for_messages_async(chat, 1, timeout=10))[0] for chat in chats]
        assert not server.sent(ADMIN), "the reload was still running"
        release.set()
        for chat in chats:  # asked as the swap happens
            server.push_message(chat, LIBRARY if chat % 2 else FERRY)
        [done] = await server.wait_for_messages_async(ADMIN, 1, timeout=20)
        racing = [(await server.wait_for_messages_async(chat, 2, timeout=10))[1] for chat in chats]
        after = await reply_to(server, 300, LIBRARY)
        swapped = application.bot_data["citebot"].service

    assert done.text == "Reloaded: I now answer from 4 articles."
    assert swapped is not old and len(swapped.sources()) == 4
    for chat, reply in zip(chats, during, strict=True):
        question = LIBRARY if chat % 2 else FERRY
        assert reply.text == plain(render_answer(old.ask(question), "html"))
    for chat, reply in zip(chats, racing, strict=True):
        assert reply.text in expected[LIBRARY if chat % 2 else FERRY], (
            "the old or the new index, never an error"
        )
    assert "85,000" in after.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("bot")]


async def test_reloads_run_one_at_a_time(server, tmp_path):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    active, most = [0], [0]
    lock = threading.Lock()

    def reopen() -> Service:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        threading.Event().wait(0.3)
        with lock:
            active[0] -= 1
        return open_service(folder)

    async with running(server, open_service(folder), reopen=reopen, admin_ids=[ADMIN, ADMIN + 1]):
        server.push_message(ADMIN, "/reload")
        server.push_message(ADMIN + 1, "/reload")
        await server.wait_for_async(lambda s: s.sent(ADMIN) and s.sent(ADMIN + 1), timeout=10)
    assert most[0] == 1
    assert all(m.text.startswith("Reloaded") for m in server.sent(ADMIN) + server.sent(ADMIN + 1))
