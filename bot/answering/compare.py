"""Comparing sources: what each source says on a topic, and its figures aligned by measure.

1. The topic is reduced to its subject ('how do the papers differ on what the stadium will
   cost, according to the sources' -> 'what the stadium will cost'; see `topic.py`).
2. Each source is searched for it; the first matching statements add feedback terms (words
   two or more sources use beside the topic's values), and every source is searched again
   with them. A sentence found so is a statement when it covers the topic's own words or
   states a value, and a source that states the measure the others state gets that sentence.
   A source is silent only when no sentence in it addresses the topic either way. (Above
   PER_SOURCE_LIMIT sources, the top passages of the whole archive are read instead.)
3. The values of the statements that measure what the topic asks about are aligned
   (`measures.align`): per measure, which sources agree, conflict, or give another period. A
   value's clause may make it another measure (`markers.py`: an earlier plan, a count of what
   is still so); a yes/no topic compares the status each source gives (`status.py`); a topic
   asking for one party's figure leaves out figures given to another (`attribution.py`), and
   one asking a share of one whole leaves out shares of another (`shares.py`). A source's
   value whose clause shares one side word with the topic, beside others naming it plainly, is
   of another thing (`_named_as_plainly`), unless it restates their exact figure, and so is one
   whose passage names only the topic's measure where others name the measure and its thing
   (`_of_another_measured`: the cost of the operation beside the cost of restoring the moor); a
   'who' topic compares the people named for it (`stated._people`, `_people_on_topic`), a
   quotation given to 'she' read with the sentence naming her before it (`stated.with_speakers`);
   one off the others' scale gives way to the source's value of their scale (`_on_scale`). A
   topic naming a length or a power by its noun ('the length of', 'electricity') is searched
   with the units too, and a value in them is on the topic. On 'when was X done', a date given
   to what is yet to happen ('should reopen in 2028') is another event's (`_another_event`);
   on a place, a name the topic itself gives is no answer (`_names_topic`). A noun-phrase topic's
   head noun ('the winning margin over X': `topic.topic_head`) picks the values said with it, a
   topic asking no rate leaves out yearly sums beside a total (`timeframe.by_rate`), and the
   values kept are those on the scale most sources give (`_drop_outliers`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from statistics import median

from bot.answering.answerer import same_statement
from bot.answering.asked import (
    HOW_MANY,
    LASTING,
    SINCE,
    UNIT_KINDS,
    UNIT_NOUNS,
    UNIT_WORDS,
    WANTS,
    asked_unit,
    of_kind,
    wanted_kinds,
)
from bot.answering.attribution import anothers, owner
from bot.answering.clock import TIME_OF_DAY
from bot.answering.evidence import Candidate, cite, gather
from bot.answering.facts import entities, relative_dates
from bot.answering.markers import (
    EARLIER,
    FUTURE,
    STILL,
    around,
    counts_event,
    day_offsets,
    marker_of,
    not_of_event,
    past,
    qualified,
    topic_marker,
)
from bot.answering.measures import align, calendar, narrower, on_scale
from bot.answering.models import (
    Agreement,
    AnswerType,
    Citation,
    Comparison,
    Difference,
    Fact,
    MeasureGroup,
    SourceStatement,
    SourceView,
    Value,
)
from bot.answering.quantities import count_modifiers, counted_measure, counted_noun
from bot.answering.question import answer_type
from bot.answering.scope import TOPIC_TIME, another_time, in_scope
from bot.answering.series import another_member, asked_members
from bot.answering.shares import asked_whole, other_whole
from bot.answering.slots import Slot, coverage, question_slots
from bot.answering.stated import ORG_ABOUTS, PERSON, measured, revised, spoken, with_revisions, with_speakers
from bot.answering.status import MEASURE as STATUS
from bot.answering.status import status_facts, topic_thing
from bot.answering.timeframe import HOW_OFTEN, answering_time, by_rate, how_often
from bot.answering.topic import (
    FILLER,
    implied,
    measure_frames,
    phrase_kind,
    reduce_topic,
    same_measure,
    topic_head,
)
from bot.answering.wordmatch import compiled
from retrieval.analyzer import STOPWORDS, Query, raw_tokens
from retrieval.index import Index, passage_text
from retrieval.textnorm import fold

MIN_COVERAGE = 0.5  # share of the topic a statement with its passage must cover
MIN_SENTENCE_COVERAGE = 0.34  # and the statement itself
STATEMENTS_PER_SOURCE = 2
PASSAGES_PER_SOURCE = 20  # passages of each source read for its statements (sources are few here)
PER_SOURCE_LIMIT = 20  # above this many sources, compare those among the top passages only
TOP_FOR_MANY = 20  # passages read in an archive (above PER_SOURCE_LIMIT sources)
SOURCES_FOR_MANY = 10  # an archive's comparison shows the sources with the best statements
COMPARE_COVERAGE = 0.4  # a sentence covering this much of the topic itself is a statement on it
MEASURED_COVERAGE = 0.2  # a sentence counting what the topic names needs this much of it
ALIGNED_CONTEXT = 0.2  # a sentence stating the measure others state needs this much topic around it
FEEDBACK_TERMS = 6  # terms the first statements add to the topic
FEEDBACK_WEIGHT = 0.5  # the feedback terms together weigh this much of the topic's words
PLAIN_NAMING = 3  # a clause with one topic word, not its head, beside one with this many: another thing


class Comparer:
    def __init__(self, index: Index) -> None:
        self.index = index

    def compare(self, topic: str) -> Comparison:
        topic = topic.strip()
        subject = reduce_topic(topic) or topic
        query = self.index.query(subject)
        kind = phrase_kind(subject) or answer_type(subject)  # 'the number of patients who ...': a count
        # Words no article uses ('stance', 'characterise') frame a comparison, and so do framing
        # words left inside the topic ('actually', 'be able to'), and nouns that only say a measure
        # is asked ('the size of the fine'); names still count.
        framing = FILLER | measure_frames(subject)
        slots = [
            sl
            for sl in question_slots(self.index, query, merge_names=True)
            if (sl.known or sl.proper) and (sl.proper or sl.surface.lower() not in framing)
        ]
        # 'stays closed until' answers 'when will it reopen' (`topic.IMPLIED`): a slot's one-way answers
        slots = [replace(s, alternatives=s.alternatives | implied(s.alternatives)) for s in slots]
        missing = [s for s in slots if not s.known and s.proper]
        few = len(self.index.documents) <= PER_SOURCE_LIMIT
        ids = self.index.source_ids() if few else []
        per_source: dict[str, list[Candidate]] = {sid: [] for sid in ids}
        ahead = kind == "date" and bool(FUTURE.search(subject))  # 'when will ...'
        if slots and not missing:
            per_source.update(self._candidates(query, kind, slots, ids, few, ahead))
        wanted = set().union(*(s.alternatives for s in slots)) if slots else set()
        measured_as = wanted | same_measure(wanted)  # a value's clause naming the measure in other words
        marker = topic_marker(subject)
        naming = _naming(subject, kind, self.index.analyzer.terms)
        members = asked_members(subject)  # 'ARDEN-3': a sentence on ARDEN-2 only is no statement on it
        head = _head(subject, self.index.analyzer.terms)  # 'margin' in 'the winning margin over X'
        thing = topic_thing(subject) if kind == "yesno" else None
        if few:
            picked = {
                sid: _pick(candidates, kind, wanted, marker, naming, members, head)
                for sid, candidates in per_source.items()
            }
        else:  # an archive: the first sources, by their best sentence, with statements on the topic
            picked = {}
            for sid in sorted(per_source, key=lambda sid: -max(c.score for c in per_source[sid])):
                if chosen := _pick(per_source[sid], kind, wanted, marker, naming, members, head):
                    picked[sid] = chosen
                if len(picked) == SOURCES_FOR_MANY:
                    break
            per_source = {sid: per_source[sid] for sid in picked}
        feedback = _feedback(picked, slots, kind, self.index.stats.idf, self.index.analyzer.terms)
        units = list(UNIT_WORDS.get(asked_unit(subject), ()))
        # An archive's top passages were all read already. Searched again with the words naming
        # the topic's measure otherwise ('budget' for 'cost'), and the units of a measure it
        # names ('kilometres' for 'the length of').
        if (feedback or measured_as - wanted or units) and few:
            more = [s.surface for s in feedback] + sorted(measured_as - wanted) + units
            expanded = self.index.query(subject + " " + " ".join(more))
            # Passages found with the feedback terms; sentences judged on the topic's own words.
            again = self._candidates(expanded, kind, slots, ids, few, ahead)
            for sid, candidates in again.items():
                chosen = [
                    c
                    for c in _pick(candidates, kind, wanted, marker, naming, members, head)
                    if self._on_subject(c, slots)
                    and (
                        coverage(slots, c.terms)[0] >= MIN_SENTENCE_COVERAGE
                        or measured(c.sentence.text, kind)
                    )
                ]
                if chosen or sid not in picked:
                    picked[sid] = chosen
                seen = {c.sentence.id for c in candidates}
                per_source[sid] = candidates + [
                    c for c in per_source.get(sid, []) if c.sentence.id not in seen
                ]
        restating = (
            self._search_figures(picked, per_source, kind, slots, subject, measured_as) if few else set()
        )
        extra = {s.surface for s in feedback}
        years = {sid: _year(self.index.documents[sid].meta.published) for sid in picked}
        self._add_measured(picked, per_source, kind, measured_as, extra, marker, subject, years, restating)
        views: list[SourceView] = []
        citations: list[Citation] = []
        facts: list[Fact] = []
        around: dict[int, frozenset[str]] = {}
        for sid, chosen in picked.items():
            chosen, revising = with_revisions(chosen, kind)
            chosen, speaking = with_speakers(chosen, kind)  # '"...," she said': who she is
            view, found = self._view(sid, chosen, citations, kind, thing, ahead)
            views.append(view)
            for st, c in zip(view.statements, chosen, strict=True):  # the words of each statement's passage
                around[st.n] = frozenset(self.index.analyzer.terms(passage_text(c.hit.passage)))
            facts.extend(spoken(revised(found, view, revising), view, speaking))
        published = {v.source_id: v.published for v in views}
        quotes = {st.n: st.quote for v in views for st in v.statements}
        if kind == "date" and FUTURE.search(subject):
            latest = max((d for d in published.values() if d), default=None)  # an undated article's time
            facts = [f for f in facts if not past(f, published.get(f.source_id or "") or latest)]
        if asked := owner(subject):  # 'the inquiry's estimate': not the figure another party gave
            facts = [f for f in facts if not anothers(f, asked)]
        if narrowed := count_modifiers(subject):  # 'permanent jobs': not '240 construction jobs'
            facts = [f for f in facts if not _other_kind(f, narrowed, self.index.analyzer.terms)]
        if not _MATERIAL_VALUE.search(subject):  # 'what the stolen silver is worth': not its scrap value
            facts = [f for f in facts if not (f.kind == "quantity" and _MATERIAL_VALUE.search(f.clause))]
        facts = _lasting(facts, subject)  # 'how long were they inside': not '9 minutes after the alarm'
        facts = answering_time(facts, subject, kind)  # 'how much it cut pain': not 'over 24 weeks'
        if not _ASKS_TIME.search(subject):  # 'when did the fire start': the day, not '14:38'
            facts = [f for f in facts if f.measure != TIME_OF_DAY]
        facts = [f for f in facts if not _names_topic(f, subject)]  # 'where was the Ports Summit held'
        if counts_event(subject):  # 'how many pieces were stolen': not 'the 26-piece hoard'
            facts = [f for f in facts if not not_of_event(f)]
        if whole := asked_whole(subject, self.index.analyzer.terms):  # 'share of the city's water'
            facts = [f for f in facts if not other_whole(f, whole, self.index.analyzer.terms)]
        replaced = [f for f in facts if marker_of(f.measure) == EARLIER] if marker != EARLIER else []
        # not 'a storm in 2011 damaged 640 ha', 'at a rival', an offer for a demand (`scope.py`)
        facts = in_scope(facts, facts, subject, published, quotes)
        on_topic = _on_topic(
            facts,
            measured_as,
            extra,
            subject,
            _heads(subject, kind, self.index.analyzer.terms),
            _events(subject, kind, self.index.analyzer.terms),
            _measure_nouns(subject, self.index.analyzer.terms),
            around,
            frozenset(t for s in slots if s.proper for t in s.alternatives),
            head,
        )
        groups = _main(
            align(
                on_topic,
                published,
                replaced,
            ),
            subject,
            kind,
        )
        return Comparison(
            topic=subject,
            sources=views,
            agreements=[_agreement(g) for g in groups if not _differs(g)],
            differences=[
                Difference(about=g.about, values=g.values, measure=g.measure, unit=g.unit)
                for g in groups
                if _differs(g)
            ],
            silent=[v.source_id for v in views if not v.covered],
            citations=citations,
            measures=groups,
        )

    def _candidates(
        self, query: Query, kind: AnswerType, slots: list[Slot], ids: list[str], few: bool, ahead: bool
    ) -> dict[str, list[Candidate]]:
        """Each source's sentences scored for the topic: its own best passages when the sources
        are few, else the sentences of the corpus's best passages, grouped by source. `ahead`
        (a topic asking when something will happen): not sentences whose dates all lie before
        their article ('has run a plant since 2012')."""
        out: dict[str, list[Candidate]] = {}
        if few:
            for sid in ids:
                hits = self.index.search_in(sid, query, PASSAGES_PER_SOURCE)
                out[sid] = gather(self.index, query, kind, slots, hits)
        else:
            for c in gather(self.index, query, kind, slots, self.index.search(query, TOP_FOR_MANY)):
                out.setdefault(c.source_id, []).append(c)
        if ahead:  # an undated article's time: the latest of the articles read
            dated = {sid: self.index.documents[sid].meta.published for sid in out}
            latest = max((d for d in dated.values() if d), default=None)
            out = {
                sid: [c for c in found if not _only_past(c.sentence.text, dated[sid] or latest)]
                for sid, found in out.items()
            }
        return out

    def _search_figures(
        self,
        picked: dict[str, list[Candidate]],
        per_source: dict[str, list[Candidate]],
        kind: AnswerType,
        slots: list[Slot],
        subject: str,
        wanted: set[str],
    ) -> set[str]:
        """Search each source not yet stating the measure most sources state on the topic for the
        exact figures or days they give: a source may restate one in words that share none of the
        topic's ('the fire service is talking about 1.4 million pounds' beside 'the cost of the
        operation at £1.4m'; 'the contract begins on 5 April 2027' beside 'the service starts on
        5 April 2027'). Returns the ids of the sentences found so, which `_add_measured` takes
        only for a figure or day they restate."""

        def exact(f: Fact) -> bool:  # '£1.4m', '5 April 2027': a figure or a day, not 'about 400'
            return (f.kind == "quantity" and f.value is not None or _a_day(f)) and not f.qualifier

        given = [  # each source's exact figures and days on the topic
            (sid, f)
            for sid, chosen in picked.items()
            for c in chosen
            for f in measured(c.sentence.text, kind)
            if exact(f) and set(f.context) & wanted
        ]
        stated: dict[str, set[str]] = {}  # measure -> the sources stating it on the topic
        for sid, f in given:
            stated.setdefault(f.measure, set()).add(sid)
        most = max((len(sids) for sids in stated.values()), default=0)
        top = {m for m, sids in stated.items() if len(sids) == most}
        figures = {  # the exact figures of the measure most sources state
            t.term for _, f in given if f.measure in top for t in raw_tokens(f.text) if t.term[:1].isdigit()
        }
        if not figures:
            return set()
        query = self.index.query(subject + " " + " ".join(sorted(figures)))
        giving = {sid for m in top for sid in stated[m]}
        restating: set[str] = set()
        for sid in [sid for sid in picked if sid not in giving]:
            found = gather(
                self.index, query, kind, slots, self.index.search_in(sid, query, PASSAGES_PER_SOURCE)
            )
            seen = {c.sentence.id for c in per_source.get(sid, [])}
            new = [c for c in found if c.sentence.id not in seen]
            per_source[sid] = per_source.get(sid, []) + new
            restating |= {c.sentence.id for c in new}
        return restating

    def _on_subject(self, c: Candidate, slots: list[Slot]) -> bool:
        """A statement found with feedback terms must still name the topic, or stand in a passage
        (with its heading) that covers half of it."""
        if any(s.alternatives & c.terms for s in slots):
            return True
        p = c.hit.passage
        terms = set(self.index.analyzer.terms((p.heading or "") + " " + p.text))
        return sum(s.weight for s in slots if s.alternatives & terms) >= 0.5 * sum(s.weight for s in slots)

    @staticmethod
    def _add_measured(
        picked: dict[str, list[Candidate]],
        per_source: dict[str, list[Candidate]],
        kind: AnswerType,
        wanted: set[str],
        extra: set[str],
        marker: str,
        topic: str,
        years: dict[str, int | None] | None = None,
        restating: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        """Give every source the sentence stating the measure two or more others state on the
        topic, when its passage is on the topic but the sentence does not repeat the topic; or
        when the sentence counts the same thing as the others
        ('some 300 people had to leave their homes' beside '312 residents were evacuated'), of
        their scale, in a clause with a feedback term; or when it restates an exact figure or a day
        another source gives on the topic ('the €1.18bn project' beside 'the €1.18 billion line';
        'the cordon lifts on 18 February' beside 'may return on 18 February'). Only
        measures with the topic's marker ('still', 'originally') are completed."""
        unit = asked_unit(topic)
        years = years or {}
        timed = not TOPIC_TIME.search(topic)  # a topic naming no time: not another time's value
        stated: dict[str, set[str]] = {}
        sizes: dict[str, list[float]] = {}
        exact: dict[str, set[float]] = {}
        days: dict[str, set[str]] = {}  # the days ('02-18') a date measure is given on the topic
        for sid, chosen in picked.items():
            on = [
                f
                for c in chosen
                for f in measured(c.sentence.text, kind)
                if set(f.context) & wanted or of_kind(f, unit)
            ]
            for measure in dict.fromkeys(f.measure for f in on):  # in the order stated, not hash order
                stated.setdefault(measure, set()).add(sid)
                own = [f for f in on if f.measure == measure]
                best = max(len(set(f.context) & wanted) for f in own)  # the source's value on the topic
                sizes.setdefault(measure, []).extend(
                    f.value for f in own if f.value and len(set(f.context) & wanted) == best
                )
                exact.setdefault(measure, set()).update(
                    f.value
                    for f in own
                    if f.value and not f.qualifier and len(set(f.context) & wanted) == best
                )
                days.setdefault(measure, set()).update(
                    f.key for f in own if _a_day(f) and len(set(f.context) & wanted) == best
                )
        least = min(2, sum(1 for chosen in picked.values() if chosen))  # the only covering source leads alone
        wants = wanted_kinds(topic, kind)
        order = sorted(
            # a name in passing is no statement on who did it, nor a time of day in passing on
            # when it happened (a story times many moments): a source is not given one for it
            (
                m
                for m, sids in stated.items()
                if len(sids) >= least and marker_of(m) == marker and m not in (PERSON, TIME_OF_DAY)
            ),
            key=lambda m: (not any(m.startswith(w) for w in wants), -len(stated[m]), m),
        )
        for measure in order:
            for sid, candidates in per_source.items():
                given = [
                    f for c in picked[sid] for f in measured(c.sentence.text, kind) if f.measure == measure
                ]
                # a value its own words place in an earlier year ('in August 2019') is another time's
                earlier = [
                    f
                    for c in picked[sid]
                    for f in measured(c.sentence.text, kind)
                    if f.measure == measure
                    and timed
                    and _earlier_time(f, c.sentence.text, kind, years.get(sid))
                ]
                # a source giving only a vague time ('until the autumn') gets its day inside it, if
                # any; one giving only figures off the others' scale (a part's cost beside the
                # total) or of an earlier year gets a sentence restating an exact figure another
                # gives, or counting the topic's thing on their scale, if any
                vague = [f for f in given if _vague(f)]
                small = [f for f in given if f.value and not _near(f, sizes[measure]) or f in earlier]
                # one whose figures all stand in clauses on something else ('expected to break
                # even in 2027 once the runway is in use') gets a sentence giving it on the topic
                unnamed = [f for f in given if f.kind == "date" and not set(f.context) & wanted]
                if len(picked[sid]) > STATEMENTS_PER_SOURCE:
                    continue
                if given and max(len(vague), len(small), len(unnamed)) < len(given):
                    continue
                fitting = [
                    c
                    for c in candidates
                    if c not in picked[sid]
                    and not _ELSEWHERE.match(c.sentence.text)
                    and any(
                        f.measure == measure
                        and (  # found by another's figure: only restating it
                            c.sentence.id not in restating
                            or _restates_exact(f, exact[measure])
                            or (_a_day(f) and f.key in days[measure])
                        )
                        and (not vague or any(narrower(f, v) for v in vague))
                        and (not given or len(unnamed) < len(given) or bool(set(f.context) & wanted))
                        and (
                            not small
                            or _near(f, sizes[measure])
                            and (
                                _restates_exact(f, exact[measure])
                                or _priced(f)
                                or of_kind(f, unit)
                                or (_counted(f) and bool(set(f.context) & wanted))  # 'residents of X'
                            )
                        )
                        and (
                            set(f.context) & wanted
                            or (_priced(f) and bool(wanted & _COST_WORDS))
                            or len(set(f.context) & extra) >= 2
                            or (
                                (c.context >= ALIGNED_CONTEXT or (_counted(f) and _near(f, sizes[measure])))
                                and set(f.context) & extra
                            )
                            or _restates_exact(f, exact[measure])
                            or (_a_day(f) and f.key in days[measure])  # '18 February' given by another
                            or (of_kind(f, unit) and _near(f, sizes[measure]))  # '210 hectares' for an area
                        )
                        for f in measured(c.sentence.text, kind)
                    )
                ]
                # of those, one whose figure is of the others' scale first (the total, not a part);
                # for a date, one whose clause names the topic before one dating another event

                # and one stating it in the writer's words before one quoting a speaker's ('"We
                # lost in twenty minutes what took a year to grow"' is no measured time)
                def rank(c: Candidate, measure: str = measure) -> tuple[bool, bool, bool]:
                    own = [f for f in measured(c.sentence.text, kind) if f.measure == measure]
                    return (
                        not any(f.kind != "date" or set(f.context) & wanted for f in own),
                        not any(_near(f, sizes[measure]) for f in own),
                        all(_in_quotes(f, c.sentence.text) for f in own),
                    )

                found = min(fitting, key=rank) if fitting else None
                if found is not None:
                    picked[sid].append(found)

    def _view(
        self,
        sid: str,
        picked: list[Candidate],
        citations: list[Citation],
        kind: AnswerType,
        thing: str | None,
        ahead: bool = False,
    ) -> tuple[SourceView, list[Fact]]:
        """A source's statements with their facts; `thing`: what a yes/no topic asks the status of;
        `ahead`: the topic asks when something will happen, which no weekday counted back from
        the article answers ('were ordered out on Tuesday' in Tuesday's paper)."""
        meta = self.index.documents[sid].meta
        statements = []
        found: list[Fact] = []
        for c in picked:
            s = c.sentence
            n = len(citations) + 1
            citations.append(cite(self.index, c, n))
            # 'Elsewhere, ...': quoted for what it says, its values are another subject's
            stated = () if _ELSEWHERE.match(s.text) else measured(s.text, kind)
            stated += status_facts(s.text, thing) if thing else ()
            if kind == "date":  # 'on Tuesday', 'next year': the time they name from the article's date
                stated += tuple(
                    qualified(f)
                    for f in relative_dates(s.text, meta.published)
                    if not ahead or _after(f.key, meta.published)
                )
            facts = [f.model_copy(update={"source_id": sid, "citation": n}) for f in stated]
            found.extend(facts)
            statements.append(
                SourceStatement(
                    quote=s.text,
                    passage_id=c.hit.passage.id,
                    sentence_id=s.id,
                    start=s.start,
                    end=s.end,
                    n=n,
                    facts=facts + [f for f in entities(s.text) if _named(f)],
                )
            )
        view = SourceView(
            source_id=sid,
            title=meta.title,
            outlet=meta.outlet,
            published=meta.published,
            url=meta.url,
            covered=bool(statements),
            statements=statements,
        )
        return view, found


