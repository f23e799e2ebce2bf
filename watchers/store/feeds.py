"""Feed rows: declaring feeds, claiming due ones, and recording what each poll found.

The schedule's truth is the ``feeds`` table: a feed is due when ``next_check_at <= now``. Claiming moves
``next_check_at`` forward by a lease in the same statement, so a crashed poller's feeds come back by
themselves and several replicas never poll the same feed at once (PostgreSQL adds FOR UPDATE SKIP LOCKED so
concurrent claims don't even wait on each other).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.clock import as_utc
from watchers.feeds.types import Validators
from watchers.store.database import Database
from watchers.store.tables import AdminNotice, Feed

CLAIM_LEASE = timedelta(minutes=10)
FIRST_POLL_SPREAD = timedelta(seconds=60)  # new feeds' first polls are spread over at most this (bot.app)


@dataclass(frozen=True)
class ClaimedFeed:
    """A feed this poller owns until its lease runs out."""

    id: int
    url: str
    interval: timedelta
    validators: Validators
    consecutive_failures: int
    never_succeeded: bool  # its first successful poll only seeds state: no alerts from a feed's backlog
    item_fingerprints: dict[str, Any] | None = None  # watchers.feeds.incremental.ItemState, as stored


@dataclass(frozen=True)
class FeedOutcome:
    """What one poll of one feed found; ``error_kind`` None means success (changed or not)."""

    feed_id: int
    checked_at: datetime
    next_check_at: datetime
    status: int | None
    validators: Validators | None = None  # new validators after a 200; None keeps the stored ones
    error_kind: str | None = None
    error: str | None = None
    # With ``store_fingerprints``, the body's item state replaces the stored one (None clears it); otherwise
    # the stored one is kept.
    item_fingerprints: dict[str, Any] | None = None
    store_fingerprints: bool = False


@dataclass(frozen=True)
class FeedHealth:
    """A feed's state for the CLI and health checks."""

    url: str
    paused: bool
    consecutive_failures: int
    last_status: int | None
    last_error: str | None
    last_success_at: datetime | None
    next_check_at: datetime


