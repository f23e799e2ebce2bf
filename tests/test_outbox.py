"""The outbox and dispatcher on SQLite and PostgreSQL, with a scripted channel standing in for a platform.

The platform channels have their own tests against fake Telegram and Discord servers; here the channel is a
small in-memory platform that accepts messages or fails with the typed errors real channels raise, so the
dispatcher's bookkeeping (retry, order, dead, deactivate, migrate, recover, quiet hours) is what is tested.
"""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from bot.channels.base import (
    ChannelError,
    OutgoingMessage,
    PermanentError,
    RetryableError,
    SendResult,
    Target,
    TargetMigrated,
)
from bot.outbox import Dispatcher, DispatchPolicy
from watchers.clock import SimulatedClock
from watchers.store.database import Database
from watchers.store.feeds import FeedOutcome, FeedRepository
from watchers.store.outbox import DeclaredSubscription, OutboxRepository
from watchers.store.preferences import quiet_until
from watchers.store.tracking import TrackingRepository
from watchers.tracking.engine import EngineResult
from watchers.tracking.state import Alert, WatchState

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class ScriptedPlatform:
    """An in-memory chat platform: records deliveries per chat; ``fail[address]`` queues errors to raise."""

    platform = "telegram"

    def __init__(self) -> None:
        self.chats: dict[str, list[str]] = defaultdict(list)
        self.edits: list[tuple[str, tuple[str, ...], str]] = []
        self.fail: dict[str, list[ChannelError]] = defaultdict(list)
        self.calls = 0
        self.messages: dict[str, list[OutgoingMessage]] = defaultdict(list)

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        self.calls += 1
        await asyncio.sleep(0)
        if self.fail[target.address]:
            raise self.fail[target.address].pop(0)
        self.chats[target.address].append(message.headline)
        self.messages[target.address].append(message)
        return SendResult((f"{target.address}/{len(self.chats[target.address])}",))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        self.edits.append((target.address, message_ids, ", ".join(s.publisher for s in message.sources)))


def alert(n: int, watch: str = "visit") -> Alert:
    return Alert(
        key=f"{watch}#{n}",
        watch_id=watch,
        kind="status",
        at=NOW,
        old="planned",
        new=f"s{n}",
        confidence="confirmed",
        sources=[f"https://a.example/{n}"],
        text=f"Visit: update {n}\nSources: a.example",
        rule="test",
    )


async def subscribe(db: Database, *addresses: str, prefs: dict | None = None) -> None:  # type: ignore[type-arg]
    declared = [DeclaredSubscription("telegram", a, None, None, ("status", "date"), prefs or {}) for a in addresses]
    await OutboxRepository(db).sync_declared(declared, now=NOW)


async def store_alerts(db: Database, alerts: list[Alert], corroborations: list[tuple[str, str]] | None = None) -> None:
    result = EngineResult(alerts=alerts, corroborations=corroborations or [], touched={"visit"})
    states = {"visit": WatchState("visit", NOW, status="planned")}
    async with db.transaction() as session:
        await TrackingRepository(db).save(session, states, result, now=NOW)


def dispatcher(db: Database, channel: ScriptedPlatform, clock: SimulatedClock, **policy: object) -> Dispatcher:
    return Dispatcher(
        db,
        {"telegram": channel},
        clock,
        watch_titles={"visit": "Visit"},
        owners=[("telegram", "999")],
        policy=DispatchPolicy(jitter=0.0, **policy),  # type: ignore[arg-type]
        rng=random.Random(1),
    )


