"""The one analyzer: the same tokens for passages and for queries.

Steps: Unicode folding and case folding, word and number tokens (`2,000` -> `2000`),
stop words out, Snowball stemming, and concept tokens for equivalent names: an acronym
and its expansion (`PCC` and `Pakistan Crypto Council`) both add the acronym's token, so
either form finds the other. Queries also get typo tolerance against the corpus vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple, Protocol

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from retrieval.textnorm import fold

if TYPE_CHECKING:
    from retrieval.synonyms import Synonyms

_TOKEN = re.compile(r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>[^\W\d_]+)|(?P<cur>\$|€|£)")
_LINK_TARGET = re.compile(r"https?://\S+|www\.\S+")  # addresses are not words of the text
_CURRENCIES = {"$": "usd", "€": "eur", "£": "gbp"}
_STEMMER = Stemmer.Stemmer("english")


def _data_lines(name: str) -> list[str]:
    text = resources.files("retrieval").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


STOPWORDS: frozenset[str] = frozenset(
    w.replace("'", "") for line in _data_lines("stopwords.txt") for w in line.split()
)
IRREGULAR: dict[str, str] = {
    pair[0]: pair[1] for pair in (line.split() for line in _data_lines("irregular.txt"))
}


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word (PyStemmer keeps its own bounded cache)."""
    return _STEMMER.stemWord(word)


class Token(NamedTuple):
    term: str  # the index term: a stem, a number, or a concept token
    surface: str  # the word as written, lower-cased and folded
    start: int  # offset in the analysed text (after folding; folding keeps lengths but for NFKC)
    end: int


def raw_tokens(text: str) -> list[Token]:
    """Word and number tokens with stop words removed, not yet joined into concepts."""
    return _tokens(text, _word_term)


def _tokens(text: str, term_of: Callable[[str], str | None]) -> list[Token]:
    folded = fold(text)
    if "://" in folded or "www." in folded:
        folded = _LINK_TARGET.sub(lambda m: " " * len(m.group(0)), folded)  # offsets stay put
    out: list[Token] = []
    append = out.append
    new = tuple.__new__
    for m in _TOKEN.finditer(folded):
        kind, value = m.lastgroup, m.group()
        if kind == "word":
            word = value.lower()
            term = term_of(word)
            if term is not None:
                append(new(Token, (term, word, *m.span())))
        elif kind == "num":
            append(new(Token, (value.replace(",", ""), value, *m.span())))
        else:  # '$745 million' is an amount in dollars: it matches 'dollar' and 'USD'
            append(new(Token, (_CURRENCIES[value], value, *m.span())))
    return out


def _word_term(word: str) -> str | None:
    """A lower-cased word's index term; None for a stop word."""
    return None if len(word) < 2 or word in STOPWORDS else stem(IRREGULAR.get(word, word))


_ASCII_TOKEN = re.compile(r"\d[\d,.]*|[a-z]+|\$")
Pairs = tuple[tuple[str, str], ...]  # (surface, term) of each token of a piece of text


