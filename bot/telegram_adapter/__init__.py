"""The Telegram adapter: the only package that imports `telegram`.

The command line imports it lazily (`citebot run`), so other commands start fast.
Entry points: `run_bot(settings, service, webhook=False, reopen=None) -> int` and
`build_application(settings, service, reopen=None)`.
"""

from bot.telegram_adapter.app import build_application, run_bot

__all__ = ["build_application", "run_bot"]
