"""Loading a corpus folder: unusable files are skipped with one warning each, the rest loads."""

from __future__ import annotations

import logging

import pytest

import retrieval.documents as documents
from retrieval.documents import CorpusError, Skipped
from tests.support.corpora import SMALL_CORPUS, load_corpus, open_service

GOOD = {"ferry.txt": SMALL_CORPUS["ferry.txt"]}
CAFE = "Café Society Opens New Branch\n\nThe café owner in São Paulo said “business is good” this year, at 5 € a cup.\n"
LATIN1 = "Café Society Opens New Branch\n\nThe café owner in São Paulo said business is good this year, at 5 ¤ a cup.\n"


def _loaded(result) -> dict[str, str]:
    return {sid: d.text for sid, d in result.index.documents.items()}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t\n", "no text"),
        ("binary.txt", b"Title\x00\x01\x02 body", "binary file (contains NUL bytes)"),
        ("controls.txt", bytes(range(1, 9)) * 20, "binary file (control characters)"),
        ("report.pdf", b"%PDF-1.4\n%fake", "a damaged PDF (its pages cannot be read)"),
        (
            "letter.docx",
            b"PK\x03\x04fake",
            "unsupported format (.docx); citebot reads .txt, .md, .html and .pdf",
        ),
        (
            "README",
            b"plain words",
            "unsupported format (no extension); citebot reads .txt, .md, .html and .pdf",
        ),
        ("scan.txt", b"%PDF-1.4\n%fake", "a damaged PDF (its pages cannot be read)"),
        ("notes.pdf", b"just words, not a PDF", "named .pdf but not a PDF file"),
    ],
)
def test_unusable_file_is_skipped_and_named(make_corpus, name, content, reason):
    result = load_corpus(make_corpus({**GOOD, name: content}))
    assert list(_loaded(result)) == ["ferry"]
    assert result.skipped == [Skipped(name, reason)]
    assert str(result.skipped[0]) == f"skipped {name}: {reason}"


def test_cp1252_file_is_decoded(make_corpus):
    result = load_corpus(make_corpus({**GOOD, "cafe.txt": CAFE.encode("cp1252")}))
    assert result.skipped == []
    assert _loaded(result)["cafe"] == CAFE


def test_latin1_file_is_decoded(make_corpus):
    result = load_corpus(make_corpus({**GOOD, "cafe.txt": LATIN1.encode("latin-1")}))
    assert result.skipped == []
    text = _loaded(result)["cafe"]
    assert "café owner in São Paulo" in text
    assert text.startswith("Café Society")


def test_utf8_bom_is_not_part_of_the_text(make_corpus):
    result = load_corpus(make_corpus({"bom.txt": "\ufeff" + SMALL_CORPUS["ferry.txt"]}))
    assert _loaded(result)["bom"] == SMALL_CORPUS["ferry.txt"]


def test_crlf_line_ends_are_normalised(make_corpus):
    result = load_corpus(make_corpus({"crlf.txt": SMALL_CORPUS["ferry.txt"].replace("\n", "\r\n").encode()}))
    assert _loaded(result)["crlf"] == SMALL_CORPUS["ferry.txt"]


def test_very_large_file_is_skipped(make_corpus, monkeypatch):
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1000)
    big = "Big Article Title Here\n\n" + "A long sentence about harbour ferries and their fares. " * 40
    folder = make_corpus({**GOOD, "big.txt": big})
    result = load_corpus(folder)
    size = (folder / "big.txt").stat().st_size
    assert list(_loaded(result)) == ["ferry"]
    assert result.skipped == [Skipped("big.txt", f"too large ({size:,} bytes; the limit is 1,000)")]


def test_every_bad_file_at_once(make_corpus, caplog):
    folder = make_corpus(
        {
            **GOOD,
            "empty.txt": b"",
            "binary.txt": b"\x00\x00",
            "a.pdf": b"%PDF",
            "b.docx": b"PK",
            "cafe.md": CAFE.encode("cp1252"),
        }
    )
    with caplog.at_level(logging.WARNING):
        service = open_service(folder)
    assert sorted(service.index.source_ids()) == ["cafe", "ferry"]
    warnings = sorted(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert warnings == [
        "skipped a.pdf: named .pdf but not a PDF file",
        "skipped b.docx: unsupported format (.docx); citebot reads .txt, .md, .html and .pdf",
        "skipped binary.txt: binary file (contains NUL bytes)",
        "skipped empty.txt: empty file",
    ]


def test_hidden_files_and_the_sidecar_are_not_articles(make_corpus):
    result = load_corpus(make_corpus({**GOOD, ".DS_Store": b"\x00\x01", ".git/config": "x"}, sidecar=""))
    assert list(_loaded(result)) == ["ferry"]
    assert result.skipped == []


def test_same_stem_in_two_folders_gets_distinct_ids(make_corpus):
    result = load_corpus(
        make_corpus({"a/story.txt": SMALL_CORPUS["ferry.txt"], "b/story.md": SMALL_CORPUS["wind.md"]})
    )
    assert sorted(_loaded(result)) == ["a/story", "b/story"]


def test_missing_folder_is_one_clear_error(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(CorpusError) as err:
        load_corpus(folder)
    assert str(err.value) == f"corpus folder not found: {folder} (set --corpus DIR or CITEBOT_CORPUS_DIR)"


def test_empty_folder_is_one_clear_error(tmp_path):
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert str(err.value) == f"no readable articles (.txt, .md, .html and .pdf) in {tmp_path}"


def test_folder_of_only_bad_files_says_how_many_were_skipped(make_corpus):
    folder = make_corpus({"empty.txt": b"", "a.pdf": b"%PDF"})
    with pytest.raises(CorpusError) as err:
        load_corpus(folder)
    assert (
        str(err.value) == f"no readable articles (.txt, .md, .html and .pdf) in {folder} (2 file(s) skipped)"
    )


def test_a_file_is_not_a_folder(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x")
    with pytest.raises(CorpusError, match="^corpus path is not a folder: "):
        load_corpus(path)


def test_corpus_without_body_text_is_a_corpus_error(make_corpus):
    folder = make_corpus({"menu.txt": "Search\n\nMenu\n\nShort line here\n"})
    with pytest.raises(CorpusError) as err:
        open_service(folder)
    assert (
        str(err.value)
        == "the corpus has articles but no body text to index (only headings and page furniture)"
    )
