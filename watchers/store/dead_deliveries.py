"""Dead deliveries: outbox rows that used their attempts or hit a permanent error, kept so nobody loses an alert.

A row the dispatcher gives up on stays in the outbox as ``dead`` with its last error (it is never deleted by the
dispatcher): an alert a subscriber never got must stay visible until an operator decides. This module is what
operators act on, from ``followup outbox`` and chat's ``health``: list the dead rows with what they carried,
retry them (back to ``pending`` with a fresh attempt count, delivered in their target's order) or drop them.

A row whose subscription was switched off (the chat blocked the bot, the channel was deleted) is not retried:
it would only die again, and delivering to a chat that unsubscribed is wrong. Subscribing again and retrying
is the way back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import AdminNotice, AlertRow, OutboxRow, SubscriptionRow

__all__ = ["DeadDeliveries", "DeadDelivery", "RetryOutcome"]


@dataclass(frozen=True)
class DeadDelivery:
    """One dead outbox row and what it carried, for a listing."""

    id: int
    kind: str  # alert | edit | notice | digest
    platform: str
    address: str
    thread_id: int | None
    attempts: int
    error: str
    created_at: datetime
    what: str  # "soybean-purchases: value 12 million t" or the notice's subject
    subscription_active: bool

    @property
    def target(self) -> str:
        thread = f" (thread {self.thread_id})" if self.thread_id is not None else ""
        return f"{self.platform} {self.address}{thread}"


@dataclass(frozen=True)
class RetryOutcome:
    """What ``retry`` did: the rows queued again, and those left dead with why."""

    queued: tuple[int, ...]
    refused: tuple[tuple[int, str], ...]


class DeadDeliveries:
    """List, retry and drop dead outbox rows."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def count(self) -> int:
        """How many rows are dead."""
        from sqlalchemy import func

        async with self._db.session() as session:
            found = await session.execute(select(func.count()).where(col(OutboxRow.status) == "dead"))
        return int(found.scalar_one())

    async def find(self, *, limit: int | None = None, ids: Sequence[int] | None = None) -> list[DeadDelivery]:
        """Dead rows, newest first (all of them, or the first ``limit``; only ``ids`` when given)."""
        query = select(OutboxRow).where(col(OutboxRow.status) == "dead").order_by(col(OutboxRow.id).desc())
        if ids is not None:
            query = query.where(col(OutboxRow.id).in_(list(ids)))
        if limit is not None:
            query = query.limit(limit)
        async with self._db.session() as session:
            rows = list((await session.execute(query)).scalars().all())
            keys = {k for r in rows for k in ([r.alert_key] if r.alert_key else []) + list(r.alert_keys or [])}
            alerts = {
                a.key: a for a in (await session.execute(select(AlertRow).where(col(AlertRow.key).in_(keys)))).scalars()
            }
            notice_ids = [r.notice_id for r in rows if r.notice_id is not None]
            notices = {
                n.id: n
                for n in (await session.execute(select(AdminNotice).where(col(AdminNotice.id).in_(notice_ids))))
                .scalars()
                .all()
            }
            live = await _with_live_subscription(session, rows)
        listed = []
        for row in rows:
            listed.append(
                DeadDelivery(
                    id=row.id or 0,
                    kind=row.kind,
                    platform=row.platform,
                    address=row.address,
                    thread_id=row.thread_id,
                    attempts=row.attempts,
                    error=row.last_error or "",
                    created_at=row.created_at,
                    what=_what(row, alerts, notices),
                    subscription_active=row.id in live,
                )
            )
        return listed

    async def retry(self, ids: Sequence[int] | None, *, now: datetime) -> RetryOutcome:
        """Queue dead rows again (``ids``, or every dead row for None), except those whose subscription is off."""
        async with self._db.transaction() as session:
            query = select(OutboxRow).where(col(OutboxRow.status) == "dead")
            if ids is not None:
                query = query.where(col(OutboxRow.id).in_(list(ids)))
            rows = list((await session.execute(query)).scalars().all())
            live = await _with_live_subscription(session, rows)
            queued, refused = [], []
            for row in rows:
                if row.id not in live:
                    refused.append((row.id or 0, "its subscription is switched off; subscribe that chat again first"))
                    continue
                queued.append(row.id or 0)
            if queued:
                await session.execute(
                    update(OutboxRow)
                    .where(col(OutboxRow.id).in_(queued))
                    .values(status="pending", attempts=0, next_attempt_at=now, claimed_until=None, claimed_by=None)
                )
        missing = sorted(set(ids or ()) - {r.id for r in rows})
        refused += [(i, "no dead row has this id") for i in missing]
        return RetryOutcome(tuple(sorted(queued)), tuple(sorted(refused)))

    async def drop(self, ids: Sequence[int] | None) -> list[int]:
        """Delete dead rows (``ids``, or every dead row for None); the ids actually deleted."""
        async with self._db.transaction() as session:
            query = select(col(OutboxRow.id)).where(col(OutboxRow.status) == "dead")
            if ids is not None:
                query = query.where(col(OutboxRow.id).in_(list(ids)))
            found = sorted(i for i in (await session.execute(query)).scalars().all() if i is not None)
            if found:
                await session.execute(delete(OutboxRow).where(col(OutboxRow.id).in_(found)))
        return found


async def _with_live_subscription(session: AsyncSession, rows: Sequence[OutboxRow]) -> set[int | None]:
    """The ids of ``rows`` that may be delivered again: no subscription (an admin notice) or an active one."""
    sub_ids = [r.subscription_id for r in rows if r.subscription_id is not None]
    found = await session.execute(select(SubscriptionRow).where(col(SubscriptionRow.id).in_(sub_ids)))
    active = {sub.id for sub in found.scalars().all() if sub.active}
    return {row.id for row in rows if row.subscription_id is None or row.subscription_id in active}


def _what(row: OutboxRow, alerts: dict[str, AlertRow], notices: dict[int | None, AdminNotice]) -> str:
    if row.kind == "digest":
        shown = [alerts[k] for k in (row.alert_keys or []) if k in alerts]
        return f"digest of {len(row.alert_keys or [])} alerts" + (f" ({shown[0].watch_id}, ...)" if shown else "")
    if row.alert_key is not None:
        alert = alerts.get(row.alert_key)
        if alert is None:
            return "an alert no longer stored"
        first = alert.text.splitlines()[0] if alert.text else alert.kind
        return f"{alert.watch_id}: {first[:120]}"
    notice = notices.get(row.notice_id)
    return f"notice: {notice.subject[:120]}" if notice is not None else "a notice no longer stored"
