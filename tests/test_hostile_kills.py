"""Crash safety: `followup run` is SIGKILLed 20 times at random moments while it delivers, and nothing is lost.

The real command runs as a subprocess (python-telegram-bot against a slow fake Bot API in this process, a real
SQLite database, a real feed on the local feed server). Between kills new feed entries with rising figures raise
new alerts. At the end the bot runs to completion: every alert stored in the database must have reached every
subscribed chat at least once, and no outbox row may be left pending, sending or in retry. Telegram has no
idempotency key, so a kill between a send and its mark-sent may duplicate a message; duplicates are counted.

Bounds (the hostile suite's, tests/bounds.py): the whole case in 240 s of wall time, the test process's own peak
(fake Bot API and feed server) within 96 MiB, and each killed `followup run` within 300 MiB, read from
``/proc/<pid>/status`` just before its SIGKILL. A restart that replayed the outbox into memory, or a kill loop that
left work to pile up, would show there.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bounds import Bounds, child_peak_mib
from fake_telegram import FakeTelegram
from feedserver import FeedItem, FeedServer

TOKEN = "123456:CRASHtokenCRASHtokenCRASHtokenCRASH"
CHATS = [str(1001 + n) for n in range(20)]
KILLS = 20
BOUNDS = Bounds(seconds=240, mib=96)
CHILD_MIB = 300  # one `followup run` is about 100 MiB resident; see the module docstring
SEND_DELAY = 0.03  # the fake holds each sendMessage this long: dispatch takes a while, kills land inside it
REPO = Path(__file__).resolve().parent.parent


class SlowTelegram(FakeTelegram):
    """FakeTelegram that takes SEND_DELAY per sendMessage and records each message it accepted (chat, text)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.delivered: list[tuple[str, str]] = []

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        await asyncio.sleep(SEND_DELAY)  # the handler runs on even if the client was killed meanwhile
        result = await super()._m_sendMessage(params)
        if isinstance(result, dict):
            self.delivered.append((str(params["chat_id"]), str(params["text"])))
        return result


def config_text(feed_url: str, as_of: str) -> str:
    subs = "\n".join(f'  - {{platform: telegram, target: "{chat}"}}' for chat in CHATS)
    return f"""
settings:
  poll_interval: 1s
  allow_private_feeds: true
watches:
  - id: soy
    title: China's purchases of US soybeans
    kind: metric
    feeds: [{feed_url}]
    match: {{any: [soybeans]}}
    metric: {{unit: t, product: [soybeans], actor: [China, Chinese]}}
    baseline: {{value: 2000000, as_of: "{as_of}"}}
    target: {{value: 100000000}}
subscriptions:
{subs}
"""


def story(n: int, millions: float) -> FeedItem:
    return FeedItem(
        f"China's US soybean purchases climb, update {n}",
        f"https://news.example/story-{n:03d}.html",
        summary=f"China's purchases of US soybeans reached {millions:.1f} million metric tons, USDA data showed.",
        published=datetime.now(UTC),
    )


def unsent(path: Path) -> int:
    return int(db_rows(path, "SELECT count(*) FROM outbox WHERE status IN ('pending','sending','retry')")[0][0])


