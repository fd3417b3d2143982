"""The SQLite table of a persisted index: documents and passages written in corpus order (or
appended by an update) read back by number and by source id, texts of HTML and PDF sources kept,
and the quick check that a table holds the rows an index names."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from retrieval import tables
from retrieval.models import Document, Metadata, Passage
from retrieval.tables import DocumentTable, PassageTable, TableWriter, check_table

Row = tuple[int, int, int, str | None, str]

A_TEXT = "Council votes\n\nThe council voted on Monday.\n\nIt meets again in May.\n"
B_HTML = "<html><body><h1>Bridge</h1><p>The bridge opens in June.</p></body></html>"
B_TEXT = "Bridge\n\nThe bridge opens in June."  # the extracted text the table keeps

A_ROWS: list[Row] = [
    (1, 15, 43, None, "The council voted on Monday."),
    (2, 45, 67, None, "It meets again in May."),
]
B_ROWS: list[Row] = [(0, 8, 33, "Bridge", "The bridge opens in June.")]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(A_TEXT, encoding="utf-8")
    (folder / "news").mkdir()
    (folder / "news" / "b.html").write_text(B_HTML, encoding="utf-8")
    return folder


def _documents() -> list[Document]:
    return [
        Document(
            source_id="a",
            path="a.txt",
            format="text",
            text=A_TEXT,
            meta=Metadata(title="Council votes", outlet="Gazette", published="2025-03-01"),
        ),
        Document(
            source_id="b", path="news/b.html", format="html", text=B_TEXT, meta=Metadata(title="Bridge")
        ),
    ]


@pytest.fixture
def table(tmp_path):
    """A table of two documents: a, with passages 0 and 1, and b, with passage 2."""
    path = tmp_path / "passages.sqlite"
    writer = TableWriter(path)
    a, b = _documents()
    writer.add(a, A_ROWS)
    writer.add(b, B_ROWS)
    assert (writer.n_documents, writer.n_passages) == (2, 3)
    writer.close()
    return path


EXPECTED = [
    Passage(id="a#p1", source_id="a", ordinal=1, start=15, end=43, text="The council voted on Monday."),
    Passage(id="a#p2", source_id="a", ordinal=2, start=45, end=67, text="It meets again in May."),
    Passage(
        id="b#p0",
        source_id="b",
        ordinal=0,
        start=8,
        end=33,
        text="The bridge opens in June.",
        heading="Bridge",
    ),
]


# -- passages --------------------------------------------------------------------------------------


def test_passages_read_back_in_corpus_order(table):
    passages = PassageTable(table, {0: "a", 1: "b"}, [(0, 2), (2, 3)])
    assert len(passages) == 3
    assert list(passages) == EXPECTED
    assert [passages[i] for i in range(3)] == EXPECTED
    assert passages[-1] == EXPECTED[2]


def test_many_keeps_the_order_asked(table):
    passages = PassageTable(table, {0: "a", 1: "b"}, [(0, 2), (2, 3)])
    assert passages.many([2, 0, 1]) == [EXPECTED[2], EXPECTED[0], EXPECTED[1]]
    assert passages.many([1, 1]) == [EXPECTED[1], EXPECTED[1]]
    assert passages.many([]) == []


def test_passages_are_read_by_number_only(table):
    passages = PassageTable(table, {0: "a", 1: "b"}, [(0, 2), (2, 3)])
    with pytest.raises(IndexError):
        passages[3]
    with pytest.raises(IndexError):
        passages[-4]
    with pytest.raises(TypeError, match="by number"):
        passages[0:2]


def test_a_removed_sources_passages_are_skipped(table):
    """After an update removed source a, only b's passage is live; its number stays 2."""
    passages = PassageTable(table, {1: "b"}, [(2, 3)])
    assert len(passages) == 1
    assert list(passages) == [EXPECTED[2]]
    assert passages[0] == EXPECTED[2]


def test_spans_out_of_number_order_read_in_corpus_order(table):
    """An update appends new sources' passages at the end; corpus order may put them first."""
    passages = PassageTable(table, {0: "a", 1: "b"}, [(2, 3), (0, 2)])
    assert list(passages) == [EXPECTED[2], EXPECTED[0], EXPECTED[1]]
    assert [passages[i] for i in range(3)] == [EXPECTED[2], EXPECTED[0], EXPECTED[1]]


def test_a_long_archive_is_read_in_chunks(tmp_path):
    path = tmp_path / "passages.sqlite"
    writer = TableWriter(path)
    rows: list[Row] = [(i, i * 10, i * 10 + 5, None, f"Passage {i}.") for i in range(10)]
    writer.add(_documents()[0], rows)
    writer.close()
    passages = PassageTable(path, {0: "a"}, [(0, 10)], chunk=3)
    assert [p.text for p in passages] == [f"Passage {i}." for i in range(10)]
    assert [p.text for p in passages.many(range(9, -1, -1))] == [f"Passage {i}." for i in range(9, -1, -1)]


# -- documents -------------------------------------------------------------------------------------


def test_documents_read_back_with_their_metadata(table, corpus):
    documents = DocumentTable(table, corpus, ["a", "b"], [0, 1])
    assert len(documents) == 2 and list(documents) == ["a", "b"]
    assert "a" in documents and "c" not in documents
    a, b = documents["a"], documents["b"]
    assert (a.source_id, a.path, a.format) == ("a", "a.txt", "text")
    assert a.meta == Metadata(title="Council votes", outlet="Gazette", published="2025-03-01")
    assert (b.source_id, b.path, b.format, b.meta) == ("b", "news/b.html", "html", Metadata(title="Bridge"))
    assert documents.outlets() == {"a": "Gazette", "b": None}


