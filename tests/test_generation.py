"""A generation's files on disk: the manifest (its atomic commit), per-file records, the parts
`Generation` writes and reads back, and the fingerprints that say whether a file changed."""

from __future__ import annotations

import json
import os
import re

import numpy as np
import pytest

from retrieval.analyzer import Equivalences
from retrieval.generation import (
    FileRecords,
    Generation,
    file_states,
    generation_name,
    new_commit,
    read_manifest,
    write_json,
    write_manifest,
)
from retrieval.index import Stats
from retrieval.ingest import Ingested
from retrieval.models import Document, Metadata

# -- the manifest ----------------------------------------------------------------------------------


def test_a_written_manifest_reads_back_and_leaves_no_scratch_file(tmp_path):
    manifest = {
        "generation": "g000002",
        "commit": "c0ffee",
        "passages": 12,
        "skipped": [["x.txt", "empty file"]],
    }
    write_manifest(tmp_path, manifest)
    assert read_manifest(tmp_path) == manifest
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_a_new_manifest_replaces_the_old_one(tmp_path):
    write_manifest(tmp_path, {"generation": "g000001"})
    write_manifest(tmp_path, {"generation": "g000002", "commit": "b"})
    assert read_manifest(tmp_path) == {"generation": "g000002", "commit": "b"}
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_a_folder_without_a_manifest_has_none(tmp_path):
    assert read_manifest(tmp_path) is None
    (tmp_path / "manifest.json.tmp-123").write_text(
        "{}", encoding="utf-8"
    )  # an update killed before its commit
    assert read_manifest(tmp_path) is None


def test_json_is_written_compact_and_unescaped(tmp_path):
    write_json(tmp_path / "x.json", {"title": "Café – São Paulo", "n": [1, 2]})
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == '{"title":"Café – São Paulo","n":[1,2]}'


def test_generation_names_sort_in_the_order_they_were_made():
    assert generation_name(1) == "g000001"
    assert generation_name(42) == "g000042"
    assert generation_name(999_999) == "g999999"
    names = [generation_name(n) for n in (3, 10, 250, 1000)]
    assert sorted(names) == names


def test_every_commit_id_is_new():
    commits = [new_commit() for _ in range(200)]
    assert len(set(commits)) == 200
    assert all(re.fullmatch(r"[0-9a-f]{32}", c) for c in commits)


# -- file fingerprints -----------------------------------------------------------------------------


