"""Several replicas on one database: one-owner roles by lease, takeover when a holder dies, watch changes seen by all,
the claims of a dead replica released at once, one Discord gateway session at a time.

The lease, role and claim tests run on SQLite and PostgreSQL with a simulated clock. The end-to-end tests (issue
13's "done when", see the section below) start three real `followup run` processes on one PostgreSQL against the
fake Telegram, which answers 409 to a second concurrent getUpdates as Telegram does, and the fake Discord; they
SIGKILL two replicas, restart them, and check that nothing is lost, doubled beyond the documented at-least-once, or
answered twice. A smaller one checks webhook mode's secret and the dedup of a retried update.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest
from aiohttp import web
from fake_discord import FakeDiscord
from fake_telegram import FakeTelegram
from feedserver import FeedItem, FeedServer
from run_helpers import REPO, Bot, bot_env, config_yaml, free_port, old_item, story, wait_until, watch_yaml
from sqlalchemy import select

from bot.channels.base import OutgoingMessage, Target
from bot.channels.discord import DiscordChannel, DiscordGateway
from bot.channels.resilient import ResilientStart
from bot.roles import Role, RoleManager
from watchers.clock import SimulatedClock
from watchers.config.schema import DEFAULT_KINDS, Settings, WatchConfig
from watchers.store.database import Database
from watchers.store.feeds import FeedRepository
from watchers.store.leases import LeaseRepository
from watchers.store.outbox import OutboxRepository
from watchers.store.tables import Feed, OutboxRow
from watchers.tracking.registry import WatchRegistry

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
TTL = timedelta(seconds=30)
TOKEN = "123456:TEST-token-for-replicas-0000000000000"


async def test_a_lease_is_held_renewed_and_taken_over_only_after_it_expires(db: Database) -> None:
    leases = LeaseRepository(db)
    assert await leases.acquire("telegram", "a", now=NOW, ttl=TTL)
    assert not await leases.acquire("telegram", "b", now=NOW + timedelta(seconds=5), ttl=TTL), "a's lease is live"
    assert await leases.acquire("telegram", "a", now=NOW + timedelta(seconds=20), ttl=TTL), "a renews"
    assert not await leases.acquire("telegram", "b", now=NOW + timedelta(seconds=45), ttl=TTL), "renewed until 50 s"
    assert await leases.acquire("telegram", "b", now=NOW + timedelta(seconds=51), ttl=TTL), "a stopped renewing"
    assert not await leases.acquire("telegram", "a", now=NOW + timedelta(seconds=52), ttl=TTL), "a lost it"
    await leases.release("telegram", "b")
    assert await leases.acquire("telegram", "a", now=NOW + timedelta(seconds=53), ttl=TTL), "released: free at once"
    assert [(lease.role, lease.holder) for lease in await leases.all()] == [("telegram", "a")]


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []

    def role(self, name: str, replica: str) -> Role:
        async def start() -> None:
            self.events.append(f"{replica} starts {name}")

        async def stop() -> None:
            self.events.append(f"{replica} stops {name}")

        return Role(name, start, stop)


async def test_roles_move_to_a_live_replica_when_their_holder_dies(db: Database) -> None:
    clock = SimulatedClock(NOW)
    seen = Recorder()
    names = ("telegram-commands", "clock")
    a = RoleManager(db, clock, [seen.role(n, "a") for n in names], replica="a", ttl=TTL)
    b = RoleManager(db, clock, [seen.role(n, "b") for n in names], replica="b", ttl=TTL)
    await a.step()
    await b.step()
    assert a.held == set(names) and b.held == set()
    clock.advance(timedelta(seconds=10))
    await a.step()  # renews
    clock.advance(timedelta(seconds=25))
    await b.step()
    assert b.held == set(), "a renewed 25 s ago: its leases are live"
    clock.advance(timedelta(seconds=10))  # a died 35 s ago, its lease ran out 5 s ago
    await b.step()
    assert b.held == set(names)
    await a.step()  # a comes back (a long pause, not a death): it finds its roles taken and stops them
    assert a.held == set()
    assert seen.events == [
        "a starts clock",
        "a starts telegram-commands",
        "b starts clock",
        "b starts telegram-commands",
        "a stops clock",
        "a stops telegram-commands",
    ]
    await b.release()
    assert b.held == set() and [lease.role for lease in await LeaseRepository(db).all()] == []


async def test_a_replica_cut_off_from_the_database_gives_its_roles_up_when_its_leases_expire(db: Database) -> None:
    clock = SimulatedClock(NOW)
    seen = Recorder()
    a = RoleManager(db, clock, [seen.role("clock", "a")], replica="a", ttl=TTL)
    await a.step()

    async def unreachable(*args: object, **kwargs: object) -> bool:
        raise OSError("connection refused")

    a._repo.acquire = unreachable  # type: ignore[method-assign]
    clock.advance(timedelta(seconds=20))
    await a.step()
    assert a.holds("clock"), "within its lease it keeps the role"
    clock.advance(timedelta(seconds=15))
    await a.step()
    assert not a.holds("clock") and seen.events == ["a starts clock", "a stops clock"], "another may hold it now"


async def test_the_claims_of_a_dead_replica_are_released_at_once_and_a_live_ones_kept(db: Database) -> None:
    """A replica killed mid-poll or mid-send leaves feeds claimed for 10 min and deliveries for 2: the others release
    them as soon as it is known dead (its row in ``replicas`` expired), never a live replica's."""
    clock = SimulatedClock(NOW)
    feeds, outbox = FeedRepository(db), OutboxRepository(db)
    await feeds.sync_declared({f"https://example.com/{n}.xml": timedelta(minutes=15) for n in range(3)}, now=NOW)
    async with db.transaction() as session:
        for n in range(3):
            session.add(
                OutboxRow(kind="alert", platform="telegram", address=str(n), target_key=f"telegram:{n}:",
                          next_attempt_at=NOW, message_ids=[], created_at=NOW)
            )  # fmt: skip
    a, b = RoleManager(db, clock, [], replica="a"), RoleManager(db, clock, [], replica="b")
    await a.step()
    await b.step()

    async def claim(replica: str | None) -> tuple[str, int]:
        db.replica = replica
        (feed,) = await feeds.claim_due(clock.now(), limit=1)
        (row,) = await outbox.claim_due(clock.now(), limit=1)
        return feed.url, row.id

    async def claimed() -> dict[object, object]:
        async with db.session() as session:
            rows = [*(await session.execute(select(Feed.url, Feed.claimed_by))).all()]
            rows += (await session.execute(select(OutboxRow.id, OutboxRow.claimed_by))).all()
        return {key: holder for key, holder in rows}

    by_a, by_killed, by_nobody = await claim("a"), await claim("killed-c"), await claim(None)
    assert (await claimed())[by_killed[0]] == "killed-c"
    clock.advance(timedelta(seconds=5))
    await b.step()  # c has no row in replicas: dead (it never said it was alive, or its row expired)
    holders = await claimed()
    assert [holders[k] for k in (*by_a, *by_killed, *by_nobody)] == ["a", "a", None, None, None, None]
    assert await feeds.claim_due(clock.now(), limit=5) != [], "c's feed is due again"
    assert [r.id for r in await outbox.claim_due(clock.now(), limit=5)] == [by_killed[1]], "c's delivery is pending"
    assert (await claimed())[by_a[0]] == "a", "a is alive: its claims stand"

    restarted = RoleManager(db, clock, [], replica="a")  # the same name: names are unique among live replicas
    await restarted.step()
    assert (await claimed())[by_a[0]] is None, "claims under its own name are a previous run's"

    await restarted.release()  # a clean stop: the row goes, whatever it had claimed is released by the others
    db.replica = "a"
    feed_of_a, _ = await claim("a")
    await b.step()
    assert (await claimed())[feed_of_a] is None


