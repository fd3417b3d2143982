"""What a question asks for, as constraints a quoted sentence must hold.

The answer type and, where the question's wording names them, a role and whose it is ('the mayor
of Lowmark'), a place proper, an amount of money and its sense (paid, or a value), a measure and
its unit ('how many megawatts'), a size's dimension ('how tall'), the end of a period ('how long
may it run'). `Asked.held_by` says whether a sentence holds them beyond the question's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answering.facts import NUMBER_WORDS, PERSON_TITLES, TITLE_ABBREVIATIONS, dates, entities, quantities
from bot.answering.models import AnswerType, Fact
from bot.answering.peers import fold_name
from bot.answering.question import (
    BOSS_ROLES,
    LEAD_VERBS,
    ROLE_VERBS,
    asks_role_of,
    money_sense,
    role_phrase,
    wants_money,
)

# A sentence that opens with a pronoun needs the sentence before it to say who or what it is.
from bot.answering.slots import Slot, new_words
from bot.answering.wordmatch import find_spaced
from retrieval.analyzer import STOPWORDS, Query, raw_tokens
from retrieval.index import Index

_REASON_CUE = re.compile(
    r"\b(?:because|due to|owing to|as a result|since|so that|in order to|aim(?:s|ed)? to|aimed at|designed to|"
    r"intended to|to (?:reduce|help|promote|support|utili[sz]e|convert|strengthen|curb|empower|reclaim|"
    r"foster|garner|accelerate|leverage|avoid|prevent|ensure|improve|drive)|worr(?:y|ies|ied) about|"
    r"concern(?:s|ed)? (?:about|that|over)|driven by|thanks to|reason|motivat|strategic move|"
    r"the aim is|the goal is|purpose)\b",
    re.I,
)


# 'What did the mayor say (about ...)?', 'how did the union react?': who speaks.
_SPEAKER_ASKED = re.compile(
    r"^\s*(?:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>.+?)\s+"
    r"(?:say|said|tell|claim|announce|argue|warn)\b",
    re.I,
)
# The verbs a speaker is the subject of, or stands after ('said the mayor', 'according to her').
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adds|argued|argues|warned|warns|claimed|claims|"
    r"announced|announces|insisted|insists|noted|notes|explained|explains|replied|responded|reacted|"
    r"called|calls|described|describes|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|highlighted|"
    r"highlights|commented|remarked|urged|urges|declared|declares|confirmed|confirms|admitted|admits|"
    r"acknowledged|acknowledges|predicted|predicts|wrote|writes|saying|stating|according to|pointed out|"
    r"believes|believed|thinks|thought|hopes|hoped|expects|expected|wants|wanted|denied|denies|disputed|"
    r"disputes|agreed|agrees|accepted|accepts|rejected|rejects|welcomed|welcomes|criticised|criticized|"
    r"criticises|criticizes|asked|asks|questioned|questions|testified|recalled|recalls|described|vowed|"
    r"pledged|promised|defended|apologised|apologized|conceded|suggested|suggests|estimated|estimates|"
    # what a report or study says: 'the study found', 'the inquiry concluded'
    r"found|finds|concluded|concludes|showed|shows|reported|reports|recommended|recommends|revealed|reveals)\b",
    re.I,
)


def asked_speaker(question: str) -> str | None:
    """Who a question asks the words of, when it names them ('What did the World Bank say?' ->
    'the World Bank', 'Mayor Ana Ruiz'); None for a described one ('the study', 'the club's coach')."""
    m = _SPEAKER_ASKED.match(question)
    return m["who"] if m and any(w[:1].isupper() for w in m["who"].split()) else None


def _speaker_terms(index: Index, question: str) -> frozenset[str]:
    """The terms of the speaker a question names (asked_speaker); none when it names none."""
    who = asked_speaker(question)
    return frozenset(index.analyzer.terms(who)) if who else frozenset()


def _spoken_by(speaker: frozenset[str], text: str, terms_of: Callable[[str], list[str]]) -> bool:
    """Whether `text` gives speech to the speaker: named at the head of the clause a speech verb
    ends ('Mayor Ana Ruiz, who opened the bridge, said'; not 'Saqib praised Bukele ..., stating'),
    right before it ('On Tuesday, Ruiz said') or right after it ('said the mayor', 'according to
    Ruiz')."""
    for m in _SPEECH_VERB.finditer(text):
        clauses = re.split(r"[.;:!?]\s", text[: m.start()])
        clause = clauses[-1].split()
        near = clause[-2:] + (text[m.end() :].split()[:3] if _INVERTS.fullmatch(m[0]) else [])
        if clause[:1] and clause[0].lower() in _PERSONAL and len(clauses) > 1:
            near += clauses[-2].split()  # 'She said ...' after the sentence that names her
        if speaker & set(terms_of(" ".join(_head(clause) + near))):
            return True
    return False


_PERSONAL = frozenset({"he", "she", "they", "we"})
# The verbs a speaker may follow: 'said the mayor', 'according to Ruiz', 'added Lee'.
_INVERTS = re.compile(r"said|says|added|adds|according to|wrote|writes|noted|explained|asked|told", re.I)


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})


