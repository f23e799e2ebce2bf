"""The poll cycle end to end: a real feed server on 127.0.0.1, a real fetcher, real SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from feedserver import FeedItem, FeedServer
from sqlalchemy.ext.asyncio import AsyncSession

from watchers.clock import SimulatedClock
from watchers.feeds.fetch import FeedFetcher
from watchers.feeds.parse import ParsePool
from watchers.feeds.poller import FeedPoller, PollPolicy
from watchers.store.database import Database
from watchers.store.entries import NewEntry
from watchers.store.feeds import FeedRepository

START = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)


def items(n: int, start: int = 0) -> list[FeedItem]:
    return [
        FeedItem(
            f"Story {i}",
            f"https://news.example/{i}?utm_source=rss",
            summary=f"Body {i}",
            published=START - timedelta(hours=i),
        )
        for i in range(start, start + n)
    ]


async def _poller(db: Database, fetcher: FeedFetcher, clock: SimulatedClock, **kw: object) -> FeedPoller:
    policy = PollPolicy(max_failures=int(kw.pop("max_failures", 20)), jitter=0.0)  # type: ignore[call-overload]
    return FeedPoller(db, fetcher, clock, policy=policy, rng=random.Random(1), **kw)  # type: ignore[arg-type]


async def declare(db: Database, urls: Sequence[str], clock: SimulatedClock, minutes: int = 15) -> FeedRepository:
    feeds = FeedRepository(db)
    await feeds.sync_declared({u: timedelta(minutes=minutes) for u in urls}, now=clock.now())
    return feeds


async def test_new_entries_once_then_304s_and_changes(db: Database, feed_server: FeedServer, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    feed_server.set_feed("/a.xml", items(3))
    await declare(db, [feed_server.url("/a.xml")], clock)
    poller = await _poller(db, fetcher, clock)

    first = await poller.poll_due()
    assert sorted(e.entry.title for e in first.new_entries) == ["Story 0", "Story 1", "Story 2"]
    assert first.changed == 1

    assert (await poller.poll_due()).polled == 0, "not due again before its interval"
    clock.advance(timedelta(minutes=16))
    second = await poller.poll_due()
    assert second.polled == 1 and second.not_modified == 1 and second.new_entries == []
    conditional = feed_server.requests_for("/a.xml")[-1]
    assert conditional.headers.get("if-none-match"), "the stored ETag is sent back"

    feed_server.set_feed("/a.xml", items(4))  # one new story on top
    clock.advance(timedelta(minutes=16))
    third = await poller.poll_due()
    assert [e.entry.title for e in third.new_entries] == ["Story 3"]


async def test_same_body_without_validators_is_not_parsed_twice(
    db: Database, feed_server: FeedServer, fetcher: FeedFetcher
):
    clock = SimulatedClock(START)
    feed_server.set_feed("/plain.xml", items(2), etag=False, last_modified=None)
    await declare(db, [feed_server.url("/plain.xml")], clock)
    poller = await _poller(db, fetcher, clock)
    assert len((await poller.poll_now()).new_entries) == 2
    again = await poller.poll_now()
    assert again.not_modified == 1 and again.changed == 0
    assert "if-none-match" not in feed_server.requests_for("/plain.xml")[-1].headers


async def test_failures_back_off_exponentially_and_pause_the_feed(
    db: Database, feed_server: FeedServer, fetcher: FeedFetcher
):
    clock = SimulatedClock(START)
    feed_server.set_status("/broken.xml", 500)
    feeds = await declare(db, [feed_server.url("/broken.xml")], clock, minutes=1)
    poller = await _poller(db, fetcher, clock, max_failures=4)
    delays = []
    for _ in range(4):
        report = await poller.poll_due()
        assert report.polled == 1 and report.failures[0].kind == "http"
        (health,) = await feeds.health()
        delays.append((health.next_check_at - clock.now()).total_seconds())
        clock.set(health.next_check_at)
    assert delays[:3] == [120.0, 240.0, 480.0], "interval x 2^failures"
    (health,) = await feeds.health()
    assert health.paused and "500" in (health.last_error or "")
    assert report.paused == [feed_server.url("/broken.xml")]
    assert len(await feeds.admin_notices()) == 1
    clock.advance(timedelta(days=3))
    assert (await poller.poll_due()).polled == 0


async def test_retry_after_is_a_floor(db: Database, feed_server: FeedServer, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    feed_server.set_status("/busy.xml", 429, headers={"Retry-After": "3600"})
    feeds = await declare(db, [feed_server.url("/busy.xml")], clock, minutes=1)
    poller = await _poller(db, fetcher, clock)
    await poller.poll_due()
    (health,) = await feeds.health()
    assert health.next_check_at - clock.now() == timedelta(hours=1)


async def test_max_age_is_a_floor_on_success(db: Database, feed_server: FeedServer, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    feed_server.set_feed("/cached.xml", items(1), cache_control="public, max-age=7200")
    feeds = await declare(db, [feed_server.url("/cached.xml")], clock, minutes=5)
    poller = await _poller(db, fetcher, clock)
    await poller.poll_due()
    (health,) = await feeds.health()
    assert health.next_check_at - clock.now() == timedelta(hours=2)


async def test_a_broken_feed_does_not_stop_the_others(db: Database, feed_server: FeedServer, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    feed_server.set_feed("/good.xml", items(2))
    feed_server.set_document("/page.html", b"<html><body><h1>Hello</h1></body></html>", content_type="text/html")
    feeds = await declare(db, [feed_server.url("/good.xml"), feed_server.url("/page.html")], clock)
    poller = await _poller(db, fetcher, clock)
    report = await poller.poll_due()
    assert len(report.new_entries) == 2
    assert [(f.kind, f.url) for f in report.failures] == [("not_a_feed", feed_server.url("/page.html"))]
    health = {h.url: h for h in await feeds.health()}
    assert "not" in (health[feed_server.url("/page.html")].last_error or "").lower()


async def test_the_sink_runs_in_the_entries_transaction(db: Database, feed_server: FeedServer, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    feed_server.set_feed("/s.xml", items(2))
    await declare(db, [feed_server.url("/s.xml")], clock)
    calls: list[tuple[int, bool]] = []
    fail = True

    async def sink(session: AsyncSession, entries: Sequence[NewEntry], *, seeding: bool) -> None:
        calls.append((len(entries), seeding))
        if fail:
            raise RuntimeError("tracker bug")

    poller = await _poller(db, fetcher, clock, sink=sink)
    report = await poller.poll_now()
    assert report.failures[0].kind == "internal" and report.new_entries == []
    fail = False
    report = await poller.poll_now()
    assert len(report.new_entries) == 2, "the failed transaction stored nothing, so the entries are new again"
    assert calls == [(2, True), (2, True)], "a feed that never succeeded only seeds"
    feed_server.set_feed("/s.xml", items(3))
    await poller.poll_now()
    assert calls[-1] == (1, False)


async def test_many_feeds_parse_in_worker_processes(db: Database, feed_server: FeedServer, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    urls = []
    for n in range(4):
        feed_server.set_feed(f"/m{n}.xml", items(2, start=10 * n), etag=n % 2 == 0)
        urls.append(feed_server.url(f"/m{n}.xml"))
    await declare(db, urls, clock)
    pool = ParsePool(workers=1, min_batch=3)
    try:
        async with FeedPoller(db, fetcher, clock, policy=PollPolicy(jitter=0.0), parser=pool) as poller:
            report = await poller.poll_due()
        assert pool.started, "a poller leaves a pool it was given to its owner"
    finally:
        await pool.aclose()
    assert report.changed == 4 and not report.failures
    assert sorted(e.entry.title for e in report.new_entries) == sorted(
        f"Story {10 * n + i}" for n in range(4) for i in (0, 1)
    )
    assert all(e.entry.summary == "" and e.entry.link for e in report.new_entries), "reports keep no summaries"


async def test_poller_closes_the_parse_pool_it_made(db: Database, fetcher: FeedFetcher):
    clock = SimulatedClock(START)
    async with FeedPoller(db, fetcher, clock) as poller:
        parser = poller._parser
        assert (await poller.poll_due()).polled == 0
    assert not parser.started


def test_a_report_counts_every_new_entry_but_lists_a_bounded_number() -> None:
    """A first poll of thousands of feeds finds hundreds of thousands of entries: the report counts them all and
    lists the first REPORTED_ENTRIES (without summaries), so it never holds them all at once."""
    from watchers.feeds.poller import REPORTED_ENTRIES, PollReport
    from watchers.feeds.types import ParsedEntry
    from watchers.store.entries import NewEntry

    def batch(n: int, start: int) -> list[NewEntry]:
        return [
            NewEntry(i, 1, "https://f.example/rss", ParsedEntry(f"k{i}", f"t{i}", "a summary", None, START), START)
            for i in range(start, start + n)
        ]

    report = PollReport()
    report.add_new(batch(REPORTED_ENTRIES - 10, 0))
    other = PollReport()
    other.add_new(batch(50, REPORTED_ENTRIES))
    report.merge(other)
    report.add_new(batch(5, 2 * REPORTED_ENTRIES))
    assert report.new_count == REPORTED_ENTRIES + 45
    assert len(report.new_entries) == REPORTED_ENTRIES
    assert all(n.entry.summary == "" for n in report.new_entries)
