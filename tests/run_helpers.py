"""Helpers for tests that run the real `followup run` as a subprocess (lifecycle, health, reload, metrics)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from feedserver import FeedItem

REPO = Path(__file__).resolve().parent.parent


def bot_env(db_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a test bot: no tokens or proxies inherited, a SQLite database at ``db_path``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if "proxy" not in k.lower() and not k.endswith(("_TOKEN", "_TOKEN_FILE")) and not k.startswith("FOLLOWUP_")
    }
    env.update(DATABASE_URL=f"sqlite:///{db_path}", PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    env.pop("DATABASE_URL_FILE", None)
    env.update(extra)
    return env


class Bot:
    """One `python -m bot ...` subprocess with its output appended to a log file."""

    def __init__(self, process: asyncio.subprocess.Process, log_path: Path) -> None:
        self.process = process
        self.log_path = log_path

    @classmethod
    async def start(cls, *args: str, env: dict[str, str], log_path: Path, cwd: Path = REPO) -> Bot:
        with log_path.open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", *args, cwd=cwd, env=env, stdout=log, stderr=log, start_new_session=True
            )
        return cls(process, log_path)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def signal(self, sig: signal.Signals) -> None:
        self.process.send_signal(sig)

    async def wait(self, timeout: float) -> int | None:
        """The exit code, or None (and the process killed) if it did not exit within ``timeout``."""
        try:
            return await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return None

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def wait_until(condition: Callable[[], Any], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(interval)
    return True


def db_rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as conn:
        try:
            return conn.execute(query).fetchall()
        except sqlite3.OperationalError:  # tables not created yet
            return []


def outbox_statuses(path: Path) -> dict[str, int]:
    return {str(s): int(n) for s, n in db_rows(path, "SELECT status, count(*) FROM outbox GROUP BY status")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def old_item(path: str = "old") -> FeedItem:
    """An entry from before the watch's baseline: the first poll seeds it, nothing alerts."""
    return FeedItem(
        "Soybean markets quiet",
        f"https://news.example/{path}.html",
        summary="Nothing new.",
        published=datetime.now(UTC) - timedelta(hours=2),
    )


def story(n: int, millions: float, *, crop: str = "soybeans") -> FeedItem:
    """A fresh entry that moves a metric watch on China's purchases of ``crop``."""
    return FeedItem(
        f"China's US {crop} purchases climb, update {n}",
        f"https://news.example/{crop}-{n:03d}.html",
        summary=f"China's purchases of US {crop} reached {millions:.1f} million metric tons, USDA data showed.",
        published=datetime.now(UTC),
    )


def watch_yaml(watch_id: str, feed_url: str, *, crop: str = "soybeans") -> str:
    as_of = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    return f"""
  - id: {watch_id}
    title: China's purchases of US {crop}
    kind: metric
    feeds: [{feed_url}]
    match: {{any: [{crop}]}}
    metric: {{unit: t, product: [{crop}], actor: [China, Chinese]}}
    baseline: {{value: 2000000, as_of: "{as_of}"}}
    target: {{value: 100000000}}
"""


def config_yaml(watches: list[str], *, subscriptions: str = "", poll_interval: str = "1s") -> str:
    text = f"settings:\n  poll_interval: {poll_interval}\n  allow_private_feeds: true\nwatches:\n" + "".join(watches)
    if subscriptions:
        text += "subscriptions:\n" + subscriptions
    return text
