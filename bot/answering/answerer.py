"""The answerer: a cited answer made only of verbatim sentences, the closest passages shown as
such, or an explicit decline.

Decisions, in order (each tested):
1. A question with no content words, or naming something the corpus never mentions
   (a capitalised or all-caps word that no article contains, after typo correction), is declined.
2. Every sentence of the top passages is scored by the fitted ranker (`features.Ranker`, weights
   fitted by tools/fit_answerer.py): the probability that it answers the question. Only a
   sentence that holds the kind of answer asked for and names no other time than the question
   (`Candidate.eligible`) can answer; with none, the closest passages are shown.
3. Three tiers on the fitted answerability of the best eligible sentence: from the answer
   threshold up, an answer; from the closest threshold up, an abstention that shows the closest
   passages, labelled as perhaps not answering; below, a decline.
Then one or two sentences are quoted; the same statement from several sources is shown once with
all citations only when its figures, names and dates are the same, and differing values across
sources (amounts, dates) are shown side by side.
"""

from __future__ import annotations

import re
from itertools import islice

from rapidfuzz import fuzz

from bot.answering.asked import wanted_kinds
from bot.answering.constraints import asked_speaker
from bot.answering.evidence import PRONOUN_LEAD, TOP_PASSAGES, Candidate, cite, gather
from bot.answering.facts import TITLE_ABBREVIATIONS, TITLE_WORDS, dates, entities, quantities
from bot.answering.features import Ranker, default_ranker, numbers_in
from bot.answering.measures import align, on_scale
from bot.answering.models import Answer, AnswerType, Citation, Comparison, Difference, Fact, Statement
from bot.answering.outlets import Outlets
from bot.answering.peers import between_others, question_names
from bot.answering.pieced import unwritten_names
from bot.answering.question import FRAME_WORDS, answer_type, question_parts, role_phrase
from bot.answering.slots import Slot, new_words, question_slots
from bot.render import render_template
from bot.smalltalk import foreign_language
from retrieval.analyzer import STOPWORDS, Query, raw_tokens
from retrieval.index import Index
from retrieval.models import Sentence
from retrieval.passages import sentences
from retrieval.textnorm import fold

MAX_STATEMENTS = 2
_TITLES = TITLE_WORDS | frozenset(TITLE_ABBREVIATIONS.values())  # TITLE_WORDS holds PERSON_TITLES
CLOSEST = 2  # passages shown when the articles do not answer directly
SAME_STATEMENT = 88  # rapidfuzz token_set_ratio at which two quotes are one statement
MORE_PAGE = 3


