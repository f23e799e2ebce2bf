"""Entry rows: remembering which entries each feed has shown, so each is processed exactly once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.clock import as_utc
from watchers.feeds.types import ParsedEntry
from watchers.store.database import Database
from watchers.store.tables import Entry

_IN_CHUNK = 500  # keys per IN (...) list; keeps statements well under SQLite's variable limit
# add_new runs once per changed feed per poll: it uses the Core table, not the ORM entity, which skips the ORM's
# bulk-persistence machinery (about half of its CPU time) - the statements are the same.
_ENTRIES: Table = Entry.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class NewEntry:
    """An entry seen for the first time, with the feed it came from."""

    id: int
    feed_id: int
    feed_url: str
    entry: ParsedEntry
    first_seen_at: datetime


class EntryRepository:
    """Every SQL statement about entries."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add_new(
        self,
        session: AsyncSession,
        *,
        feed_id: int,
        feed_url: str,
        entries: Sequence[ParsedEntry],
        now: datetime,
    ) -> list[NewEntry]:
        """Insert the entries this feed has not shown before and touch the others; return the new ones.

        Runs in the caller's transaction so that storing entries and acting on them commit together.
        """
        unique: dict[str, ParsedEntry] = {}
        for entry in entries:
            unique.setdefault(entry.key, entry)
        if not unique:
            return []
        keys = list(unique)
        known: set[str] = set()
        for start in range(0, len(keys), _IN_CHUNK):
            chunk = keys[start : start + _IN_CHUNK]
            # One statement touches the known entries and says which they are (RETURNING: SQLite >= 3.35, PG).
            rows = await session.execute(
                update(_ENTRIES)
                .where(_ENTRIES.c.feed_id == feed_id, _ENTRIES.c.key.in_(chunk))
                .values(last_seen_at=now)
                .returning(_ENTRIES.c.key)
            )
            known.update(rows.scalars().all())
        fresh = [unique[k] for k in keys if k not in known]
        if not fresh:
            return []
        values = [
            {
                "feed_id": feed_id,
                "key": e.key,
                "title": e.title,
                "summary": e.summary,
                "link": e.link,
                "published": e.published,
                "first_seen_at": now,
                "last_seen_at": now,
            }
            for e in fresh
        ]
        result = await session.execute(insert(_ENTRIES).returning(_ENTRIES.c.id, _ENTRIES.c.key), values)
        ids = {row.key: row.id for row in result.all()}
        return [NewEntry(ids[e.key], feed_id, feed_url, e, now) for e in fresh]

    async def prune(self, *, seen_before: datetime) -> int:
        """Forget entries no feed has shown since ``seen_before`` (bounded retention)."""
        async with self._db.transaction() as session:
            result = await session.execute(delete(Entry).where(col(Entry.last_seen_at) < seen_before))
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def recent(self, *, feed_id: int | None = None, limit: int = 100) -> list[tuple[Entry, datetime]]:
        """Newest entries first (for the CLI and health views)."""
        statement = select(Entry).order_by(col(Entry.id).desc()).limit(limit)
        if feed_id is not None:
            statement = statement.where(col(Entry.feed_id) == feed_id)
        async with self._db.session() as session:
            rows = (await session.execute(statement)).scalars().all()
        return [(row, as_utc(row.first_seen_at)) for row in rows]
