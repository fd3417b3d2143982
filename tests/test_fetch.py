"""Adding articles by link or file (`citebot add`, `citebot remove`): pages fetched from a local
HTTP server serving saved pages, with the limits that keep a fetch safe."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import httpx
import pytest

from retrieval.fetch import FetchError, FetchLimits, fetch_page, save_page
from retrieval.formats import extract
from tests.support.corpora import SMALL_CORPUS, write_corpus
from tests.support.pages_server import COURIER, GAZETTE, PAGES

EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
LOCAL = FetchLimits(timeout=2.0, max_bytes=300_000, max_redirects=3, allow_private=True)
QUICK = dataclasses.replace(LOCAL, timeout=0.5)  # for the pages that never finish


def test_a_saved_page_is_fetched_extracted_and_saved_with_its_url(site, tmp_path):
    page = fetch_page(f"{site}/moved", LOCAL)
    assert page.url == f"{site}/pages/{COURIER}" and page.requested == f"{site}/moved"
    saved = save_page(tmp_path, page)
    assert saved.suffix == ".md" and saved.name.startswith("millbrook-library-reopens")
    extracted = extract(saved.read_bytes(), ".md")
    expected = EXPECTED[COURIER]
    assert extracted.stated["url"] == page.url
    assert extracted.stated["title"] == expected["title"]
    body = extracted.text[extracted.body_start :]
    assert all(sentence in body for sentence in expected["body"][:5])
    assert save_page(tmp_path, fetch_page(f"{site}/moved", LOCAL)) == saved  # the same link: the same file
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]


@pytest.mark.parametrize(
    ("path", "message", "requested"),
    [
        ("/nothing-here", "answered HTTP 404 Not Found", ["/nothing-here"]),
        ("/loop-a", "redirects in a loop", ["/loop-a", "/loop-b"]),
        ("/hop-0", "redirects more than 3 times", ["/hop-0", "/hop-1", "/hop-2", "/hop-3"]),
        ("/data.json", "is not an HTML page (it is application/json)", ["/data.json"]),
        ("/huge", "is larger than 300,000 bytes", ["/huge"]),
        ("/huge-declared", "is larger than 300,000 bytes", ["/huge-declared"]),
    ],
)
def test_a_page_that_cannot_be_added_says_why(site, path, message, requested):
    before = requests(site)
    with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch_page(f"{site}{path}", LOCAL)
    assert requests(site) - before == Counter(requested)  # each link once, and no further
    if path == "/huge":  # the fetch stopped reading at the limit, not at the end of 50 MB
        assert ending(site, path) == "cut short"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/slow", "did not finish within 0.5 s"),  # a byte at a time: 10 s in all
        ("/silent", "did not answer within 0.5 s"),  # nothing for 4 s
    ],
)
def test_a_page_too_slow_to_fetch_says_so_at_the_deadline(site, path, message):
    before = requests(site)
    with pytest.raises(FetchError, match=message):  # /silent: had it waited, the page would have come
        fetch_page(f"{site}{path}", QUICK)
    assert requests(site) - before == Counter([path])  # given up, not tried again
    if path == "/slow":  # the fetch hung up at the deadline, not at the end of the page
        assert ending(site, path) == "cut short"


def requests(site: str) -> Counter[str]:
    """How many requests each path of the pages server has had so far."""
    return Counter(httpx.get(f"{site}/requests", timeout=10).json())


def ending(site: str, path: str) -> str:
    """How the server's last answer to `path` ended: "complete" or "cut short" (waits for it)."""
    return httpx.get(f"{site}/ended{path}", timeout=90).text


def test_a_page_without_article_text_is_not_saved(site, tmp_path):
    with pytest.raises(FetchError, match="has no article text"):
        save_page(tmp_path, fetch_page(f"{site}/empty", LOCAL))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/x", "http://169.254.169.254/latest",
     "http://[::1]/x", "http://[::ffff:127.0.0.1]/x", "http://0.0.0.0/"],
)  # fmt: skip
def test_private_and_local_addresses_are_refused_unless_allowed(url):
    with pytest.raises(FetchError, match="private or local address.*CITEBOT_FETCH_PRIVATE=true"):
        fetch_page(url, FetchLimits())


@pytest.mark.parametrize("url", ["ftp://example.com/a.html", "file:///etc/passwd", "http:///nohost"])
def test_only_http_and_https_links_with_a_host(url):
    with pytest.raises(FetchError, match="only http and https|has no host"):
        fetch_page(url, FetchLimits())


