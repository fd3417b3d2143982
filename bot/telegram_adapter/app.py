"""Wiring only: settings and a service in, a ready python-telegram-bot Application out.

`run_bot` is what `citebot run [--webhook]` calls; it returns the exit code.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.archive import fetch_limits
from bot.render import render_template
from bot.settings import Settings, SettingsError
from bot.suggestions import suggestions
from bot.telegram_adapter import adding, handlers
from bot.telegram_adapter.access import Access, RateLimit
from bot.telegram_adapter.adding import configure_adding
from bot.telegram_adapter.addressing import AddressedToBot
from bot.telegram_adapter.callbacks import MAX_BUTTONS
from bot.telegram_adapter.logsafe import REDACTED, Redactor, install_redaction
from bot.telegram_adapter.pacing import PacedRateLimiter, PerChatUpdateProcessor
from bot.telegram_adapter.polling import PollingHealth, PollingRequest
from bot.telegram_adapter.state import KEY, Deps, deps, reload_service
from bot.telegram_adapter.watching import watch_while_running

if TYPE_CHECKING:
    from bot.service import Service

log = logging.getLogger(__name__)

TELEGRAM_API = "https://api.telegram.org/bot"
TELEGRAM_FILES = "https://api.telegram.org/file/bot"
READ_TIMEOUT = 5.0  # seconds a call waits for Telegram's answer: python-telegram-bot's default
INLINE_BUDGET = 3  # inline queries arrive per keystroke: this many times the question budget
COMMANDS = [
    BotCommand("start", "Welcome and example questions"),
    BotCommand("help", "How to ask, and the commands"),
    BotCommand("new", "Start afresh: forget the conversation so far"),
    BotCommand("ask", "Ask a question about the articles"),
    BotCommand("compare", "Compare what the sources say on a topic"),
    BotCommand("sources", "The articles I answer from"),
    BotCommand("source", "One article: details and key figures"),
]


def api_urls(settings: Settings) -> tuple[str, str]:
    """PTB's base_url and base_file_url: Telegram, its test environment, or a custom Bot API server."""
    api = settings.telegram_api_url or TELEGRAM_API
    files = api.removesuffix("/bot") + "/file/bot" if api.endswith("/bot") else TELEGRAM_FILES
    if settings.telegram_test_env:
        return f"{api}{{token}}/test", f"{files}{{token}}/test"
    return api, files


