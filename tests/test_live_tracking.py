"""A running bot raises the same alerts from live polling that replay raises from the same feeds.

The labelled fixture stream is served from a real HTTP server on 127.0.0.1, revealed day by day as a
simulated clock advances; the real poller, tracker and database (SQLite and PostgreSQL) process it. The
stored alerts must equal `replay`'s, source lists included.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from feedserver import FeedItem, FeedServer

from bot.environment import Environment
from watchers.clock import SimulatedClock
from watchers.config import FollowupConfig, load_config
from watchers.config.schema import FeedRef
from watchers.feeds.parse import parse_feed
from watchers.feeds.types import ParsedEntry
from watchers.store.tracking import TrackingRepository
from watchers.tracking.replay import replay_entries

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "tests" / "fixtures" / "founding-2025.yaml"  # the founding baselines the tests are written against
STREAM = ROOT / "tests" / "fixtures" / "stream"


def fixture_feeds() -> dict[str, list[ParsedEntry]]:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    return {p.name: list(parse_feed(p.read_bytes(), now=now).entries) for p in sorted(STREAM.glob("*.xml"))}


def local_config(server: FeedServer, names: list[str]) -> FollowupConfig:
    config = load_config(FOUNDING)
    feeds = [FeedRef(url=server.url(f"/{name}")) for name in names]
    watches = [w.model_copy(update={"feeds": feeds if i == 0 else []}) for i, w in enumerate(config.watches)]
    settings = config.settings.model_copy(update={"allow_private_feeds": True})
    return config.model_copy(update={"watches": watches, "settings": settings})


def serve_until(server: FeedServer, feeds: dict[str, list[ParsedEntry]], moment: datetime) -> None:
    for name, entries in feeds.items():
        visible = [
            FeedItem(e.title, e.link, e.guid, e.summary, e.published)
            for e in entries
            if e.published is not None and e.published <= moment
        ]
        server.set_feed(f"/{name}", visible)


def signature(alerts: list) -> list[tuple[str, str, str, object, object, frozenset[str]]]:  # type: ignore[type-arg]
    return sorted((a.watch_id, a.kind, a.at.isoformat(), a.old, a.new, frozenset(a.sources)) for a in alerts)


async def test_live_polling_raises_the_same_alerts_as_replay(database_url: str, feed_server: FeedServer) -> None:
    from bot.app import services

    feeds = fixture_feeds()
    config = local_config(feed_server, list(feeds))
    expected = replay_entries(config, [(n, e) for n, e in feeds.items()], until=datetime(2026, 7, 1, tzinfo=UTC))

    start = min(w.baseline.as_of for w in config.watches)
    clock = SimulatedClock(start)
    env = Environment(None, None, database_url, FOUNDING)
    serve_until(feed_server, feeds, start)
    async with services(env, config, clock=clock, rng=random.Random(3), trust_env=False) as svc:
        first = await svc.poller.poll_now()
        assert not first.failures, first.failures
        # Poll whenever something is published (a bot polling often), and check deadlines every midnight.
        end = datetime(2026, 7, 1, tzinfo=UTC)
        midnights = [
            datetime.combine(start.date() + timedelta(days=d), datetime.min.time(), tzinfo=UTC)
            for d in range(1, (end.date() - start.date()).days + 1)
        ]
        publications = {
            e.published for entries in feeds.values() for e in entries if e.published and e.published > start
        }
        events = sorted([(m, "tick") for m in midnights] + [(p, "poll") for p in publications if p <= end])
        for moment, what in events:
            clock.set(moment)
            if what == "tick":
                await svc.tracker.tick(moment)
                continue
            serve_until(feed_server, feeds, moment)
            report = await svc.poller.poll_now()
            assert not report.failures, report.failures
        stored = await TrackingRepository(svc.db).alerts()
        async with svc.db.session() as session:
            # every watch has been saved by now, so no config baseline is needed in its place
            saved = await TrackingRepository(svc.db).load_states(
                session, svc.tracker.engine.initial_states(), lock=False
            )
    assert signature(stored) == signature(expected.alerts)
    assert len(stored) >= 15
    # the headlines read are saved with the state (a restart still knows an old story resurfacing)
    assert all(state is not None and state.headlines for state in saved.values())