def _head(words: list[str]) -> list[str]:
    """A clause's opening noun phrase: its capitalised words, or a determiner and the word after
    it, up to a comma ('Stacy Herbert,', 'The mayor,', 'Mayor Ana Ruiz')."""
    head: list[str] = []
    for w in words[:5]:
        after_determiner = bool(head) and head[-1].lower() in _DETERMINERS
        if not (w[:1].isupper() or w.lower() in _DETERMINERS or after_determiner):
            break
        head.append(w.rstrip(","))
        if w.endswith(","):
            break
    return head


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
    r"|(?:in|during|by|until|over|through|before|after) (?:the )?(?:early |late |mid-?)?(?:spring|summer|autumn|fall|winter)"
    r"|tomorrow|yesterday|tonight|(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"a few|several|many)(?: (?:hundred|thousand|million|billion))? (?:years|decades|centuries|months|weeks|days) ago"
    r"|(?:next|last|this) (?:week|month|year|spring|summer|autumn|fall|winter))\b",
    re.I,
)


# Years written without a preposition: in brackets after what they date ('the Woolworth Building
# (1913)', 'the Jiajing Emperor (r. 1521–1567)'), a span of years ('1858 to 1889', 'between 1889
# and 1921', '1521–67'), or before the thing they date ('an 1830 sonnet').
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_YEARS = re.compile(
    r"\((?:[a-z]{1,2}\.\s*)?" + _YEAR + r"(?:\s*[–-]\s*\d{2,4})?\)"
    r"|\b" + _YEAR + r"\s*(?:[–-]|to)\s*(?:" + _YEAR + r"|\d\d)\b"
    r"|\bbetween\s+" + _YEAR + r"\s+and\s+" + _YEAR + r"\b"
    r"|\b(?:an?|the|its|his|her|their)\s+" + _YEAR + r"\s+(?=[a-z])",
    re.I,
)


# Places written as dotted abbreviations after a preposition: 'born in the U.K.'.
_DOTTED_PLACE = re.compile(r"\b(?:in|at|from|to|near) (?:the )?((?:[A-Z]\.){2,})")


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
            whose = re.split(r"[,;:.()]", " ".join(words[of + 1 : of + 7]))[0]
            names = set(terms_of(" ".join(CAPITALISED_WORD.findall(" " + whose))))
            if not self.named_owners <= set(terms_of(whose)) and names - self.owners:
                return False
        if m := _ROLE_AFTER.match(rest):  # 'Pryce the first captain', 'Ruiz became its chair'
            after = rest[m.end() :].split()[:3]
        spelled = [
            TITLE_ABBREVIATIONS.get(w.lower().rstrip("."), w) for w in before
        ]  # 'Cllr' is a councillor
        window = set(terms_of(" ".join(spelled + after)))
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
    return find_spaced(text, name)


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