class Answerer:
    def __init__(self, index: Index, ranker: Ranker | None = None) -> None:
        self.index = index
        self._ranker = ranker
        self._outlets: Outlets | None = None

    @property
    def ranker(self) -> Ranker:
        """The given ranker, else the committed weights (read on first use, so that
        tools/fit_answerer.py can open corpora while weights.json is being replaced)."""
        return self._ranker or default_ranker()

    @property
    def outlets(self) -> Outlets:
        """The corpus's outlets, read once (an updated corpus is a new index and a new answerer)."""
        if self._outlets is None:
            self._outlets = Outlets(self.index.documents.outlets())
        return self._outlets

    # -- public ----------------------------------------------------------------------------

    def answer(self, question: str) -> Answer:
        """A question that asks two things is answered part by part when both parts are answered
        (question.question_parts); otherwise as one question. A question naming outlets ('what
        does the Herald say about ...') is answered from their articles only (outlets.Outlets)."""
        named, rest = self.outlets.named(question)
        if named:
            return self._from_sources(rest, named).model_copy(update={"question": question})
        parts = question_parts(question)
        if len(parts) == 2:
            first = self._respond(parts[0], *self._analyze(parts[0]), None)
            second = None if first.abstained else self._respond(parts[1], *self._analyze(parts[1]), None)
            if second is not None and not second.abstained:
                return _joined(question, first, second)
        kind, query, slots = self._analyze(question)
        return self._respond(question, kind, query, slots, None)

    def more(self, question: str, page: int = 1) -> Answer:
        """Page `page` (1-based) of the evidence the answer did not quote."""
        kind, query, slots = self._analyze(question)
        if not slots:
            return self._decline(question, kind, render_template("reason_no_words.txt"), [])
        gathered = gather(self.index, query, kind, slots, ranker=self.ranker)
        first = self._respond(question, kind, query, slots, gathered)  # the answer, from the same evidence
        used = {c.sentence_id for c in first.citations}
        used |= {c.sentence_id for c in first.closest}
        rest = [c for c in gathered if c.coverage > 0 and c.sentence.id not in used]
        chunk = rest[(page - 1) * MORE_PAGE : page * MORE_PAGE]
        if not chunk:
            return Answer(
                question=question,
                answer=render_template("no_more_evidence.txt"),
                abstained=False,
                answer_type=kind,
                reason="no more evidence",
            )
        citations = [cite(self.index, c, n) for n, c in enumerate(chunk, start=1)]
        statements = [Statement(quote=c.quote, citations=[c.n]) for c in citations]
        return Answer(
            question=question,
            answer=answer_field(statements=statements),
            abstained=False,
            answer_type=kind,
            statements=statements,
            citations=citations,
            evidence=[c.evidence() for c in chunk],
        )

    def _from_sources(self, question: str, source_ids: list[str]) -> Answer:
        """`question` answered from the passages of these sources only."""
        kind, query, slots = self._analyze(question)
        found = [h for sid in source_ids for h in self.index.search_in(sid, query, TOP_PASSAGES)]
        found.sort(key=lambda h: -h.score)
        hits = [h.model_copy(update={"rank": n}) for n, h in enumerate(found[:TOP_PASSAGES])]
        gathered = gather(self.index, query, kind, slots, hits, ranker=self.ranker) if hits else []
        return self._respond(question, kind, query, slots, gathered)

    def _analyze(self, question: str) -> tuple[AnswerType, Query, list[Slot]]:
        query = self.index.query(question)
        return answer_type(question), query, question_slots(self.index, query)

    def _respond(
        self,
        question: str,
        kind: AnswerType,
        query: Query,
        slots: list[Slot],
        gathered: list[Candidate] | None,
    ) -> Answer:
        """The decisions in the module docstring, then the answer; `gathered` is the evidence when
        the caller has it already."""
        if not slots:
            return self._decline(question, kind, render_template("reason_no_words.txt"), [])
        # a capitalised title is no name ('Councillor Tarrant' where the articles write 'Cllr Tarrant')
        missing = [s.surface for s in slots if not s.known and s.proper and s.surface.lower() not in _TITLES]
        if missing:
            if foreign_language(question):  # '¿Cuántos bitcoins tiene El Salvador?': no name is missing
                reason = render_template("foreign_language.txt", example=None)
                return self._decline(question, kind, reason, [])
            names = ", ".join(dict.fromkeys(w for w in _original_words(question, missing)))
            return self._decline(question, kind, render_template("reason_not_mentioned.txt", names=names), [])
        candidates = (
            gathered if gathered is not None else gather(self.index, query, kind, slots, ranker=self.ranker)
        )
        if not candidates:
            return self._decline(question, kind, render_template("reason_no_passage.txt"), [])
        candidates = eligible_first(candidates)
        if not candidates[0].eligible:
            if (who := asked_speaker(question)) and not _speaks_anywhere(self.index, who, candidates):
                # 'what did the World Bank say': no passage read names the World Bank
                names = render_template("reason_not_mentioned.txt", names=who)
                return self._decline(question, kind, names, candidates)
            return self._closest(question, kind, candidates)
        second = candidates[1].score if len(candidates) > 1 and candidates[1].eligible else 0.0
        best = self.ranker.answerability(candidates[0].features, candidates[0].score, second)
        threshold = self.ranker.answer_threshold
        if kind == "person" and role_phrase(question) and candidates[0].type_match:
            threshold = self.ranker.closest_threshold
        if best >= threshold:
            hits = list({c.hit.passage.id: c.hit for c in candidates}.values())
            if unwritten := unwritten_names(self.index, query, hits):
                # 'When was the Morning Gull launched?' where the articles have the Morning Star and
                # the Evening Gull: no sentence is about it, however close
                reason = render_template("reason_name_not_written.txt", names=", ".join(unwritten))
                return self._closest(question, kind, candidates, reason=reason)
            return self._compose(question, kind, slots, candidates)
        if best >= self.ranker.closest_threshold:
            return self._closest(question, kind, candidates)
        return self._decline(question, kind, render_template("reason_no_sentence.txt"), candidates)

    def from_comparison(self, question: str, comparison: Comparison) -> Answer:
        """An answer that is a comparison of sources (the question asked for one)."""
        covered = any(v.covered for v in comparison.sources)
        return Answer(
            question=question,
            answer=answer_field(comparison=comparison),
            abstained=not covered,
            answer_type="other",
            citations=comparison.citations,
            comparison=comparison,
            reason=None if covered else "no source covers the topic",
        )

    # -- composing ---------------------------------------------------------------------------

    def _compose(
        self, question: str, kind: AnswerType, slots: list[Slot], candidates: list[Candidate]
    ) -> Answer:
        floor = self.ranker.support_threshold
        usable = [c for c in candidates if c.eligible and (c.score >= floor or c is candidates[0])]
        best = usable[0]
        chosen: list[list[Candidate]] = [[best]]  # each inner list: one statement, its sources
        quoted = [whole(self.index, best)]  # the span quoted for each statement
        for c in usable[1:]:
            same = next((group for group in chosen if same_statement(group[0], c)), None)
            if same is not None:
                if c.source_id not in {g.source_id for g in same}:
                    same.append(c)
            elif len(chosen) < MAX_STATEMENTS:
                span = whole(self.index, c)
                # A second sentence may come from the same passage. When its span overlaps a quoted
                # one (a pronoun-led sentence quoted with the sentence before it), the two become
                # one contiguous quote instead of repeating words.
                at = next(
                    (
                        i
                        for i, (g, q) in enumerate(zip(chosen, quoted, strict=True))
                        if g[0].source_id == c.source_id and span.start < q.end and q.start < span.end
                    ),
                    None,
                )
                if at is None:
                    chosen.append([c])
                    quoted.append(span)
                elif span.end > quoted[at].end or span.start < quoted[at].start:
                    quoted[at] = _union(self.index, chosen[at][0], quoted[at], span)
        # Same statements from sources beyond the threshold still get their citations.
        for c in candidates:
            for group in chosen:
                if (
                    c is not group[0]
                    and same_statement(group[0], c)
                    and c.source_id not in {g.source_id for g in group}
                ):
                    group.append(c)
        citations: list[Citation] = []
        statements: list[Statement] = []
        for group, span0 in zip(chosen, quoted, strict=True):
            spans = [span0] + [whole(self.index, c) for c in group[1:]]
            for c, span in zip(group, spans, strict=True):
                citations.append(cite(self.index, c, len(citations) + 1, span))
            statements.append(
                Statement(quote=spans[0].text, citations=[c.n for c in citations[-len(group) :]])
            )
        disagreement = self._disagreement(question, kind, slots, usable[0], candidates, citations)
        text = answer_field(statements=statements, disagreement=disagreement)
        return Answer(
            question=question,
            answer=text,
            abstained=False,
            answer_type=kind,
            statements=statements,
            citations=citations,
            disagreement=disagreement,
            evidence=[c.evidence() for c in candidates[:10]],
        )

    def _disagreement(
        self,
        question: str,
        kind: AnswerType,
        slots: list[Slot],
        best: Candidate,
        candidates: list[Candidate],
        citations: list[Citation],
    ) -> Difference | None:
        """Different values for what was asked, one per source, when the sources differ.

        The best answer sentence fixes what is measured (its unit); every on-topic sentence of
        the evidence that states a value in the same unit speaks for its source.
        """
        if kind not in ("quantity", "date"):
            return None
        extract = quantities if kind == "quantity" else dates
        wanted = set().union(*(s.alternatives for s in slots))
        best_facts = list(extract(best.sentence.text))
        if not best_facts:
            return None
        focus = next((f for f in best_facts if set(f.about.split()) & wanted), None) or max(
            best_facts, key=lambda f: len(wanted & set(f.context))
        )
        # The kinds of measure the question names ('what share' a share, 'how long' a duration); not
        # 'how much' (a sum or a share) nor 'votes' (a count or a tally).
        named = _HOW_MUCH_WORDS.sub("", question)
        kinds = [k for k in wanted_kinds(named, kind) if k != "vote tally"] if kind == "quantity" else []
        if kinds and not focus.measure.startswith(tuple(kinds)):
            return None  # 'what share of the market': prices beside each other are no answer to it
        # A date is the date of an event: another source's date counts only for the same parties.
        parties = _parties(best.sentence.text, wanted) if kind == "date" else []
        # A figure counts only when its own clause names what is asked ('how much will it cost':
        # not the $30,000 a fund has raised beside the $2 million repair).
        asked = _asked_terms(question, slots) if kind == "quantity" else set()
        # Without such words ('how big is the crypto market'), a figure counts only when its clause
        # shares the question's words that the answer's figure has in its own ('crypto market',
        # not 'a $7 billion IMF program' beside it). A date's clause is often only 'in May 2024':
        # dates of another event are told apart by their parties (_same_parties).
        if kind == "quantity":
            asked = asked or (wanted & set(focus.context))
        # A date is the date of what the question names happening ('sign the letter of intent':
        # not 'adopted bitcoin as legal tender in 2021'), between the parties it names.
        events = [s.alternatives for s in slots if not s.proper] if kind == "date" else []
        names = question_names(question) if kind == "date" else []
        per_source: dict[str, tuple[Candidate, Fact]] = {}
        for c in [best] + candidates:
            if c.source_id in per_source or c.coverage == 0:
                continue
            if c.other_subject or c.peer_conflict or c.contrast_conflict:
                continue  # about another place, party or time than the one asked
            held = sum(1 for alternatives in events if alternatives & c.terms)
            if events and held * 2 <= len(events):
                continue  # tells of another event: 'passed a coastal law in 2019' for the treaty
            if len(names) > 1 and between_others(names, c.sentence.text):
                continue  # an agreement between other parties
            if c is not best and not _same_parties(parties, _context(c)):
                continue  # another event of the same kind (a different letter of intent)
            # Of a sentence's values of the measure, the one whose clause says most of what was
            # asked ('$745 million' of holdings beside 'a $7 billion IMF program': the program's).
            fact = max(
                (
                    f
                    for f in extract(c.sentence.text)
                    if f.measure == focus.measure
                    and new_words(f.text, slots)
                    and (not asked or asked & set(f.context))
                    and (kind != "quantity" or on_scale(f.value, focus.value))  # not '£1,150' beside '£1.3m'
                ),
                key=lambda f: len(wanted & set(f.context)),
                default=None,
            )
            if fact:
                per_source[c.source_id] = (c, fact)
        if len(per_source) < 2:
            return None
        facts = []
        before = len(citations)
        for c, fact in per_source.values():
            n = next((cit.n for cit in citations if cit.sentence_id == c.sentence.id), None)
            if n is None:
                cit = cite(self.index, c, len(citations) + 1)
                citations.append(cit)
                n = cit.n
            facts.append(fact.model_copy(update={"source_id": c.source_id, "citation": n}))
        published = {sid: self.index.documents[sid].meta.published for sid in per_source}
        # The sources differ only where one measure's values cannot hold together at one time
        # (measures.align: qualifiers, rounding and periods taken into account).
        group = next((g for g in align(facts, published) if g.conflicting), None)
        if group is None:
            del citations[before:]  # no difference to show: no citations for it either
            return None
        return Difference(about=group.about, values=group.values)

    def _closest(
        self, question: str, kind: AnswerType, candidates: list[Candidate], reason: str | None = None
    ) -> Answer:
        """An abstention that shows the passages closest to the question, labelled as such;
        `reason` says why (by default, that no sentence answers it directly)."""
        shown: list[Candidate] = []
        for c in candidates:
            if len(shown) == CLOSEST:
                break
            if all(c.hit.passage.id != s.hit.passage.id for s in shown):
                shown.append(c)
        closest = [cite(self.index, c, n) for n, c in enumerate(shown, start=1)]
        reason = reason or render_template("reason_not_directly.txt")
        return Answer(
            question=question,
            answer=answer_field(reason=reason, closest=closest),
            abstained=True,
            answer_type=kind,
            reason=reason,
            closest=closest,
            evidence=[c.evidence() for c in candidates[:5]],
        )

    def _decline(self, question: str, kind: AnswerType, reason: str, candidates: list[Candidate]) -> Answer:
        covered = [d.meta.title or d.label() for d in islice(self.index.documents.values(), 6)]
        text = answer_field(declined=True, reason=reason)
        return Answer(
            question=question,
            answer=text,
            abstained=True,
            answer_type=kind,
            reason=reason,
            covered=covered,
            evidence=[c.evidence() for c in candidates[:5]],
        )