# A topic asking the time of day: 'what time the order was given', 'at what time', 'the time of
# the first call'.
_ASKS_TIME = re.compile(
    r"\b(?:what|which)\s+time\b|\bthe\s+(?:exact\s+)?time\s+(?:of|when|that|at)\b|\bwhat hour\b", re.I
)


def _only_past(text: str, published: str | None) -> bool:
    """Whether every date a sentence gives lies before its article's date."""
    found = [f for f in measured(text, "date") if f.kind == "date"]
    return bool(found) and all(past(f, published) for f in found)


def _after(key: str, published: str | None) -> bool:
    """Whether a weekday's day, keyed 'MM-DD' from an article's date ('YYYY-MM-DD'), falls after
    that date (read in the year that puts it within the week of the article)."""
    return any(0 < days <= 7 for days in day_offsets(key, published))


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


def _earlier_time(fact: Fact, sentence: str, kind: AnswerType, year: int | None) -> bool:
    """Whether a value's own words place it in a year before its article's (`year`): 'when
    around 1,500 people were evacuated from another town in August 2019', or 'last year'."""
    return bool(another_time(fact, list(measured(sentence, kind)), year, sentence))


def _named(fact: Fact) -> bool:
    return fact.kind == "place" or (fact.kind == "organisation" and fact.about in ORG_ABOUTS)


