"""The watches table: which watches the bot runs, from the config file and from chat commands.

Every statement takes the caller's session, so a command changes a watch, the feeds it declares and its
audit row in one transaction (nothing half-written when any part fails).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import case, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.clock import as_utc
from watchers.config.dump import watch_to_config
from watchers.config.schema import WatchConfig
from watchers.store.database import Database
from watchers.store.tables import WatchRow, WatchStateRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredWatch:
    """A watch row with its definition validated."""

    config: WatchConfig
    source: str
    paused: bool
    updated_at: datetime
    updated_by: str | None

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def active(self) -> bool:
        """Polled and tracked: enabled in its definition and not paused from chat."""
        return self.config.enabled and not self.paused


@dataclass(frozen=True)
class ConfigSync:
    """What :meth:`WatchRepository.sync_config` changed, and which config watches chat edits override."""

    added: int
    updated: int
    removed: int
    overridden: tuple[str, ...]


class WatchRepository:
    """Every SQL statement about the watches table."""

    async def rows(self, session: AsyncSession, *, with_removed: bool = False) -> list[WatchRow]:
        statement = select(WatchRow).order_by(col(WatchRow.id))
        if not with_removed:
            statement = statement.where(col(WatchRow.removed).is_(False))
        return list((await session.execute(statement)).scalars().all())

    async def fingerprint(self, db: Database) -> tuple[object, ...]:
        """(rows, latest update, paused and removed counts): changes whenever any watch is added, edited, paused,
        resumed or removed, by any process."""
        from sqlalchemy import func

        statement = select(
            func.count(),
            func.max(col(WatchRow.updated_at)),
            func.sum(case((col(WatchRow.paused), 1), else_=0)),
            func.sum(case((col(WatchRow.removed), 1), else_=0)),
        )
        async with db.session() as session:
            return tuple((await session.execute(statement)).one())

    async def load(self, session: AsyncSession) -> list[StoredWatch]:
        """Every watch not removed; a definition the current schema rejects is logged and skipped."""
        watches: list[StoredWatch] = []
        for row in await self.rows(session):
            stored = to_stored(row)
            if stored is not None:
                watches.append(stored)
        return watches

    async def put(
        self, session: AsyncSession, watch: WatchConfig, *, source: str, by: str | None, now: datetime
    ) -> WatchRow:
        """Insert or replace ``watch`` (a removed one comes back); ``paused`` is kept."""
        row = await session.get(WatchRow, watch.id)
        definition = watch_to_config(watch)
        if row is None:
            row = WatchRow(
                id=watch.id, definition=definition, source=source, created_at=now, updated_at=now, updated_by=by
            )
            session.add(row)
        else:
            row.definition = definition
            row.source = source
            row.removed = False
            row.updated_at = now
            row.updated_by = by
        return row

    async def set_paused(self, session: AsyncSession, watch_id: str, paused: bool, *, by: str, now: datetime) -> None:
        row = await session.get(WatchRow, watch_id)
        if row is not None:
            row.paused = paused
            row.updated_at = now
            row.updated_by = by

    async def remove(
        self, session: AsyncSession, watch_id: str, *, by: str, now: datetime, config_ids: set[str]
    ) -> None:
        """Delete a chat watch; a watch the config declares keeps a tombstone so a restart does not revive it.

        Its tracking state goes too (a watch added again under the same id starts from its new baseline); its
        alerts and baseline history stay.
        """
        row = await session.get(WatchRow, watch_id)
        if row is None:
            return
        await session.execute(delete(WatchStateRow).where(col(WatchStateRow.watch_id) == watch_id))
        if watch_id in config_ids:
            row.removed = True
            row.source = "chat"
            row.updated_at = now
            row.updated_by = by
        else:
            await session.delete(row)

    async def sync_config(self, session: AsyncSession, watches: Sequence[WatchConfig], *, now: datetime) -> ConfigSync:
        """Make the config's watches rows of source "config"; rows a chat command changed (source "chat") win.

        A config watch the file no longer has is deleted unless chat changed it (then it is the chat's now).
        """
        existing = {row.id: row for row in await self.rows(session, with_removed=True)}
        wanted = {w.id: w for w in watches}
        added = updated = removed = 0
        overridden: list[str] = []
        for watch_id, watch in wanted.items():
            row = existing.get(watch_id)
            if row is None:
                await self.put(session, watch, source="config", by=None, now=now)
                added += 1
            elif row.source == "config":
                definition = watch_to_config(watch)
                if row.definition != definition:
                    row.definition = definition
                    row.updated_at = now
                    updated += 1
            else:
                overridden.append(watch_id)
        for watch_id, row in existing.items():
            if watch_id not in wanted and row.source == "config":
                await session.delete(row)
                removed += 1
        return ConfigSync(added, updated, removed, tuple(overridden))


def to_stored(row: WatchRow) -> StoredWatch | None:
    try:
        config = WatchConfig.model_validate(row.definition)
    except ValidationError as exc:
        log.error("watch %s in the database is not valid any more and is skipped: %s", row.id, exc)
        return None
    return StoredWatch(config, row.source, row.paused, as_utc(row.updated_at), row.updated_by)
