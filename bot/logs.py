"""Logging in one consistent format (text or JSON lines) with every known secret masked.

Tokens can leak into logs through library messages (an HTTP client logging a request URL that contains the
Telegram token, an exception carrying a database URL), so masking happens in a handler filter applied to the
final message, whatever logger produced it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

from watchers.untrusted import escape_controls

TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_TELEGRAM_TOKEN_SHAPE = re.compile(r"(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}")
MASK = "**********"


class SecretMaskingFilter(logging.Filter):
    """Replace known secrets, and anything shaped like a Telegram bot token, in every record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def mask(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return _TELEGRAM_TOKEN_SHAPE.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = escape_controls(self.mask(message))  # a log viewer shows \x1b instead of obeying it
        record.args = None
        if record.exc_text:
            record.exc_text = escape_controls(self.mask(record.exc_text))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any ``extra`` fields."""

    _STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in self._STANDARD and not key.startswith("_"):
                payload[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_text:
            payload["exception"] = record.exc_text
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(
    *,
    level: str = "INFO",
    json_format: bool = False,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> logging.Handler:
    """Install one handler on the root logger; returns it so tests can remove it."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(SecretMaskingFilter(secrets))
    handler.setFormatter(JsonFormatter() if json_format else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_followup", False):
            root.removeHandler(existing)
    handler._followup = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    set_levels(level)
    return handler


def set_levels(level: str) -> None:
    """The root level, with chatty libraries held at WARNING unless debugging (also used by a config reload)."""
    logging.getLogger().setLevel(level)
    # httpx logs every request URL at INFO; keep it quiet unless debugging
    for noisy in ("httpx", "httpcore", "aiosqlite", "alembic", "apscheduler", "telegram.ext.Updater", "discord"):
        logging.getLogger(noisy).setLevel(logging.WARNING if level != "DEBUG" else logging.DEBUG)
