"""Publication dates read from a line (retrieval/dates.py), alone and through ingestion."""

from __future__ import annotations

import pytest

from retrieval.dates import parse_date
from tests.support.corpora import ingest_text

LEDE = "The council voted on Tuesday to rebuild the sea wall along the northern promenade."


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published: 2023-11-05T17:40:00+01:00", "2023-11-05"),
        ("Updated 28.02.2024", "2024-02-28"),
        ("9 Jan 2024", "2024-01-09"),
        ("Posted 05/04/2024", None),  # the 5th of April or the 4th of May
        ("Posted 25/04/2024", "2024-04-25"),
    ],
)
def test_dates(line, iso):
    document, _, _ = ingest_text(f"Sea Wall Rebuild Approved By Council\n\n{line}\n\n{LEDE}\n")
    assert document.meta.published == iso
    assert parse_date(line) == iso
