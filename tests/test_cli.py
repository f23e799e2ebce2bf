"""The `followup` command as a user runs it: a real subprocess, a real feed server, a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from feedserver import FeedItem, FeedServer

TOKEN = "123456789:AAExampleSecretTokenThatMustNeverBeLogged_x"

VALID = """
settings:
  poll_interval: 15m
  allow_private_feeds: true
  log_level: DEBUG
watches:
  - id: soy
    title: China soybean purchases
    kind: metric
    feeds: [{feeds}]
    match: {{all: [soybeans]}}
    metric: {{unit: t}}
    baseline: {{value: 2000000, as_of: 2025-11-24}}
"""

BROKEN = """settings:
  poll_intervl: 15m
watches:
  - id: Not A Slug
    title: x
    kind: event
    feeds: [ftp://example.org/feed]
    match: {all: [x]}
    baseline: {status: planned, as_of: 2025-11-25}
"""


async def followup(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the installed CLI in a subprocess and return (exit code, stdout, stderr)."""
    full_env = {
        k: v for k, v in os.environ.items() if not k.endswith(("_TOKEN", "_TOKEN_FILE")) and k != "DATABASE_URL"
    }
    full_env.update(env or {})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=full_env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


async def test_version() -> None:
    code, out, _ = await followup("--version")
    assert code == 0 and out.startswith("followup ")


async def test_the_shipped_config_validates() -> None:
    root = Path(__file__).resolve().parent.parent
    code, out, err = await followup("validate", "--config", str(root / "config/watches.yaml"))
    assert code == 0, out + err
    assert "OK" in out


async def test_validate_names_every_problem_with_its_line(tmp_path: Path) -> None:
    config = write(tmp_path, "bad.yaml", BROKEN)
    code, out, err = await followup("validate", "--config", str(config))
    assert code == 2
    assert f"{config}:2: settings.poll_intervl: unknown key 'poll_intervl' (hint: did you mean 'poll_interval'?)" in out
    assert f"{config}:4: watches[0].id:" in out
    assert f"{config}:7: watches[0].feeds[0]:" in out and "http" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("command", ["run", "check"])
async def test_run_and_check_refuse_an_invalid_config(tmp_path: Path, command: str) -> None:
    config = write(tmp_path, "bad.yaml", BROKEN)
    code, out, err = await followup(
        command, "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2
    assert "unknown key 'poll_intervl'" in err and "refusing to start" in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "x.db").exists(), "nothing is created for an invalid config"


async def test_missing_config_file_is_explained(tmp_path: Path) -> None:
    code, out, err = await followup("validate", "--config", str(tmp_path / "nope.yaml"))
    assert code == 2 and "file not found" in out


async def test_unreadable_secret_file_is_explained(tmp_path: Path) -> None:
    code, _, err = await followup("validate", env={"TELEGRAM_BOT_TOKEN_FILE": str(tmp_path / "missing")})
    assert code == 3 and "TELEGRAM_BOT_TOKEN_FILE" in err and "Traceback" not in err


async def test_bad_database_url_is_explained(tmp_path: Path) -> None:
    config = write(tmp_path, "ok.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml"))
    code, _, err = await followup("check", "--config", str(config), env={"DATABASE_URL": "mysql://x@y/z"})
    assert code == 3 and "postgresql" in err and "Traceback" not in err


async def test_check_prints_new_entries_then_none(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_feed(
        "/soy.xml",
        [
            FeedItem("China buys more US soybeans", "https://news.example/soy-1"),
            FeedItem("Soybean futures rise", "https://news.example/soy-2"),
        ],
    )
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=feed_server.url("/soy.xml")))
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/followup.db"}
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 0, err
    assert "China buys more US soybeans" in out and "https://news.example/soy-1" in out
    assert "2 new entries" in out
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 0, err
    assert "China buys" not in out and "0 new entries" in out

    code, out, err = await followup("check", "--config", str(config), "--watch", "nope", env=env)
    assert code == 2 and "no watch 'nope'" in err


async def test_check_reports_failing_feeds_with_exit_1_and_never_logs_the_token(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    path = f"/{TOKEN}/feed.xml"  # a token in a URL is the classic way one leaks into logs
    feed_server.set_status(path, 500)
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=feed_server.url(path)))
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/followup.db", "TELEGRAM_BOT_TOKEN": TOKEN}
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 1
    assert "FAILED" in err and "500" in err
    assert TOKEN not in out + err
    assert "**********" in err


async def test_run_polls_and_stops_cleanly_on_sigterm(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_feed("/soy.xml", [FeedItem("China buys more US soybeans", "https://news.example/soy-1")])
    text = VALID.format(feeds=feed_server.url("/soy.xml")).replace("poll_interval: 15m", "poll_interval: 2s")
    config = write(tmp_path, "ok.yaml", text)  # first polls of new feeds are spread over min(60s, interval)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path}/followup.db", "TELEGRAM_BOT_TOKEN": TOKEN})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--config",
        str(config),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        for _ in range(200):
            if feed_server.requests_for("/soy.xml"):
                break
            await asyncio.sleep(0.05)
        assert feed_server.requests_for("/soy.xml"), "run polled the feed"
        await asyncio.sleep(0.3)
        process.terminate()
        out, err = await asyncio.wait_for(process.communicate(), timeout=20)
    finally:
        if process.returncode is None:
            process.kill()
    text = out.decode() + err.decode()
    assert process.returncode == 0, text
    assert "stopping" in text
    assert "Traceback" not in text, text[text.find("Traceback") - 300 :][:4000]
    assert TOKEN not in text
