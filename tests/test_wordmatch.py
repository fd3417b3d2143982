"""Patterns built from a question's words, compiled once (bot/answering/wordmatch.py)."""

from __future__ import annotations

import re

import pytest

from bot.answering.wordmatch import compiled, find_spaced


def test_a_pattern_is_compiled_once_and_kept_past_pythons_own_cache():
    first = compiled(r"(?<!\w)quayside(?!\w)", re.I)
    for n in range(600):  # more than re's own cache holds
        re.compile(rf"filler{n}")
    assert compiled(r"(?<!\w)quayside(?!\w)", re.I) is first
    assert compiled(r"(?<!\w)quayside(?!\w)") is not first  # flags are part of the key


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Talks with Ines Kovač ended.", "Ines Kovač", (11, 10)),
        ("Talks with Ines\u00a0Kovač ended.", "Ines Kovač", (11, 10)),
        ("Talks with Ines \n  Kovač ended.", "Ines Kovač", (11, 13)),
        ("Ines Kovacs and Ines Kovač", "Ines Kovač", (16, 10)),  # the first whole match
        ("InesKovač spoke.", "Ines Kovač", (-1, 0)),  # the words need a space between them
        ("ines kovač spoke.", "Ines Kovač", (-1, 0)),  # case counts
        ("Harbourmaster Bede", "Bede", (14, 4)),
        ("anything", "", (-1, 0)),
    ],
)
def test_find_spaced_finds_a_name_whatever_white_space_parts_its_words(text, name, found):
    assert find_spaced(text, name) == found
    pattern = r"\s+".join(map(re.escape, name.split()))
    if name:
        m = re.search(pattern, text)
        assert found == ((m.start(), m.end() - m.start()) if m else (-1, 0))