def _pick(
    candidates: list[Candidate],
    kind: AnswerType,
    wanted: set[str],
    marker: str,
    naming: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ()),
    members: dict[str, set[str]] | None = None,
    head: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """A source's statements on the topic: sentences that cover enough of it themselves, or
    with their passage around them, or that count what the topic names ('Four workers were
    injured' for 'how many workers got hurt'; with the topic's marker, '85 residents remain' for
    'how many are still out of their homes', the marker covering 'still'); those with the kind of answer asked for first,
    then those whose values measure what the topic's marker asks ('still', 'originally'): a
    topic with a marker prefers values with it, a topic without one values without any. A
    sentence whose values all belong to another of a series the topic names (`members`: 'an
    earlier trial, ARDEN-2, enrolled 212' on ARDEN-3) comes last."""
    good = [
        c
        for c in candidates
        if c.coverage >= COMPARE_COVERAGE - 1e-9
        or (c.context >= MIN_COVERAGE and c.coverage >= MIN_SENTENCE_COVERAGE)
        # a value said with the topic's head noun, its passage on the topic ('Her margin was 212 votes')
        or (bool(head & c.terms) and c.context >= MIN_COVERAGE and bool(measured(c.sentence.text, kind)))
        or (
            (c.coverage >= MEASURED_COVERAGE - 1e-9 or _marked_as(c.sentence.text, kind, marker) > 0)
            and _counts_topic(c.sentence.text, kind, wanted, naming)
        )
    ]
    unit = _named_unit(naming)
    good.sort(
        key=lambda c: (
            _all_another_member(c.sentence.text, kind, members or {}),
            -c.type_match,
            not any(of_kind(f, unit) for f in measured(c.sentence.text, kind)),  # '9km' for 'the length of'
            -_marked_as(c.sentence.text, kind, marker),
            -c.score,
        )
    )
    picked: list[Candidate] = []
    for c in good:
        if len(picked) == STATEMENTS_PER_SOURCE:
            break
        if not any(same_statement(p, c) for p in picked):
            picked.append(c)
    return picked


