"""Boilerplate never reaches the index; headings are context, not answers."""

from __future__ import annotations

import re

import pytest

from retrieval.blocks import Kind, classify, split_blocks
from retrieval.documents import read_article
from retrieval.passages import sentences
from retrieval.textnorm import fold
from tests.support.corpora import (
    MESSY_ARTICLE,
    MESSY_PARAGRAPHS,
    S000,
    S001,
    S003,
    S004,
    SEED_META,
    SEED_PASSAGE_COUNTS,
    SEEDS_DIR,
    ingest_text,
)

# Phrases of page furniture that the seed pages contain (each is checked to be there).
SEED_BOILERPLATE = [
    "Transparent. Unbiased. Yours.",  # tagline under the masthead
    "Categories:",
    "Table of Contents",
    "Recent Posts",
    "Weekly Tutorial",
    "Sign up for our Newsletter",
    "Lorem ipsum",
    "Click edit button",
    "About Us and Media",
    "media covering and exposing",
    "Disclaimer",
    "for informational purposes only",
    "bitxjournal.com",
    "info@bitxjournal.com",
    "Copyright",
    "©",
    "All rights reserved",
    "Get the BTCC app",
    "Scan to join",
    "|Square",
    "BTCC / BTCC Square",
    "Author:",
    "Published:",
    "N4k4m0t0",  # the byline, repeated on the page
    "01:42:02",
]
# Whole lines that are navigation; a passage must never be one of them.
SEED_NAV_LINES = [
    "Search",
    "Featured",
    "Recent Posts",
    "News",
    "Rates",
    "Buy",
    "More",
    "10",
    "1",
    "Table of Contents",
    "Weekly Tutorial",
]


@pytest.fixture(scope="module")
def seed_docs():
    return {p.stem: read_article(p, p.stem, p.name) for p in SEEDS_DIR.glob("*.txt")}


@pytest.mark.parametrize("phrase", SEED_BOILERPLATE)
def test_no_boilerplate_phrase_in_any_seed_passage(seeds_index, phrase):
    corpus = "\n".join(d.text for d in seeds_index.documents.values())
    assert phrase in corpus, "the phrase must be on some seed page for this test to mean anything"
    for p in seeds_index.passages:
        assert phrase.lower() not in p.text.lower(), p.id
        assert phrase.lower() not in (p.heading or "").lower(), p.id


@pytest.mark.parametrize("line", SEED_NAV_LINES)
def test_no_navigation_line_is_a_passage(seeds_index, line):
    lines = {ln.strip() for d in seeds_index.documents.values() for ln in d.text.splitlines()}
    assert line in lines
    assert all(p.text.strip() != line for p in seeds_index.passages)
    assert all((p.heading or "") != line for p in seeds_index.passages)


def test_duplicated_title_is_not_a_passage(seeds_index):
    for sid, _doc in seeds_index.documents.items():
        title = SEED_META[sid]["title"]
        if title is None:
            continue
        for p in seeds_index.passages_of(sid):
            assert fold(title) not in fold(p.text), p.id
    assert seeds_index.documents[S004].text.count(SEED_META[S004]["title"]) == 2  # the page repeats it


def test_passage_counts(seeds_index):
    assert {sid: len(seeds_index.passages_of(sid)) for sid in seeds_index.source_ids()} == SEED_PASSAGE_COUNTS


def test_headings_are_context_not_passages(seed_docs, seeds_index):
    for sid, loaded in seed_docs.items():
        heads = {
            fold(b.text.lstrip("# ")).strip() for b in loaded.blocks if b.kind in (Kind.HEADING, Kind.TITLE)
        }
        for p in seeds_index.passages_of(sid):
            assert fold(p.text).strip() not in heads, p.id


@pytest.mark.parametrize(
    ("passage_id", "heading"),
    [
        (f"{S003}#p23", "Subsection 2.1: Institutional Framework and Energy Allocation"),
        (f"{S003}#p13", "Section 1: El Salvador's Bitcoin Legacy and Expertise"),
        (f"{S003}#p5", "Main Points:"),
        (f"{S003}#p36", "Sustainable Bitcoin Mining"),  # '2. Sustainable Bitcoin Mining' heads a bullet
        (f"{S004}#p32", "How much Bitcoin does El Salvador currently hold?"),
        (f"{S004}#p15", "Why Is Pakistan's 2,000 MW Bitcoin Mining Plan Significant?"),
    ],
)
def test_passage_carries_its_heading(seeds_index, passage_id, heading):
    assert fold(seeds_index.passage(passage_id).heading) == heading


def test_first_seed_paragraph_has_no_section_heading(seeds_index):
    """002 starts with its lede, before any heading."""
    assert seeds_index.passages_of("002_e9d3afdfc9fc9f1e")[0].heading is None


