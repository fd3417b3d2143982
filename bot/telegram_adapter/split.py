"""Splitting a rendered Telegram HTML reply into messages of at most 4096 characters.

Telegram counts a message's length in UTF-16 code units of the text *after* it parses
the HTML, so tags count nothing and `&amp;` counts one. Messages are cut at paragraph
breaks when possible, else at line breaks, else between words, and a tag open at a cut
is closed before it and opened again after it, so every part parses on its own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_MESSAGE_UTF16 = 4096

_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_PIECE = re.compile(r"\S+\s*|\s+")
_ENTITY = re.compile(r"&#?\w+;|[^&]")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w-]*)")

PARAGRAPH, LINE, WORD = 3, 2, 1  # how good a place to cut after a piece is


@dataclass(frozen=True)
class _Atom:
    raw: str
    size: int = 0  # plain-text length in UTF-16 units; 0 for tags
    opens: str | None = None  # tag name, for an opening tag
    closes: str | None = None  # tag name, for a closing tag
    cut: int = 0  # how good it is to cut right after this atom (0: never)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def plain_text(html_text: str) -> str:
    """The text people read: tags removed, entities decoded (as Telegram shows it, without styling)."""
    return html.unescape(re.sub(r"<[^>]*>", "", html_text))


def plain_length(html_text: str) -> int:
    """The length Telegram counts for this HTML, in UTF-16 units."""
    return utf16_len(plain_text(html_text))


def split_html(text: str, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """`text` as one or more messages, each valid Telegram HTML of at most `limit` units."""
    if limit < 16:
        raise ValueError("limit must be at least 16 UTF-16 units")
    if plain_length(text) <= limit:
        return [text]
    atoms = _atoms(text, limit)
    stacks = _stacks(atoms)
    parts: list[str] = []
    start = 0
    while start < len(atoms):
        end = _cut(atoms, stacks, start, limit)
        opened = "".join(raw for _, raw in stacks[start])
        closed = "".join(f"</{name}>" for name, _ in reversed(stacks[end]))
        part = opened + "".join(a.raw for a in atoms[start:end]) + closed
        if plain_text(part).strip():
            parts.append(part.strip())
        start = end
    return parts


def _atoms(text: str, limit: int) -> list[_Atom]:
    atoms: list[_Atom] = []
    for token in _TOKEN.findall(text):
        if token.startswith("<"):
            name = _TAG_NAME.match(token)
            tag = name.group(1).lower() if name else ""
            atoms.append(_Atom(token, closes=tag) if token.startswith("</") else _Atom(token, opens=tag))
            continue
        for piece in _PIECE.findall(token):
            size = utf16_len(html.unescape(piece))
            if size > limit // 2:  # a "word" too long to move whole: cut it between characters
                atoms.extend(_Atom(c, utf16_len(html.unescape(c)), cut=WORD) for c in _ENTITY.findall(piece))
                continue
            trailing = piece[len(piece.rstrip()) :]
            cut = PARAGRAPH if trailing.count("\n") >= 2 else LINE if "\n" in trailing else WORD
            atoms.append(_Atom(piece, size, cut=cut))
    return atoms


def _stacks(atoms: list[_Atom]) -> list[tuple[tuple[str, str], ...]]:
    """The tags open before each atom (and after the last), as (name, opening tag)."""
    stack: list[tuple[str, str]] = []
    stacks: list[tuple[tuple[str, str], ...]] = [()]
    for atom in atoms:
        if atom.opens:
            stack.append((atom.opens, atom.raw))
        elif atom.closes:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == atom.closes:
                    del stack[i]
                    break
        stacks.append(tuple(stack))
    return stacks


def _cut(atoms: list[_Atom], stacks: list[tuple[tuple[str, str], ...]], start: int, limit: int) -> int:
    """Where the message starting at `start` ends: the best cut that keeps it within `limit`.

    A paragraph break inside a tag (a long quote) is only as good as a line break.
    """
    size, best, best_at = 0, 0, start + 1
    for i in range(start, len(atoms)):
        size += atoms[i].size
        if size > limit:
            return best_at if best else max(i, start + 1)
        cut = min(atoms[i].cut, LINE) if stacks[i + 1] else atoms[i].cut
        if cut and cut >= best:
            best, best_at = cut, i + 1
    return len(atoms)
