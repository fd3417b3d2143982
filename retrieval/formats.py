"""A file's bytes as the text citebot quotes from, recognised by content rather than name.

    bytes starting %PDF-            -> pypdf's text layer, lines of a paragraph joined   "pdf"
    HTML (.html/.htm, or markup     -> trafilatura's main text (markdown: '#' headings,  "html"
      saved under another name)        blank lines between paragraphs), its metadata
    text with a front-matter block  -> the file text; python-frontmatter's fields         "markdown"
    anything else that decodes      -> the file text                                      "text"

The text returned is what every offset, passage and quote of the document indexes into
(`quote == text[start:end]`); for "text" and "markdown" it is the file decoded (UTF-8, else
cp1252, else Latin-1; CRLF as LF; a BOM dropped). For "html" and "pdf" it differs from the file,
so a persisted index keeps it (`retrieval.tables`). Errors: ValueError with the reason a person
reads in the skip line.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import frontmatter
import lxml.etree
import lxml.html
import pypdf
import trafilatura

from retrieval.bylines import Byline, parse_byline

log = logging.getLogger(__name__)

_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, newlines and form feed
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S
)
_TAG = re.compile(r"</?(?:p|div|span|a|h[1-6]|li|ul|br|img|section|article|nav|header|footer)\b[^>]*>", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BYLINE_XPATH = (
    '//*[contains(@class, "byline") or contains(@class, "meta") or contains(@class, "author")'
    ' or contains(@rel, "author")]'
)
_PARAGRAPH_END = re.compile(r"[.!?:;\"”’)]\s*$")

# Front-matter keys, as sites and static-site generators name them, for each metadata field.
_FRONT_KEYS = {
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline", "by"),
    "published": ("date", "published", "pubdate", "publish_date", "published_at", "created"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "publication"),
    "url": ("url", "link", "canonical", "canonical_url", "permalink"),
    "category": ("category", "categories", "section"),
}


@dataclass
class Extracted:
    """A file as text: `text` is what offsets index into; `stated` holds the fields the format
    itself states (title, author, published, outlet, url, category), raw as written there;
    `body_start` is where the article begins in `text` (after a front-matter block)."""

    text: str
    format: str  # "text", "markdown", "html" or "pdf"
    stated: dict[str, str] = field(default_factory=dict)
    body_start: int = 0


def decode(data: bytes) -> str:
    """Text of a file's bytes (UTF-8, else cp1252, else Latin-1; CRLF and CR as LF); raises
    ValueError for binary data."""
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROLS.findall(text))
        if controls > max(8, len(text) // 100):
            raise ValueError("binary file (control characters)")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ValueError("not text in UTF-8, cp1252 or Latin-1")  # unreachable: latin-1 decodes anything


def extract(data: bytes, suffix: str) -> Extracted:
    """The text of a file's bytes; `suffix` (lower case, with the dot) only breaks ties."""
    if data.lstrip()[:5] == b"%PDF-":
        return _pdf(data)
    if suffix == ".pdf":
        raise ValueError("named .pdf but not a PDF file")
    if suffix in (".html", ".htm") or _looks_like_html(data):
        return _html(decode(data))
    text = decode(data)
    if text.startswith("---"):
        return _front_matter(text)
    return Extracted(text, "text")


def _looks_like_html(data: bytes) -> bool:
    if _HTML_START.match(data[:4096]):
        return True
    head = data[:4096].decode("latin-1")
    return len(_TAG.findall(head)) >= 6 and "</" in head


def _html(markup: str) -> Extracted:
    text = trafilatura.extract(
        markup,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        favor_recall=True,
    )
    if not text or not text.strip():
        raise ValueError("an HTML page without article text")
    meta = trafilatura.extract_metadata(markup)
    stated: dict[str, str] = {}
    if meta is not None:
        for name, value in (
            ("title", meta.title),
            ("author", meta.author),
            ("published", meta.date),
            ("outlet", meta.sitename),
            ("url", meta.url),
            ("category", ", ".join(meta.categories) if meta.categories else None),
        ):
            if value and str(value).strip():
                stated[name] = str(value).strip()
    byline = _html_byline(markup)
    if byline is not None and len(byline.authors) > len((stated.get("author") or "").split(";")):
        stated["author"] = byline.author()  # trafilatura keeps one author of a shared byline
    if byline is not None and byline.published and "published" not in stated:
        stated["published"] = byline.published
    return Extracted(text.strip() + "\n", "html", stated)


def _html_byline(markup: str) -> Byline | None:
    """The byline of an element whose class names it ('byline', 'meta', 'author'), if any."""
    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return None
    for element in tree.xpath(_BYLINE_XPATH)[:20]:
        found = parse_byline(" ".join(element.text_content().split()))
        if found is not None:
            return found
    return None


def _front_matter(text: str) -> Extracted:
    block = _FRONT_MATTER.match(text)
    if block is None:
        return Extracted(text, "text")
    try:
        fields, _ = frontmatter.parse(block.group(0))
    except Exception as exc:  # the YAML library raises several kinds; the block stays text
        log.debug("front matter not read: %s", exc)
        return Extracted(text, "text")
    stated: dict[str, str] = {}
    lowered = {str(k).lower(): v for k, v in fields.items()}
    for name, keys in _FRONT_KEYS.items():
        for key in keys:
            value = _plain(lowered.get(key))
            if value:
                stated[name] = value
                break
    return Extracted(text, "markdown", stated, block.end())


def _plain(value: object) -> str | None:
    """A front-matter value as text: lists joined, dates in ISO form."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        parts = [p for p in (_plain(v) for v in value) if p]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return _plain(value.get("name"))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value).strip() or None


def _pdf(data: bytes) -> Extracted:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except Exception as exc:  # pypdf raises many kinds for damaged files
        raise ValueError("a damaged PDF (its pages cannot be read)") from exc
    text = "\n\n".join(p for p in (_reflow(page) for page in pages) if p)
    if not text.strip():
        raise ValueError("a PDF without a text layer (scanned pages?); citebot needs selectable text")
    stated: dict[str, str] = {}
    if info is not None:
        for name, value in (("title", info.title), ("author", info.author)):
            if value and str(value).strip():
                stated[name] = str(value).strip()
    return Extracted(text + "\n", "pdf", stated)


def _reflow(page: str) -> str:
    """A PDF page's lines as paragraphs: a line joins the one before unless that one stops short
    of the page's full width (a paragraph's last line, a heading) or is itself a short line
    without final punctuation (a heading, a running header)."""
    lines = [ln.strip() for ln in page.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    width = max(len(ln) for ln in lines)
    paragraphs: list[list[str]] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else ""
        short_prev = len(prev) < 0.75 * width
        standalone = len(line) < 0.6 * width and not _PARAGRAPH_END.search(line)
        if not paragraphs or short_prev or standalone:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(" ".join(p) for p in paragraphs)
