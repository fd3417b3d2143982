"""Metadata read off each seed page, and the operator's sidecar file (`sources.toml`) over it."""

from __future__ import annotations

import logging
import tomllib

import pytest

from retrieval.dates import parse_date
from retrieval.metadata import SIDECAR_NAME, SidecarError, forget_in_sidecar
from retrieval.textnorm import fold
from tests.support.corpora import SEED_IDS, SEED_META, SEEDS_DIR, SMALL_CORPUS, load_corpus

FIELDS = ("title", "outlet", "published", "author", "category", "url")


def _by_id(result) -> dict:
    return dict(result.index.documents)


def test_seed_ids_are_the_file_stems(seeds_page_only):
    assert sorted(_by_id(seeds_page_only)) == list(SEED_IDS)
    assert seeds_page_only.skipped == []


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_seed_metadata_as_the_page_states_it(seeds_page_only, source_id):
    meta = _by_id(seeds_page_only)[source_id].meta
    assert meta.model_dump() == SEED_META[source_id]


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_stated_metadata_occurs_in_the_article(seeds_page_only, source_id):
    """Nothing guessed: every text value is written in the article itself."""
    doc = _by_id(seeds_page_only)[source_id]
    for field in ("title", "outlet", "author", "category"):
        value = getattr(doc.meta, field)
        if value is not None:
            assert fold(value).lower() in fold(doc.text).lower(), field


@pytest.mark.parametrize("source_id", SEED_IDS)
def test_seed_metadata_with_the_shipped_sidecar(seeds_index, source_id):
    """The default load applies seeds/sources.toml if it exists; it may only restate the texts."""
    path = SEEDS_DIR / SIDECAR_NAME
    sidecar = tomllib.loads(path.read_text(encoding="utf-8")).get(source_id, {}) if path.exists() else {}
    meta = seeds_index.documents[source_id].meta
    for field in FIELDS:
        expected = SEED_META[source_id][field]
        if field in sidecar:
            expected = str(sidecar[field]) if field != "published" else parse_date(str(sidecar[field]))
        assert getattr(meta, field) == expected, field
    text = fold(seeds_index.documents[source_id].text).lower()
    for field in ("title", "outlet", "author"):
        if field in sidecar:
            assert fold(str(sidecar[field])).lower() in text, f"sidecar {field} is not stated by the article"


# -- the sidecar file ----------------------------------------------------------------------

ARTICLE = {"ferry.txt": SMALL_CORPUS["ferry.txt"]}


def test_sidecar_overrides_the_page(make_corpus):
    folder = make_corpus(
        ARTICLE,
        sidecar='[ferry]\ntitle = "Ferry Pact Signed"\noutlet = "Harbour Post"\n'
        'published = "19 July 2025"\nurl = "https://harbour.example/ferry"\n',
    )
    meta = _by_id(load_corpus(folder))["ferry"].meta
    assert meta.model_dump() == {
        "title": "Ferry Pact Signed",
        "outlet": "Harbour Post",
        "published": "2025-07-19",
        "author": None,
        "category": None,
        "url": "https://harbour.example/ferry",
    }


def test_without_sidecar_the_page_metadata_stands(make_corpus):
    meta = _by_id(load_corpus(make_corpus(ARTICLE)))["ferry"].meta
    assert meta.title == "Harbour Cities Agree New Ferry Pact"
    assert meta.published == "2025-07-18"
    assert meta.outlet is None


def test_sidecar_unknown_field_is_an_error(make_corpus):
    folder = make_corpus(ARTICLE, sidecar='[ferry]\ncolour = "red"\n')
    with pytest.raises(SidecarError) as err:
        load_corpus(folder)
    assert str(err.value) == f"{folder / SIDECAR_NAME}: [ferry] unknown field(s): colour"


def test_sidecar_bad_toml_is_an_error(make_corpus):
    folder = make_corpus(ARTICLE, sidecar='[ferry\ntitle = "x"\n')
    with pytest.raises(SidecarError) as err:
        load_corpus(folder)
    message = str(err.value)
    assert message.startswith(f"{folder / SIDECAR_NAME}: ")
    assert "line 1" in message and "\n" not in message


def test_sidecar_entry_must_be_a_table(make_corpus):
    folder = make_corpus(ARTICLE, sidecar='title = "top level"\n')
    with pytest.raises(SidecarError, match=r"\[title\] must be a table of fields"):
        load_corpus(folder)


