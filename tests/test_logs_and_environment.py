"""Logging format and secret masking; secrets from the environment and *_FILE files."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from bot.environment import EnvironmentProblem, read_environment
from bot.logs import configure_logging

TOKEN = "987654321:AAHsecretsecretsecretsecretsecret123"


@pytest.fixture
def capture() -> tuple[io.StringIO, list[logging.Handler]]:
    stream = io.StringIO()
    handlers: list[logging.Handler] = []
    yield stream, handlers
    for handler in handlers:
        logging.getLogger().removeHandler(handler)


def test_text_logs_mask_known_secrets_and_token_shapes(capture) -> None:  # type: ignore[no-untyped-def]
    stream, handlers = capture
    handlers.append(configure_logging(secrets=["hunter2-database-password"], stream=stream))
    log = logging.getLogger("followup.test")
    log.warning("posting to https://api.telegram.org/bot%s/sendMessage", TOKEN)
    log.error("cannot connect to postgresql://bot:hunter2-database-password@db/followup")
    try:
        raise RuntimeError(f"failed with {TOKEN}")
    except RuntimeError:
        log.exception("boom")
    text = stream.getvalue()
    assert TOKEN not in text and "hunter2-database-password" not in text
    assert text.count("**********") >= 3


def test_json_logs_are_one_object_per_line(capture) -> None:  # type: ignore[no-untyped-def]
    stream, handlers = capture
    handlers.append(configure_logging(json_format=True, secrets=[TOKEN], stream=stream))
    logging.getLogger("followup.test").info("feed %s polled", "https://a.example/rss", extra={"feed_id": 7})
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["message"] == "feed https://a.example/rss polled"
    assert record["level"] == "INFO" and record["logger"] == "followup.test" and record["feed_id"] == 7


def test_secrets_come_from_env_or_files(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text(TOKEN + "\n")
    env = read_environment({"TELEGRAM_BOT_TOKEN_FILE": str(secret), "DATABASE_URL": "postgresql://u:pw123456@h/db"})
    assert env.telegram_token is not None and env.telegram_token.reveal() == TOKEN
    assert TOKEN not in repr(env) and TOKEN not in str(env.telegram_token)
    assert "pw123456" in env.secrets()
    assert read_environment({}).database_url == "sqlite:///data/followup.db"
    assert str(read_environment({"FOLLOWUP_CONFIG": "x.yaml"}).config_path) == "x.yaml"
    assert str(read_environment({"FOLLOWUP_CONFIG": "x.yaml"}, config_override="y.yaml").config_path) == "y.yaml"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DISCORD_BOT_TOKEN": "a", "DISCORD_BOT_TOKEN_FILE": "/x"}, "keep one of them"),
        ({"DISCORD_BOT_TOKEN_FILE": "/nonexistent/token"}, "cannot be read"),
    ],
)
def test_bad_secret_settings_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(EnvironmentProblem, match=message):
        read_environment(env)


def test_an_empty_secret_file_is_explained(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(EnvironmentProblem, match="empty"):
        read_environment({"TELEGRAM_BOT_TOKEN_FILE": str(empty)})


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ({"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook"}, "needs TELEGRAM_WEBHOOK_SECRET"),
        (
            {"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": "short"},
            "16-256 letters",
        ),
        ({"TELEGRAM_WEBHOOK_URL": "bot.example.org", "TELEGRAM_WEBHOOK_SECRET": "x" * 20}, "public https:// URL"),
    ],
)
def test_webhook_mode_settings_are_checked(extra: dict[str, str], says: str) -> None:
    from bot.environment import EnvironmentProblem, read_environment

    with pytest.raises(EnvironmentProblem, match=says):
        read_environment({"TELEGRAM_BOT_TOKEN": "1:x", **extra})


def test_the_webhook_secret_is_masked_like_a_token() -> None:
    from bot.environment import read_environment

    env = read_environment(
        {
            "TELEGRAM_BOT_TOKEN": "1:x",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook",
            "TELEGRAM_WEBHOOK_SECRET": "a-webhook-secret-of-some-length",
        }
    )
    assert env.telegram_webhook_url == "https://bot.example.org/telegram/webhook"
    assert "a-webhook-secret-of-some-length" in env.secrets()