class TermCache:
    """What words and pieces of text analyse to, remembered for one analyzer or one index build.

    Analysis depends on the text only, so an archive's words are stemmed once, not once per
    occurrence. Bounded: each table is emptied past LIMIT entries, whatever the vocabulary.
    """

    LIMIT = 500_000

    def __init__(self) -> None:
        self._words: dict[str, str | None] = {}  # lower-cased word -> its term, None for a stop word
        self._pieces: dict[str, tuple[Pairs, str]] = {}  # piece -> (its pairs, its terms joined)
        self.seen: set[str] = set()  # pieces whose (surface, term) pairs `index_terms` reported (unbounded)

    def tokens(self, text: str) -> list[Token]:
        """`raw_tokens(text)`, with the words' terms remembered."""
        return _tokens(text, self._word)

    def index_terms(self, text: str, surfaces: dict[str, str]) -> str:
        """The terms of `raw_tokens(text)` joined by spaces, for an index build, found several
        times faster: text that is ASCII once folded (most English news) is lower-cased whole and
        split with a simpler pattern, and what each piece yields is remembered (a stop word
        nothing, '2025.' the number 2025). The (surface, term) pairs of pieces not seen before
        are added to `surfaces`. Other text goes through `raw_tokens`."""
        pieces = _ascii_pieces(text)
        if pieces is None:
            pairs = [(t.surface, t.term) for t in self.tokens(text)]
            surfaces.update(pairs)
            return " ".join([term for _, term in pairs])
        known = self._known(pieces)
        seen = self.seen
        new = seen.issuperset(pieces) or set(pieces).difference(seen)
        if new is not True:
            seen.update(new)
            for p in new:
                surfaces.update(known[p][0])
        return " ".join(filter(None, [known[p][1] for p in pieces]))

    def _word(self, word: str) -> str | None:
        words = self._words
        if word in words:
            return words[word]
        if len(words) >= self.LIMIT:
            words.clear()
        term = words[word] = _word_term(word)
        return term

    def _known(self, pieces: list[str]) -> dict[str, tuple[Pairs, str]]:
        """The table of what pieces yield, holding every one of `pieces`."""
        known = self._pieces
        missing = [p for p in pieces if p not in known]
        if missing:
            if len(known) > self.LIMIT:
                known.clear()
                missing = pieces
            for p in missing:
                pairs = self._piece_pairs(p)
                known[p] = (pairs, " ".join(term for _, term in pairs))
        return known

    def _piece_pairs(self, piece: str) -> Pairs:
        """The (surface, term) pairs a piece of lower-cased ASCII text found by _ASCII_TOKEN yields."""
        if piece == "$":
            return (("$", _CURRENCIES["$"]),)
        if piece[0].isdigit():  # '2,000', '3.5', '2025.' (ending a sentence), '1,2'
            return tuple((m.group(), m.group().replace(",", "")) for m in _TOKEN.finditer(piece))
        term = self._word(piece)
        return () if term is None else ((piece, term),)


def _ascii_pieces(text: str) -> list[str] | None:
    """_ASCII_TOKEN's pieces of the folded, lower-cased text; None unless it is ASCII."""
    folded = fold(text)
    if not folded.isascii():
        return None
    if "://" in folded or "www." in folded:
        folded = _LINK_TARGET.sub(lambda m: " " * len(m.group(0)), folded)
    return _ASCII_TOKEN.findall(folded.lower())


