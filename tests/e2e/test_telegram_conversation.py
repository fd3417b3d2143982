"""End-to-end over HTTP against the fake Bot API: the bot as a conversation (issue 9).

Follow-ups, replies that show what they answer, small talk and other languages, the rate
limit's notice, More running out, buttons after a restart, a blocked user, captions. The
corpus is invented here (two towns' ferry budgets, a school wing), so nothing depends on
the shipped articles.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import urllib.request

import pytest

from bot.suggestions import suggestions
from bot.telegram_adapter.access import RateLimit
from bot.telegram_adapter.state import KEY
from tests.support.bot import markers, press, reply_to, running
from tests.support.corpora import open_service, write_corpus
from tests.support.fake_telegram import FakeBotAPI

BOT = "citebot_test_bot"
GROUP = -1009876543210
FERRIES = """Riverton and Lakeside Set Budgets for Ferry Service

Riverton Daily — 12 March 2026

The city of Riverton will spend $4.2 million on its harbor ferry service next year, the council announced on Monday.

"We cannot let the ferries rust while commuters wait," said Mayor Elena Vasquez at the council meeting.

The council approved the budget by seven votes to two after a long debate about fares.

Lakeside, across the bay, will spend $1.9 million on its own ferry service, according to its finance office.

Lakeside's ferry fares will rise by 10 percent in June because fuel costs have doubled since 2024.
"""
SCHOOLS = """Riverton Schools Open New Science Wing

Valley Courier — 14 March 2026

Riverton's school board opened a new science wing at Northside High on Friday.

The wing cost $12 million and took two years to build, said board chair Marcus Oyelaran.

About 900 students will use the laboratories each week.
"""
SPEND = "How much will Riverton spend on its ferry service?"

pytestmark = pytest.mark.usefixtures("clean_env", "no_bad_requests")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("towns"), {"ferries.txt": FERRIES, "schools.txt": SCHOOLS})
    return open_service(folder)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def first_statement(text: str) -> str:
    """The answer's first quoted statement (after a 'Taking this as' line, if any)."""
    paragraphs = [p for p in plain(text).split("\n\n") if not p.startswith("Taking this as:")]
    return paragraphs[0]


async def test_a_conversation_with_follow_ups(server, running_bot):
    chat = 301
    hello = await reply_to(server, chat, "hi!")
    assert hello.text.startswith("Hello!") and "Sources" not in hello.text and len(hello.text) < 200
    orphan = await reply_to(server, chat, "who said that?")
    assert orphan.text.startswith('I don\'t know yet what "who said that?" refers to')

    question = server.push_message(chat, SPEND)
    answer = (await server.wait_for_messages_async(chat, 3))[2]
    assert answer.reply_to_message_id == question["message_id"], "an answer replies to its question"
    assert "$4.2 million" in first_statement(answer.text) and markers(answer.text)

    lakeside = await reply_to(server, chat, "and Lakeside?")
    assert plain(lakeside.text).startswith(
        "Taking this as: How much will Lakeside spend on its ferry service?"
    )
    assert "Lakeside" in first_statement(lakeside.text) and "$1.9 million" in first_statement(lakeside.text)
    assert markers(first_statement(lakeside.text)), "the follow-up is answered with a citation"

    said = await reply_to(server, chat, "What did the mayor say about the ferries?")
    assert "We cannot let the ferries rust" in first_statement(said.text)
    speaker = await reply_to(server, chat, "who said that?")
    assert plain(speaker.text).startswith("Taking this as: Who said “")
    assert "Mayor Elena Vasquez" in first_statement(speaker.text)

    spanish = await reply_to(server, chat, "¿Cuánto gastará Lakeside en el servicio de ferry?")
    assert spanish.text.startswith("The articles are in English") and "Sources" not in spanish.text
    thanks = await reply_to(server, chat, "thanks a lot!")
    assert thanks.text.startswith("You're welcome")

    fresh = await reply_to(server, chat, "/new")
    assert fresh.text.startswith("Starting afresh")
    after = await reply_to(server, chat, "and Lakeside?")
    assert not after.text.startswith("Taking this as"), "/new forgets the conversation"


async def test_a_reply_to_an_earlier_answer_follows_up_on_that_answer(server, running_bot):
    chat = 302
    spend = await reply_to(server, chat, SPEND)
    await reply_to(server, chat, "How much did the science wing cost?")
    followup = await reply_to(server, chat, "what about Lakeside?", reply_to_message_id=spend.message_id)
    assert plain(followup.text).startswith(
        "Taking this as: How much will Lakeside spend on its ferry service?"
    )


async def test_more_ends_with_no_further_evidence_and_no_button(server, running_bot):
    message = await reply_to(server, 303, SPEND)
    pages = []
    for _ in range(10):
        message = await press(server, message, "More")
        pages.append(message)
        assert plain(message.text).startswith(f"Question: {SPEND}"), "a button's reply shows the question"
        if not message.buttons:
            break
    assert pages[-1].text == f"Question: {SPEND}\n\nNo further evidence in the articles."
    assert len(pages) >= 2 and markers(pages[0].text)


async def test_start_offers_only_questions_the_corpus_answers(server, running_bot, service):
    welcome = await reply_to(server, 304, "/start")
    offered = [b["text"] for b in welcome.buttons]
    expected = suggestions(service, 3)
    assert offered and len(offered) == len(expected)
    assert all(q.startswith(label.rstrip("…")) for label, q in zip(offered, expected, strict=True))
    for label in offered:
        answer = await press(server, welcome, label)
        assert answer.text.startswith("Question:") and markers(answer.text)