BRIDGE = {
    "id": "bridge",
    "title": "Bridge opening",
    "kind": "event",
    "feeds": [{"url": "https://example.com/feed.xml"}],
    "match": {"any": ["bridge"]},
    "baseline": {"status": "planned", "as_of": "2026-11-01"},
}


async def test_a_watch_added_by_one_replica_is_tracked_by_another_within_a_tick(db: Database) -> None:
    clock = SimulatedClock(NOW)
    settings = Settings()
    first, second = WatchRegistry(db, settings, clock), WatchRegistry(db, settings, clock)
    await first.start([], first_check={})
    await second.start([], first_check={})
    assert not await second.follow_changes(), "nothing changed since it loaded the table"
    async with db.transaction() as session:
        await first._repo.put(session, WatchConfig.model_validate(BRIDGE), source="chat", by="telegram:1", now=NOW)
    await first.reload()
    assert not await first.follow_changes(), "its own change: already loaded"
    assert await second.follow_changes(), "the table changed: the second replica reloads"
    assert second.get("bridge") is not None and "bridge" in second.build_engine().watches
    assert not await second.follow_changes(), "nothing new: no reload"


async def test_a_watch_added_while_a_replica_starts_is_tracked_at_its_first_tick(db: Database) -> None:
    """Found by the end-to-end test: a restarted replica loaded the table, another replica added a watch, and the
    restarted one's first tick took the new fingerprint for its starting point, so it never tracked that watch
    (and stored the watch's news as seen, unalerted, when it polled the feed)."""
    clock = SimulatedClock(NOW)
    first, starting = WatchRegistry(db, Settings(), clock), WatchRegistry(db, Settings(), clock)
    await first.start([], first_check={})
    await starting.start([], first_check={})
    async with db.transaction() as session:
        await first._repo.put(session, WatchConfig.model_validate(BRIDGE), source="chat", by="telegram:1", now=NOW)
    assert await starting.follow_changes(), "added after it loaded the table: its first tick reloads"
    assert starting.get("bridge") is not None and "bridge" in starting.build_engine().watches


# ------------------------------------------------------------------------------------------ three real processes


@pytest.fixture
async def fake_tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


CONFIG = """
settings:
  poll_interval: 1h
  allow_private_feeds: true
watches: []
owners:
  telegram: [1001]
"""


