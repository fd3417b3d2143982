"""Incremental updates of a persisted index: the same index as a rebuild, only the changed files
read, and a crash mid-update leaves the last committed index serving."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.service import Service
from retrieval import store
from retrieval.store import open_index
from tests.support.corpora import REPO_ROOT, SEEDS_DIR, SMALL_CORPUS, write_corpus

QUESTIONS = [
    "Who runs the new ferry service?",
    "How much will the HTA budget be?",
    "What did the council approve off the Southbay coast?",
    "How many bitcoins does El Salvador hold?",
    "Who chairs the PCC?",
    "How much did the museum renovation cost?",
    "What do the sources say about the ferry lanes?",
]

# A fourth article that defines an acronym the others only spell out, and repeats a paragraph
# of another file word for word (equal scores: ties must fall in corpus order).
TRAMS = """Tram Line Extended to the Harbour

The Regional Rail Board (RRB) extended the tram line to the harbour on Tuesday.

Mayor Lena Ortiz said the deal would cut the average commute by twenty minutes.

Critics of the Regional Rail Board said the extension cost $90 million, twice the first estimate.
"""
RAIL_NOTE = """Council Notes

The council asked the Regional Rail Board to publish its accounts for the harbour tram line.
"""


def _corpus(tmp_path: Path, names: list[str]) -> Path:
    folder = Path(shutil.copytree(SEEDS_DIR, tmp_path / "corpus"))
    extra = {**SMALL_CORPUS, "trams.txt": TRAMS, "zz_rail.txt": RAIL_NOTE}
    write_corpus(folder, {n: extra[n] for n in names})
    return folder


def _open(folder: Path, where: Path) -> store.Opened:
    return open_index(folder, engine="tantivy", index_dir=where)


def _same_index(updated: store.Opened, rebuilt: store.Opened, *, removed: bool) -> None:
    a, b = updated.index, rebuilt.index
    assert a.source_ids() == b.source_ids()
    assert list(a.passages) == list(b.passages)
    assert {s: d.meta for s, d in a.documents.items()} == {s: d.meta for s, d in b.documents.items()}
    assert a.stats.n_passages == b.stats.n_passages and a.stats.df == b.stats.df
    if not removed:
        assert a.stats.surfaces == b.stats.surfaces
    else:  # after a removal, written forms whose term is still in the corpus are kept
        assert a.stats.surfaces.items() >= b.stats.surfaces.items()
        assert set(a.stats.surfaces.values()) == set(b.stats.surfaces.values())
    assert a.analyzer.equivalences.phrases == b.analyzer.equivalences.phrases
    assert a.question_headings() == b.question_headings()
    assert updated.skipped == rebuilt.skipped
    for sid in b.source_ids():
        assert a.passages_of(sid) == b.passages_of(sid)
        assert a.search_in(sid, "harbour ferry council", 3) == b.search_in(sid, "harbour ferry council", 3)
    for q in QUESTIONS:
        hits_a, hits_b = a.search(q, 10), b.search(q, 10)
        assert [h.passage.id for h in hits_a] == [h.passage.id for h in hits_b], q
        assert hits_a == hits_b, q
    service_a, service_b = Service(a), Service(b)
    for q in QUESTIONS:
        assert service_a.ask(q) == service_b.ask(q), q
    assert service_a.sources() == service_b.sources() and service_a.examples() == service_b.examples()


def test_added_articles_give_the_index_a_rebuild_gives(tmp_path):
    folder = _corpus(tmp_path, ["museum.txt", "ferry.txt"])
    _open(folder, tmp_path / "idx")
    write_corpus(folder, {"aaa_trams.txt": TRAMS, "wind.md": SMALL_CORPUS["wind.md"]})
    updated = _open(folder, tmp_path / "idx")
    assert updated.update is not None
    assert (updated.update.added, updated.update.removed, updated.update.reindexed) == (2, 0, 0)
    assert updated.update.unchanged == 59 + 8  # the seeds, museum and ferry: not indexed again
    _same_index(updated, _open(folder, tmp_path / "fresh"), removed=False)


def test_removed_and_changed_articles_give_the_index_a_rebuild_gives(tmp_path):
    folder = _corpus(tmp_path, ["museum.txt", "ferry.txt", "wind.md", "trams.txt"])
    _open(folder, tmp_path / "idx")
    (folder / "museum.txt").unlink()
    with open(folder / "trams.txt", "a", encoding="utf-8") as f:
        f.write("\nThe first trams will run every six minutes at peak hours, the board said.\n")
    updated = _open(folder, tmp_path / "idx")
    assert (updated.update.added, updated.update.removed) == (1, 2)
    assert updated.update.passages_removed == 4 + 3 and updated.update.passages_added == 4
    assert updated.update.reindexed == 0
    _same_index(updated, _open(folder, tmp_path / "fresh"), removed=True)


def test_an_acronym_defined_by_a_new_article_reaches_the_articles_already_indexed(tmp_path):
    folder = _corpus(tmp_path, ["museum.txt", "zz_rail.txt"])
    before = _open(folder, tmp_path / "idx")
    assert not before.index.search("RRB accounts", 3)[0].matched_terms == ["rrb"]
    write_corpus(folder, {"trams.txt": TRAMS})  # defines RRB; zz_rail.txt only spells it out
    updated = _open(folder, tmp_path / "idx")
    assert updated.update.reindexed == 1  # the note's one passage, nothing else
    assert updated.update.unchanged == 59 + 4 + 1 - 1
    note = updated.index.search("RRB accounts", 3)[0]
    assert note.passage.source_id == "zz_rail" and "rrb" in note.matched_terms
    _same_index(updated, _open(folder, tmp_path / "fresh"), removed=True)
    (folder / "trams.txt").unlink()  # and the acronym goes with the article that defined it
    again = _open(folder, tmp_path / "idx")
    assert again.update.reindexed == 1
    _same_index(again, _open(folder, tmp_path / "fresh2"), removed=True)


def test_an_unreadable_file_is_reported_and_not_read_again_until_it_changes(tmp_path):
    folder = _corpus(tmp_path, ["museum.txt"])
    _open(folder, tmp_path / "idx")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    updated = _open(folder, tmp_path / "idx")
    assert [str(s) for s in updated.skipped] == ["skipped empty.txt: empty file"]
    again = _open(folder, tmp_path / "idx")
    assert again.loaded and [str(s) for s in again.skipped] == ["skipped empty.txt: empty file"]
    (folder / "empty.txt").write_text(SMALL_CORPUS["ferry.txt"], encoding="utf-8")
    fixed = _open(folder, tmp_path / "idx")
    assert fixed.skipped == [] and "empty" in fixed.index.source_ids()


def test_removing_every_article_is_refused_and_the_index_kept(tmp_path):
    folder = write_corpus(tmp_path / "c", {"ferry.txt": SMALL_CORPUS["ferry.txt"]})
    _open(folder, tmp_path / "idx")
    (folder / "ferry.txt").unlink()
    with pytest.raises(store.CorpusError, match="no readable articles"):
        _open(folder, tmp_path / "idx")


def test_above_the_rewrite_limit_deletions_are_applied_in_place(tmp_path, monkeypatch):
    from retrieval import update

    monkeypatch.setattr(update, "REWRITE_BELOW", 60)
    folder = _corpus(tmp_path, ["museum.txt", "ferry.txt", "wind.md"])
    _open(folder, tmp_path / "idx")
    (folder / "museum.txt").unlink()
    updated = _open(folder, tmp_path / "idx")
    assert not updated.update.rewritten and updated.update.unchanged == 59 + 4 + 4
    rebuilt = _open(folder, tmp_path / "fresh")
    assert list(updated.index.passages) == list(rebuilt.index.passages)
    assert updated.index.stats.df == rebuilt.index.stats.df
    assert not [
        h for h in updated.index.search("museum renovation galleries", 10) if h.passage.source_id == "museum"
    ]
    assert updated.index.engine.n_passages == rebuilt.index.engine.n_passages == 67


# -- a crash in the middle of an update ----------------------------------------------------------

CHILD = """
import os, signal, sys
from pathlib import Path
from retrieval import store, tables, tantivy_engine, update