class TokenlessReprBot(ExtBot):
    """python-telegram-bot's bot, except that its repr (and the Application's and Updater's) hides the token."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}[token={REDACTED}]"


def build_application(
    settings: Settings,
    service: Service,
    *,
    reopen: Callable[[], Service] | None = None,
    corpus: Path | None = None,
    pacing: PacedRateLimiter | None = None,
    read_timeout: float = READ_TIMEOUT,
) -> Application:
    """The bot with its handlers, rate limiter, per-chat concurrency, start-up hook and saved state.

    Conversations and the data behind buttons are saved in `settings.state_dir` (PTB's
    PicklePersistence), so both survive a restart. `reopen` builds a fresh service for
    /reload and SIGHUP (none: reloading is refused); with `corpus` (its folder) admins can add
    pages by link (/add). `pacing` keeps the calls to Telegram within its flood limits (default:
    Telegram's own, `PacedRateLimiter()`), and `read_timeout` is how many seconds a call waits
    for Telegram's answer (the end-to-end tests shorten both). Raises SettingsError when the
    token is missing or the state folder cannot be created.
    """
    token = settings.token()
    base_url, base_file_url = api_urls(settings)
    polling = PollingHealth()
    bot = TokenlessReprBot(
        token,
        base_url=base_url,
        base_file_url=base_file_url,
        # What ApplicationBuilder would build; getUpdates waits its long poll's timeout on top.
        request=HTTPXRequest(connection_pool_size=256, read_timeout=read_timeout),
        get_updates_request=PollingRequest(polling, read_timeout=read_timeout),
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            allow_sending_without_reply=True,
        ),
        rate_limiter=PacedRateLimiter() if pacing is None else pacing,
        arbitrary_callback_data=MAX_BUTTONS,
    )
    application = (
        Application.builder()
        .bot(bot)
        .concurrent_updates(PerChatUpdateProcessor())
        .persistence(state(settings))
        .post_init(post_init)
        .build()
    )
    application.bot_data[KEY] = Deps(
        service=service,
        access=Access(settings.allowed_chats, settings.admin_ids),
        questions=RateLimit(settings.rate_limit_per_minute),
        inline=RateLimit(settings.rate_limit_per_minute * INLINE_BUDGET),
        reopen=reopen,
        polling=polling,
        redact=Redactor(_secrets(settings)),
    )
    add_handlers(application)
    if corpus is not None:
        configure_adding(application, corpus, fetch_limits(settings))
    return application


STATE_FILE = "telegram.pickle"
SAVE_EVERY = 30  # seconds between saves of the state while running (and once at a clean stop)


def state(settings: Settings) -> PicklePersistence:
    """The saved state: conversations (chat_data) and button data, in `settings.state_dir`."""
    folder = settings.state_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(f"CITEBOT_STATE_DIR: cannot create {folder}: {exc.strerror}") from None
    return PicklePersistence(
        folder / STATE_FILE,
        store_data=PersistenceInput(bot_data=False, user_data=False, chat_data=True, callback_data=True),
        update_interval=SAVE_EVERY,
    )


def add_handlers(application: Application) -> None:
    """Every handler: the allowlist gate first, then commands, questions, buttons, inline mode, errors."""
    new = filters.UpdateType.MESSAGE  # edited messages are ignored on purpose: the answer stands
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    application.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    for name, callback in (
        ("start", handlers.start),
        ("help", handlers.help_command),
        ("new", handlers.new_command),
        ("ask", handlers.ask_command),
        ("compare", handlers.compare_command),
        ("sources", handlers.sources_command),
        ("source", handlers.source_command),
        ("reload", handlers.reload_command),
        ("add", adding.add_command),
    ):
        application.add_handler(CommandHandler(name, callback, filters=new))
    application.add_handler(MessageHandler(new & private & filters.COMMAND, handlers.unknown_command))
    link_only = filters.Regex(r"^\s*https?://\S+\s*$")  # admins add it; anyone else asks
    application.add_handler(MessageHandler(new & private & link_only & ~filters.COMMAND, adding.link_message))
    words = (filters.TEXT | filters.CAPTION) & ~filters.COMMAND  # a photo's or document's caption is read
    application.add_handler(MessageHandler(new & private & words, handlers.text_question))
    application.add_handler(MessageHandler(new & groups & words & AddressedToBot(), handlers.text_question))
    application.add_handler(MessageHandler(new & private & filters.ATTACHMENT, handlers.unsupported))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_error_handler(handlers.error_handler)


async def post_init(application: Application) -> None:
    """Register the command menu and find the example questions the corpus answers."""
    await application.bot.set_my_commands(COMMANDS)
    shared = deps(application)
    shared.examples = await asyncio.to_thread(suggestions, shared.service)


def run_bot(
    settings: Settings,
    service: Service,
    *,
    webhook: bool = False,
    reopen: Callable[[], Service] | None = None,
    corpus: Path | None = None,
) -> int:
    """Run the bot until SIGINT/SIGTERM: polling, or a webhook server with `webhook=True`.

    Returns the exit code: 0 after a clean stop, 2 for a missing or rejected token,
    incomplete webhook settings or an unusable state folder (one line on stderr), 1 if
    Telegram cannot be reached.
    """
    try:
        settings.for_run(webhook=webhook)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    uninstall = install_redaction(_secrets(settings))
    try:
        application = build_application(settings, service, reopen=reopen, corpus=corpus)
        _reload_on_sighup(application)
        if corpus is not None and reopen is not None and settings.watch_corpus:
            watch_while_running(application, corpus)  # the corpus folder's changes reload it
        asyncio.set_event_loop(asyncio.new_event_loop())  # PTB runs, then closes, the current loop
        if webhook:
            application.run_webhook(**webhook_options(settings))
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except SettingsError as exc:  # e.g. a state folder that cannot be created
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except InvalidToken:
        print(f"error: {render_template('cli_token_rejected.txt')}", file=sys.stderr)
        return 2
    except TelegramError as exc:
        print(f"error: {render_template('cli_bot_not_started.txt', error=exc)}", file=sys.stderr)
        return 1
    finally:
        uninstall()
    return 0


class WebhookOptions(TypedDict):
    """The arguments of PTB's run_webhook/start_webhook that citebot sets."""

    listen: str
    port: int
    url_path: str
    webhook_url: str
    secret_token: str
    allowed_updates: list[str]


def webhook_options(settings: Settings) -> WebhookOptions:
    """Arguments for PTB's run_webhook/start_webhook: the local server, the public URL, the secret.

    PTB answers 403 to requests without the secret token header. Raises SettingsError
    when the URL or the secret is missing or malformed.
    """
    settings.for_run(webhook=True)
    url = settings.webhook_url or ""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(url).path.lstrip("/"),
        "webhook_url": url,
        "secret_token": settings.webhook_secret.get_secret_value() if settings.webhook_secret else "",
        "allowed_updates": Update.ALL_TYPES,
    }


def _secrets(settings: Settings) -> list[str]:
    """What must never reach a log: the token and the webhook secret."""
    found = [settings.telegram_token, settings.webhook_secret]
    return [secret.get_secret_value() for secret in found if secret is not None]


def _reload_on_sighup(application: Application) -> None:
    """SIGHUP reloads the corpus, as /reload does (where the platform has SIGHUP)."""
    if not hasattr(signal, "SIGHUP"):
        return

    async def reload() -> None:
        try:
            await reload_service(deps(application))
        except Exception as exc:  # the last good index keeps answering
            log.warning("reload on SIGHUP failed, still answering from the last good index: %s", exc)

    previous = application.post_init

    async def hook(app: Application) -> None:
        if previous is not None:
            await previous(app)
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, lambda: app.create_task(reload()))

    application.post_init = hook
