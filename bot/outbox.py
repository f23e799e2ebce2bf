"""The dispatcher: claims due outbox rows, renders them for their platform, sends, and records the outcome.

Outcomes by error type (the same for every platform):
- sent: status "sent" with the platform's message ids (kept for later edits);
- RetryableError: "retry" after max(retry_after, exponential backoff with jitter); dead after max_attempts;
- a dead row is kept (never deleted here) with its last error, and the owners get one admin notice per target
  a day; ``followup outbox`` lists, retries or drops dead rows (watchers.store.dead_deliveries);
- TargetMigrated: the subscription and queued rows move to the new chat id, and the row is resent at once;
- PermanentError: "dead"; with ``deactivate`` the subscription is switched off, its queue is closed and an
  admin notice goes to the owners through this same outbox.
A delivery pings only when its subscription opted in for the alert's kind (watchers.store.mentions, set with
``/settings mention``); every other message mentions no one.
Per subscription (watchers.store.preferences): quiet hours and a mute hold deliveries until they end (none is
dropped); in digest mode low-priority alerts wait as "digest" rows and, at each digest time, are batched into
one "digest" row delivered like any other (a lone alert is sent as itself, so it stays editable).
At-least-once: a crash between the platform accepting a message and the row being marked sent resends it
after restart. Discord drops the repeat (the nonce is derived from the row id); Telegram has no such key, so
every send still awaiting Telegram's reply when the process dies is sent again after the restart (in the
SIGKILL test, 10-15 duplicates over 20 kills with 20 chats; a send timeout can also duplicate, as Telegram may
have delivered a message whose reply never came).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from time import monotonic
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.channels.base import Channel, OutgoingMessage, PermanentError, RetryableError, Target, TargetMigrated
from bot.commands.values import moment
from bot.messages import alert_message, digest_message, notice_message
from bot.wording import article
from watchers.clock import Clock, as_utc
from watchers.store.database import Database
from watchers.store.mentions import ping_for
from watchers.store.outbox import ClaimedDelivery, OutboxRepository
from watchers.store.preferences import held_until, hold_reason
from watchers.store.tables import AdminNotice
from watchers.store.tracking import TrackingRepository

log = logging.getLogger(__name__)

T = TypeVar("T")
DELIVERY_FAILED = "delivery_failed"  # the admin notice kind for a dead delivery
HELD_MARK_AFTER = timedelta(minutes=1)  # a delivery that waited longer than this for quiet hours or a mute says so
# Called after every platform call with (platform, seconds, "ok" | "error"): send latency for metrics.
SendObserver = Callable[[str, float, str], None]


@dataclass(frozen=True)
class DispatchPolicy:
    batch_size: int = 200
    concurrency: int = 64
    max_attempts: int = 25
    base_backoff: timedelta = timedelta(seconds=5)
    max_backoff: timedelta = timedelta(hours=1)
    jitter: float = 0.2


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    held: int = 0
    errors: list[str] = field(default_factory=list)


class Dispatcher:
    """Delivers the outbox. Build one per process; several processes may share a PostgreSQL outbox."""

    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        clock: Clock,
        *,
        watch_titles: Mapping[str, str],
        owners: Sequence[tuple[str, str]] = (),
        policy: DispatchPolicy | None = None,
        rng: random.Random | None = None,
        send_observer: SendObserver | None = None,
    ) -> None:
        self._db = db
        self._channels = dict(channels)
        self._clock = clock
        self._titles = watch_titles  # live: watches added from chat get their titles without a restart
        self._owners = list(owners)
        self._policy = policy or DispatchPolicy()
        self._rng = rng or random.Random()
        self._repo = OutboxRepository(db)
        self._tracking = TrackingRepository(db)
        self._wake = asyncio.Event()
        self.send_observer = send_observer  # public: the runtime attaches metrics after building it
        self._draining = False  # shutting down: finish what is in flight, claim nothing new
        self._in_flight: dict[asyncio.Task[None], int] = {}  # delivery task -> its outbox row id

    def set_owners(self, owners: Sequence[tuple[str, str]]) -> None:
        """A reloaded config's owners get the admin notices from now on (titles are live: the registry's)."""
        self._owners = list(owners)

    def drain(self) -> None:
        """Shutting down: claim no more rows; deliveries already in flight go on (see :meth:`abandon`)."""
        self._draining = True
        self._wake.set()

    async def abandon(self) -> int:
        """Cancel the deliveries still in flight and put their rows back to "pending" for the next start.

        A row whose send completed just before the cancel keeps its "sent" status (only rows still "sending"
        are released), so abandoning never causes a resend of a message already recorded as sent.
        """
        tasks = list(self._in_flight)
        ids = list(self._in_flight.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        released = await self._repo.release_claimed(ids, now=self._clock.now()) if ids else 0
        if released:
            log.warning("outbox: %d deliveries cut short by shutdown go back to the queue", released)
        return released

    def _spawn(self, row: ClaimedDelivery, report: DispatchReport) -> asyncio.Task[None]:
        task = asyncio.create_task(self._deliver(row, report))
        self._in_flight[task] = row.id
        task.add_done_callback(lambda done: self._in_flight.pop(done, None))
        return task

    async def _timed(self, platform: str, call: Awaitable[T]) -> T:
        """Await a platform call, reporting its latency to the observer."""
        started, outcome = monotonic(), "error"
        try:
            result = await call
            outcome = "ok"
            return result
        finally:
            if self.send_observer is not None:
                with contextlib.suppress(Exception):
                    self.send_observer(platform, monotonic() - started, outcome)

    async def recover(self) -> int:
        """At start: rows a crash left in "sending" go back to "pending" (nothing is lost).

        With SQLite this process is the only one, so every "sending" row is an orphan. With PostgreSQL other
        replicas may be sending right now: only rows whose claim has expired are released (bot/roles.py)."""
        everything = self._db.dialect != "postgresql"
        count = await self._repo.recover(now=self._clock.now(), everything=everything)
        if count:
            log.warning("outbox: %d deliveries interrupted by a crash will be resent", count)
        return count

    def wake(self) -> None:
        """Something was enqueued: deliver now rather than at the next poll."""
        self._wake.set()

    async def run_forever(self, stop: asyncio.Event, *, idle: float = 0.5) -> None:
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:
                log.exception("outbox dispatch round failed; retrying shortly")
            self._wake.clear()
            waiters = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
            await asyncio.wait(waiters, timeout=idle, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()

    async def run_once(self, *, max_rounds: int = 1000) -> DispatchReport:
        """Deliver everything due now (round after round, one row per target per round, in order)."""
        report = DispatchReport()
        await self._queue_admin_notices()
        await self._repo.compose_digests(now=self._clock.now())
        await self._repo.recover(now=self._clock.now(), everything=False)
        # Claim continuously as sends finish, so one slow chat (a send hanging until its timeout) never holds
        # back the others; a target's next row becomes claimable only once its current one is done.
        in_flight: set[asyncio.Task[None]] = set()
        rounds = 0
        while rounds < max_rounds:
            room = 0 if self._draining else self._policy.concurrency - len(in_flight)
            claimed = (
                await self._repo.claim_due(self._clock.now(), limit=min(room, self._policy.batch_size)) if room else []
            )
            rounds += 1
            for row in claimed:
                in_flight.add(self._spawn(row, report))
            if not in_flight:
                break
            done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
        return report

    async def _queue_admin_notices(self) -> None:
        """Admin notices recorded by the watchers (a paused feed, a dead subscription) go to the owners."""
        now = self._clock.now()
        async with self._db.transaction() as session:
            notices = (
                (await session.execute(select(AdminNotice).where(col(AdminNotice.delivered_at).is_(None))))
                .scalars()
                .all()
            )
            for notice in notices:
                owners = self._owners or [("console", "stdout")]
                await self._repo.enqueue_notice(session, notice, owners, now=now)
                notice.delivered_at = now

    async def _message(self, row: ClaimedDelivery) -> OutgoingMessage | None:
        nonce = f"fu{row.id}"
        if row.kind == "digest":
            found = await self._tracking.alerts_by_key(list(row.alert_keys))
            alerts = [found[key] for key in row.alert_keys if key in found]
            if not alerts:
                return None
            digest = digest_message(alerts, self._titles, nonce=nonce)
            return dataclasses.replace(digest, mention=ping_for(row.mention, [a.kind for a in alerts]))
        if row.alert_key is not None:
            alert = (await self._tracking.alerts_by_key([row.alert_key])).get(row.alert_key)
            if alert is None:
                return None
            message = alert_message(alert, self._titles.get(alert.watch_id, alert.watch_id), nonce=nonce)
            if row.kind != "alert":  # an edit never pings (and Discord would not notify for one anyway)
                return message
            return dataclasses.replace(message, mention=ping_for(row.mention, [alert.kind]))
        if row.notice_id is not None:
            async with self._db.session() as session:
                notice = await session.get(AdminNotice, row.notice_id)
            return notice_message(notice, nonce=nonce) if notice is not None else None
        return None

    async def _deliver(self, row: ClaimedDelivery, report: DispatchReport) -> None:
        now = self._clock.now()
        hold = held_until(row.prefs, now)
        if hold is not None:
            await self._repo.release(row.id, next_attempt_at=hold)
            report.held += 1
            return
        channel = self._channels.get(row.platform)
        if channel is None:
            await self._retry(
                row,
                f"no {row.platform} channel is configured (is its token set?)",
                None,
                report,
                floor=self._policy.max_backoff,
            )
            return
        try:
            message = await self._message(row)
            if message is None:
                await self._dead(row, "its alert or notice no longer exists", report)
                return
            message = self._marked_if_held(row, message, now)
            target = Target(row.platform, row.address, row.thread_id)
            if row.kind == "edit":
                await self._timed(row.platform, channel.edit(target, row.message_ids, message))
                await self._repo.mark_sent(row.id, row.message_ids, now=self._clock.now())
            else:
                result = await self._timed(row.platform, channel.send(target, message))
                await self._repo.mark_sent(row.id, result.message_ids, now=self._clock.now())
            report.sent += 1
        except RetryableError as error:
            await self._retry(row, str(error), error.retry_after, report)
        except TargetMigrated as error:
            async with self._db.transaction() as session:
                await self._repo.migrate_target(session, row.address, error.new_address)
            await self._repo.release(row.id, next_attempt_at=self._clock.now())
            log.info("outbox: chat %s migrated to %s; resending", row.address, error.new_address)
        except PermanentError as error:
            await self._dead(row, str(error), report, deactivate=error.deactivate)
        except Exception as error:  # a bug in a channel: keep the row, say so loudly, retry later
            log.exception("outbox: unexpected error delivering row %d", row.id)
            await self._retry(row, f"internal error: {error!r}", None, report)

    @staticmethod
    def _marked_if_held(row: ClaimedDelivery, message: OutgoingMessage, now: datetime) -> OutgoingMessage:
        """An alert that waited for quiet hours or a mute to end says so, and since when (in the chat's zone)."""
        if row.kind not in ("alert", "digest") or row.created_at is None:
            return message
        since = as_utc(row.created_at)
        reason = hold_reason(row.prefs, since)
        if reason is None or now - since < HELD_MARK_AFTER:
            return message
        note = f"held since {moment(since, str(row.prefs.get('timezone') or '') or None)} ({reason})"
        plain = f"{message.plain_text}\n{note}" if message.plain_text else note
        return dataclasses.replace(message, details=(*message.details, note), plain_text=plain)

    async def _retry(
        self,
        row: ClaimedDelivery,
        error: str,
        retry_after: float | None,
        report: DispatchReport,
        *,
        floor: timedelta | None = None,
    ) -> None:
        attempts = row.attempts + 1
        if attempts >= self._policy.max_attempts:
            await self._dead(row, f"gave up after {attempts} attempts: {error}", report)
            return
        backoff = min(self._policy.base_backoff * (2 ** min(attempts - 1, 30)), self._policy.max_backoff)
        backoff *= self._rng.uniform(1 - self._policy.jitter, 1 + self._policy.jitter)
        delay = max(backoff, timedelta(seconds=retry_after or 0), floor or timedelta(0))
        await self._repo.mark_retry(row.id, error, next_attempt_at=self._clock.now() + delay, attempts=attempts)
        report.retried += 1
        log.info(
            "outbox: row %d to %s will be retried in %.0fs: %s", row.id, row.platform, delay.total_seconds(), error
        )

    async def _tell_owners_once(self, session: AsyncSession, row: ClaimedDelivery, error: str, now: datetime) -> None:
        """An admin notice that a delivery died, at most one per target a day (an outage kills many rows at once;
        one notice says it, `followup outbox list` shows them all). Notices themselves never raise one."""
        target = f"{row.platform} {row.address}"
        recent = await session.execute(
            select(col(AdminNotice.id)).where(
                col(AdminNotice.kind) == DELIVERY_FAILED,
                col(AdminNotice.subject) == target,
                col(AdminNotice.created_at) > now - timedelta(days=1),
            )
        )
        if recent.first() is not None:
            return
        session.add(
            AdminNotice(
                kind=DELIVERY_FAILED,
                subject=target,
                message=(
                    f"{article(row.kind)} for {target} could not be delivered: {error}. "
                    f"It is kept as dead row {row.id}: "
                    f"`followup outbox list` shows it, `followup outbox retry {row.id}` sends it again"
                ),
                created_at=now,
            )
        )

    async def _dead(
        self, row: ClaimedDelivery, error: str, report: DispatchReport, *, deactivate: bool = False
    ) -> None:
        now = self._clock.now()
        async with self._db.transaction() as session:
            await self._repo.mark_dead(session, row.id, error, attempts=row.attempts + 1)
            if not deactivate and row.kind != "notice":
                await self._tell_owners_once(session, row, error, now)
            if deactivate and row.subscription_id is not None:
                sub = await self._repo.deactivate(session, row.subscription_id, error)
                await self._repo.kill_pending_for(session, row.subscription_id, f"subscription deactivated: {error}")
                if sub is not None:
                    session.add(
                        AdminNotice(
                            kind="subscription_deactivated",
                            subject=f"{sub.platform} {sub.address}",
                            message=f"stopped delivering to {sub.platform} {sub.address}: {error}",
                            created_at=now,
                        )
                    )
        report.dead += 1
        report.errors.append(error)
        log.warning("outbox: row %d to %s %s is dead: %s", row.id, row.platform, row.address, error)
