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

from retrieval.bylines import parse_byline
from retrieval.dates import parse_date
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
    item: bool = False  # a bulleted list item (its marker is not part of `text`)


MIN_BODY_WORDS = 5
# A line ending in a figure set after a colon or a dash: a row of a results table or a fact box
# ('Turnout: 43.35%', 'Desmond Okafor-Reid - £147,912', 'Civic Alliance - 21 seats'), not a heading.
_DATA_ROW = re.compile(
    r"(?::|\s[-–—])\s*(?:about\s+|around\s+)?(?:[£$€]\s?)?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:%|m|bn|k|million|billion|[a-z]+))?(?:\s*\([^)]*\))?\s*$",
    re.I,
)
MAX_HEADING_WORDS = 20
MAX_LEFTOVER_WORDS = 30  # a longer paragraph that mentions "copyright" is an article, not a footer

_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_BULLETS = "•●▪◦‣∙·*+-–—"
_LIST_MARKER = re.compile(r"^(?:[•●▪◦‣∙·*+\-–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+")
_SENTENCE_END = re.compile(r"[.!;…\"”’')\]]\s*$")
# A name's abbreviation ends a title's last word with a full stop: 'Harlow Rovers F.C.', 'Brandt Ltd.'
_ABBREVIATED_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Inc|Ltd|Co|Corp|Bros|Jr|Sr|St|Ave|Rd|plc)\.)$")
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
# Fragments that mark a line as a page leftover: anywhere in it, or at its start. Matched
# against lower-cased text (case-insensitive matching of a long alternation is slow in `re`, and
# lower-casing first gives the same result unless the text has one of the few letters whose case
# folding differs from str.lower(): 'ı', 'ſ', 'İ'; `_leftover` handles those).
_LEFTOVER_WORDS = (
    r"lorem ipsum|click edit button|sign up for|subscribe to our|our newsletter|"
    r"copyright|©|all rights reserved|get the \w+ app|download (?:the|our) app|app store|"
    r"google play|scan to join|follow us on|cookie|privacy policy|terms of (?:use|service)|"
    r"for informational purposes only|does not constitute (?:financial|investment|legal)|"
    r"not (?:financial|investment) advice|first appeared in|originally (?:published|appeared) (?:in|on)|"
    r"a version of this (?:article|story) appeared"
)
_LEFTOVER_START_WORDS = (
    r"disclaimer\b|advertisement\b|image:|photo:|source:\s*(?:getty|reuters|ap|shutterstock)"
)
_LEFTOVER_ANYWHERE = re.compile(_LEFTOVER_WORDS)
# A literal that each alternative of _LEFTOVER_WORDS contains: lines with none of them (nearly
# all) skip the alternation. Likewise for the other line checks below (speed only: the regex
# decides whenever a key is present).
_LEFTOVER_KEYS = (
    "lorem ipsum", "click edit button", "sign up for", "subscribe to our", "our newsletter",
    "copyright", "©", "all rights reserved", "get the ", "download ", "app store", "google play",
    "scan to join", "follow us on", "cookie", "privacy policy", "terms of ",
    "for informational purposes only", "does not constitute ", "advice", "first appeared in",
    "originally ", "a version of this ",
)  # fmt: skip
_LEFTOVER_START_KEYS = ("disclaimer", "advertisement", "image:", "photo:", "source:")
_SHARE_KEYS = ("share", "this", "copy link")
_CONTACT_KEYS = (
    "call", "phone", "tel", "fax", "contact", "hotline", "helpline", "enquiries", "inquiries",
    "press office", "media desk", "email us", "write to us",
)  # fmt: skip
_SEPARATORS = "·•›»>"
_LEFTOVER_AT_START = re.compile(_LEFTOVER_START_WORDS)
_LEFTOVER_ANY_CASE = re.compile(f"{_LEFTOVER_WORDS}|^(?:{_LEFTOVER_START_WORDS})", re.IGNORECASE)
# Paywall and subscription lines: 'Subscribe to continue reading.', 'Subscribe now and get 50% off'.
_PAYWALL = re.compile(
    r"\bsubscri(?:be|ber|bers|ption)\b.*\b(?:continue|unlock|offer|trial|log ?in|sign ?in|access)\b|"
    r"^subscribe\b|(?:continue|keep) reading|"
    r"already (?:a subscriber|a member|have an account)|for subscribers|subscribers only|"
    r"unlock (?:this|the full|unlimited|full)|create a free account|"
    r"(?:sign|log) in to (?:read|continue|keep)|register to (?:read|continue)|"
    r"support (?:our|independent|quality) journalism|become a (?:member|subscriber)|paywall|"
    r"\bfree articles?\b|\barticles? (?:left|remaining)\b",
    re.IGNORECASE,
)
# Lines that drop only themselves: related-link markers with their teaser ('RELATED: Bridge
# repairs delayed again'), video and photo captions ('Clip: ...').
_MARKER_LINE = re.compile(
    r"^(?:related(?:\s+\w+)?|read more|read next|read also|also read|see also|more on this(?: story)?|"
    r"watch|video|clip|listen|photo|image|gallery|caption|sponsored|advertisement)\s*:\s*\S",
    re.IGNORECASE,
)
_SHARE_BAR = re.compile(
    r"\bshare (?:on|via|to) (?:facebook|x|twitter|linkedin|whatsapp|reddit|email)\b|"
    r"\b(?:email|print) this (?:article|story|page)\b|\bcopy link\b|^share\b.*\b(?:facebook|twitter|whatsapp)\b",
    re.IGNORECASE,
)
# Whole lines (punctuation aside) that open a run of teaser lines: the teasers (headline-shaped
# lines) go with them; the article resumes at the next body paragraph.
_TEASER_MARKER = re.compile(
    r"^(?:related(?: articles?| posts?| news| stories| story| content| coverage| reading| links)?|"
    r"read more|read next|read also|also read|see also|more on this(?: story)?|you may also like|"
    r"you might also like|recommended(?: for you| reading)?|more from\b.*|more (?:stories|news)|"
    r"most (?:read|popular|viewed)|trending(?: now)?|editors? picks|top stories)$",
    re.IGNORECASE,
)
# A subscription's price or urgency ('Subscriptions from £4.99 a month', 'Subscribe today'): the
# site's offer in a short line or one addressing the reader; a longer line without 'you' or 'our'
# reports a price ('The garden waste subscription will rise to £54 a year from April').
_SUBSCRIPTION_PRICE = re.compile(
    r"\bsubscri(?:be|ber|bers|ption)s?\b.*\b(?:now|today|only|off|month|year|week)\b", re.IGNORECASE
)
_READER = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)
MAX_OFFER_WORDS = 15  # a subscription price in a longer line not addressing the reader is news
_PAYWALL_KEYS = ("subscri", "reading", "member", "account", "journalism", "paywall", "article", " in to ")
_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\b\d{2,4}[\s.-]\d{3,4}(?:[\s.-]\d{3,4})?\b")
_CONTACT_WORDS = re.compile(
    r"\b(?:call|phone|tel|telephone|fax|contact|hotline|helpline|enquiries|inquiries|press office|"
    r"media desk|email us|write to us)\b",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"\bpage \d+(?: of \d+)?\s*$", re.IGNORECASE)
