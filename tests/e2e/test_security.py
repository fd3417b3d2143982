"""Security: nothing outside the corpus folder is read because of a file name or a sidecar entry,
and the bot token never shows in text users see or in the reprs of objects the adapter handles.
"""

from __future__ import annotations

import json
import logging
import re
import socket
from pathlib import Path

import pytest
from telegram import Update

from bot.settings import Settings
from bot.telegram_adapter.app import build_application, run_bot
from tests.support.bot import private_message
from tests.support.corpora import REPO_ROOT, SMALL_CORPUS, write_corpus
from tests.support.fake_telegram import DEFAULT_TOKEN

PASSWD = Path("/etc/passwd")
OUTSIDE_TEXT = "The lighthouse keeper counted 4,321 ships from the outside folder last winter.\n"

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the corpus with an article that must never be read through it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("Secret Lighthouse Log\n\n" + OUTSIDE_TEXT * 3, encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------ file names


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd")
def test_a_link_to_etc_passwd_is_skipped_with_a_warning(tmp_path, cli):
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    (corpus / "passwd.txt").symlink_to(PASSWD)
    result = cli("sources", "--json", "--corpus", str(corpus))
    assert result.returncode == 0
    assert [s["path"] for s in json.loads(result.stdout)] == sorted(SMALL_CORPUS)
    assert result.stderr == "warning: skipped passwd.txt: links outside the corpus folder\n"
    searched = cli("search", "root bin bash nologin daemon", "--corpus", str(corpus))
    assert "root:" not in searched.stdout and "passwd" not in searched.stdout


def test_links_to_files_and_folders_outside_are_not_followed(tmp_path, outside, cli):
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    (corpus / "elsewhere.md").symlink_to(outside / "secret.txt")
    (corpus / "archive").symlink_to(outside, target_is_directory=True)
    (corpus / "nested").mkdir()
    (corpus / "nested" / "up.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    result = cli("sources", "--json", "--corpus", str(corpus))
    assert result.returncode == 0
    assert [s["path"] for s in json.loads(result.stdout)] == sorted(SMALL_CORPUS)
    assert sorted(result.stderr.splitlines()) == [
        "warning: skipped elsewhere.md: links outside the corpus folder",
        "warning: skipped nested/up.txt: links outside the corpus folder",
    ]
    answer = cli("ask", "How many ships did the lighthouse keeper count?", "--corpus", str(corpus))
    assert "4,321" not in answer.stdout


def test_a_link_inside_the_corpus_is_read_once_as_its_own_name(tmp_path, cli):
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    (corpus / "copy.txt").symlink_to(corpus / "ferry.txt")
    result = cli("sources", "--json", "--corpus", str(corpus))
    assert result.returncode == 0 and result.stderr == ""
    assert "copy.txt" in [s["path"] for s in json.loads(result.stdout)]


@pytest.mark.parametrize("kind", ["loop", "dangling"])
def test_links_that_lead_nowhere_are_skipped_not_a_crash(tmp_path, cli, kind):
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    if kind == "loop":
        (corpus / "ping.md").symlink_to(corpus / "pong.md")
        (corpus / "pong.md").symlink_to(corpus / "ping.md")
    else:
        (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    result = cli("sources", "--json", "--corpus", str(corpus))
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 3
    assert result.stderr.startswith("warning: skipped ")


def test_the_corpus_folder_from_settings_is_resolved(tmp_path, outside, run_cli):
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS)
    (corpus / "elsewhere.md").symlink_to(outside / "secret.txt")
    roundabout = tmp_path / "outside" / ".." / "corpus"
    result = run_cli("sources", "--json", env={"CITEBOT_CORPUS_DIR": str(roundabout)})
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 3
    assert result.stderr == "warning: skipped elsewhere.md: links outside the corpus folder\n"
    linked = tmp_path / "linked-corpus"
    linked.symlink_to(corpus, target_is_directory=True)  # the folder itself may be a link
    result = run_cli("sources", "--json", env={"CITEBOT_CORPUS_DIR": str(linked)})
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 3


# ------------------------------------------------------------------------------ sidecar entries


@pytest.mark.parametrize(
    "entry", ["../../etc/passwd", "/etc/passwd", "../outside/secret", "..\\..\\boot.ini"]
)
def test_a_path_as_a_sidecar_entry_is_only_warned_about(tmp_path, outside, cli, entry):
    sidecar = f'[{json.dumps(entry)}]\ntitle = "Stolen"\n'
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS, sidecar=sidecar)
    result = cli("sources", "--json", "--corpus", str(corpus))
    assert result.returncode == 0
    sources = json.loads(result.stdout)
    assert [s["path"] for s in sources] == sorted(SMALL_CORPUS)
    assert "Stolen" not in result.stdout
    assert result.stderr == f"warning: sources.toml names {entry}, which is not an article in {corpus}\n"


def test_a_sidecar_has_no_path_fields(tmp_path, cli):
    corpus = write_corpus(tmp_path / "corpus", SMALL_CORPUS, sidecar='[ferry]\npath = "/etc/passwd"\n')
    result = cli("sources", "--corpus", str(corpus))
    assert result.returncode == 1
    assert result.stderr == f"error: {corpus / 'sources.toml'}: [ferry] unknown field(s): path\n"


# ------------------------------------------------------------------------------ the token


def test_reprs_of_what_the_adapter_handles_hide_the_token(small_service, tmp_path):
    settings = Settings(
        _env_file=None,
        state_dir=tmp_path,
        telegram_token=DEFAULT_TOKEN,
        telegram_api_url="http://127.0.0.1:9/bot",
        webhook_secret="hook_secret_1",
    )
    application = build_application(settings, small_service)
    update = Update.de_json(private_message(5), application.bot)
    shown = [
        repr(application),
        repr(application.bot),
        repr(application.updater),
        repr(settings),
        repr(application.bot_data["citebot"]),
        repr(update),
        repr(update.message),
        str(application.bot),
    ]
    for text in shown:
        assert DEFAULT_TOKEN not in text and "hook_secret_1" not in text
    assert "[redacted]" in repr(application)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_bot_that_cannot_reach_telegram_says_so_without_the_token(
    small_service, capsys, monkeypatch, caplog, tmp_path
):
    monkeypatch.setattr(logging.getLogger(), "level", logging.DEBUG)
    factory = logging.getLogRecordFactory()
    settings = Settings(
        _env_file=None,
        state_dir=tmp_path,
        telegram_token=DEFAULT_TOKEN,
        log_level="DEBUG",
        telegram_api_url=f"http://127.0.0.1:{_closed_port()}/bot",
    )
    try:
        assert run_bot(settings, small_service) == 1
    finally:
        logging.setLogRecordFactory(factory)
    err = capsys.readouterr().err
    assert err.startswith("error: could not start the bot: ") and err.count("\n") == 1
    assert DEFAULT_TOKEN not in err and DEFAULT_TOKEN not in caplog.text


def test_no_token_in_the_shipped_examples():
    root = REPO_ROOT
    for name in (".env.example", "README.md"):
        text = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"\d{5,16}:[A-Za-z0-9_-]{30,50}", text), f"a complete bot token in {name}"