def test_a_redirect_to_a_private_address_is_refused(site):
    with pytest.raises(FetchError, match="private or local address"):
        fetch_page(f"{site}/moved", FetchLimits(allow_private=False))


# -- the commands ---------------------------------------------------------------------------------


def test_add_a_link_then_remove_it(cli, site, tmp_path):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    env = {
        "CITEBOT_FETCH_PRIVATE": "true",
        "CITEBOT_INDEX_DIR": str(tmp_path / "idx"),
        "CITEBOT_ENGINE": "tantivy",
    }
    cli("index", "--corpus", str(folder), env=env)
    added = cli("add", "--corpus", str(folder), f"{site}/pages/{GAZETTE}", env=env)
    assert (added.returncode, added.stderr) == (0, "")
    first, second, third = added.stdout.splitlines()
    expected = EXPECTED[GAZETTE]
    assert first.startswith(f"added {expected['outlet']} — {expected['title']} ({expected['date']}): ")
    assert second.startswith("updated index of ") and "1 article(s) in (" in second and "0 out" in second
    assert third == f'try: citebot ask "What do the sources say about {expected["title"]}?"'
    source_id = next(p.stem for p in folder.glob("*.md") if p.name.startswith("wenlow"))
    answer = cli(
        "ask",
        "--corpus",
        str(folder),
        "--json",
        "How many homes will the Wenlow flood scheme protect?",
        env=env,
    )
    assert "900 homes" in json.loads(answer.stdout)["answer"]
    removed = cli("remove", "--corpus", str(folder), source_id, env=env)
    assert (removed.returncode, removed.stderr) == (0, "")
    assert removed.stdout.startswith(
        f"removed {expected['outlet']} — {expected['title']} ({expected['date']}) ({source_id}, "
    )
    assert "0 article(s) in (0 passages), 1 out (" in removed.stdout
    assert not list(folder.glob("wenlow*"))
    after = cli(
        "ask",
        "--corpus",
        str(folder),
        "--json",
        "How many homes will the Wenlow flood scheme protect?",
        env=env,
    )
    assert "900 homes" not in after.stdout


def test_add_refuses_what_it_cannot_fetch_with_one_line(cli, site, tmp_path):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    env = {"CITEBOT_FETCH_PRIVATE": "true"}
    missing = cli("add", "--corpus", str(folder), f"{site}/nothing-here", env=env)
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == f"error: {site}/nothing-here answered HTTP 404 Not Found\n"
    private = cli(
        "add", "--corpus", str(folder), f"{site}/pages/{COURIER}", env={"CITEBOT_FETCH_PRIVATE": "false"}
    )
    assert private.returncode == 1 and "CITEBOT_FETCH_PRIVATE=true" in private.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(SMALL_CORPUS)


def test_add_a_file_and_remove_it_by_its_exact_id_only(cli, tmp_path):
    folder = write_corpus(tmp_path / "corpus", {"ferry.txt": SMALL_CORPUS["ferry.txt"]})
    outside = write_corpus(tmp_path / "elsewhere", {"museum.txt": SMALL_CORPUS["museum.txt"]})
    added = cli("add", "--corpus", str(folder), str(outside / "museum.txt"))
    assert added.returncode == 0 and added.stdout.startswith(
        "added City Museum Reopens After Renovation: 4 passages"
    )
    assert (folder / "museum.txt").read_bytes() == (outside / "museum.txt").read_bytes()
    bad = cli("add", "--corpus", str(folder), str(outside / "nope.docx"))
    assert bad.returncode == 1 and bad.stderr.startswith("error: no such file")
    unknown = cli("remove", "--corpus", str(folder), "zebra")
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: no source 'zebra'")
    for key in ("mus", "2"):  # a prefix or a number names it, but deleting needs its exact id
        kept = cli("remove", "--corpus", str(folder), key)
        assert kept.returncode == 1 and kept.stderr.startswith(f'error: "{key}" means City Museum Reopens')
        assert "citebot remove museum" in kept.stderr and (folder / "museum.txt").exists()
    gone = cli("remove", "--corpus", str(folder), "museum")
    assert gone.returncode == 0 and not (folder / "museum.txt").exists()
    assert gone.stdout.endswith("\n")
