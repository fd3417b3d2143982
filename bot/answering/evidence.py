"""Evidence selection: sentences of the top passages, scored for how well they answer.

A question becomes slots, one per content word; a slot is satisfied by the word's index
term or by a concept token it is part of ('bitcoin' by 'btc'). A sentence's coverage is the
idf-weighted share of slots it satisfies; words the corpus lacks weigh as much as its rarest
term, so a question about something absent cannot be covered. The sentence score adds
the passage's BM25 score, the passage context (heading and neighbouring sentences) and
whether the sentence holds the kind of answer asked for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from bot.answering.facts import NUMBER_WORDS, PERSON_TITLES, WEEKDAYS, dates, entities, quantities
from bot.answering.features import (
    YEAR,
    Ranker,
    bigram_share,
    compactness,
    contrast_conflict,
    contrast_values,
    default_ranker,
    length_feature,
    numbers_in,
    time_elsewhere,
)
from bot.answering.models import AnswerType, Citation, Evidence, Fact
from bot.answering.peers import fold_name, has_name, peer_conflict, peers, question_names, relation_held
from bot.answering.question import (
    BOSS_ROLES,
    FRAME_WORDS,
    LEAD_VERBS,
    ROLE_VERBS,
    asks_role_of,
    money_sense,
    relation_asked,
    role_phrase,
    wants_money,
)
from retrieval.analyzer import STOPWORDS, Query, raw_tokens
from retrieval.dates import MONTHS
from retrieval.index import Index
from retrieval.models import Hit, Sentence
from retrieval.passages import sentences

# A sentence that opens with a pronoun needs the sentence before it to say who or what it is.
PRONOUN_LEAD = re.compile(r"^(?:It|He|She|They|This|These|Its|His|Her|Their|There)\b")
TOP_PASSAGES = 12
# Lines without closing punctuation run together: a list of teasers or links copied with a page,
# not a sentence an article states.
_RUN_TOGETHER = re.compile(r"[^.!?:;\"”’)\s][ \t]*\n")
_TIME_WORD = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|1[5-9]\d\d|20\d\d)$",
    re.I,
)
MIN_TYPED_COVERAGE = 0.2  # below this a sentence is never quoted, so its answer type is not checked
TYPED_KINDS = ("quantity", "date", "person", "organisation", "place")
UNKNOWN_WEIGHT = 1.0  # a question word no article contains weighs as much as the rarest term
_REASON_CUE = re.compile(
    r"\b(?:because|due to|owing to|as a result|since|so that|in order to|aim(?:s|ed)? to|aimed at|designed to|"
    r"intended to|to (?:reduce|help|promote|support|utili[sz]e|convert|strengthen|curb|empower|reclaim|"
    r"foster|garner|accelerate|leverage|avoid|prevent|ensure|improve|drive)|worr(?:y|ies|ied) about|"
    r"concern(?:s|ed)? (?:about|that|over)|driven by|thanks to|reason|motivat|strategic move|"
    r"the aim is|the goal is|purpose)\b",
    re.I,
)
_SPEECH = re.compile(
    r"\b(?:said|says|told|stated|added|argued|warned|claimed|announced|promised|noted|"
    r"insisted|according to|called)\b|[\"“”]",
    re.I,
)
_DEFINING = re.compile(
    r"\b(?:is|are|was|were|refers to|means|represents|describes|called|known as)\b|[—:(]|"
    r", (?:a|an|the)\b|[A-Z]\w+, (?:[a-z]+ ){0,2}(?:of|at|for)\b"
)


# 'when' answers beyond full dates: weekdays, months, years, clock times, relative days.
_WHEN = re.compile(
    r"\b(?:(?:on |by |from |until )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"|(?:in |by |from |until )?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?: \d{4})?|(?:in |by |since |until )(?:1[5-9]\d\d|20\d\d)s?"
    r"|\d{1,2}(?:[:.]\d{2})? ?(?:a\.m|p\.m|am|pm)|\d{1,2}[:.]\d{2}(?= ?h\b| hours\b)|noon|midnight"
    r"|tomorrow|yesterday|tonight"
    r"|(?:next|last|this) (?:week|month|year|spring|summer|autumn|fall|winter))\b",
    re.I,
)
# Places written as dotted abbreviations after a preposition: 'born in the U.K.'.
_DOTTED_PLACE = re.compile(r"\b(?:in|at|from|to|near) (?:the )?((?:[A-Z]\.){2,})")


@dataclass(frozen=True)
class Slot:
    surface: str
    alternatives: frozenset[str]
    weight: float
    known: bool
    proper: bool


@dataclass
class Candidate:
    hit: Hit
    sentence: Sentence
    terms: frozenset[str]
    coverage: float = 0.0
    context: float = 0.0
    type_match: bool = False
    score: float = 0.0
    position: int = 0
    covered: list[str] = field(default_factory=list)
    features: list[float] = field(default_factory=list)  # in the order of features.FEATURES
    contrast_conflict: bool = False  # names another year, month, compass point, ordinal... than the question
    peer_conflict: bool = False  # names a peer of the question's name and not the name (peers.py)
    other_subject: bool = False  # lacks a name the question asks about and names something else
    eligible: bool = True  # may answer: holds the asked kind of answer, names no other time

    @property
    def source_id(self) -> str:
        return self.hit.passage.source_id

    def evidence(self) -> Evidence:
        s = self.sentence
        return Evidence(
            source_id=self.source_id,
            passage_id=self.hit.passage.id,
            sentence_id=s.id,
            quote=s.text,
            start=s.start,
            end=s.end,
            score=round(self.score, 4),
            coverage=round(self.coverage, 3),
            type_match=self.type_match,
            matched_terms=self.covered,
        )


def cite(index: Index, c: Candidate, n: int, span: Sentence | None = None) -> Citation:
    """Citation number `n` of a candidate's sentence (or of `span`, a wider verbatim span around
    it), with its source's metadata and the ids and offsets that make the quote checkable
    (`document.text[start:end] == quote`)."""
    meta = index.documents[c.source_id].meta
    s = span or c.sentence
    return Citation(
        n=n,
        source_id=c.source_id,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        url=meta.url,
        passage_id=c.hit.passage.id,
        sentence_id=s.id,
        quote=s.text,
        start=s.start,
        end=s.end,
    )


def question_slots(index: Index, query: Query, merge_names: bool = False) -> list[Slot]:
    """One slot per content word of the question, with the concept tokens that satisfy it too.

    With `merge_names`, a name of several capitalised words ('El Salvador') weighs as its
    rarest word shared among them: a comparison topic is then not covered by the name alone.
    Answers keep per-word weights, since the names in a question are what it hinges on, and
    match a word by its synonyms too (retrieval.synonyms, WordNet's frequent senses); a
    comparison topic names the measure compared, so its words stay literal."""
    concepts = [t for t in query.terms if t not in {w.term for w in query.words}]
    phrase_of = {c: index.analyzer.equivalences.phrases_of(c) for c in concepts}
    slots: dict[str, Slot] = {}
    names: list[list[str]] = [[]]  # runs of capitalised words: 'El Salvador' is one name
    for w in query.words:
        if (
            w.surface in FRAME_WORDS
            or w.term in slots
            or (not w.known and _misspelt_function_word(w.surface))
        ):
            names.append([])
            continue
        if w.capitalized:
            names[-1].append(w.term)
        else:
            names.append([])
        alts = {w.term} | index.stats.related(w.term)
        if not merge_names:  # an answer's words may be the question's in other words ('wed': 'married')
            alts |= {t for t in index.analyzer.synonyms(w.term) if t in index.stats.df}
        for c, phrases in phrase_of.items():
            if any(w.term in p for p in phrases):
                alts.add(c)
        known = w.known or len(alts) > 1
        weight = (
            index.stats.idf(w.term)
            if w.known
            else (
                max(index.stats.idf(a) for a in alts - {w.term})
                if known
                else UNKNOWN_WEIGHT * index.stats.idf(w.term)
            )
        )
        proper = w.proper and not (len(w.surface) <= 3 and not known)  # 'US', 'UK' qualify, not name
        if _TIME_WORD.match(w.surface):  # held to the question by contrast_conflict, not by coverage
            weight *= 0.5
        slots[w.term] = Slot(w.surface, frozenset(alts), weight, known, proper)
    for run in (r for r in names if len(r) > 1 and merge_names):
        # A name of several words weighs as its rarest word, shared among its words.
        share = max(slots[t].weight for t in run) / len(run)
        for t in run:
            slots[t] = replace(slots[t], weight=share)
    return list(slots.values())


_FUNCTION_WORDS = sorted(w for w in STOPWORDS | FRAME_WORDS if len(w) >= 3)


def _misspelt_function_word(word: str) -> bool:
    """'mutch', 'waht': a typo of a question word, not a content word the corpus lacks. The first
    letter must agree, as for other typos ('bought' is not 'ought')."""
    if len(word) < 3:
        return False
    same_start = [w for w in _FUNCTION_WORDS if w[0] == word[0]]
    return process.extractOne(word, same_start, scorer=OSA.distance, score_cutoff=1) is not None


def coverage(slots: list[Slot], terms: frozenset[str] | set[str]) -> tuple[float, list[str]]:
    total = sum(s.weight for s in slots)
    if not total:
        return 0.0, []
    hit = [s for s in slots if s.alternatives & terms]
    return sum(s.weight for s in hit) / total, [s.surface for s in hit]


def new_words(text: str, slots: list[Slot]) -> bool:
    """True when a fact's words are not all in the question (the fact is new information)."""
    known = set().union(*(s.alternatives for s in slots)) if slots else set()
    terms = {t.term for t in raw_tokens(text)}
    return bool(terms - known) if terms else False


@dataclass(frozen=True)
class Role:
    """The role a 'who' question names ('prime minister'): its terms, concept tokens for it, and
    the question's other terms (whose role it is: 'mayor of Lowmark')."""

    words: frozenset[str]
    concepts: frozenset[str]
    owners: frozenset[str] = frozenset()
    named_owners: frozenset[str] = frozenset()  # of the owners, the names the question writes

    def named_near(self, text: str, name: Fact, terms_of: Callable[[str], list[str]]) -> bool:
        """Whether the role stands beside the name: 'President Nayib Bukele', 'Saqib, CEO of'."""
        at, length = _find_name(text, name.text)
        if at < 0:
            return False
        # The words right before the name, back to a stopword or punctuation: 'Finance Minister',
        # 'regional transport commissioner', 'The mayor of Ravensby,' (a comma before it is skipped).
        before: list[str] = []
        for word in reversed(re.findall(r"[\w’'.-]+|[,;:()\"“”]", text[:at])[-6:]):
            if word == "," and not before:
                continue
            low = word.lower()
            if not word[:1].isalnum() or (low in STOPWORDS and low != "of") or len(before) == 4:
                break
            before.insert(0, word)
        lowered = [w.lower() for w in before]
        if lowered[-1:] == ["of"]:
            return False  # 'the mayor of Oakvale': the name is whose role it is, not its holder
        if "of" in lowered[1:]:  # 'the mayor of Ravensby, Tom Hale': Ravensby's mayor, not Lowmark's
            owner = set(terms_of(" ".join(before[lowered.index("of") + 1 :])))
            if owner and not owner <= self.owners:
                return False
        rest = text[at + length :].lstrip()
        after = rest[1:].split()[:4] if rest.startswith(",") else []  # '..., CEO of the PCC'
        if self.named_owners and "of" in [w.lower() for w in after[1:]]:
            # 'Callum Byrne, chief executive of Ostrey Metro' is Ostrey's, not the Brennmouth
            # Partnership's: the question's name is missing there and another name stands instead
            words = rest[1:].split()
            of = [w.lower() for w in words].index("of")
            owner = re.split(r"[,;:.()]", " ".join(words[of + 1 : of + 7]))[0]
            names = set(terms_of(" ".join(_NAME.findall(" " + owner))))
            if not self.named_owners <= set(terms_of(owner)) and names - self.owners:
                return False
        if m := _ROLE_AFTER.match(rest):  # 'Pryce the first captain', 'Ruiz became its chair'
            after = rest[m.end() :].split()[:3]
        window = set(terms_of(" ".join(before + after)))
        if (by := _BY_ROLE.search(text[:at])) and set(terms_of(by[1])) & (self.words | self.concepts):
            # 'The PCC, led by Bilal Bin Saqib' leads the PCC: whose role it is stands before
            owners = self.owners - self.words - self.concepts
            return not owners or bool(set(terms_of(text[: by.start()])) & owners)
        return self.words <= window or bool(self.concepts & window) or self._subject_of(text[:at], terms_of)

    def _subject_of(self, before: str, terms_of: Callable[[str], list[str]]) -> bool:
        """'The current president, elected in 2016, is the former wicket-keeper Priya Dhanraj': the
        role opens the sentence and the name completes its 'is' / 'was'."""
        m = _ROLE_SUBJECT.match(before)
        if not m or re.search(r"\b(?:of|for|at)\s+[A-Z]", m["role"]):
            return False  # 'The mayor of Ravensby is ...' names Ravensby's mayor: named_near's part
        role = set(terms_of(m["role"]))
        return bool(role) and (self.words <= role or bool(self.concepts & role))


def _find_name(text: str, name: str) -> tuple[int, int]:
    """Where a name stands in `text` and its length there, whatever spaces part its words
    ('Muhammad\\xa0Aurangzeb'); (-1, 0) when it does not."""
    m = re.search(r"\s+".join(map(re.escape, name.split())), text)
    return (m.start(), m.end() - m.start()) if m else (-1, 0)


_ROLE_AFTER = re.compile(
    r"(?:(?:is|was|became|becomes|served as|serves as|as)\s+)?(?:the|its|their)\s+", re.I
)
_ROLE_VERB_OF = {forms[0]: forms for forms in ROLE_VERBS.values()}
# 'chaired by Ana Ruiz', 'led by Ana Ruiz': the role's verb before the name
_BY_ROLE = re.compile(
    r"\b([\w-]+)\s+(?:jointly\s+|operationally\s+)?by\s+(?:the\s+|a\s+)?(?:[\w.’'-]+\s+){0,4}$"
)  # 'chaired by Finance Minister Ana Ruiz', 'led by the retired judge Helena Varga' too


_ROLE_SUBJECT = re.compile(
    r"^(?:The|Its|Their|[A-Z][\w’'-]*['’]s)\s+(?P<role>(?:[\w-]+\s+){0,2}[\w-]+)\b"
    r"(?:,[^,.;]{0,60},)?\s+(?:is|was|has been)\s+(?:now\s+)?(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}$"
)


def _is_money(fact: Fact) -> bool:
    """An amount in a currency (quantities reads '€2m', '18,000 marks', 'Rs 500' as 'amount in X')."""
    return fact.is_money or any(sign in fact.text for sign in "$€£")


# A sum's own clause says whether it was paid or is a valuation (stems, as quantities reads them).
_PAID_STEMS = frozenset({"pay", "spend", "buy", "purchas", "cost", "price"})
_VALUE_STEMS = frozenset({"valu", "valuat"})


def sense_fits(sense: str | None, fact: Fact) -> bool:
    """Whether a sum can be the one asked: a holding 'valued at $745 million' is not what was paid
    for it, nor is a price paid what a thing is worth now. A sum whose clause says neither passes."""
    words = set(fact.context)
    if sense == "paid":
        return not (words & _VALUE_STEMS) or bool(words & _PAID_STEMS)
    if sense == "value":
        return not (words & _PAID_STEMS) or bool(words & _VALUE_STEMS)
    return True


@dataclass(frozen=True)
class Asked:
    """What a question asks for, as constraints a quoted sentence must hold: the answer type and,
    where its wording names them, a role ('who is the mayor of X'), a place proper ('where'), an
    amount of money, a measure ('in megawatts', 'how many'), a size's dimension ('how tall'), or
    the end of a period ('how long may it run' is answered by 'until 2031')."""

    kind: AnswerType
    slots: tuple[Slot, ...]
    role: Role | None = None
    strict_place: bool = False
    money: bool = False
    money_sense: str | None = None  # 'paid' or 'value' (question.money_sense)
    measure: str | None = None
    dimension: str | None = None
    until: bool = False
    company_ok: bool = False  # 'who owns / built / bought ...' is answered by a company too
    role_of: bool = False  # 'what is X's role?' is answered by a title or job beside X's name
    peers: frozenset[str] = frozenset()  # folded names paired with the asked ones (peers.peers)

    def own(self, fact: Fact) -> bool:
        """Whether a figure may be the asked one's: not one the sentence gives to a peer ('El
        Salvador holds 6,238 BTC' does not say what Pakistan holds, even beside 'Pakistan')."""
        return not (fact.subject and fold_name(fact.subject) in self.peers)

    @classmethod
    def of(cls, index: Index, query: Query, kind: AnswerType, slots: list[Slot]) -> Asked:
        role = None
        if role_words := role_phrase(query.text):
            role_terms = index.analyzer.terms(" ".join(role_words))
            words = {t.term for t in raw_tokens(" ".join(role_words))}
            owners = set().union(*(sl.alternatives for sl in slots)) if slots else set()
            if role_words == ["boss"]:  # any role of whoever runs it
                words = {"boss"}
                role_terms = [t for r in (*BOSS_ROLES, *LEAD_VERBS) for t in index.analyzer.terms(r)]
            elif verb := _ROLE_VERB_OF.get(role_words[0]):  # 'who chairs X': 'its chairman', 'chaired by'
                role_terms = index.analyzer.terms(" ".join(verb))
            named = set().union(*(sl.alternatives for sl in slots if sl.proper)) if slots else set()
            role = Role(
                frozenset(words),
                frozenset(set(role_terms) - words),
                frozenset(owners),
                frozenset(named - words),
            )
        quantity = kind == "quantity"
        return cls(
            kind=kind,
            slots=tuple(slots),
            role=role,
            strict_place=bool(re.match(r"\s*where\b", query.text, re.I)),
            money=wants_money(query.text),
            money_sense=money_sense(query.text) if quantity else None,
            measure=_measure_of(query) if quantity else None,
            dimension=asked_dimension(query.text) if quantity else None,
            until=quantity and bool(_HOW_LONG.search(query.text)),
            company_ok=kind == "person" and bool(_COMPANY_ACTS.search(query.text)),
            role_of=asks_role_of(query.text),
        )

    def held_by(self, text: str, terms_of: Callable[[str], list[str]]) -> bool:
        """Whether a sentence (HTML entities decoded) holds what is asked, beyond the question's
        own words."""
        held = (
            type_match(self, text, terms_of)
            and (self.measure is None or measure_fits(self.measure, text, self.own))
            and dimension_fits(self.dimension, text)
            and (
                self.dimension is None
                or size_subject_fits(set().union(*(sl.alternatives for sl in self.slots)), text, terms_of)
            )
        )
        since = self.measure is not None and "duration" in self.measure and bool(_SINCE.search(text))
        return held or since or (self.until and bool(_UNTIL.search(text)))  # 'since 1986' says how long


def type_match(asked: Asked, text: str, terms_of: Callable[[str], list[str]]) -> bool:
    """Whether a sentence (HTML entities decoded) holds an answer of the kind asked for, beyond
    the question's own words.

    A 'who is the <role> of ...' question needs a name with that role beside it; a 'where'
    question needs a place (after 'in' or 'at', or an event venue), not just any name."""
    kind, slots, role = asked.kind, list(asked.slots), asked.role
    if asked.role_of:
        asked_terms = set().union(*(sl.alternatives for sl in slots)) if slots else set()
        return any(
            f.kind == "person" and set(terms_of(f.text)) <= asked_terms and titled(text, f.text)
            for f in entities(text)
        )
    if kind == "person" and role is not None:
        return any(
            new_words(f.text, slots) and role.named_near(text, f, terms_of)
            for f in entities(text)
            if f.kind == "person"
        )
    if kind == "place" and asked.strict_place:
        return any(new_words(f.text, slots) for f in entities(text) if f.kind == "place") or any(
            m.replace(".", "").lower() not in {a for sl in slots for a in sl.alternatives}
            for m in _DOTTED_PLACE.findall(text)
        )
    if kind == "quantity" and asked.money:
        return any(
            new_words(f.text, slots)
            for f in quantities(text)
            if _is_money(f) and sense_fits(asked.money_sense, f) and asked.own(f)
        )
    if kind == "quantity":
        wanted = set().union(*(s.alternatives for s in slots)) if slots else set()
        return any(
            new_words(f.text, slots)
            and asked.own(f)
            and (
                f.text.split()[0].lower() not in NUMBER_WORDS
                or f.about in wanted
                or _counts(f, text, wanted, terms_of)
            )
            for f in quantities(text)
        )  # 'four pillars' answers 'how many pillars', not any count
    if kind == "date":
        return any(new_words(f.text, slots) for f in dates(text)) or any(
            new_words(m, slots) for m in _WHEN.findall(text)
        )
    if kind in ("person", "organisation", "place"):
        wanted = {"person": {"person"}, "organisation": {"organisation"}, "place": {"place", "person"}}[kind]
        if kind == "person" and asked.company_ok:
            wanted = {"person", "organisation"}
        found = entities(text)
        return any(new_words(f.text, slots) for f in found if f.kind in wanted) or (
            kind != "person" and any(new_words(f.text, slots) for f in found)
        )
    if kind == "reason":
        return bool(_REASON_CUE.search(text))
    if kind == "statement":
        return bool(_SPEECH.search(text))
    if kind == "list":
        return text.count(",") >= 2 or ":" in text or " including " in text
    if kind == "definition":
        return bool(_DEFINING.search(text))
    return True


_TITLE_LINKS = frozenset({"of", "to", "the", "on", "for", "and", "at", "'s", "’s"})
_APPOSITION = re.compile(
    r"^\s*(?:,\s*(?:a|an|the|its|his|her|their)?\s*(?:[\w’'-]+\s+){0,5}?[\w’'-]+\s*(?:,|who\b|since\b|at\b|for\b)"
    r"|\s+(?:is|was|serves as|served as|works as|worked as)\s+(?:a|an|the|its|their)\b)"
)


def titled(text: str, name: str) -> bool:
    """Whether a title or job stands beside `name` in `text`: before it, back to the first verb
    or preposition ('Pakistan Crypto Council CEO Ana Ruiz', 'Special Assistant to the Prime
    Minister on Trade, Ana Ruiz'), or after it as an apposition or a copula ('Ana Ruiz, a forklift
    driver who ...', 'Ana Ruiz is the council's planning officer'). 'led by Ana Ruiz' is no title."""
    at, length = _find_name(text, name)
    if at < 0:
        return False
    for word in reversed(re.findall(r"[\w’'.-]+|[^\w\s]", text[:at])[-14:]):
        low = word.lower()
        if low in PERSON_TITLES:
            return True
        if word == "," or low in _TITLE_LINKS or word[:1].isupper():
            continue
        break
    return bool(_APPOSITION.match(text[at + length :]))


def _counts(fact: Fact, text: str, wanted: set[str], terms_of: Callable[[str], list[str]]) -> bool:
    """A count in words whose noun comes after its adjectives: 'four permanent noise monitors'
    counts monitors (the extractor reads 'four permanent')."""
    at = text.find(fact.text)
    if at < 0:
        return False
    following = re.findall(r"[\w'-]+", text[at + len(fact.text) :])[:3]
    return bool(set(terms_of(" ".join(following))) & wanted)


def _figure_spans(text: str, money: bool) -> list[tuple[int, int]]:
    """Where the sentence's amounts (only sums of money when `money`) and counts stand
    (character spans), years left out."""
    out = []
    for f in quantities(text):
        at = text.find(f.text)
        if at >= 0 and not YEAR.fullmatch(f.text.strip()) and (_is_money(f) or not money):
            out.append((at, at + len(f.text)))
    return out


def written_as_name(word: str, texts: list[str]) -> bool:
    """Whether a question word typed in lower case ('how much was gareth pryce paid') is a name
    in the articles: rare in English (wordfreq) and, wherever `texts` hold it, capitalised past a
    sentence's start."""
    return _rare(word) and capitalised_in(word, texts)


def capitalised_in(word: str, texts: list[str]) -> bool:
    """Whether a word typed in lower case is capitalised wherever `texts` hold it, and somewhere
    past a sentence's start ('pakistan' for Pakistan)."""
    if not word.isalpha() or not word.islower():
        return False
    seen = [
        m
        for t in texts
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])(?!['’](?!s\b)\w)", t, re.I)
    ]  # 'Marrick's' writes Marrick
    return (
        bool(seen)
        and all(m[0][:1].isupper() for m in seen)
        and any(not re.search(r"(?:^|[.!?:;\"“]\s*)$", m.string[: m.start()]) for m in seen)
    )


def gather(
    index: Index,
    query: Query,
    kind: AnswerType,
    slots: list[Slot],
    hits: list[Hit] | None = None,
    ranker: Ranker | None = None,
) -> list[Candidate]:
    """Every sentence of the top passages with its features (features.FEATURES), scored by the
    fitted ranker as the probability that it answers the question; best first."""
    hits = hits if hits is not None else index.search(query, TOP_PASSAGES)
    if not hits:
        return []
    ranker = ranker or default_ranker()
    asked = Asked.of(index, query, kind, slots)
    top = hits[0].score or 1.0
    slot_terms = set().union(*(sl.alternatives for sl in slots)) if slots else set()
    question_terms = [w.term for w in query.words if w.term in slot_terms]
    texts = [h.passage.text for h in hits]
    propers = [sl for sl in slots if sl.proper or written_as_name(sl.surface, texts)]
    total = sum(sl.weight for sl in slots) or 1.0
    question_numbers = numbers_in(query.text)
    question_contrasts = contrast_values(query.text)
    typed = kind in TYPED_KINDS
    split = [(hit, sentences(hit.passage)) for hit in hits]
    relation = relation_asked(query.text) if kind == "definition" else None
    # Names paired in the sentences read or in their articles' titles ('Pakistan and El Salvador
    # Forge ... Partnership' makes each the other's peer).
    asked_names = question_names(query.text)
    for sl in slots:  # 'pakistan' typed in lower case names Pakistan, which the articles capitalise
        name = fold_name(sl.surface)
        if (
            not sl.proper
            and re.search(rf"(?<!\w){re.escape(sl.surface)}(?!\w)", query.text)  # typed in lower case
            and sl.surface.lower() not in _CALENDAR
            and not any(name in n.split() for n in asked_names)
            and capitalised_in(sl.surface, texts)
        ):
            asked_names.append(name)
    names_peers: dict[str, set[str]] = {}
    if asked_names:
        read = [s.text for _, sents in split for s in sents]
        titles = {index.documents[h.passage.source_id].meta.title or "" for h in hits}
        names_peers = peers(asked_names, read, sorted(titles))
        if any(names_peers.values()):
            written = fold_name("\n".join(read))
            names_peers = {
                name: {within_text(p, written) for p in found} for name, found in names_peers.items()
            }
    if kind == "quantity" and names_peers:
        asked = replace(asked, peers=frozenset(set().union(*names_peers.values())))
    terms_of = {s.id: index.analyzer.terms(s.text) for _, sents in split for s in sents}
    avg_len = sum(len(t) for t in terms_of.values()) / max(len(terms_of), 1)
    bm25 = {sid: sentence_bm25(slots, t, avg_len) for sid, t in terms_of.items()}
    bm25_top = max(bm25.values(), default=0.0) or 1.0
    bm25_max = sum(sl.weight for sl in slots) * (BM25_K1 + 1) or 1.0
    title_terms: dict[str, frozenset[str]] = {}
    full_names = [m for m in asked_names if len(m.split()) > 1]
    # A question word's opposites (WordNet antonyms, retrieval.synonyms): a sentence that says the
    # opposite and not the word itself tells of another event ('opened' for 'close', 'rose' for 'fall').
    opposites = [
        (sl, ants)
        for sl in slots
        if not sl.proper
        and (ants := frozenset(t for a in sl.alternatives for t in index.analyzer.antonyms(a)))
    ]
    source_texts: dict[str, list[tuple[str, str]]] = {}  # each passage read, as written and folded
    if full_names:
        for hit in hits:
            source_texts.setdefault(hit.passage.source_id, []).append(
                (hit.passage.text, fold_name(hit.passage.text))
            )
    title_numbers: dict[str, set[str]] = {}
    out: list[Candidate] = []
    for hit, sents in split:
        p = hit.passage
        if p.source_id not in title_terms:
            title = index.documents[p.source_id].meta.title
            title_terms[p.source_id] = frozenset(index.analyzer.terms(title)) if title else frozenset()
            title_numbers[p.source_id] = numbers_in(title or "")
        sent_terms = [terms_of[s.id] for s in sents]
        # The words in order, without the concept tokens the analyzer adds after them ('bitcoin'
        # is followed by 'btc'), for adjacency: 'Bitcoin diplomacy' is a question bigram held.
        sent_words = [[t.term for t in raw_tokens(s.text)] for s in sents]
        sent_sets = [frozenset(t) for t in sent_terms]
        heading_terms = frozenset(index.analyzer.terms(p.heading)) if p.heading else frozenset()
        passage_terms = frozenset().union(*sent_sets) if sent_sets else frozenset()
        heading_numbers = numbers_in(p.heading or "")
        for i, (s, terms) in enumerate(zip(sents, sent_sets, strict=False)):
            cov, covered = coverage(slots, terms)
            near_terms = terms | heading_terms
            near, _ = coverage(slots, near_terms)
            wide, _ = coverage(slots, passage_terms | heading_terms)
            c = Candidate(
                hit, s, terms, coverage=cov, context=0.5 * near + 0.5 * wide, position=i, covered=covered
            )
            # Only a sentence that covers some of the question can be quoted; skip the fact
            # extraction for the rest.
            led = i > 0 and PRONOUN_LEAD.match(s.text) is not None
            local = coverage(slots, terms | sent_sets[i - 1])[0] if i else cov  # with the sentence before
            if cov >= MIN_TYPED_COVERAGE or (led and local >= MIN_TYPED_COVERAGE):
                # ('It fuses at 1,240 °C' after the sentence naming the glaze)
                plain = html.unescape(s.text)  # '&pound;2.5&nbsp;million' is an amount (matching only)
                if kind in ("person", "organisation") and led:
                    plain = f"{html.unescape(sents[i - 1].text)} {plain}"  # 'She founded it' names her before
                c.type_match = asked.held_by(plain, index.analyzer.terms)
            # The article's title carries the subject of its sentences ('The club was founded in
            # 1887' under 'Kestrelford Athletic'): names and slots held there are not missing.
            titled_terms = near_terms | title_terms[p.source_id]
            context_terms = titled_terms | (sent_sets[i - 1] if i else frozenset())
            gone = [sl for sl in slots if not sl.alternatives & titled_terms]
            missing = max((sl.weight for sl in gone), default=0.0)
            # The question's names the sentence lacks, with its article's title and, when it opens
            # with a pronoun, the sentence before ('She moved the court' names her there).
            absent = []
            if propers:
                own = terms | title_terms[p.source_id] | (sent_sets[i - 1] if led else frozenset())
                absent = [
                    sl
                    for sl in propers
                    if not sl.alternatives & (own if sl.proper else own | passage_terms)
                    and sl.surface.lower() not in _CALENDAR
                ]  # a name typed in lower case is held by its passage ('The river' after 'the Tamsin')
            if absent and full_names:
                # 'Ferreira-Lowe scored 22 goals' names 'Dani Ferreira-Lowe' once her article has
                # named her in full and nobody else of that surname.
                held = {
                    t
                    for name in full_names
                    if by_surname(name, s.text, source_texts[p.source_id])
                    for t in index.analyzer.terms(name)
                }
                absent = [sl for sl in absent if not sl.alternatives & held]
            other_subject = bool(absent) and _other_names(s.text, index.analyzer.terms, slot_terms)
            numbers = (
                numbers_in(s.text)
                | heading_numbers
                | title_numbers[p.source_id]
                | (numbers_in(sents[i - 1].text) if i else set())
            )
            new = [t for t in sent_terms[i] if t not in slot_terms]
            c.features = [
                cov,
                near,
                wide,
                hit.score / top,
                1.0 / (1.0 + hit.rank),
                float(c.type_match),
                float(typed and not c.type_match),
                bigram_share(question_terms, sent_words[i]),
                compactness(slot_terms, sent_words[i]),
                length_feature(s.text),
                _shape_penalty(s.text),
                float(i == 0),
                (sum(1 for sl in propers if sl.alternatives & context_terms) / len(propers))
                if propers
                else 1.0,
                missing / total,
                float(bool(question_numbers - numbers)),
                len(new) / len(sent_terms[i]) if sent_terms[i] else 0.0,
                bm25[s.id] / bm25_max,
                bm25[s.id] / bm25_top,
                local,
                coverage(slots, titled_terms)[0],
                float(len(gone) == 1 and len(slots) > 1 and gone[0].known),
                float(len(gone) == 1 and len(slots) > 1 and not gone[0].known),
                len(absent) / len(propers) if propers else 0.0,
                float(other_subject),
            ]
            c.contrast_conflict = contrast_conflict(question_contrasts, f"{p.heading or ''} {s.text}") or (
                kind == "quantity"
                and time_elsewhere(question_contrasts, s.text, _figure_spans(s.text, asked.money))
            )
            c.peer_conflict = peer_conflict(names_peers, s.text)
            if any(not sl.alternatives & terms and ants & terms for sl, ants in opposites):
                c.contrast_conflict = True  # 'When did the factory close?' is not answered by 'opened'

            # A sentence about another place, person or body than the one asked about ('The
            # population of Esk was ...' for 'the population of Ardle'): a question's name is missing
            # and the sentence names something else. Not for who/which/where questions, whose
            # answer is itself another name.
            c.other_subject = other_subject and kind not in _ANSWER_IS_A_NAME
            c.eligible = (
                (c.type_match or not typed)
                and not c.other_subject
                and not c.contrast_conflict
                and not c.peer_conflict
                and not _RUN_TOGETHER.search(s.text.strip())
            )
            if relation and not relation_held(
                relation[0], fold_name(relation[1]), s.text, sents[i - 1].text if i else ""
            ):
                continue  # 'capital markets' is another sense of 'the capital of El Salvador': not even close
            c.score = ranker.probability(c.features)
            out.append(c)
    out.sort(key=lambda c: (-c.score, c.hit.rank, c.position))
    return out


BM25_K1, BM25_B = 1.2, 0.75  # as the passage index (retrieval.index)


def within_text(name: str, folded: str) -> str:
    """A folded name from a title cut to its longest start the (folded) text writes ('el salvador
    forge groundbreaking crypto partnership' -> 'el salvador': a headline capitalises every word)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        start = " ".join(words[:n])
        if has_name(start, folded):
            return start
    return name


def by_surname(name: str, sentence: str, texts: list[tuple[str, str]]) -> bool:
    """Whether `sentence` names the person `name` (folded, two words or more) by surname alone:
    it holds the surname, `texts` (passages of the same article, as written and folded) hold
    the full name, and no other capitalised first name stands before that surname in them
    ('Walter Ashdown' beside 'Samuel Ashdown' leaves 'Ashdown' ambiguous)."""
    words = name.split()
    surname = words[-1]
    folded_sentence = fold_name(sentence)
    said = re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", folded_sentence)
    folded_same = len(folded_sentence) == len(sentence)
    if len(surname) < 3 or not any(not folded_same or sentence[m.start()].isupper() for m in said):
        return False  # written with its capital: 'the marsh' does not name 'Brackenfold Marsh'

    before = set()
    for text, folded in texts:
        for m in re.finditer(rf"(\S+)\s+{re.escape(surname)}(?![\w-])", folded):
            original = text[m.start(1) : m.end(1)] if len(folded) == len(text) else m[1]
            if original[:1].isupper() or m[1] == words[-2]:
                before.add(m[1])
    return words[-2] in before and before <= {words[-2]}


def sentence_bm25(slots: list[Slot], terms: list[str], avg_len: float) -> float:
    """Okapi BM25 of one sentence for the question's slots (Robertson & Zaragoza 2009): idf from
    the passage index, term frequency saturated by k1, length normalised by b against the
    average length of the candidate sentences."""
    norm = BM25_K1 * (1 - BM25_B + BM25_B * len(terms) / (avg_len or 1.0))
    score = 0.0
    for sl in slots:
        tf = sum(1 for t in terms if t in sl.alternatives)
        if tf:
            score += sl.weight * tf * (BM25_K1 + 1) / (tf + norm)
    return score


_HOW_MANY = re.compile(r"\bhow many\b", re.I)
_HOW_MANY_UNIT = re.compile(r"\bhow many\s+(?:more\s+|fewer\s+)?([a-z]+)", re.I)
# 'cost per hectare', 'price per tonne': the unit after 'per' divides the measure asked, it is not it
_PER_UNIT = re.compile(r"\b(?:per|a|each|every)\s+(?:square\s+|cubic\s+)?[a-z]+\b", re.I)
# What a company does as well as a person: 'who owns', 'who built', 'who bought'.
_COMPANY_ACTS = re.compile(
    r"^who(?:m)?\s+(?:\w+\s+)?(?:own|owns|owned|bought|buys|buy|acquired|acquire|operates|operated|operate|"
    r"built|builds|build|makes|made|make|supplies|supplied|funds|funded|sponsors|sponsored|sued|employs|"
    r"designed|developed|runs)\b",
    re.I,
)
# 'How long will it run / is it allowed to run / has she worked there' asks a duration; 'how long
# is the bridge' and 'how long is the line going to be' ask a length.
_HOW_LONG = re.compile(
    r"\bhow long\s+(?:ago\b|(?:will|would|can|could|may|might|must|should|did|does|do|has|have|had)\b"
    r"(?!.*\bbe\W*$)|(?:is|are|was|were)\b.*\b(?:allowed|expected|due|set|going|permitted|scheduled|planned|"
    r"likely|meant|supposed|intended)\s+to\s+(?!be\b))",
    re.I,
)
# Measures whose values the fact extractor reads as counts of a unit ('count of tonn'), by unit.
_UNIT_MEASURES = {
    "duration": frozenset("second minute hour day night week fortnight month year decade century".split()),
    "weight": frozenset("tonne ton kg kilogram kilo gram g lb ounce".split()),
    "speed": frozenset("mph kph knot km/h".split()),
    "temperature": frozenset("degree celsius fahrenheit kelvin".split()),
    "volume": frozenset("litre liter millilitre gallon barrel pint".split()),
}
# A unit of any of those measures counts no things ('how many staff' is not '40,000 litres').
_MEASURE_UNITS = frozenset().union(*_UNIT_MEASURES.values())
_HOW_FAST = re.compile(r"\bhow fast\b|\bspeed\b", re.I)
# 'How many noise monitors ...' counts things, not months: a duration does not answer it unless
# the question counts a unit of time ('how many years').
_COUNTS_TIME = re.compile(
    r"\bhow many\s+(?:more\s+|fewer\s+)?(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)\b",
    re.I,
)
_HOW_HEAVY = re.compile(r"\bhow heavy\b|\b(?:weigh|weighs|weight|mass)\b", re.I)
_HOW_HOT = re.compile(r"\btemperature\b|\b(?:boiling|melting|freezing) point\b|\bhow (?:hot|cold)\b", re.I)
_TEMPERATURE = re.compile(r"\d\s*°\s*[CFK]?\b|\d\s*degrees?\b|\bkelvin\b", re.I)
_UNTIL = re.compile(
    r"\b(?:until|till|through|to the end of|expires? in|runs? out in)\s+(?:(?:the\s+)?(?:end|spring|summer|"
    r"autumn|fall|winter|middle)\s+of\s+)?(?:(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\s+)?(?:1[5-9]\d\d|20\d\d)\b",
    re.I,
)


def _measure_of(query: Query) -> str | None:
    """The measure a quantity question asks: a duration ('how long will it take'), a length for a
    size ('how long is the route', 'how deep'; 'how high' only when no rate or price is asked),
    else the unit or count it names."""
    if _HOW_LONG.search(query.text):
        # 'how long will the runway be once it is finished' may ask a length
        return "length or duration" if re.search(r"\bbe\b", query.text, re.I) else "duration"
    measure = _asked_measure(query)
    if measure == "count" and (named := _HOW_MANY_UNIT.search(query.text)):
        unit = named[1].lower().removesuffix("s")  # 'how many tonnes / litres' asks that measure
        for name, units in _UNIT_MEASURES.items():
            if unit in units and name != "duration":
                return name
    if measure in (None, "count") and _HOW_HEAVY.search(query.text):
        return "weight"
    if measure is None and _HOW_FAST.search(query.text):
        return "speed"
    if measure in (None, "count") and _HOW_HOT.search(query.text):
        return "temperature"
    if measure == "count" and not _COUNTS_TIME.search(query.text):
        return "count of things"
    dimension = asked_dimension(query.text)
    if measure is None and dimension is not None:
        if re.search(r"\bhow long\b", query.text, re.I):
            return "length or duration"  # 'how long was the consultation meant to last'
        if dimension != "height" or not re.search(
            r"\b(?:rate|price|cost|fee|tax|(?<!sea )level|number)s?\b", query.text, re.I
        ):
            return "length"
    return measure


def _asked_measure(query: Query) -> str | None:
    """asked_measure, with the question's typos corrected ('how many megawats' asks for power)."""
    measure = asked_measure(query.text)
    if measure in (None, "count"):
        corrected = asked_measure(" ".join(w.term for w in query.words if w.corrected_from))
        if corrected not in (None, "count"):
            return corrected
    return measure


def asked_measure(question: str) -> str | None:
    """The measure a quantity question names: a unit it mentions ('in megawatts' -> 'power',
    'how many km' -> 'length'), else 'count' for 'how many ...'; None when it names neither."""
    for word in re.findall(r"[^\W\d_]+|%", _PER_UNIT.sub(" ", question)):
        if word.lower() in STOPWORDS:
            continue
        found = quantities(f"2 {word}")
        if found and found[0].unit and not found[0].measure.startswith("count of"):
            return found[0].measure
    return "count" if _HOW_MANY.search(question) else None


_DIMENSIONS = {
    "long": "length",
    "length": "length",
    "high": "height",
    "tall": "height",
    "height": "height",
    "deep": "depth",
    "depth": "depth",
    "wide": "width",
    "width": "width",
    "thick": "thickness",
    "altitude": "height",
    "elevation": "height",
}
_ASKED_DIMENSION = re.compile(
    r"\bhow (long|high|tall|deep|wide|thick)\b|\b(length|height|depth|width|altitude|elevation)\b", re.I
)
_LENGTH_UNIT = r"(?:m|km|cm|mm|ft|metres?|meters?|kilometres?|kilometers?|feet|foot|miles?|yards?)"
_STATED_DIMENSION = re.compile(
    rf"\d[\d,.]*\s*{_LENGTH_UNIT}\s+(long|high|tall|deep|wide|thick)\b|"
    r"\b(length|height|depth|width) of (?:about |some |nearly )?\d",
    re.I,
)


def asked_dimension(question: str) -> str | None:
    """The dimension a size question asks ('how long is the crest' -> 'length', 'how tall' ->
    'height'); None when it names none. 'How long will it take' (a duration) names none."""
    if _HOW_LONG.search(question):
        return None
    m = _ASKED_DIMENSION.search(question)
    return _DIMENSIONS[(m[1] or m[2]).lower()] if m else None


def dimension_fits(asked: str | None, text: str) -> bool:
    """Whether a sentence's sizes can answer for the asked dimension: '12 m high' does not give a
    length. Sizes stated with no dimension word pass."""
    if asked is None:
        return True
    stated = {_DIMENSIONS[(m[1] or m[2]).lower()] for m in _STATED_DIMENSION.finditer(text)}
    return not stated or asked in stated


_SIZE_SUBJECT = re.compile(
    r"\b(?:the|a|an|its|their|this|that)\s+(?P<np>(?:[\w’'-]+\s+){0,5}?)(?:is|are|was|were|will be|measures?|stands?)\s+"
    rf"(?:about |some |nearly |almost |over |more than |roughly |around )?\d[\d,.]*\s*{_LENGTH_UNIT}\s+"
    r"(?:long|high|tall|deep|wide|thick)\b",
    re.I,
)
_PREPOSITIONS = frozenset(
    "beside of near at on in by next behind below above under over along across".split()
)


def size_subject_fits(wanted: set[str], text: str, terms_of: Callable[[str], list[str]]) -> bool:
    """Whether the things a sentence gives sizes of ('The lock beside the weir is 120 m long':
    the lock) include one the question names; sizes stated otherwise pass."""
    subjects = []
    for m in _SIZE_SUBJECT.finditer(text):
        core = []
        for word in m["np"].split():
            if word.lower() in _PREPOSITIONS:
                break
            core.append(word)
        subjects.append(set(terms_of(" ".join(core))))
    return not any(subjects) or any(s & wanted for s in subjects)


def measure_fits(asked: str, text: str, own: Callable[[Fact], bool] = lambda f: True) -> bool:
    """Whether a sentence (entities decoded) states a value of the asked measure; for 'count'
    ('how many ...'), a count or a bare number (43 seats, 312 residents; not 1.1 billion euros, a
    share, 12 km or 40 hectares)."""
    measures = asked.split(" or ")
    if "temperature" in measures and _TEMPERATURE.search(text):
        return True
    for f in quantities(text):
        if not own(f):
            continue
        unit = f.unit.lower().removesuffix("s") if f.unit else ""
        if f.measure in measures or any(unit in _UNIT_MEASURES.get(m, ()) for m in measures):
            return True
        if asked in ("count", "count of things") and (
            f.measure.startswith("count of") or f.measure == "number"
        ):
            # 'how many monitors' (a count of things) is not answered by 'eighteen months' or
            # '40,000 litres'
            if asked == "count" or unit not in _MEASURE_UNITS:
                return True
    return False


# A time a state has lasted from: 'since 1986', 'since early March', 'since the spring of 2019'.
_SINCE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid-?|the\s+(?:start|end|spring|summer|autumn|winter)\s+of)\s*)?"
    r"(?:\d{4}\b|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)