@dataclass
class Equivalences:
    """Phrases (as stem tuples) that add a concept token, e.g. ('pakistan','crypto','council') -> 'pcc'."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    # concept -> the phrases that add it, as of `len(phrases)` == `_reverse_size` (built on first use)
    _reverse: dict[str, list[tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _reverse_size: int = field(default=-1, init=False, repr=False, compare=False)

    def phrases_of(self, concept: str) -> list[tuple[str, ...]]:
        """The phrases that add `concept` (a reverse map, built on first use)."""
        if self._reverse_size != len(self.phrases):
            self._reverse = {}
            for phrase, c in self.phrases.items():
                self._reverse.setdefault(c, []).append(phrase)
            self._reverse_size = len(self.phrases)
        return self._reverse.get(concept, [])

    @classmethod
    def builtin(cls) -> Equivalences:
        eq = cls()
        for line in _data_lines("equivalences.txt"):
            short, _, long = line.partition("=")
            eq.add(short.strip(), long.strip())
        return eq

    def add(self, short: str, long: str) -> None:
        """Learn one definition: `long` (a phrase) adds the concept token of `short`, unless an
        earlier definition of the same phrase came first."""
        terms = self.pair_terms(short, long)
        if terms is not None:
            self.phrases.setdefault(tuple(terms[1:]), terms[0])

    @staticmethod
    def pair_terms(short: str, long: str) -> list[str] | None:
        """[concept token, *phrase terms] that a definition adds; None when it adds nothing."""
        concept = [t.term for t in raw_tokens(short)]
        phrase = [t.term for t in raw_tokens(long)]
        if len(concept) == 1 and phrase and phrase != concept:
            return concept + phrase
        return None

    def by_first(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, concept in sorted(self.phrases.items(), key=lambda kv: -len(kv[0])):
            index.setdefault(phrase[0], []).append((phrase, concept))
        return index

    def fingerprint(self) -> str:
        return "|".join(f"{' '.join(p)}={c}" for p, c in sorted(self.phrases.items()))


_ACRONYM_AFTER = re.compile(
    r"((?:[A-Z][\w\u2011'-]*\s+(?:(?:of|and|the|for|on|de|del|la|&)\s+)*){1,8})\(([A-Z][A-Za-z]{1,9})\)"
)
_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{2,10})\s+\(((?:[A-Z][\w'-]*\s*(?:(?:of|and|the|for|on)\s+)*){2,8})\)")
_SMALL = {"of", "and", "the", "for", "on", "de", "del", "la", "&"}


def _initials_match(acronym: str, words: list[str]) -> list[str] | None:
    """The shortest tail of `words` whose initials spell `acronym` (small words optional)."""
    letters = acronym.lower()
    for begin in range(len(words) - 1, -1, -1):
        tail = words[begin:]
        if tail[0].lower() in _SMALL:
            continue
        if _spells(letters, [w.lower() for w in tail]):
            return tail
    return None


def _spells(letters: str, words: list[str]) -> bool:
    if not words:
        return not letters
    head, rest = words[0], words[1:]
    if head in _SMALL and _spells(letters, rest):
        return True
    return bool(letters) and head[0] == letters[0] and _spells(letters[1:], rest)


def _abbreviates(acronym: str, word: str) -> bool:
    """'BTC' abbreviates 'Bitcoin': same first letter, the other letters in order."""
    letters, w = acronym.lower(), word.lower()
    if not w.startswith(letters[0]) or len(letters) < 2:
        return False
    pos = 1
    for ch in letters[1:]:
        pos = w.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


class AcronymSink(Protocol):
    """Where learned acronyms go: Equivalences, or a recorder that replays them later."""

    def add(self, short: str, long: str) -> None: ...


def learn_acronyms(text: str, eq: AcronymSink) -> None:
    """Add the acronyms a text defines: `Long Name (LN)`, `LN (Long Name)`, `Bitcoin (BTC)`."""
    if "(" not in text and (text.isascii() or "(" not in fold(text)):  # both patterns need one
        return
    text = fold(text)
    for m in _ACRONYM_AFTER.finditer(text):
        acronym = m[2]
        if not any(c.isupper() for c in acronym[1:]) and len(acronym) > 3:
            continue
        words = m[1].split()
        tail = _initials_match(acronym, words)
        if tail and len(tail) > 1:
            eq.add(acronym, " ".join(tail))
        elif words and _abbreviates(acronym, words[-1]):
            eq.add(acronym, words[-1])
    for m in _ACRONYM_BEFORE.finditer(text):
        words = m[2].split()
        if _initials_match(m[1], words):
            eq.add(m[1], " ".join(words))


class Analyzer:
    """Text to index terms, the same way for passages and queries."""

    def __init__(self, equivalences: Equivalences | None = None) -> None:
        self.equivalences = equivalences or Equivalences.builtin()
        self._phrases = self.equivalences.by_first()
        # An analyzer never changes once built, so the terms of a text can be remembered: answers
        # read the same passages and sentences again and again.
        self._words = TermCache()
        self._cached_words = lru_cache(maxsize=65_536)(
            lambda text: tuple(t.term for t in self._words.tokens(text))
        )
        self._cached_terms = lru_cache(maxsize=65_536)(
            lambda text: tuple(self.concepts(list(self._cached_words(text))))
        )
        self._word_tables: dict[str, Synonyms] = {}  # 'synonyms', 'antonyms', read on first use

    def with_concepts(self, tokens: list[Token], replace: bool = False) -> list[str]:
        """Index terms: every token's term, plus a concept token after each equivalent phrase.

        With `replace` (for queries) the phrase's words give way to the concept token, so a
        question's long form weighs as much as its acronym: passages index both, and either form
        of the name then finds both equally."""
        return self.concepts([t.term for t in tokens], replace)

    def concepts(self, terms: list[str], replace: bool = False) -> list[str]:
        """`with_concepts` for bare terms (what indexing has, from `TermCache.index_terms`). Only the
        positions where a phrase can start are looked at: most terms start none."""
        phrases = self._phrases
        starts = [i for i, term in enumerate(terms) if term in phrases]
        if not starts:
            return list(terms)
        out: list[str] = []
        done = 0  # terms[:done] are in `out` (or replaced by a concept there)
        for i in starts:
            if i < done:  # inside a phrase its concept token replaced
                continue
            term = terms[i]
            for phrase, concept in phrases[term]:
                if tuple(terms[i : i + len(phrase)]) == phrase and concept != term:
                    out.extend(terms[done:i])
                    if replace:
                        out.append(concept)
                        done = i + len(phrase)
                    else:
                        out.extend((term, concept))
                        done = i + 1
                    break
        out.extend(terms[done:])
        return out

    def terms(self, text: str) -> list[str]:
        """The index terms of a text."""
        return list(self._cached_terms(text))

    def words(self, text: str) -> tuple[str, ...]:
        """The terms of a text's words in order, without the concept tokens `terms` adds after
        them (`raw_tokens`, remembered)."""
        return self._cached_words(text)

    def synonyms(self, term: str) -> frozenset[str]:
        """The index terms of a term's synonyms (retrieval.synonyms)."""
        return self._word_table("synonyms").of(term)

    def antonyms(self, term: str) -> frozenset[str]:
        """The index terms of a term's opposites ('open' for 'close'; retrieval.synonyms)."""
        return self._word_table("antonyms").of(term)

    def _word_table(self, name: str) -> Synonyms:
        """retrieval/data/<name>.txt read into this analyzer's terms, on first use."""
        if name not in self._word_tables:
            from retrieval.synonyms import Synonyms, builtin_table

            self._word_tables[name] = Synonyms(builtin_table(name), self.terms)
        return self._word_tables[name]

    def fingerprint(self) -> str:
        return "analyzer-v4:" + self.equivalences.fingerprint()  # bump when analysis changes


