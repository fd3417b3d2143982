"""Example questions worth offering: candidates the service answers directly from the corpus.

Pure Python (no Telegram), run once at start-up and after every reload (so it reads only the
articles its candidate answers cite, never the whole archive): offering a question
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
    if question not in service.index.question_headings():  # no article has it as its own heading
        return True
    # Only the cited articles are read: an archive's others stay on disk.
    return any(question in service.index.documents[c.source_id].text for c in answer.citations)