def test_sidecar_id_that_is_not_an_article_warns(make_corpus, caplog):
    folder = make_corpus(ARTICLE, sidecar='[ferri]\ntitle = "Typo in the id"\n')
    with caplog.at_level(logging.WARNING):
        result = load_corpus(folder)
    assert _by_id(result)["ferry"].meta.title == "Harbour Cities Agree New Ferry Pact"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"{SIDECAR_NAME} names ferri, which is not an article in {folder}"]


def test_sidecar_type_error_names_the_field(make_corpus):
    folder = make_corpus(ARTICLE, sidecar="[ferry]\ntitle = 5\n")
    with pytest.raises(SidecarError) as err:
        load_corpus(folder)
    assert str(err.value) == f"{folder / SIDECAR_NAME}: [ferry] title must be text, not int"


def test_sidecar_accepts_a_toml_date(make_corpus):
    folder = make_corpus(ARTICLE, sidecar="[ferry]\npublished = 2025-07-19\n")
    assert _by_id(load_corpus(folder))["ferry"].meta.published == "2025-07-19"


def test_sidecar_rejects_a_published_value_that_is_not_a_date(make_corpus):
    folder = make_corpus(ARTICLE, sidecar='[ferry]\npublished = "next week"\n')
    with pytest.raises(SidecarError) as err:
        load_corpus(folder)
    assert str(err.value) == f"{folder / SIDECAR_NAME}: [ferry] published must be a date such as 2025-07-18"


def test_a_short_first_line_followed_by_the_body_is_the_title_not_a_masthead(tmp_path):
    from tests.support.corpora import open_service, write_corpus

    folder = write_corpus(
        tmp_path,
        {
            "town.txt": "Ostergrund\n\nOstergrund is a village on the Lein river. It has about 900 inhabitants.\n",
            "club.txt": "Chess Club Wins\n\nThe Lein chess club won the county cup on Sunday after a tie-break.\n",
            "paper.txt": "THE LEIN COURIER\n\nChess Club Celebrates County Cup Win\n\nThe club held a party on "
            "Monday night for its players.\n",
        },
    )
    docs = open_service(folder).index.documents
    assert (docs["town"].meta.title, docs["town"].meta.outlet) == ("Ostergrund", None)
    assert (docs["club"].meta.title, docs["club"].meta.outlet) == ("Chess Club Wins", None)
    assert docs["paper"].meta.title == "Chess Club Celebrates County Cup Win"
    assert docs["paper"].meta.outlet == "THE LEIN COURIER"


def test_a_title_ending_in_an_abbreviation_is_still_the_title(make_corpus):
    from tests.support.corpora import open_service

    folder = make_corpus(
        {
            "club.txt": "Marrowby Town F.C.\n\nMarrowby Town Football Club is a football club in the village of "
            "Marrowby. The club was founded in 1894 by quarry workers.\n",
            "firm.txt": "Pellingham Brothers Ltd.\n\nPellingham Brothers is a family firm of rope makers. It was set "
            "up in 1862 in a shed by the canal.\n",
        }
    )
    docs = open_service(folder).index.documents
    assert docs["club"].meta.title == "Marrowby Town F.C."
    assert docs["firm"].meta.title == "Pellingham Brothers Ltd."


MASTHEADS = [
    # (header lines between the title and the story, the outlet they name)
    ("THE MORNING LANTERN\nBy Ada Voss | May 3, 2026", "THE MORNING LANTERN"),
    ("The Fjord Gazette\nBy Ola Brun and Kari Dahl\nMay 3, 2026", "The Fjord Gazette"),
    ("KESTREL FM | News | Local\nUpdated: 3 May 2026, 09:10", "KESTREL FM"),
    ("Millbrook Chronicle · Business & Markets\nPublished 2026-05-03 08:00", "Millbrook Chronicle"),
    ("Quayside Notes - a newsletter for the harbour district\nWritten by Per Lund", "Quayside Notes"),
    # not a masthead: a standfirst sentence, a byline, a section heading inside the story
    ("Ferries will run every hour from June.\nBy Ada Voss | May 3, 2026", None),
    ("By Ada Voss\nMay 3, 2026", None),
]


@pytest.mark.parametrize(("header", "outlet"), MASTHEADS)
def test_a_masthead_line_under_the_title_names_the_outlet(make_corpus, header, outlet):
    text = (
        "Harbour cities agree on an hourly ferry timetable\n\n"
        f"{header}\n\n"
        "The two harbour cities agreed on Friday to run ferries every hour from June, the port office said.\n\n"
        "Tickets will cost the same as before, officials said after the meeting.\n"
    )
    meta = _by_id(load_corpus(make_corpus({"ferry.txt": text})))["ferry"].meta
    assert meta.outlet == outlet