point = sys.argv[3]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
targets = {
    "tantivy": (tantivy_engine.TantivyWriter, "commit"),
    "table": (tables.TableWriter, "close"),
    "manifest": (update, "write_manifest"),
}
owner, name = targets[point]
real = getattr(owner, name)
def then_die(*args, **kwargs):
    if point == "table":
        args[0]._db.execute("INSERT INTO passages VALUES (999999, 0, 0, 0, 0, NULL, 'x')")
    if point == "manifest":
        real(*args, **kwargs)  # the update is committed, then the process dies before cleaning up
    die()
setattr(owner, name, then_die)
store.open_index(Path(sys.argv[1]), engine="tantivy", index_dir=Path(sys.argv[2]))
"""


@pytest.mark.parametrize("point", ["tantivy", "table", "manifest"])
def test_a_process_killed_mid_update_leaves_the_last_committed_index_serving(tmp_path, point):
    folder = _corpus(tmp_path, ["museum.txt"])
    first = _open(folder, tmp_path / "idx")
    committed = store.read_manifest(first.location)
    write_corpus(folder, {"ferry.txt": SMALL_CORPUS["ferry.txt"]})
    (folder / "museum.txt").unlink()
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(folder), str(tmp_path / "idx"), point],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    manifest = store.read_manifest(first.location)
    if point != "manifest":  # the last committed state is still the one named, and it loads
        assert manifest == committed
        index = store.load_committed(folder, first.location, manifest)
        assert "museum" in index.source_ids() and len(index.passages) == 59 + 4
        assert index.search("museum renovation cost", 1)[0].passage.source_id == "museum"
    updated = _open(folder, tmp_path / "idx")  # and the next start finishes the job
    assert "ferry" in updated.index.source_ids() and "museum" not in updated.index.source_ids()
    _same_index(updated, _open(folder, tmp_path / "fresh"), removed=True)


def test_a_process_killed_at_any_moment_leaves_an_index_that_loads(tmp_path):
    """Kill updates after growing delays: whatever was committed loads, and the next start is right."""
    folder = _corpus(tmp_path, ["museum.txt"])
    first = _open(folder, tmp_path / "idx")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    code = (
        "import sys; from pathlib import Path; from retrieval.store import open_index; "
        "open_index(Path(sys.argv[1]), engine='tantivy', index_dir=Path(sys.argv[2]))"
    )
    for step, delay in enumerate((0.3, 0.6, 0.9, 1.2, 1.5)):
        write_corpus(
            folder, {f"ferry{step}.txt": SMALL_CORPUS["ferry.txt"].replace("twelve", f"{step + 12}")}
        )
        child = subprocess.Popen([sys.executable, "-c", code, str(folder), str(tmp_path / "idx")], env=env)
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        manifest = store.read_manifest(first.location)
        index = store.load_committed(folder, first.location, manifest)
        assert index.search("museum renovation cost", 1)[0].passage.source_id == "museum"
    final = _open(folder, tmp_path / "idx")
    assert {f"ferry{i}" for i in range(5)} <= set(final.index.source_ids())
    _same_index(final, _open(folder, tmp_path / "fresh"), removed=False)


# -- a running service takes an update in --------------------------------------------------------


def _service(folder: Path, where: Path) -> Service:
    return Service.open(folder, engine="tantivy", index_dir=where)


def _cited(service: Service, question: str) -> set[str]:
    return {c.source_id for c in service.ask(question).citations}


def test_a_running_service_answers_from_an_added_article_and_not_from_a_removed_one(tmp_path, monkeypatch):
    from retrieval import generation, update

    folder = _corpus(tmp_path, ["museum.txt", "ferry.txt"])
    running = _service(folder, tmp_path / "idx")
    assert "trams" not in _cited(running, "How much did the tram extension to the harbour cost?")
    write_corpus(folder, {"trams.txt": TRAMS})

    def not_read_back(*args: object) -> None:
        raise AssertionError("a running service's update read back what it had in memory")

    with monkeypatch.context() as patched:  # what the service holds is neither read nor read back
        for owner, name in [
            (update, "_read_terms_df"),
            (update, "_read_terms"),
            (generation.Generation, "read"),
        ]:
            patched.setattr(owner, name, not_read_back)
        added = running.reopen()
    assert added.index.origin is added.opened.update.generation
    assert added.opened.update is not None and added.opened.update.passages_added == 3
    assert added.index.origin.name == store.read_manifest(added.opened.location)["generation"]
    assert "trams" in _cited(added, "How much did the tram extension to the harbour cost?")
    assert "museum" in _cited(added, "How much did the museum renovation cost?")
    _same_index(added.opened, _open(folder, tmp_path / "fresh"), removed=False)
    (folder / "museum.txt").unlink()
    removed = added.reopen()
    assert removed.opened.update.removed == 1 and removed.opened.update.reindexed == 0
    assert "museum" not in _cited(removed, "How much did the museum renovation cost?")
    assert "museum" not in removed.index.source_ids() and removed.source("museum") is None
    _same_index(removed.opened, _open(folder, tmp_path / "fresh2"), removed=True)
    assert "museum" in _cited(added, "How much did the museum renovation cost?")  # the old one still answers


def test_reopening_with_nothing_changed_keeps_the_same_index(tmp_path):
    folder = _corpus(tmp_path, ["museum.txt"])
    running = _service(folder, tmp_path / "idx")
    again = running.reopen()
    assert again.index is running.index and again.opened.loaded and again.opened.update is None


def test_a_running_service_follows_an_update_made_by_another_process(tmp_path):
    """`citebot add` in another process commits a generation the service did not make: it is
    read from disk, not patched from the service's own, older one."""
    folder = _corpus(tmp_path, ["museum.txt"])
    running = _service(folder, tmp_path / "idx")
    write_corpus(folder, {"trams.txt": TRAMS})
    _open(folder, tmp_path / "idx")  # the other process
    (folder / "museum.txt").unlink()
    reopened = running.reopen()
    assert reopened.opened.update.removed == 1 and reopened.opened.update.added == 0
    assert "trams" in reopened.index.source_ids() and "museum" not in reopened.index.source_ids()
    _same_index(reopened.opened, _open(folder, tmp_path / "fresh"), removed=True)


