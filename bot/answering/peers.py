"""Names a question is about, and the names the text sets beside them (peers).

'How many megawatts will El Salvador use?' is about El Salvador; where the articles write
'Pakistan and El Salvador', Pakistan is its peer: a sentence that names Pakistan and not El
Salvador states Pakistan's figure, not El Salvador's (as a sentence about 2011 does not answer a
question about 2012; see features.contrast_conflict). Peers are found by coordination in the
candidate sentences ('X and Y', 'X or Y', 'X versus Y', 'between X and Y', 'from X to Y'), so a
name is a peer only where the text itself pairs it with the question's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bot.answering.wordmatch import compiled
from retrieval.analyzer import STOPWORDS

_WORD = r"[A-Z][\w’'-]*"
_NAME = rf"{_WORD}(?:\s+(?:of\s+|de\s+|del\s+|la\s+)?{_WORD})*"
_NAMES = re.compile(_NAME)
_PAIRED = re.compile(
    rf"(?:\bbetween\s+|\bfrom\s+)?(?:the\s+)?({_NAME})\s*,?\s+(?:and|or|&|vs\.?|versus|to)\s+(?:the\s+)?({_NAME})"
)


def fold_name(name: str) -> str:
    """A name compared without case or accents: 'Zoë Müller' -> 'zoe muller'."""
    if name.isascii():  # nothing to decompose
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().split())


def _trim(name: str) -> str:
    """Leading function words off a capitalised run ('The Pakistan' -> 'Pakistan', 'In May' -> 'May')."""
    words = name.split()
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]
    return " ".join(words)


def question_names(question: str) -> list[str]:
    """The names a question is about, folded: capitalised runs, without a leading question or
    function word ('Who is the mayor of Lowmark?' -> ['lowmark'])."""
    out = []
    for m in _NAMES.finditer(question):
        name = _trim(m[0])
        if name and fold_name(name) not in out:
            out.append(fold_name(name))
    return out


def peers(names: list[str], texts: Iterable[str], titles: Iterable[str] = ()) -> dict[str, set[str]]:
    """For each question name, the names the texts or the articles' titles coordinate with it
    ('Pakistan and El Salvador'), folded; names of the question are never each other's peers. A
    title capitalises every word, so there a run that begins with a question's name stands for it
    ('Kelso and Marrick Agree Shared Pumping Station' pairs Marrick with Kelso)."""
    asked = set(names)
    out: dict[str, set[str]] = {n: set() for n in names}
    for text, headline in [*((t, False) for t in texts), *((t, True) for t in titles)]:
        folded = fold_name(text)
        if not any(n in folded for n in asked):
            continue  # pairs none of the question's names
        for m in _PAIRED.finditer(text):
            a, b = fold_name(_trim(m[1])), fold_name(_trim(m[2]))
            if not a or not b or a == b:
                continue
            for mine, other in ((a, b), (b, a)):
                name = _as_asked(mine, asked, headline)
                if name is not None and _as_asked(other, asked, headline) is None and len(other) > 2:
                    out[name].add(other)
    return {n: p for n, p in out.items() if p}


def _as_asked(name: str, asked: set[str], headline: bool) -> str | None:
    """The question's name a run of capitalised words is, or in a headline begins with."""
    if name in asked or not headline:
        return name if name in asked else None
    return next((n for n in asked if name.startswith(n + " ")), None)


_BETWEEN = re.compile(rf"\bbetween\s+(?:the\s+)?({_NAME})\s*,?\s+and\s+(?:the\s+)?({_NAME})")


def between_others(names: list[str], text: str) -> bool:
    """Whether the text tells of something between two parties neither of which is among the
    question's folded `names` ('a letter of intent between the Pakistan Crypto Council and World
    Liberty Financial' is not the one between Pakistan and El Salvador)."""
    asked = set(names)
    return any(
        fold_name(_trim(m[1])) not in asked and fold_name(_trim(m[2])) not in asked
        for m in _BETWEEN.finditer(text)
    )


def has_name(name: str, folded_text: str) -> bool:
    """Whether a folded text (fold_name) holds a folded name as whole words."""
    return compiled(rf"(?<!\w){re.escape(name)}(?!\w)").search(folded_text) is not None


def peer_conflict(names_peers: dict[str, set[str]], text: str) -> bool:
    """The text names a peer of a question name and not the name itself: it is about the peer."""
    if not names_peers:
        return False
    folded = fold_name(text)
    return any(
        not has_name(name, folded) and any(has_name(p, folded) for p in others)
        for name, others in names_peers.items()
    )


_TOKEN = re.compile(r"[\w’'-]+")


def relation_held(noun: str, owner: str, text: str, before: str = "") -> bool:
    """Whether a sentence states the owner's noun ('Vesby, the capital of Norland', 'Norland's
    capital'): the folded owner within four words of the noun, or the noun after 'its'/'their'
    with the owner in the sentence before (the pronoun's antecedent). 'The country's capital
    markets' four sentences after Norland is another sense of the word."""
    words = _TOKEN.findall(fold_name(text))
    owner_words = owner.split()
    noun_at = [i for i, w in enumerate(words) if w == noun.lower() or w == noun.lower() + "s"]
    n = len(owner_words)
    owner_at = [
        i
        for i in range(len(words) - n + 1)
        if [w.removesuffix("'s").removesuffix("’s") for w in words[i : i + n]] == owner_words
    ]
    if any(abs(i - j) <= 4 for i in noun_at for j in owner_at):
        return True
    return any(i and words[i - 1] in ("its", "their") for i in noun_at) and has_name(owner, fold_name(before))