class FeedRepository:
    """Every SQL statement about feeds."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def sync_declared(
        self,
        intervals: Mapping[str, timedelta],
        *,
        now: datetime,
        first_check: Mapping[str, datetime] | None = None,
        source: str = "config",
    ) -> tuple[int, int, int]:
        """Make the table hold exactly the feeds ``source`` declares; returns (added, updated, removed).

        New feeds are due at ``first_check[url]`` (default: now). Feeds the source no longer declares are
        deleted with their entries; feeds declared by another source (chat commands) are left alone.
        """
        async with self._db.transaction() as session:
            return await self.sync_declared_in(session, intervals, now=now, first_check=first_check, source=source)

    async def sync_declared_in(
        self,
        session: AsyncSession,
        intervals: Mapping[str, timedelta],
        *,
        now: datetime,
        first_check: Mapping[str, datetime] | None = None,
        source: str = "config",
    ) -> tuple[int, int, int]:
        """:meth:`sync_declared` in the caller's transaction (a chat command's, with its other changes)."""
        first_check = first_check or {}
        added = updated = removed = 0
        rows = (await session.execute(select(Feed).where(col(Feed.source) == source))).scalars().all()
        existing = {row.url: row for row in rows}
        for url, interval in intervals.items():
            seconds = max(1, int(interval.total_seconds()))
            row = existing.get(url)
            if row is None:
                other = (await session.execute(select(Feed).where(col(Feed.url) == url))).scalar_one_or_none()
                if other is not None:
                    continue
                session.add(
                    Feed(
                        url=url,
                        source=source,
                        interval_seconds=seconds,
                        next_check_at=first_check.get(url, now),
                        created_at=now,
                    )
                )
                added += 1
            elif row.interval_seconds != seconds:
                row.interval_seconds = seconds
                updated += 1
        stale = [row.id for url, row in existing.items() if url not in intervals]
        if stale:
            await session.execute(delete(Feed).where(col(Feed.id).in_(stale)))
            removed = len(stale)
        return added, updated, removed

    async def claim_due(
        self,
        now: datetime,
        *,
        limit: int,
        lease: timedelta = CLAIM_LEASE,
        urls: Iterable[str] | None = None,
        force: bool = False,
    ) -> list[ClaimedFeed]:
        """Claim up to ``limit`` unpaused feeds due at ``now`` (or all of ``urls`` when ``force``)."""
        due = select(col(Feed.id)).where(col(Feed.paused).is_(False))
        if urls is not None:
            due = due.where(col(Feed.url).in_(list(urls)))
        if not force:
            due = due.where(col(Feed.next_check_at) <= now)
        due = due.order_by(col(Feed.next_check_at)).limit(limit)
        if self._db.dialect == "postgresql":
            due = due.with_for_update(skip_locked=True)
        statement = (
            update(Feed)
            .where(col(Feed.id).in_(due.scalar_subquery()))
            .values(next_check_at=now + lease, claimed_by=self._db.replica)
            .returning(
                *(col(c) for c in (Feed.id, Feed.url, Feed.interval_seconds, Feed.etag)),
                *(col(c) for c in (Feed.last_modified, Feed.body_hash, Feed.consecutive_failures)),
                col(Feed.last_success_at),
                col(Feed.item_fingerprints),
            )
        )
        async with self._db.transaction() as session:
            rows = (await session.execute(statement)).all()
        return [
            ClaimedFeed(
                id=r.id,
                url=r.url,
                interval=timedelta(seconds=r.interval_seconds),
                validators=Validators(r.etag, r.last_modified, r.body_hash),
                consecutive_failures=r.consecutive_failures,
                never_succeeded=r.last_success_at is None,
                item_fingerprints=r.item_fingerprints,
            )
            for r in sorted(rows, key=lambda r: r.id)
        ]

    async def release_stale_claims(self, now: datetime) -> int:
        """At start: feeds claimed by a process that died mid-poll are made due now instead of after the lease.

        A healthy feed (no failures) whose last check is older than its interval yet whose next check is in
        the future can only be holding a dead claim; feeds backing off after failures keep their schedule.
        Meant for start-up of a single instance (another live replica's fresh claim would be polled twice).
        """
        async with self._db.transaction() as session:
            rows = (
                (
                    await session.execute(
                        select(Feed).where(
                            col(Feed.next_check_at) > now,
                            col(Feed.consecutive_failures) == 0,
                            col(Feed.paused).is_(False),
                        )
                    )
                )
                .scalars()
                .all()
            )
            released = 0
            for row in rows:
                last = as_utc(row.last_checked_at) if row.last_checked_at else None
                if last is None:
                    stale = as_utc(row.next_check_at) > now + FIRST_POLL_SPREAD  # past any first-poll spread
                else:
                    stale = last + timedelta(seconds=row.interval_seconds) < now
                if stale:
                    row.next_check_at = now
                    released += 1
        return released

    async def record_outcomes(self, outcomes: Sequence[FeedOutcome], *, max_failures: int) -> list[str]:
        """Store poll outcomes in one transaction; pause feeds that failed ``max_failures`` times in a row.

        Returns the URLs paused by this call (an admin notice was recorded for each).
        """
        if not outcomes:
            return []
        # Bulk UPDATE by primary key needs the same columns in every row of a batch: group rows by their keys.
        batches: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for outcome in outcomes:
            if outcome.error_kind is None:
                values = _success_values(outcome)
                batches.setdefault(tuple(values), []).append(values)
        failures = [o for o in outcomes if o.error_kind is not None]
        paused: list[str] = []
        async with self._db.transaction() as session:
            for batch in batches.values():
                await session.execute(update(Feed), batch)
            for outcome in failures:
                row = await session.get(Feed, outcome.feed_id)
                if row is None:
                    continue
                row.last_checked_at = outcome.checked_at
                row.next_check_at = outcome.next_check_at
                row.claimed_by = None
                row.last_status = outcome.status
                row.last_error_kind = outcome.error_kind
                row.last_error = (outcome.error or "")[:2000]
                row.consecutive_failures += 1
                if row.consecutive_failures >= max_failures and not row.paused:
                    row.paused = True
                    row.paused_reason = (
                        f"paused after {row.consecutive_failures} consecutive failures; last error: {row.last_error}"
                    )
                    session.add(
                        AdminNotice(
                            kind="feed_paused",
                            subject=row.url,
                            message=row.paused_reason,
                            created_at=outcome.checked_at,
                        )
                    )
                    paused.append(row.url)
        return paused

    async def resume_in(self, session: AsyncSession, urls: Sequence[str], *, now: datetime) -> list[str]:
        """Resume the feeds among ``urls`` paused after repeated failures (count cleared, due now), in the
        caller's transaction; returns their URLs."""
        if not urls:
            return []
        statement = select(Feed).where(col(Feed.url).in_(list(urls)), col(Feed.paused).is_(True))
        rows = (await session.execute(statement)).scalars().all()
        for row in rows:
            row.paused, row.consecutive_failures, row.paused_reason, row.next_check_at = False, 0, None, now
        return sorted(row.url for row in rows)

    async def set_paused(self, url: str, paused: bool, *, now: datetime) -> bool:
        """Pause or resume a feed by URL; resuming clears the failure count and makes it due now."""
        values: dict[str, object] = {"paused": paused}
        if not paused:
            values.update(consecutive_failures=0, paused_reason=None, next_check_at=now)
        async with self._db.transaction() as session:
            result = await session.execute(update(Feed).where(col(Feed.url) == url).values(**values))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def health(self) -> list[FeedHealth]:
        async with self._db.session() as session:
            rows = (await session.execute(select(Feed).order_by(col(Feed.url)))).scalars().all()
        return [
            FeedHealth(
                url=r.url,
                paused=r.paused,
                consecutive_failures=r.consecutive_failures,
                last_status=r.last_status,
                last_error=r.last_error,
                last_success_at=as_utc(r.last_success_at) if r.last_success_at else None,
                next_check_at=as_utc(r.next_check_at),
            )
            for r in rows
        ]

    async def count(self) -> int:
        async with self._db.session() as session:
            return int((await session.execute(select(func.count()).select_from(Feed))).scalar_one())

    async def admin_notices(self, *, undelivered_only: bool = True) -> list[AdminNotice]:
        statement = select(AdminNotice).order_by(col(AdminNotice.id))
        if undelivered_only:
            statement = statement.where(col(AdminNotice.delivered_at).is_(None))
        async with self._db.session() as session:
            return list((await session.execute(statement)).scalars().all())


def _success_values(outcome: FeedOutcome) -> dict[str, object]:
    """The columns a successful poll sets: schedule and health, plus validators and item fingerprints if new."""
    values: dict[str, object] = {
        "id": outcome.feed_id,
        "last_checked_at": outcome.checked_at,
        "last_success_at": outcome.checked_at,
        "next_check_at": outcome.next_check_at,
        "last_status": outcome.status,
        "consecutive_failures": 0,
        "last_error_kind": None,
        "last_error": None,
        "claimed_by": None,
    }
    if outcome.validators is not None:
        values.update(
            etag=outcome.validators.etag,
            last_modified=outcome.validators.last_modified,
            body_hash=outcome.validators.body_hash,
        )
        if outcome.store_fingerprints:
            values["item_fingerprints"] = outcome.item_fingerprints
    return values
