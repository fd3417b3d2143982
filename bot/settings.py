"""One typed settings class, read from the environment and `.env`. Every field is in .env.example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_FORMAT = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,50}$")
DEFAULT_CORPUS = Path("seeds")


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
    allowed_chats: Annotated[list[int], NoDecode] = Field(default_factory=list)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    rate_limit_per_minute: int = Field(default=20, ge=1, le=10_000)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None

    @field_validator("telegram_token")
    @classmethod
    def _token_format(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TOKEN_FORMAT.match(value.get_secret_value().strip()):
            raise ValueError(
                "does not look like a bot token from @BotFather (digits, a colon, 35 characters)"
            )
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

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

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if value and not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
            raise ValueError("must be a URL such as http://127.0.0.1:8081/bot")
        return value.rstrip("/") if value else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_format(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value


def _env_name(loc: tuple) -> str:
    field = str(loc[0]) if loc else "?"
    if field.isupper():  # reported under the environment alias it came from
        return field
    return "CITEBOT_TELEGRAM_TOKEN" if field == "telegram_token" else f"CITEBOT_{field.upper()}"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, `.env` and keyword overrides; one-line SettingsError if bad."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = err["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{_env_name(err['loc'])}: {msg}") from None