def _all_another_member(text: str, kind: AnswerType, members: dict[str, set[str]]) -> bool:
    """Whether every value of a sentence belongs to another of a series the topic names."""
    found = [f for f in measured(text, kind) if f.kind == "quantity"] if members else []
    return bool(found) and all(another_member(f, text, members) for f in found)


def _other_kind(fact: Fact, asked: set[str], terms_of: Callable[[str], list[str]]) -> bool:
    """Whether a count is narrowed to another kind of what it counts than the topic asks ('240
    permanent jobs' for 'how many construction jobs'); a count without a modifier ('420 jobs')
    is not."""
    if not fact.modifier:
        return False
    wanted = {t for word in asked for t in terms_of(word)}
    return not set(terms_of(fact.modifier)) & wanted


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _in_quotes(fact: Fact, sentence: str) -> bool:
    """Whether a value stands inside a direct quotation of its sentence ('"We lost 40 minutes,"
    he said')."""
    return any(fact.text in m.group(0) for m in _QUOTED.finditer(sentence))


def _restates_exact(fact: Fact, exact: set[float]) -> bool:
    """Whether a value is an exact figure (no qualifier) another source gives on the topic."""
    return not fact.qualifier and fact.value in exact


def _vague(fact: Fact) -> bool:
    """Whether a value is a month or season without a year or day ('until October', 'the autumn')."""
    found = calendar(fact.key) if fact.kind == "date" and fact.value is None else None
    return found is not None and found[1] is None


def _counted(fact: Fact) -> bool:
    """Whether a value's unit names what it counts ('300 people'), unlike a currency or a share,
    which any amount of anything has."""
    return fact.measure.startswith("count of ")


def _near(fact: Fact, sizes: list[float]) -> bool:
    """Whether a value is of the scale the others give on the topic (within SCALE_GAP of the
    median of each source's value whose clause has most of the topic's words)."""
    return bool(fact.value) and bool(sizes) and on_scale(fact.value, median(sizes))


def _marked_as(text: str, kind: AnswerType, marker: str) -> int:
    """1 when a value of the sentence carries the topic's marker, -1 when the topic has none and
    every value of the sentence carries one, else 0."""
    marks = [marker_of(f.measure) for f in measured(text, kind)]
    if marker:
        return int(marker in marks)
    return -1 if marks and all(marks) else 0


def _names_topic(fact: Fact, topic: str) -> bool:
    """Whether a name is one the topic itself gives ('Atlantic Ports Summit' for 'where the
    Atlantic Ports Summit was held'), or names the thing the topic asks a place within ('Carrow
    Moor' for 'where on the moor the fire began'): what is asked about, not an answer."""
    if fact.kind != "place":  # an organisation's name may be the answer in the topic's words
        return False
    words = [w for w in re.findall(r"\w+", fold(fact.text).lower()) if w not in STOPWORDS]
    if words and set(words) <= set(re.findall(r"\w+", fold(topic).lower())):
        return True
    # 'where on the moor the fire began': 'Carrow Moor' is the moor itself, not a place on it
    return bool(words) and bool(
        compiled(rf"\b(?:on|in|across|within)\s+the\s+{re.escape(words[-1])}\b", re.I).search(topic)
    )


def _named_unit(naming: tuple[frozenset[str], tuple[str, ...]]) -> str:
    """The unit kind a topic asks and names by a noun ('the length of', 'electricity'), else ''."""
    words, kinds = naming
    return next((k for k in kinds if k in UNIT_KINDS and any(UNIT_NOUNS.match(w) for w in words)), "")


def _counts_topic(
    text: str,
    kind: AnswerType,
    wanted: set[str],
    naming: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ()),
) -> bool:
    """Whether a sentence states a value of what the topic names: a count of its noun, a value
    whose clause holds two of its words, or a value of the kind of measure the topic asks whose
    clause names that measure ('Total cost: £31.2 million' for 'what the leisure centre rebuild
    will cost': an article on the rebuild need not name it again) or that prices the project
    it stands before ('the £34m scheme'), or a value in the units of a measure the topic names by
    its noun ('2,000 megawatts of surplus energy' for 'mining electricity')."""
    words, kinds = naming
    unit = _named_unit(naming)
    return any(
        (f.about in wanted and (not kinds or f.measure.startswith(kinds)))  # not '620 dockers' for their pay
        or len(set(f.context) & wanted) >= 2
        or (unit and of_kind(f, unit))
        or (
            any(f.measure.startswith(k) for k in kinds)
            and (_names_only(f, words) or _priced(f) and bool(words & _COST_WORDS))
        )
        for f in measured(text, kind)
    )


