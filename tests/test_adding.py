"""Admins add pages from Telegram: /add URL or a bare link, over real HTTP to the fake Bot API
and a local server of saved pages; everyone else's link is a question."""

from __future__ import annotations

import json

import pytest

from bot.service import Service
from bot.telegram_adapter.adding import configure_adding
from retrieval.fetch import FetchLimits
from tests.support.bot import reply_to, running
from tests.support.corpora import REPO_ROOT, SMALL_CORPUS, write_corpus
from tests.support.pages_server import GAZETTE

pytestmark = pytest.mark.usefixtures("clean_env")

ADMIN, USER = 700, 701
EXPECTED = json.loads((REPO_ROOT / "tests" / "data" / "pages" / "expected.json").read_text(encoding="utf-8"))
FLOOD = "How many homes will the Wenlow flood scheme protect?"


@pytest.mark.parametrize("how", ["command", "link"])
async def test_an_admin_adds_a_page_and_it_answers(server, site, tmp_path, how):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)

    def reopen() -> Service:
        return Service.open(folder, engine="tantivy", index_dir=tmp_path / "idx")

    async with running(server, reopen(), reopen=reopen, admin_ids=[ADMIN]) as application:
        configure_adding(application, folder, FetchLimits(timeout=5, allow_private=True))
        assert "900 homes" not in (await reply_to(server, USER, FLOOD)).text
        url = f"{site}/pages/{GAZETTE}"
        added = await reply_to(server, ADMIN, f"/add {url}" if how == "command" else url)
        expected = EXPECTED[GAZETTE]
        assert added.text.startswith(
            f"Added {expected['outlet']} — {expected['title']} ({expected['date']}): "
        )
        assert f"What do the sources say about {expected['title']}?" in added.text
        assert "900 homes" in (await reply_to(server, USER, FLOOD)).text
    assert len(list(folder.glob("*.md"))) == 2  # wind.md and the page


async def test_adding_is_for_admins_and_failures_change_nothing(server, site, tmp_path):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)

    def reopen() -> Service:
        return Service.open(folder, engine="tantivy", index_dir=tmp_path / "idx")

    service = reopen()
    async with running(server, service, reopen=reopen, admin_ids=[ADMIN]) as application:
        configure_adding(application, folder, FetchLimits(timeout=5, allow_private=True))
        refused = await reply_to(server, USER, f"/add {site}/pages/{GAZETTE}")
        assert refused.text == "Only the bot's admins can use /add."
        asked = await reply_to(server, USER, f"{site}/pages/{GAZETTE}")  # a link from a user: a question
        assert not asked.text.startswith(("Added", "I could not add"))
        missing = await reply_to(server, ADMIN, f"/add {site}/nothing-here")
        assert missing.text == (
            f"I could not add that page, so the articles stay as they were.\n{site}/nothing-here answered HTTP 404 Not Found"
        )
        usage = await reply_to(server, ADMIN, "/add")
        assert usage.text.startswith("Send /add with the link of a web page")
        assert application.bot_data["citebot"].service is service
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(SMALL_CORPUS)


async def test_adding_to_a_bot_without_a_corpus_folder_says_so(server, service):
    async with running(server, service, admin_ids=[ADMIN]):
        reply = await reply_to(server, ADMIN, "/add https://example.org/news/a.html")
    assert reply.text == (
        "I could not add that page, so the articles stay as they were.\n"
        "this bot was started without a corpus folder to add to"
    )
    assert reply.entity_texts("code") == ["this bot was started without a corpus folder to add to"]
