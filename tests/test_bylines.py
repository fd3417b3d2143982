"""Bylines: authors and dates read from a byline line, and the line kept out of the passages
(retrieval/bylines.py, through ingestion)."""

from __future__ import annotations

import pytest

from tests.support.corpora import ingest_text

LEDE = "The council voted on Tuesday to rebuild the sea wall along the northern promenade."


@pytest.mark.parametrize(
    ("byline", "author", "published"),
    [
        ("By MARA ELLISON, JONAS WEBB and PRIYA NAIR", "Mara Ellison, Jonas Webb and Priya Nair", None),
        ("By Tove Lind and Omar Haddou", "Tove Lind and Omar Haddou", None),
        ("By Tove Lind, Political Correspondent", "Tove Lind", None),
        ("Written by Omar Haddou and Tove Lind", "Omar Haddou and Tove Lind", None),
        ("By Kei Tanaka | March 3, 2024", "Kei Tanaka", "2024-03-03"),
        ("By Kei Tanaka · 2 Feb 2024 · 4 min read", "Kei Tanaka", "2024-02-02"),
    ],
)
def test_bylines(byline, author, published):
    document, passages, _ = ingest_text(f"Sea Wall Rebuild Approved By Council\n\n{byline}\n\n{LEDE}\n")
    assert (document.meta.author, document.meta.published) == (author, published)
    assert [p.text for p in passages] == [LEDE]
