"""Example questions worth offering: candidates the service answers directly from the corpus.

Pure Python (no Telegram), run once at start-up and after a reload: offering a question
that the bot then declines, or answers from another article, teaches people nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answering.models import Answer

if TYPE_CHECKING:
    from bot.service import Service

CANDIDATES = 12  # candidate questions tried for each one offered (~10 ms each on a small corpus)


def suggestions(service: Service, n: int = 3) -> list[str]:
    """Up to `n` of `service.examples` whose answer is direct: not a decline, a comparison
    that covers at least one source, and, for a question that is an article's own heading,
    quoted from that article."""
    kept = []
    for question in service.examples(max(n, CANDIDATES)):
        if answered(service, question, service.ask(question)):
            kept.append(question)
        if len(kept) == n:
            break
    return kept


def answered(service: Service, question: str, answer: Answer) -> bool:
    """Whether `answer` answers `question` directly (see `suggestions`)."""
    if answer.abstained:
        return False
    if answer.comparison is not None:
        return any(s.covered for s in answer.comparison.sources)
    if not answer.citations:
        return False
    headed = {sid for sid, doc in service.index.documents.items() if question in doc.text}
    return not headed or any(c.source_id in headed for c in answer.citations)
