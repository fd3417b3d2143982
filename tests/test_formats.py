"""A file's bytes as text: encodings, binary files, HTML, front matter (retrieval/formats.py)."""

from __future__ import annotations

import pytest

from retrieval.formats import decode, extract


def test_decode_reads_utf8_then_cp1252_and_normalises_line_ends():
    assert decode("Kłodawice\r\nharbour\rwall".encode()) == "Kłodawice\nharbour\nwall"
    assert decode("the \u201cnew\u201d wall".encode("cp1252")) == "the \u201cnew\u201d wall"


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00zip", bytes(range(1, 32)) * 20])
def test_binary_data_is_refused(data):
    with pytest.raises(ValueError, match="binary file"):
        decode(data)


def test_a_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="not a PDF"):
        extract(b"The council voted.", ".pdf")


def test_plain_text_is_itself():
    extracted = extract(b"Sea Wall Rebuilt\n\nThe council voted.\n", ".txt")
    assert (extracted.text, extracted.format, extracted.stated, extracted.body_start) == (
        "Sea Wall Rebuilt\n\nThe council voted.\n",
        "text",
        {},
        0,
    )


def test_front_matter_is_stated_metadata_and_the_body_starts_after_it():
    data = b"---\ntitle: Sea Wall Rebuilt\nauthor: Tove Lind\ndate: 2024-03-03\n---\nThe council voted.\n"
    extracted = extract(data, ".md")
    assert extracted.stated["title"] == "Sea Wall Rebuilt"
    assert extracted.stated["author"] == "Tove Lind"
    assert extracted.text[extracted.body_start :].strip() == "The council voted."


def test_html_is_its_main_text_whatever_its_name():
    body = "".join(
        f"<p>The harbour council voted on Tuesday to rebuild sea wall section {n} before the storms.</p>"
        for n in range(1, 6)
    )
    page = f"<!DOCTYPE html><html><head><title>Sea Wall Rebuilt</title></head><body><article>{body}</article></body></html>"
    for suffix in (".html", ".txt"):
        extracted = extract(page.encode(), suffix)
        assert extracted.format == "html"
        assert "rebuild sea wall section 3 before the storms." in extracted.text
        assert "<p>" not in extracted.text
