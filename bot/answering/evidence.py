"""Evidence selection: sentences of the top passages, scored for how well they answer.

Each sentence of the top passages gets its coverage of the question's slots (bot.answering.slots),
whether it holds what is asked (bot.answering.constraints), its passage's BM25 score and context
(heading, title, neighbouring sentences), and the features the fitted ranker weighs
(bot.answering.features).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from wordfreq import zipf_frequency

from bot.answering.constraints import CAPITALISED_WORD, Asked, is_money
from bot.answering.facts import quantities
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
from bot.answering.models import AnswerType, Citation, Evidence
from bot.answering.peers import fold_name, has_name, peer_conflict, peers, question_names, relation_held
from bot.answering.question import (
    relation_asked,
)

# A sentence that opens with a pronoun needs the sentence before it to say who or what it is.
from bot.answering.slots import Slot, coverage
from bot.answering.wordmatch import compiled
from retrieval.analyzer import STOPWORDS, Query
from retrieval.dates import MONTHS, WEEKDAYS
from retrieval.index import Index
from retrieval.models import Hit, Sentence
from retrieval.passages import sentences

PRONOUN_LEAD = re.compile(r"^(?:It|He|She|They|This|These|Its|His|Her|Their|There)\b")


TOP_PASSAGES = 12


# Lines without closing punctuation run together: a list of teasers or links copied with a page,
# not a sentence an article states.
_RUN_TOGETHER = re.compile(r"[^.!?:;\"”’)\s][ \t]*\n")


MIN_TYPED_COVERAGE = 0.2  # below this a sentence is never quoted, so its answer type is not checked


TYPED_KINDS = ("quantity", "date", "person", "organisation", "place")


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


def _figure_spans(text: str, money: bool) -> list[tuple[int, int]]:
    """Where the sentence's amounts (only sums of money when `money`) and counts stand
    (character spans), years left out."""
    out = []
    for f in quantities(text):
        at = text.find(f.text)
        if at >= 0 and not YEAR.fullmatch(f.text.strip()) and (is_money(f) or not money):
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
    seen = [  # (text, where the word starts in it)
        (t, m.start())
        for t in texts
        if word in t.lower()  # most texts lack it
        for m in _RUN.finditer(t)
        if m[0][: len(word)].lower() == word and _POSSESSIVE_REST.match(m[0], len(word))
    ]  # 'Marrick's' writes Marrick
    return (
        bool(seen)
        and all(t[at].isupper() for t, at in seen)
        and any(not _opens_sentence(t[:at]) for t, at in seen)
    )


# A run of word characters, apostrophes and hyphens; a word stands alone in one when nothing
# follows it there but an apostrophe, or a possessive 's ('Marrick's').
_RUN = re.compile(r"[\w’'-]+")
_WORD = re.compile(r"\w+")
_POSSESSIVE_REST = re.compile(r"(?:['’](?!(?!s(?!\w))\w).*)?\Z", re.S)


def _opens_sentence(before: str) -> bool:
    """Whether a text's words from here on start a sentence: nothing before them, or a
    sentence's (or a clause's) closing mark and spaces."""
    if before in ("", "\n"):
        return True
    last = before.rstrip()[-1:]
    return last != "" and last in '.!?:;"“'


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
    hits = hits if hits is not None else index.search(query, TOP_PASSAGES) or _synonym_search(index, query)
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
    question_numbers = numbers_in(query.text, spelled=True)
    question_contrasts = contrast_values(query.text)
    typed = (
        kind in TYPED_KINDS
        or (kind == "statement" and bool(asked.speaker))  # who speaks is asked
        or asked.naming  # 'what is it called': a name given to it
    )
    split = [(hit, sentences(hit.passage)) for hit in hits]
    relation = relation_asked(query.text) if kind == "definition" else None
    # Names paired in the sentences read or in their articles' titles ('Pakistan and El Salvador
    # Forge ... Partnership' makes each the other's peer).
    asked_names = question_names(query.text)
    typed_words = set(_WORD.findall(query.text))
    for sl in slots:  # 'pakistan' typed in lower case names Pakistan, which the articles capitalise
        name = fold_name(sl.surface)
        if (
            not sl.proper
            and sl.surface in typed_words  # typed in lower case
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
        sent_words = [index.analyzer.words(s.text) for s in sents]
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
                if kind in ("person", "organisation", "statement") and led:
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
                numbers_in(s.text, spelled=True)
                | heading_numbers
                | title_numbers[p.source_id]
                | (numbers_in(sents[i - 1].text, spelled=True) if i else set())
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


def _synonym_search(index: Index, query: Query) -> list[Hit]:
    """When no passage holds a question word, a search with the synonyms the corpus uses of its
    words that no article holds ('was anyone hurt' finds 'nobody was injured'); [] when there
    are none."""
    extra = [
        t for w in query.unknown for t in sorted(index.analyzer.synonyms(w.term)) if index.stats.df.get(t)
    ]
    if not extra:
        return []
    return index.search(Query(query.text, query.words, [*query.terms, *extra]), TOP_PASSAGES)


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
    said = compiled(rf"(?<![\w-]){re.escape(surname)}(?![\w-])").finditer(folded_sentence)
    folded_same = len(folded_sentence) == len(sentence)
    if len(surname) < 3 or not any(not folded_same or sentence[m.start()].isupper() for m in said):
        return False  # written with its capital: 'the marsh' does not name 'Brackenfold Marsh'

    before = set()
    for text, folded in texts:
        for m in compiled(rf"(\S+)\s+{re.escape(surname)}(?![\w-])").finditer(folded):
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


_ANSWER_IS_A_NAME = frozenset({"person", "organisation", "place"})


_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)  # capitalised, yet no names


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
    names = [m[0] for m in CAPITALISED_WORD.finditer(text)]
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