MAX_LIST_ITEMS = 10
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-*•▪–]|\d{1,2}[.)])[ \t]*$")


def whole(index: Index, c: Candidate) -> Sentence:
    """The span to quote for a sentence, verbatim from the document: with the sentence before
    it when it opens with a pronoun ('It was completed in 1931.' needs what 'it' is), and with
    the list items after it when it ends with a colon."""
    s = c.sentence
    start, end = s.start, s.end
    text: str | None = None
    if PRONOUN_LEAD.match(s.text) and c.position > 0:
        # Back to the sentence that names who 'she' is: at most two steps ('She founded ...
        # Her successor ...' needs the sentence before both).
        sents = sentences(c.hit.passage)
        at = c.position - 1
        if at > 0 and PRONOUN_LEAD.match(sents[at].text):
            at -= 1
        start = sents[at].start
    elif PRONOUN_LEAD.match(s.text):  # the passage opens with it: the last sentence of the one before
        passages = index.passages_of(c.source_id)
        at = next((i for i, p in enumerate(passages) if p.id == c.hit.passage.id), 0)
        if at > 0 and passages[at - 1].heading == c.hit.passage.heading:
            before = sentences(passages[at - 1])
            text = index.documents[c.source_id].text
            if before and not text[before[-1].end : s.start].strip():
                start = before[-1].start
    if s.text.rstrip().endswith(":"):
        text = index.documents[c.source_id].text
        passages = index.passages_of(c.source_id)
        at = next((i for i, p in enumerate(passages) if p.id == c.hit.passage.id), len(passages))
        for p in passages[at + 1 : at + 1 + MAX_LIST_ITEMS]:
            if not _BULLET.search(text[max(0, p.start - 8) : p.start]):
                break  # the list ends where a passage is not a bulleted or numbered item
            end = p.start + len(p.text)
    if (start, end) == (s.start, s.end):
        return s
    text = text if text is not None else index.documents[c.source_id].text
    return Sentence(id=s.id, start=start, end=end, text=text[start:end])


