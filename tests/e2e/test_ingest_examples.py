"""Issue 10's examples in new wording: text after a marker, list items, clutter, bylines,
dates, labels, banners, formats and unreadable folders."""

from __future__ import annotations

import os

import pytest

from retrieval.passages import sentences
from tests.support.corpora import ingest_text, load_corpus

LEDE = "The council voted on Tuesday to rebuild the sea wall along the northern promenade."
AFTER = "The harbour master, Ines Calloway, said the moorings would reopen in early spring."


@pytest.mark.parametrize(
    "marker",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "RELATED: Promenade cafe owners fear a long summer of roadworks",
        "Read more: Storm damage bill tops two million",
        "More on this story\n\nSea wall plans go on show at the library\n\nCouncil tax to rise again",
        "Share on Facebook Share on X Email this article",
        "Clip: Waves break over the promenade railings in February",
    ],
)
def test_a_marker_drops_only_itself(marker):
    _, passages, _ = ingest_text(f"Sea Wall Rebuild Approved By Council\n\n{LEDE}\n\n{marker}\n\n{AFTER}\n")
    assert [p.text for p in passages] == [LEDE, AFTER]
    assert all(p.heading is None for p in passages)


def test_list_items_are_citable_with_their_introduction_as_context():
    text = (
        "Night Transport Plan Published\n\nThe plan funds three things:\n\n"
        "- a cycle bridge costing 3 million euros\n- 25 new night buses\n- longer ferry hours\n\n"
        "The works begin in May and run for two years across the city.\n"
    )
    _, passages, _ = ingest_text(text)
    assert [(p.text, p.heading) for p in passages] == [
        ("The plan funds three things:", None),
        ("a cycle bridge costing 3 million euros", "The plan funds three things:"),
        ("25 new night buses", "The plan funds three things:"),
        ("longer ferry hours", "The plan funds three things:"),
        ("The works begin in May and run for two years across the city.", None),
    ]


@pytest.mark.parametrize(
    "clutter",
    [
        "Subscribe to keep reading. This story is available to subscribers only.",
        "Subscribe today and save 40% on your first year",
        "Home | World | Business | Sport | Culture",
        "News Politics Business Sport Weather",
        "For press enquiries call 0161 555 0142.",
        "Contact: desk@harbourpost.example",
    ],
)
def test_clutter_is_not_indexed(clutter):
    _, passages, _ = ingest_text(f"Sea Wall Rebuild Approved By Council\n\n{LEDE}\n\n{clutter}\n\n{AFTER}\n")
    assert [p.text for p in passages] == [LEDE, AFTER]


def test_title_and_source_labels():
    text = f"Title: Sea wall to be rebuilt\nSource: The Harbour Post\n\n{LEDE}\n"
    meta = ingest_text(text)[0].meta
    assert (meta.title, meta.outlet) == ("Sea wall to be rebuilt", "The Harbour Post")


def test_the_headline_not_the_press_release_banner():
    text = f"PORT OF WESTHAVEN - NEWS RELEASE\n\nWesthaven Port Opens Second Cargo Terminal\n\n{LEDE}\n"
    assert ingest_text(text)[0].meta.title == "Westhaven Port Opens Second Cargo Terminal"


def test_front_matter_is_metadata_not_a_passage():
    text = (
        "---\ntitle: Sea wall to be rebuilt\nauthor: [Tove Lind, Kei Tanaka]\ndate: 2024-06-01\n"
        "outlet: The Harbour Post\n---\n\n" + LEDE + "\n"
    )
    document, passages, _ = ingest_text(text, "wall.md")
    assert document.meta.model_dump(include={"title", "author", "published", "outlet"}) == {
        "title": "Sea wall to be rebuilt",
        "author": "Tove Lind and Kei Tanaka",
        "published": "2024-06-01",
        "outlet": "The Harbour Post",
    }
    assert [p.text for p in passages] == [LEDE]
    assert document.text == text  # quotes stay exact against the file itself


def test_html_saved_as_text_is_read_as_html():
    page = (
        "<!DOCTYPE html><html><head><title>Sea wall | Harbour Post</title>"
        '<meta property="og:site_name" content="Harbour Post"></head><body>'
        "<nav><a>Home</a> <a>News</a></nav><article><h1>Sea wall to be rebuilt</h1>"
        f"<p>{LEDE.replace('Tuesday', 'Tues&shy;day')}</p><p>{AFTER}</p></article></body></html>"
    )
    document, passages, _ = ingest_text(page, "wall.txt")
    assert document.format == "html"
    assert document.meta.outlet == "Harbour Post"
    assert "<" not in document.text
    assert [p.text for p in passages][-1] == AFTER
    for p in passages:
        assert document.text[p.start : p.end] == p.text


def test_dotted_abbreviations_and_sentences():
    para = "Calloway was born in the U.S.A. She moved to Westhaven in 1998. U.S. officials said so at 9 a.m. today."
    _, passages, _ = ingest_text(f"Sea Wall Rebuild Approved By Council\n\n{para}\n")
    assert [s.text for s in sentences(passages[0])] == [
        "Calloway was born in the U.S.A.",
        "She moved to Westhaven in 1998.",
        "U.S. officials said so at 9 a.m. today.",
    ]


def test_an_unreadable_subfolder_is_one_skip_line_and_the_rest_loads(make_corpus, monkeypatch):
    """As a folder without read permission behaves for a user who is not root."""
    folder = make_corpus({"a.txt": f"Sea Wall Rebuild Approved\n\n{LEDE}\n", "locked/b.txt": AFTER})
    scandir = os.scandir

    def refuse_locked(path):
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    opened = load_corpus(folder)
    assert opened.index.source_ids() == ["a"]
    assert [str(s) for s in opened.skipped] == ["skipped locked/: Permission denied"]
