"""Button callback data, the question store and pressed buttons (bot/telegram_adapter/callbacks.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.telegram_adapter.callbacks import (
    MAX_CALLBACK_BYTES,
    Press,
    PressedButtons,
    QuestionStore,
    decode,
    encode,
)

QUESTION = "Who chairs the PCC?"

pytestmark = pytest.mark.usefixtures("clean_env")  # no CITEBOT_* settings from the shell


# ------------------------------------------------------------------------------ buttons


@hypothesis_settings(max_examples=200)
@given(
    st.text(min_size=0, max_size=5000),
    st.sampled_from(["quotes", "compare", "more", "ask", "source"]),
    st.integers(0, 9999),
)
def test_callback_data_fits_64_bytes_and_decodes_back(text, kind, page):
    store = QuestionStore()
    press = Press(kind, text, page if kind == "more" else 0)
    data = encode(press, store)
    assert 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES
    assert decode(data, store) == press


def test_forgotten_and_malformed_callback_data_decode_to_none():
    store = QuestionStore(maxsize=2)
    first = encode(Press("quotes", "first question"), store)
    encode(Press("quotes", "second"), store)
    encode(Press("quotes", "third"), store)
    assert len(store) == 2
    assert decode(first, store) is None  # evicted: the least recently used
    for data in (None, "", "x", "q:", "zz:abc", "m:abc", "m:abc:notanumber", "q:nosuchkey"):
        assert decode(data, store) is None


def test_the_same_question_gets_the_same_id():
    store = QuestionStore()
    assert encode(Press("quotes", QUESTION), store) == encode(Press("quotes", QUESTION), store)
    assert len(store) == 1


def test_pressed_buttons_are_remembered_per_message():
    pressed = PressedButtons(maxsize=2)
    assert pressed.press(1, 10, "q:a") and not pressed.press(1, 10, "q:a")
    assert pressed.press(1, 11, "q:a") and pressed.press(2, 10, "q:a")
    assert pressed.pressed(1, 10) == frozenset()  # evicted
    assert pressed.pressed(2, 10) == {"q:a"}