def test_an_update_that_fails_in_a_running_service_leaves_it_answering(tmp_path, monkeypatch, caplog):
    """The update dies before its commit: the running service is untouched and answers as before,
    and the reopen falls back to a rebuild, as a start with a damaged index does."""
    from retrieval import tantivy_engine

    folder = _corpus(tmp_path, ["museum.txt"])
    running = _service(folder, tmp_path / "idx")
    write_corpus(folder, {"trams.txt": TRAMS})
    (folder / "museum.txt").unlink()
    real, calls = tantivy_engine.TantivyWriter.commit, []

    def fail_once(self: tantivy_engine.TantivyWriter) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        real(self)

    monkeypatch.setattr(tantivy_engine.TantivyWriter, "commit", fail_once)
    reopened = running.reopen()
    assert "is damaged (OSError" in caplog.text and len(calls) == 2
    assert reopened.opened.update is None and not reopened.opened.loaded  # rebuilt
    assert "museum" in _cited(running, "How much did the museum renovation cost?")
    assert running.index.search("museum renovation cost", 1)[0].passage.source_id == "museum"
    assert "museum" not in reopened.index.source_ids() and "trams" in reopened.index.source_ids()
    _same_index(reopened.opened, _open(folder, tmp_path / "fresh"), removed=True)


def test_a_running_service_follows_a_rebuild_made_by_another_process(tmp_path):
    """`citebot index --rebuild` starts again at generation 1, as the service's own index was:
    the service must not take the new index's files for the ones it holds."""
    folder = _corpus(tmp_path, ["museum.txt", "ferry.txt"])
    running = _service(folder, tmp_path / "idx")
    (folder / "ferry.txt").unlink()
    write_corpus(folder, {"trams.txt": TRAMS})
    open_index(folder, engine="tantivy", index_dir=tmp_path / "idx", rebuild=True)  # the other process
    assert store.read_manifest(running.opened.location)["generation"] == running.index.origin.name
    (folder / "museum.txt").unlink()
    reopened = running.reopen()
    assert reopened.opened.update.removed == 1 and reopened.opened.update.added == 0
    assert reopened.index.source_ids() == _open(folder, tmp_path / "fresh").index.source_ids()
    _same_index(reopened.opened, _open(folder, tmp_path / "fresh2"), removed=True)
    assert "museum" in _cited(
        running, "How much did the museum renovation cost?"
    )  # the old files, still open