async def test_in_webhook_mode_any_replica_answers_and_a_retried_update_once(
    postgres_url: str, fake_tg: FakeTelegram, tmp_path: Path
) -> None:
    """Three replicas behind a (simulated) load balancer: Telegram's post reaches any of them; a retry of the same
    update reaching another replica is not answered twice; a post without the secret is refused; with one replica
    SIGKILLed the others go on answering. Nobody long-polls (no getUpdates, no 409)."""
    config = tmp_path / "watches.yaml"
    config.write_text(CONFIG)
    secret = "s3cret-webhook-token-for-tests"
    env = bot_env(
        tmp_path / "unused.db",
        DATABASE_URL=postgres_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake_tg.url,
        TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET=secret,
        FOLLOWUP_CONFIG=str(config),
    )
    ports = [free_port() for _ in range(3)]
    bots: list[Bot] = []
    try:
        for n, port in enumerate(ports):
            own = {"FOLLOWUP_HTTP_LISTEN": f"127.0.0.1:{port}", "FOLLOWUP_HEARTBEAT_FILE": str(tmp_path / f"{n}.hb")}
            bots.append(await Bot.start("run", env={**env, **own}, log_path=tmp_path / f"web-{n}.log"))
        assert await wait_until(lambda: fake_tg.webhook is not None, 60), "\n".join(b.log()[-2000:] for b in bots)
        assert fake_tg.webhook is not None
        assert fake_tg.webhook["url"] == "https://bot.example.org/telegram/webhook"
        assert fake_tg.webhook["secret_token"] == secret and secret not in "".join(b.log() for b in bots)

        async with aiohttp.ClientSession() as http:

            async def post(port: int, update: dict[str, object], token: str = secret) -> int:
                for _ in range(100):  # until that replica listens and has started Telegram
                    try:
                        async with http.post(
                            f"http://127.0.0.1:{port}/telegram/webhook",
                            json=update,
                            headers={"X-Telegram-Bot-Api-Secret-Token": token},
                        ) as response:
                            if response.status != 503:
                                return response.status
                    except aiohttp.ClientConnectionError:
                        pass
                    await asyncio.sleep(0.2)
                return 503

            update = fake_tg.inject_command("/watches", chat_id=1001, user_id=1001)
            mark = len(fake_tg.calls)
            assert await post(ports[0], update, token="wrong") == 401
            assert await post(ports[0], update) == 200
            assert await post(ports[1], update) == 200, "Telegram's retry, at another replica"
            assert await wait_until(lambda: bool(fake_tg.sent_to(1001, after=mark)), 30)
            await asyncio.sleep(1.5)
            assert len(fake_tg.sent_to(1001, after=mark)) == 1, "a retried update is answered once"

            bots[0].signal(signal.SIGKILL)
            await bots[0].wait(10)
            mark = len(fake_tg.calls)
            assert await post(ports[2], fake_tg.inject_command("/help", chat_id=1001, user_id=1001)) == 200
            assert await wait_until(lambda: len(fake_tg.sent_to(1001, after=mark)) == 1, 30)
        assert not fake_tg.calls_to("getUpdates") and fake_tg.conflicts == 0, "webhook mode never long-polls"
    finally:
        await _stop_all(bots)


async def _stop_all(bots: list[Bot]) -> None:
    """SIGTERM every replica still running (all at once, so their shutdowns overlap), then wait for each."""
    for bot in bots:
        if bot.process.returncode is None:
            bot.signal(signal.SIGTERM)
    for bot in bots:
        await bot.wait(20)


async def test_on_sqlite_a_restart_after_a_kill_takes_its_roles_at_once(tmp_path: Path) -> None:
    """One process per SQLite file: the lease a killed run left is cleared at start, not waited out for 30 s."""
    db = Database(f"sqlite:///{tmp_path}/f.db")
    await db.migrate()
    try:
        leases = LeaseRepository(db)
        assert await leases.acquire("clock", "killed-run", now=datetime.now(UTC), ttl=TTL)
        assert await leases.clear() == 1
        restarted = RoleManager(db, SimulatedClock(datetime.now(UTC)), [Recorder().role("clock", "new")])
        await restarted.step()
        assert restarted.holds("clock")
    finally:
        await db.dispose()


async def test_the_discord_gateway_is_connected_only_while_its_role_is_held(tmp_path: Path) -> None:
    """Discord sends every interaction to each gateway session of a token: one replica connects (the role holder);
    every replica delivers over REST. Losing the role drops the session and sending goes on; winning it again
    connects a new one."""
    db = Database(f"sqlite:///{tmp_path}/f.db")
    await db.migrate()
    clock = SimulatedClock(NOW)
    async with WatchedDiscord() as dc:
        channel = DiscordChannel("token", gateway=False, guild_ready_timeout=0.05)
        gateway = ResilientStart(DiscordGateway(channel), "discord commands")
        connect = functools.partial(gateway.start, wait=0)  # in the background, as `followup run` does
        mine = RoleManager(db, clock, [Role("discord-commands", connect, gateway.close)], replica="a")
        other = RoleManager(db, clock, [Recorder().role("discord-commands", "b")], replica="b")
        target = Target("discord", str(dc.channel_id))
        try:
            await channel.start()
            assert dc.sessions == 0 and not channel.gateway_running, "logged in over REST only"
            assert (await channel.send(target, OutgoingMessage("value", "Soy", "up", nonce="n1"))).message_ids
            await mine.step()
            await dc.wait_until(lambda: dc.sessions == 1 and channel.is_ready)
            clock.advance(timedelta(seconds=35))  # a long pause: its lease ran out and b took the role
            await other.step()
            await mine.step()
            assert not mine.holds("discord-commands")
            await dc.wait_until(lambda: dc.sessions == 0)
            assert not channel.is_ready and not channel.gateway_running
            assert (await channel.send(target, OutgoingMessage("value", "Soy", "up again", nonce="n2"))).message_ids
            await other.release()
            await mine.step()
            await dc.wait_until(lambda: dc.sessions == 1 and channel.is_ready)
            assert len(dc.identifies) == 2 and dc.most_sessions == 1
        finally:
            await mine.release()
            await channel.close()
            await db.dispose()
        assert dc.sessions == 0


