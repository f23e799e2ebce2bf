"""Replicas known alive, and the claims of dead ones released at once.

Why: a replica claims feeds (``next_check_at`` pushed forward by a 10 min lease) and outbox rows ("sending" for a
2 min lease) before working on them. When it is killed mid-poll or mid-send, waiting out those leases would hold a
feed unpolled for 10 minutes and a chat's queue for 2 while live replicas could do the work. So every claim names
its replica (``claimed_by``, from :attr:`Database.replica`), each replica renews its own row here with its leases
(bot/roles.py: every 10 s, alive for 30 s), and any replica releases the claims of replicas whose row has expired
or is gone: the feeds are due again, the rows pending again (a send in flight at the death may then go out twice,
the documented at-least-once). A starting replica also releases claims under its own name: names are unique among
live replicas, so such claims are a previous run's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import Feed, OutboxRow, ReplicaRow

__all__ = ["ReleasedClaims", "ReplicaRepository"]


@dataclass(frozen=True)
class ReleasedClaims:
    feeds: int = 0
    deliveries: int = 0

    def __bool__(self) -> bool:
        return bool(self.feeds or self.deliveries)


class ReplicaRepository:
    """Each call is one short transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def alive(self, name: str, *, now: datetime, ttl: timedelta) -> None:
        """Record that ``name`` is alive until ``now + ttl`` (insert or renew)."""
        insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
        statement = insert(ReplicaRow).values(name=name, started_at=now, alive_until=now + ttl)
        statement = statement.on_conflict_do_update(
            index_elements=[col(ReplicaRow.name)], set_={"alive_until": now + ttl}
        )
        async with self._db.transaction() as session:
            await session.execute(statement)

    async def gone(self, name: str) -> None:
        """``name`` stopped cleanly: forget it (its claims, if any were left, are released by the others)."""
        async with self._db.transaction() as session:
            await session.execute(delete(ReplicaRow).where(col(ReplicaRow.name) == name))

    async def living(self, now: datetime) -> list[str]:
        async with self._db.session() as session:
            rows = await session.execute(
                select(col(ReplicaRow.name)).where(col(ReplicaRow.alive_until) >= now).order_by(col(ReplicaRow.name))
            )
            return list(rows.scalars().all())

    async def release_dead_claims(self, now: datetime) -> ReleasedClaims:
        """Release the claims of every replica not alive at ``now``: feeds due now, deliveries pending now."""
        living = select(col(ReplicaRow.name)).where(col(ReplicaRow.alive_until) >= now)
        return await self._release(col(Feed.claimed_by).not_in(living), col(OutboxRow.claimed_by).not_in(living), now)

    async def release_own_claims(self, name: str, now: datetime) -> ReleasedClaims:
        """At start: claims under this replica's own name were left by a previous run of it."""
        return await self._release(col(Feed.claimed_by) == name, col(OutboxRow.claimed_by) == name, now)

    async def _release(
        self, feeds_of: ColumnElement[bool], rows_of: ColumnElement[bool], now: datetime
    ) -> ReleasedClaims:
        async with self._db.transaction() as session:
            feeds = await session.execute(
                update(Feed)
                .where(and_(col(Feed.claimed_by).is_not(None), feeds_of))
                .values(next_check_at=now, claimed_by=None)
            )
            rows = await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.status) == "sending", col(OutboxRow.claimed_by).is_not(None), rows_of)
                .values(status="pending", claimed_until=None, claimed_by=None, next_attempt_at=now)
            )
        return ReleasedClaims(int(feeds.rowcount), int(rows.rowcount))  # type: ignore[attr-defined]