def _union(index: Index, c: Candidate, a: Sentence, b: Sentence) -> Sentence:
    """One quote spanning two overlapping spans of the same document (keeps `c`'s sentence id)."""
    start, end = min(a.start, b.start), max(a.end, b.end)
    return Sentence(id=c.sentence.id, start=start, end=end, text=index.documents[c.source_id].text[start:end])


def eligible_first(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that can answer (`Candidate.eligible`) first, in score order, then the rest."""
    return [c for c in candidates if c.eligible] + [c for c in candidates if not c.eligible]


def same_statement(a: Candidate, b: Candidate) -> bool:
    """One statement in several sources: nearly the same words, and the same figures and names
    (4 million dollars and 9 million dollars in one wording are two statements)."""
    x, y = a.sentence.text, b.sentence.text
    return (
        numbers_in(x) == numbers_in(y)
        and _names(x) == _names(y)
        and fuzz.token_set_ratio(fold(x).lower(), fold(y).lower()) >= SAME_STATEMENT
    )


def _names(text: str) -> set[str]:
    """Capitalised words after the first: the names a statement makes."""
    return {w for w in re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][\w'-]+", text)}


def _joined(question: str, first: Answer, second: Answer) -> Answer:
    """Two answers as one: the second's citations numbered on from the first's; a statement the
    first already quotes is not repeated, and every citation shown is one a statement or the
    disagreement refers to, each span cited once (the same span cited by both parts keeps the
    first number)."""
    offset = len(first.citations)
    statements = list(first.statements)
    for s in second.statements:
        s = s.model_copy(update={"citations": [n + offset for n in s.citations]})
        # A quote that holds one already shown (a pronoun-led sentence quoted with the sentence
        # before it) takes its place, with both citations; one held by a shown quote is dropped.
        at = next((i for i, f in enumerate(statements) if f.quote in s.quote or s.quote in f.quote), None)
        if at is None:
            statements.append(s)
        elif len(s.quote) > len(statements[at].quote):
            statements[at] = s.model_copy(update={"citations": statements[at].citations + s.citations})
    citations = list(first.citations) + [c.model_copy(update={"n": c.n + offset}) for c in second.citations]
    disagreement = first.disagreement
    if disagreement is None and second.disagreement is not None:
        disagreement = second.disagreement.model_copy(
            update={
                "values": [
                    v.model_copy(update={"citations": [n + offset for n in v.citations]})
                    for v in second.disagreement.values
                ]
            }
        )
    # Number the citations referred to in order, one number per cited span.
    referred = [n for st in statements for n in st.citations]
    if disagreement is not None:
        referred += [n for v in disagreement.values for n in v.citations]
    by_n = {c.n: c for c in citations}
    number: dict[int, int] = {}
    span_number: dict[tuple[str, int, int], int] = {}
    kept: list[Citation] = []
    for n in dict.fromkeys(referred):
        c = by_n[n]
        span = (c.source_id, c.start, c.end)
        if span not in span_number:
            span_number[span] = len(kept) + 1
            kept.append(c.model_copy(update={"n": span_number[span]}))
        number[n] = span_number[span]

    def renumber(ns: list[int]) -> list[int]:
        return list(dict.fromkeys(number[n] for n in ns))

    statements = [st.model_copy(update={"citations": renumber(st.citations)}) for st in statements]
    if disagreement is not None:
        disagreement = disagreement.model_copy(
            update={
                "values": [
                    v.model_copy(update={"citations": renumber(v.citations)}) for v in disagreement.values
                ]
            }
        )
    return Answer(
        question=question,
        answer=answer_field(statements=statements, disagreement=disagreement),
        abstained=False,
        answer_type=first.answer_type,
        statements=statements,
        citations=kept,
        disagreement=disagreement,
        evidence=first.evidence + second.evidence,
    )


def answer_field(**context: object) -> str:
    """The `answer` field: plain text with [n] markers, from templates/answer_field.txt."""
    defaults: dict[str, object] = {
        "declined": False,
        "reason": "",
        "closest": [],
        "statements": [],
        "disagreement": None,
        "comparison": None,
    }
    return render_template("answer_field.txt", **{**defaults, **context})


def _original_words(question: str, surfaces: list[str]) -> list[str]:
    """The question's own spelling of some folded, lower-cased words, neighbours joined as one
    name ('Mount Everest', not 'Mount, Everest')."""
    found: list[str] = []
    adjacent = False
    for m in re.finditer(r"[^\W\d_]+|\S", fold(question)):
        word = m.group(0)
        if word.lower() in surfaces:
            if adjacent and found:
                found[-1] += " " + word
            else:
                found.append(word)
            adjacent = True
        else:
            adjacent = False
    return found or surfaces


_SPEECH_AFTER = re.compile(
    r"^[\s,]*(?:said|says|told|added|noted|stated|explained|emphasi[sz]ed|argued|wrote)\b"
)


_HOW_MUCH = re.compile(
    r"\bhow (?:much|many)\b(?P<rest>.*)|\bwhat (?:is|was|are|were|will be) the (?P<what>.*)", re.I
)


def _speaks_anywhere(index: Index, who: str, candidates: list[Candidate]) -> bool:
    """Whether a passage read names the speaker a question names (asked_speaker): every
    capitalised word of it ('the World Bank'). Each passage is read once, however many of its
    sentences are candidates."""
    wanted = set(index.analyzer.terms(" ".join(w for w in who.split() if w[:1].isupper())))
    passages = {c.hit.passage.id: c.hit.passage.text for c in candidates}
    return not wanted or any(wanted <= set(index.analyzer.terms(text)) for text in passages.values())


_HOW_MUCH_WORDS = re.compile(r"\bhow much\b", re.I)


def _asked_terms(question: str, slots: list[Slot]) -> set[str]:
    """The terms of what a quantity question asks about: the first two lower-case content words
    after 'how much/many' or 'what is the' ('how much will it cost to fix' -> cost, fix; 'how
    much bitcoin does X hold' -> bitcoin, hold), with the concept tokens that meet them."""
    m = _HOW_MUCH.search(question)
    if not m:
        return set()
    rest = m["rest"] if m["rest"] is not None else m["what"]
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", rest) if not w[:1].isupper()]
    words = [w for w in words if w not in STOPWORDS and w not in FRAME_WORDS][:2]
    terms = {t.term for t in raw_tokens(" ".join(words))}
    return set().union(*(sl.alternatives for sl in slots if sl.alternatives & terms)) if terms else set()


def _parties(text: str, wanted: set[str]) -> list[str]:
    """The names a statement is about, beyond the question's words: the parties that make an event
    this event (not who is quoted saying so: a name before 'said' or after 'according to')."""
    folded = fold(text)
    out = []
    for f in entities(text):
        at = folded.find(f.text)
        if f.about == "person" or set(f.key.split()) & wanted:
            continue
        if at >= 0 and (
            _SPEECH_AFTER.match(folded[at + len(f.text) :])
            or folded[:at].rstrip().lower().endswith("according to")
        ):
            continue
        out.append(f.key)
    return out


def _context(c: Candidate) -> str:
    """A candidate's sentence with the one before it and its passage's heading, folded, lower case."""
    before = sentences(c.hit.passage)[c.position - 1].text if c.position else ""
    return fold(f"{c.hit.passage.heading or ''} {before} {c.sentence.text}").lower()


def _same_parties(parties: list[str], context: str) -> bool:
    """A statement from another source is about the same event when its context names more than
    half of the parties of the best statement (all of them, for one or two)."""
    if not parties:
        return True
    named = sum(1 for p in parties if p in context)
    return named * 2 > len(parties) if len(parties) > 2 else named == len(parties)
