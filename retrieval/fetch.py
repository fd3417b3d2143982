"""Adding an article to a corpus folder: a page fetched by URL, or a file copied in.

A page is fetched with httpx under limits (`FetchLimits`): http and https only; the host's
addresses must be public (no private, loopback, link-local, multicast or reserved address)
unless `allow_private`; redirects followed one by one, each checked the same way, at most
`max_redirects` and never in a loop; a whole-request deadline of `timeout` seconds (a server
that sends a byte at a time does not get longer); at most `max_bytes` read (the body is
streamed and cut off there). Only HTML is taken (Content-Type text/html or
application/xhtml+xml). Its main text is extracted by the HTML pipeline (`retrieval.formats`,
trafilatura) and saved as a markdown file whose front matter holds the page's metadata and its
URL: `<slug>-<hash of the URL>.md`, so adding the same URL again replaces the same file.

The address check resolves the host before each request; a DNS answer that changes between
the check and httpx's own lookup is not caught (a resolver pinned to the checked address would
be; not done here). Errors: FetchError, with a message a person reads.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from retrieval.blocks import classify, split_blocks
from retrieval.documents import ARTICLE_SUFFIXES, FORMATS_NAMED, MAX_FILE_BYTES
from retrieval.formats import extract
from retrieval.passages import passage_rows

if TYPE_CHECKING:
    import httpx

HTML_TYPES = ("text/html", "application/xhtml+xml")
_SLUG = re.compile(r"[^a-z0-9]+")


class FetchError(Exception):
    """A page or file that cannot be added; the message says why."""


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 10.0  # seconds for the whole fetch, redirects included
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found, after redirects
    requested: str  # the URL asked for
    html: bytes


def is_url(text: str) -> bool:
    return urlsplit(text.strip()).scheme.lower() in ("http", "https")


def _check_url(url: str, limits: FetchLimits) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https links can be added, not {parts.scheme or 'this'}: {url}")
    host = parts.hostname
    if not host:
        raise FetchError(f"the link has no host name: {url}")
    if limits.allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot find the host {host}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"{host} is a private or local address ({address}); set CITEBOT_FETCH_PRIVATE=true to allow it"
            )


def fetch_page(url: str, limits: FetchLimits) -> Page:
    """The HTML page at `url` (see the module docstring for the limits). Raises FetchError."""
    import httpx

    deadline = time.monotonic() + limits.timeout
    seen: list[str] = []
    current = url.strip()
    with httpx.Client(follow_redirects=False, timeout=limits.timeout, trust_env=False) as client:
        while True:
            _check_url(current, limits)
            if current in seen:
                raise FetchError(f"the link redirects in a loop ({' -> '.join([*seen, current])})")
            seen.append(current)
            try:
                with client.stream("GET", current, headers={"Accept": "text/html,*/*;q=0.1"}) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if len(seen) > limits.max_redirects:
                            raise FetchError(f"the link redirects more than {limits.max_redirects} times")
                        current = urljoin(current, location)
                        continue
                    return Page(str(response.url), url.strip(), _body(response, current, limits, deadline))
            except httpx.TimeoutException:
                raise FetchError(f"{current} did not answer within {limits.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {current}: {exc}") from None


def _body(response: httpx.Response, url: str, limits: FetchLimits, deadline: float) -> bytes:
    status = response.status_code
    if not 200 <= status < 300:
        raise FetchError(f"{url} answered HTTP {status} {response.reason_phrase}")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        raise FetchError(f"{url} is not an HTML page (it is {kind or 'of no stated type'})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"{url} is larger than {limits.max_bytes:,} bytes")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"{url} is larger than {limits.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} did not finish within {limits.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def save_page(folder: Path, page: Page) -> Path:
    """Extract the page's article and save it in `folder` as markdown with front matter (its
    metadata and URL). Raises FetchError when the page has no article text."""
    import frontmatter

    try:
        extracted = extract(page.html, ".html")
    except ValueError as exc:
        raise FetchError(f"cannot read the page at {page.url}: {exc}") from None
    body = extracted.text[extracted.body_start :].strip()
    if not body:
        raise FetchError(f"the page at {page.url} has no article text")
    meta = {k: v for k, v in extracted.stated.items() if v and k != "url"}
    meta["url"] = page.url
    title = meta.get("title") or urlsplit(page.url).path.rstrip("/").rpartition("/")[2] or "page"
    slug = _SLUG.sub("-", title.lower()).strip("-")[:60].strip("-") or "page"
    target = folder / f"{slug}-{hashlib.sha256(page.requested.encode()).hexdigest()[:8]}.md"
    post = frontmatter.Post(body)
    post.metadata.update(meta)
    data = (frontmatter.dumps(post, sort_keys=False) + "\n").encode("utf-8")
    saved = extract(data, ".md")
    if not passage_rows(classify(split_blocks(saved.text, saved.body_start))):
        raise FetchError(f"the page at {page.url} has no article text (only page furniture)")
    _write_atomically(target, data)
    return target


def copy_article(folder: Path, source: Path) -> Path:
    """Copy an article file into `folder` (same name); raises FetchError for a file that is not
    one, or a name already taken by another file."""
    if not source.is_file():
        raise FetchError(f"no such file: {source}")
    if source.suffix.lower() not in ARTICLE_SUFFIXES:
        raise FetchError(
            f"unsupported format ({source.suffix or 'no extension'}); citebot reads {FORMATS_NAMED}"
        )
    if source.stat().st_size > MAX_FILE_BYTES:
        raise FetchError(f"{source} is larger than {MAX_FILE_BYTES:,} bytes")
    target = folder / source.name
    if target.resolve() == source.resolve():
        return target
    if target.exists() and target.read_bytes() != source.read_bytes():
        raise FetchError(f"{folder} already has a different {source.name}; rename the file to add it")
    scratch = target.with_name(f".{target.name}.adding")
    shutil.copyfile(source, scratch)
    scratch.replace(target)
    return target


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target under a hidden name (ignored by the corpus and its watcher), then
    rename: a reader sees the whole file or none."""
    scratch = target.with_name(f".{target.name}.adding")
    scratch.write_bytes(data)
    scratch.replace(target)