# Words a clause stating a measure may hold beside its name: 'Total cost:', 'The project is now
# priced at', 'is estimated to cost' (index terms).
_PLAIN = frozenset(
    "total overal estim final project scheme now put expect gbp usd eur million billion".split()
)


def _names_only(fact: Fact, words: frozenset[str]) -> bool:
    """Whether a value's clause names the measure and nothing else ('Total cost: £31.2 million',
    'The project is now priced at £31.2m'), unlike 'repairs to the quay will cost €12m'."""
    own = set(fact.context) - _PLAIN
    return bool(own & words) and own <= words


def _naming(
    topic: str, kind: AnswerType, terms_of: Callable[[str], list[str]]
) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of a topic that name the kind of measure it asks ('cost' in 'what the rebuild
    will cost'), with the other names of that measure ('price', 'budget'), as index terms; and
    the first kind it asks, as a prefix of `Fact.measure` ('amount in ')."""
    words = {t for _, cue in WANTS for m in cue.finditer(topic) for t in terms_of(m.group(0))}
    kinds = tuple(k for k in wanted_kinds(topic, kind) if k != "date")[:1]  # 'how much of the bill': a share
    if HOW_MANY.search(topic):  # 'how many drivers got the rise': a count of them
        kinds = ()
    return frozenset(words | same_measure(words)), kinds


def _feedback(
    picked: dict[str, list[Candidate]],
    slots: list[Slot],
    kind: AnswerType,
    idf: Callable[[str], float],
    terms_of: Callable[[str], list[str]],
) -> list[Slot]:
    """Terms the first statements add (relevance feedback): words that two or more sources use
    beside the topic's, most shared first, then the rarest. Where the statements give values on
    the topic, the words of those values' clauses ('evacuated from their homes'), else the words
    of the statements; not the words of an amount or share itself ('million euros' says how a
    figure is written, not what it is of; a count's noun, '6,238 BTC', does say it)."""
    known = set().union(*(s.alternatives for s in slots)) if slots else set()
    counts: Counter[str] = Counter()
    for chosen in picked.values():
        facts = [f for c in chosen for f in measured(c.sentence.text, kind)]
        # How an amount is written ('million euros'), unlike what a count counts ('6,238 BTC')
        written = {t for f in facts if not _counted(f) for t in terms_of(f.text)}
        near = {t for f in facts if set(f.context) & known for t in f.context}
        words = (near or {t for c in chosen for t in c.terms}) - written
        counts.update({t for t in words if t not in known and t not in STOPWORDS and not t[:1].isdigit()})
    covering = sum(1 for chosen in picked.values() if chosen)
    shared = [t for t, n in counts.items() if n >= min(2, covering)]  # one covering source: its words
    if not shared or not slots:
        return []
    shared.sort(key=lambda t: (-counts[t], -idf(t), t))  # the term itself breaks ties: no hash order
    terms = shared[:FEEDBACK_TERMS]
    weight = FEEDBACK_WEIGHT * sum(s.weight for s in slots) / len(terms)
    return [Slot(t, frozenset({t}), weight, True, False) for t in terms]


def _on_topic(
    facts: list[Fact],
    wanted: set[str],
    extra: set[str],
    topic_text: str,
    heads: frozenset[str] = frozenset(),
    events: frozenset[str] = frozenset(),
    measures: frozenset[str] = frozenset(),
    said: dict[int, frozenset[str]] | None = None,
    names: frozenset[str] = frozenset(),
    head: frozenset[str] = frozenset(),
) -> list[Fact]:
    """The values that measure what the topic names. A measure is on the topic when, in two or
    more sources, a value's clause shares a word with the topic. Within it, a source's values
    whose clause names the topic are kept; a source whose values do not, keeps those whose
    clause shares a feedback term or that restate an exact figure another source gives on the
    topic; other values measure something else. A value SCALE_GAP times off the others' median
    measures something else. A noun-phrase topic's `head` noun ('margin') picks the values whose
    clause names it and leaves out the measures no clause names it in; 'by how many' compares
    only values given as differences ('won by 1,854 votes')."""
    by_measure: dict[str, list[Fact]] = {}
    for f in facts:
        if not _another_event(f, events, topic_text):  # 'should reopen in 2028': not when it was built
            by_measure.setdefault(f.measure, []).append(f)
    out: list[Fact] = []
    for measure, found in by_measure.items():
        on = [f for f in found if set(f.context) & wanted]
        if not on:
            continue
        chosen: dict[str | None, list[Fact]] = {}
        differing = bool(_ASKS_DIFFERENCE.search(topic_text)) and any(states_difference(f) for f in found)
        for sid in dict.fromkeys(f.source_id for f in found):
            own = [f for f in found if f.source_id == sid]
            # a value whose clause names the topic's head noun ('won by a margin of 1,362 votes' for
            # 'the winning margin') before values sharing only its other words ('44,910 votes')
            own = [f for f in own if head & set(f.context)] or own
            if differing:  # 'by how many votes did Yes win': 'a majority of 1,854', never '54,118 votes'
                own = [f for f in own if states_difference(f)]
                if not own:
                    continue
            scored = [(_topic_score(f, wanted, topic_text), f) for f in own]
            best = max(score for score, _ in scored)
            if best > 0:
                mine = [f for score, f in scored if score == best]
            else:
                mine = [f for f in own if set(f.context) & extra or _restates(f, on)]
            # a vague time ('until the autumn') on the topic is the source's day inside it, if it gives one
            chosen[sid] = mine + [f for f in own if f not in mine and any(narrower(f, v) for v in mine)]
        chosen = _named_as_plainly(chosen, wanted, topic_text, heads)
        chosen = _of_another_thing(chosen, wanted, events)
        chosen = _of_another_measured(chosen, wanted, measures, said or {}, names)
        if measure == PERSON:  # 'who said ...': the people named with the topic's words, not in passing
            chosen = _people_on_topic(chosen, wanted, topic_text)
        kept = [
            f for sid, mine in chosen.items() for f in _on_scale(mine, sid, found, chosen, wanted, topic_text)
        ]
        if any(f.value is not None or f.high is not None for f in kept):
            # a day without a year gives way to dates with one, unless those name days too: then
            # it is compared by its day ('9 February' beside '10 February 2026')
            days = any(_a_day(f) for f in kept if f.value is not None)
            kept = [f for f in kept if f.value is not None or f.high is not None or days and _a_day(f)]
        if len({f.source_id for f in kept}) >= 2:
            out += _drop_outliers(measure, kept)
    # the measures whose clauses name the topic's head noun, when any do: 'the winning margin'
    # is a count of votes said with 'margin', not the winner's share of the vote
    named = {f.measure for f in out if head & set(f.context)}
    return [f for f in out if f.measure in named] if named else out


def _people_on_topic(
    chosen: dict[str | None, list[Fact]], wanted: set[str], topic_text: str
) -> dict[str | None, list[Fact]]:
    """Each source's people on a 'who' topic, less those of a source whose best name shares no
    more than half as many of the topic's words as the best name of any source: beside 'said
    Group Manager Ana Ruiz, the incident commander', 'Chief Fire Officer Ben Cole' (one word,
    'fire') is someone else."""
    best = {
        sid: max((_topic_score(f, wanted, topic_text) for f in mine), default=0.0)
        for sid, mine in chosen.items()
    }
    top = max(best.values(), default=0.0)
    return {sid: mine for sid, mine in chosen.items() if best[sid] * 2 > top}


def _a_day(fact: Fact) -> bool:
    """Whether a date names a day of a month ('10 February', '3 October 2026')."""
    found = calendar(fact.key) if fact.kind == "date" else None
    return found is not None and found[1] is not None


def _named_as_plainly(
    chosen: dict[str | None, list[Fact]], wanted: set[str], topic_text: str, heads: frozenset[str]
) -> dict[str | None, list[Fact]]:
    """Each source's values on the topic, less those of a source whose clauses share a single
    word with the topic, not one of its `heads`, while another source's share PLAIN_NAMING times
    as many: beside 'was ordered to pay £30,000 in court costs', 'the mayor was paid £90,000'
    shares only 'pay' and is another sum; beside 'the gate alarm was disabled in May', 'the gate
    was painted in 2019' dates another event. A source restating the exact figure or day of a
    source naming the topic plainly keeps it: 'the council has pledged £250,000' beside 'an emergency fund of £250,000'."""
    if not heads:
        return chosen
    best = {
        sid: max((_topic_score(f, wanted, topic_text) for f in mine), default=0.0)
        for sid, mine in chosen.items()
    }
    out = {}
    per_unit = bool(_EACH.search(topic_text))
    for sid, mine in chosen.items():
        others = [b for s, b in best.items() if s != sid]
        shared = {t for f in mine for t in f.context if t in wanted}
        if per_unit and any(_per_unit(f) for f in mine):  # '£250 each' for 'what each family gets'
            out[sid] = mine
            continue
        theirs = [  # the values of other sources naming the topic plainly
            f
            for s, fs in chosen.items()
            if s != sid
            for f in fs
            if _topic_score(f, wanted, topic_text) >= PLAIN_NAMING
        ]
        if (
            best[sid] == 1
            and shared
            and not shared & heads
            and others
            and max(others) >= PLAIN_NAMING
            and not any(_restates(f, theirs) for f in mine)  # '£250,000' again: the same sum, not another
        ):
            continue
        out[sid] = mine
    return out


# A topic asking an amount per recipient ('the payment each family gets'), and an amount written
# as one ('£250 each', '£40 a head', '£500 per household', '£500 to every family').
_EACH = re.compile(r"\b(?:each|every|per)\b", re.I)
_PER_UNIT = re.compile(
    r"\s*(?:each|apiece|a head|per\s+[a-z]+|(?:to|for)\s+(?:each|every)\b(?:\s+[a-z]+)?)\b", re.I
)


def _per_unit(fact: Fact) -> bool:
    """Whether an amount is written as one per recipient ('£250 each', '£500 to every family')."""
    if not fact.is_money:
        return False
    clause = fold(fact.clause)
    at = clause.lower().find(fold(fact.text).lower())
    return at >= 0 and bool(_PER_UNIT.match(clause, at + len(fact.text)))


def _of_another_thing(
    chosen: dict[str | None, list[Fact]], wanted: set[str], events: frozenset[str]
) -> dict[str | None, list[Fact]]:
    """Each source's values on a 'when was X done' topic, less those of a source whose clauses
    share only the event's word with the topic, naming no pronoun that could stand for its thing,
    while two or more other sources' clauses name the event and the thing: beside 'the mural was
    unveiled in May 2019', 'a bronze statue in another square was unveiled in 2021' dates another
    thing's event."""
    if not events:
        return chosen

    def naming_both(mine: list[Fact]) -> bool:
        return any(set(f.context) & events and set(f.context) & (wanted - events) for f in mine)

    out = {}
    for sid, mine in chosen.items():
        shared = {t for f in mine for t in f.context if t in wanted}
        others = sum(1 for s, theirs in chosen.items() if s != sid and naming_both(theirs))
        pronoun = any(_PRONOUN.search(f.clause) for f in mine)
        if shared and shared <= events and others >= 2 and not pronoun:
            continue
        out[sid] = mine
    return out


# What is yet to happen, and when, just before a date: 'should reopen in 2028', 'plan to rebuild it
# by 2030', 'will not reopen until spring' (the verb after a modal or 'to').
_TO_HAPPEN = re.compile(
    r"^.*\b(?:will|would|should|could|can|may|might|must|shall|to)\s+(?:not\s+|be\s+|have\s+|also\s+)*"
    r"([a-z]+)\s+(?:[\w'’]+\s+){0,3}?(?:in|on|by|from|until|at|during|before|after|around|about)\s+(?:the\s+)?$",
    re.I,
)
_DONE_TOPIC = re.compile(r"\b(?:was|were|has been|have been|had been)\b", re.I)


def _another_event(fact: Fact, events: frozenset[str], topic: str) -> bool:
    """Whether a date on a topic asking when something was done ('when the tannery was built')
    is given to what is yet to happen ('should reopen in 2028', 'plans to rebuild it by 2030'):
    the verb after a modal or 'to' just before the date names none of the event's words."""
    if not events or fact.kind != "date" or not _DONE_TOPIC.search(topic) or (split := around(fact)) is None:
        return False
    first = fact.text.split()[0]
    ahead = _TO_HAPPEN.search(split[0] + (first + " " if first.isalpha() else ""))
    return ahead is not None and not {t.term for t in raw_tokens(ahead.group(1))} & events


_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|this|these|which)\b", re.I)


def _of_another_measured(
    chosen: dict[str | None, list[Fact]],
    wanted: set[str],
    measures: frozenset[str],
    said: dict[int, frozenset[str]],
    names: frozenset[str] = frozenset(),
) -> dict[str | None, list[Fact]]:
    """Each source's values on a topic naming its measure and what it is of ('the cost of
    dredging the harbour'), less those of a source whose sentences (`said`: terms by citation)
    share only the measure's words (`measures`) with the topic, and whose clauses name no pronoun
    or project noun that could stand for its thing ('the scheme'), while two or more other
    sources' clauses name the measure and the thing (one, when the source's own clauses name what
    their measure is of, and it is not the topic's: 'the cost of the operation'): beside 'dredging
    the harbour will cost £3m', 'the new ferry will cost £9m' prices another thing. The topic's proper `names` do not name its
    thing: a town every article is about need not be named again ('the budget adopted on
    Tuesday' beside 'Lindmark's budget')."""
    thing = wanted - measures - names
    if not measures or not thing:
        return chosen

    def naming_both(mine: list[Fact]) -> bool:
        return any(set(f.context) & measures and set(f.context) & thing for f in mine)

    out = {}
    for sid, mine in chosen.items():
        shared = {t for f in mine for t in f.context if t in wanted}
        named = set().union(*(said.get(f.citation or 0, frozenset()) for f in mine)) & thing
        others = sum(1 for s, theirs in chosen.items() if s != sid and naming_both(theirs))
        standing_for = any(_PRONOUN.search(f.clause) or _PROJECT.search(f.clause) for f in mine)
        if shared and shared <= measures and not named and not standing_for:
            # beside one source pricing the thing, 'the cost of the operation' prices another
            if others >= 2 or others and all(_of_another(f, measures, wanted) for f in mine):
                continue
        out[sid] = mine
    return out


# The noun after a measure's 'of': 'the provisional cost of the operation' -> 'operation'.
_MEASURE_OF = re.compile(r"\b([a-z]+)\s+of\s+(?:the\s+|its\s+|their\s+|this\s+|that\s+)?([a-z]+)\b", re.I)


def _of_another(fact: Fact, measures: frozenset[str], wanted: set[str]) -> bool:
    """Whether a value's clause names the thing its measure is of, and that is not the topic's
    ('the provisional cost of the operation at £1.4m' on the cost of restoring the moor)."""
    for m in _MEASURE_OF.finditer(fold(fact.clause)):
        if {t.term for t in raw_tokens(m.group(1))} & measures:
            thing = {t.term for t in raw_tokens(m.group(2))}
            return bool(thing) and not thing & wanted
    return False


# A noun a clause may call the topic's thing by: 'the cost of the scheme had risen'.
_PROJECT = re.compile(
    r"\b(?:the|this|that)\s+(?:scheme|project|plan|programme|program|development|proposal|deal|contract|works)\b",
    re.I,
)


def _events(topic: str, kind: AnswerType, terms_of: Callable[[str], list[str]]) -> frozenset[str]:
    """The index terms of the event a 'when' topic dates ('when the mural was unveiled' ->
    'unveil'); empty for another topic."""
    if kind != "date":
        return frozenset()
    return frozenset(t for m in _PASSIVE.finditer(topic) for t in terms_of(m.group(1)))


def _measure_nouns(topic: str, terms_of: Callable[[str], list[str]]) -> frozenset[str]:
    """The index terms of the one-word nouns naming a topic's measure ('the cost of dredging the
    harbour' -> 'cost', with its other names 'price', 'budget', 'bill'); empty when it names none."""
    terms = {
        t
        for _, cue in WANTS
        for m in cue.finditer(topic)
        if " " not in m.group(0)
        for t in terms_of(m.group(0))
    }
    return frozenset(terms | same_measure(terms))


# A participle after a form of 'be' or 'have been' names the event a 'when' topic dates: 'when
# the tank alarm was switched off' -> 'switched'.
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"([a-z]+(?:ed|en|wn|ut|id|un|ound|ught|ilt|old|ost|ent|ade|eld|eft))\b",
    re.I,
)