def test_a_wire_dateline_names_the_agency(make_corpus):
    text = (
        "Harbour cities agree on an hourly ferry timetable\n\n"
        "By Ada Voss\n\n"
        "BERGEN, May 3 (Nordic Press Service) - The two harbour cities agreed on Friday to run ferries "
        "every hour from June, the port office said.\n\n"
        "Tickets will cost the same as before, officials said after the meeting.\n"
    )
    meta = _by_id(load_corpus(make_corpus({"ferry.txt": text})))["ferry"].meta
    assert meta.outlet == "Nordic Press Service"


def test_a_heading_inside_the_story_is_not_an_outlet(make_corpus):
    text = (
        "Harbour cities agree on an hourly ferry timetable\n\n"
        "By Ada Voss | May 3, 2026\n\n"
        "The two harbour cities agreed on Friday to run ferries every hour from June, the port office said.\n\n"
        "Ticket Prices\n\n"
        "Updated: 4 May 2026\n\n"
        "Tickets will cost the same as before, officials said after the meeting.\n"
    )
    meta = _by_id(load_corpus(make_corpus({"ferry.txt": text})))["ferry"].meta
    assert meta.outlet is None


def test_forgetting_an_entry_keeps_the_rest_of_the_sidecar_as_written(tmp_path):
    written = (
        "# Written by hand: keep these words.\n\n"
        '["ferry"]\ntitle = "Ferry Pact Signed"  # corrected\n\n'
        "[museum]\n# the page has no outlet\noutlet = 'City Post'\n\n"
        "[bridge]\npublished = 2025-07-19\n"
    )
    (tmp_path / SIDECAR_NAME).write_text(written, encoding="utf-8")
    assert forget_in_sidecar(tmp_path, "museum") is True
    assert (tmp_path / SIDECAR_NAME).read_text(encoding="utf-8") == (
        "# Written by hand: keep these words.\n\n"
        '["ferry"]\ntitle = "Ferry Pact Signed"  # corrected\n\n'
        "[bridge]\npublished = 2025-07-19\n"
    )
    assert forget_in_sidecar(tmp_path, "museum") is False  # nothing left to take out
    assert forget_in_sidecar(tmp_path / "no-sidecar-here", "ferry") is False
    assert sorted(p.name for p in tmp_path.iterdir()) == [SIDECAR_NAME]


def test_forgetting_in_a_broken_sidecar_is_an_error_that_changes_nothing(tmp_path):
    (tmp_path / SIDECAR_NAME).write_text('[ferry\ntitle = "x"\n', encoding="utf-8")
    with pytest.raises(SidecarError, match=f"^{tmp_path / SIDECAR_NAME}: "):
        forget_in_sidecar(tmp_path, "ferry")
    assert (tmp_path / SIDECAR_NAME).read_text(encoding="utf-8") == '[ferry\ntitle = "x"\n'


# -- dates on an edition line ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Harbour edition - Friday, March 6 2026", "2026-03-06"),
        ("Weekend edition · Saturday 7 March 2026", "2026-03-07"),
    ],
)
def test_an_edition_line_under_the_masthead_dates_the_article(make_corpus, line, published):
    text = (
        "FLOOD WARNING: River set to burst its banks\n\nTHE DAILY BEACON\n"
        + line
        + "\nBy Ana Reis, Staff Reporter\n\n"
        "The river at Holm rose by two metres overnight and is expected to peak on Sunday, the flood agency said.\n\n"
        "Sandbags have been handed out to residents of the lower town since Thursday morning.\n"
    )
    meta = _by_id(load_corpus(make_corpus({"beacon.txt": text})))["beacon"].meta
    assert meta.published == published


def test_an_outlet_and_date_line_under_the_title_names_the_outlet(make_corpus):
    from tests.support.corpora import open_service

    folder = make_corpus(
        {
            "quay.txt": "Quay Wall Repairs Begin\nThe Ostrey Chronicle, 9 June 2026\n\nWork to shore up the "
            "crumbling quay wall began on Monday and will take six weeks, the harbour board said.\n",
        }
    )
    meta = open_service(folder).index.documents["quay"].meta
    assert (meta.outlet, meta.published, meta.title) == (
        "The Ostrey Chronicle",
        "2026-06-09",
        "Quay Wall Repairs Begin",
    )
