"""Stored entries read back as parsed entries, for replaying a watch over what its feeds recently carried."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlmodel import col

from watchers.clock import as_utc
from watchers.feeds.types import ParsedEntry
from watchers.store.database import Database
from watchers.store.tables import Entry, Feed

MAX_REPLAY_ENTRIES = 20_000


async def stored_entries(
    db: Database, feed_urls: Sequence[str], *, since: datetime
) -> list[tuple[str, list[ParsedEntry]]]:
    """Entries of ``feed_urls`` published (or, undated, first seen) since ``since``, grouped per feed URL."""
    statement = (
        select(col(Feed.url), Entry)
        .join(Entry, col(Entry.feed_id) == col(Feed.id))
        .where(col(Feed.url).in_(list(feed_urls)))
        .where((col(Entry.published) >= since) | (col(Entry.first_seen_at) >= since))
        .order_by(col(Entry.id))
        .limit(MAX_REPLAY_ENTRIES)
    )
    async with db.session() as session:
        rows = (await session.execute(statement)).all()
    grouped: dict[str, list[ParsedEntry]] = {}
    for url, entry in rows:
        published = as_utc(entry.published) if entry.published else None
        grouped.setdefault(url, []).append(ParsedEntry(entry.key, entry.title, entry.summary, entry.link, published))
    return list(grouped.items())
