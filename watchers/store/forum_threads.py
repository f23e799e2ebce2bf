"""Which thread of a Discord forum channel holds which watch's alerts (the ``forum_threads`` table).

A forum channel takes no plain messages: every post opens a thread. The Discord channel opens one thread per
watch on its first alert and posts that watch's later alerts in it; the thread's id is kept here so a restart
posts into the same thread, and forgotten when Discord says the thread is gone (a new one is then opened).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlmodel import col

from watchers.store.database import Database
from watchers.store.tables import ForumThreadRow

__all__ = ["ForumThreads"]


class ForumThreads:
    """Thread ids by (forum channel id, watch key); the watch key is "" for messages of no single watch."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, forum_id: str, watch_key: str) -> str | None:
        async with self._db.session() as session:
            found = await session.execute(
                select(col(ForumThreadRow.thread_id)).where(
                    col(ForumThreadRow.forum_id) == forum_id, col(ForumThreadRow.watch_key) == watch_key
                )
            )
            return found.scalar_one_or_none()

    async def remember(self, forum_id: str, watch_key: str, thread_id: str, *, now: datetime) -> None:
        """Keep ``thread_id`` as the watch's thread (replacing a forgotten or older one)."""
        async with self._db.transaction() as session:
            row = (
                await session.execute(
                    select(ForumThreadRow).where(
                        col(ForumThreadRow.forum_id) == forum_id, col(ForumThreadRow.watch_key) == watch_key
                    )
                )
            ).scalar_one_or_none()
            if row is None:
                session.add(ForumThreadRow(forum_id=forum_id, watch_key=watch_key, thread_id=thread_id, created_at=now))
            else:
                row.thread_id, row.created_at = thread_id, now

    async def forget(self, forum_id: str, watch_key: str, thread_id: str) -> None:
        """The thread is gone (deleted on Discord): the next alert opens a new one. Only that thread is forgotten,
        so a newer one stored meanwhile stays."""
        async with self._db.transaction() as session:
            await session.execute(
                delete(ForumThreadRow).where(
                    col(ForumThreadRow.forum_id) == forum_id,
                    col(ForumThreadRow.watch_key) == watch_key,
                    col(ForumThreadRow.thread_id) == thread_id,
                )
            )
