"""Digest mode, mute and quiet hours on SQLite and PostgreSQL: when each alert may reach a subscription.

A subscription in digest mode gets status and date changes at once and its low-priority alerts (by default
reports, value changes and deadline reminders) batched into one message at its digest times, in its time zone.
"""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from test_outbox import NOW, alert, store_alerts

from bot.channels.base import OutgoingMessage, SendResult, Target
from bot.outbox import Dispatcher, DispatchPolicy
from watchers.clock import SimulatedClock
from watchers.config.schema import SubscriptionConfig
from watchers.store.database import Database
from watchers.store.outbox import DeclaredSubscription, OutboxRepository
from watchers.store.preferences import held_until, next_digest_at
from watchers.store.tables import SubscriptionRow

KINDS = ("status", "date", "value", "report")
EVENING = {"timezone": "UTC", "digest": {"times": ["18:00"], "kinds": ["report", "value"]}}


class Recorder:
    platform = "telegram"

    def __init__(self) -> None:
        self.messages: list[tuple[str, OutgoingMessage]] = []

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        self.messages.append((target.address, message))
        return SendResult((f"m{len(self.messages)}",))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None: ...


def kinded(n: int, kind: str, minutes: int = 0) -> object:
    return dataclasses.replace(alert(n), kind=kind, at=NOW + timedelta(minutes=minutes))


async def subscribe(db: Database, prefs: dict[str, object], address: str = "1") -> None:
    sub = DeclaredSubscription("telegram", address, None, None, KINDS, prefs)
    await OutboxRepository(db).sync_declared([sub], now=NOW)


def dispatcher(db: Database, channel: Recorder, clock: SimulatedClock) -> Dispatcher:
    return Dispatcher(
        db, {"telegram": channel}, clock, watch_titles={"visit": "Visit"}, policy=DispatchPolicy(jitter=0.0)
    )


async def test_low_priority_alerts_wait_for_the_digest_and_arrive_as_one_message(db: Database) -> None:
    await subscribe(db, EVENING)
    await store_alerts(db, [kinded(1, "report"), kinded(2, "status", 5), kinded(3, "value", 10)])  # type: ignore[list-item]
    channel, clock = Recorder(), SimulatedClock(NOW)
    await dispatcher(db, channel, clock).run_once()
    assert [m.headline for _, m in channel.messages] == ["update 2"], "a status change is not held"
    statuses = sorted(r.status for r in await OutboxRepository(db).rows())
    assert statuses == ["digest", "digest", "sent"]

    clock.advance(timedelta(hours=5, minutes=59))
    await dispatcher(db, channel, clock).run_once()
    assert len(channel.messages) == 1, "nothing before the digest time"

    clock.advance(timedelta(minutes=1))
    await dispatcher(db, channel, clock).run_once()
    assert len(channel.messages) == 2
    digest = channel.messages[1][1]
    assert digest.kind == "digest" and digest.title == "Digest: 2 updates"
    assert [line.split(": ", 1)[1] for line in digest.details] == ["update 1", "update 3"], "oldest first"
    assert [s.url for s in digest.sources] == ["https://a.example/1", "https://a.example/3"]
    rows = await OutboxRepository(db).rows()
    assert sorted(r.status for r in rows) == ["digested", "digested", "sent", "sent"]
    await dispatcher(db, channel, clock).run_once()
    assert len(channel.messages) == 2, "a digest goes out once"


async def test_a_lone_held_alert_goes_out_as_itself(db: Database) -> None:
    await subscribe(db, EVENING)
    await store_alerts(db, [kinded(1, "report")])  # type: ignore[list-item]
    channel, clock = Recorder(), SimulatedClock(NOW + timedelta(hours=6))
    await dispatcher(db, channel, clock).run_once()
    assert [(m.kind, m.headline) for _, m in channel.messages] == [("report", "update 1")]
    assert [r.kind for r in await OutboxRepository(db).rows()] == ["alert"]


