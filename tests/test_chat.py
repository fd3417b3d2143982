"""`citebot chat` and `citebot ask --conversation`: the conversation in a terminal and in batches.

The corpus is invented (a harbour town's tunnel and museum), the questions new wordings.
"""

from __future__ import annotations

import io
import json
import os
import pty
import select
import signal
import subprocess
import sys

import pytest

from bot.chat import chat
from tests.support.corpora import REPO_ROOT, clean_environ, open_service, write_corpus

TUNNEL = """Norwick Approves Harbour Tunnel

Harbour Gazette — 3 April 2026

Norwick will pay 80 million euros for the new harbour tunnel, the council said on Tuesday.

Brackley will pay 35 million euros for its share of the tunnel, according to its treasurer.

"This tunnel ends forty years of ferry queues," said Mayor Ingrid Halvorsen after the vote.

Construction starts in September and should take four years.
"""
MUSEUM = """Brackley Museum Reopens

Coastal Weekly — 9 April 2026

The Brackley maritime museum reopened on Saturday after a two-year renovation.

The renovation cost 6 million euros, said museum director Tomas Reyes.
"""
PAY = "How much will Norwick pay for the harbour tunnel?"

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("harbour"), {"tunnel.txt": TUNNEL, "museum.txt": MUSEUM})


@pytest.fixture(scope="module")
def service(corpus):
    return open_service(corpus)


def test_follow_ups_small_talk_and_language_in_the_terminal(service):
    out = io.StringIO()
    lines = [
        "hello",
        PAY,
        "and Brackley?",
        "What did the mayor say after the vote?",
        "who said that?",
        "Combien coûte le tunnel du port?",
        "/quit",
    ]
    assert chat(service, io.StringIO("".join(f"{line}\n" for line in lines)), out) == 0
    text = out.getvalue()
    assert "Hello! Ask me anything about the articles" in text
    assert "Taking this as: How much will Brackley pay for the harbour tunnel?" in text
    after = text.split("Taking this as: How much will Brackley")[1]
    assert "Brackley will pay 35 million euros" in after.split("Sources:")[0]
    assert "Taking this as: Who said “" in text
    speaker = text.split("Taking this as: Who said")[1]
    assert "Mayor Ingrid Halvorsen" in speaker.split("Sources:")[0]
    assert "The articles are in English" in text


def test_more_runs_out_and_a_decline_keeps_the_last_answer(service):
    out = io.StringIO()
    lines = [PAY, "Who designed the lighthouse?", "/quotes", *["/more"] * 8]
    chat(service, io.StringIO("".join(f"{line}\n" for line in lines)), out)
    text = out.getvalue()
    assert "Norwick will pay 80 million euros" in text.split("Who designed")[0]
    quotes = text.split("The articles don't answer this.")[1]
    assert "Norwick will pay 80 million euros" in quotes, "/quotes shows the last answered question"
    assert text.rstrip().endswith("No further evidence in the articles.")


def test_ask_batch_with_a_conversation_id(cli, corpus, tmp_path):
    result = cli(
        "ask",
        "-",
        "--json",
        "--conversation",
        "harbour-1",
        "--corpus",
        str(corpus),
        input=f"{PAY}\nand Brackley?\n",
        env={"CITEBOT_STATE_DIR": str(tmp_path)},
    )
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["conversation"] == second["conversation"] == "harbour-1"
    assert not first["followup"] and second["followup"] and second["asked"] == "and Brackley?"
    assert second["question"] == "How much will Brackley pay for the harbour tunnel?"
    assert any(c["quote"].startswith("Brackley will pay 35 million euros") for c in second["citations"])