# ------------------------------------------------------------------------------------------ the issue's "done when"
#
# Three `followup run` processes on one PostgreSQL, against the fake Telegram (409 to a second concurrent getUpdates)
# and the fake Discord (REST and gateway), with feeds on the local feed server changing along a script and chat
# commands sent on both platforms throughout. The replica holding the Telegram role (in webhook mode: the Discord
# one) is SIGKILLed, a few seconds later another one, and both are restarted once the last one standing has taken
# every role over. Leases last 30 s (bot/roles.py, not configurable), so each test waits out one takeover, ~40 s.

SEND_DELAY = 0.15  # the fake Telegram takes this long per message, so kills land while sends are in flight
OWNER = 1001  # Telegram owner: adds a watch from chat
ALERT_CHATS = ("3001", "3002")  # Telegram chats subscribed to every watch
TAKEOVER = 40.0  # the lease (30 s) + a renewal period (10 s): when another replica has taken a dead one's roles
DEADLINE = TAKEOVER * 2.5  # generous: two shared noisy cores

# `followup run` with discord.py pointed at the fake Discord (the product has no such setting, as Discord has none)
LAUNCH = """
import os, runpy, sys
import discord.gateway, discord.http, yarl
root = os.environ["FAKE_DISCORD_ROOT"]
discord.http.Route.BASE = root + "/api/v10"
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL("ws" + root.removeprefix("http") + "/gw")
sys.argv[0] = "followup"
runpy.run_module("bot", run_name="__main__", alter_sys=True)
"""


class SlowTelegram(FakeTelegram):
    """The fake Bot API taking SEND_DELAY per sendMessage and recording every message it accepted (chat, text),
    including those whose sender was killed while waiting for the answer: Telegram would have delivered them."""

    def __init__(self) -> None:
        super().__init__()
        self.delivered: list[tuple[str, str]] = []

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        await asyncio.sleep(SEND_DELAY)
        result = await super()._m_sendMessage(params)
        if isinstance(result, dict):
            self.delivered.append((str(params["chat_id"]), str(params["text"])))
        return result


class WatchedDiscord(FakeDiscord):
    """The fake Discord counting its open gateway connections (the most ever open at once, too)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.sessions = 0
        self.most_sessions = 0

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        self.sessions += 1
        self.most_sessions = max(self.most_sessions, self.sessions)
        try:
            return await super()._gateway(request)
        finally:
            self.sessions -= 1

    def syncs(self) -> int:
        """Command-list syncs: a replica does one each time its gateway session is ready."""
        return len(self.calls_to("PUT", "/applications/*/commands"))


class Postgres:
    """The test's own look at the shared database (the replicas migrate it)."""

    def __init__(self, url: str) -> None:
        self._conn = psycopg.connect(url, autocommit=True)

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def holder(self, role: str) -> str | None:
        found = self.rows("SELECT holder FROM leases WHERE role = %s AND expires_at > now()", role)
        return str(found[0][0]) if found else None

    def polled(self, url: str) -> bool:
        return bool(self.rows("SELECT 1 FROM feeds WHERE url = %s AND last_success_at IS NOT NULL", url))

    def unsettled(self) -> int:
        return int(self.rows("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending', 'retry')")[0][0])

    def in_flight(self, replica: str) -> dict[str, int]:
        """Deliveries the replica had claimed and not finished (only these may be sent twice after its death)."""
        rows = self.rows(
            "SELECT platform, count(*) FROM outbox WHERE status = 'sending' AND claimed_by = %s GROUP BY platform",
            replica,
        )
        return {str(platform): int(n) for platform, n in rows}

    def close(self) -> None:
        self._conn.close()