def test_file_states_are_size_and_mtime_in_nanoseconds(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes(b"twelve bytes")
    (tmp_path / "sub" / "b.md").write_bytes(b"")
    os.utime(tmp_path / "a.txt", ns=(1_700_000_000_123_456_789, 1_700_000_000_123_456_789))
    os.utime(tmp_path / "sub" / "b.md", ns=(1_600_000_000_000_000_001, 1_600_000_000_000_000_001))
    assert file_states(tmp_path, ["a.txt", "sub/b.md"]) == {
        "a.txt": (12, 1_700_000_000_123_456_789),
        "sub/b.md": (0, 1_600_000_000_000_000_001),
    }


def test_a_changed_file_has_another_state(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    os.utime(tmp_path / "a.txt", ns=(10**18, 10**18))
    before = file_states(tmp_path, ["a.txt"])
    (tmp_path / "a.txt").write_text("two", encoding="utf-8")  # same size: only the mtime tells
    os.utime(tmp_path / "a.txt", ns=(10**18 + 1, 10**18 + 1))
    assert before == {"a.txt": (3, 10**18)}
    assert file_states(tmp_path, ["a.txt"]) == {"a.txt": (3, 10**18 + 1)}


def test_a_link_to_a_file_has_the_files_state(tmp_path):
    (tmp_path / "real.txt").write_bytes(b"12345")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    st = os.stat(tmp_path / "real.txt")
    assert file_states(tmp_path, ["link.txt"]) == {"link.txt": (5, st.st_mtime_ns)}


def test_a_dangling_link_has_the_links_own_state(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    st = os.lstat(tmp_path / "gone.txt")
    assert file_states(tmp_path, ["gone.txt"]) == {"gone.txt": (st.st_size, st.st_mtime_ns)}
    assert st.st_size == len(str(tmp_path / "nowhere.txt"))


# -- per-file records ------------------------------------------------------------------------------


def _ingested(source_id: str, headings: list[str | None], acronyms: list[tuple[str, str]]) -> Ingested:
    document = Document(source_id=source_id, path=f"{source_id}.txt", meta=Metadata(), text="x")
    rows = [(i, 0, 1, h, "Body text.") for i, h in enumerate(headings)]
    return Ingested(document, rows, ["body text"] * len(rows), acronyms)


@pytest.fixture
def records() -> FileRecords:
    """Three files: one defining an acronym twice and another, one with question headings, one plain."""
    files = FileRecords()
    overrides = {"b": {"outlet": "Daily Planet"}}
    files.add(
        _ingested(
            "a",
            [None, None],
            [
                ("PCC", "Pakistan Crypto Council"),
                ("PCC", "Pakistan Crypto Council"),
                ("IMF", "International Monetary Fund"),
            ],
        ),
        (100, 1_000),
        0,
        overrides,
    )
    files.add(
        _ingested(
            "b", [None, "What comes next for the council?", "Who pays for the new bridge?", "Background"], []
        ),
        (200, 2_000),
        1,
        overrides,
    )
    files.add(_ingested("c", [None], [("X", "X")]), (300, 3_000), 5, overrides)
    files.unreadable.append(["broken.pdf", 7, 4_000, "no text"])
    return files


def test_records_hold_each_files_fingerprint_and_number(records):
    assert len(records) == 3
    assert records.paths == ["a.txt", "b.txt", "c.txt"]
    assert records.sizes == [100, 200, 300]
    assert records.mtimes == [1_000, 2_000, 3_000]
    assert records.ids == ["a", "b", "c"]
    assert records.numbers == [0, 1, 5]
    assert records.overrides == {"b.txt": {"outlet": "Daily Planet"}}


def test_records_keep_each_files_acronyms_once_and_its_question_headings(records):
    assert records.acronyms("a.txt") == [
        ["pcc", "pakistan", "crypto", "council"],
        ["imf", "internat", "monetari", "fund"],
    ]
    assert records.acronyms("b.txt") == []
    assert records.acronyms("c.txt") == []  # a definition that adds nothing is not kept
    assert records.questions("b.txt") == ["What comes next for the council?", "Who pays for the new bridge?"]
    assert records.questions("a.txt") == []


def test_records_read_back_as_written(records, tmp_path):
    records.write(tmp_path)
    back = FileRecords.read(tmp_path)
    assert (back.paths, back.sizes, back.mtimes, back.ids, back.numbers) == (
        records.paths,
        records.sizes,
        records.mtimes,
        records.ids,
        records.numbers,
    )
    assert back.overrides == {"b.txt": {"outlet": "Daily Planet"}}
    assert back.unreadable == [["broken.pdf", 7, 4_000, "no text"]]
    for path in records.paths:
        assert back.acronyms(path) == records.acronyms(path)
        assert back.questions(path) == records.questions(path)


def test_details_are_read_only_when_first_asked_for(records, tmp_path):
    records.write(tmp_path)
    back = FileRecords.read(tmp_path)
    details = json.loads((tmp_path / "details.json").read_text(encoding="utf-8"))
    details["questions"]["c.txt"] = ["Asked after opening?"]
    write_json(tmp_path / "details.json", details)  # changed after the records were opened
    assert back.questions("c.txt") == ["Asked after opening?"]
    (tmp_path / "details.json").unlink()  # read once: not read again
    assert back.acronyms("a.txt")[0] == ["pcc", "pakistan", "crypto", "council"]


def test_records_that_disagree_are_refused(records, tmp_path):
    records.write(tmp_path)
    data = json.loads((tmp_path / "files.json").read_text(encoding="utf-8"))
    data["ids"].pop()
    write_json(tmp_path / "files.json", data)
    with pytest.raises(ValueError, match="do not agree"):
        FileRecords.read(tmp_path)


def test_kept_records_carry_everything_about_the_file(records, tmp_path):
    records.write(tmp_path)
    old = FileRecords.read(tmp_path)
    old.read_details()
    new = FileRecords()
    new.keep(old, 1)
    new.keep(old, 0)
    assert new.paths == ["b.txt", "a.txt"]
    assert (new.sizes, new.mtimes, new.ids, new.numbers) == ([200, 100], [2_000, 1_000], ["b", "a"], [1, 0])
    assert new.overrides == {"b.txt": {"outlet": "Daily Planet"}}
    assert new.questions("b.txt") == records.questions("b.txt")
    assert new.acronyms("a.txt") == records.acronyms("a.txt")
    assert new.unreadable == []  # unreadable files are read again, not kept


# -- a generation's parts --------------------------------------------------------------------------


def _generation(location, records: FileRecords) -> Generation:
    return Generation(
        location=location,
        name=generation_name(3),
        commit="abc",
        stats=Stats(
            4, {"bridg": 2, "council": 3, "pcc": 1}, {"bridge": "bridg", "Council": "council", "gone": "gon"}
        ),
        equivalences=Equivalences({("pakistan", "crypto", "council"): "pcc"}),
        questions=["Who pays for the new bridge?"],
        sources=np.array([0, 1, 5], dtype=np.int64),
        starts=np.array([0, 2, 6], dtype=np.int64),
        ends=np.array([2, 6, 7], dtype=np.int64),
        ordinals=np.array([0, 1, 0, 1, 2, 3, 0], dtype=np.int32),
        files=records,
    )


def test_a_generation_reads_back_as_written(records, tmp_path):
    written = _generation(tmp_path, records)
    assert written.directory == tmp_path / "g000003"
    written.directory.mkdir()
    written.write()
    back = Generation.read(tmp_path, {"generation": "g000003", "commit": "abc"})
    assert (back.location, back.name, back.commit) == (tmp_path, "g000003", "abc")
    assert back.stats.n_passages == 4
    assert back.stats.df == {"bridg": 2, "council": 3, "pcc": 1}
    assert back.stats.surfaces == {
        "bridge": "bridg",
        "Council": "council",
    }  # a term no passage holds is dropped
    assert back.equivalences.phrases == {("pakistan", "crypto", "council"): "pcc"}
    assert back.questions == ["Who pays for the new bridge?"]
    for name in ("sources", "starts", "ends", "ordinals"):
        assert getattr(back, name).tolist() == getattr(written, name).tolist(), name
    assert back.files.paths == records.paths and back.files.numbers == [0, 1, 5]
    assert back.files.questions("b.txt") == records.questions("b.txt")


def test_a_generation_uses_records_already_read(records, tmp_path):
    written = _generation(tmp_path, records)
    written.directory.mkdir()
    written.write()
    back = Generation.read(tmp_path, {"generation": "g000003"}, files=records)
    assert back.files is records
    assert back.commit == ""  # a manifest from before commit ids


def test_a_generations_analyzer_adds_its_concept_tokens(records, tmp_path):
    analyzer = _generation(tmp_path, records).analyzer()
    assert "pcc" in analyzer.terms("The Pakistan Crypto Council met")
    assert "pcc" not in analyzer.terms("The Pakistan Cricket Council met")
