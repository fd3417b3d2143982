"""The one service shared by the command line, the Telegram bot and the tests.

It owns a loaded index and answers: ask, more, compare, sources, source, search.
Handlers and commands only parse input, call it, render and reply.
"""

from __future__ import annotations

import logging
import re
from itertools import islice
from pathlib import Path

from bot.answering.answerer import Answerer
from bot.answering.compare import Comparer
from bot.answering.facts import extract_facts
from bot.answering.models import Answer, Comparison, SourceDetail, SourceInfo
from bot.answering.question import comparison_topic
from retrieval.documents import Skipped
from retrieval.index import Index
from retrieval.models import Hit
from retrieval.passages import sentences
from retrieval.store import Opened, Progress, open_index

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500  # longer questions are answered from their first part


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\bhttps?://\S+")
_UNSAFE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clip_question(text: str) -> str:
    """The question as answered: lone surrogates and control characters out (no reply could carry
    them), white space folded, cut at MAX_QUESTION_CHARS on a word boundary."""
    text = _UNSAFE.sub(" ", text[: MAX_QUESTION_CHARS * 4])
    text = _URL.sub(" ", _MD_LINK.sub(r"\1", text))  # '[the PCC](http://...)' asks about the PCC
    text = " ".join(text.split())
    if len(text) <= MAX_QUESTION_CHARS:
        return text
    cut = text[:MAX_QUESTION_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


class Service:
    def __init__(
        self, index: Index, skipped: list[Skipped] | None = None, opened: Opened | None = None
    ) -> None:
        self.index = index
        self.skipped = skipped or []
        self.opened = opened  # how the index was opened (loaded or built, engine, time)
        self._answerer = Answerer(index)
        self._comparer = Comparer(index)

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        engine: str = "auto",
        index_dir: Path | None = None,
        persist: bool = True,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> Service:
        """Open a corpus folder: load its persisted index when current, else build it (see
        `retrieval.store`). Raises CorpusError."""
        opened = open_index(
            folder, engine=engine, index_dir=index_dir, persist=persist, rebuild=rebuild, progress=progress
        )
        for s in opened.skipped:
            log.warning("%s", s)
        log.info("%s", opened.describe())
        return cls(opened.index, opened.skipped, opened)

    def ask(self, question: str) -> Answer:
        """A cited answer, a comparison when the question asks for one, or a clear decline."""
        question = clip_question(question)
        topic = comparison_topic(question)
        if topic is not None:
            comparison = self._comparer.compare(topic)
            return self._answerer.from_comparison(question, comparison)
        return self._answerer.answer(question)

    def more(self, question: str, page: int = 1) -> Answer:
        """The next evidence for a question, beyond what the answer quoted."""
        return self._answerer.more(clip_question(question), page)

    def compare(self, topic: str) -> Comparison:
        """What every source says on a topic: statements, agreements, differences, silences."""
        topic = clip_question(topic)
        return self._comparer.compare(comparison_topic(topic) or topic)

    def search(self, query: str, k: int = 10) -> list[Hit]:
        return self.index.search(clip_question(query), k)

    def sources(self) -> list[SourceInfo]:
        """Every article with its metadata and passage count."""
        return [self._info(sid) for sid in self.index.source_ids()]

    def source(self, source_id: str) -> SourceDetail | None:
        """One article: metadata, its opening sentences and the figures it states."""
        sid = self._resolve(source_id)
        if sid is None:
            return None
        passages = self.index.passages_of(sid)
        opening = [s.text for p in passages[:2] for s in sentences(p)][:2]
        figures, seen = [], set()
        for p in passages:
            for fact in extract_facts(p.text):
                if fact.kind == "quantity" and fact.key not in seen:
                    seen.add(fact.key)
                    figures.append(fact)
        return SourceDetail(**self._info(sid).model_dump(), opening=opening, figures=figures[:8])

    def examples(self, n: int = 3) -> list[str]:
        """Example questions for this corpus: the articles' own question headings, else their titles."""
        found = self.index.question_headings()  # collected when the index was built
        if len(found) < n:
            titles = (
                f"What do the sources say about {d.meta.title}?"
                for d in self.index.documents.values()
                if d.meta.title
            )
            found += list(islice(titles, n - len(found)))
        step = max(1, len(found) // n)
        return found[::step][:n]

    def _resolve(self, source_id: str) -> str | None:
        """A source id from an exact id, a unique prefix of one, or else a list number (1-based)."""
        ids = self.index.source_ids()
        key = source_id.strip()
        if key in ids:
            return key
        matches = [i for i in ids if i.startswith(key)] if key else []
        if len(matches) == 1:
            return matches[0]
        if re.fullmatch(r"\d{1,4}", key) and 1 <= int(key) <= len(ids):
            return ids[int(key) - 1]
        return None

    def _info(self, sid: str) -> SourceInfo:
        d = self.index.documents[sid]
        return SourceInfo(
            source_id=sid, path=d.path, passages=self.index.passage_count(sid), **d.meta.model_dump()
        )
