"""Several replicas on one database: one-owner roles by lease, takeover when a holder dies, watch changes seen by all.

The lease and role tests run on SQLite and PostgreSQL with a simulated clock. The end-to-end test starts three real
`followup run` processes on one PostgreSQL against the fake Telegram, which answers 409 to a second concurrent
getUpdates as Telegram does: exactly one replica polls, a command is answered once, and when the holder is
SIGKILLed another replica takes Telegram over and answers the next command, with no 409 seen after the takeover.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from run_helpers import Bot, bot_env, wait_until

from bot.roles import Role, RoleManager
from watchers.clock import SimulatedClock
from watchers.config.schema import Settings, WatchConfig
from watchers.store.database import Database
from watchers.store.leases import LeaseRepository
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


async def test_a_watch_added_by_one_replica_is_tracked_by_another_within_a_tick(db: Database) -> None:
    clock = SimulatedClock(NOW)
    settings = Settings()
    first, second = WatchRegistry(db, settings, clock), WatchRegistry(db, settings, clock)
    await first.start([], first_check={})
    await second.start([], first_check={})
    assert not await second.follow_changes()  # the first look only remembers
    watch = WatchConfig.model_validate(
        {
            "id": "bridge",
            "title": "Bridge opening",
            "kind": "event",
            "feeds": [{"url": "https://example.com/feed.xml"}],
            "match": {"any": ["bridge"]},
            "baseline": {"status": "planned", "as_of": "2026-11-01"},
        }
    )
    async with db.transaction() as session:
        await first._repo.put(session, watch, source="chat", by="telegram:1", now=NOW)
    await first.reload()
    assert await second.follow_changes(), "the table changed: the second replica reloads"
    assert second.get("bridge") is not None and "bridge" in second.build_engine().watches
    assert not await second.follow_changes(), "nothing new: no reload"


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


async def test_three_replicas_share_one_telegram_token_without_conflict(
    postgres_url: str, fake_tg: FakeTelegram, tmp_path: Path
) -> None:
    config = tmp_path / "watches.yaml"
    config.write_text(CONFIG)
    env = bot_env(
        tmp_path / "unused.db",
        DATABASE_URL=postgres_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake_tg.url,
        FOLLOWUP_CONFIG=str(config),
    )
    bots: list[Bot] = []
    try:
        for n in range(3):
            replica_env = {
                **env,
                "FOLLOWUP_REPLICA": f"replica-{n}",
                "FOLLOWUP_HEARTBEAT_FILE": str(tmp_path / f"{n}.hb"),
            }
            bots.append(await Bot.start("run", env=replica_env, log_path=tmp_path / f"replica-{n}.log"))

        def holder() -> Bot | None:
            held = [
                b for b in bots if b.process.returncode is None and "now holds the telegram-commands role" in b.log()
            ]
            return held[-1] if held else None

        assert await wait_until(lambda: holder() is not None, 60), "\n".join(b.log()[-2000:] for b in bots)
        assert await wait_until(lambda: bool(fake_tg.calls_to("setMyCommands")), 30)
        first = holder()
        assert first is not None
        answered = await _ask(fake_tg, "/watches")
        assert len(answered) == 1, f"one answer per command, got {len(answered)}"
        assert fake_tg.conflicts == 0, "only the holder polls getUpdates"

        first.signal(signal.SIGKILL)
        await first.wait(10)
        survivors = [b for b in bots if b is not first]
        took_over = await wait_until(
            lambda: any("now holds the telegram-commands role" in b.log() for b in survivors), 75
        )
        assert took_over, "\n".join(b.log()[-3000:] for b in survivors)
        conflicts_at_takeover = fake_tg.conflicts
        answered = await _ask(fake_tg, "/help")
        assert len(answered) == 1, f"answered {len(answered)} times after the takeover"
        await asyncio.sleep(2)
        assert fake_tg.conflicts == conflicts_at_takeover, "no 409 after the takeover"
    finally:
        await _stop_all(bots)


async def _ask(fake_tg: FakeTelegram, text: str, *, user: int = 1001) -> list[object]:
    mark = len(fake_tg.calls)
    fake_tg.inject_command(text, chat_id=user, user_id=user)
    await wait_until(lambda: bool(fake_tg.sent_to(user, after=mark)), 30)
    await asyncio.sleep(1.5)  # a second replica answering too would have done so by now
    return list(fake_tg.sent_to(user, after=mark))


async def test_in_webhook_mode_any_replica_answers_and_a_retried_update_once(
    postgres_url: str, fake_tg: FakeTelegram, tmp_path: Path
) -> None:
    """Three replicas behind a (simulated) load balancer: Telegram's post reaches any of them; a retry of the same
    update reaching another replica is not answered twice; a post without the secret is refused; with one replica
    SIGKILLed the others go on answering. Nobody long-polls (no getUpdates, no 409)."""
    import aiohttp
    from run_helpers import free_port

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