def test_the_terminal_chat_has_line_editing_and_history(corpus, tmp_path):
    """At a terminal (a pseudo-terminal here), the up arrow recalls the last line and the left
    arrow moves within it: the recalled, edited line is what gets asked."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: citebot chat at a terminal
        os.chdir(tmp_path)
        env = {
            **clean_environ(),
            "PYTHONPATH": str(REPO_ROOT),
            "CITEBOT_CORPUS_DIR": str(corpus),
            "TERM": "xterm",
        }
        os.execve(sys.executable, [sys.executable, "-m", "bot", "chat"], env)
    try:
        _read_until(fd, b"> ")
        os.write(fd, f"{PAY}\r".encode())
        _read_until(fd, b"> ")
        # Up arrow: the last question back; left arrow past " pay for the harbour tunnel?",
        # seven backspaces over "Norwick", type "Brackley", Enter.
        tail = len(" pay for the harbour tunnel?")
        os.write(fd, b"\x1b[A" + b"\x1b[D" * tail + b"\x7f" * len("Norwick") + b"Brackley\r")
        seen = _read_until(fd, b"> ")
        assert b"Brackley will pay 35 million euros" in seen, seen[-800:]
        assert b"^[[" not in seen, "arrow keys edit the line, they are not echoed as escape codes"
        os.write(fd, b"/quit\r")
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # the chat did not behave: stop it rather than wait for it
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0


def _read_until(fd: int, marker: bytes) -> bytes:
    """Read the terminal's output until `marker` (waiting on the descriptor; 30 s without output is a failure)."""
    seen = b""
    while not seen.rstrip().endswith(marker.rstrip()):
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            raise TimeoutError(f"no {marker!r} in {seen[-500:]!r}")
        seen += os.read(fd, 65536)
    return seen


def test_chat_help_names_the_follow_ups_and_new(service):
    out = io.StringIO()
    chat(service, io.StringIO("/help\n"), out)
    assert "/new" in out.getvalue() and "who said that?" in out.getvalue()


def test_chat_runs_as_a_command(corpus):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=f"{PAY}\nand Brackley?\n",
        text=True,
        capture_output=True,
        env={**clean_environ(), "PYTHONPATH": str(REPO_ROOT), "CITEBOT_CORPUS_DIR": str(corpus)},
        timeout=120,
    )
    assert done.returncode == 0
    assert "Taking this as: How much will Brackley pay for the harbour tunnel?" in done.stdout


def test_a_source_the_corpus_lacks_is_named_back_and_a_bare_source_command_asks_which(service):
    out = io.StringIO()
    assert chat(service, io.StringIO("/source 99\n/source\n/quit\n"), out) == 0
    text = out.getvalue()
    assert "I have no article '99'. /sources lists them" in text
    assert "Which source? /sources lists them." in text


def test_a_conversation_id_carries_the_conversation_from_one_run_to_the_next(cli, corpus, tmp_path):
    """`ask --conversation ID` keeps the last answer under its id (in the state folder): a later
    run's follow-up builds on it; another id starts afresh; an id that is not a plain name is
    refused in one line."""
    state = {"CITEBOT_STATE_DIR": str(tmp_path)}
    first = cli("ask", "--conversation", "quay", "--corpus", str(corpus), PAY, env=state)
    assert first.returncode == 0 and "Norwick will pay 80 million euros" in first.stdout
    later = cli("ask", "--conversation", "quay", "--corpus", str(corpus), "and Brackley?", env=state)
    assert "Taking this as: How much will Brackley pay for the harbour tunnel?" in later.stdout
    assert "Brackley will pay 35 million euros" in later.stdout
    other = cli(
        "ask", "--json", "--conversation", "pier", "--corpus", str(corpus), "and Brackley?", env=state
    )
    assert json.loads(other.stdout)["followup"] is False  # asked as written: nothing to build on
    bad = cli("ask", "--conversation", "../quay", "--corpus", str(corpus), "and Brackley?", env=state)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "--conversation" in bad.stderr


def test_a_conversation_that_cannot_be_kept_is_one_error_line(cli, corpus, tmp_path):
    """A state folder where the conversation's file cannot be written gives one line naming it,
    no traceback."""
    (tmp_path / "conversations" / "quay.json").mkdir(parents=True)  # a folder where the file goes
    result = cli(
        "ask",
        "--conversation",
        "quay",
        "--corpus",
        str(corpus),
        PAY,
        env={"CITEBOT_STATE_DIR": str(tmp_path)},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "cannot keep the conversation" in result.stderr
