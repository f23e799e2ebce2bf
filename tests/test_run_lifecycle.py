"""`followup run` as a service, tested as the real subprocess: graceful shutdown (SIGTERM mid-dispatch, the
deadline, a second signal), SIGHUP reload (valid and invalid), and the optional HTTP endpoint.

Real components throughout: python-telegram-bot against a fake Bot API in this process that can hold
sends, the local feed server, a real SQLite file. Time limits are generous deadlines, not measurements.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_telegram import FakeTelegram
from feedserver import FeedServer
from run_helpers import (
    Bot,
    bot_env,
    config_yaml,
    free_port,
    old_item,
    outbox_statuses,
    story,
    wait_until,
    watch_yaml,
)

TOKEN = "123456789:LIFECYCLEtokenLIFECYCLEtokenLIFECYCLE_x"
CHATS = ["2001", "2002", "2003"]


class HoldingTelegram(FakeTelegram):
    """A fake Bot API whose sendMessage can be held: for ``hold`` seconds, or until :attr:`gate` opens."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hold: float | None = None  # None: wait for the gate
        self.gate = asyncio.Event()
        self.gate.set()
        self.phase = 1
        self.delivered: list[tuple[int, str]] = []  # (phase, chat) of sends answered

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        phase = self.phase
        if self.hold is not None:
            await asyncio.sleep(self.hold)
        else:
            await self.gate.wait()
        result = await super()._m_sendMessage(params)
        if isinstance(result, dict) and phase == self.phase:
            self.delivered.append((phase, str(params["chat_id"])))
        return result


def telegram_config(feed_url: str) -> str:
    subs = "".join(f'  - {{platform: telegram, target: "{chat}"}}\n' for chat in CHATS)
    return config_yaml([watch_yaml("soy", feed_url)], subscriptions=subs)


async def start_dispatching(
    tmp_path: Path, feed_server: FeedServer, tg: HoldingTelegram, **extra_env: str
) -> tuple[Bot, Path, dict[str, str]]:
    """Start the bot, let its first poll seed, publish a story, and return once sends are in flight."""
    feed_server.set_feed("/soy.xml", [old_item()])
    config = tmp_path / "followup.yaml"
    config.write_text(telegram_config(feed_server.url("/soy.xml")))
    db_path = tmp_path / "f.db"
    env = bot_env(db_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=tg.url, **extra_env)
    bot = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot.log")
    assert await wait_until(lambda: feed_server.requests_for("/soy.xml"), 30), bot.log()
    await asyncio.sleep(0.3)
    feed_server.set_feed("/soy.xml", [story(1, 3.1), old_item()])
    sending = await wait_until(lambda: tg.calls_to("sendMessage") or bot.process.returncode is not None, 30)
    assert sending and bot.process.returncode is None, bot.log()
    return bot, db_path, env


async def test_sigterm_mid_dispatch_lets_in_flight_sends_finish(tmp_path: Path, feed_server: FeedServer) -> None:
    async with HoldingTelegram() as tg:
        tg.hold = 1.5  # shorter than the default 8 s deadline: every send in flight completes
        bot, db_path, _ = await start_dispatching(tmp_path, feed_server, tg)
        try:
            began = time.monotonic()
            bot.signal(signal.SIGTERM)
            code = await bot.wait(30)
            took = time.monotonic() - began
        finally:
            await bot.stop()
        statuses = outbox_statuses(db_path)
        assert code == 0, bot.log()
        assert took < 8 + 5, f"shutdown took {took:.1f}s"
        assert "sending" not in statuses, statuses
        assert statuses.get("sent", 0) == len(tg.delivered) >= 1, (statuses, tg.delivered)
        assert "stopped cleanly" in bot.log()
        assert "cancelling" not in bot.log()  # nothing had to be cut short
        assert TOKEN not in bot.log()
        print(f"\nSIGTERM with {len(tg.delivered)} sends in flight: exit 0 after {took:.2f}s, outbox {statuses}")


