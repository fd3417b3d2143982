"""The one service shared by the command line, the Telegram bot and the tests.

It owns a loaded index and answers: ask, more, compare, sources, source, search.
Handlers and commands only parse input, call it, render and reply.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bot.answering.answerer import Answerer
from bot.answering.compare import Comparer
from bot.answering.facts import extract_facts
from bot.answering.models import Answer, Comparison, SourceDetail, SourceInfo
from bot.answering.question import comparison_topic
from bot.render import render_template
from retrieval.documents import Skipped
from retrieval.generation import Progress
from retrieval.index import Index
from retrieval.models import Hit
from retrieval.passages import sentences
from retrieval.store import Opened, open_index

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


@dataclass(frozen=True)
class OpenedWith:
    """What `Service.open` was asked to open, kept for `Service.reopen`."""

    folder: Path
    engine: str
    index_dir: Path | None
    persist: bool

    def open(
        self, *, rebuild: bool = False, progress: Progress | None = None, previous: Index | None = None
    ) -> Opened:
        return open_index(
            self.folder,
            engine=self.engine,
            index_dir=self.index_dir,
            persist=self.persist,
            rebuild=rebuild,
            progress=progress,
            previous=previous,
        )


class Service:
    def __init__(
        self, index: Index, skipped: list[Skipped] | None = None, opened: Opened | None = None
    ) -> None:
        self.index = index
        self.skipped = skipped or []
        self.opened = opened  # how the index was opened (loaded or built, engine, time)
        self._answerer = Answerer(index)
        self._comparer = Comparer(index)
        self._opened_with: OpenedWith | None = None  # how Service.open opened it, for `reopen`

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
        how = OpenedWith(folder, engine, index_dir, persist)
        return cls._opened(how.open(rebuild=rebuild, progress=progress), how)

    def reopen(self) -> Service:
        """The corpus opened again, as /reload, SIGHUP and the folder watcher do: a persisted
        index takes the changed files in (`retrieval.update`) starting from this service's index
        rather than reading it back, and is this very index when nothing changed. This service
        keeps answering meanwhile. Raises CorpusError; RuntimeError when it was not opened by
        `Service.open`."""
        if self._opened_with is None:
            raise RuntimeError("only a service made by Service.open can be reopened")
        return self._opened(self._opened_with.open(previous=self.index), self._opened_with)

    @classmethod
    def _opened(cls, opened: Opened, how: OpenedWith) -> Service:
        for s in opened.skipped:
            log.warning("%s", s)
        log.info("%s", opened.describe())
        service = cls(opened.index, opened.skipped, opened)
        service._opened_with = how
        return service

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
        """One article: metadata, its opening sentences and the figures it states; None unless
        `source_id` names exactly one source (see `source_candidates`)."""
        found = self.source_candidates(source_id)
        if len(found) != 1:
            return None
        sid = found[0].source_id
        passages = self.index.passages_of(sid)
        opening = [s.text for p in passages[:2] for s in sentences(p)][:2]
        figures, seen = [], set()
        for p in passages:
            for fact in extract_facts(p.text):
                if (
                    fact.kind == "quantity" and fact.measure != "number" and fact.key not in seen
                ):  # not '10' of 10 p.m.
                    seen.add(fact.key)
                    figures.append(fact)
        return SourceDetail(**self._info(sid).model_dump(), opening=opening, figures=figures[:8])

    def examples(self, n: int = 3) -> list[str]:
        """Example questions for this corpus: the articles' own question headings, else their titles."""
        found = self.index.question_headings()  # collected when the index was built
        if len(found) < n:
            titles = (
                render_template("example_question.txt", title=d.meta.title)
                for d in self.index.documents.values()
                if d.meta.title
            )
            found += list(islice(titles, n - len(found)))
        step = max(1, len(found) // n)
        return found[::step][:n]

    def source_candidates(self, key: str) -> list[SourceInfo]:
        """The sources `key` may mean, by the first rule that finds any: the exact id, the ids it
        begins, its number in `sources()` (1-based), then by outlet, in any case and spacing: the
        sources whose outlet it is, else whose outlet it begins, else whose outlet holds it.
        One: that source; several: `key` is ambiguous; none: there is no such source."""
        ids = self.index.source_ids()
        key = key.strip()
        if not key:
            return []
        if key in ids:
            found = [key]
        else:
            found = [i for i in ids if i.startswith(key)]
        if not found and re.fullmatch(r"\d{1,4}", key) and 1 <= int(key) <= len(ids):
            found = [ids[int(key) - 1]]
        if not found:
            found = _by_outlet(key, ids, self.index.documents.outlets())  # one column read
        return [self._info(sid) for sid in found]

    def _info(self, sid: str) -> SourceInfo:
        d = self.index.documents[sid]
        return SourceInfo(
            source_id=sid, path=d.path, passages=self.index.passage_count(sid), **d.meta.model_dump()
        )


def _by_outlet(key: str, ids: list[str], outlets: dict[str, str | None]) -> list[str]:
    """The ids whose outlet is `key`, else begins with it, else holds it (case and spacing folded)."""
    wanted = " ".join(key.split()).casefold()
    folded = {i: " ".join((outlets[i] or "").split()).casefold() for i in ids}
    for matches in (str.__eq__, str.startswith, str.__contains__):
        found = [i for i in ids if folded[i] and matches(folded[i], wanted)]
        if found:
            return found
    return []
