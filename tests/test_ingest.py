"""Files read and analysed in chunks, in file order, a bad file a skip (retrieval/ingest.py)."""

from __future__ import annotations

from retrieval.analyzer import TermCache
from retrieval.documents import Skipped
from retrieval.ingest import Ingested, ingest, ingest_chunk

WALL = (
    "Sea Wall Rebuilt\n\n"
    "The Harbour Restoration Fund (HRF) paid for the new sea wall.\n\n"
    "The wall is 420 m long.\n"
)
FERRY = "Ferry Strike Ends\n\nThe ferry crews accepted the offer on Friday.\n"


def test_a_chunk_holds_each_article_or_its_skip_in_file_order(tmp_path):
    (tmp_path / "wall.txt").write_text(WALL, encoding="utf-8")
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    files = [("wall.txt", "w1"), ("broken.txt", "b1"), ("ferry.txt", "f1")]
    chunk = ingest_chunk(tmp_path, files, TermCache())
    wall, broken, ferry = chunk.items
    assert isinstance(wall, Ingested) and isinstance(ferry, Ingested) and isinstance(broken, Skipped)
    assert (wall.document.source_id, ferry.document.source_id) == ("w1", "f1")
    assert [row[4] for row in wall.rows] == [
        "The Harbour Restoration Fund (HRF) paid for the new sea wall.",
        "The wall is 420 m long.",
    ]
    assert len(wall.terms) == len(wall.rows)
    assert ("HRF", "Harbour Restoration Fund") in wall.acronyms
    for row in wall.rows:  # offsets index into the document's text
        assert wall.document.text[row[1] : row[2]] == row[4]


def test_many_files_come_back_in_chunks_in_file_order(tmp_path):
    files = []
    for n in range(70):
        (tmp_path / f"a{n:02}.txt").write_text(FERRY, encoding="utf-8")
        files.append((f"a{n:02}.txt", f"s{n:02}"))
    chunks = list(ingest(tmp_path, files, workers=1))
    assert [len(c.items) for c in chunks] == [64, 6]
    assert [i.document.source_id for c in chunks for i in c.items] == [s for _, s in files]