async def test_each_alert_reaches_each_subscriber_once(db: Database) -> None:
    await subscribe(db, "1", "2")
    await store_alerts(db, [alert(1), alert(2)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    report = await dispatcher(db, channel, clock).run_once()
    assert report.sent == 4
    assert channel.chats == {"1": ["update 1", "update 2"], "2": ["update 1", "update 2"]}
    assert (await dispatcher(db, channel, clock).run_once()).sent == 0, "sent rows are never sent again"
    assert {r.status for r in await OutboxRepository(db).rows()} == {"sent"}


async def test_retries_honour_retry_after_and_keep_each_chat_in_order(db: Database) -> None:
    await subscribe(db, "1", "2")
    await store_alerts(db, [alert(1), alert(2), alert(3)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    channel.fail["1"] = [RetryableError("flood", retry_after=30), RetryableError("5xx")]
    d = dispatcher(db, channel, clock)
    await d.run_once()
    assert channel.chats["2"] == ["update 1", "update 2", "update 3"], "other chats are not held up"
    assert channel.chats["1"] == [], "nothing overtakes the failed first alert"
    clock.advance(timedelta(seconds=29))
    await d.run_once()
    assert channel.chats["1"] == [], "Retry-After is honoured"
    clock.advance(timedelta(minutes=5))
    await d.run_once()
    clock.advance(timedelta(minutes=5))
    await d.run_once()
    assert channel.chats["1"] == ["update 1", "update 2", "update 3"]


async def test_gives_up_after_max_attempts(db: Database) -> None:
    await subscribe(db, "1")
    await store_alerts(db, [alert(1)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    channel.fail["1"] = [RetryableError("down")] * 10
    d = dispatcher(db, channel, clock, max_attempts=3)
    for _ in range(5):
        await d.run_once()
        clock.advance(timedelta(hours=2))
    row, notice = await OutboxRepository(db).rows()
    assert row.status == "dead" and "gave up after 3 attempts" in (row.last_error or "")
    assert notice.kind == "notice" and notice.address == "999" and notice.status == "sent", "the owner is told"


async def test_a_blocked_bot_deactivates_the_subscription_and_tells_the_owners(db: Database) -> None:
    await subscribe(db, "1")
    await store_alerts(db, [alert(1), alert(2)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    channel.fail["1"] = [PermanentError("Forbidden: bot was blocked by the user", deactivate=True)]
    await dispatcher(db, channel, clock).run_once()
    (sub,) = await OutboxRepository(db).subscriptions()
    assert not sub.active and "blocked" in (sub.deactivated_reason or "")
    await dispatcher(db, channel, clock).run_once()  # the notice is queued and delivered to the owner
    assert channel.chats["999"] and "telegram 1" in channel.chats["999"][0]
    statuses = [r.status for r in await OutboxRepository(db).rows() if r.kind == "alert"]
    assert statuses == ["dead", "dead"], "the queue of a dead subscription is closed, not retried forever"
    await store_alerts(db, [alert(3)])
    assert not [r for r in await OutboxRepository(db).rows() if r.alert_key == "visit#3"], "no new rows for it"


async def test_a_migrated_group_gets_the_alert_at_its_new_id(db: Database) -> None:
    await subscribe(db, "-123")
    await store_alerts(db, [alert(1)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    channel.fail["-123"] = [TargetMigrated("group upgraded", new_address="-100123")]
    await dispatcher(db, channel, clock).run_once()
    assert channel.chats["-100123"] == ["update 1"]
    (sub,) = await OutboxRepository(db).subscriptions()
    assert sub.address == "-100123"


async def test_rows_left_sending_by_a_crash_are_resent(db: Database) -> None:
    await subscribe(db, "1")
    await store_alerts(db, [alert(1)])
    claimed = await OutboxRepository(db).claim_due(NOW, limit=10)  # a dispatcher claimed it, then died
    assert len(claimed) == 1
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    d = dispatcher(db, channel, clock)
    if db.dialect == "postgresql":  # replicas share it: another may be sending this row now
        assert await d.recover() == 0, "a live claim is left to its holder"
        clock.advance(timedelta(minutes=3))  # past the claim's lease: its holder is gone
    assert await d.recover() == 1
    await d.run_once()
    assert channel.chats["1"] == ["update 1"]


async def test_a_held_alert_says_it_was_held_since_when_in_the_chats_zone(db: Database) -> None:
    quiet = {"timezone": "Europe/Berlin", "quiet_hours": {"start": "22:00", "end": "07:00"}}
    declared = [
        DeclaredSubscription("telegram", "1", None, None, ("status",), quiet),
        DeclaredSubscription("telegram", "2", None, None, ("status",), {}),
    ]
    await OutboxRepository(db).sync_declared(declared, now=NOW)
    night = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    result = EngineResult(alerts=[alert(1)], corroborations=[], touched={"visit"})
    async with db.transaction() as session:
        await TrackingRepository(db).save(
            session, {"visit": WatchState("visit", night, status="planned")}, result, now=night
        )
    channel, clock = ScriptedPlatform(), SimulatedClock(night)
    d = dispatcher(db, channel, clock)
    await d.run_once()
    clock.set(datetime(2026, 3, 2, 6, 1, tzinfo=UTC))  # 07:01 in Berlin
    await d.run_once()
    (held,) = channel.messages["1"]
    assert held.details[-1] == "held since 2026-03-01 23:30 CET (Europe/Berlin) (quiet hours)"
    assert held.plain_text.endswith("held since 2026-03-01 23:30 CET (Europe/Berlin) (quiet hours)")
    (prompt,) = channel.messages["2"]
    assert not any("held since" in line for line in prompt.details), "a chat without quiet hours got it at once"


async def test_quiet_hours_hold_alerts_until_morning(db: Database) -> None:
    await subscribe(db, "1", prefs={"timezone": "Europe/Berlin", "quiet_hours": {"start": "22:00", "end": "07:00"}})
    await store_alerts(db, [alert(1)])
    night = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    channel, clock = ScriptedPlatform(), SimulatedClock(night)
    d = dispatcher(db, channel, clock)
    assert (await d.run_once()).held == 1 and not channel.chats["1"]
    clock.set(datetime(2026, 3, 2, 6, 1, tzinfo=UTC))  # 07:01 in Berlin
    await d.run_once()
    assert channel.chats["1"] == ["update 1"]
    assert (
        quiet_until({"quiet_hours": {"start": "22:00", "end": "07:00"}}, datetime(2026, 3, 1, 12, tzinfo=UTC)) is None
    )


async def test_corroboration_edits_the_sent_message(db: Database) -> None:
    await subscribe(db, "1")
    await store_alerts(db, [alert(1)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    d = dispatcher(db, channel, clock)
    await d.run_once()
    await store_alerts(db, [], corroborations=[("visit#1", "https://b.example/x")])
    await d.run_once()
    assert channel.edits == [("1", ("1/1",), "a.example, b.example")]
    assert len(channel.chats["1"]) == 1, "corroboration never sends a second message"


async def test_a_paused_feed_notice_reaches_the_owners(db: Database) -> None:
    feeds = FeedRepository(db)
    await feeds.sync_declared({"https://x.example/rss": timedelta(minutes=5)}, now=NOW)
    (feed,) = await feeds.claim_due(NOW, limit=1)
    await feeds.record_outcomes([FeedOutcome(feed.id, NOW, NOW, 500, None, "http", "HTTP 500")], max_failures=1)
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    await dispatcher(db, channel, clock).run_once()
    assert channel.chats["999"] == ["https://x.example/rss"]


async def test_two_dispatchers_never_send_the_same_row(db: Database) -> None:
    await subscribe(db, *[str(i) for i in range(40)])
    await store_alerts(db, [alert(1), alert(2)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    other = Database(db.url.render_as_string(hide_password=False))
    try:
        first = dispatcher(db, channel, clock, batch_size=7)
        second = dispatcher(other, channel, clock, batch_size=7)
        await asyncio.gather(first.run_once(), second.run_once(), first.run_once(), second.run_once())
    finally:
        await other.dispose()
    assert all(chat == ["update 1", "update 2"] for chat in channel.chats.values())
    assert len(channel.chats) == 40 and channel.calls == 80


async def test_the_same_change_stored_twice_is_one_alert_and_one_delivery(db: Database) -> None:
    """A tick or a batch processed twice (a replica taking over mid-batch) cannot store or send two alerts: the
    database refuses the second copy of the change, even under another alert key."""
    await subscribe(db, "1")
    await store_alerts(db, [alert(1)])
    again = Alert(**{**alert(1).__dict__, "key": "visit#99"})  # the same change, numbered again by a stale state
    await store_alerts(db, [again])
    rows = await OutboxRepository(db).rows()
    assert [r.alert_key for r in rows] == ["visit#1"]
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    await dispatcher(db, channel, clock).run_once()
    assert channel.chats["1"] == ["update 1"]
