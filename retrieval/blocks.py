"""Split article text into blocks and classify each: title, heading, body, metadata or boilerplate.

A block is a verbatim span of the document text (offsets into it), so anything quoted
later can be located. Classification uses the shape of a line (length, final punctuation,
markdown markers, position before or after the body) and a list of web-page leftovers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from retrieval.textnorm import fold


class Kind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    BODY = "body"
    METADATA = "metadata"
    BOILERPLATE = "boilerplate"


@dataclass
class Block:
    ordinal: int  # 1-based position among all blocks of the document
    start: int
    end: int
    text: str  # == document text[start:end]
    kind: Kind = Kind.BODY
    why: str = ""  # why it was classified so (for boilerplate and metadata)


MIN_BODY_WORDS = 5
MAX_HEADING_WORDS = 20
MAX_LEFTOVER_WORDS = 30  # a longer paragraph that mentions "copyright" is an article, not a footer

_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_LIST_MARKER = re.compile(r"^(?:[•●▪◦‣∙·*+\-–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+")
_SENTENCE_END = re.compile(r"[.!;…\"”’')\]]\s*$")
_WORD = re.compile(r"\w+")

# Whole lines that are page furniture (compared after markdown and punctuation are stripped).
_FURNITURE = {
    "search",
    "menu",
    "home",
    "news",
    "rates",
    "buy",
    "sell",
    "more",
    "share",
    "tweet",
    "print",
    "email",
    "login",
    "log in",
    "sign in",
    "register",
    "subscribe",
    "featured",
    "recent posts",
    "related posts",
    "related articles",
    "related news",
    "popular posts",
    "trending",
    "latest",
    "latest news",
    "table of contents",
    "contents",
    "advertisement",
    "sponsored",
    "skip to content",
    "read more",
    "load more",
    "next",
    "previous",
    "back to top",
    "comments",
    "comment",
    "leave a reply",
    "leave a comment",
    "follow us",
    "share this",
    "share this article",
    "top stories",
    "most read",
    "you may also like",
    "more from",
    "newsletter",
    "weekly tutorial",
    "tags",
}
_LONGEST_FURNITURE = max(map(len, _FURNITURE))
# Fragments that mark a line as a page leftover wherever they appear.
_LEFTOVER = re.compile(
    r"lorem ipsum|click edit button|sign up for|subscribe to our|our newsletter|"
    r"copyright|©|all rights reserved|get the \w+ app|download (?:the|our) app|app store|"
    r"google play|scan to join|follow us on|cookie|privacy policy|terms of (?:use|service)|"
    r"for informational purposes only|does not constitute (?:financial|investment|legal)|"
    r"not (?:financial|investment) advice|^disclaimer\b|^advertisement\b|^image:|^photo:|"
    r"^source:\s*(?:getty|reuters|ap|shutterstock)",
    re.IGNORECASE,
)
# The same pattern matched against lower-cased text: case-insensitive matching of a long
# alternation is slow in `re`, and lower-casing first gives the same result unless the text has
# one of the few letters whose case folding differs from str.lower() ('ı', 'ſ', 'İ').
# Alternatives anchored at the start are tried there only, the others anywhere (one alternation
# with both is several times slower).


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if ch == "(" and not escaped:
            depth += 1
        elif ch == ")" and not escaped:
            depth -= 1
        elif ch == "|" and depth == 0 and not escaped:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


_LEFTOVER_ANYWHERE = re.compile(
    "|".join(a for a in _alternatives(_LEFTOVER.pattern) if not a.startswith("^"))
)
_LEFTOVER_AT_START = re.compile(
    "|".join(a[1:] for a in _alternatives(_LEFTOVER.pattern) if a.startswith("^"))
)
_CASE_ODD = re.compile("[\u0131\u017f\u0130]")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1")
_PUNCT = re.compile(r"[^\w\s]")
# Headings whose whole section is boilerplate until the next ordinary heading.
_BOILERPLATE_SECTION = re.compile(
    r"^(?:disclaimer|about us|about the author|about\b.*\bmedia|related(?: articles| posts| news| stories)?|"
    r"newsletter|sign up|subscribe|comments?|leave a (?:reply|comment)|you may also like|"
    r"more (?:from|stories|news)|read (?:next|also)|advertisement)\b",
    re.IGNORECASE,
)
_MENU = re.compile(r"^[^|]{1,25}(?:\s\|\s[^|]{1,25}){2,}$")  # 'Home | News | Markets | Sport'
_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")  # a markdown image alone on its line
_EMAIL = re.compile(r"^\S+@\S+\.\w+$")
DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?$", re.IGNORECASE)
URL = re.compile(r"https?://\S+")
BREADCRUMB = re.compile(r"^[^/\n]{1,40}(?:\s/\s[^/\n]{1,40}){1,6}\s*/?$")
_NO_WORDS = re.compile(r"^[\W\d_]*\w{0,1}[\W\d_]*$")
_LABEL = re.compile(
    r"^(?:author|by|written by|published|posted|updated|date|categories|category|tags|source|url|"
    r"canonical|reading time)\s*:",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}$")
_PIPE_WORD = re.compile(r"^\|\s*\w+$")


def strip_markup(text: str) -> str:
    """Drop markdown heading markers, list markers and emphasis for comparing and naming."""
    text = text.strip()
    # Only '#', a bullet, a digit, '(' or a letter followed by '.' or ')' can start a marker.
    if not (text[:1].isalpha() and text[1:2] not in (".", ")")):
        text = _LIST_MARKER.sub("", _MD_HEADING.sub("", text))
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\2", text)
    return text.replace("\\$", "$").strip()


# For ASCII text, \w is [A-Za-z0-9_]: mapping every other byte to a space and splitting counts
# the same words as the regular expression, several times faster.
_NON_WORD_TO_SPACE = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256))


@lru_cache(maxsize=1024)  # classification asks up to four times about the same line
def _words(text: str) -> int:
    if text.isascii():
        return len(text.encode("ascii").translate(_NON_WORD_TO_SPACE).split())
    return len(_WORD.findall(text))


def _is_date_line(text: str) -> bool:
    from retrieval.dates import parse_date  # local: keeps the module graph one-way and small

    return _words(text) <= 8 and parse_date(text) is not None  # the cheap test first


def _split_lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines, without their leading and trailing white space."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        else:
            spans.append((pos, pos))  # blank line marker
        pos += len(line)
    return spans


def _starts_block(line: str) -> bool:
    return bool(_MD_HEADING.match(line) or _LIST_MARKER.match(line) or _LABEL.match(line))


def split_blocks(text: str) -> list[Block]:
    """Group lines into blocks: one per line, except hard-wrapped prose lines, which join."""
    blocks: list[Block] = []
    cur: list[int] | None = None  # [start, end]

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            blocks.append(Block(len(blocks) + 1, cur[0], cur[1], text[cur[0] : cur[1]]))
            cur = None

    for start, end in _split_lines(text):
        if start == end:
            flush()
            continue
        line = text[start:end]
        if cur is not None:
            prev_line = text[cur[0] : cur[1]].rsplit("\n", 1)[-1].strip()
            wrapped = (
                len(prev_line) >= 50
                and not _SENTENCE_END.search(prev_line)
                and not _starts_block(prev_line)
                and not _starts_block(line)
            ) or (line[:1].islower() and len(prev_line) >= 30 and not _starts_block(line))
            if wrapped:
                cur[1] = end
                continue
        flush()
        cur = [start, end]
    flush()
    return [_trim_marker(b) for b in blocks]


def _trim_marker(block: Block) -> Block:
    """Move a block's start past a bullet marker so its text is what a quote would show."""
    m = _LIST_MARKER.match(block.text)
    if m and not _MD_HEADING.match(block.text) and len(block.text) > m.end():
        block.start += m.end()
        block.text = block.text[m.end() :]
    return block


