"""Synonyms and opposites of question words, from WordNet's most frequent senses
(retrieval/data/synonyms.txt and antonyms.txt, built by tools/build_synonyms.py from Princeton
WordNet 3.0).

A question asks in its own words: 'how many homes' for 'houses', 'who did she wed' for
'married'. Matching a question word by its synonyms as well as its stem lets a sentence that
says the same thing in other words cover the question. Only the senses WordNet's tagged corpus
uses most are in the table: rare senses are what makes WordNet expansion noisy (Voorhees 1994).
A sentence holding a question word's opposite instead ('opened' for 'close') tells of another
event.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources


class Synonyms:
    """Index term -> the index terms of its synonyms, or of its opposites when built from the
    antonyms table (terms from `terms`, the analyzer's)."""

    def __init__(self, table: dict[str, list[str]], terms: Callable[[str], list[str]]) -> None:
        self._by_term: dict[str, set[str]] = {}
        for word, synonyms in table.items():
            key = terms(word)
            if len(key) != 1:
                continue
            found = {t for s in synonyms for t in terms(s)[:1]}
            self._by_term.setdefault(key[0], set()).update(found - {key[0]})

    def of(self, term: str) -> frozenset[str]:
        return frozenset(self._by_term.get(term, ()))


@cache
def builtin_table(name: str = "synonyms") -> dict[str, list[str]]:
    """retrieval/data/<name>.txt as word -> its words: 'synonyms' (with data/demonyms.txt, both
    ways), or 'antonyms' (made symmetric: 'close' is the opposite of 'open' because 'open' is of
    'close')."""
    out: dict[str, list[str]] = {}
    _read(name, out, both_ways=name == "antonyms")
    if name == "synonyms":
        _read("demonyms", out, both_ways=True)  # a place and its adjective ('France', 'French')
    return out


def _read(name: str, into: dict[str, list[str]], both_ways: bool) -> None:
    """retrieval/data/<name>.txt's lines ('word: other other') added to `into`; `both_ways`:
    each other word maps back to the word as well."""
    text = resources.files("retrieval").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, rest = line.partition(":")
            into.setdefault(word, []).extend(rest.split())
            if both_ways:
                for other in rest.split():
                    into.setdefault(other, []).append(word)
