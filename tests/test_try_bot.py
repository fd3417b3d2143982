"""tools/try_bot.py: the real bot against the fake Bot API server, typed into from standard input."""

from __future__ import annotations

import subprocess
import sys

from tests.support.corpora import REPO_ROOT, clean_environ


def test_a_typed_question_gets_the_bots_reply_with_its_buttons():
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "try_bot.py")],
        input="How much bitcoin does El Salvador hold?\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_environ(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("bot> ") and "6,238 BTC" in result.stdout
    assert "[Quotes]" in result.stdout and "<b>" not in result.stdout


def test_a_missing_corpus_is_one_error_line(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "try_bot.py"), "--corpus", str(tmp_path / "none")],
        input="",
        capture_output=True,
        text=True,
        env=clean_environ(),
        timeout=60,
    )
    assert result.returncode == 1 and result.stderr.startswith("error: corpus folder not found")
