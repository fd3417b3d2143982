"""Article metadata read off the page itself, and the operator's sidecar file that overrides it."""

from __future__ import annotations

import logging
import re
import tomllib
from datetime import date, datetime
from pathlib import Path

from retrieval.blocks import BREADCRUMB, DOMAIN, URL, Block, Kind, strip_markup
from retrieval.bylines import Byline, names, parse_byline
from retrieval.dates import parse_date
from retrieval.models import Metadata

log = logging.getLogger(__name__)

SIDECAR_NAME = "sources.toml"
_COPYRIGHT = re.compile(
    r"^(?:(?P<pre>[A-Z][\w&' -]{1,40}?)\s+)?(?:copyright\s*)?©\s*(?:\d{4}[,\s]*)?(?P<post>[A-Z][\w&' -]{1,40})?",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^(?P<label>[A-Za-z ]+?)\s*:\s*(?P<value>.*)$")


_LABEL_NAMES = {
    "by": "author",
    "written by": "author",
    "authors": "author",
    "posted": "published",
    "date": "published",
    "last updated": "updated",
    "categories": "category",
    "headline": "title",
    "publisher": "outlet",
}
_MASTHEAD_SPLIT = re.compile(r"\s+[|·•—–-]\s+")


def _label_values(blocks: list[Block]) -> dict[str, str]:
    """`Label: value` pairs, whether on one line or with the value on the next block, and the
    authors and date of a byline ('author', 'byline date')."""
    values: dict[str, str] = {}
    pending: str | None = None
    for b in blocks:
        if b.kind is not Kind.METADATA:
            pending = None
            continue
        plain = strip_markup(b.text)
        if pending:
            values.setdefault(pending, plain)
            pending = None
            continue
        if byline := parse_byline(plain, labelled=True):
            values.setdefault("author", byline.author())
            if byline.published:
                values.setdefault("byline date", byline.published)
            continue
        if m := _LABELLED.match(plain):
            label = m["label"].strip().lower()
            label = _LABEL_NAMES.get(label, label)
            if m["value"].strip():
                values.setdefault(label, m["value"].strip())
            else:
                pending = label
    return values


# A wire dateline opening the story: 'OSLO, May 4 (Nordic Wire) - ...' names the agency.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{1,30},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s+"
    r"\((?P<name>[A-Z][\w&'. -]{1,40})\)\s*[-–—]"
)
_SMALL_WORDS = frozenset("of the and for in on de la du & a".split())


def _masthead_name(plain: str) -> str | None:
    """The name in a masthead line: its first part ('THE VALLEY LEDGER · Markets', 'Harbour Post
    - news for the bay', 'RADIO NORD | News'), when it is a short capitalised name."""
    first = _MASTHEAD_SPLIT.split(plain)[0].strip()
    words = first.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in first) or re.search(r"[.!?:,;]$", first):
        return None
    if parse_date(first) or parse_byline(first) or words[0].lower() in ("by", "text", "written"):
        return None
    if not all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return None
    return first


def _above_title(blocks: list[Block]) -> str | None:
    """A site name or running header above the title, or a breadcrumb's first part."""
    for b in blocks:
        if b.kind in (Kind.TITLE, Kind.BODY):
            break
        plain = strip_markup(b.text)
        if b.why == "masthead" and len(plain.split()) <= 4 and not parse_date(plain):
            return plain
        if b.why == "masthead" and (first := _MASTHEAD_SPLIT.split(plain)[0]) != plain:
            if len(first.split()) <= 5:  # 'Fenland Science Review | Spring 2025'
                return first
        if b.kind is Kind.METADATA and BREADCRUMB.match(plain):
            return plain.split("/")[0].strip()
    return None


def _under_title(blocks: list[Block]) -> str | None:
    """A masthead line right under the title, in the header that a byline, date or running
    header completes before the story begins ('THE EVENING POST' above 'By ... | June 9')."""
    for i, b in enumerate(blocks[:-1]):
        if b.kind is not Kind.TITLE:
            continue
        line, header = blocks[i + 1], blocks[i + 2 : i + 4]
        if line.kind is Kind.METADATA and line.why == "date":
            # 'The Millbrook Gazette, March 3, 2025': the outlet, then the date
            outlet, _, rest = strip_markup(line.text).partition(", ")
            if rest and parse_date(rest) and (masthead := _masthead_name(outlet)):
                return masthead
        if line.kind in (Kind.HEADING, Kind.BOILERPLATE) or line.why == "masthead":
            if any(h.kind is Kind.METADATA for h in header) and (
                name := _masthead_name(strip_markup(line.text))
            ):
                return name
        break
    return None


