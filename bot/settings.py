"""One typed settings class, read from the environment and `.env`. Every field is in .env.example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_FORMAT = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,50}$")
URL_FORMAT = re.compile(r"^https?://[^\s/]+(/\S*)?$")
SECRET_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,256}")
SECRET_CHARACTERS = "1-256 characters of A-Z, a-z, 0-9, _ and -"
REQUIRED_FOR_WEBHOOK = {
    "webhook_url": "webhook mode needs the public https:// URL Telegram posts to",
    "webhook_secret": f"webhook mode needs a secret token ({SECRET_CHARACTERS})",
}
BOT_FIELDS = ("telegram_token", "telegram_api_url", "webhook_url", "webhook_secret")
DEFAULT_CORPUS = Path("seeds")
DEFAULT_STATE = Path(".citebot-state")


class SettingsError(Exception):
    """A setting has a bad value; the message is one line naming it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CITEBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        env_ignore_empty=True,
    )

    telegram_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("CITEBOT_TELEGRAM_TOKEN", "TELEGRAM_BOT_TOKEN", "telegram_token"),
    )
    telegram_test_env: bool = False
    telegram_api_url: str | None = None
    corpus_dir: Path = DEFAULT_CORPUS
    engine: Literal["auto", "rank-bm25", "tantivy"] = "auto"  # retrieval.store explains auto
    index_dir: Path | None = None  # where persisted indexes go (default: beside the corpus)
    watch_corpus: bool = True  # the running bot reloads when the corpus folder changes
    fetch_timeout: float = Field(default=10.0, gt=0, le=300)  # seconds, per page fetched by add/ /add
    fetch_max_bytes: int = Field(default=5_000_000, ge=1_000, le=100_000_000)
    fetch_max_redirects: int = Field(default=5, ge=0, le=30)
    fetch_private: bool = False  # allow private, loopback and link-local addresses (tests, intranets)
    state_dir: Path = DEFAULT_STATE  # saved conversations (bot and 'ask --conversation'), button data
    allowed_chats: Annotated[list[int], NoDecode] = Field(default_factory=list)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    rate_limit_per_minute: int = Field(default=20, ge=1, le=10_000)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None

    @field_validator("allowed_chats", "admin_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            try:
                return [int(p) for p in parts]
            except ValueError:
                raise ValueError("must be chat or user ids (integers) separated by commas") from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator(*BOT_FIELDS)
    @classmethod
    def _bot_settings(cls, value: SecretStr | str | None, info: ValidationInfo) -> SecretStr | str | None:
        return bot_setting(info.field_name or "", value, run=None)

    def for_run(self, *, webhook: bool) -> Settings:
        """These settings, checked for `citebot run` (polling, or `webhook=True`) by the same rule.

        Raises SettingsError (one line naming the setting) when the token, or in webhook mode
        the public https:// URL or the secret, is missing or malformed.
        """
        for name in BOT_FIELDS:
            try:
                bot_setting(name, getattr(self, name), run="webhook" if webhook else "polling")
            except ValueError as exc:
                raise SettingsError(f"{_env_name((name,))}: {exc}") from None
        return self

    def token(self) -> str:
        """The bot token; SettingsError (the same line as `for_run`'s) when it is not set."""
        token = self.telegram_token or self.for_run(webhook=False).telegram_token
        return token.get_secret_value() if token else ""


def bot_setting(name: str, value: SecretStr | str | None, *, run: str | None) -> SecretStr | str | None:
    """The one rule for the bot's connection settings (BOT_FIELDS): the value, normalised, or
    ValueError saying what is wrong. `run` ("polling", "webhook" or None for any command) adds
    what running in that mode requires."""
    text = value.get_secret_value().strip() if isinstance(value, SecretStr) else value
    if not text:
        if name == "telegram_token" and run:
            raise ValueError("not set; put the token from @BotFather in .env (see .env.example)")
        if name in REQUIRED_FOR_WEBHOOK and run == "webhook":
            raise ValueError(f"not set; {REQUIRED_FOR_WEBHOOK[name]}")
        return None
    if name == "telegram_token" and not TOKEN_FORMAT.match(text):
        raise ValueError("does not look like a bot token from @BotFather (digits, a colon, 35 characters)")
    if name == "telegram_api_url" and not URL_FORMAT.match(text):
        raise ValueError("must be a URL such as http://127.0.0.1:8081/bot")
    if name == "webhook_url" and run == "webhook" and not text.startswith("https://"):
        raise ValueError("must start with https:// (Telegram only posts to HTTPS)")
    if name == "webhook_secret" and not SECRET_FORMAT.fullmatch(text):
        raise ValueError(f"must be {SECRET_CHARACTERS}")
    if isinstance(value, SecretStr):
        return SecretStr(text)
    return text.rstrip("/") if name == "telegram_api_url" else text


def _env_name(loc: tuple) -> str:
    field = str(loc[0]) if loc else "?"
    if field.isupper():  # reported under the environment alias it came from
        return field
    return "CITEBOT_TELEGRAM_TOKEN" if field == "telegram_token" else f"CITEBOT_{field.upper()}"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, `.env` and keyword overrides; one-line SettingsError if bad."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = err["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{_env_name(err['loc'])}: {msg}") from None
