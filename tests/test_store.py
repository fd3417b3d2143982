"""The persisted index: built once, loaded after, rebuilt when the corpus changes or the cache is
damaged; the same answers as an index built in memory; the `index` and `bench` commands."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from bot.service import Service
from retrieval import store
from retrieval.store import index_location, open_index
from tests.support.corpora import S003, SEEDS_DIR, SMALL_CORPUS, write_corpus


@pytest.fixture(scope="module")
def persisted(tmp_path_factory):
    """The seeds' tantivy index, built and then loaded from its cache."""
    index_dir = tmp_path_factory.mktemp("idx")
    built = open_index(SEEDS_DIR, engine="tantivy", index_dir=index_dir)
    return built, open_index(SEEDS_DIR, engine="tantivy", index_dir=index_dir)


def _open(folder: Path, index_dir: Path, engine: str = "tantivy") -> store.Opened:
    return open_index(folder, engine=engine, index_dir=index_dir)


def test_built_once_then_loaded(persisted, tmp_path):
    built, loaded = persisted
    assert (built.loaded, loaded.loaded) == (False, True)
    assert built.location == loaded.location and (loaded.location / "manifest.json").exists()
    assert loaded.engine == "tantivy" and loaded.index.engine.name == "tantivy"
    assert loaded.describe().startswith("loaded index of 59 passages from 5 articles (tantivy) from ")


def test_service_logs_one_line_how_it_opened(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="bot.service"):
        Service.open(SEEDS_DIR, engine="tantivy", index_dir=tmp_path)
        Service.open(SEEDS_DIR, engine="tantivy", index_dir=tmp_path)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.service"]
    assert [line.split(" index of ")[0] for line in lines] == ["built", "loaded"]


def test_a_loaded_index_reads_like_one_built_in_memory(persisted, seeds_index):
    loaded = persisted[1].index
    assert loaded.source_ids() == seeds_index.source_ids()
    assert list(loaded.passages) == list(seeds_index.passages) and len(loaded.passages) == 59
    for sid in seeds_index.source_ids():
        assert loaded.passages_of(sid) == seeds_index.passages_of(sid)
        assert loaded.passage_count(sid) == len(seeds_index.passages_of(sid))
        assert loaded.documents[sid].meta == seeds_index.documents[sid].meta
        assert loaded.documents[sid].text == seeds_index.documents[sid].text  # read from the file
    p = seeds_index.passages[30]
    assert loaded.passage(p.id) == p
    with pytest.raises(KeyError):
        loaded.passage(f"{S003}#p999")
    assert loaded.stats.df == seeds_index.stats.df and loaded.stats.surfaces == seeds_index.stats.surfaces
    assert loaded.stats.related("pakistan") == seeds_index.stats.related("pakistan")
    assert loaded.analyzer.equivalences.phrases == seeds_index.analyzer.equivalences.phrases
    assert loaded.question_headings() == seeds_index.question_headings()
    assert loaded.query("btc el salvadore") == seeds_index.query("btc el salvadore")


def test_a_loaded_index_names_sources_as_one_in_memory_does(persisted, seeds_service):
    """Ids, prefixes, numbers and outlets (read from the table's column, not document by document)."""
    service = Service(persisted[1].index)
    assert service.index.documents.outlets() == seeds_service.index.documents.outlets()
    assert len(set(service.index.documents.outlets().values())) > 1
    for key in ["BTCC", "btcc", "Bitxjournal", "002", "2", "openvoicenews pakistan", "nobody"]:
        assert service.source_candidates(key) == seeds_service.source_candidates(key), key
    assert service.sources() == seeds_service.sources()


def test_answers_from_a_loaded_index_quote_the_files(persisted, seeds_service):
    service = Service(persisted[1].index)
    answer = service.ask("Who chairs the PCC?")
    assert answer.answer == seeds_service.ask("Who chairs the PCC?").answer
    for c in answer.citations:
        assert service.index.documents[c.source_id].text[c.start : c.end] == c.quote
    assert service.sources() == seeds_service.sources() and service.examples() == seeds_service.examples()
    assert service.source("4") == seeds_service.source("4")