@pytest.mark.parametrize("source_id", [S000, S001])
def test_masthead_is_not_a_section_heading(seeds_index, source_id):
    outlet = SEED_META[source_id]["outlet"]
    assert all(p.heading != outlet for p in seeds_index.passages_of(source_id))


# -- a messy page ---------------------------------------------------------------------------


def _messy():
    document, passages, blocks = ingest_text(MESSY_ARTICLE, "messy.txt")
    return blocks, passages


def test_messy_article_keeps_only_the_body():
    _, passages = _messy()
    assert [p.text for p in passages] == list(MESSY_PARAGRAPHS)
    for p in passages:
        assert MESSY_ARTICLE[p.start : p.end] == p.text


def test_messy_article_hard_wrapped_sentences_are_whole():
    _, passages = _messy()
    first = sentences(passages[0])
    assert [s.text for s in first] == [MESSY_PARAGRAPHS[0]]
    assert all(MESSY_ARTICLE[s.start : s.end] == s.text for p in passages for s in sentences(p))


@pytest.mark.parametrize(
    "phrase",
    [
        "Home | News",
        "Example Daily",
        "By Jane Doe",
        "18 July 2025",
        "https://",
        "Share this",
        "Related articles",
        "Ferry fares rise",
        "newsletter",
        "©",
        "All rights reserved",
        "news@example.com",
    ],
)
def test_messy_article_furniture_is_not_body(phrase):
    _, passages = _messy()
    assert phrase in MESSY_ARTICLE
    assert all(phrase not in p.text for p in passages)


def test_messy_article_date_and_url():
    blocks, _ = _messy()
    meta = ingest_text(MESSY_ARTICLE)[0].meta
    assert meta.published == "2025-07-18"
    assert meta.url == "https://example.com/news/ferry-pact"


def test_masthead_above_the_title_is_the_outlet():
    text = MESSY_ARTICLE.replace("Home | News | Markets | Sport\n\n", "")
    meta = ingest_text(text)[0].meta
    assert (meta.title, meta.outlet) == ("Harbour Cities Agree New Ferry Pact", "Example Daily")


def test_messy_article_title_is_not_the_menu():
    blocks, _ = _messy()
    assert ingest_text(MESSY_ARTICLE)[0].meta.title == "Harbour Cities Agree New Ferry Pact"
    assert all(b.kind is not Kind.TITLE and b.kind is not Kind.HEADING for b in blocks if "|" in b.text)


def test_outlet_from_a_copyright_line():
    text = MESSY_ARTICLE.replace("Home | News | Markets | Sport\n\nExample Daily\n\n", "")
    assert ingest_text(text)[0].meta.outlet == "Example Daily"


def test_messy_article_byline_is_the_author():
    blocks, passages = _messy()
    assert ingest_text(MESSY_ARTICLE)[0].meta.author == "Jane Doe"
    assert all(p.heading != "By Jane Doe" for p in passages)


def test_share_line_above_the_body_does_not_drop_the_article():
    text = MESSY_ARTICLE.replace(
        "https://example.com/news/ferry-pact\n", "https://example.com/news/ferry-pact\n\nShare this\n"
    )
    passages = ingest_text(text)[1]
    assert [p.text for p in passages] == list(MESSY_PARAGRAPHS)


def test_related_article_teasers_are_not_indexed():
    text = MESSY_ARTICLE.replace(
        "Ferry fares rise again in the northern district\n",
        "Ferry fares rise again in the northern district\n\n"
        "Commuters face higher prices as the operator blames rising fuel costs this winter.\n\n"
        "Harbour dredging to start in spring\n",
    )
    passages = ingest_text(text)[1]
    assert [p.text for p in passages] == list(MESSY_PARAGRAPHS)


def test_a_paragraph_after_a_related_teaser_is_the_article_resuming():
    """One teaser headline, then a paragraph: nothing says it is a summary, so it is kept."""
    text = MESSY_ARTICLE.replace(
        "Ferry fares rise again in the northern district\n",
        "Ferry fares rise again in the northern district\n\n"
        "Commuters face higher prices as the operator blames rising fuel costs this winter.\n",
    )
    passages = ingest_text(text)[1]
    assert [p.text for p in passages][-1].startswith("Commuters face higher prices")
    assert "Ferry fares rise again" not in " ".join(f"{p.heading} {p.text}" for p in passages)


def test_kinds_of_the_messy_page():
    blocks, _ = _messy()
    kinds = {re.sub(r"\s+", " ", b.text)[:30]: b.kind for b in blocks}
    assert kinds["Harbour Cities Agree New Ferry"] is Kind.TITLE
    assert kinds["Home | News | Markets | Sport"] is Kind.BOILERPLATE
    assert kinds["18 July 2025"] is Kind.METADATA
    assert kinds["https://example.com/news/ferry"] is Kind.METADATA
    assert kinds["Subscribe to our newsletter fo"] is Kind.BOILERPLATE
    assert kinds["© 2025 Example Daily. All righ"] is Kind.BOILERPLATE


