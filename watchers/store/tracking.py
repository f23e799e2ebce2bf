"""Watch states, alerts and baseline history: the tracking engine's persistence.

States are read with FOR UPDATE on PostgreSQL so two replicas processing entries for the same watch serialise
instead of overwriting each other's baseline; on SQLite the writer lock plus the sink's in-process lock do it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.clock import as_utc
from watchers.store.database import Database
from watchers.store.outbox import OutboxRepository
from watchers.store.tables import AlertRow, BaselineHistoryRow, WatchStateRow
from watchers.tracking.engine import EngineResult
from watchers.tracking.sources import publisher_of, with_sources
from watchers.tracking.state import Alert, WatchState


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
        for watch_id in result.touched:
            state = states[watch_id]
            row = await session.get(WatchStateRow, watch_id)
            if row is None:
                session.add(WatchStateRow(watch_id=watch_id, state=state.to_json(), updated_at=now))
            else:
                row.state = state.to_json()
                row.updated_at = now
        added = [_alert_row(alert, now) for alert in result.alerts]
        session.add_all(added)
        await OutboxRepository(self._db).enqueue_alerts(session, result.alerts, now=now)
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


def _alert_row(alert: Alert, now: datetime) -> AlertRow:
    return AlertRow(
        key=alert.key,
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