def _looks_like_heading(raw: str, plain: str) -> bool:
    n = _words(plain)
    if n == 0 or n > MAX_HEADING_WORDS or "\n" in raw:
        return False
    if _MD_HEADING.match(raw):
        return True
    if plain.endswith("?"):
        return True
    if plain.endswith(":"):
        return n < 8  # "Main Points:" heads a list; a long line ending in ':' is a sentence
    return not _SENTENCE_END.search(plain)


def _leftover(plain: str) -> bool:
    if not plain.isascii() and _CASE_ODD.search(plain):
        return _LEFTOVER.search(plain) is not None
    lower = plain.lower()
    return _LEFTOVER_AT_START.match(lower) is not None or _LEFTOVER_ANYWHERE.search(lower) is not None


def _line_leftover(plain: str) -> str:
    """The reason a line is page furniture, or '' when it is not."""
    # Dropping punctuation only shortens ASCII text: a longer line cannot be furniture.
    furniture = not (plain.isascii() and len(plain) > _LONGEST_FURNITURE) and (
        _PUNCT.sub("", fold(plain)).strip().lower() in _FURNITURE
    )
    if furniture or _MENU.match(plain):
        return "navigation"
    if _words(plain) <= MAX_LEFTOVER_WORDS and _leftover(plain):
        return "page leftover"
    if _EMAIL.match(plain):
        return "contact"
    if _IMAGE_LINE.match(plain):
        return "image"
    if _NO_WORDS.match(plain) or _PIPE_WORD.match(plain):
        return "fragment"
    return ""


