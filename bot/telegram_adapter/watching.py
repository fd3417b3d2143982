"""Watching the corpus folder while the bot runs: a change reloads the corpus, as /reload does.

watchfiles (inotify on Linux) reports changes in batches, debounced; hidden files and folders
(the `.citebot-index` cache among them) are ignored. Each batch triggers one `reload_service`,
which updates a persisted index incrementally (`retrieval.update`) and swaps the service in one
assignment: questions asked meanwhile are answered from the old index. A failed reload keeps
the last good index, with one warning, as on SIGHUP.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from telegram.ext import Application

from bot.telegram_adapter.state import deps, reload_service

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400  # changes within this window are one batch (a copy of many files, an editor's save)


def visible_change(folder: Path) -> Callable[[object, str], bool]:
    """watchfiles' filter: changes to visible files below `folder` (an absolute path)."""

    def keep(change: object, path: str) -> bool:
        try:
            parts = Path(path).relative_to(folder).parts
        except ValueError:
            return False
        return bool(parts) and not any(p.startswith(".") for p in parts)

    return keep


async def watch_corpus(application: Application, folder: Path, stop: asyncio.Event) -> None:
    """Reload the corpus after each batch of changes in `folder` (an absolute path), until
    `stop` is set."""
    from watchfiles import awatch

    async for changes in awatch(
        folder, watch_filter=visible_change(folder), debounce=DEBOUNCE_MS, stop_event=stop, recursive=True
    ):
        log.info("%d change(s) in %s; reloading the corpus", len(changes), folder)
        try:
            await reload_service(deps(application))
        except Exception as exc:  # the last good index keeps answering
            log.warning(
                "reload after a change in %s failed, still answering from the last good index: %s",
                folder,
                exc,
            )


def watch_while_running(application: Application, folder: Path) -> None:
    """Start watching `folder` when the application starts, stop when it stops."""
    stop = asyncio.Event()
    absolute = folder.resolve()
    tasks: list[asyncio.Task] = []  # held, so that the task is not collected while it runs
    started, stopping = application.post_init, application.post_stop

    async def on_start(app: Application) -> None:
        if started is not None:
            await started(app)
        tasks.append(asyncio.get_running_loop().create_task(watch_corpus(app, absolute, stop)))

    async def on_stop(app: Application) -> None:
        stop.set()  # watchfiles' thread sees it within its poll step; wait for it to end
        for task in tasks:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, timeout=5)
        if stopping is not None:
            await stopping(app)

    application.post_init = on_start
    application.post_stop = on_stop
