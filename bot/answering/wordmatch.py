"""Regular expressions built from a question's or a passage's own words, compiled once.

Python keeps only the last 512 compiled patterns (`re._MAXCACHE`); the answerer builds one per
question word or name it looks for ('(?<!\\w)spokeswoman(?!\\w)'), so a busy bot evicted the
answerer's fixed patterns and recompiled its word patterns on every question: at a million
passages that was a seventh of an answer's time (`citebot bench`). These keep their own cache.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, kept for the process (at most 8,192 patterns, least recently
    used dropped first)."""
    return re.compile(pattern, flags)


def find_spaced(text: str, name: str) -> tuple[int, int]:
    """Where a name first stands in `text` with any run of white space between its words
    ('Muhammad\\xa0Aurangzeb' for 'Muhammad Aurangzeb'), and its length there; (-1, 0) when it
    does not. Case-sensitive, as `re.search(r'\\s+'.join(map(re.escape, name.split())), text)`."""
    words = name.split()
    if not words:
        return (-1, 0)
    first, rest = words[0], words[1:]
    at = text.find(first)
    while at >= 0:
        end = at + len(first)
        for word in rest:
            gap = _SPACES.match(text, end)
            if gap is None or not text.startswith(word, gap.end()):
                break
            end = gap.end() + len(word)
        else:
            return (at, end - at)
        at = text.find(first, at + 1)
    return (-1, 0)