@pytest.mark.parametrize("change", ["edit", "add", "remove", "touch", "sidecar"])
def test_updated_when_the_corpus_changes(seeds_copy, tmp_path, change):
    first = _open(seeds_copy, tmp_path / "idx")
    files = sorted(seeds_copy.glob("*.txt"))
    if change == "edit":
        files[0].write_text(
            files[0].read_text(encoding="utf-8")
            + "\nThe harbour ferry fares rose by a tenth on Monday morning.\n",
            encoding="utf-8",
        )
    elif change == "add":
        (seeds_copy / "ferry.txt").write_text(SMALL_CORPUS["ferry.txt"], encoding="utf-8")
    elif change == "remove":
        files[0].unlink()
    elif change == "touch":
        st = files[1].stat()
        os.utime(files[1], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    else:
        sidecar = seeds_copy / "sources.toml"
        sidecar.write_text(
            sidecar.read_text(encoding="utf-8").replace('outlet = "Bitxjournal"', 'outlet = "Bitx Journal"'),
            encoding="utf-8",
        )
    second = _open(seeds_copy, tmp_path / "idx")
    assert (first.loaded, second.loaded, second.update is not None) == (False, False, True)
    expected = {"edit": 60, "add": 63, "remove": 51, "touch": 59, "sidecar": 59}[change]
    assert len(second.index.passages) == expected
    changed = {"edit": (1, 1), "add": (1, 0), "remove": (0, 1), "touch": (1, 1), "sidecar": (1, 1)}[change]
    assert (second.update.added, second.update.removed) == changed  # the other files are not read
    assert second.describe().startswith(f"updated index of {expected} passages from ")
    again = _open(seeds_copy, tmp_path / "idx")
    assert again.loaded and again.update is None  # and then it is current again
    if change == "sidecar":
        assert "Bitx Journal" in {d.meta.outlet for d in again.index.documents.values()}


def test_a_sidecar_edit_that_changes_no_metadata_changes_nothing(seeds_copy, tmp_path):
    _open(seeds_copy, tmp_path / "idx")
    with open(seeds_copy / "sources.toml", "a", encoding="utf-8") as f:
        f.write("\n# a comment\n")
    assert _open(seeds_copy, tmp_path / "idx").loaded


@pytest.mark.parametrize("damage", ["manifest", "terms", "tantivy", "table", "layout"])
def test_a_damaged_cache_is_rebuilt_with_one_warning(seeds_copy, tmp_path, caplog, damage):
    first = _open(seeds_copy, tmp_path / "idx")
    where = first.location
    generation = where / store.read_manifest(where)["generation"]
    if damage == "manifest":
        (where / "manifest.json").write_text('{"format": 1, "finger', encoding="utf-8")
    elif damage == "terms":
        (generation / "terms.json").write_text("[]", encoding="utf-8")
    elif damage == "tantivy":
        for f in (generation / "tantivy").iterdir():
            if f.name != "meta.json":
                f.unlink()
    elif damage == "table":
        (where / "passages.sqlite").write_bytes(b"not a database")
    else:
        (generation / "layout.npz").unlink()
    with caplog.at_level(logging.WARNING):
        again = _open(seeds_copy, tmp_path / "idx")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith(f"the index in {where} is damaged (")
    assert warnings[0].endswith("; rebuilding it") and not again.loaded
    assert len(again.index.passages) == 59 and again.index.search("Who chairs the PCC?", 1)
    assert _open(seeds_copy, tmp_path / "idx").loaded


def test_no_scratch_folders_are_left_behind(seeds_copy, tmp_path):
    _open(seeds_copy, tmp_path / "idx")
    _open(seeds_copy, tmp_path / "idx", engine="tantivy")
    open_index(seeds_copy, engine="tantivy", index_dir=tmp_path / "idx", rebuild=True)
    assert [p.name for p in (tmp_path / "idx").iterdir()] == [
        index_location(seeds_copy, tmp_path / "idx").name
    ]


def test_when_another_build_lands_first_its_index_is_used(seeds_copy, tmp_path, monkeypatch):
    first = _open(seeds_copy, tmp_path / "idx")

    def clash(built: Path, location: Path) -> None:
        raise OSError(39, "Directory not empty")

    monkeypatch.setattr(store, "replace_index", clash)  # another build lands first
    again = open_index(seeds_copy, engine="tantivy", index_dir=tmp_path / "idx", rebuild=True)
    assert (again.loaded, again.location, len(again.index.passages)) == (False, first.location, 59)
    assert [p.name for p in (tmp_path / "idx").iterdir()] == [first.location.name]


def test_auto_uses_tantivy_above_the_threshold(seeds_copy, tmp_path, monkeypatch):
    small = open_index(seeds_copy, index_dir=tmp_path / "idx")
    assert (small.engine, small.location, small.index.engine.name) == ("rank-bm25", None, "rank-bm25")
    assert not (tmp_path / "idx").exists()  # nothing is saved for a small corpus
    monkeypatch.setattr(store, "TANTIVY_ABOVE", 58)  # the seeds have 59 passages
    large = open_index(seeds_copy, index_dir=tmp_path / "idx")
    assert (large.engine, large.loaded, large.index.engine.name) == ("tantivy", False, "tantivy")
    assert open_index(seeds_copy, index_dir=tmp_path / "idx").loaded
    monkeypatch.setattr(store, "TANTIVY_ABOVE", 59)
    assert open_index(seeds_copy, index_dir=tmp_path / "idx").engine == "rank-bm25"


def test_rank_bm25_is_never_saved(seeds_copy, tmp_path):
    opened = open_index(seeds_copy, engine="rank-bm25", index_dir=tmp_path / "idx")
    assert (opened.engine, opened.loaded, opened.location) == ("rank-bm25", False, None)
    assert not (tmp_path / "idx").exists() and not (seeds_copy / ".citebot-index").exists()


def test_without_persisting_nothing_is_written(seeds_copy):
    opened = open_index(seeds_copy, engine="tantivy", persist=False)
    assert (opened.engine, opened.location) == ("tantivy", None)
    assert opened.index.search("Who chairs the PCC?", 1)
    assert sorted(p.name for p in seeds_copy.iterdir()) == sorted(p.name for p in SEEDS_DIR.iterdir())


def test_cache_folder_beside_the_corpus_or_in_the_user_cache(seeds_copy, tmp_path, monkeypatch):
    assert index_location(seeds_copy) == seeds_copy.resolve() / ".citebot-index"
    opened = open_index(seeds_copy, engine="tantivy")
    assert opened.location == seeds_copy.resolve() / ".citebot-index"
    assert open_index(seeds_copy, engine="tantivy").loaded  # the hidden folder is not read as articles
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    where = index_location(seeds_copy)
    assert where.parent == tmp_path / "cache" / "citebot" and where.name.startswith("seeds-")
    assert index_location(seeds_copy, tmp_path / "mine").parent == tmp_path / "mine"


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine 'foo'"):
        open_index(SEEDS_DIR, engine="foo")


def test_a_corpus_of_furniture_is_refused_whatever_the_engine(make_corpus, tmp_path):
    folder = make_corpus({"menu.txt": "Search\n\nMenu\n\nShort line here\n"})
    for engine in ("rank-bm25", "tantivy"):
        with pytest.raises(store.CorpusError, match="no body text"):
            open_index(folder, engine=engine, index_dir=tmp_path / "idx")
    assert not any((tmp_path / "idx").iterdir())


def test_a_large_archive_is_read_by_worker_processes(tmp_path, monkeypatch):
    """Ingestion in a process pool gives the index a single process gives."""
    from retrieval import ingest

    folder = write_corpus(
        tmp_path / "c", {f"{i:03d}_{name}": text for i in range(12) for name, text in SMALL_CORPUS.items()}
    )
    monkeypatch.setattr(ingest, "CHUNK_FILES", 5)
    one = open_index(folder, engine="tantivy", persist=False).index
    monkeypatch.setattr(ingest, "PARALLEL_ABOVE", 10)
    pooled = open_index(folder, engine="tantivy", persist=False).index
    assert list(pooled.passages) == list(one.passages) and pooled.stats.df == one.stats.df
    assert pooled.analyzer.equivalences.phrases == one.analyzer.equivalences.phrases


# -- commands ----------------------------------------------------------------------------------


def test_index_command_builds_then_reports_it_current(cli, seeds_copy, tmp_path):
    env = {"CITEBOT_INDEX_DIR": str(tmp_path / "idx")}
    where = index_location(seeds_copy, tmp_path / "idx")
    first = cli("index", "--corpus", str(seeds_copy), "--engine", "tantivy", env=env)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.startswith(
        f"built index of 59 passages from 5 articles (tantivy), saved in {where} in "
    )
    again = cli("index", "--corpus", str(seeds_copy), "--engine", "tantivy", env=env)
    assert again.stdout.startswith(
        f"up to date: loaded index of 59 passages from 5 articles (tantivy) from {where} in "
    )
    forced = cli("index", "--corpus", str(seeds_copy), "--rebuild", env={**env, "CITEBOT_ENGINE": "tantivy"})
    assert forced.stdout.startswith("built index of 59 passages")


def test_index_command_on_a_small_corpus_says_nothing_is_saved(cli, seeds_copy):
    result = cli("index", "--corpus", str(seeds_copy))
    assert result.returncode == 0 and result.stdout.splitlines()[0].startswith(
        "built index of 59 passages from 5 articles (rank-bm25), in memory in "
    )
    assert result.stdout.splitlines()[1].startswith("not saved: up to 5,000 passages rank-bm25 builds")
    assert not (seeds_copy / ".citebot-index").exists()


def test_ask_reuses_the_saved_index(cli, seeds_copy, tmp_path, monkeypatch):
    env = {"CITEBOT_INDEX_DIR": str(tmp_path / "idx"), "CITEBOT_ENGINE": "tantivy"}
    cli("index", "--corpus", str(seeds_copy), env=env)
    opened = []
    real = store.open_index
    monkeypatch.setattr("bot.service.open_index", lambda *a, **k: opened.append(real(*a, **k)) or opened[-1])
    result = cli("ask", "Who chairs the PCC?", "--corpus", str(seeds_copy), env=env)
    assert result.returncode == 0 and "Muhammad Aurangzeb" in result.stdout
    assert [o.loaded for o in opened] == [True]


def test_bad_engine_setting_is_one_line_and_exit_2(cli):
    result = cli("index", env={"CITEBOT_ENGINE": "foo"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: CITEBOT_ENGINE: ") and result.stderr.count("\n") == 1
