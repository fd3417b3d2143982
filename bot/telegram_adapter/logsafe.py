"""Keeping secrets (the bot token, the webhook secret) out of every log record.

httpx logs each request URL at INFO and the URL contains the token; python-telegram-bot
logs its API URL at DEBUG and `repr(bot)` shows the token. Redaction happens when a
record is created (a log record factory), so it covers every logger, level and handler,
including exception tracebacks, before any formatter or test capture sees the record.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterable
from urllib.parse import quote

REDACTED = "[redacted]"


class Redactor:
    """Replaces each secret, and its URL-encoded form, by `[redacted]`."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms = {form for s in secrets if s for form in (s, quote(s, safe=""), quote(s))}
        alternatives = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(REDACTED, text) if self._pattern else text

    def record(self, record: logging.LogRecord) -> logging.LogRecord:
        """Redact a record in place: its message (with arguments merged), traceback and stack."""
        if self._pattern is None:
            return record
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep both parts, redacted
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = self(message), None
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = self(record.exc_text)
        if record.stack_info:
            record.stack_info = self(record.stack_info)
        return record


def install_redaction(secrets: Iterable[str]) -> Callable[[], None]:
    """Redact `secrets` from every log record created from now on; returns the undo function."""
    redactor = Redactor(secrets)
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        return redactor.record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)

    def uninstall() -> None:
        if logging.getLogRecordFactory() is factory:
            logging.setLogRecordFactory(previous)

    return uninstall
