"""Watch states, alerts and baseline history: the tracking engine's persistence.

States are read with FOR UPDATE on PostgreSQL so two replicas processing entries for the same watch serialise
instead of overwriting each other's baseline; on SQLite the writer lock plus the sink's in-process lock do it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.clock import as_utc
from watchers.store.database import Database
from watchers.store.outbox import OutboxRepository
from watchers.store.tables import AlertRow, BaselineHistoryRow, WatchStateRow
from watchers.tracking.engine import EngineResult
from watchers.tracking.sources import publisher_of, with_sources
from watchers.tracking.state import Alert, WatchState

log = logging.getLogger(__name__)


class TrackingRepository:
    """Every SQL statement about watch states, alerts and history."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load_states(
        self, session: AsyncSession, initial: Mapping[str, WatchState], *, lock: bool = True
    ) -> dict[str, WatchState]:
        """Stored states for the given watches; a watch never stored starts from its config baseline."""
        statement = select(WatchStateRow).where(col(WatchStateRow.watch_id).in_(list(initial)))
        if lock and self._db.dialect == "postgresql":
            statement = statement.with_for_update()
        rows = (await session.execute(statement)).scalars().all()
        states = dict(initial)
        for row in rows:
            states[row.watch_id] = WatchState.from_json(row.state)
        return states

    async def save(
        self, session: AsyncSession, states: Mapping[str, WatchState], result: EngineResult, *, now: datetime
    ) -> list[AlertRow]:
        """Store touched states, new alerts, corroborations and history in the caller's transaction."""
        for watch_id in result.to_store:
            state = states[watch_id]
            row = await session.get(WatchStateRow, watch_id)
            if row is None:
                session.add(WatchStateRow(watch_id=watch_id, state=state.to_json(), updated_at=now))
            else:
                row.state = state.to_json()
                row.updated_at = now
        added: list[AlertRow] = []
        stored: list[Alert] = []
        insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
        for alert in result.alerts:
            new_row = _alert_row(alert, now)
            values = {name: getattr(new_row, name) for name in _ALERT_COLUMNS}
            statement = insert(AlertRow).values(**values).on_conflict_do_nothing().returning(col(AlertRow.id))
            new_row.id = (await session.execute(statement)).scalar_one_or_none()
            if new_row.id is None:  # the same change is stored already (or its key): never a second alert
                log.warning(
                    "alert %s of %s repeats a stored change: not stored or sent again", alert.key, alert.watch_id
                )
                continue
            added.append(new_row)
            stored.append(alert)
        await OutboxRepository(self._db).enqueue_alerts(session, stored, now=now)
        await session.flush()
        corroborated: set[str] = set()
        for key, source in result.corroborations:
            alert_row = (await session.execute(select(AlertRow).where(col(AlertRow.key) == key))).scalar_one_or_none()
            if alert_row is not None and source not in alert_row.sources:
                alert_row.sources = [*alert_row.sources, source]
                alert_row.text = with_sources(alert_row.text, alert_row.sources)
                alert_row.updated_at = now
                corroborated.add(key)
        await OutboxRepository(self._db).enqueue_edits(session, corroborated, now=now)
        for item in result.history:
            session.add(
                BaselineHistoryRow(
                    watch_id=item.watch_id,
                    field_name=item.field,
                    old=item.old,
                    new=item.new,
                    at=item.at,
                    sources=list(item.sources),
                    alert_key=item.alert_key,
                    note=item.note,
                )
            )
        return added

    async def alerts_by_key(self, keys: Iterable[str]) -> dict[str, Alert]:
        statement = select(AlertRow).where(col(AlertRow.key).in_(list(keys)))
        async with self._db.session() as session:
            rows = (await session.execute(statement)).scalars().all()
        return {r.key: alert_from_row(r) for r in rows}

    async def alerts(self, *, watch_id: str | None = None, limit: int = 1000) -> list[Alert]:
        statement = select(AlertRow).order_by(col(AlertRow.at), col(AlertRow.id)).limit(limit)
        if watch_id is not None:
            statement = statement.where(col(AlertRow.watch_id) == watch_id)
        async with self._db.session() as session:
            rows = (await session.execute(statement)).scalars().all()
        return [alert_from_row(r) for r in rows]

    async def history(self, watch_id: str) -> list[BaselineHistoryRow]:
        statement = (
            select(BaselineHistoryRow)
            .where(col(BaselineHistoryRow.watch_id) == watch_id)
            .order_by(col(BaselineHistoryRow.at), col(BaselineHistoryRow.id))
        )
        async with self._db.session() as session:
            return list((await session.execute(statement)).scalars().all())

    async def states(self, watch_ids: Iterable[str]) -> dict[str, WatchState]:
        statement = select(WatchStateRow).where(col(WatchStateRow.watch_id).in_(list(watch_ids)))
        async with self._db.session() as session:
            rows = (await session.execute(statement)).scalars().all()
        return {row.watch_id: WatchState.from_json(row.state) for row in rows}


_ALERT_COLUMNS = (
    "key", "change_key", "watch_id", "kind", "at", "old", "new", "confidence", "sources", "text", "rule", "sentences",
    "created_at", "updated_at",
)  # fmt: skip


def change_key(alert: Alert) -> str:
    """The change an alert reports, as a digest: watch, kind, old and new value, and its moment."""
    parts = [alert.watch_id, alert.kind, json.dumps(alert.old, sort_keys=True, default=str),
             json.dumps(alert.new, sort_keys=True, default=str), as_utc(alert.at).isoformat()]  # fmt: skip
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def _alert_row(alert: Alert, now: datetime) -> AlertRow:
    return AlertRow(
        key=alert.key,
        change_key=change_key(alert),
        watch_id=alert.watch_id,
        kind=alert.kind,
        at=alert.at,
        old=alert.old,
        new=alert.new,
        confidence=alert.confidence,
        sources=list(alert.sources),
        text=alert.text,
        rule=alert.rule,
        sentences=list(alert.sentences),
        created_at=now,
        updated_at=now,
    )


def alert_from_row(row: AlertRow) -> Alert:
    data: dict[str, Any] = {
        "key": row.key,
        "watch_id": row.watch_id,
        "kind": row.kind,
        "at": as_utc(row.at),
        "old": row.old,
        "new": row.new,
        "confidence": row.confidence,
        "sources": list(row.sources),
        "text": row.text,
        "rule": row.rule,
        "sentences": list(row.sentences),
        "publishers": [publisher_of(s) for s in row.sources],
    }
    return Alert(**data)
