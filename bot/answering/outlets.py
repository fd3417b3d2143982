"""The sources a question names by outlet: 'what does the Valley Herald say about the damage?',
'according to the Gazette, when did it start?', 'how many does Radio Torvik say were hurt?'.

A question names an outlet when it writes the outlet's name (a leading 'The' and case aside), or
'the' and the name's last word when that word is no common English word ('the Herald' for 'The
Valley Herald'; when two outlets end in 'Gazette', 'the Gazette' names both). The question is
then asked of those sources only, without the outlet's name, which no article's text holds (an
outlet is read from a page's masthead or byline, `retrieval.metadata`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wordfreq import zipf_frequency

COMMON_ZIPF = 4.5  # a last word this frequent in English ('Post', 'Times') names no outlet alone
_BEFORE = r"(?<![\w-])(?:(?:according to|in|by|from)\s+)?"
_AFTER = r"(?:'s|’s)?(?![\w-])"
# What naming a source leaves behind: 'what does   say about', '( )', 'according to , when'.
_LEFT_OVER = re.compile(r"\(\s*\)|\s+(?=[,?.!])")


# The frame of a question put to a source: 'what does <it> say about', 'how many does <it> say'.
_SAYS_ABOUT = re.compile(
    r"^(?:what|how)\s+(?:does|do|did|is|are)\s+(?:say|says|report|reports|write|writes|think|have|saying|reporting)"
    r"\s+(?:about|on|of|regarding|for)\s+",
    re.I,
)
_SAYS = re.compile(r"\b(?:does|do|did)\s+(?:say|report|write)\s+(?=\w)", re.I)


# After a source's short name typed in lower case: the question's end or a verb of saying.
_ENDS_NAME = re.compile(
    r"\s*(?:[,?.!;:]|$)|\s+(?:say|says|said|report|reports|reported|write|writes|wrote|put|puts|claim|claims)\b",
    re.I,
)


class Outlets:
    """The outlets of a corpus as one pattern, so that a question is read once whatever the
    number of sources. `outlets` maps source ids to outlet names (None when unknown)."""

    def __init__(self, outlets: Mapping[str, str | None]) -> None:
        self._ids: dict[str, list[str]] = {}  # a name's words, lower case, one space -> ids
        self._last: dict[str, list[str]] = {}  # a distinctive last word -> ids
        for sid, outlet in outlets.items():
            words = (outlet or "").lower().split()
            if words[:1] == ["the"]:
                words = words[1:]
            if not words:
                continue
            self._ids.setdefault(" ".join(words), []).append(sid)
            if len(words) > 1 and zipf_frequency(words[-1], "en") < COMMON_ZIPF:
                self._last.setdefault(words[-1], []).append(sid)
        self._full = _alternation(self._ids, rf"{_BEFORE}(?:the\s+)?")
        self._short = _alternation(self._last, rf"{_BEFORE}the\s+")

    def named(self, question: str) -> tuple[list[str], str]:
        """(ids of the sources `question` names, `question` without their names); ([], question)
        when it names none."""
        named: list[str] = []
        spans: list[tuple[int, int]] = []
        for pattern, ids, short in ((self._full, self._ids, False), (self._short, self._last, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(question):
                if any(start < m.end() and m.start() < end for start, end in spans):
                    continue  # 'the Valley Herald' is named once, not again as 'the Herald'
                if short and not (m["name"][:1].isupper() or _ENDS_NAME.match(question, m.end())):
                    continue  # 'who runs the herald trust': a word of another name
                named += [sid for sid in ids[" ".join(m["name"].lower().split())] if sid not in named]
                spans.append(m.span())
        if not named:
            return [], question
        rest = question
        for start, end in sorted(spans, reverse=True):
            rest = rest[:start] + " " + rest[end:]
        rest = " ".join(_LEFT_OVER.sub("", rest).split()).strip(" ,")
        rest = _SAYS.sub("", _SAYS_ABOUT.sub("", rest)).strip()  # 'what does X say about the damage'
        return named, " ".join(rest.split()) or question


def _alternation(names: Mapping[str, list[str]], before: str) -> re.Pattern[str] | None:
    if not names:
        return None
    longest_first = sorted(names, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in longest_first)
    return re.compile(rf"{before}(?P<name>{alternatives}){_AFTER}", re.I)