class Cluster:
    """Three replicas, replica-0..2, each restartable under its own name (its log continues in a new file)."""

    def __init__(self, tmp_path: Path, env: dict[str, str], db: Postgres, *, ports: dict[str, int] | None = None):
        self.tmp_path = tmp_path
        self.env = env
        self.db = db
        self.ports = ports or {}
        self.current: dict[str, Bot] = {}
        self.everyone: list[Bot] = []
        self.in_flight_at_kills: Counter[str] = Counter()

    async def start(self, name: str) -> Bot:
        own = {"FOLLOWUP_REPLICA": name, "FOLLOWUP_HEARTBEAT_FILE": str(self.tmp_path / f"{name}.hb")}
        if name in self.ports:
            own["FOLLOWUP_HTTP_LISTEN"] = f"127.0.0.1:{self.ports[name]}"
        log_path = self.tmp_path / f"{name}.{sum(b.log_path.stem.startswith(name) for b in self.everyone)}.log"
        with log_path.open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", LAUNCH, "run", cwd=REPO, env={**self.env, **own}, stdout=log, stderr=log,
                start_new_session=True,
            )  # fmt: skip
        bot = Bot(process, log_path)
        self.current[name] = bot
        self.everyone.append(bot)
        return bot

    def running(self, name: str) -> bool:
        bot = self.current.get(name)
        return bot is not None and bot.process.returncode is None and "followup is running" in bot.log()

    def alive(self) -> list[str]:
        return [name for name, bot in self.current.items() if bot.process.returncode is None]

    async def kill(self, name: str) -> dict[str, int]:
        """SIGKILL a replica; returns the deliveries it had in flight, by platform."""
        bot = self.current[name]
        bot.signal(signal.SIGKILL)
        await bot.wait(10)
        in_flight = self.db.in_flight(name)
        self.in_flight_at_kills.update(in_flight)
        return in_flight

    def logs(self) -> str:
        return "\n".join(f"==== {b.log_path.name}\n{b.log()}" for b in self.everyone)

    def tails(self) -> str:
        """The end of each log without the routine poll lines."""
        lines = {b: [line for line in b.log().splitlines() if "bot.app: polled" not in line] for b in self.everyone}
        return "\n".join(f"==== {b.log_path.name}\n" + "\n".join(lines[b][-25:]) for b in self.everyone)

    async def stop(self) -> None:
        await _stop_all(self.everyone)


async def until(
    condition: Callable[[], object],
    what: str,
    cluster: Cluster,
    timeout: float = DEADLINE,
    details: Callable[[], object] | None = None,
) -> None:
    """Wait for a condition (re-checked every 0.1 s); fail with what was awaited, ``details`` and the logs' ends."""
    if not await wait_until(condition, timeout, interval=0.1):
        raise AssertionError(
            f"timed out waiting for {what}\n{details() if details is not None else ''}\n{cluster.tails()}"
        )


class Script:
    """The scripted news: metric stories on two config feeds, agreement stories on the feeds of chat-added watches."""

    def __init__(self, feeds: FeedServer) -> None:
        self.feeds = feeds
        self.items: dict[str, list[FeedItem]] = {}
        self.figures: dict[str, float] = {}

    def start_feed(self, path: str, first: FeedItem) -> str:
        self.items[path] = [first]
        self.feeds.set_feed(path, self.items[path])
        return self.feeds.url(path)

    def rise(self, path: str, crop: str) -> None:
        """A new story with a figure 15% above the last one: one value alert."""
        figure = self.figures[path] = round(self.figures.get(path, 2.7) * 1.15, 1)
        self.publish(path, story(len(self.items[path]), figure, crop=crop))

    def publish(self, path: str, item: FeedItem) -> None:
        self.items[path].insert(0, item)
        self.feeds.set_feed(path, self.items[path])


def talks(parties: str, slug: str) -> FeedItem:
    return FeedItem(
        f"{parties} begin trade talks",
        f"https://news.example/{slug}-talks.html",
        summary=f"{parties} began talks on a trade deal.",
        published=datetime.now(UTC) - timedelta(hours=3),
    )


async def signed(parties: str, slug: str, *, watch_added_at: float) -> FeedItem:
    """The story that moves the agreement watch, dated after the watch's baseline: a feed's dates have whole seconds,
    and a story dated before the moment the watch was added is old news to it (no alert)."""
    await asyncio.sleep(max(0.0, watch_added_at + 1.5 - time.monotonic()))
    return FeedItem(
        f"{parties} sign trade deal",
        f"https://news.example/{slug}-signed.html",
        summary=f"{parties} signed the trade deal on Monday, officials said.",
        published=datetime.now(UTC),
    )