def is_money(fact: Fact) -> bool:
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
    speaker: frozenset[str] = frozenset()  # 'what did the mayor say': the terms of who speaks
    published: bool = False  # 'where was it published': a journal, paper or channel answers
    naming: bool = False  # 'what is the new species called': a name given to it answers
    bare_count: bool = False  # 'how many did she win': no counted noun, so 'six awards' answers

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
            speaker=_speaker_terms(index, query.text),
            published=bool(_PUBLISHED.search(query.text)),
            naming=bool(_NAMING.search(query.text)),
            bare_count=quantity and bool(_BARE_HOW_MANY.search(query.text)),
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
    if asked.naming:
        return bool(_NAME_GIVEN.search(text))
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
        # 'where was it published / reported / broadcast' is answered by a journal or a paper too
        # (a paper's one-word name reads as a person's: 'published by Kunstblatt')
        wanted = {"place", "organisation", "person"} if asked.published else {"place"}
        return any(new_words(f.text, slots) for f in entities(text) if f.kind in wanted) or any(
            m.replace(".", "").lower() not in {a for sl in slots for a in sl.alternatives}
            for m in _DOTTED_PLACE.findall(text)
        )
    if kind == "quantity" and asked.money:
        return any(
            new_words(f.text, slots)
            for f in quantities(text)
            if is_money(f) and sense_fits(asked.money_sense, f) and asked.own(f)
        )
    if kind == "quantity":
        wanted = set().union(*(s.alternatives for s in slots)) if slots else set()
        return any(
            new_words(f.text, slots)
            and asked.own(f)
            and (
                f.text.split()[0].lower() not in NUMBER_WORDS
                or asked.bare_count
                or f.about in wanted
                or _counts(f, text, wanted, terms_of)
            )
            for f in quantities(text)
        )  # 'four pillars' answers 'how many pillars', not any count
    if kind == "date":
        return any(new_words(f.text, slots) for f in dates(text)) or any(
            new_words(m, slots) for m in (*_WHEN.findall(text), *_YEARS.findall(text))
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
        if asked.speaker:  # 'what did the mayor say': the mayor says it, not 'Saqib praised the mayor'
            return _spoken_by(asked.speaker, text, terms_of)
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


_PUBLISHED = re.compile(
    r"^\s*where\b.*\b(?:publish|print|report|broadcast|air|announce|appear|quote)(?:s|ed|d)?\b", re.I
)


# 'What is the new species called?', 'what was the ship named', 'what did they call it'
_NAMING = re.compile(
    r"^\s*what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+.+\s+(?:called|named)\s*\??\s*$"
    r"|^\s*what\s+did\s+.+\s+(?:call|name)\b",
    re.I,
)
# A name given: 'has been named Tressikosaurus penhallowi', 'called the finding "a textbook
# failure"', or set beside its noun ('The new species, Tressikosaurus penhallowi, was described').
_NAME_GIVEN = re.compile(
    r"\b(?:named|called|known\s+as|dubbed|christened|titled|renamed)\s+(?:[\w’'-]+\s+){0,3}?(?:[\"“‘']|[A-Z])"
    r"|,\s+[A-Z][\w’'-]+(?:\s+[A-Za-z][\w’'-]+){0,3},\s"
)


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
    if re.search(r"\bhow (?:long|many \w+) ago\b", query.text, re.I):
        return "time ago"  # 'how many years ago', 'how long ago'
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


_BARE_HOW_MANY = re.compile(
    r"\bhow many\s+(?:did|does|do|were|was|are|is|have|has|had|will|would|can|could)\b|\bhow many\s*\??$",
    re.I,
)
_FRACTION_WORDS = frozenset({"half", "quarter", "third", "dozen", "double", "twice", "triple"})


def asked_measure(question: str) -> str | None:
    """The measure a quantity question names: a unit it mentions ('in megawatts' -> 'power',
    'how many km' -> 'length'), else 'count' for 'how many ...'; None when it names neither."""
    for word in re.findall(r"[^\W\d_]+|%", _PER_UNIT.sub(" ", question)):
        if word.lower() in STOPWORDS or word.lower() in _FRACTION_WORDS:
            continue  # 'the half-time show' asks no share
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


def measure_fits(asked: str, text: str, own: Callable[[Fact], bool]) -> bool:
    """Whether a sentence (entities decoded) states a value of the asked measure; for 'count'
    ('how many ...'), a count or a bare number (43 seats, 312 residents; not 1.1 billion euros, a
    share, 12 km or 40 hectares). Only the values `own` accepts count (Asked.own: not a peer's)."""
    measures = asked.split(" or ")
    if "temperature" in measures and _TEMPERATURE.search(text):
        return True
    for f in quantities(text):
        if not own(f):
            continue
        if f.measure == "time ago":  # '150 million years ago' answers 'how long ago', not 'how long'
            if "time ago" in measures:
                return True
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


CAPITALISED_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")