def _metadata_reason(raw: str, plain: str) -> str:
    if _LABEL.match(plain) or BYLINE.match(plain):
        return "label"
    if BREADCRUMB.match(plain):
        return "breadcrumb"
    if DOMAIN.match(plain) or (URL.fullmatch(plain) is not None):
        return "site address"
    if _is_date_line(plain):
        return "date"
    return ""


def classify(blocks: list[Block]) -> list[Block]:
    """Label every block; the first heading-like block before the body is the title."""
    seen: set[str] = set()
    in_bad_section = False
    body_seen = False
    title_found = False
    after_label = False
    for b in blocks:
        plain = strip_markup(b.text)
        key = fold(plain).lower()
        if after_label:  # the value line under a bare "Author:" or "Published:" label
            after_label = False
            b.kind, b.why = Kind.METADATA, "label value"
            continue
        if reason := _metadata_reason(b.text, plain):
            b.kind, b.why = Kind.METADATA, reason
            after_label = reason == "label" and plain.rstrip().endswith(":")
            continue
        if reason := _line_leftover(plain):
            b.kind, b.why = Kind.BOILERPLATE, reason
            if _BOILERPLATE_SECTION.match(plain):
                in_bad_section = True
            continue
        if key in seen:
            b.kind, b.why = Kind.BOILERPLATE, "duplicate"
            continue
        seen.add(key)
        if _looks_like_heading(b.text, plain):
            if _BOILERPLATE_SECTION.match(plain):
                b.kind, b.why, in_bad_section = Kind.BOILERPLATE, "boilerplate section", True
                continue
            if in_bad_section and not _MD_HEADING.match(b.text):
                # A teaser headline under 'Related articles' does not end the section; a
                # markdown heading does.
                b.kind, b.why = Kind.BOILERPLATE, "boilerplate section"
                continue
            in_bad_section = False
            if not body_seen and not title_found and _words(plain) >= 4:
                b.kind, title_found = Kind.TITLE, True
            elif not body_seen and not title_found:
                b.kind, b.why = Kind.METADATA, "masthead"  # a site name above the title
            else:
                b.kind = Kind.HEADING
            continue
        if in_bad_section:
            b.kind, b.why = Kind.BOILERPLATE, "boilerplate section"
            continue
        if _words(plain) < MIN_BODY_WORDS:
            b.kind, b.why = Kind.BOILERPLATE, "fragment"
            continue
        b.kind = Kind.BODY
        body_seen = True
    return blocks