_ANSWER_IS_A_NAME = frozenset({"person", "organisation", "place"})
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)  # capitalised, yet no names
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")


# A capitalised first word, unless it is a speaker ('Okafor said ...' quotes, it is no subject).
_FIRST_WORD = re.compile(
    r"^[\"“‘']?(?P<word>[A-Z][\w'’-]+)\b"
    r"(?!\s+(?:said|says|told|added|noted|stated|argued|warned|explained|insisted)\b)"
)
RARE_ZIPF = 3.0  # below this Zipf frequency (wordfreq) a capitalised first word is read as a name


def _other_names(text: str, terms_of: Callable[[str], list[str]], question_terms: set[str]) -> bool:
    """Whether a sentence names something the question does not: a capitalised word past its
    first (not a weekday or month), or a first word rare in English ('Häberlin was elected ...',
    but not 'Officers counted ...'; frequencies from wordfreq, Speer 2022)."""
    text = text.strip()
    names = [m[0] for m in _NAME.finditer(text)]
    if (first := _FIRST_WORD.match(text)) and _rare(first["word"]):
        names.append(first["word"])
    return any(name.lower() not in _CALENDAR and not set(terms_of(name)) <= question_terms for name in names)


def _rare(word: str) -> bool:
    """Whether `word` is rare enough in English to be a name (Zipf frequency below RARE_ZIPF)."""
    return word.lower() not in STOPWORDS and zipf_frequency(word.lower(), "en") < RARE_ZIPF


def _shape_penalty(text: str) -> float:
    """Prefer whole, readable sentences: no ending punctuation or very long ones lose a little."""
    penalty = 0.0
    if not re.search(r"[.!?\"”’)]\s*$", text):
        penalty += 1.0
    if len(text.split()) > 60:
        penalty += 1.0
    if "\n" in text.strip():
        penalty += 1.0  # lines run together: a list of teasers or links, not a sentence
    return penalty