# A topic asking by how much one value exceeds another: 'by how many votes did Yes win'.
_ASKS_DIFFERENCE = re.compile(r"^by how (?:many|much)\b", re.I)
# A value stated as such a difference: 'won by 1,854 votes', 'a majority of 1,854', '212 votes ahead'.
_BY_BEFORE = re.compile(
    r"(?:\bby|\b(?:majority|margin|lead|gap|difference) of)\s+(?:just\s+|only\s+|some\s+)?\Z", re.I
)
_MORE_AFTER = re.compile(r"^\s*(?:\w+\s+)?(?:more|fewer|less|ahead|clear|behind)\b", re.I)


def states_difference(fact: Fact) -> bool:
    """Whether a value is given as the difference between two others: after 'by' or 'a
    majority of', or before 'more', 'ahead', 'clear' ('1,362 votes ahead of the mayor')."""
    split = around(fact)
    return split is not None and bool(_BY_BEFORE.search(split[0]) or _MORE_AFTER.search(split[1]))


def _head(topic: str, terms_of: Callable[[str], list[str]]) -> frozenset[str]:
    """The index terms of a noun-phrase topic's head noun ('margin' in 'the winning margin over
    X'; `topic.topic_head`), unless it names a kind of measure the facts already carry ('the
    price', 'the share': any amount is a price); empty otherwise."""
    head = topic_head(topic)
    if head is None or any(cue.search(head) for _, cue in WANTS):
        return frozenset()
    return frozenset(terms_of(head))


