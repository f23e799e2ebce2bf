"""The live side of tracking: new entries from the poller and clock ticks, applied to stored states.

Runs the same TrackingEngine as replay; alerts about what happened while the bot was not running are told as a
catch-up (watchers.tracking.catchup) before they are stored. Everything one batch decides (states, alerts,
history) is written in the transaction that stores the entries, so a crash never leaves an alert without its
baseline or vice versa.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from watchers.clock import Clock
from watchers.store.database import Database
from watchers.store.entries import NewEntry
from watchers.store.tracking import TrackingRepository, alert_from_row
from watchers.tracking.catchup import fold_stale_alerts
from watchers.tracking.engine import EngineResult, EntryInput, TrackingEngine
from watchers.tracking.state import Alert

log = logging.getLogger(__name__)

AlertListener = Callable[[list[Alert]], None]


class TrackingSink:
    """An EntrySink for FeedPoller plus the deadline tick; reports committed alerts to listeners."""

    def __init__(self, db: Database, engine: TrackingEngine, clock: Clock) -> None:
        self._db = db
        self._engine = engine
        self._clock = clock
        self._repo = TrackingRepository(db)
        self._lock = asyncio.Lock()  # one engine run at a time per process: states are read-modify-write
        self._listeners: list[AlertListener] = []
        self._pending: list[Alert] = []

    @property
    def engine(self) -> TrackingEngine:
        return self._engine

    async def replace_engine(self, engine: TrackingEngine) -> None:
        """Run ``engine`` from the next batch on (the watch set changed from chat). Taken under the engine lock,
        so a batch in progress finishes with the old one; states live in the database, so none is lost, and a
        new watch starts from its baseline."""
        async with self._lock:
            self._engine = engine

    def on_alerts(self, listener: AlertListener) -> None:
        self._listeners.append(listener)

    async def __call__(self, session: AsyncSession, entries: Sequence[NewEntry], *, seeding: bool) -> None:
        """Apply a feed's new entries (oldest first) inside the poller's transaction."""
        async with self._lock:
            now = self._clock.now()
            states = await self._repo.load_states(session, self._engine.initial_states())
            result = EngineResult()
            ordered = sorted(entries, key=lambda e: (e.entry.published or now, e.id))
            for new in ordered:
                item = EntryInput(
                    new.entry.key, new.entry.title, new.entry.summary, new.entry.link, new.entry.published, new.feed_url
                )
                result.extend(self._engine.process_entry(states, item, now, seeding=seeding))
            fold_stale_alerts(result, now)  # a backlog of old news is one catch-up per watch
            rows = await self._repo.save(session, states, result, now=now)
            self._pending.extend(alert_from_row(r) for r in rows)

    def flush(self) -> list[Alert]:
        """Alerts of committed batches since the last flush (the poller commits before this is called)."""
        alerts, self._pending = self._pending, []
        for listener in self._listeners:
            listener(alerts)
        return alerts

    async def tick(self, now: datetime | None = None) -> list[Alert]:
        """Raise the deadline alerts due now, in one transaction."""
        moment = now or self._clock.now()
        # Same lock order as the poller: the database's write lock first (on SQLite a transaction takes it at its
        # first statement, BEGIN IMMEDIATE), then the engine lock. The other order deadlocks.
        async with self._db.transaction() as session:
            await session.execute(text("SELECT 1"))
            async with self._lock:
                states = await self._repo.load_states(session, self._engine.initial_states())
                result = self._engine.tick(states, moment)
                fold_stale_alerts(result, moment)  # deadlines that passed while the bot was not running
                rows = await self._repo.save(session, states, result, now=moment)
        alerts = [alert_from_row(r) for r in rows]
        for listener in self._listeners:
            listener(alerts)
        return alerts