def _outlet(blocks: list[Block]) -> str | None:
    """A site name or running header above the title, a masthead line under it, a wire
    dateline's agency, a breadcrumb's first part, a copyright holder or a bare domain."""
    if name := _above_title(blocks) or _under_title(blocks):
        return name
    first_body = next((b for b in blocks if b.kind is Kind.BODY), None)
    if first_body is not None and (m := _DATELINE.match(strip_markup(first_body.text))):
        return m["name"].strip()
    for b in reversed(blocks):
        plain = strip_markup(b.text)
        if "©" in plain and (m := _COPYRIGHT.search(plain)):
            name = (m["pre"] or m["post"] or "").strip(" ,")
            name = re.sub(r"\s*copyright$", "", name, flags=re.IGNORECASE).strip()
            if name and not re.fullmatch(r"all rights reserved", name, re.IGNORECASE):
                return name
    for b in reversed(blocks):
        plain = strip_markup(b.text)
        if b.kind is Kind.METADATA and DOMAIN.match(plain) and not plain.startswith("http"):
            return plain.rstrip("/")
    return None


def _author(value: str | None) -> str | None:
    """An author field as bylines give it ('A, B and C'), roles dropped."""
    if not value:
        return None
    found = names(value)
    return Byline(tuple(found), None).author() if found else value.strip()


def _dated(line: str) -> str | None:
    """The date a short line gives, if it is mostly a date."""
    return parse_date(line) if len(line.split()) <= 12 else None


def extract_metadata(blocks: list[Block], stated: dict[str, str] | None = None) -> Metadata:
    """What the page states about itself: `stated` (what the file format states: HTML meta
    tags, front matter, PDF properties) first, then its labels, byline and layout. Fields it
    does not state stay None."""
    stated = stated or {}
    labels = _label_values(blocks)
    title = (
        stated.get("title")
        or labels.get("title")
        or next((strip_markup(b.text) for b in blocks if b.kind is Kind.TITLE), None)
    )
    published = (
        parse_date(stated.get("published", ""))
        or parse_date(labels.get("published", ""))
        or labels.get("byline date")
        or next((parse_date(b.text) for b in blocks if b.kind is Kind.METADATA and b.why == "date"), None)
        or parse_date(labels.get("updated", ""))
        # an edition line ('Nordmarsh edition - Tuesday, June 9 2026'), read as a masthead
        or next(
            (d for b in blocks if b.kind is Kind.METADATA and b.why == "masthead" and (d := _dated(b.text))),
            None,
        )
    )
    source = labels.get("source")
    url = stated.get("url") or labels.get("url") or labels.get("canonical") or source
    if url and not URL.match(url):
        url = None
    if not url:
        url = next(
            (
                m.group(0)
                for b in blocks
                if b.kind is Kind.METADATA and (m := URL.fullmatch(strip_markup(b.text)))
            ),
            None,
        )
    outlet = stated.get("outlet") or labels.get("outlet")
    if not outlet and source and not URL.match(source):
        outlet = source
    category = stated.get("category") or labels.get("category")
    return Metadata(
        title=title,
        outlet=outlet or _outlet(blocks),
        published=published,
        author=_author(stated.get("author")) or _author(labels.get("author")),
        category=category.strip("*_ ") if category else None,
        url=url,
    )


class SidecarError(ValueError):
    """The sidecar metadata file cannot be used."""


def load_sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """Per-source overrides from `sources.toml` beside the articles; {} when there is none."""
    path = folder / SIDECAR_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SidecarError(f"{path}: {exc}") from exc
    table: dict[str, dict[str, str]] = {}
    for source_id, fields in data.items():
        if not isinstance(fields, dict):
            raise SidecarError(f"{path}: [{source_id}] must be a table of fields")
        unknown = set(fields) - set(Metadata.model_fields)
        if unknown:
            raise SidecarError(f"{path}: [{source_id}] unknown field(s): {', '.join(sorted(unknown))}")
        clean: dict[str, str] = {}
        for name, value in fields.items():
            if isinstance(value, (date, datetime)):  # TOML's own date: published = 2025-07-18
                value = value.isoformat()[:10]
            if not isinstance(value, str):
                raise SidecarError(f"{path}: [{source_id}] {name} must be text, not {type(value).__name__}")
            if name == "url" and not URL.fullmatch(value.strip()):
                raise SidecarError(
                    f"{path}: [{source_id}] url must be a link starting with http:// or https://"
                )
            if name == "published":
                iso = parse_date(value)
                if iso is None:
                    raise SidecarError(f"{path}: [{source_id}] published must be a date such as 2025-07-18")
                value = iso
            clean[name] = value
        table[source_id] = clean
    return table


def forget_in_sidecar(folder: Path, source_id: str) -> bool:
    """Take `source_id`'s table out of `sources.toml` beside the articles, the rest of the file
    kept as written (comments, order, quoting); whether it had one. The file is replaced in one
    rename. Raises SidecarError when it cannot be read or written."""
    import tomlkit

    path = folder / SIDECAR_NAME
    if not path.is_file():
        return False
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
        if source_id not in document:
            return False
        del document[source_id]
        fresh = path.with_name(f".{path.name}.new")
        fresh.write_text(tomlkit.dumps(document), encoding="utf-8")
        fresh.replace(path)
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
        raise SidecarError(f"{path}: {exc}") from exc
    return True


def apply_sidecar(meta: Metadata, overrides: dict[str, str] | None) -> Metadata:
    """The page's metadata with the operator's fields laid over it."""
    if not overrides:
        return meta
    return meta.model_copy(update=dict(overrides))