async def test_shutdown_deadline_releases_held_sends_and_restart_delivers_them(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    async with HoldingTelegram() as tg:
        tg.hold = None
        tg.gate.clear()  # sends hang (Telegram not answering) past the 2 s deadline
        bot, db_path, env = await start_dispatching(tmp_path, feed_server, tg, FOLLOWUP_SHUTDOWN_TIMEOUT="2s")
        try:
            began = time.monotonic()
            bot.signal(signal.SIGTERM)
            code = await bot.wait(30)
            took = time.monotonic() - began
        finally:
            await bot.stop()
        statuses = outbox_statuses(db_path)
        assert code == 0, bot.log()
        assert took < 2 + 6, f"shutdown took {took:.1f}s with a 2s deadline"
        assert "sending" not in statuses and statuses.get("pending", 0) >= 1, statuses
        assert "shutdown deadline: cancelling deliveries" in bot.log()
        print(f"\ndeadline 2s, sends held: exit 0 after {took:.2f}s, outbox {statuses}")

        # Telegram answers again: the restarted bot delivers every alert to every chat; nothing was lost
        tg.phase = 2
        tg.gate.set()
        config = tmp_path / "followup.yaml"
        bot2 = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot2.log")
        try:
            every_chat = await wait_until(
                lambda: {chat for _, chat in tg.delivered} >= set(CHATS) and set(outbox_statuses(db_path)) == {"sent"},
                40,
            )
            bot2.signal(signal.SIGTERM)
            assert await bot2.wait(30) == 0, bot2.log()
        finally:
            await bot2.stop()
        assert every_chat, (tg.delivered, outbox_statuses(db_path), bot2.log())
        assert outbox_statuses(db_path) == {"sent": len(CHATS)}


async def test_a_second_signal_stops_at_once(tmp_path: Path, feed_server: FeedServer) -> None:
    async with HoldingTelegram() as tg:
        tg.hold = None
        tg.gate.clear()
        bot, db_path, _ = await start_dispatching(tmp_path, feed_server, tg, FOLLOWUP_SHUTDOWN_TIMEOUT="60s")
        try:
            bot.signal(signal.SIGTERM)
            await asyncio.sleep(0.5)
            assert bot.process.returncode is None, "the first SIGTERM must wait for the held sends"
            began = time.monotonic()
            bot.signal(signal.SIGTERM)
            code = await bot.wait(30)
            took = time.monotonic() - began
        finally:
            tg.gate.set()
            await bot.stop()
        assert code == 1, bot.log()
        assert took < 6, f"a forced stop took {took:.1f}s"
        assert "sending" not in outbox_statuses(db_path), outbox_statuses(db_path)
        assert "a second signal: cancelling deliveries" in bot.log()


async def test_sighup_reloads_the_config_and_keeps_it_when_the_new_one_is_invalid(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.set_feed("/soy.xml", [old_item()])
    config = tmp_path / "followup.yaml"
    soy = watch_yaml("soy", feed_server.url("/soy.xml"))
    config.write_text(config_yaml([soy]))
    db_path = tmp_path / "f.db"
    bot = await Bot.start("run", "--config", str(config), env=bot_env(db_path), log_path=tmp_path / "bot.log")
    try:
        assert await wait_until(lambda: feed_server.requests_for("/soy.xml"), 30), bot.log()

        # a new watch on a new feed: polled after SIGHUP, first poll seeds, then its story alerts
        feed_server.set_feed("/wheat.xml", [old_item("old-wheat")])
        wheat = watch_yaml("wheat", feed_server.url("/wheat.xml"), crop="wheat")
        config.write_text(config_yaml([soy, wheat]))
        bot.signal(signal.SIGHUP)
        assert await wait_until(lambda: "config reloaded: 2 watches, 2 feeds" in bot.log(), 20), bot.log()
        assert await wait_until(lambda: feed_server.requests_for("/wheat.xml"), 20), bot.log()
        await asyncio.sleep(0.3)
        feed_server.set_feed("/wheat.xml", [story(1, 3.4, crop="wheat"), old_item("old-wheat")])
        assert await wait_until(lambda: "China's purchases of US wheat: 3.4 million" in bot.log(), 30), bot.log()

        # an invalid config: logged with its location, the old config keeps running
        config.write_text(config_yaml([soy, wheat]).replace("poll_interval: 1s", "poll_intervl: 1s"))
        bot.signal(signal.SIGHUP)
        assert await wait_until(lambda: "config reload failed" in bot.log(), 20), bot.log()
        assert "poll_intervl" in bot.log()
        polls = len(feed_server.requests_for("/wheat.xml"))
        assert await wait_until(lambda: len(feed_server.requests_for("/wheat.xml")) > polls + 1, 20), bot.log()
        feed_server.set_feed("/wheat.xml", [story(2, 4.4, crop="wheat"), story(1, 3.4, crop="wheat")])
        assert await wait_until(lambda: "China's purchases of US wheat: 4.4 million" in bot.log(), 30), bot.log()
        assert bot.process.returncode is None

        bot.signal(signal.SIGTERM)
        assert await bot.wait(30) == 0, bot.log()
    finally:
        await bot.stop()
    assert "Traceback" not in bot.log()


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value from a Prometheus text exposition, whatever the label order (0 if absent)."""
    for line in text.splitlines():
        found = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if found is None or found.group(1) != name:
            continue
        have = dict(re.findall(r'(\w+)="([^"]*)"', found.group(2) or ""))
        if have == labels:
            return float(found.group(3))
    return 0.0


async def test_http_endpoint_serves_healthz_and_metrics_after_a_real_poll(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.set_feed("/soy.xml", [old_item()])
    feed_server.set_status("/gone.xml", 404)
    config = tmp_path / "followup.yaml"
    config.write_text(
        config_yaml(
            [
                watch_yaml("soy", feed_server.url("/soy.xml")),
                watch_yaml("gone", feed_server.url("/gone.xml"), crop="wheat"),
            ]
        )
    )
    db_path = tmp_path / "f.db"
    port = free_port()
    env = bot_env(db_path, FOLLOWUP_HTTP_LISTEN=f"127.0.0.1:{port}")
    bot = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot.log")
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession(trust_env=False) as http:

            async def get(path: str) -> tuple[int, str]:
                try:
                    async with http.get(base + path) as response:
                        return response.status, await response.text()
                except aiohttp.ClientConnectionError:
                    return 0, ""

            assert await wait_until(lambda: feed_server.requests_for("/soy.xml"), 30), bot.log()
            await asyncio.sleep(0.3)
            feed_server.set_feed("/soy.xml", [story(1, 3.1), old_item()])
            assert await wait_until(lambda: "China's purchases of US soybeans: 3.1 million" in bot.log(), 30)

            text = ""
            for _ in range(100):
                # the console send is marked sent just after it prints, and the poll that found the entry is counted
                # when its cycle ends, which on a loaded machine may come after the alert is out: wait for both
                status, text = await get("/metrics")
                if (
                    metric(text, "followup_outbox_rows", status="sent") >= 1
                    and metric(text, "followup_polls_total", outcome="changed") >= 2
                ):
                    break
                await asyncio.sleep(0.1)
            assert metric(text, "followup_polls_total", outcome="changed") >= 2, text
            assert metric(text, "followup_polls_total", outcome="failed") >= 1, text
            assert metric(text, "followup_feed_failures_total", kind="http") >= 1, text
            assert metric(text, "followup_new_entries_total") >= 2, text
            assert metric(text, "followup_alerts_total", kind="value") == 1, text
            assert metric(text, "followup_outbox_rows", status="sent") == 1, text
            assert metric(text, "followup_outbox_rows", status="sending") == 0, text
            assert 'followup_outbox_rows{status="dead"} 0.0' in text, "dead deliveries are counted (none here)"
            count = metric(text, "followup_send_duration_seconds_count", platform="console", outcome="ok")
            assert count == 1, text
            assert metric(text, "followup_last_successful_poll_timestamp_seconds") > time.time() - 60, text

            status, body = await get("/healthz")
            assert status == 200, body
            health = json.loads(body)
            assert health["status"] == "ok" and set(health["checks"]) == {"database", "scheduler", "polling"}
            assert (await get("/nothing"))[0] == 404
        bot.signal(signal.SIGTERM)
        assert await bot.wait(30) == 0, bot.log()
    finally:
        await bot.stop()


@pytest.mark.parametrize("listen", ["9100", "127.0.0.1:http", "127.0.0.1:70000", "bad host:1", "[::1:9100"])
async def test_a_bad_listen_address_is_a_clear_error(tmp_path: Path, listen: str) -> None:
    config = tmp_path / "followup.yaml"
    config.write_text("watches: []\n")
    env = bot_env(tmp_path / "f.db", FOLLOWUP_HTTP_LISTEN=listen)
    bot = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot.log")
    assert await bot.wait(30) == 3, bot.log()
    assert "FOLLOWUP_HTTP_LISTEN" in bot.log() and "Traceback" not in bot.log(), bot.log()
    assert not (tmp_path / "f.db").exists()  # refused before opening anything


async def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "followup.yaml"
    config.write_text("watches: []\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = bot_env(tmp_path / "f.db", FOLLOWUP_HTTP_LISTEN=f"127.0.0.1:{port}")
        bot = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot.log")
        assert await bot.wait(30) == 3, bot.log()
    assert f"cannot listen on 127.0.0.1:{port} (FOLLOWUP_HTTP_LISTEN): the address is already in use" in bot.log()
    assert "Traceback" not in bot.log()


@pytest.mark.parametrize("value", ["soon", "-5", "0"])
async def test_a_bad_shutdown_timeout_is_a_clear_error(tmp_path: Path, value: str) -> None:
    config = tmp_path / "followup.yaml"
    config.write_text("watches: []\n")
    env = bot_env(tmp_path / "f.db", FOLLOWUP_SHUTDOWN_TIMEOUT=value)
    bot = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot.log")
    assert await bot.wait(30) == 3, bot.log()
    assert "FOLLOWUP_SHUTDOWN_TIMEOUT" in bot.log() and "Traceback" not in bot.log(), bot.log()