def test_a_text_files_text_is_its_file_and_an_html_files_is_kept(table, corpus):
    documents = DocumentTable(table, corpus, ["a", "b"], [0, 1])
    a, b = documents["a"], documents["b"]
    assert a.text == A_TEXT
    assert b.text == B_TEXT
    (corpus / "news" / "b.html").unlink()  # the kept text does not need the file
    assert b.text == B_TEXT
    for p in EXPECTED:
        assert documents[p.source_id].text[p.start : p.end] == p.text


def test_kept_texts_are_stored_only_for_html_and_pdf(table):
    db = sqlite3.connect(table)
    assert db.execute("SELECT num, text FROM texts").fetchall() == [(1, B_TEXT)]
    db.close()


def test_two_documents_with_one_id_are_refused(table, corpus):
    with pytest.raises(ValueError, match="same source id"):
        DocumentTable(table, corpus, ["a", "a"], [0, 1])


def test_a_document_missing_from_the_table_is_an_error(table, corpus):
    documents = DocumentTable(table, corpus, ["a", "b", "c"], [0, 1, 7])
    assert documents["a"].source_id == "a"
    with pytest.raises(ValueError, match="missing from its table"):
        documents["c"]


def test_fetch_reads_each_document_once(table, corpus):
    documents = DocumentTable(table, corpus, ["a", "b"], [0, 1])
    documents.fetch(["b", "a", "not-an-id"])
    first = documents["a"]
    assert documents["a"] is first


def test_a_later_generation_shares_what_was_read(table, corpus):
    documents = DocumentTable(table, corpus, ["a", "b"], [0, 1])
    a = documents["a"]
    later = documents.with_sources(corpus, ["b", "a"], [1, 0])
    assert later["a"] is a
    assert list(later) == ["b", "a"]


def test_only_the_most_recent_documents_are_kept(table, corpus, monkeypatch):
    monkeypatch.setattr(tables, "CACHED_DOCUMENTS", 1)
    documents = DocumentTable(table, corpus, ["a", "b"], [0, 1])
    a = documents["a"]
    assert documents["a"] is a
    documents["b"]
    again = documents["a"]
    assert again is not a
    assert again.model_dump() == a.model_dump() and again.text == a.text


def test_a_table_knows_when_a_rebuild_replaced_its_file(table, corpus, tmp_path):
    documents = DocumentTable(table, corpus, ["a", "b"], [0, 1])
    assert documents.same_table(table)
    assert not documents.same_table(tmp_path / "other.sqlite")
    shutil.copy(table, tmp_path / "copy.sqlite")
    (tmp_path / "copy.sqlite").replace(table)  # another file at the same path
    assert not documents.same_table(table)
    table.unlink()
    assert not documents.same_table(table)


# -- an update's appends ---------------------------------------------------------------------------


def test_an_update_appends_after_the_committed_rows(table, corpus):
    c = Document(source_id="c", path="c.txt", format="text", text="New article.", meta=Metadata(title="New"))
    writer = TableWriter(table, append=(2, 3))
    writer.add(c, [(0, 0, 12, None, "New article.")])
    assert (writer.n_documents, writer.n_passages) == (3, 4)
    writer.close()
    passages = PassageTable(table, {0: "a", 1: "b", 2: "c"}, [(0, 2), (2, 3), (3, 4)])
    assert list(passages)[:3] == EXPECTED
    assert passages[3] == Passage(id="c#p0", source_id="c", ordinal=0, start=0, end=12, text="New article.")
    assert DocumentTable(table, corpus, ["a", "b", "c"], [0, 1, 2])["c"].meta == Metadata(title="New")


def test_rows_of_an_update_that_did_not_commit_are_replaced(table, corpus):
    """The manifest committed only document a (1 document, 2 passages): b's rows are left over."""
    c = Document(source_id="c", path="c.html", format="html", text="Kept text.", meta=Metadata())
    writer = TableWriter(table, append=(1, 2))
    writer.add(c, [(0, 0, 10, None, "Kept text.")])
    writer.close()
    db = sqlite3.connect(table)
    assert db.execute("SELECT num, source_id FROM documents ORDER BY num").fetchall() == [(0, "a"), (1, "c")]
    assert db.execute("SELECT num, source, text FROM passages ORDER BY num").fetchall() == [
        (0, 0, "The council voted on Monday."),
        (1, 0, "It meets again in May."),
        (2, 1, "Kept text."),
    ]
    assert db.execute("SELECT num, text FROM texts").fetchall() == [(1, "Kept text.")]
    db.close()
    check_table(table, 2, 3)


# -- the quick check -------------------------------------------------------------------------------


def test_a_table_with_the_rows_named_passes(table):
    check_table(table, 2, 3)
    check_table(table, 1, 2)  # removed sources leave rows behind: more is fine


@pytest.mark.parametrize(("documents", "passages"), [(3, 3), (2, 4), (3, 4)])
def test_a_table_short_of_rows_is_refused(table, documents, passages):
    with pytest.raises(ValueError, match="missing from its table"):
        check_table(table, documents, passages)


def test_an_empty_table_holds_nothing(tmp_path):
    path = tmp_path / "passages.sqlite"
    TableWriter(path).close()
    check_table(path, 0, 0)
    with pytest.raises(ValueError):
        check_table(path, 1, 0)
    assert list(PassageTable(path, {}, [])) == []
