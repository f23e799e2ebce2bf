"""Storage behaviour on SQLite and PostgreSQL: migrations, pragmas, claiming, outcomes and entries."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select, text, update
from sqlmodel import SQLModel, col

from watchers.feeds.types import ParsedEntry, Validators
from watchers.store.database import Database, DatabaseUrlError, _sync_url, migrate_sync, parse_database_url
from watchers.store.entries import EntryRepository
from watchers.store.feeds import FeedOutcome, FeedRepository
from watchers.store.tables import Feed

NOW = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)


def _entry(key: str, title: str = "t") -> ParsedEntry:
    return ParsedEntry(key=key, title=title, summary="s", link=f"https://example.org/{key}", published=NOW)


async def test_migrated_schema_matches_the_models(db: Database) -> None:
    engine = create_engine(_sync_url(db.url))
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations disagree; add an Alembic revision: {diff}"


async def test_migrating_twice_and_concurrently_is_harmless(database_url: str) -> None:
    url = parse_database_url(database_url)
    await asyncio.gather(*(asyncio.to_thread(migrate_sync, url) for _ in range(3)))
    await asyncio.to_thread(migrate_sync, url)
    database = Database(database_url)
    try:
        async with database.session() as session:
            version = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
        assert version
    finally:
        await database.dispose()


async def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: object) -> None:
    database = Database(f"sqlite:///{tmp_path}/x.db")
    await database.migrate()
    try:
        async with database.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar_one() == 10_000
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
    finally:
        await database.dispose()


@pytest.mark.parametrize(
    "raw",
    ["mysql://u@h/db", "not a url", "sqlite://", ""],
)
def test_unusable_database_urls_are_explained(raw: str) -> None:
    with pytest.raises(DatabaseUrlError) as info:
        parse_database_url(raw)
    assert "DATABASE_URL" in str(info.value)


def test_database_url_passwords_are_hidden() -> None:
    database = Database("postgresql://bot:s3cretpass@127.0.0.1:5432/followup")
    assert "s3cretpass" not in database.display_url


async def test_declared_feeds_are_added_updated_and_removed(db: Database) -> None:
    feeds = FeedRepository(db)
    urls = {"https://a.example/rss": timedelta(minutes=15), "https://b.example/rss": timedelta(minutes=5)}
    assert await feeds.sync_declared(urls, now=NOW) == (2, 0, 0)
    assert await feeds.sync_declared(urls, now=NOW) == (0, 0, 0)
    urls = {"https://a.example/rss": timedelta(minutes=30), "https://c.example/rss": timedelta(minutes=5)}
    assert await feeds.sync_declared(urls, now=NOW) == (1, 1, 1)
    assert sorted(h.url for h in await feeds.health()) == ["https://a.example/rss", "https://c.example/rss"]


async def test_claiming_takes_only_due_feeds_and_leases_them(db: Database) -> None:
    feeds = FeedRepository(db)
    first = {
        "https://due.example/rss": NOW - timedelta(seconds=1),
        "https://later.example/rss": NOW + timedelta(hours=1),
    }
    await feeds.sync_declared({u: timedelta(minutes=15) for u in first}, now=NOW, first_check=first)
    claimed = await feeds.claim_due(NOW, limit=10)
    assert [c.url for c in claimed] == ["https://due.example/rss"]
    assert claimed[0].never_succeeded
    assert await feeds.claim_due(NOW, limit=10) == [], "a claimed feed is leased, not claimable again"
    again = await feeds.claim_due(NOW + timedelta(minutes=11), limit=10)
    assert [c.url for c in again] == ["https://due.example/rss"], "an expired lease (crashed poller) frees it"


async def test_concurrent_claims_never_share_a_feed(db: Database) -> None:
    feeds = FeedRepository(db)
    urls = {f"https://f{i}.example/rss": timedelta(minutes=15) for i in range(60)}
    await feeds.sync_declared(urls, now=NOW, first_check={u: NOW for u in urls})
    other = Database(db.url.render_as_string(hide_password=False))
    try:
        batches = await asyncio.gather(
            *(FeedRepository(d).claim_due(NOW, limit=7) for d in (db, other) for _ in range(6))
        )
    finally:
        await other.dispose()
    claimed = [c.id for batch in batches for c in batch]
    assert len(claimed) == len(set(claimed)), "a feed was claimed twice"
    assert len(claimed) == 60


async def test_failures_back_off_then_pause_with_an_admin_notice(db: Database) -> None:
    feeds = FeedRepository(db)
    await feeds.sync_declared({"https://bad.example/rss": timedelta(minutes=15)}, now=NOW, first_check={})
    (feed,) = await feeds.claim_due(NOW, limit=1)
    for attempt in range(3):
        outcome = FeedOutcome(feed.id, NOW, NOW + timedelta(hours=attempt), 500, None, "http", "HTTP 500")
        paused = await feeds.record_outcomes([outcome], max_failures=3)
    assert paused == ["https://bad.example/rss"]
    (health,) = await feeds.health()
    assert health.paused and health.consecutive_failures == 3 and health.last_error == "HTTP 500"
    notices = await feeds.admin_notices()
    assert len(notices) == 1 and "HTTP 500" in notices[0].message and notices[0].kind == "feed_paused"
    assert await feeds.claim_due(NOW + timedelta(days=30), limit=5) == [], "paused feeds are never claimed"
    assert await feeds.set_paused("https://bad.example/rss", False, now=NOW)
    (resumed,) = await feeds.claim_due(NOW, limit=5)
    assert resumed.consecutive_failures == 0


async def test_success_stores_validators_and_resets_failures(db: Database) -> None:
    feeds = FeedRepository(db)
    await feeds.sync_declared({"https://ok.example/rss": timedelta(minutes=15)}, now=NOW)
    (feed,) = await feeds.claim_due(NOW, limit=1)
    await feeds.record_outcomes([FeedOutcome(feed.id, NOW, NOW, 500, None, "http", "boom")], max_failures=20)
    validators = Validators('"v1"', "Tue, 25 Nov 2025 10:00:00 GMT", "ab" * 32)
    await feeds.record_outcomes([FeedOutcome(feed.id, NOW, NOW, 200, validators)], max_failures=20)
    (again,) = await feeds.claim_due(NOW, limit=1)
    assert again.validators == validators and again.consecutive_failures == 0 and not again.never_succeeded
    (health,) = await feeds.health()
    assert health.last_success_at == NOW and health.last_error is None


async def test_entries_are_new_once_and_retention_forgets_old_ones(db: Database) -> None:
    feeds, entries = FeedRepository(db), EntryRepository(db)
    await feeds.sync_declared({"https://e.example/rss": timedelta(minutes=15)}, now=NOW)
    (feed,) = await feeds.claim_due(NOW, limit=1)
    batch = [_entry("g:1"), _entry("g:2"), _entry("g:2", "duplicate key in one feed")]
    async with db.transaction() as session:
        new = await entries.add_new(session, feed_id=feed.id, feed_url=feed.url, entries=batch, now=NOW)
    assert [n.entry.key for n in new] == ["g:1", "g:2"]
    later = NOW + timedelta(days=10)
    async with db.transaction() as session:
        new = await entries.add_new(
            session, feed_id=feed.id, feed_url=feed.url, entries=[_entry("g:2"), _entry("g:3")], now=later
        )
    assert [n.entry.key for n in new] == ["g:3"]
    assert await entries.prune(seen_before=NOW + timedelta(days=1)) == 1, "only g:1 went unseen"
    recent = await entries.recent()
    assert sorted(e.key for e, _ in recent) == ["g:2", "g:3"]
    assert all(seen.tzinfo is not None for _, seen in recent)


async def test_a_failed_transaction_stores_no_entries(db: Database) -> None:
    feeds, entries = FeedRepository(db), EntryRepository(db)
    await feeds.sync_declared({"https://r.example/rss": timedelta(minutes=15)}, now=NOW)
    (feed,) = await feeds.claim_due(NOW, limit=1)
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            await entries.add_new(session, feed_id=feed.id, feed_url=feed.url, entries=[_entry("g:1")], now=NOW)
            raise RuntimeError("the tracker failed")
    async with db.transaction() as session:
        new = await entries.add_new(session, feed_id=feed.id, feed_url=feed.url, entries=[_entry("g:1")], now=NOW)
    assert len(new) == 1


async def test_concurrent_read_then_write_transactions_all_succeed(tmp_path: object) -> None:
    """SQLite: transactions that read then write must all succeed, and see each other's writes.

    A deferred transaction that has read cannot upgrade to a write lock once another connection committed
    ("database is locked" at once, whatever the busy timeout); and with pysqlite's own transaction handling
    the read is not even in the transaction (a lost update). Transactions begin IMMEDIATE, so they queue.
    """
    database = Database(f"sqlite:///{tmp_path}/concurrent.db")
    await database.migrate()
    try:
        now = datetime(2025, 1, 1, tzinfo=UTC)
        await FeedRepository(database).sync_declared({"https://a.example/feed": timedelta(minutes=15)}, now=now)

        async def read_then_write(i: int) -> None:
            async with database.transaction() as session:
                row = (await session.execute(select(col(Feed.id), col(Feed.consecutive_failures)))).one()
                await asyncio.sleep(0.001 * (i % 3))  # interleave the transactions
                await session.execute(
                    update(Feed).where(col(Feed.id) == row.id).values(consecutive_failures=row.consecutive_failures + 1)
                )

        results = await asyncio.gather(*(read_then_write(i) for i in range(30)), return_exceptions=True)
        assert [r for r in results if r is not None] == []
        async with database.session() as session:
            assert (await session.execute(select(col(Feed.consecutive_failures)))).scalar_one() == 30
    finally:
        await database.dispose()


async def test_claims_of_a_killed_poller_are_released_at_start(db: Database) -> None:
    feeds = FeedRepository(db)
    urls = {"https://killed.example/rss": timedelta(minutes=1), "https://failing.example/rss": timedelta(minutes=1)}
    await feeds.sync_declared(urls, now=NOW)
    claimed = await feeds.claim_due(NOW, limit=5)
    ok = next(c for c in claimed if c.url.startswith("https://killed"))
    bad = next(c for c in claimed if c.url.startswith("https://failing"))
    await feeds.record_outcomes(
        [
            FeedOutcome(ok.id, NOW, NOW + timedelta(minutes=1), 200),
            FeedOutcome(bad.id, NOW, NOW + timedelta(minutes=30), 500, None, "http", "boom"),
        ],
        max_failures=20,
    )
    later = NOW + timedelta(minutes=1)
    await feeds.claim_due(later, limit=5)  # claimed (lease: 10 minutes), then the process is SIGKILLed
    restart = later + timedelta(minutes=2)
    assert await feeds.release_stale_claims(restart) == 1
    again = await feeds.claim_due(restart, limit=5)
    assert [c.url for c in again] == ["https://killed.example/rss"], "the backing-off feed keeps its schedule"
