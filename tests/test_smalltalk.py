"""Small talk and questions in another language (bot/smalltalk.py)."""

from __future__ import annotations

import pytest

from bot.smalltalk import foreign_language, small_talk


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Hey there!", "greeting"), ("thank you so much", "thanks"), ("what can you do?", "help"),
     ("Hello, what is the tunnel's length?", None), ("thanks, but why is the tunnel late?", None)],
)  # fmt: skip
def test_small_talk(text, kind):
    assert small_talk(text) == kind


@pytest.mark.parametrize(
    ("text", "foreign"),
    [("Combien coûtera le nouveau tunnel?", True), ("Wie lang ist der neue Tunnel?", True),
     ("Сколько стоит тоннель?", True), ("Norwick tunnel cost overrun", False),
     ("Who built the Norwick tunnel?", False), ("Brackley Port Authority", False)],
)  # fmt: skip
def test_foreign_language(text, foreign):
    assert foreign_language(text) is foreign
