"""Adding and removing articles, the steps `citebot add/remove` and /add share (bot/archive.py)."""

from __future__ import annotations

import logging

import pytest

from bot.answering.models import SourceInfo
from bot.archive import add_to_corpus, added_source, remove_from_corpus
from retrieval.fetch import FetchError, FetchLimits
from retrieval.metadata import SIDECAR_NAME
from tests.support.corpora import SMALL_CORPUS, open_service, write_corpus

ARTICLE = "Lighthouse Keeper Retires\n\nThe last keeper of the Harwick lighthouse retired on Friday after 31 years.\n"
LIMITS = FetchLimits(timeout=2.0, max_bytes=1_000_000, max_redirects=3, allow_private=True)


def test_a_file_added_becomes_a_source_once_the_corpus_is_reopened(tmp_path):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    given = tmp_path / "lighthouse.txt"
    given.write_text(ARTICLE, encoding="utf-8")
    saved = add_to_corpus(folder, str(given), LIMITS)
    assert saved.parent == folder and saved.read_text(encoding="utf-8") == ARTICLE
    source = added_source(open_service(folder), folder, saved)
    assert source is not None and source.title == "Lighthouse Keeper Retires"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("ftp://example.org/a.txt", "only http and https links can be added"),
        ("/no/such/file.txt", "no such file: /no/such/file.txt"),
    ],
)
def test_what_cannot_be_added_is_a_fetch_error(tmp_path, target, message):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    with pytest.raises(FetchError, match=message):
        add_to_corpus(folder, target, LIMITS)
    with pytest.raises(FetchError, match="corpus folder not found"):
        add_to_corpus(tmp_path / "missing", target, LIMITS)


def test_removing_deletes_only_a_file_inside_the_folder(tmp_path):
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    service = open_service(folder)
    first = service.sources()[0]
    removed = remove_from_corpus(service, folder, first)
    assert not removed.path.exists() and removed.sidecar is None  # no sources.toml to change
    assert first.source_id not in {s.source_id for s in open_service(folder).sources()}
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    escaping = SourceInfo.model_validate({**first.model_dump(), "path": "../outside.txt"})
    with pytest.raises(FetchError, match="is not inside the corpus folder"):
        remove_from_corpus(service, folder, escaping)
    assert outside.exists()


def test_a_removed_article_leaves_no_entry_in_the_sidecar_to_warn_about(tmp_path, caplog):
    sidecar = '[ferry]\noutlet = "Harbour Post"\n\n[museum]\noutlet = "City Post"\n'
    folder = write_corpus(tmp_path / "corpus", SMALL_CORPUS, sidecar=sidecar)
    service = open_service(folder)
    museum = next(s for s in service.sources() if s.source_id == "museum")
    removal = remove_from_corpus(service, folder, museum)
    assert removal.sidecar == folder / SIDECAR_NAME
    assert removal.sidecar.read_text(encoding="utf-8") == '[ferry]\noutlet = "Harbour Post"\n\n'
    with caplog.at_level(logging.WARNING):
        reopened = open_service(folder)
    assert not caplog.records
    assert {s.source_id: s.outlet for s in reopened.sources()}["ferry"] == "Harbour Post"
