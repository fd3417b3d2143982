"""Example questions offered only when the service answers them directly (bot/suggestions.py)."""

from __future__ import annotations

from bot.answering.models import Answer
from bot.suggestions import answered, suggestions


def test_every_suggestion_is_answered_directly_and_none_repeats(service):
    offered = suggestions(service, 3)
    assert 1 <= len(offered) <= 3 and len(set(offered)) == len(offered)
    assert set(offered) <= set(service.examples(12))
    for question in offered:
        answer = service.ask(question)
        assert not answer.abstained
        assert answer.citations or (answer.comparison and any(s.covered for s in answer.comparison.sources))


def test_a_decline_or_an_answer_without_citations_is_not_direct(service):
    declined = service.ask("What is the capital of Mongolia?")
    assert declined.abstained and not answered(service, declined.question, declined)
    uncited = Answer(question="Who chairs the PCC?", answer="Someone.", abstained=False)
    assert not answered(service, uncited.question, uncited)
    assert answered(service, "Who chairs the PCC?", service.ask("Who chairs the PCC?"))