async def test_each_subscription_gets_its_own_digest(db: Database) -> None:
    repo = OutboxRepository(db)
    declared = [
        DeclaredSubscription("telegram", "1", None, None, KINDS, EVENING),
        DeclaredSubscription("telegram", "2", None, None, KINDS, {}),
    ]
    await repo.sync_declared(declared, now=NOW)
    await store_alerts(db, [kinded(1, "report"), kinded(2, "report", 1)])  # type: ignore[list-item]
    channel, clock = Recorder(), SimulatedClock(NOW)
    await dispatcher(db, channel, clock).run_once()
    assert [a for a, _ in channel.messages] == ["2", "2"], "no digest mode: at once"
    clock.advance(timedelta(hours=6))
    await dispatcher(db, channel, clock).run_once()
    assert [(a, m.kind) for a, m in channel.messages[2:]] == [("1", "digest")]


async def test_quiet_hours_hold_a_digest_until_they_end(db: Database) -> None:
    prefs = {"timezone": "UTC", "digest": {"times": ["18:00"]}, "quiet_hours": {"start": "17:00", "end": "19:30"}}
    await subscribe(db, prefs)
    await store_alerts(db, [kinded(1, "report"), kinded(2, "value")])  # type: ignore[list-item]
    channel, clock = Recorder(), SimulatedClock(NOW.replace(hour=18))
    await dispatcher(db, channel, clock).run_once()
    assert channel.messages == []
    clock.advance(timedelta(hours=1, minutes=30))
    await dispatcher(db, channel, clock).run_once()
    assert [m.kind for _, m in channel.messages] == ["digest"]


async def test_a_mute_holds_every_alert_until_it_ends_and_drops_none(db: Database) -> None:
    await subscribe(db, {"muted_until": (NOW + timedelta(hours=2)).isoformat()})
    await store_alerts(db, [alert(1), alert(2)])
    channel, clock = Recorder(), SimulatedClock(NOW)
    report = await dispatcher(db, channel, clock).run_once()
    assert channel.messages == [] and report.held == 1, "the target's first row is held; the second waits behind it"
    clock.advance(timedelta(hours=2))
    await dispatcher(db, channel, clock).run_once()
    assert [m.headline for _, m in channel.messages] == ["update 1", "update 2"]


async def test_switching_digest_off_releases_what_it_holds(db: Database) -> None:
    await subscribe(db, EVENING)
    await store_alerts(db, [kinded(1, "report"), kinded(2, "value")])  # type: ignore[list-item]
    repo = OutboxRepository(db)
    async with db.transaction() as session:
        (row,) = (await session.execute(select(SubscriptionRow))).scalars().all()
        row.prefs = {"timezone": "UTC"}  # as `settings digest off` does
        assert row.id is not None
        assert await repo.reschedule_held(session, [row.id], now=NOW) == 2
    channel = Recorder()
    await dispatcher(db, channel, SimulatedClock(NOW)).run_once()
    assert [m.headline for _, m in channel.messages] == ["update 1", "update 2"], "sent at once, each as itself"


async def test_two_dispatchers_compose_one_digest(db: Database) -> None:
    await subscribe(db, EVENING)
    await store_alerts(db, [kinded(n, "report", n) for n in range(1, 6)])  # type: ignore[misc]
    later = NOW + timedelta(hours=6)
    made = await asyncio.gather(*(OutboxRepository(db).compose_digests(now=later) for _ in range(4)))
    assert sum(made) == 1
    rows = await OutboxRepository(db).rows()
    assert [r.alert_keys for r in rows if r.kind == "digest"] == [[f"visit#{n}" for n in range(1, 6)]]