def _heads(topic: str, kind: AnswerType, terms_of: Callable[[str], list[str]]) -> frozenset[str]:
    """The index terms that name what a topic measures: the words naming its measure ('costs'),
    with the word before each ('prosecution costs'), and the event a 'when' topic dates ('was
    switched off'); empty when it names neither."""
    words: list[str] = []
    for _, cue in WANTS:
        for m in cue.finditer(topic):
            if " " in m.group(0):  # 'how much', 'how long' name no noun
                continue
            before = re.findall(r"[\w'’-]+", topic[: m.start()])
            words += [m.group(0)] + ([before[-1]] if before and before[-1].lower() not in STOPWORDS else [])
    if kind == "date":
        words += [m.group(1) for m in _PASSIVE.finditer(topic)]
    for m in _CHANGED.finditer(topic):  # 'how much the drug reduced knee pain': 'reduced', 'pain'
        named = re.findall(r"[\w'’-]+", m.group(2))
        named = named[: next((i for i, w in enumerate(named) if w.lower() in STOPWORDS), len(named))]
        words += [m.group(1), *named[-1:]]
    terms = {t for w in words for t in terms_of(w)}
    return frozenset(terms | same_measure(terms))


def _on_scale(
    mine: list[Fact],
    sid: str | None,
    found: list[Fact],
    chosen: dict[str | None, list[Fact]],
    wanted: set[str],
    topic_text: str,
) -> list[Fact]:
    """A source's values on the topic, or, when they are off the scale other sources give and it
    gives others on the topic of that scale, those: beside '4,312 dead fish' and 'nearly 6,000
    dead fish', the source's 'about 4,300 fish died', not the '900 fish' it says another spill
    killed in 2011. Off the scale: on the scale of fewer than half as many other sources as the
    best-supported scale (`_support`); beside three sources' '1,362 votes' margin and three
    sources' totals of some 40,000 votes, a margin is kept."""
    theirs = {s: [f.value for f in fs if f.value and f.value > 0] for s, fs in chosen.items() if s != sid}
    theirs = {s: vs for s, vs in theirs.items() if vs}
    if len(theirs) < 2 or not mine or any(not f.value for f in mine):
        return mine
    best = max(_support(v, theirs) for vs in theirs.values() for v in vs)
    if any(_support(f.value, theirs) * 2 > best for f in mine if f.value):
        return mine
    near = [
        f
        for f in found
        if f.source_id == sid
        and f.value
        and _support(f.value, theirs) * 2 > best
        and _topic_score(f, wanted, topic_text) > 0
    ]
    return near or mine


def _support(value: float, theirs: dict[str | None, list[float]]) -> int:
    """How many sources give a value on the scale of `value` (`measures.on_scale`)."""
    return sum(any(on_scale(value, v) for v in vs) for vs in theirs.values())


def _restates(fact: Fact, on_topic: list[Fact]) -> bool:
    """Whether a value is one another source gives on the topic, however written ('€1,180
    million' beside '1.18 billion euro ... Link'): an exact figure (no qualifier) or a day ('18
    February') met again."""
    if _a_day(fact):  # '18 February' (a day, with or without its year) another source gives
        return any(o.source_id != fact.source_id and _a_day(o) and o.key == fact.key for o in on_topic)
    return (
        fact.value is not None
        and not fact.qualifier
        and any(o.source_id != fact.source_id and not o.qualifier and o.value == fact.value for o in on_topic)
    )


def _topic_score(fact: Fact, wanted: set[str], topic_text: str) -> float:
    """How plainly a value's clause is about the topic: the topic's words in it; an amount that
    prices the project it stands before ('the £52m scheme') names a cost topic's cost, and a
    value in the units a topic names ('9km' for 'the length of') its measure."""
    priced = _priced(fact) and bool(wanted & _COST_WORDS)
    return float(len(set(fact.context) & wanted) + priced + of_kind(fact, asked_unit(topic_text)))


# Nouns an amount before them prices: 'the £52m scheme' is what the scheme costs.
_PRICED = re.compile(
    r"(?:[\s-]+(?:[a-z]+[\s-]+)?)(?:scheme|project|plan|extension|development|redevelopment|rebuild|upgrade|"
    r"programme|program|line|bridge|stadium|building|expansion|contract|deal|works|refit|renovation)s?\b",
    re.I,
)
_COST_WORDS = frozenset(t for w in ("cost", "price", "budget", "bill") for t in (w, w + "s"))


def _priced(fact: Fact) -> bool:
    """Whether an amount stands before the thing it prices ('the £52m scheme', 'a $3bn rail
    project'): the cost of that thing, though the clause does not say 'cost'."""
    if not fact.is_money:
        return False
    clause = fold(fact.clause)
    at = clause.lower().find(fold(fact.text).lower())
    return at >= 0 and bool(_PRICED.match(clause, at + len(fact.text)))


_LAG_AFTER = re.compile(r"^\s+(?:after|of|from)\b", re.I)
# 'It took crews 40 minutes to reach the farm': the time to do something, not how long a state lasted.
_TOOK = re.compile(r"\b(?:took|take|takes|taken|taking)\b", re.I)
_TO_DO = re.compile(r"^\s+to\s+[a-z]", re.I)


def _lasting(facts: list[Fact], topic: str) -> list[Fact]:
    """The values that may answer a topic: for one asking how long a state lasted, not the times
    from an event (`_lag`); for any other topic, all of them."""
    if not LASTING.search(topic) or SINCE.search(topic):
        return facts
    return [f for f in facts if not _lag(f)]


def _lag(fact: Fact) -> bool:
    """Whether a duration is a time from an event ('within nine minutes of the call', '40 minutes
    after the alarm') or taken to do something ('it took crews 40 minutes to reach the farm'), not
    how long a state lasted."""
    if fact.measure != "duration" or (split := around(fact)) is None:
        return False
    before, after = split
    return bool(_LAG_AFTER.match(after) or _TOOK.search(before) and _TO_DO.match(after))