async def test_rate_limit_counts_searches_notifies_once_then_answers(server, running_bot):
    now = [1000.0]
    running_bot.bot_data[KEY].questions = RateLimit(2, clock=lambda: now[0])
    chat = 305
    assert markers((await reply_to(server, chat, SPEND)).text)
    await reply_to(server, chat, "/sources")  # no search: not counted
    await reply_to(server, chat, "hello")  # small talk: not counted
    assert markers((await reply_to(server, chat, "and Lakeside?")).text)
    notice = await reply_to(server, chat, "How much did the science wing cost?")
    assert notice.text.startswith("You are asking faster than I can answer: up to 2 questions a minute.")
    assert "You can ask again in 60 seconds" in notice.text
    now[0] += 60
    answer = await reply_to(server, chat, "What did the mayor say about the ferries?")
    assert "We cannot let the ferries rust" in plain(answer.text)


async def test_buttons_and_the_conversation_survive_a_restart(server, service, tmp_path):
    async with running(server, service, state_dir=tmp_path):
        answer = await reply_to(server, 306, SPEND)
    async with running(server, service, state_dir=tmp_path):
        more = await press(server, answer, "More")
        assert "expired" not in more.text and markers(more.text)
        followup = await reply_to(server, 306, "and Lakeside?")
        assert plain(followup.text).startswith("Taking this as: How much will Lakeside spend")
    assert (tmp_path / "telegram.pickle").exists()


async def test_a_blocked_user_is_one_warning_and_no_reply(server, running_bot, caplog):
    server.fail_next("sendMessage", status=403)
    server.push_message(307, SPEND)
    await server.wait_for_async(lambda s: any(c.status == 403 for c in s.calls("sendMessage")))
    help_text = await reply_to(server, 308, "/help")  # handled after the failed update
    assert help_text.text.startswith("How to ask")
    assert server.sent(307) == [], "no apology to a chat that blocked the bot"
    refused = [r for r in caplog.records if "refused the reply" in r.getMessage()]
    assert len(refused) == 1 and refused[0].levelno == logging.WARNING
    assert "bot was blocked by the user" in refused[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_captions_addressed_to_the_bot_are_read_as_questions(server, running_bot):
    server.push_photo(GROUP, caption=f"@{BOT} {SPEND}", user_id=601)
    [answer] = await server.wait_for_messages_async(GROUP, 1)
    assert "$4.2 million" in plain(answer.text)
    server.push_photo(GROUP, caption="nice view of the harbor", user_id=601)  # not for the bot
    server.push_document(309, caption="How much did the science wing cost?")
    [private] = await server.wait_for_messages_async(309, 1)
    assert "$12 million" in plain(private.text)
    assert len(server.sent(GROUP)) == 1


class Gated:
    """The real service, except that asking SPEND waits until the test opens the gate."""

    def __init__(self, real: object) -> None:
        self._real = real
        self.gate = threading.Event()

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def ask(self, question: str) -> object:
        if question == SPEND and not self.gate.wait(60):
            raise TimeoutError("the test never opened the gate")
        return self._real.ask(question)


def _delete(server: FakeBotAPI, chat_id: int, message_id: int) -> None:
    """The user deletes their message (the fake's deleteMessage, over HTTP)."""
    body = json.dumps({"chat_id": chat_id, "message_id": message_id}).encode()
    request = urllib.request.Request(
        f"{server.base_url}{server.token}/deleteMessage",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["ok"]


async def test_an_answer_is_sent_even_if_its_question_was_deleted(server, service):
    gated = Gated(service)
    async with running(server, gated):
        question = server.push_message(310, SPEND)
        await server.wait_for_async(lambda s: (310, "typing") in s.chat_actions)  # the bot is answering
        await asyncio.to_thread(_delete, server, 310, question["message_id"])
        gated.gate.set()
        [answer] = await server.wait_for_messages_async(310, 1)
    assert "$4.2 million" in plain(answer.text) and answer.reply_to_message_id is None


async def test_an_inline_answer_shows_its_question(server, running_bot):
    server.push_inline_query(311, SPEND)
    [answered] = await server.wait_for_async(lambda s: s.inline_answers)
    for result in answered["results"]:
        assert result["input_message_content"]["message_text"].startswith(f"<b>Question:</b> {SPEND}")


async def test_in_a_group_each_member_has_their_own_conversation(server, running_bot):
    first = await reply_to(server, GROUP, f"@{BOT} {SPEND}", user_id=701)
    other = await reply_to(server, GROUP, f"@{BOT} and Lakeside?", user_id=702)
    assert not other.text.startswith("Taking this as"), "another member's question is not theirs to follow"
    replying = await reply_to(
        server, GROUP, "and Lakeside?", user_id=702, reply_to_message_id=first.message_id
    )
    assert plain(replying.text).startswith("Taking this as: How much will Lakeside spend"), (
        "a reply to an answer follows up on that answer, whoever asked it"
    )
    same = await reply_to(server, GROUP, f"@{BOT} and Lakeside?", user_id=701)
    assert plain(same.text).startswith("Taking this as: How much will Lakeside spend on its ferry service?")