_READING_TIME = re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?\s+read$", re.IGNORECASE)
_BANNER = re.compile(
    r"\b(?:press release|news release|media release|for immediate release|media advisory)\b", re.IGNORECASE
)
# A running header or masthead: 'Fenland Science Review | Spring 2025', 'X - Winter Bulletin'.
_RUNNING_HEAD = re.compile(
    r"^[^|]{3,60}\s(?:\||-|–|—)\s.*(?:\b\d{4}\b|\b(?:bulletin|edition|issue|volume|vol\.?|spring|summer|autumn|fall|winter|"
    r"weekly|daily|monthly|newsletter)\b)",
    re.IGNORECASE,
)
_SEPARATED = re.compile(r"^[^·•›»>|]{1,25}(?:\s[·•›»>]\s[^·•›»>|]{1,25}){2,}$")  # 'World · Europe · Sport'
# Section names of a site's navigation bar: a line made of them is the bar.
_NAV_WORDS = frozenset(
    "home news world politics business tech technology science health sport sports culture opinion "
    "entertainment lifestyle travel markets economy local national international video videos podcast "
    "podcasts weather arts style food education environment climate more menu search subscribe login "
    "account about contact latest features analysis obituaries uk us europe asia africa americas "
    "australia money property motoring jobs puzzles crosswords games newsletters magazine live events "
    "today shop books music film tv media & and".split()
)
_CASE_ODD = re.compile("[\u0131\u017f\u0130]")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1")
_PUNCT = re.compile(r"[^\w\s]")
# Headings whose whole section is boilerplate until the next markdown heading: the end matter
# of a page (a related-links marker is not one of them: it takes only its teaser lines).
_BOILERPLATE_SECTION = re.compile(
    r"^(?:disclaimer|about us|about the author|about\b.*\bmedia|"
    r"newsletter|sign up|subscribe|comments?|leave a (?:reply|comment)|"
    r"(?:media|press) (?:contacts?|enquiries|inquiries)|contacts?$)\b",
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
    r"^(?:author|authors|by|written by|published|posted|updated|last updated|date|categories|category|"
    r"tags|source|url|canonical|reading time|title|headline|outlet|publisher)\s*:",
    re.IGNORECASE,
)
# 'Published 12 May 2025', 'Updated: ...', 'Posted on ...' without a colon, when a date follows.
_DATE_LEAD = re.compile(r"^(?:published|posted|updated|last updated|first published)\b", re.IGNORECASE)
_SHORT_SENTENCE = re.compile(r"^[A-Z\"“‘'][^.!?]*\s[^.!?]*\s[^.!?]*[.!?][\"”’')]?$")  # 'Nobody was hurt.'
_PIPE_WORD = re.compile(r"^\|\s*\w+$")


