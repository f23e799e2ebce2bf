"""Read and write :class:`ChatStateRow`: small JSON documents a chat client keeps between updates."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import ChatStateRow

__all__ = ["ChatStateRepository"]


class ChatStateRepository:
    """Every SQL statement about chat state; each call is its own short transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self, kind: str, name: str = "") -> dict[str, Any]:
        """Every stored document of ``kind`` (and ``name``), by key."""
        statement = select(ChatStateRow).where(col(ChatStateRow.kind) == kind, col(ChatStateRow.name) == name)
        async with self._db.session() as session:
            return {row.key: row.data for row in (await session.execute(statement)).scalars().all()}

    async def put(self, kind: str, name: str, key: str, data: Any) -> None:
        """Store ``data`` under (kind, name, key), replacing what was there."""
        async with self._db.transaction() as session:
            found = await session.execute(
                select(ChatStateRow).where(
                    col(ChatStateRow.kind) == kind, col(ChatStateRow.name) == name, col(ChatStateRow.key) == key
                )
            )
            row = found.scalar_one_or_none()
            now = datetime.now(UTC)
            if row is None:
                session.add(ChatStateRow(kind=kind, name=name, key=key, data=data, updated_at=now))
            else:
                row.data, row.updated_at = data, now

    async def drop(self, kind: str, name: str, key: str) -> None:
        """Forget (kind, name, key)."""
        async with self._db.transaction() as session:
            await session.execute(
                delete(ChatStateRow).where(
                    col(ChatStateRow.kind) == kind, col(ChatStateRow.name) == name, col(ChatStateRow.key) == key
                )
            )
