"""Splitting long HTML replies into Telegram messages (bot/telegram_adapter/split.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.telegram_adapter.split import plain_length, split_html
from tests.support.telegram_html import parse_telegram_html, telegram_length, utf16_len, words

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ splitting


def test_a_short_reply_is_one_message():
    assert split_html("<b>Hi</b> &amp; bye") == ["<b>Hi</b> &amp; bye"]


def test_long_replies_split_on_paragraph_boundaries():
    paragraphs = [f"<b>{i}.</b> " + "word " * 150 for i in range(20)]  # about 760 characters each
    text = "\n\n".join(paragraphs)
    parts = split_html(text)
    assert len(parts) > 1
    assert all(telegram_length(p) <= 4096 for p in parts)
    assert all(p.startswith("<b>") for p in parts), "each part starts at a paragraph"
    assert [w for p in parts for w in words(p)] == words(text)


def test_a_tag_open_at_a_cut_is_closed_and_reopened():
    text = "<blockquote expandable>" + "<i>quoted</i> sentence &amp; more. " * 400 + "</blockquote>"
    parts = split_html(text, limit=1000)
    assert len(parts) > 1
    for part in parts:
        plain, entities = parse_telegram_html(part)
        assert utf16_len(plain.strip()) <= 1000
        assert part.startswith("<blockquote expandable>") and part.endswith("</blockquote>")
    assert [w for p in parts for w in words(p)] == words(text)


def test_length_is_counted_in_utf16_units_after_entities():
    assert plain_length("&amp;" * 4096) == 4096
    assert split_html("&amp;" * 4096) == ["&amp;" * 4096]
    emoji = "😀 " * 3000  # 3 UTF-16 units each with the space: 9000
    parts = split_html(emoji)
    assert len(parts) == 3 and all(telegram_length(p) <= 4096 for p in parts)


def test_a_word_longer_than_a_message_is_cut_between_characters():
    text = "x" * 5000 + "&amp;" + "y" * 5000
    parts = split_html(text, limit=4096)
    assert all(telegram_length(p) <= 4096 for p in parts)
    assert "".join(parse_telegram_html(p)[0] for p in parts) == "x" * 5000 + "&" + "y" * 5000


_tag = st.sampled_from(["b", "i", "u", "s", "code", "blockquote"])
_word = st.text(alphabet=st.sampled_from("ab €😀&<>\"'ü\u202e"), min_size=1, max_size=12)


@st.composite
def rendered_html(draw):
    """HTML as a template makes it: escaped text in Telegram's tags, paragraphs and lines."""
    from markupsafe import escape

    blocks = []
    for _ in range(draw(st.integers(1, 12))):
        text = str(escape(" ".join(draw(st.lists(_word, min_size=1, max_size=30)))))
        tag = draw(st.none() | _tag)
        blocks.append(f"<{tag}>{text}</{tag}>" if tag else text)
    separators = draw(
        st.lists(st.sampled_from(["\n\n", "\n", " "]), min_size=len(blocks), max_size=len(blocks))
    )
    return "".join(b + s for b, s in zip(blocks, separators, strict=True))


@hypothesis_settings(max_examples=100, deadline=None)
@given(rendered_html(), st.integers(min_value=16, max_value=300))
def test_every_part_parses_fits_and_nothing_is_lost(text, limit):
    parts = split_html(text, limit=limit)
    for part in parts:
        assert telegram_length(part) <= limit
    assert "".join("".join(words(p)) for p in parts) == "".join(words(text))  # long words may be cut