# A list item that is a markdown link and nothing else.
_LINK_ONLY = re.compile(r"^\s*(?:(?:[-*+•]|\d+[.)])\s+)?\[[^\]]+\]\([^)\s]*\)\s*$")


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
    return _words(text) <= 12 and parse_date(text) is not None  # the cheap test first


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


_LINE_LEAD = re.compile(r"^(?:by|written by|words by|words:|posted|published|updated)\s", re.IGNORECASE)


def _starts_block(line: str) -> bool:
    """A line that is never the continuation of a hard-wrapped paragraph."""
    return bool(
        _MD_HEADING.match(line)
        or _LIST_MARKER.match(line)
        or _LABEL.match(line)
        or _LINE_LEAD.match(line)
        or _MARKER_LINE.match(line)
        or "@" in line
        and _EMAIL.match(line)
    )


def split_blocks(text: str, start_at: int = 0) -> list[Block]:
    """Group the lines of `text` from `start_at` (past a front-matter block) into blocks: one
    per line, except hard-wrapped prose lines, which join."""
    blocks: list[Block] = []
    cur: list[int] | None = None  # [start, end]

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            blocks.append(Block(len(blocks) + 1, cur[0], cur[1], text[cur[0] : cur[1]]))
            cur = None

    for start, end in _split_lines(text):
        if end <= start_at:
            continue
        if start == end:
            flush()
            continue
        line = text[start:end]
        if cur is not None:
            prev_line = text[cur[0] : cur[1]].rsplit("\n", 1)[-1].strip()
            # The page's first line, followed by a capitalised line, is a headline: not wrapped prose.
            headline = not blocks and "\n" not in text[cur[0] : cur[1]] and line[:1].isupper()
            wrapped = (
                len(prev_line) >= 50
                and not headline
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
        block.item = m.group(0)[0] in _BULLETS
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
        # "Main Points:" heads a list; "The measures include:" introduces one (body text).
        return n < 8 and _title_case(plain)
    if _ABBREVIATED_END.search(plain) and _title_case(plain):
        return True
    return not _SENTENCE_END.search(plain)


def _title_case(plain: str) -> bool:
    """Every word of four letters or more starts with a capital ('Main Points', 'Key Figures')."""
    return all(w[:1].isupper() or not w[:1].isalpha() for w in plain.split() if len(w) >= 4)


def _leftover(plain: str) -> bool:
    if not plain.isascii() and _CASE_ODD.search(plain):
        return _LEFTOVER_ANY_CASE.search(plain) is not None
    lower = plain.lower()
    if lower.startswith(_LEFTOVER_START_KEYS) and _LEFTOVER_AT_START.match(lower) is not None:
        return True
    return any(k in lower for k in _LEFTOVER_KEYS) and _LEFTOVER_ANYWHERE.search(lower) is not None


def _may_match(plain: str, keys: tuple[str, ...]) -> bool:
    """False only when a case-insensitive pattern whose every match holds one of `keys` cannot
    match: ASCII text (whose str.lower() is re's case folding) without any of them."""
    if not plain.isascii():
        return True
    lower = plain.lower()
    return any(k in lower for k in keys)


def _nav_bar(plain: str) -> bool:
    """A run of site section names ('World Politics Business Tech Sport')."""
    words = [_PUNCT.sub("", w).lower() for w in plain.split()]
    words = [w for w in words if w]
    if len(words) < 3 or _SENTENCE_END.search(plain):
        return False
    known = sum(w in _NAV_WORDS for w in words)
    return known == len(words) or (len(words) >= 5 and known >= 0.75 * len(words))


def _contact(plain: str) -> bool:
    """A contact line: an address to write to, or a phone number with a word saying so."""
    if _EMAIL.match(plain):
        return True
    if "@" not in plain and _DIGIT.search(plain) is None:
        return False
    if not _may_match(plain, _CONTACT_KEYS):
        return False
    return (_PHONE.search(plain) is not None or "@" in plain) and _CONTACT_WORDS.search(plain) is not None


def _line_leftover(plain: str) -> str:
    """The reason a line is page furniture, or '' when it is not."""
    # Dropping punctuation only shortens ASCII text: a longer line cannot be furniture.
    furniture = not (plain.isascii() and len(plain) > _LONGEST_FURNITURE) and (
        _PUNCT.sub("", fold(plain)).strip().lower() in _FURNITURE
    )
    if (
        furniture
        or ("|" in plain and _MENU.match(plain))
        or (any(c in plain for c in _SEPARATORS) and _SEPARATED.match(plain))
    ):
        return "navigation"
    n = _words(plain)
    if n <= MAX_LEFTOVER_WORDS:
        if _leftover(plain):
            return "page leftover"
        if _MARKER_LINE.match(plain):
            return "marker"
        if _may_match(plain, _SHARE_KEYS) and _SHARE_BAR.search(plain):
            return "share bar"
        lower = plain.lower()
        if any(k in lower for k in _PAYWALL_KEYS) and _PAYWALL.search(plain):
            return "paywall"
        if _SUBSCRIPTION_PRICE.search(plain) and (n <= MAX_OFFER_WORDS or _READER.search(plain)):
            return "paywall"
        if _contact(plain):
            return "contact"
    if n <= 12 and (_nav_bar(plain) or _PAGE_NUMBER.search(plain)):
        return "navigation"
    if _IMAGE_LINE.match(plain):
        return "image"
    if _NO_WORDS.match(plain) or _PIPE_WORD.match(plain):
        return "fragment"
    return ""


def _metadata_reason(plain: str) -> str:
    if _LABEL.match(plain) or parse_byline(plain) is not None:
        return "label"
    if BREADCRUMB.match(plain):
        return "breadcrumb"
    if DOMAIN.match(plain) or (URL.fullmatch(plain) is not None):
        return "site address"
    if _READING_TIME.match(plain):
        return "reading time"
    if _words(plain) <= 10 and _BANNER.search(plain):
        return "banner"
    if _words(plain) <= 10 and _RUNNING_HEAD.match(plain) and not _SENTENCE_END.search(plain):
        return "masthead"
    if _is_date_line(plain) and (_words(plain) <= 8 or _DATE_LEAD.match(plain)):
        return "date"
    return ""


def _teaser_summary(blocks: list[Block], i: int) -> bool:
    """A paragraph under a teaser headline that another teaser headline follows: the
    headline-summary pairs of a related-links list, not the article resuming."""
    if blocks[i - 1].why != "teaser" or i + 1 >= len(blocks):
        return False
    after = blocks[i + 1]
    plain = strip_markup(after.text)
    return (
        not after.item
        and not _MD_HEADING.match(after.text)
        and _looks_like_heading(after.text, plain)
        and not _line_leftover(plain)
        and not _metadata_reason(plain)
    )


def classify(blocks: list[Block]) -> list[Block]:
    """Label every block; the first heading-like block before the body is the title.

    A marker ('Advertisement', 'RELATED: ...', a share bar, a 'Clip:' caption) drops only
    itself; 'Related articles' and its kind drop the headline-shaped teaser lines under them
    (and a summary between two teaser headlines) too, and the article resumes at the next body
    paragraph. End matter (a disclaimer, 'About
    us', comments) drops everything up to the next markdown heading. Bulleted list items are
    body text, and so is the sentence ending in ':' that introduces them."""
    seen: set[str] = set()
    in_bad_section = False
    in_teasers = False
    body_seen = False
    title_found = False
    after_label = False
    short_heads: list[Block] = []  # short heading-like lines before the body: a masthead or the title
    for i, b in enumerate(blocks):
        plain = strip_markup(b.text)
        key = fold(plain).lower()
        if after_label:  # the value line under a bare "Author:" or "Published:" label
            after_label = False
            b.kind, b.why = Kind.METADATA, "label value"
            continue
        if reason := _metadata_reason(plain):
            b.kind, b.why = Kind.METADATA, reason
            after_label = reason == "label" and plain.rstrip().endswith(":")
            continue
        if reason := _line_leftover(plain):
            b.kind, b.why = Kind.BOILERPLATE, reason
            heading_like = _words(plain) <= 5 and not _SENTENCE_END.search(plain)
            if reason != "paywall" and heading_like and _BOILERPLATE_SECTION.match(plain):
                in_bad_section = True  # 'Newsletter', 'Comments': a section heading, not a prompt
            elif _TEASER_MARKER.match(_PUNCT.sub("", plain).strip()):
                in_teasers = True
            continue
        if key in seen:
            b.kind, b.why = Kind.BOILERPLATE, "duplicate"
            continue
        seen.add(key)
        introduces_list = (
            plain.endswith(":")
            and i + 1 < len(blocks)
            and blocks[i + 1].item
            and not _looks_like_heading(b.text, plain)  # 'Main Points:' heads its list
        )
        if b.item or introduces_list:
            if in_bad_section:
                b.kind, b.why = Kind.BOILERPLATE, "boilerplate section"
                continue
            if b.item and (in_teasers or _LINK_ONLY.match(b.text)):
                # '- [Where to eat in Port Ellery](/food/port-ellery)' under 'Related articles', or
                # any item that is only a link: navigation, not the article's text
                b.kind, b.why = Kind.BOILERPLATE, "teaser"
                continue
            b.kind, body_seen, in_teasers = Kind.BODY, True, False
            continue
        if body_seen and _DATA_ROW.search(plain):
            b.kind = Kind.BODY  # 'Majority: 1,362', 'Desmond Okafor-Reid - £147,912': a figure, not a heading
            continue
        if _looks_like_heading(b.text, plain):
            if _BOILERPLATE_SECTION.match(plain):
                b.kind, b.why, in_bad_section = Kind.BOILERPLATE, "boilerplate section", True
                continue
            if _TEASER_MARKER.match(_PUNCT.sub("", plain).strip()):
                b.kind, b.why, in_teasers = Kind.BOILERPLATE, "marker", True
                continue
            if (in_bad_section or in_teasers) and not _MD_HEADING.match(b.text):
                # A teaser headline under 'Related articles' does not end the section; a
                # markdown heading does.
                b.kind, b.why = Kind.BOILERPLATE, "teaser" if in_teasers else "boilerplate section"
                continue
            in_bad_section = in_teasers = False
            if not body_seen and not title_found and _words(plain) >= 4:
                b.kind, title_found = Kind.TITLE, True
            elif not body_seen and not title_found:
                b.kind, b.why = Kind.METADATA, "masthead"  # a site name above the title
                short_heads.append(b)
            else:
                b.kind = Kind.HEADING
            continue
        if in_bad_section:
            b.kind, b.why = Kind.BOILERPLATE, "boilerplate section"
            continue
        if in_teasers and _teaser_summary(blocks, i):
            b.kind, b.why = Kind.BOILERPLATE, "teaser"
            continue
        in_teasers = False
        if _words(plain) < MIN_BODY_WORDS and not _SHORT_SENTENCE.match(plain):
            b.kind, b.why = Kind.BOILERPLATE, "fragment"
            continue
        b.kind = Kind.BODY
        body_seen = True
    if not title_found and short_heads:
        # No longer title followed: the short line last before the body was the title
        # ('Kłodawice', 'Rowing Club Grows'), not a site name.
        short_heads[-1].kind, short_heads[-1].why = Kind.TITLE, ""
    return blocks
