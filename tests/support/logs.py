"""Reading the running bot's log (bot.logs.RUN_LOG_FORMAT) in tests and the load test."""

from __future__ import annotations

import re

from bot.logs import RUN_LOG_FORMAT

# A line of RUN_LOG_FORMAT ('2026-11-23 18:00:00,123 WARNING bot.x: ...') at warning level or above.
RUN_LOG_PROBLEM = re.compile(r"^\S+ \S+ (?:WARNING|ERROR|CRITICAL) ")
if not RUN_LOG_FORMAT.startswith("%(asctime)s %(levelname)s "):
    raise ImportError("RUN_LOG_PROBLEM no longer matches bot.logs.RUN_LOG_FORMAT: update both")
