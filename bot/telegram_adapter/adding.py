"""/add URL, or a link an admin sends: the page fetched, added to the corpus and indexed.

The corpus folder and the fetch limits are handed in once (`configure_adding`); the work is
`bot.archive`'s (fetch, extract, save) and `reload_service`'s (an incremental update, then one
swap). Only admins add; a link from anyone else is a question like any other text.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes

from bot.archive import add_to_corpus, added_source
from bot.render import render_template
from bot.telegram_adapter import handlers
from bot.telegram_adapter.replies import NO_PREVIEW
from bot.telegram_adapter.state import deps, reload_service
from retrieval.fetch import FetchError, FetchLimits

log = logging.getLogger(__name__)

KEY = "citebot.adding"


@dataclass(frozen=True)
class Adding:
    folder: Path
    limits: FetchLimits


def configure_adding(application: Application, folder: Path, limits: FetchLimits) -> None:
    """Let admins add pages to `folder`."""
    application.bot_data[KEY] = Adding(folder, limits)


async def _reply(update: Update, template: str, **values: object) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            render_template(template, **values), parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        )


async def add_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/add URL (admins only): fetch the page, add it to the corpus, say what was added."""
    shared = deps(context)
    user = update.effective_user
    if not shared.access.is_admin(user.id if user else None):
        await _reply(update, "tg_admin_only.html", command="add")
        return
    text = (update.effective_message.text or "") if update.effective_message else ""
    words = text.split()
    url = words[1] if words and words[0].startswith("/") and len(words) > 1 else text.strip()
    adding: Adding | None = context.bot_data.get(KEY)
    if not url or url.startswith("/"):
        await _reply(update, "tg_add_usage.html")
        return
    if adding is None or shared.reopen is None:
        await _reply(update, "tg_add_no_corpus.html")
        return
    try:
        saved = await asyncio.to_thread(add_to_corpus, adding.folder, url, adding.limits)
        service = await reload_service(shared)
    except FetchError as exc:
        await _reply(update, "tg_add_failed.html", error=shared.redact(str(exc)))
        return
    except Exception as exc:  # the last good index keeps answering
        log.warning("adding %s for %s failed: %s", url, user.id if user else None, exc)
        await _reply(update, "tg_add_failed.html", error=shared.redact(str(exc)))
        return
    source = await asyncio.to_thread(added_source, service, adding.folder, saved)
    if source is None:
        await _reply(update, "tg_add_failed.html", error=f"{saved.name} was saved but could not be indexed")
        return
    await _reply(update, "tg_added.html", source=source)


async def link_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message that is only a link: from an admin, added as with /add; else a question."""
    user = update.effective_user
    if deps(context).access.is_admin(user.id if user else None) and KEY in context.bot_data:
        await add_command(update, context)
        return
    await handlers.text_question(update, context)
