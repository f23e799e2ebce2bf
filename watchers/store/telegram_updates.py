"""Webhook updates claimed once: ``claim(update_id)`` is True for the first replica to receive an update only."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import TelegramUpdateRow

__all__ = ["TelegramUpdates"]

KEEP = timedelta(days=2)  # Telegram gives up retrying an update within a day


class TelegramUpdates:
    """The ``telegram_updates`` table: one row per update handled."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(self, update_id: int, *, now: datetime) -> bool:
        """Record ``update_id`` as handled here; False when it was handled already (a retry, maybe elsewhere)."""
        insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
        statement = (
            insert(TelegramUpdateRow)
            .values(update_id=update_id, received_at=now)
            .on_conflict_do_nothing()
            .returning(col(TelegramUpdateRow.update_id))
        )
        async with self._db.transaction() as session:
            claimed = (await session.execute(statement)).scalar_one_or_none()
            if update_id % 100 == 0:  # now and then, forget what Telegram can no longer retry
                await session.execute(delete(TelegramUpdateRow).where(col(TelegramUpdateRow.received_at) < now - KEEP))
        return claimed is not None