def test_an_image_line_is_not_body_text():
    blocks = ingest_text(
        "# A title of four words\n\n![A ferry at dawn](img/ferry.jpg)\n\n"
        "The ferry will run from Northport to Southbay every day.\n",
        "t.md",
    )[2]
    assert [(b.kind, b.why) for b in blocks if b.text.startswith("!")] == [(Kind.BOILERPLATE, "image")]


def test_a_headline_line_is_not_glued_to_the_first_paragraph():
    """Extracted HTML text has one line per block: a long first line without a full stop is the
    headline, not the start of a hard-wrapped paragraph."""
    text = (
        "Harbour dredging: council approves $4 million plan for the inner basin\n"
        "The council approved the dredging plan on Monday after a two-hour debate.\n"
    )
    kinds = [(b.kind, b.text) for b in classify(split_blocks(text))]
    assert kinds == [
        (Kind.TITLE, "Harbour dredging: council approves $4 million plan for the inner basin"),
        (Kind.BODY, "The council approved the dredging plan on Monday after a two-hour debate."),
    ]


def test_hard_wrapped_prose_still_joins_after_the_first_line():
    text = (
        "Dredging Approved\n\nThe council approved the dredging plan for the inner basin on Monday after\n"
        "a two-hour debate in the town hall.\n"
    )
    body = [b.text for b in classify(split_blocks(text)) if b.kind is Kind.BODY]
    assert body == [
        "The council approved the dredging plan for the inner basin on Monday after\na two-hour debate in the town hall."
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # a report of what a subscription will cost is news
        (
            "Members of the allotment society will see their annual subscription go up to £38 a year "
            "from March, from £31 now, the committee said.",
            Kind.BODY,
        ),
        # the site's own offer stays page furniture
        ("Subscriptions from £3.99 a month.", Kind.BOILERPLATE),
        (
            "Get unlimited stories with a subscription for just £2 a week, cancel when you like.",
            Kind.BOILERPLATE,
        ),
    ],
)
def test_a_subscription_price_in_a_report_is_not_a_paywall(line, kind):
    blocks = classify(split_blocks(f"A title for the test\n\n{line}\n"))
    assert [b.kind for b in blocks if b.text.startswith(line[:20])] == [kind]


def test_link_only_list_items_are_navigation_not_text():
    page = (
        "# Lantern parade returns to Selby Quay\n\n"
        "The lantern parade drew about 9,000 people to Selby Quay on Saturday, the organisers said.\n\n"
        "Stallholders reported their busiest evening since the parade began in 2016.\n\n"
        "## More from the quay\n\n"
        "- [Ten years of the lantern parade in pictures](/arts/lantern-parade-pictures)\n"
        "- [Where to eat on Selby Quay](/food/selby-quay)\n\n"
        "Tickets for next year's parade go on sale in March.\n\n"
        "* [Parade route map](https://example.org/parade-map)\n"
    )
    _, passages, _ = ingest_text(page, "parade.md")
    text = " ".join(p.text for p in passages)
    assert "9,000 people" in text and "go on sale in March" in text
    assert "](" not in text and "Where to eat" not in text and "route map" not in text


RESULTS_PAGE = """Harbour ward by-election

The count finished at 2am. The returning officer read out the result to a packed hall.

Results

Ana Kerr - 2,904 votes
Tom Reyes (Independent): 2,692
Majority: 212
Turnout: 31.4%

Spending

Each candidate filed a return of expenses within 35 days of the declaration.
"""


def test_a_line_ending_in_a_figure_after_a_colon_or_dash_is_a_row_of_the_text_not_a_heading():
    """Rows of a results table or a fact box are what the page states; 'Results' and
    'Spending' above them stay headings."""
    kinds = {b.text: b.kind for b in classify(split_blocks(RESULTS_PAGE))}
    for row in (
        "Ana Kerr - 2,904 votes",
        "Tom Reyes (Independent): 2,692",
        "Majority: 212",
        "Turnout: 31.4%",
    ):
        assert kinds[row] == Kind.BODY, row
    assert kinds["Results"] == Kind.HEADING
    assert kinds["Spending"] == Kind.HEADING


def test_a_heading_naming_a_year_or_a_number_stays_a_heading():
    page = (
        "Budget vote\n\nThe council met on Monday to agree its plans for the year.\n\nPlans for 2026\n\n"
        "The council will spend more on roads.\n\nChapter 3\n\nThe second part of the plan covers schools and libraries.\n"
    )
    kinds = {b.text: b.kind for b in classify(split_blocks(page))}
    assert kinds["Plans for 2026"] == Kind.HEADING
    assert kinds["Chapter 3"] == Kind.HEADING