def release_stranded_feed_lease(path: Path) -> int:
    """A kill during a poll leaves the feed claimed for CLAIM_LEASE (10 min; nothing reclaims it at start):
    give it back, as the lease running out would, so the next run polls it. Returns 1 if one was stranded."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with sqlite3.connect(path, timeout=10) as conn:
        cursor = conn.execute(
            "UPDATE feeds SET next_check_at = ? WHERE next_check_at > ?",
            (now.isoformat(" "), (now + timedelta(seconds=30)).isoformat(" ")),
        )
        return cursor.rowcount


def db_rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as conn:
        return conn.execute(query).fetchall()


async def wait_until(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def test_sigkill_during_dispatch_loses_no_alert(tmp_path: Path, feed_server: FeedServer) -> None:
    rng = random.Random(4242)
    now = datetime.now(UTC)
    old = FeedItem("Soybean markets quiet", "https://news.example/old.html", summary="Nothing new.")
    old = FeedItem(old.title, old.link, summary=old.summary, published=now - timedelta(hours=2))
    items = [old]
    feed_server.set_feed("/soy.xml", items)
    config = tmp_path / "followup.yaml"
    config.write_text(config_text(feed_server.url("/soy.xml"), (now - timedelta(days=1)).isoformat()))
    db_path = tmp_path / "f.db"
    log_path = tmp_path / "bot.log"
    figures = [3.1]  # each new story's figure is >= 5% above the previous one

    tg = SlowTelegram()
    async with tg:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=tg.url,
            DATABASE_URL=f"sqlite:///{db_path}",
            PYTHONPATH=str(REPO),
        )
        env.pop("DISCORD_BOT_TOKEN", None)

        async def start() -> asyncio.subprocess.Process:
            with log_path.open("ab") as log:
                return await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "run", "--config", str(config),
                    cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True,
                )  # fmt: skip

        def publish() -> None:
            n = len(figures) if items[0] is not old else 0
            if n:
                figures.append(round(figures[-1] * 1.1 + 0.05, 1))
            items.insert(0, story(n, figures[n]))
            feed_server.set_feed("/soy.xml", items)

        began = time.monotonic()
        kill_points: list[str] = []
        child_peaks: list[float | None] = []
        # round 0: the first poll only seeds, then the first story must raise an alert
        proc = await start()
        assert await wait_until(lambda: feed_server.requests_for("/soy.xml"), 15), "the feed was never polled"
        await asyncio.sleep(0.5)
        publish()
        stranded = 0
        for kill in range(KILLS):
            if kill:
                stranded += release_stranded_feed_lease(db_path)
                if not unsent(db_path) or rng.random() < 0.3:
                    publish()
                proc = await start()
            sends_before = len(tg.calls_to("sendMessage"))

            def sending(before: int = sends_before, running: asyncio.subprocess.Process = proc) -> bool:
                return len(tg.calls_to("sendMessage")) > before or running.returncode is not None

            dispatching = await wait_until(sending, 12 if kill == 0 else 5)
            assert proc.returncode is None, f"followup run exited with {proc.returncode}; see {log_path}"
            pause = rng.uniform(0.0, 1.2)
            await asyncio.sleep(pause)
            sent = len(tg.calls_to("sendMessage")) - sends_before
            kill_points.append(f"{'during' if dispatching else 'idle'}+{pause:.2f}s/{sent} sends")
            child_peaks.append(child_peak_mib(proc.pid))
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
        killing = time.monotonic() - began

        # the last run: let it poll and deliver everything, then stop it gracefully
        stranded += release_stranded_feed_lease(db_path)
        proc = await start()
        polls_before = len(feed_server.requests_for("/soy.xml"))

        def settled() -> bool:
            if len(feed_server.requests_for("/soy.xml")) < polls_before + 2 or not db_path.exists():
                return False
            return unsent(db_path) == 0

        finished = await wait_until(settled, 60)
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 20)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        await asyncio.sleep(SEND_DELAY * 2)
    total = time.monotonic() - began
    print(f"\nkill points: {', '.join(kill_points)}; feed leases stranded by kills: {stranded}")
    assert finished, f"the outbox never drained; see {log_path}"
    peaks = [peak for peak in child_peaks if peak is not None]
    assert peaks, "no killed run's peak memory could be read"
    assert max(peaks) < CHILD_MIB, f"a killed run peaked at {max(peaks):.0f} MiB, over {CHILD_MIB} MiB"

    statuses = dict(db_rows(db_path, "SELECT status, count(*) FROM outbox GROUP BY status"))
    assert set(statuses) <= {"sent"}, statuses
    alerts = [(key, json.loads(sources)) for key, sources in db_rows(db_path, "SELECT key, sources FROM alerts")]
    assert len(alerts) >= 2, f"too few alerts were raised ({alerts}); see {log_path}"
    copies: Counter[tuple[str, str]] = Counter()
    for chat, text in tg.delivered:
        for key, sources in alerts:
            if sources and sources[0] in text:
                copies[(chat, key)] += 1
    missing = [(chat, key) for chat in CHATS for key, _ in alerts if copies[(chat, key)] == 0]
    assert not missing, f"lost deliveries: {missing[:10]} ({len(missing)} in all)"
    duplicates = sum(n - 1 for n in copies.values())
    expected = len(alerts) * len(CHATS)
    assert statuses.get("sent", 0) == expected
    print(
        f"\ncrash: {KILLS} SIGKILLs in {killing:.0f}s ({total:.0f}s in all); {len(alerts)} alerts x {len(CHATS)} "
        f"chats = {expected} deliveries, {len(tg.delivered)} messages received, {duplicates} duplicates; "
        f"killed runs peaked at {min(peaks):.0f}-{max(peaks):.0f} MiB"
    )
