"""Bot admins added from chat. Owners are not stored here: they come from the config (``owners:``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import AdminRow


class AdminRepository:
    """Every SQL statement about the admins table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def is_admin(self, platform: str, user_id: str) -> bool:
        statement = select(col(AdminRow.id)).where(col(AdminRow.platform) == platform, col(AdminRow.user_id) == user_id)
        async with self._db.session() as session:
            return (await session.execute(statement)).first() is not None

    async def all(self) -> list[AdminRow]:
        async with self._db.session() as session:
            statement = select(AdminRow).order_by(col(AdminRow.platform), col(AdminRow.user_id))
            return list((await session.execute(statement)).scalars().all())

    async def add(self, session: AsyncSession, platform: str, user_id: str, *, by: str, now: datetime) -> bool:
        """Add an admin in the caller's transaction; False if they already were one."""
        statement = select(AdminRow).where(col(AdminRow.platform) == platform, col(AdminRow.user_id) == user_id)
        if (await session.execute(statement)).scalar_one_or_none() is not None:
            return False
        session.add(AdminRow(platform=platform, user_id=user_id, added_by=by, created_at=now))
        return True

    async def remove(self, session: AsyncSession, platform: str, user_id: str) -> bool:
        statement = select(AdminRow).where(col(AdminRow.platform) == platform, col(AdminRow.user_id) == user_id)
        row = (await session.execute(statement)).scalar_one_or_none()
        if row is None:
            return False
        await session.delete(row)
        return True
