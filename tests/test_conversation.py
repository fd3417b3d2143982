"""Follow-up resolution, small talk and language checks (bot/conversation.py, bot/smalltalk.py).

Wordings here are new (a tunnel, a port authority), not the issue's examples.
"""

from __future__ import annotations

import pytest

from bot.answering.models import Answer, Citation, Statement
from bot.conversation import MAX_REMEMBERED, TTL_SECONDS, Conversation, Shown, Turn, claim, resolve, subjects

TUNNEL = "How much will Norwick pay for the new tunnel?"
QUOTE = "Norwick will pay 80 million euros for the tunnel, the transport office said on Tuesday."


def turn(question: str = TUNNEL, statement: str | None = QUOTE) -> Turn:
    return Turn(question=question, subjects=subjects(question), statement=statement, at=0.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and Brackley?", "How much will Brackley pay for the new tunnel?"),
        ("What about the Port Authority?", "How much will the Port Authority pay for the new tunnel?"),
        ("Brackley?", "How much will Brackley pay for the new tunnel?"),
        ("why?", "Why will Norwick pay for the new tunnel?"),
        ("when?", "When will Norwick pay for the new tunnel?"),
        ("who said that?", "Who said “Norwick will pay 80 million euros for the tunnel”?"),
    ],
)
def test_follow_ups_are_made_whole(text, expected):
    resolution = resolve(text, turn())
    assert resolution.followup and resolution.question == expected


def test_a_bare_question_word_after_a_question_it_cannot_invert_asks_about_the_answer():
    previous = turn(
        "who opened the Brackley bridge?", "The Brackley bridge was opened by Mayor Ana Ruiz in 1998."
    )
    assert resolve("when?", previous).question == (
        "When did this happen: “The Brackley bridge was opened by Mayor Ana Ruiz in 1998”?"
    )
    assert resolve("why?", previous).question.startswith("Why did this happen: “The Brackley bridge")


@pytest.mark.parametrize(
    "text",
    ["How long is the tunnel under the river?", "tunnel safety?", "Who opened the bridge in Brackley?"],
)
def test_full_questions_are_asked_as_written(text):
    resolution = resolve(text, turn())
    assert not resolution.followup and resolution.question == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and the FAA?", "Who inspects the FAA?"),
        ("and NTSB?", "Who inspects the NTSB?"),
        ("what about Lower Saxony?", "Who inspects Lower Saxony?"),
        ("and Norwick's port?", "Who inspects Norwick's port?"),
    ],
)
def test_articles_before_a_new_subject(text, expected):
    assert resolve(text, turn("Who inspects the EASA?")).question == expected


def test_without_a_turn_nothing_is_resolved():
    assert resolve("and Brackley?", None).question == "and Brackley?"
    assert not resolve("and Brackley?", None).orphan, "it has words of its own to search"


@pytest.mark.parametrize("text", ["why?", "Who said that?", "when did it happen?", "how much?"])
def test_a_bare_follow_up_with_nothing_to_follow_is_an_orphan(text):
    resolution = resolve(text, None)
    assert resolution.orphan and not resolution.followup


def test_the_closest_passages_are_remembered_so_who_said_that_can_follow():
    closest = Citation(
        n=1, source_id="s", passage_id="s#p1", sentence_id="s#p1.s1", quote=QUOTE, start=0, end=len(QUOTE)
    )
    shown = Answer(question=TUNNEL, answer="", abstained=True, closest=[closest])
    conversation = Conversation()
    assert conversation.remember(shown, now=1.0) is not None
    assert conversation.resolve("who said that?", now=2.0).followup


def _answer(question: str, abstained: bool = False) -> Answer:
    statements = [] if abstained else [Statement(quote=QUOTE, citations=[1])]
    return Answer(question=question, answer="", abstained=abstained, statements=statements)


def test_a_decline_keeps_the_last_good_turn_and_old_turns_are_forgotten():
    conversation = Conversation()
    conversation.remember(_answer(TUNNEL), now=100.0)
    conversation.remember(_answer("Who painted the tunnel?", abstained=True), now=110.0)
    assert conversation.last is not None and conversation.last.question == TUNNEL
    assert conversation.resolve("and Brackley?", now=120.0).followup
    assert not conversation.resolve("and Brackley?", now=100.0 + TTL_SECONDS + 1).followup


def test_a_reply_follows_up_on_the_answer_it_replies_to():
    conversation, shown = Conversation(), Shown()
    first = conversation.remember(_answer(TUNNEL), now=1.0)
    assert first is not None
    shown.link(77, first)
    conversation.remember(_answer("When does the Brackley museum open?"), now=2.0)
    assert conversation.resolve("and Stanmore?", about=shown.get(77), now=3.0).question == (
        "How much will Stanmore pay for the new tunnel?"
    )
    assert shown.get(78) is None and shown.get(None) is None


def test_a_chat_keeps_few_recent_answers():
    shown = Shown()
    for ref in range(MAX_REMEMBERED + 5):
        shown.link(ref, turn().model_copy(update={"at": float(ref)}))
    assert len(shown.turns) == MAX_REMEMBERED and shown.get(0) is None
    shown.link(999, turn().model_copy(update={"at": 100.0 + TTL_SECONDS}))
    assert list(shown.turns) == [999], "answers older than the memory's lifetime are forgotten"


@pytest.mark.parametrize(
    ("statement", "claimed"),
    [
        (
            '"Fares stay frozen until 2028," the harbour master said on Monday.',
            "Fares stay frozen until 2028",
        ),
        ("According to the port's own survey, queues have halved since May.", "queues have halved since May"),
        ("The tunnel opens in 2030, said chief engineer Dana Whitlow.", "The tunnel opens in 2030"),
        ("The tunnel opens in 2030.", "The tunnel opens in 2030"),
    ],
)
def test_who_said_that_asks_about_the_claim_without_its_speaker(statement, claimed):
    assert claim(statement) == claimed
    asked = resolve("who said that?", turn(statement=statement)).question
    assert asked == f"Who said “{claimed}”?"


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        ("when did it open?", "and the footbridge?", "when did the footbridge open?"),
        (
            "how many passengers did the ferry carry?",
            "and in 2019?",
            "how many passengers did the ferry carry (in 2019)?",
        ),
    ],
)
def test_a_follow_up_on_a_question_without_a_name_takes_its_pronoun_or_adds_a_time(previous, text, expected):
    assert resolve(text, turn(previous)).question == expected


def test_a_new_subject_after_a_question_about_a_quote_is_a_question_of_its_own():
    previous = turn("Who said “Norwick will pay 80 million euros for the tunnel”?")
    resolution = resolve("and Brackley?", previous)
    assert not resolution.followup and resolution.question == "and Brackley?"