@dataclass(frozen=True)
class QueryWord:
    surface: str  # as typed (folded, lower-cased)
    term: str  # the index term used, after any typo correction
    known: bool  # the term occurs in the corpus
    corrected_from: str | None = None
    proper: bool = False  # written with a capital inside the question, or in capitals
    capitalized: bool = False  # written with a capital, wherever it stands


@dataclass(frozen=True)
class Query:
    text: str
    words: list[QueryWord]
    terms: list[str]  # what is searched: words' terms plus concept tokens

    @property
    def unknown(self) -> list[QueryWord]:
        return [w for w in self.words if not w.known]


class Speller:
    """Typo correction of query words against the corpus's own words (same first letter)."""

    def __init__(self, surfaces: dict[str, str]) -> None:
        self._surfaces = surfaces  # surface word -> index term
        self._by_key: dict[str, list[str]] = {}
        for word in surfaces:
            if len(word) >= 4:
                self._by_key.setdefault(word[0], []).append(word)

    def correct(self, word: str) -> str | None:
        if len(word) < 5 or word.isdigit():
            return None
        limit = 1 if len(word) < 8 else 2
        candidates = [w for w in self._by_key.get(word[0], ()) if abs(len(w) - len(word)) <= limit]
        best = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
        return best[0] if best else None


def analyze_query(text: str, analyzer: Analyzer, vocabulary: dict[str, int], speller: Speller) -> Query:
    """Query terms with typo correction; words unknown to the corpus are kept and flagged."""
    tokens = raw_tokens(text)
    folded = fold(text)
    words: list[QueryWord] = []
    fixed: list[Token] = []
    for t in tokens:
        original = folded[t.start : t.end]
        proper = (original[:1].isupper() and t.start > 0 and not _sentence_start(folded, t.start)) or (
            len(original) > 1 and original.isupper()
        )
        if t.term in vocabulary:
            words.append(QueryWord(t.surface, t.term, True, None, proper, original[:1].isupper()))
            fixed.append(t)
            continue
        corrected = speller.correct(t.surface)
        if corrected:
            c = raw_tokens(corrected)[0]
            words.append(QueryWord(t.surface, c.term, True, t.surface, proper, original[:1].isupper()))
            fixed.append(Token(c.term, corrected, t.start, t.end))
        else:
            words.append(QueryWord(t.surface, t.term, False, None, proper, original[:1].isupper()))
            fixed.append(t)
    return Query(text=text, words=words, terms=analyzer.with_concepts(fixed, replace=True))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:\"'(" or before.endswith("-")