def test_digest_times_are_local_to_the_subscription() -> None:
    prefs = {"timezone": "Europe/Berlin", "digest": {"times": ["08:00", "18:00"]}}
    winter = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)  # 13:00 in Berlin
    assert next_digest_at(prefs, "report", winter) == datetime(2026, 1, 15, 17, 0, tzinfo=UTC)
    assert next_digest_at(prefs, "report", winter.replace(hour=18)) == datetime(2026, 1, 16, 7, 0, tzinfo=UTC)
    assert next_digest_at(prefs, "status", winter) is None, "only the digest's kinds wait"
    summer = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
    assert next_digest_at(prefs, "value", summer) == datetime(2026, 7, 15, 16, 0, tzinfo=UTC)
    assert next_digest_at({"digest": {"times": ["nonsense"]}}, "report", winter) is None, "bad rows never hold"


def test_a_mute_ending_in_quiet_hours_holds_until_they_end() -> None:
    prefs = {"quiet_hours": {"start": "22:00", "end": "07:00"}, "muted_until": "2026-03-01T23:00:00+00:00"}
    assert held_until(prefs, NOW) == datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    assert held_until({"muted_until": "not a date"}, NOW) is None
    assert held_until({"timezone": "Mars/Olympus", "quiet_hours": {"start": "11:00", "end": "13:00"}}, NOW) is not None


def test_config_digest_accepts_a_time_a_list_or_a_block_and_explains_mistakes() -> None:
    base = {"platform": "telegram", "target": "-100123"}
    assert SubscriptionConfig.model_validate({**base, "digest": "08:00"}).digest.times == ["08:00"]  # type: ignore[union-attr]
    block = SubscriptionConfig.model_validate({**base, "digest": {"times": ["18:00", "08:00"], "kinds": ["report"]}})
    assert block.digest is not None and block.digest.times == ["08:00", "18:00"]
    with pytest.raises(ValueError, match="not a time of day; write HH:MM"):
        SubscriptionConfig.model_validate({**base, "digest": ["8am"]})
    with pytest.raises(ValueError, match="unknown alert kinds bogus"):
        SubscriptionConfig.model_validate({**base, "digest": {"times": ["08:00"], "kinds": ["bogus"]}})


async def test_chat_settings_on_a_config_subscription_survive_a_restart(db: Database) -> None:
    await subscribe(db, {"timezone": "UTC"})
    repo = OutboxRepository(db)
    async with db.transaction() as session:
        (row,) = (await session.execute(select(SubscriptionRow))).scalars().all()
        row.prefs = {"timezone": "Europe/Berlin", "muted_until": "2026-03-02T00:00:00+00:00"}  # as `settings` does
    await subscribe(db, {"timezone": "UTC"})  # the next start declares the same thing
    (kept,) = await repo.subscriptions()
    assert kept.prefs["timezone"] == "Europe/Berlin", "an unchanged config leaves chat settings alone"
    await subscribe(db, {"timezone": "Asia/Tokyo"})  # the admin edited the YAML
    (changed,) = await repo.subscriptions()
    assert changed.prefs == {"timezone": "Asia/Tokyo"}, "a changed declaration wins"


async def test_unmuting_releases_held_alerts_and_new_digest_times_retime_them(db: Database) -> None:
    await subscribe(db, {**EVENING, "muted_until": (NOW + timedelta(days=1)).isoformat()})
    await store_alerts(db, [alert(1), kinded(2, "report"), kinded(3, "value")])  # type: ignore[list-item]
    channel, clock = Recorder(), SimulatedClock(NOW)
    await dispatcher(db, channel, clock).run_once()
    assert channel.messages == []
    repo = OutboxRepository(db)
    async with db.transaction() as session:
        (row,) = (await session.execute(select(SubscriptionRow))).scalars().all()
        row.prefs = {"timezone": "UTC", "digest": {"times": ["13:00"], "kinds": ["report", "value"]}}
        assert row.id is not None
        assert await repo.reschedule_held(session, [row.id], now=NOW) == 3
    await dispatcher(db, channel, clock).run_once()
    assert [m.headline for _, m in channel.messages] == ["update 1"], "the mute's hold is gone at once"
    clock.advance(timedelta(hours=1))
    await dispatcher(db, channel, clock).run_once()
    assert [m.kind for _, m in channel.messages] == ["status", "digest"], "the digest follows the new time"
