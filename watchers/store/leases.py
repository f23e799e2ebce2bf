"""Leases: a role one replica holds at a time, taken over by another when its holder stops renewing it.

Why in the database: the replicas already share PostgreSQL, which makes the compare-and-set atomic; no other
coordinator is needed. One statement does it: insert the lease, or take it over when it is ours already (a renewal)
or has expired (its holder died or lost the database). Both PostgreSQL and SQLite (3.35+) run
``INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING``; on SQLite there is one process, which always wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from watchers.clock import as_utc
from watchers.store.database import Database
from watchers.store.tables import LeaseRow

__all__ = ["Lease", "LeaseRepository"]


@dataclass(frozen=True)
class Lease:
    role: str
    holder: str
    expires_at: datetime


class LeaseRepository:
    """Acquire, renew, release and list leases; each call is one short transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def acquire(self, role: str, holder: str, *, now: datetime, ttl: timedelta) -> bool:
        """Take or renew ``role`` for ``holder`` until ``now + ttl``; False when another holder's lease is live."""
        insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
        values = insert(LeaseRow).values(role=role, holder=holder, expires_at=now + ttl, acquired_at=now)
        statement = values.on_conflict_do_update(
            index_elements=[col(LeaseRow.role)],
            set_={"holder": holder, "expires_at": now + ttl},
            where=or_(col(LeaseRow.holder) == holder, col(LeaseRow.expires_at) < now),
        ).returning(col(LeaseRow.holder))
        async with self._db.transaction() as session:
            won = (await session.execute(statement)).scalar_one_or_none()
        return won == holder

    async def release(self, role: str, holder: str) -> None:
        """Give ``role`` up (a graceful stop), so another replica need not wait for the lease to expire."""
        async with self._db.transaction() as session:
            await session.execute(delete(LeaseRow).where(col(LeaseRow.role) == role, col(LeaseRow.holder) == holder))

    async def clear(self) -> int:
        """Forget every lease (SQLite at start: one process per file, so any lease left is a dead process's)."""
        async with self._db.transaction() as session:
            result = await session.execute(delete(LeaseRow))
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def all(self) -> list[Lease]:
        async with self._db.session() as session:
            rows = (await session.execute(select(LeaseRow).order_by(col(LeaseRow.role)))).scalars().all()
        return [Lease(r.role, r.holder, as_utc(r.expires_at)) for r in rows]
