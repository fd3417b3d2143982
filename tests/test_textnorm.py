"""Unicode folding for matching (retrieval/textnorm.py)."""

from __future__ import annotations

import pytest

from retrieval.textnorm import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("the \u201cfloating\u201d dock", 'the "floating" dock'),
        ("harbour\u2019s wall", "harbour's wall"),
        ("2019\u20132024", "2019-2024"),
        ("\u22124.5 degrees", "-4.5 degrees"),
        ("12\u00a0km and 3\u202fm", "12 km and 3 m"),
        ("re\u00adbuild the\u200b wall", "rebuild the wall"),
        ("&pound;2.5&nbsp;million", "£2.5 million"),
        ("\ufb01nal", "final"),  # NFKC: the ligature is two letters
    ],
)
def test_fold_gives_plain_forms(text, folded):
    assert fold(text) == folded


def test_ascii_text_is_returned_unchanged():
    text = "The council voted 7-2 on 'the plan' (\"for now\")."
    assert fold(text) is text


def test_an_ampersand_that_is_not_an_entity_stays():
    assert fold("Smith & Sons; est. 1901") == "Smith & Sons; est. 1901"
