"""The audit log: who ran which command where, what came of it, and what it changed (before/after)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import AuditRow

Outcome = Literal["accepted", "refused", "invalid", "error"]
MAX_DETAIL = 4000


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    platform: str
    user_id: str
    chat: str
    command: str
    arguments: dict[str, Any]
    outcome: Outcome
    detail: str
    before: Any = None
    after: Any = None


class AuditRepository:
    """Writes audit rows (in the command's own transaction for accepted changes) and reads them back."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, session: AsyncSession, entry: AuditEntry) -> None:
        session.add(
            AuditRow(
                at=entry.at,
                platform=entry.platform,
                user_id=entry.user_id,
                chat=entry.chat[:2048],
                command=entry.command[:64],
                arguments={k: str(v)[:500] for k, v in entry.arguments.items()},
                outcome=entry.outcome,
                detail=entry.detail[:MAX_DETAIL],
                before=entry.before,
                after=entry.after,
            )
        )

    async def record(self, entry: AuditEntry) -> None:
        """Write one row in its own transaction (refusals and failures, whose command wrote nothing)."""
        async with self._db.transaction() as session:
            self.add(session, entry)

    async def recent(self, *, limit: int = 100, command: str | None = None) -> list[AuditRow]:
        statement = select(AuditRow).order_by(col(AuditRow.id).desc()).limit(limit)
        if command is not None:
            statement = statement.where(col(AuditRow.command) == command)
        async with self._db.session() as session:
            return list((await session.execute(statement)).scalars().all())
