"""Secrets and paths from the environment — the only place tokens enter the process.

Each secret comes from ``NAME`` or from the file named by ``NAME_FILE`` (Docker/Kubernetes secrets), never
from the YAML config, so a config file can be shared or committed without leaking anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from watchers.store.database import DEFAULT_DATABASE_URL

DEFAULT_CONFIG_PATH = "config/watches.yaml"
SECRET_NAMES = ("TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "DATABASE_URL")


class EnvironmentProblem(ValueError):
    """A secret is set in a way followup cannot use; the message says how to fix it."""


@dataclass(frozen=True)
class Secret:
    """A secret value that never prints itself (repr and str hide it)."""

    value: str = field(repr=False)

    def __str__(self) -> str:
        return "**********"

    def reveal(self) -> str:
        return self.value


@dataclass(frozen=True)
class Environment:
    """What the process learned from its environment."""

    telegram_token: Secret | None
    discord_token: Secret | None
    database_url: str
    config_path: Path
    telegram_api_base_url: str | None = None  # a self-hosted Bot API server (TELEGRAM_API_BASE_URL)
    # webhook mode (several replicas behind a load balancer): the public URL Telegram posts updates to, and the
    # secret it sends with each (TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET[_FILE]); None: long polling
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: Secret | None = None

    def secrets(self) -> list[str]:
        """Every secret string, so the log filter can mask them wherever they appear."""
        held = (self.telegram_token, self.discord_token, self.telegram_webhook_secret)
        values = [s.reveal() for s in held if s is not None]
        password = _password_of(self.database_url)
        if password:
            values.append(password)
        return values


def read_environment(env: Mapping[str, str] | None = None, *, config_override: str | None = None) -> Environment:
    """Read secrets (``NAME`` or ``NAME_FILE``) and the config path (``--config`` beats ``FOLLOWUP_CONFIG``)."""
    env = os.environ if env is None else env
    telegram = _secret(env, "TELEGRAM_BOT_TOKEN")
    discord = _secret(env, "DISCORD_BOT_TOKEN")
    database = _secret(env, "DATABASE_URL")
    webhook_url = (env.get("TELEGRAM_WEBHOOK_URL") or "").strip() or None
    webhook_secret = _secret(env, "TELEGRAM_WEBHOOK_SECRET")
    if webhook_url is not None:
        if not webhook_url.startswith(("https://", "http://")):
            raise EnvironmentProblem(
                f"TELEGRAM_WEBHOOK_URL={webhook_url!r} must be the public https:// URL of /telegram/webhook"
            )
        if not webhook_secret or not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", webhook_secret):
            raise EnvironmentProblem(
                "TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET (or _FILE): 16-256 letters, digits, _ or -, "
                "which Telegram sends with every update so the bot can tell its posts from anyone else's"
            )
    config_path = config_override or env.get("FOLLOWUP_CONFIG") or DEFAULT_CONFIG_PATH
    return Environment(
        telegram_token=Secret(telegram) if telegram else None,
        discord_token=Secret(discord) if discord else None,
        database_url=database or DEFAULT_DATABASE_URL,
        config_path=Path(config_path),
        telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
        telegram_webhook_url=webhook_url,
        telegram_webhook_secret=Secret(webhook_secret) if webhook_url and webhook_secret else None,
    )


def _secret(env: Mapping[str, str], name: str) -> str | None:
    direct = env.get(name, "").strip()
    file_name = env.get(f"{name}_FILE", "").strip()
    if direct and file_name:
        raise EnvironmentProblem(f"both {name} and {name}_FILE are set; keep one of them")
    if file_name:
        try:
            value = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise EnvironmentProblem(
                f"{name}_FILE points to {file_name!r}, which cannot be read ({exc.strerror}); "
                "check the path and that the file is readable by the bot's user"
            ) from None
        if not value:
            raise EnvironmentProblem(f"{name}_FILE points to {file_name!r}, which is empty")
        return value
    return direct or None


def _password_of(url: str) -> str | None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from watchers.store.database import loose_password

    try:
        password = make_url(url).password
    except ArgumentError:
        return loose_password(url)  # a malformed URL's password is masked in logs all the same
    return str(password) if password else None
