"""The watch registry: config watches synced at start, chat edits overriding them, and changes applied live.

The end-to-end test is the issue's "done when": a watch added from chat is polled and alerts without a restart,
with the real poller, tracker and database (SQLite and PostgreSQL) and a local feed server.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from command_fixtures import NOW, caller_for, command_world
from feedserver import FeedItem, FeedServer
from sqlalchemy import select

from watchers.clock import SimulatedClock
from watchers.config import load_config_text
from watchers.config.schema import WatchConfig
from watchers.store.database import Database
from watchers.store.feeds import FeedRepository
from watchers.store.outbox import OutboxRepository
from watchers.store.tables import WatchRow
from watchers.store.tracking import TrackingRepository
from watchers.tracking.registry import WatchRegistry

CONFIG = """
settings: {allow_private_feeds: true}
watches:
  - id: alpha
    title: Alpha visit
    kind: event
    feeds: [https://feeds.example.com/alpha.xml, https://feeds.example.com/shared.xml]
    match: {any: [alpha]}
    baseline: {status: planned, as_of: 2026-11-01}
  - id: beta
    title: Beta deal
    kind: agreement
    feeds: [https://feeds.example.com/shared.xml]
    match: {any: [beta]}
    baseline: {status: pending, as_of: 2026-11-01}
"""


def watches(text: str = CONFIG) -> list[WatchConfig]:
    return load_config_text(text).watches


async def feed_urls(db: Database) -> set[str]:
    return {f.url for f in await FeedRepository(db).health()}


async def test_config_watches_are_synced_and_chat_edits_override_them(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = SimulatedClock(NOW)
    config = load_config_text(CONFIG)
    registry = WatchRegistry(db, config.settings, clock)
    sync = await registry.start(config.watches)
    assert (sync.added, sync.overridden) == (2, ())
    assert [w.id for w in registry.effective()] == ["alpha", "beta"]
    assert registry.titles["beta"] == "Beta deal"
    assert await feed_urls(db) == {"https://feeds.example.com/alpha.xml", "https://feeds.example.com/shared.xml"}

    # A chat edit of a config watch: it becomes source "chat" and a restart keeps it, with a warning.
    edited = config.watches[0].model_copy(update={"title": "Alpha state visit"})
    async with db.transaction() as session:
        await registry._repo.put(session, edited, source="chat", by="telegram:1", now=clock.now())
    restarted = WatchRegistry(db, config.settings, clock)
    with caplog.at_level(logging.WARNING):
        sync = await restarted.start(config.watches)
    assert sync.overridden == ("alpha",)
    assert "alpha was changed from chat" in caplog.text
    assert restarted.titles["alpha"] == "Alpha state visit"

    # A config watch dropped from the file goes; the chat-owned one stays.
    only_alpha = CONFIG.split("  - id: beta")[0]
    again = WatchRegistry(db, config.settings, clock)
    sync = await again.start(watches(only_alpha))
    assert sync.removed == 1 and [w.id for w in again.all()] == ["alpha"]
    async with db.session() as session:
        assert [r.id for r in (await session.execute(select(WatchRow))).scalars()] == ["alpha"]


async def test_removing_a_config_watch_from_chat_survives_a_restart(database_url: str) -> None:
    async with command_world(database_url) as world:
        reply = await world.service.execute(
            caller_for("telegram", "owner", "private"), "watch remove", {"watch": "trump-beijing-visit"}
        )
        assert reply.ok, reply.text
        registry = WatchRegistry(world.svc.db, world.config.settings, world.clock)
        await registry.start(world.config.watches)
        assert registry.get("trump-beijing-visit") is None
        assert "trump-beijing-visit" not in {w.id for w in registry.effective()}


async def test_pausing_stops_polling_and_tracking_and_resuming_restores_them(database_url: str) -> None:
    async with command_world(database_url) as world:
        owner = caller_for("telegram", "owner", "private")
        trump_feed = world.config.watch("trump-beijing-visit").feed_urls[0]  # type: ignore[union-attr]
        assert trump_feed in await feed_urls(world.svc.db)
        assert (await world.service.execute(owner, "watch pause", {"watch": "trump-beijing-visit"})).ok
        assert trump_feed not in await feed_urls(world.svc.db)
        assert "trump-beijing-visit" not in world.svc.tracker.engine.watches
        assert (await world.service.execute(owner, "watch resume", {"watch": "trump-beijing-visit"})).ok
        assert trump_feed in await feed_urls(world.svc.db)
        assert "trump-beijing-visit" in world.svc.tracker.engine.watches


async def test_a_watch_added_from_chat_is_polled_and_alerts_without_a_restart(
    database_url: str, feed_server: FeedServer
) -> None:
    old = FeedItem(
        "EU and US begin trade talks",
        "https://news.example.com/eu-talks",
        summary="The EU and the US began talks on a trade deal.",
        published=NOW - timedelta(days=1),
    )
    feed_server.set_feed("/eu.xml", [old])
    async with command_world(database_url, feed_server=feed_server) as world:
        admin = caller_for("telegram", "admin", "private")
        args = {
            "id": "eu-us-trade-deal",
            "title": "EU-US trade deal",
            "kind": "agreement",
            "feed": feed_server.url("/eu.xml"),
            "terms": "EU, trade deal",
            "status": "pending",
        }
        added = await world.service.execute(admin, "watch add", args)
        assert added.ok, added.text
        subscribed = await world.service.execute(
            caller_for("telegram", "member", "private"), "subscribe", {"watch": "eu-us-trade-deal"}
        )
        assert subscribed.ok, subscribed.text
        # The running poller finds the new feed due at once; its first poll only records what is there.
        first = await world.svc.poller.poll_due()
        assert first.polled == 1 and not first.failures, first
        assert world.svc.registry.titles["eu-us-trade-deal"] == "EU-US trade deal"  # what the dispatcher renders

        signed = FeedItem(
            "EU and US sign trade deal",
            "https://news.example.com/eu-signed",
            summary="The EU and the United States signed the trade deal on Monday, officials said.",
            published=NOW + timedelta(minutes=10),
        )
        feed_server.set_feed("/eu.xml", [old, signed])
        world.clock.set(NOW + timedelta(minutes=20))
        report = await world.svc.poller.poll_due()
        assert not report.failures, report.failures
        world.svc.tracker.flush()
        alerts = await TrackingRepository(world.svc.db).alerts(watch_id="eu-us-trade-deal")
        assert [(a.kind, a.old, a.new) for a in alerts] == [("status", "pending", "signed")]
        rows = [r for r in await OutboxRepository(world.svc.db).rows() if r.alert_key == alerts[0].key]
        # The chat that subscribed from chat gets it (and the console, subscribed to everything without tokens).
        assert ("telegram", "1004", "pending") in [(r.platform, r.address, r.status) for r in rows]
