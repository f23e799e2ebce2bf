"""Deliveries that die are kept, shown and recoverable: the store, the owners' notice, `followup outbox` and chat.

A subscriber who never got an alert must not depend on someone reading a log line: the row stays ``dead`` with
its error, the owners hear once per target a day, and an operator lists, retries or drops it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bounds import Bounds
from test_outbox import NOW, ScriptedPlatform, alert, dispatcher, store_alerts, subscribe

from bot.channels.base import PermanentError, RetryableError
from watchers.clock import SimulatedClock
from watchers.store.database import Database
from watchers.store.dead_deliveries import DeadDeliveries
from watchers.store.outbox import OutboxRepository
from watchers.store.tables import AdminNotice

# Bounds (tests/bounds.py):
# The slowest case runs `followup outbox` three times as subprocesses (about 23 s on a loaded machine);
# the in-process ones stay under 1 MiB. A retry loop without end would break the time bound.
BOUNDS = Bounds(seconds=90, mib=96)


async def _kill_two_alerts_to_chat_1(db: Database) -> tuple[ScriptedPlatform, SimulatedClock]:
    await subscribe(db, "1", "2")
    await store_alerts(db, [alert(1), alert(2)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    channel.fail["1"] = [RetryableError("Bad Gateway")] * 4
    d = dispatcher(db, channel, clock, max_attempts=2)
    for _ in range(6):
        await d.run_once()
        clock.advance(timedelta(hours=2))
    return channel, clock


async def test_a_dead_delivery_is_kept_listed_and_the_owners_are_told_once(db: Database) -> None:
    channel, _ = await _kill_two_alerts_to_chat_1(db)
    assert channel.chats["2"] == ["update 1", "update 2"]
    dead = await DeadDeliveries(db).find()
    assert [(d.target, d.kind, d.what.split(":")[0]) for d in dead] == [
        ("telegram 1", "alert", "visit"),
        ("telegram 1", "alert", "visit"),
    ]
    assert all("gave up after 2 attempts: Bad Gateway" in d.error for d in dead)
    async with db.session() as session:
        from sqlalchemy import select

        notices = (await session.execute(select(AdminNotice))).scalars().all()
    assert [(n.kind, n.subject) for n in notices] == [("delivery_failed", "telegram 1")], "one notice for two rows"
    assert "followup outbox retry" in notices[0].message
    assert channel.chats["999"] == ["telegram 1"], "the owner got the notice (its headline names the target)"


async def test_retry_sends_dead_rows_again_in_order_and_drop_deletes(db: Database) -> None:
    channel, clock = await _kill_two_alerts_to_chat_1(db)
    dead = DeadDeliveries(db)
    first, second = sorted(d.id for d in await dead.find())
    outcome = await dead.retry([first, second, 4242], now=clock.now())
    assert outcome.queued == (first, second) and outcome.refused == ((4242, "no dead row has this id"),)
    await dispatcher(db, channel, clock).run_once()
    assert channel.chats["1"] == ["update 1", "update 2"], "delivered, in their original order"
    assert await dead.find() == []
    assert await dead.drop(None) == []


async def test_a_switched_off_subscription_is_not_retried(db: Database) -> None:
    await subscribe(db, "1")
    await store_alerts(db, [alert(1), alert(2)])
    channel, clock = ScriptedPlatform(), SimulatedClock(NOW)
    channel.fail["1"] = [PermanentError("Forbidden: bot was blocked by the user", deactivate=True)]
    await dispatcher(db, channel, clock).run_once()
    dead = DeadDeliveries(db)
    rows = await dead.find()
    assert len(rows) == 2 and not any(r.subscription_active for r in rows)
    outcome = await dead.retry(None, now=clock.now())
    assert outcome.queued == () and all("switched off" in why for _, why in outcome.refused)
    assert sorted(await dead.drop([r.id for r in rows])) == sorted(r.id for r in rows)
    assert await dead.count() == 0
    statuses = {r.status for r in await OutboxRepository(db).rows()}
    assert "dead" not in statuses


def _followup(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "outbox", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "DATABASE_URL": db_url},
    )


async def test_the_outbox_command_lists_retries_and_drops(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/followup.db"
    db = Database(url)
    await db.migrate()
    try:
        await _kill_two_alerts_to_chat_1(db)
        ids = sorted(d.id for d in await DeadDeliveries(db).find())
    finally:
        await db.dispose()

    listed = _followup(url, "list")
    assert listed.returncode == 0, listed.stderr
    assert "2 dead deliveries" in listed.stdout and f"#{ids[0]}" in listed.stdout and "telegram 1" in listed.stdout
    assert "after 2 attempts: gave up after 2 attempts: Bad Gateway" in listed.stdout

    usage = _followup(url, "retry")
    assert usage.returncode == 2 and "say which rows" in usage.stderr
    bad = _followup(url, "drop", "twelve")
    assert bad.returncode == 2 and "invalid int value" in bad.stderr

    retried = _followup(url, "retry", str(ids[0]), "999")
    assert retried.returncode == 1
    assert f"queued again: #{ids[0]}" in retried.stdout and "#999 left as it is: no dead row" in retried.stderr
    dropped = _followup(url, "drop", "--all")
    assert dropped.returncode == 0 and f"dropped: #{ids[1]}" in dropped.stdout
    assert "no dead deliveries" in _followup(url, "list").stdout

    unreachable = _followup("postgresql://u:secret@127.0.0.1:1/x", "list")
    assert unreachable.returncode == 3 and "cannot use the database" in unreachable.stderr
    assert "secret" not in unreachable.stderr


async def test_chat_health_shows_dead_deliveries_and_how_to_act(tmp_path: Path) -> None:
    from command_fixtures import caller_for, command_world

    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        await _kill_two_alerts_to_chat_1(world.service.ctx.db)
        reply = await world.service.execute(caller_for("telegram", "admin", "private"), "health", {})
    assert reply.ok
    assert "not delivered after every attempt (dead): 2" in reply.text, reply.text
    assert "telegram 1 alert: visit" in reply.text and "followup outbox retry ID" in reply.text


async def test_metrics_count_dead_deliveries(db: Database) -> None:
    from bot.metrics import Metrics

    await _kill_two_alerts_to_chat_1(db)
    metrics = Metrics()
    await metrics.refresh(db)
    text = metrics.render().decode()
    assert 'followup_outbox_rows{status="dead"} 2.0' in text, text
