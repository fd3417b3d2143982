"""Logging, configured once, by `citebot`'s main: one handler on standard error.

Commands log one-line `warning: ...` messages; the running bot logs timestamped records
(RUN_LOG_FORMAT). httpx's line per request shows only at DEBUG; flood control (PTB's
AIORateLimiter logs "Rate limit hit" at INFO) shows at INFO and above whatever the level; pypdf's
warnings about what it repairs in a damaged PDF do not show (the file's one skip line says enough).
Secrets are kept out of the records by `bot.telegram_adapter.logsafe`, which `citebot run` installs.
"""

from __future__ import annotations

import logging
import sys

RUN_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"  # the running bot's log lines
COMMAND_LOG_FORMAT = "%(levelname_lower)s: %(message)s"


def configure_logging(level: str, *, timestamps: bool = False) -> None:
    """Send every record at `level` (a level name) and above to standard error.

    `timestamps`: RUN_LOG_FORMAT ('2026-11-23 18:00:00,123 WARNING bot.x: ...'), else 'warning: ...'.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(RUN_LOG_FORMAT if timestamps else COMMAND_LOG_FORMAT))
    handler.addFilter(_lower_level)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    numeric = logging.getLevelName(level)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.DEBUG if level == "DEBUG" else max(logging.WARNING, numeric))
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(min(logging.INFO, numeric))
    logging.getLogger("pypdf").setLevel(max(logging.ERROR, numeric))
    # trafilatura warns 'discarding data: None' for a page without text; citebot says so itself
    # ('skipped x.html: an HTML page without article text').
    logging.getLogger("trafilatura").setLevel(max(logging.ERROR, numeric))


def _lower_level(record: logging.LogRecord) -> bool:
    record.levelname_lower = record.levelname.lower()
    return True