class Commands:
    """Chat commands sent during the run; each must be answered exactly once.

    Telegram: each command comes from its own private chat (the owner's from the owner's), so every message to that
    chat is an answer to it. Discord: each interaction gets exactly one callback.
    """

    def __init__(
        self, tg: SlowTelegram, dc: WatchedDiscord, post: Callable[[dict[str, Any], str | None], Awaitable[None]] | None
    ) -> None:
        self.tg = tg
        self.dc = dc
        # webhook mode: how Telegram's post reaches a replica (the load balancer, or the one named); None: long polling
        self.post = post
        self.telegram_chats: list[int] = []
        self.interactions: list[dict[str, Any]] = []
        self._next_chat = 7001

    async def telegram(self, text: str, *, chat: int | None = None, to: str | None = None) -> int:
        if chat is None:
            chat, self._next_chat = self._next_chat, self._next_chat + 1
        self.telegram_chats.append(chat)
        update = self.tg.inject_command(text, chat_id=chat, user_id=chat)
        if self.post is not None:
            await self.post(update, to)
        return chat

    def answered_telegram(self, chat: int) -> bool:
        return bool(self.tg.sent_to(chat))

    async def discord(self, name: str, options: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Send once a single gateway session is ready (Discord delivers an interaction to connected sessions only)."""
        payload = self.dc.slash_command(name, options)
        self.interactions.append(payload)
        await self.dc.inject_dispatch("INTERACTION_CREATE", payload)
        return payload

    def callbacks(self, payload: dict[str, Any]) -> int:
        return len(self.dc.calls_to("POST", f"/interactions/{payload['id']}/*/callback"))

    def all_answered(self) -> bool:
        return all(self.answered_telegram(c) for c in self.telegram_chats) and all(
            self.callbacks(p) for p in self.interactions
        )

    def answers_per_command(self) -> dict[str, int]:
        counts = {f"telegram chat {c}": len(self.tg.sent_to(c)) for c in self.telegram_chats}
        counts.update({f"discord /{p['data']['name']} {p['id']}": self.callbacks(p) for p in self.interactions})
        return counts


def config_text(feeds: dict[str, str], dc: FakeDiscord) -> str:
    subscriptions = "".join(f'  - {{platform: telegram, target: "{chat}"}}\n' for chat in ALERT_CHATS) + "".join(
        f'  - {{platform: discord, target: "{channel}"}}\n' for channel in (dc.channel_id, dc.other_channel_id)
    )
    watches = [watch_yaml("soy", feeds["/soy.xml"]), watch_yaml("corn", feeds["/corn.xml"], crop="corn")]
    return (
        config_yaml(watches, subscriptions=subscriptions)
        + f"owners:\n  telegram: [{OWNER}]\n  discord: [{dc.owner_id}]\n"
    )


def text_option(name: str, value: str) -> dict[str, Any]:
    return {"name": name, "type": 3, "value": value}


async def run_the_issue_scenario(
    *, postgres_url: str, tmp_path: Path, feed_server: FeedServer, webhook: bool
) -> dict[str, object]:
    """The scenario of both tests (long polling or webhook mode); returns figures for the report line."""
    started = time.monotonic()
    script = Script(feed_server)
    feeds = {path: script.start_feed(path, old_item(path.strip("/.xml"))) for path in ("/soy.xml", "/corn.xml")}
    deal_a = script.start_feed("/deal-a.xml", talks("The EU and the US", "eu-us"))
    deal_b = script.start_feed("/deal-b.xml", talks("The UK and India", "uk-india"))
    secret = "s3cret-webhook-token-for-the-replica-test"
    async with SlowTelegram() as tg, WatchedDiscord(patch_discord_py=False) as dc:
        config = tmp_path / "watches.yaml"
        config.write_text(config_text(feeds, dc))
        env = bot_env(
            tmp_path / "unused.db",
            DATABASE_URL=postgres_url,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=tg.url,
            DISCORD_BOT_TOKEN="discord-token-for-the-replica-test",
            FAKE_DISCORD_ROOT=f"http://127.0.0.1:{dc.port}",
            FOLLOWUP_CONFIG=str(config),
        )
        ports: dict[str, int] = {}
        if webhook:
            env.update(TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/webhook", TELEGRAM_WEBHOOK_SECRET=secret)
            ports = {f"replica-{n}": free_port() for n in range(3)}
        db = Postgres(postgres_url)
        cluster = Cluster(tmp_path, env, db, ports=ports)
        first_role = "discord-commands" if webhook else "telegram-commands"
        async with aiohttp.ClientSession() as http:

            async def load_balancer(update: dict[str, Any], to: str | None = None) -> None:
                """Post an update as Telegram does through a load balancer: to some live replica (or the one named),
                until one takes it (a dead one refuses the connection, one still starting answers 503)."""
                deadline = time.monotonic() + DEADLINE
                while time.monotonic() < deadline:
                    names = [to] if to else random.sample(cluster.alive(), k=len(cluster.alive()))
                    for name in names:
                        headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
                        url = f"http://127.0.0.1:{ports[name]}/telegram/webhook"
                        with contextlib.suppress(aiohttp.ClientError):
                            async with http.post(url, json=update, headers=headers) as response:
                                if response.status == 200:
                                    return
                    await asyncio.sleep(0.2)
                raise AssertionError(f"no replica took update {update['update_id']}\n{cluster.tails()}")

            commands = Commands(tg, dc, load_balancer if webhook else None)

            def one_gateway_ready() -> bool:
                return dc.sessions == 1 and dc.syncs() == len(dc.identifies)

            try:
                # Start: replica-0 alone first, so it holds every role; then the two others.
                await cluster.start("replica-0")
                await until(lambda: cluster.running("replica-0"), "replica-0 to run", cluster)
                await until(lambda: db.holder(first_role) == "replica-0", "replica-0 to hold the roles", cluster)
                for name in ("replica-1", "replica-2"):
                    await cluster.start(name)
                await until(lambda: all(cluster.running(n) for n in cluster.current), "three replicas", cluster)
                await until(one_gateway_ready, "one Discord gateway session, ready", cluster)
                await until(lambda: all(db.polled(url) for url in feeds.values()), "the first polls", cluster)

                # Running: news, commands on both platforms, a watch added by the Telegram owner on replica-0.
                script.rise("/soy.xml", "soybeans")
                script.rise("/corn.xml", "corn")
                await commands.telegram("/watches")
                await commands.discord("watches")
                await commands.telegram(  # answered by replica-0: it polls Telegram (or is posted the update)
                    f'/watch add id=deal-a title="EU-US trade deal" kind=agreement feed={deal_a} '
                    'terms="EU, trade deal" status=pending',
                    chat=OWNER,
                    to="replica-0",
                )
                await until(commands.all_answered, "the first commands' answers", cluster)
                deal_a_added = time.monotonic()
                assert "deal-a" in str(tg.sent_to(OWNER)[0].params.get("text")), tg.sent_to(OWNER)
                assert webhook or db.holder("telegram-commands") == "replica-0"
                if webhook:  # Telegram retries an update that got no answer in time, maybe at another replica
                    update = tg.inject_command("/watches", chat_id=7100, user_id=7100)
                    commands.telegram_chats.append(7100)
                    await load_balancer(update, "replica-1")
                    await load_balancer(update, "replica-2")
                await until(lambda: db.polled(deal_a), "the first poll of the chat-added feed", cluster)

                # Kill the holder while alerts are being sent, and a few seconds later another replica.
                script.rise("/soy.xml", "soybeans")
                script.rise("/corn.xml", "corn")
                sends = len(tg.calls_to("sendMessage"))
                await until(lambda: len(tg.calls_to("sendMessage")) > sends, "sends to start", cluster)
                await asyncio.sleep(random.uniform(0.0, 0.4))
                victim = db.holder(first_role)
                assert victim == "replica-0", f"{first_role} is held by {victim}"
                killed_at = time.monotonic()
                await cluster.kill(victim)
                # Meanwhile: a story for the watch added on the dead replica, and a Telegram command (nobody polls
                # Telegram now; in webhook mode a live replica answers it, before it may be the next one killed).
                script.publish("/deal-a.xml", await signed("The EU and the US", "eu-us", watch_added_at=deal_a_added))
                await commands.telegram("/watches")
                script.rise("/soy.xml", "soybeans")
                if webhook:
                    await until(commands.all_answered, "the answer of a live replica", cluster)
                await asyncio.sleep(3)
                await cluster.kill("replica-1")
                conflicts_before_takeover = tg.conflicts

                # Takeover by the one replica standing: every role, the Telegram poll, the Discord gateway.
                await until(
                    lambda: db.holder(first_role) == "replica-2" and db.holder("clock") == "replica-2",
                    "replica-2 to take the roles over",
                    cluster,
                )
                took_over = time.monotonic() - killed_at
                if not webhook:
                    await until(lambda: db.holder("telegram-commands") == "replica-2", "the Telegram role", cluster)
                await until(one_gateway_ready, "replica-2's Discord gateway", cluster)
                await until(commands.all_answered, "the command sent while no replica polled Telegram", cluster)
                for name in ("replica-0", "replica-1"):
                    await cluster.start(name)
                await until(lambda: all(cluster.running(n) for n in cluster.current), "the restarted replicas", cluster)

                # After the takeover: a watch added by Discord command, more commands and news.
                add_b = await commands.discord(
                    "watch add",
                    [
                        text_option("id", "deal-b"),
                        text_option("title", "UK-India trade deal"),
                        text_option("kind", "agreement"),
                        text_option("feed", deal_b),
                        text_option("terms", "UK, India, trade deal"),
                        text_option("status", "pending"),
                    ],
                )
                await until(lambda: commands.callbacks(add_b), "the answer to the Discord watch add", cluster)
                deal_b_added = time.monotonic()
                await commands.discord("watches")
                await commands.telegram("/watches")
                await until(lambda: db.polled(deal_b), "the first poll of the Discord-added feed", cluster)
                script.publish("/deal-b.xml", await signed("The UK and India", "uk-india", watch_added_at=deal_b_added))
                script.rise("/soy.xml", "soybeans")
                script.rise("/corn.xml", "corn")
                await until(commands.all_answered, "every command's answer", cluster)

                # Settled: every alert of a delivered kind reached every subscribed chat, nothing left to send.
                def settled() -> bool:
                    delivered = Deliveries(db, tg, dc)
                    return (
                        delivered.watches() >= {"soy", "corn", "deal-a", "deal-b"}
                        and not delivered.missing()
                        and db.unsettled() == 0
                    )

                def state() -> str:
                    delivered = Deliveries(db, tg, dc)
                    outbox = db.rows("SELECT status, platform, count(*) FROM outbox GROUP BY status, platform")
                    alerts = db.rows("SELECT watch_id, kind, sources FROM alerts ORDER BY id")
                    feeds = db.rows("SELECT url, last_success_at, claimed_by, next_check_at FROM feeds")
                    entries = db.rows(
                        "SELECT f.url, e.title, e.first_seen_at FROM entries e JOIN feeds f ON f.id = e.feed_id"
                        " WHERE f.url LIKE '%%deal%%'"
                    )
                    states = db.rows(
                        "SELECT watch_id, state, updated_at FROM watch_states WHERE watch_id LIKE 'deal%%'"
                    )
                    feeds = [*feeds, *entries, *states]
                    answers = [dc.interaction_messages(p) for p in commands.interactions]
                    return (
                        f"alerts {alerts}\nmissing {delivered.missing()}\noutbox {outbox}\nfeeds {feeds}\n"
                        f"discord answers {answers}"
                    )

                await until(settled, "every alert delivered everywhere", cluster, details=state)
                conflicts_at_end, logs_at_end = tg.conflicts, cluster.logs()  # before the stop (see below)
                await asyncio.sleep(2 * SEND_DELAY + 1.0)  # a second answer or copy would have arrived by now
            finally:
                await cluster.stop()
        try:
            delivered = Deliveries(db, tg, dc)
            assert delivered.watches() >= {"soy", "corn", "deal-a", "deal-b"}, delivered.alerts
            assert not delivered.missing(), f"alerts not delivered: {delivered.missing()}"
            duplicates = delivered.telegram_duplicates()
            in_flight = cluster.in_flight_at_kills["telegram"]
            assert duplicates <= in_flight, f"{duplicates} Telegram copies, {in_flight} sends were in flight at kills"
            assert delivered.discord_copies() == 0, "a Discord repeat carries the first send's nonce and is dropped"
            answers = commands.answers_per_command()
            assert set(answers.values()) == {1}, f"every command answered exactly once: {answers}"
            # No 409 in the whole run: none before the kills (one poller), none at or after the takeover. Only the
            # final stop is left out: PTB's last getUpdates, sent while the fake still holds the stopping replica's
            # abandoned long poll, may get one there (the fake answers 409 to the newer request; Telegram would end
            # the older one).
            assert conflicts_before_takeover == 0 and conflicts_at_end == 0, f"{conflicts_at_end} answers 409"
            assert "Conflict" not in logs_at_end and "terminated by other getUpdates" not in logs_at_end
            if webhook:
                assert not tg.calls_to("getUpdates"), "webhook mode never long-polls"
            else:
                assert tg.calls_to("getUpdates")
            # One Discord gateway connection at a time, opened by the holder of discord-commands only: replica-0, then
            # replica-2; the three replicas delivered over REST all along.
            assert dc.most_sessions == 1, f"{dc.most_sessions} gateway connections were open at once"
            assert len(dc.identifies) == 2, f"{len(dc.identifies)} gateway sessions (replica-0, then replica-2)"
            connected = sorted({b.log_path.name for b in cluster.everyone if "Discord connected as" in b.log()})
            assert connected == ["replica-0.0.log", "replica-2.0.log"], connected
            return {
                "alerts": len(delivered.alerts),
                "deliveries": delivered.expected(),
                "telegram duplicates": duplicates,
                "telegram sends in flight at kills": in_flight,
                "discord repeats dropped": len(dc.dropped_duplicates),
                "commands": len(answers),
                "takeover": f"{took_over:.0f}s",
                "total": f"{time.monotonic() - started:.0f}s",
            }
        finally:
            db.close()


class Deliveries:
    """What reached the chats, per alert: Telegram messages and Discord messages naming the alert's source."""

    def __init__(self, db: Postgres, tg: SlowTelegram, dc: FakeDiscord) -> None:
        self.alerts = [
            (str(key), str(watch), list(sources))
            for key, watch, kind, sources in db.rows("SELECT key, watch_id, kind, sources FROM alerts ORDER BY id")
            if kind in DEFAULT_KINDS
        ]
        self.tg = tg
        self.dc = dc
        self.channels = [str(dc.channel_id), str(dc.other_channel_id)]

    def watches(self) -> set[str]:
        return {watch for _, watch, _ in self.alerts}

    def expected(self) -> int:
        return len(self.alerts) * (len(ALERT_CHATS) + len(self.channels))

    def _telegram(self) -> Counter[tuple[str, str]]:
        copies: Counter[tuple[str, str]] = Counter()
        for chat, text in self.tg.delivered:
            for key, _, sources in self.alerts:
                if sources and sources[0] in text:
                    copies[(chat, key)] += 1
        return copies

    def _discord(self) -> Counter[tuple[str, str]]:
        copies: Counter[tuple[str, str]] = Counter()
        for message in list(self.dc.messages.values()):
            shown = json.dumps(message.get("embeds") or [])
            for key, _, sources in self.alerts:
                if sources and sources[0] in shown:
                    copies[(str(message["channel_id"]), key)] += 1
        return copies

    def missing(self) -> list[tuple[str, str]]:
        telegram, discord_ = self._telegram(), self._discord()
        return [(chat, key) for chat in ALERT_CHATS for key, _, _ in self.alerts if not telegram[(chat, key)]] + [
            (channel, key) for channel in self.channels for key, _, _ in self.alerts if not discord_[(channel, key)]
        ]

    def telegram_duplicates(self) -> int:
        return sum(n - 1 for n in self._telegram().values())

    def discord_copies(self) -> int:
        return sum(n - 1 for n in self._discord().values())


async def test_three_replicas_survive_two_kills_losing_and_doubling_nothing(
    postgres_url: str, tmp_path: Path, feed_server: FeedServer
) -> None:
    """Issue 13's "done when", Telegram by long polling."""
    figures = await run_the_issue_scenario(
        postgres_url=postgres_url, tmp_path=tmp_path, feed_server=feed_server, webhook=False
    )
    print(f"\nlong polling: {figures}")


async def test_three_replicas_in_webhook_mode_survive_two_kills_losing_and_doubling_nothing(
    postgres_url: str, tmp_path: Path, feed_server: FeedServer
) -> None:
    """Issue 13's "done when", Telegram by webhook behind a load balancer."""
    figures = await run_the_issue_scenario(
        postgres_url=postgres_url, tmp_path=tmp_path, feed_server=feed_server, webhook=True
    )
    print(f"\nwebhook: {figures}")
