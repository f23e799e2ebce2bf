"""Subscriptions and the outbox: durable, at-least-once delivery bookkeeping.

Outbox rows are created in the same transaction that stores their alert (see TrackingRepository.save), so an
alert is never stored without its deliveries. Dispatchers claim due rows with a lease (FOR UPDATE SKIP LOCKED
on PostgreSQL), so two dispatchers never send the same row; a row left in "sending" by a crash returns to
"pending" when its lease runs out (or at start). Rows for one target are claimed only when every earlier row
for that target is done, so each chat receives its alerts in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.preferences import next_digest_at
from watchers.store.tables import AdminNotice, AlertRow, OutboxRow, SubscriptionRow
from watchers.tracking.state import Alert

UNSENT = ("pending", "retry", "sending")
HELD = "digest"  # waiting for its subscription's next digest; does not block the target's queue
CLAIM_LEASE = timedelta(minutes=2)


@dataclass(frozen=True)
class DeclaredSubscription:
    """A subscription as declared by the config (or, later, by a chat command)."""

    platform: str
    address: str
    thread_id: int | None
    watch_id: str | None
    kinds: tuple[str, ...]
    prefs: dict[str, Any]

    @property
    def key(self) -> str:
        return subscription_key(self.platform, self.address, self.thread_id, self.watch_id)


def subscription_key(platform: str, address: str, thread_id: int | None, watch_id: str | None) -> str:
    return f"{platform}:{address}:{thread_id if thread_id is not None else ''}:{watch_id or '*'}"


def target_key(platform: str, address: str, thread_id: int | None) -> str:
    return f"{platform}:{address}:{thread_id if thread_id is not None else ''}"


@dataclass(frozen=True)
class ClaimedDelivery:
    """An outbox row this dispatcher owns until its lease ends."""

    id: int
    kind: str
    alert_key: str | None
    notice_id: int | None
    subscription_id: int | None
    platform: str
    address: str
    thread_id: int | None
    target_key: str
    attempts: int
    message_ids: tuple[str, ...]
    prefs: dict[str, Any]
    alert_keys: tuple[str, ...] = ()
    created_at: datetime | None = None  # when the row was queued: a delivery held since then says so
    mention: dict[str, Any] | None = None  # the subscription's opt-in ping (watchers.store.mentions)


class OutboxRepository:
    """Every SQL statement about subscriptions and outbox rows."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ subscriptions

    async def sync_declared(
        self, declared: Sequence[DeclaredSubscription], *, now: datetime, source: str = "config"
    ) -> tuple[int, int]:
        """Make the table hold the subscriptions ``source`` declares; returns (added, removed).

        A declared subscription that was deactivated (bot kicked) stays inactive until re-declared differently
        or resumed by an admin: the config cannot know the bot was let back in.
        """
        added = removed = 0
        async with self._db.transaction() as session:
            rows = (
                (await session.execute(select(SubscriptionRow).where(col(SubscriptionRow.source) == source)))
                .scalars()
                .all()
            )
            existing = {row.key: row for row in rows}
            wanted = {d.key: d for d in declared}
            for key, item in wanted.items():
                row = existing.get(key)
                snapshot = {"kinds": list(item.kinds), "prefs": item.prefs}
                if row is None:
                    session.add(
                        SubscriptionRow(
                            key=key,
                            platform=item.platform,
                            address=item.address,
                            thread_id=item.thread_id,
                            watch_id=item.watch_id,
                            kinds=list(item.kinds),
                            prefs=item.prefs,
                            source=source,
                            created_at=now,
                            declared=snapshot,
                        )
                    )
                    added += 1
                elif row.declared != snapshot:
                    # The config's declaration changed (or predates snapshots): it wins. Unchanged, the row keeps
                    # what chat commands set since (settings, mute), so a restart does not undo them.
                    row.kinds = list(item.kinds)
                    row.prefs = item.prefs
                    row.declared = snapshot
            for key, row in existing.items():
                if key not in wanted:
                    await session.delete(row)
                    removed += 1
        return added, removed

    async def subscriptions(self, *, active_only: bool = False) -> list[SubscriptionRow]:
        statement = select(SubscriptionRow).order_by(col(SubscriptionRow.id))
        if active_only:
            statement = statement.where(col(SubscriptionRow.active).is_(True))
        async with self._db.session() as session:
            return list((await session.execute(statement)).scalars().all())

    async def deactivate(self, session: AsyncSession, subscription_id: int, reason: str) -> SubscriptionRow | None:
        row = await session.get(SubscriptionRow, subscription_id)
        if row is not None and row.active:
            row.active = False
            row.deactivated_reason = reason[:2000]
            return row
        return None

    async def migrate_target(self, session: AsyncSession, old_address: str, new_address: str) -> None:
        """A Telegram group became a supergroup: every subscription and pending row follows it."""
        rows = (
            (await session.execute(select(SubscriptionRow).where(col(SubscriptionRow.address) == old_address)))
            .scalars()
            .all()
        )
        for row in rows:
            row.address = new_address
            row.key = subscription_key(row.platform, new_address, row.thread_id, row.watch_id)
        pending = (
            (
                await session.execute(
                    select(OutboxRow).where(
                        col(OutboxRow.address) == old_address, col(OutboxRow.status).in_((*UNSENT, HELD))
                    )
                )
            )
            .scalars()
            .all()
        )
        for item in pending:
            item.address = new_address
            item.target_key = target_key(item.platform, new_address, item.thread_id)

    # ------------------------------------------------------------------ enqueueing

    async def enqueue_alerts(self, session: AsyncSession, alerts: Iterable[Alert], *, now: datetime) -> int:
        """One outbox row per (alert, matching active subscription), in the caller's transaction."""
        alerts = list(alerts)
        if not alerts:
            return 0
        subs = (
            (await session.execute(select(SubscriptionRow).where(col(SubscriptionRow.active).is_(True))))
            .scalars()
            .all()
        )
        count = 0
        for alert in alerts:
            for sub in subs:
                if sub.watch_id not in (None, alert.watch_id) or alert.kind not in sub.kinds:
                    continue
                if sub.watch_id is None and alert.watch_id in ((sub.prefs or {}).get("except") or ()):
                    continue  # "all but this one" (watchers.store.subscribers.excluded)
                row = _row("alert", sub, now, alert_key=alert.key)
                digest_at = next_digest_at(sub.prefs, alert.kind, now)
                if digest_at is not None:
                    row.status, row.next_attempt_at = HELD, digest_at
                session.add(row)
                count += 1
        return count

    async def enqueue_edits(self, session: AsyncSession, alert_keys: Iterable[str], *, now: datetime) -> int:
        """After corroboration: an edit for every delivery of these alerts already sent (unsent ones will
        render the new sources anyway); at most one pending edit per delivery."""
        count = 0
        for key in set(alert_keys):
            rows = (await session.execute(select(OutboxRow).where(col(OutboxRow.alert_key) == key))).scalars().all()
            pending_edits = {r.target_key for r in rows if r.kind == "edit" and r.status in UNSENT}
            for row in rows:
                if row.kind == "alert" and row.status == "sent" and row.target_key not in pending_edits:
                    edit = OutboxRow(
                        kind="edit",
                        alert_key=key,
                        subscription_id=row.subscription_id,
                        platform=row.platform,
                        address=row.address,
                        thread_id=row.thread_id,
                        target_key=row.target_key,
                        next_attempt_at=now,
                        message_ids=list(row.message_ids),
                        created_at=now,
                    )
                    session.add(edit)
                    pending_edits.add(row.target_key)
                    count += 1
        return count

    async def enqueue_notice(
        self, session: AsyncSession, notice: AdminNotice, owners: Sequence[tuple[str, str]], *, now: datetime
    ) -> int:
        """Admin notices go to every owner (platform, address) through the same outbox."""
        for platform, address in owners:
            session.add(
                OutboxRow(
                    kind="notice",
                    notice_id=notice.id,
                    platform=platform,
                    address=address,
                    target_key=target_key(platform, address, None),
                    next_attempt_at=now,
                    message_ids=[],
                    created_at=now,
                )
            )
        return len(owners)

    # ------------------------------------------------------------------ digests

    async def compose_digests(self, *, now: datetime) -> int:
        """Batch each subscription's held alerts whose digest time has come into one "digest" row.

        The held rows become "digested" in the same transaction (on PostgreSQL they are locked with SKIP
        LOCKED, so two dispatchers never compose the same digest). A lone held alert is simply released as
        itself: one alert needs no digest, and as an ordinary row it can still be edited on corroboration.
        Returns the number of digest rows created.
        """
        statement = (
            select(OutboxRow)
            .where(col(OutboxRow.status) == HELD, col(OutboxRow.next_attempt_at) <= now)
            .order_by(col(OutboxRow.id))
        )
        if self._db.dialect == "postgresql":
            statement = statement.with_for_update(skip_locked=True)
        created = 0
        async with self._db.transaction() as session:
            groups: dict[tuple[int | None, str], list[OutboxRow]] = {}
            for row in (await session.execute(statement)).scalars().all():
                groups.setdefault((row.subscription_id, row.target_key), []).append(row)
            for items in groups.values():
                if len(items) == 1:
                    items[0].status, items[0].next_attempt_at = "pending", now
                    continue
                first = items[0]
                session.add(
                    OutboxRow(
                        kind="digest",
                        alert_keys=[item.alert_key for item in items if item.alert_key],
                        subscription_id=first.subscription_id,
                        platform=first.platform,
                        address=first.address,
                        thread_id=first.thread_id,
                        target_key=first.target_key,
                        next_attempt_at=now,
                        message_ids=[],
                        created_at=now,
                    )
                )
                for item in items:
                    item.status, item.sent_at = "digested", now
                created += 1
        return created

    async def reschedule_held(self, session: AsyncSession, subscription_ids: Iterable[int], *, now: datetime) -> int:
        """After a chat changed these subscriptions' prefs (unmute, quiet hours, digest times): rows they hold
        are re-timed by the new prefs, in the caller's transaction. Pending rows become due now (the dispatcher
        holds them again if it must); digest rows wait for the new next digest time, or go now when their kind
        is no longer batched. Rows in retry keep their backoff."""
        ids = [i for i in subscription_ids]
        if not ids:
            return 0
        subs = {
            s.id: s
            for s in (await session.execute(select(SubscriptionRow).where(col(SubscriptionRow.id).in_(ids))))
            .scalars()
            .all()
        }
        rows = (
            (
                await session.execute(
                    select(OutboxRow).where(
                        col(OutboxRow.subscription_id).in_(ids), col(OutboxRow.status).in_(("pending", HELD))
                    )
                )
            )
            .scalars()
            .all()
        )
        held_keys = [r.alert_key for r in rows if r.status == HELD and r.alert_key]
        kinds: dict[str, str] = {}
        if held_keys:
            found = await session.execute(
                select(col(AlertRow.key), col(AlertRow.kind)).where(col(AlertRow.key).in_(held_keys))
            )
            kinds = {str(key): str(kind) for key, kind in found.all()}
        for row in rows:
            sub = subs.get(row.subscription_id)
            digest_at = (
                next_digest_at(sub.prefs, kinds.get(row.alert_key or "", ""), now)
                if sub is not None and row.status == HELD
                else None
            )
            if digest_at is None:
                row.status, row.next_attempt_at = "pending", now
            else:
                row.next_attempt_at = digest_at
        return len(rows)

    # ------------------------------------------------------------------ dispatching

    async def recover(self, *, now: datetime, everything: bool = True) -> int:
        """Return rows a crash left in "sending" to "pending" (all at start; else only expired leases)."""
        condition = col(OutboxRow.status) == "sending"
        if not everything:
            condition = and_(condition, col(OutboxRow.claimed_until) < now)
        async with self._db.transaction() as session:
            result = await session.execute(
                update(OutboxRow).where(condition).values(status="pending", claimed_until=None, claimed_by=None)
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def claim_due(self, now: datetime, *, limit: int, lease: timedelta = CLAIM_LEASE) -> list[ClaimedDelivery]:
        """Claim the head-of-queue row of up to ``limit`` targets whose next attempt is due."""
        earlier = aliased(OutboxRow)
        blocked = exists().where(
            col(earlier.target_key) == col(OutboxRow.target_key),
            col(earlier.id) < col(OutboxRow.id),
            col(earlier.status).in_(UNSENT),
        )
        due = (
            select(col(OutboxRow.id))
            .where(col(OutboxRow.status).in_(("pending", "retry")), col(OutboxRow.next_attempt_at) <= now, ~blocked)
            .order_by(col(OutboxRow.id))
            .limit(limit)
        )
        if self._db.dialect == "postgresql":
            due = due.with_for_update(skip_locked=True)
        statement = (
            update(OutboxRow)
            .where(col(OutboxRow.id).in_(due.scalar_subquery()))
            .values(status="sending", claimed_until=now + lease, claimed_by=self._db.replica)
            .returning(col(OutboxRow.id))
        )
        async with self._db.transaction() as session:
            ids = sorted(i for i in (await session.execute(statement)).scalars().all() if i is not None)
            if not ids:
                return []
            rows = (await session.execute(select(OutboxRow).where(col(OutboxRow.id).in_(ids)))).scalars().all()
            subs = {
                s.id: s
                for s in (
                    await session.execute(
                        select(SubscriptionRow).where(
                            col(SubscriptionRow.id).in_([r.subscription_id for r in rows if r.subscription_id])
                        )
                    )
                )
                .scalars()
                .all()
            }
        claimed = []
        for r in sorted(rows, key=lambda r: r.id or 0):
            sub = subs.get(r.subscription_id) if r.subscription_id else None
            claimed.append(
                ClaimedDelivery(
                    id=r.id or 0,
                    kind=r.kind,
                    alert_key=r.alert_key,
                    notice_id=r.notice_id,
                    subscription_id=r.subscription_id,
                    platform=r.platform,
                    address=r.address,
                    thread_id=r.thread_id,
                    target_key=r.target_key,
                    attempts=r.attempts,
                    message_ids=tuple(r.message_ids),
                    prefs=dict(sub.prefs) if sub else {},
                    alert_keys=tuple(r.alert_keys or ()),
                    created_at=r.created_at,
                    mention=dict(sub.mention) if sub and isinstance(sub.mention, dict) else None,
                )
            )
        return claimed

    async def release_claimed(self, row_ids: Sequence[int], *, now: datetime) -> int:
        """Give rows this process claimed but did not finish back to "pending" (a graceful shutdown).

        Only rows still "sending" are touched: one marked sent or retried meanwhile keeps its outcome.
        """
        async with self._db.transaction() as session:
            result = await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id).in_(list(row_ids)), col(OutboxRow.status) == "sending")
                .values(status="pending", claimed_until=None, claimed_by=None, next_attempt_at=now)
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def mark_sent(self, row_id: int, message_ids: Sequence[str], *, now: datetime) -> None:
        async with self._db.transaction() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == row_id)
                .values(
                    status="sent",
                    message_ids=list(message_ids),
                    sent_at=now,
                    claimed_until=None,
                    claimed_by=None,
                    last_error=None,
                )
            )

    async def mark_retry(self, row_id: int, error: str, *, next_attempt_at: datetime, attempts: int) -> None:
        async with self._db.transaction() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == row_id)
                .values(
                    status="retry",
                    attempts=attempts,
                    next_attempt_at=next_attempt_at,
                    claimed_until=None,
                    claimed_by=None,
                    last_error=error[:2000],
                )
            )

    async def release(self, row_id: int, *, next_attempt_at: datetime) -> None:
        """Give a claimed row back untouched (its target is held by an earlier failure or quiet hours)."""
        async with self._db.transaction() as session:
            await session.execute(
                update(OutboxRow)
                .where(col(OutboxRow.id) == row_id)
                .values(status="pending", next_attempt_at=next_attempt_at, claimed_until=None, claimed_by=None)
            )

    async def mark_dead(self, session: AsyncSession, row_id: int, error: str, *, attempts: int) -> None:
        await session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id) == row_id)
            .values(status="dead", attempts=attempts, claimed_until=None, claimed_by=None, last_error=error[:2000])
        )

    async def kill_pending_for(self, session: AsyncSession, subscription_id: int, reason: str) -> None:
        """A deactivated subscription's queued rows will never be deliverable: mark them dead."""
        await session.execute(
            update(OutboxRow)
            .where(
                col(OutboxRow.subscription_id) == subscription_id,
                col(OutboxRow.status).in_(("pending", "retry", HELD)),
            )
            .values(status="dead", last_error=reason[:2000])
        )

    async def counts(self) -> dict[str, int]:
        """Rows per status (for health and metrics)."""
        async with self._db.session() as session:
            rows = (
                await session.execute(select(col(OutboxRow.status), func.count()).group_by(col(OutboxRow.status)))
            ).all()
        return {str(status): int(n) for status, n in rows}

    async def rows(self) -> list[OutboxRow]:
        async with self._db.session() as session:
            return list((await session.execute(select(OutboxRow).order_by(col(OutboxRow.id)))).scalars().all())


def _row(kind: str, sub: SubscriptionRow, now: datetime, *, alert_key: str | None = None) -> OutboxRow:
    return OutboxRow(
        kind=kind,
        alert_key=alert_key,
        subscription_id=sub.id,
        platform=sub.platform,
        address=sub.address,
        thread_id=sub.thread_id,
        target_key=target_key(sub.platform, sub.address, sub.thread_id),
        next_attempt_at=now,
        message_ids=[],
        created_at=now,
    )