# What a thing's material would fetch, not the thing: 'the scrap value of the stolen silver'.
_MATERIAL_VALUE = re.compile(r"\b(?:scrap|melt|melt-down|meltdown|bullion)\s+(?:value|worth|price)\b", re.I)
# A sentence opening so speaks of another subject than the one before it: 'Elsewhere in the
# region, a castle museum spent £620,000', 'In a separate incident, two vans were stolen'.
_ELSEWHERE = re.compile(
    r"^\W*(?:elsewhere\b|in\s+(?:a|an)\s+(?:separate|similar|unrelated|earlier|another)\s+"
    r"(?:case|incident|development|matter|raid|attack|theft|break-in|crash|fire|accident)\b)",
    re.I,
)


# A topic asking which one of a series, when a source ranks it: 'what minute the goal went in' is
# answered by 'the 104th minute', 'in which round' by 'the third round'.
_RANK_ASKED = re.compile(r"\b(?:what|which)\s+(?P<noun>[a-z]{3,})\b", re.I)
_ORDINAL = "ordinal of "  # the measure `quantities` gives a ranked value ('ordinal of minut')


def _main(groups: list[MeasureGroup], topic: str, kind: AnswerType) -> list[MeasureGroup]:
    """The measures the topic is about. A topic naming a kind of measure ('how much of the
    tunnel' a share, 'cost' an amount, 'when' a date, 'vote' a tally, 'how many workers' a count
    of workers) keeps the groups of that kind when there are any (a topic naming a length or a
    power by its noun keeps none of another kind); a topic asking for a superseded
    value ('originally') keeps the earlier plan's values, a topic asking what is still so ('still
    out of their homes') the counts of what persists, any other topic the current ones. Then
    the group most sources state, and any other stated by more than half as many."""
    if any(g.measure == STATUS for g in groups):  # a yes/no topic: whether it happened
        return [g for g in groups if g.measure == STATUS]
    if kind == "person":  # 'who said ...': a name is asked, never a sum or a count of things
        groups = [g for g in groups if g.measure.startswith("name of ")]
        groups = [g for g in groups if g.measure == PERSON] or groups  # a person's, else a body's
    if _ASKS_TIME.search(topic):  # 'what time the order was given': the time of day, not the day
        groups = [g for g in groups if g.measure == TIME_OF_DAY] or groups
    if HOW_OFTEN.search(topic):  # 'how often is it given': an interval or a rate, never a share
        groups = [g for g in groups if how_often(g.measure)]
    unasked = by_rate(  # 'the cost of X': not its '£3.9m a year'
        {g.measure: len({s for v in g.values for s in v.source_ids}) for g in groups}, topic
    )
    groups = [g for g in groups if g.measure not in unasked]
    if ranked := _RANK_ASKED.search(topic):  # 'what minute the goal went in': the 104th, not 104 minutes
        noun = ranked["noun"].lower().rstrip("s")
        groups = [
            g
            for g in groups
            if g.measure.startswith(_ORDINAL) and noun.startswith(g.measure.removeprefix(_ORDINAL))
        ] or groups
    marker = topic_marker(topic)
    timely = [g for g in groups if marker_of(g.measure) == marker]
    groups = timely if timely or marker == STILL else groups
    wants = wanted_kinds(topic, kind)
    counted = re.search(r"\bhow many (?:of (?:the )?)?(?:\w+ ){0,2}?(\w+)", topic, re.I)
    for m in wants:
        chosen = [g for g in groups if g.measure.startswith(m)]
        if chosen or m in UNIT_KINDS and UNIT_NOUNS.search(topic):
            groups = chosen
            break
    else:
        head = counted_noun(topic)
        by_head = [g for g in groups if head and g.measure.startswith(counted_measure(head))]
        if by_head:  # 'the number of helicopter water drops': drops, not helicopters
            groups = by_head
        elif counted:
            noun = counted.group(1).lower().rstrip("s")
            chosen = [
                g
                for g in groups
                if g.measure.startswith("count of") and (g.unit or "").lower().startswith(noun[:4])
            ]
            groups = chosen or groups
        groups = [g for g in groups if not _unasked(g.measure, wants, kind)]
        if _HOW_MUCH_STUFF.search(topic) and any(g.measure.startswith("count of ") for g in groups):
            groups = [g for g in groups if g.measure != "share"]  # 'how much water': litres, not 'a third'
    if not groups:
        return []
    size = {id(g): len({s for v in g.values for s in v.source_ids}) for g in groups}
    groups = sorted(groups, key=lambda g: -size[id(g)])
    return [g for g in groups if size[id(g)] * 2 > size[id(groups[0])]]


# A change a topic asks a thing made, and what it changed: 'reduced knee pain', 'lifted milk yields'.
_CHANGE_VERB = r"(?:reduc|cut|lift|rais|increas|decreas|lower|improv|boost|eas|slash|narrow|widen|expand|shr[iau]nk|grew|grow)"
_CHANGED = re.compile(rf"\b({_CHANGE_VERB}\w*)\s+((?:[\w'’-]+\s+){{0,2}}[\w'’-]+)", re.I)


# A topic asking how much of a stuff there is ('how much water the lake holds', 'how much grain
# was lost'), not a sum ('how much the council paid') nor a change ('how much more', 'how much
# of the lake'), nor a change a thing made ('how much the drug cut pain', 'how much the new feed
# lifted yields'): what is counted in its units answers it, a share of something does not.
_HOW_MUCH_STUFF = re.compile(
    r"\bhow much\s+(?!(?:of|more|less|longer|higher|lower|bigger|smaller|further|extra|the|a|an|it|they|"
    r"is|was|are|were|will|would|did|does|do|has|have|had|can|could|should|money|cash)\b)[a-z]{3,}\b"
    rf"(?!\s+(?:has\s+|have\s+|had\s+)?{_CHANGE_VERB})",
    re.I,
)


def _unasked(measure: str, wants: list[str], kind: AnswerType) -> bool:
    """Whether a measure answers nothing a topic asks, where the topic asks a kind no group is
    of: a 'when' topic is answered by a date, never a count ('when the leak was found': not '40
    anglers'); a length, power or area (`UNIT_KINDS`) only a topic asking that kind ('how much of
    the lagoon was emptied': not the '12 metres' of its breach). A share may answer a topic asking
    a sum ('how much more the drivers are paid': '5%'), and a count any topic naming no kind; a
    topic asking how long is answered by no sum nor share ('a loss of £84m last year')."""
    if kind == "date":
        return not measure.startswith("date")
    if "duration" in wants and not {"amount in ", "share"} & set(wants):  # 'how long it lasted': no sum
        return measure.startswith(("amount in ", "share"))
    return bool(wants) and any(measure.startswith(m) for m in UNIT_KINDS if m not in wants)


def _drop_outliers(measure: str, facts: list[Fact]) -> list[Fact]:
    """The values on the scale most sources give (SCALE_GAP), not on the median of all values,
    which falls between two clusters; between two scales as widely given, the one nearer the
    median."""
    if measure in ("date", "vote tally"):
        return facts
    theirs: dict[str | None, list[float]] = {}
    for f in facts:
        if f.value and f.value > 0:
            theirs.setdefault(f.source_id, []).append(f.value)
    if sum(len(vs) for vs in theirs.values()) < 3:
        return facts
    mid = median(v for vs in theirs.values() for v in vs)
    best = max(
        (v for vs in theirs.values() for v in vs),
        key=lambda v: (_support(v, theirs), -abs(math.log(v / mid))),
    )
    return [f for f in facts if on_scale(f.value, best)]


def _differs(g: MeasureGroup) -> bool:
    return any(v.status in ("conflict", "different period") for v in g.values)


def _agreement(g: MeasureGroup) -> Agreement:
    """An agreement lists each wording once: values written alike (one 'as of July 2025', one
    undated) are shown as one, with all their sources and citations."""
    main = max(g.values, key=lambda v: len(v.source_ids))
    shown: dict[str, Value] = {}
    for v in g.values:
        if v.value not in shown:
            shown[v.value] = v.model_copy(deep=True)
            continue
        same = shown[v.value]
        same.source_ids += [s for s in v.source_ids if s not in same.source_ids]
        for n, text in zip(v.citations, v.texts, strict=False):
            if n not in same.citations:
                same.citations.append(n)
                same.texts.append(text)
    return Agreement(
        about=g.about,
        value=main.value,
        source_ids=list(dict.fromkeys(s for v in g.values for s in v.source_ids)),
        values=list(shown.values()),
    )
